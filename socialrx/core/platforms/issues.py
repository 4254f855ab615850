"""The problem a platform rule reports about one variant of a post."""

from dataclasses import dataclass
from typing import Literal

Severity = Literal["block", "review", "info"]


@dataclass(frozen=True)
class PlatformIssue:
    """One broken or doubtful platform rule, in plain words with the numbers.

    ``start`` and ``end`` are Python string indices into the checked field when the
    problem has a place; ``field`` names that field (``text``, ``title``, ``tags`` …).
    """

    rule: str
    message: str
    severity: Severity
    field: str = "text"
    start: int | None = None
    end: int | None = None
