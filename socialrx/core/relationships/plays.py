"""A tier's engagement plays as suggested next actions with due dates, and handle matching."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, timedelta

from socialrx.core.strategy.schema import InfluencerTier


@dataclass(frozen=True, slots=True)
class SuggestedPlay:
    """One play of a contact's tier, suggested as the next thing to do with them, and when."""

    play: str
    due: date
    overdue: bool


def next_plays(
    tier: InfluencerTier, last_interaction: date | None, today: date, *, recent_plays: Collection[str] = ()
) -> tuple[SuggestedPlay, ...]:
    """Return the tier's plays in the order to do them, each with its due date.

    The plays rotate. Plays done recently (``recent_plays``: those logged in the last
    ``len(plays) * play_interval_days`` days) go to the back of the queue. The first play
    is due ``play_interval_days`` after the last interaction (today when there was none),
    each following play one interval after the one before.
    """
    interval = timedelta(days=tier.play_interval_days)
    recent = {p.casefold() for p in recent_plays}
    ordered = [p for p in tier.plays if p.casefold() not in recent] + [p for p in tier.plays if p.casefold() in recent]
    first_due = last_interaction + interval if last_interaction is not None else today
    return tuple(
        SuggestedPlay(play=play, due=first_due + interval * i, overdue=first_due + interval * i < today)
        for i, play in enumerate(ordered)
    )


def recent_window(tier: InfluencerTier) -> timedelta:
    """Return how far back a logged play counts as recent for the rotation."""
    return timedelta(days=tier.play_interval_days * max(1, len(tier.plays)))


_URL_PREFIX = re.compile(r"^(?:https?://)?(?:www\.)?(?:x\.com|twitter\.com|linkedin\.com/in|linkedin\.com/company)/", re.I)


def normalise_handle(value: str) -> str:
    """Return a handle in the form mentions are compared by: no URL, no '@', lower case ("@DrLee" -> "drlee")."""
    text = _URL_PREFIX.sub("", value.strip()).strip("/")
    return text.lstrip("@").casefold()
