"""Calendar periods (ISO weeks, fixed fortnights, months, quarters, years) and picking days in them."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from datetime import date, timedelta

from socialrx.core.strategy.cadence import Period

# Fortnights are counted from this Monday so that every date range sees the same fortnights.
FORTNIGHT_EPOCH = date(2001, 1, 1)
ONE_DAY = timedelta(days=1)


def period_bounds(day: date, per: Period) -> tuple[date, date]:
    """Return the first and last day of the period of kind `per` that contains `day`."""
    if per == "day":
        return day, day
    if per == "week":
        first = day - timedelta(days=day.weekday())
        return first, first + timedelta(days=6)
    if per == "fortnight":
        first = FORTNIGHT_EPOCH + timedelta(days=(day - FORTNIGHT_EPOCH).days // 14 * 14)
        return first, first + timedelta(days=13)
    if per == "month":
        return day.replace(day=1), month_end(day)
    if per == "quarter":
        first = date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
        return first, month_end(date(day.year, first.month + 2, 1))
    return date(day.year, 1, 1), date(day.year, 12, 31)


def month_end(day: date) -> date:
    """Return the last day of the month that contains `day`."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - ONE_DAY


def periods_overlapping(first: date, last: date, per: Period) -> Iterator[tuple[date, date]]:
    """Yield the whole periods of kind `per` that overlap the days first..last."""
    start, end = period_bounds(first, per)
    while start <= last:
        yield start, end
        start, end = period_bounds(end + ONE_DAY, per)


def period_label(start: date, per: Period) -> str:
    """Return a readable name of a period ("2026-W05", "2026-03", "2026-Q1")."""
    year, week, _ = start.isocalendar()
    if per == "day":
        return start.isoformat()
    if per == "week":
        return f"{year}-W{week:02d}"
    if per == "fortnight":
        end_year, end_week, _ = (start + timedelta(days=7)).isocalendar()
        return f"{year}-W{week:02d}/{end_year}-W{end_week:02d}"
    if per == "month":
        return f"{start.year}-{start.month:02d}"
    if per == "quarter":
        return f"{start.year}-Q{(start.month - 1) // 3 + 1}"
    return str(start.year)


def days_between(first: date, last: date) -> list[date]:
    """Return every day from first to last, both included."""
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def spread_pick(pool: Sequence[date], count: int, score: Callable[[date], int], phase: float) -> list[date]:
    """Return `count` days of a sorted pool: the best-scoring day of each of `count` equal stretches.

    Within a stretch, ties go to the day nearest the `phase` position (0..1), so that
    different content with no preference lands on different days.
    """
    count = min(count, len(pool))
    chosen = []
    size, extra = divmod(len(pool), count) if count else (0, 0)
    offset = 0
    for index in range(count):
        stretch = pool[offset : offset + size + (1 if index < extra else 0)]
        offset += len(stretch)
        aim = phase * (len(stretch) - 1)
        best = max(range(len(stretch)), key=lambda i: (score(stretch[i]), -abs(i - aim), -i))
        chosen.append(stretch[best])
    return chosen
