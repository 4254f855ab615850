"""Review workflow rules: which tasks a post needs, who may decide, and what a decision does.

No ORM here: the server maps its rows to these frozen values and back.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from socialrx.core.strategy.schema import ReviewSelector, ReviewSettings, ReviewTaskSpec

TaskStatus = Literal["waiting", "active", "approved", "changes_requested", "rejected", "cancelled", "expired"]
Decision = Literal["approve", "request_changes", "reject"]
Outcome = Literal["in_progress", "approved", "changes_requested", "rejected"]
DECISIONS: tuple[Decision, ...] = ("approve", "request_changes", "reject")


class ReviewRefused(Exception):
    """A review action that the rules do not allow; the message says why in plain words."""


class ReviewForbidden(ReviewRefused):
    """A review action this person may not take at all (missing capability, own post, not a named approver)."""


@dataclass(frozen=True)
class PostFacts:
    """What the workflow selection looks at."""

    pillar: str = ""
    channels: frozenset[str] = frozenset()
    content_type: str = ""
    paid: bool = False
    patient_story: bool = False


@dataclass(frozen=True)
class TaskState:
    """One task of a running workflow."""

    key: str
    name: str
    capability: str
    mode: Literal["any", "all"]
    status: TaskStatus
    required: frozenset[int] = frozenset()  # people who must all approve (mode "all")
    approvals: frozenset[int] = frozenset()


def _selector_matches(when: ReviewSelector, facts: PostFacts) -> bool:
    if when.pillars and facts.pillar not in when.pillars:
        return False
    if when.platforms and not facts.channels & set(when.platforms):
        return False
    if when.content_types and facts.content_type not in when.content_types:
        return False
    if when.paid is not None and when.paid != facts.paid:
        return False
    return when.patient_story is None or when.patient_story == facts.patient_story


def tasks_for(settings: ReviewSettings, facts: PostFacts, *, crisis: bool = False) -> tuple[ReviewTaskSpec, ...]:
    """Return the ordered tasks a post needs: the base tasks, with rule tasks before final approval."""
    if crisis and settings.crisis_tasks:
        return settings.crisis_tasks
    extra = [task for rule in settings.rules if _selector_matches(rule.when, facts) for task in rule.tasks]
    base = list(settings.tasks)
    final_at = next((i for i, t in enumerate(base) if t.capability == "approve_final"), len(base))
    return tuple(base[:final_at] + extra + base[final_at:])


def start_tasks(specs: tuple[ReviewTaskSpec, ...], holders: dict[str, frozenset[int]]) -> tuple[TaskState, ...]:
    """Return the task states of a new workflow: the first task active, the rest waiting.

    `holders` maps each capability to the people who hold it now; a task in mode "all"
    needs every one of them (as they were when the workflow started).
    """
    if not specs:
        raise ReviewRefused("This workflow has no tasks.")
    return tuple(
        TaskState(
            key=spec.key,
            name=spec.name,
            capability=spec.capability,
            mode=spec.mode,
            status="active" if i == 0 else "waiting",
            required=holders.get(spec.capability, frozenset()) if spec.mode == "all" else frozenset(),
        )
        for i, spec in enumerate(specs)
    )


def active_index(tasks: tuple[TaskState, ...]) -> int | None:
    """Return the position of the task waiting for a decision, if any."""
    return next((i for i, t in enumerate(tasks) if t.status == "active"), None)


def check_decision(
    task: TaskState,
    *,
    actor_id: int,
    actor_capabilities: frozenset[str],
    author_ids: frozenset[int],
    decision: str,
    comment: str,
) -> None:
    """Raise ReviewRefused unless this person may make this decision on this task now."""
    if decision not in DECISIONS:
        raise ReviewRefused(f"Unknown decision {decision!r}; choose approve, request_changes or reject.")
    if task.status != "active":
        raise ReviewRefused(f"The task '{task.name}' is not waiting for a decision (it is {task.status.replace('_', ' ')}).")
    if task.capability not in actor_capabilities:
        raise ReviewForbidden(f"Your roles do not allow '{task.name}' ({task.capability.replace('_', ' ')}).")
    if actor_id in author_ids:
        raise ReviewForbidden("Nobody reviews or approves their own post.")
    if task.mode == "all" and task.required and actor_id not in task.required:
        raise ReviewForbidden(f"'{task.name}' needs the approvers named when review started; you are not one of them.")
    if actor_id in task.approvals:
        raise ReviewRefused(f"You have already approved '{task.name}'.")
    if decision != "approve" and not comment.strip():
        raise ReviewRefused("Say what needs to change: a comment is required to request changes or reject.")


def apply_decision(
    tasks: tuple[TaskState, ...], *, actor_id: int, decision: Decision
) -> tuple[tuple[TaskState, ...], Outcome]:
    """Return the tasks after a (checked) decision on the active task, and the workflow's outcome."""
    index = active_index(tasks)
    if index is None:
        raise ReviewRefused("No task is waiting for a decision.")
    task = tasks[index]
    updated = list(tasks)
    if decision == "approve":
        approvals = task.approvals | {actor_id}
        done = task.mode == "any" or approvals >= task.required
        updated[index] = replace(task, approvals=approvals, status="approved" if done else "active")
        if not done:
            return tuple(updated), "in_progress"
        if index + 1 < len(updated):
            updated[index + 1] = replace(updated[index + 1], status="active")
            return tuple(updated), "in_progress"
        return tuple(updated), "approved"
    status: TaskStatus = "changes_requested" if decision == "request_changes" else "rejected"
    updated[index] = replace(task, status=status)
    for later in range(index + 1, len(updated)):
        updated[later] = replace(updated[later], status="cancelled")
    return tuple(updated), "changes_requested" if decision == "request_changes" else "rejected"


def check_submission(*, verdict: str, has_override: bool) -> None:
    """Refuse to start review while a blocking compliance finding stands without an override."""
    if verdict == "block" and not has_override:
        raise ReviewRefused(
            "A blocking compliance finding stands. Fix it, or ask someone with the override permission "
            "to record a written reason."
        )


def check_override(*, actor_capabilities: frozenset[str], reason: str, verdict: str) -> None:
    """Refuse an override by someone without the permission, or without a written reason."""
    if "override_compliance" not in actor_capabilities:
        raise ReviewForbidden("Only a role with the override permission can override a blocking finding.")
    if verdict != "block":
        raise ReviewRefused("There is no blocking finding to override on this revision.")
    if len(reason.strip()) < 10:
        raise ReviewRefused("Write the reason for the override (at least a sentence).")
