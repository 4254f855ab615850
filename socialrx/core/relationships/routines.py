"""Community routine occurrences (planned slots) tracked as done, missed or upcoming."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from socialrx.core.planning import Slot


@dataclass(frozen=True, slots=True)
class RoutineOccurrence:
    slot_id: str
    routine: str
    group: str
    start: datetime
    status: Literal["done", "missed", "upcoming"]


def routine_occurrences(
    slots: Sequence[Slot], done_slot_ids: Collection[str], today: date
) -> tuple[RoutineOccurrence, ...]:
    """Return the routine slots with their status.

    A slot is done when its id is in ``done_slot_ids`` (a post in it was published, or a
    person marked it done), missed when its day is before ``today`` and it is not done,
    upcoming otherwise.
    """
    found = []
    for slot in slots:
        if slot.source != "routine":
            continue
        status = "done" if slot.id in done_slot_ids else "missed" if slot.day < today else "upcoming"
        found.append(RoutineOccurrence(slot.id, slot.routine or "", slot.group or "", slot.start, status))
    return tuple(found)
