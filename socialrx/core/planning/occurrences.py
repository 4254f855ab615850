"""Occurrences: on which days each recurring entry of the strategy falls.

Every period (ISO week, fortnight from a fixed epoch, month, quarter, year) is worked
out whole, then cut to the days asked for, so a day's occurrences never depend on the
date range being planned.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from zoneinfo import ZoneInfo

from socialrx.core.strategy import Strategy
from socialrx.core.strategy.cadence import WEEKDAYS

from .model import ExistingPost
from .periods import days_between, periods_overlapping, spread_pick
from .sources import PlanSource
from .words import stable_hash, topic_words


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One day on which a source wants a slot; `ordinal` counts slots of the source that day."""

    day: date
    priority: int
    ordinal: int
    source: PlanSource


@dataclass(frozen=True)
class OccurrenceRules:
    """What decides the days: blocked days, weekday fit and ad-hoc posts already made."""

    blocked: frozenset[date]
    day_fit: dict[str, tuple[int, ...]]
    open_weekdays: dict[str, frozenset[int]]
    adhoc: dict[str, list[date]]


def occurrence_rules(
    strategy: Strategy,
    sources: Sequence[PlanSource],
    *,
    holidays: Collection[date],
    existing: Sequence[ExistingPost],
) -> OccurrenceRules:
    """Return the rules for placing a strategy's sources on days."""
    blocked = set(holidays)
    for blackout in strategy.blackouts:
        blocked.update(days_between(blackout.start, blackout.end))
    platforms = {s.platform for s in sources}
    theme_words = {
        (weekday, platform): topic_words(strategy.theme_for_weekday(weekday, platform))
        for weekday in range(7)
        for platform in platforms
    }
    day_fit = {s.key: tuple(len(s.words & theme_words[(d, s.platform)]) for d in range(7)) for s in sources}
    open_weekdays = {
        platform: frozenset(d for d in range(7) if d < 5 or strategy.theme_for_weekday(d, platform))
        for platform in platforms
    }
    return OccurrenceRules(frozenset(blocked), day_fit, open_weekdays, _adhoc_index(strategy, existing))


def _adhoc_index(strategy: Strategy, existing: Sequence[ExistingPost]) -> dict[str, list[date]]:
    zone = ZoneInfo(strategy.organisation.timezone)
    index: dict[str, list[date]] = defaultdict(list)
    for post in existing:
        if post.slot_id is None and post.content_type and post.start is not None:
            index[f"{post.platform}/{post.content_type}"].append(post.start.astimezone(zone).date())
    return {key: sorted(days) for key, days in index.items()}


def source_occurrences(
    source: PlanSource, priority: int, first: date, last: date, rules: OccurrenceRules
) -> list[Occurrence]:
    """Return the occurrences of one recurring source on the days first..last."""
    if source.cadence.per == "day":
        return _daily(source, priority, first, last, rules)
    found = []
    for start, end in periods_overlapping(first, last, source.cadence.per):
        for day in _days_in_period(source, start, end, rules):
            if first <= day <= last:
                found.append(Occurrence(day, priority, 0, source))
    return found


def count_in_period(source: PlanSource, period_start: date) -> int:
    """Return how many items a source has in the period starting on a day (min..max, stable)."""
    low, high = source.cadence.min, source.cadence.max
    if low == high:
        return low
    return low + stable_hash(source.key, period_start.isoformat()) % (high - low + 1)


def _daily(source: PlanSource, priority: int, first: date, last: date, rules: OccurrenceRules) -> list[Occurrence]:
    weekdays = {WEEKDAYS.index(d) for d in source.cadence.weekdays} or set(range(7))
    found = []
    for day in days_between(first, last):
        if day.weekday() in weekdays and day not in rules.blocked:
            count = count_in_period(source, day) - _adhoc_count(source, day, day, rules)
            found.extend(Occurrence(day, priority, n, source) for n in range(count))
    return found


def _days_in_period(source: PlanSource, start: date, end: date, rules: OccurrenceRules) -> list[date]:
    count = count_in_period(source, start) - _adhoc_count(source, start, end, rules)
    if count <= 0:
        return []
    days = [d for d in days_between(start, end) if d not in rules.blocked]
    if source.cadence.weekdays:
        pinned = {WEEKDAYS.index(d) for d in source.cadence.weekdays}
        pool = [d for d in days if d.weekday() in pinned]
    else:
        open_days = rules.open_weekdays.get(source.platform, frozenset(range(5)))
        pool = [d for d in days if d.weekday() in open_days]
        pool = pool if len(pool) >= count else days
    fit = rules.day_fit[source.key]
    phase = stable_hash(source.key) % 1024 / 1023
    return spread_pick(pool, count, lambda day: fit[day.weekday()], phase)


def _adhoc_count(source: PlanSource, start: date, end: date, rules: OccurrenceRules) -> int:
    days = rules.adhoc.get(source.key)
    if not days or source.kind != "cadence":
        return 0
    return bisect.bisect_right(days, end) - bisect.bisect_left(days, start)


def nearest_open_day(day: date, step: int, rules: OccurrenceRules, platform: str) -> date | None:
    """Return the first day from `day` on, moving by `step` days, that is open and not blocked."""
    open_days = rules.open_weekdays.get(platform, frozenset(range(5)))
    for _ in range(14):
        if day not in rules.blocked and day.weekday() in open_days:
            return day
        day += timedelta(days=step)
    return None
