"""Review states and transitions, with no ORM."""

from .review import (
    DECISIONS,
    Decision,
    Outcome,
    PostFacts,
    ReviewForbidden,
    ReviewRefused,
    TaskState,
    active_index,
    apply_decision,
    check_decision,
    check_override,
    check_submission,
    start_tasks,
    tasks_for,
)
from .revisions import content_hash

__all__ = [
    "DECISIONS",
    "Decision",
    "Outcome",
    "PostFacts",
    "ReviewForbidden",
    "ReviewRefused",
    "TaskState",
    "active_index",
    "apply_decision",
    "check_decision",
    "check_override",
    "check_submission",
    "content_hash",
    "start_tasks",
    "tasks_for",
]
