"""Posting times: the strategy's defaults, or the best hours learned from past engagement."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from socialrx.core.strategy import Strategy

from .model import EngagementRow

MIN_HISTORY_ROWS = 30
# A cell of the hour-of-week grid is pulled towards the platform's mean as if it had this many
# more posts at the mean rate, so one lucky post does not decide the schedule.
PRIOR_POSTS = 3
EXTRA_SLOT_SPACING = timedelta(minutes=45)
LAST_MINUTE_OF_DAY = 23 * 60 + 55
DEFAULT_TIMES = ("09:00",)

WeekTimes = tuple[tuple[time, ...], ...]  # for Monday..Sunday, the times to use, best first


def posting_times(strategy: Strategy, history: Sequence[EngagementRow]) -> dict[str, WeekTimes]:
    """Return, per platform, the posting times of each weekday, best first.

    A platform with at least MIN_HISTORY_ROWS rows of history gets the hours with the
    highest engagement rate for each weekday (as many as it has default times); the
    others keep the strategy's `posting_times`.
    """
    zone = ZoneInfo(strategy.organisation.timezone)
    rows_by_platform: dict[str, list[EngagementRow]] = defaultdict(list)
    for row in history:
        if row.impressions > 0:
            rows_by_platform[row.platform].append(row)
    result = {}
    for platform in strategy.platforms:
        defaults = tuple(_parse_time(text) for text in platform.posting_times)
        rows = rows_by_platform.get(platform.key, [])
        if len(rows) < MIN_HISTORY_ROWS:
            result[platform.key] = (defaults,) * 7
        else:
            result[platform.key] = _learned_times(rows, zone, defaults)
    return result


def default_week_times() -> WeekTimes:
    """Return the times used for a platform the strategy does not list."""
    return (tuple(_parse_time(text) for text in DEFAULT_TIMES),) * 7


def _parse_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _learned_times(rows: list[EngagementRow], zone: ZoneInfo, defaults: tuple[time, ...]) -> WeekTimes:
    rates: dict[tuple[int, int], list[float]] = defaultdict(list)
    for row in rows:
        local = row.published_at.astimezone(zone)
        rates[(local.weekday(), local.hour)].append(row.engagements / row.impressions)
    mean = sum(sum(cell) for cell in rates.values()) / sum(len(cell) for cell in rates.values())
    score = {cell: (sum(values) + PRIOR_POSTS * mean) / (len(values) + PRIOR_POSTS) for cell, values in rates.items()}
    by_hour: dict[int, list[float]] = defaultdict(list)
    for (_, hour), values in rates.items():
        by_hour[hour].extend(values)
    hour_score = {h: (sum(v) + PRIOR_POSTS * mean) / (len(v) + PRIOR_POSTS) for h, v in by_hour.items()}
    hours_overall = sorted(hour_score, key=lambda h: (-hour_score[h], h))
    week = []
    for weekday in range(7):
        ranked = sorted((h for (d, h) in score if d == weekday), key=lambda h: (-score[(weekday, h)], h))
        hours = list(dict.fromkeys(ranked + hours_overall))[: len(defaults)]
        week.append(tuple(time(hour) for hour in hours))
    return tuple(week)


def slot_start(day: date, times: tuple[time, ...], index: int, zone: ZoneInfo) -> datetime:
    """Return the start of the `index`-th slot of a day on one platform, in the zone.

    Slots beyond the list of times repeat it, EXTRA_SLOT_SPACING later each round. A
    wall time that does not exist (the hour skipped when clocks go forward) moves to
    the real time it denotes.
    """
    base = times[index % len(times)]
    minutes = base.hour * 60 + base.minute + (index // len(times)) * int(EXTRA_SLOT_SPACING.total_seconds() // 60)
    minutes = min(minutes, LAST_MINUTE_OF_DAY)
    local = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=zone)
    return local.astimezone(UTC).astimezone(zone)
