"""The planner's data: slots, the history and posts it reads, and the diff of a re-plan."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

SlotSource = Literal["cadence", "series", "routine", "event"]


@dataclass(frozen=True, slots=True)
class Slot:
    """One planned place for a post: a network, a time and what the strategy wants there.

    `id` is built from the slot's source (platform and content type, series item,
    routine or event) and the date it falls on, so planning the same strategy again
    gives the same ids whatever the date range asked for. `hashtags` are the strategy's
    hashtags for the slot (an event's own first), written out, not the names of their sets.
    """

    id: str
    platform: str
    start: datetime
    content_type: str
    format: str
    pillar: str
    monthly_theme: str
    weekday_theme: str
    source: SlotSource
    strategy_version: str = ""
    series: str | None = None
    series_item: str = ""
    routine: str | None = None
    group: str | None = None
    event: str | None = None
    hashtags: tuple[str, ...] = ()

    @property
    def source_key(self) -> str:
        """Return the key of the strategy entry this slot comes from ("linkedin/trends")."""
        return self.id.rsplit("/", 2)[0]

    @property
    def day(self) -> date:
        """Return the slot's date in the strategy's timezone."""
        return self.start.date()


@dataclass(frozen=True, slots=True)
class EngagementRow:
    """One published post's result, used to learn the best hours to post."""

    platform: str
    published_at: datetime
    impressions: int
    engagements: int


@dataclass(frozen=True, slots=True)
class ExistingPost:
    """A post already written or scheduled: bound to a slot, or ad hoc (`slot_id` None)."""

    id: str
    platform: str
    start: datetime | None = None
    slot_id: str | None = None
    content_type: str | None = None
    pillar: str | None = None


@dataclass(frozen=True, slots=True)
class PlanDiff:
    """What a re-plan changes: slots to create, slots to delete and slots left as they are."""

    added: tuple[Slot, ...]
    removed: tuple[Slot, ...]
    kept: tuple[Slot, ...]
