"""Relationship health from recency and reciprocity.

The score (0-100) is ``round(100 * (0.6 * recency + 0.4 * reciprocity))``:

- recency ``= 0.5 ** (days since the last interaction / tier's play interval)``: 1.0 on
  the day of an interaction, 0.5 one interval later, 0 when there was never one;
- reciprocity is the balance of who reached out over the last year:
  ``1 - |ours - theirs| / (ours + theirs)``, where an outbound interaction is ours, an
  inbound one theirs, and a mutual one (a meeting, a co-authored piece) counts for both;
  0 with no interactions.

Labels: strong from 70, warm from 40, cooling from 15, else cold.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

Direction = Literal["inbound", "outbound", "mutual"]
RECIPROCITY_WINDOW = timedelta(days=365)
RECENCY_WEIGHT, RECIPROCITY_WEIGHT = 0.6, 0.4


@dataclass(frozen=True, slots=True)
class InteractionFact:
    """When an interaction happened and who started it."""

    day: date
    direction: Direction


@dataclass(frozen=True, slots=True)
class RelationshipHealth:
    score: int
    recency: float
    reciprocity: float
    label: Literal["strong", "warm", "cooling", "cold"]
    last_interaction: date | None


def relationship_health(facts: Sequence[InteractionFact], today: date, interval_days: int) -> RelationshipHealth:
    """Return the health of a relationship from its interactions (see the module docstring)."""
    past = [f for f in facts if f.day <= today]
    last = max((f.day for f in past), default=None)
    recency = 0.5 ** ((today - last).days / interval_days) if last is not None else 0.0
    window = [f for f in past if today - f.day <= RECIPROCITY_WINDOW]
    ours = sum(1 for f in window if f.direction in ("outbound", "mutual"))
    theirs = sum(1 for f in window if f.direction in ("inbound", "mutual"))
    reciprocity = 1 - abs(ours - theirs) / (ours + theirs) if ours + theirs else 0.0
    score = round(100 * (RECENCY_WEIGHT * recency + RECIPROCITY_WEIGHT * reciprocity))
    label = "strong" if score >= 70 else "warm" if score >= 40 else "cooling" if score >= 15 else "cold"
    return RelationshipHealth(score, round(recency, 3), round(reciprocity, 3), label, last)
