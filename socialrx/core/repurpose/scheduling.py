"""Place a set of drafts into the planner's empty slots on the same networks."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import datetime

from socialrx.core.planning import Slot
from socialrx.core.repurpose.model import Draft

FORMAT_FITS = {
    "thread": {"thread", "post"},
    "video_clips": {"short_video", "video", "thread", "post"},
    "article_excerpt": {"article", "post", "document"},
    "video_post": {"video", "short_video", "post"},
    "full_video": {"video", "short_video", "live"},
    "video_breakdown": {"video", "short_video"},
}
"""Slot formats each draft format suits best; other formats of the same network come after them."""


def place_drafts(
    drafts: Iterable[Draft],
    slots: Sequence[Slot],
    *,
    taken: Collection[str] = (),
    after: datetime,
    pillar: str = "",
    series: str = "",
) -> dict[str, Slot | None]:
    """Return the slot for each draft key: the best empty slot on its network after ``after``, or None.

    Slots are ranked by series, then pillar (both inherited from the source), then format fit,
    then time. A slot holds one draft; drafts without a free slot stay unscheduled.
    """
    used = set(taken)
    placed: dict[str, Slot | None] = {}
    for draft in drafts:
        free = [slot for slot in slots if slot.platform == draft.channel and slot.id not in used and slot.start > after]
        fits = FORMAT_FITS.get(draft.format, set())
        free.sort(key=lambda slot: (bool(series) and slot.series != series, bool(pillar) and slot.pillar != pillar,
                                    slot.format not in fits, slot.start))
        chosen = free[0] if free else None
        if chosen is not None:
            used.add(chosen.id)
        placed[draft.key] = chosen
    return placed
