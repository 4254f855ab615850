"""Event slots: live coverage on each event day, a promotion before and a recap after."""

from __future__ import annotations

from datetime import date, timedelta

from socialrx.core.strategy import Cadence, Strategy
from socialrx.core.strategy.schema import Event

from .occurrences import Occurrence, OccurrenceRules, count_in_period, nearest_open_day
from .periods import days_between
from .sources import PlanSource
from .words import slug, topic_words

PROMOTION_LEAD = timedelta(days=7)
_ONCE = Cadence(min=1, max=1, per="day")


def event_occurrences(
    strategy: Strategy, first: date, last: date, rules: OccurrenceRules, priority: int
) -> list[Occurrence]:
    """Return the occurrences of every event's slots on the days first..last."""
    found = []
    for event in strategy.events:
        if event.end < first - PROMOTION_LEAD - timedelta(days=14) or event.start > last + PROMOTION_LEAD:
            continue
        for platform in event.platforms or tuple(p.key for p in strategy.platforms):
            found += _live(strategy, event, platform, rules, priority)
            found += _around(event, platform, rules, priority)
    return [o for o in found if first <= o.day <= last]


def event_key(event: Event) -> str:
    """Return the stable key of an event: its name and start date."""
    return f"{slug(event.name)}_{event.start:%Y%m%d}"


def _source(
    event: Event,
    platform: str,
    role: str,
    *,
    content_type: str,
    cadence: Cadence,
    words: frozenset[str],
    format: str = "post",
) -> PlanSource:
    return PlanSource(
        key=f"{platform}/event.{event_key(event)}.{role}",
        kind="event",
        platform=platform,
        cadence=cadence,
        content_type=content_type,
        format=format,
        label=f"{platform} {event.name} {role}",
        words=words | topic_words(event.name),
        event=event.name,
        event_hashtags=event.hashtags,
    )


def _live(strategy: Strategy, event: Event, platform: str, rules: OccurrenceRules, priority: int) -> list[Occurrence]:
    found = []
    content_types = next((p.content_types for p in strategy.platforms if p.key == platform), ())
    for item in content_types:
        if not item.live_event:
            continue
        words = topic_words(item.name, item.description)
        source = _source(
            event, platform, f"live.{item.key}", content_type=item.key, cadence=item.cadence, words=words, format=item.format
        )
        for day in days_between(event.start, event.end):
            if day not in rules.blocked:
                found += [Occurrence(day, priority, n, source) for n in range(count_in_period(source, day))]
    return found


def _around(event: Event, platform: str, rules: OccurrenceRules, priority: int) -> list[Occurrence]:
    found = []
    promotion_day = nearest_open_day(event.start - PROMOTION_LEAD, -1, rules, platform)
    recap_day = nearest_open_day(event.end + timedelta(days=1), 1, rules, platform)
    for role, day in (("promotion", promotion_day), ("recap", recap_day)):
        if day is not None:
            words = topic_words("event", "highlights" if role == "recap" else "promotion")
            source = _source(event, platform, role, content_type=f"event_{role}", cadence=_ONCE, words=words)
            found.append(Occurrence(day, priority, 0, source))
    return found
