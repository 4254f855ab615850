"""Business-hours arithmetic for inbox response targets (pure: no database).

A response target of ``n`` hours counts only the hours the team works: between ``opens``
and ``closes`` on the working weekdays, in the strategy's time zone. A mention that arrives
on Friday evening with a 4-hour target is due at 13:00 on Monday.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

MAX_DAYS_SCANNED = 366 * 2


@dataclass(frozen=True)
class BusinessHours:
    """Working hours: a time zone, the opening and closing time, and the working weekdays (0 = Monday)."""

    zone: str = "UTC"
    opens: time = time(9)
    closes: time = time(17)
    weekdays: frozenset[int] = frozenset({0, 1, 2, 3, 4})

    def __post_init__(self) -> None:
        if self.closes <= self.opens:
            raise ValueError("business hours must close after they open")
        if not self.weekdays or not self.weekdays <= set(range(7)):
            raise ValueError("business hours need at least one weekday between 0 (Monday) and 6 (Sunday)")

    def _window(self, day) -> tuple[datetime, datetime]:
        tz = ZoneInfo(self.zone)
        return datetime.combine(day, self.opens, tz), datetime.combine(day, self.closes, tz)

    def windows_from(self, start: datetime):
        """Yield the working windows (open, close) that end after ``start``, in order."""
        local = start.astimezone(ZoneInfo(self.zone))
        day = local.date()
        for _ in range(MAX_DAYS_SCANNED):
            if day.weekday() in self.weekdays:
                opens, closes = self._window(day)
                if closes > start:
                    yield max(opens, start), closes
            day += timedelta(days=1)


def add_business_hours(start: datetime, hours: float, business: BusinessHours) -> datetime:
    """Return the moment ``hours`` working hours after ``start``."""
    if start.tzinfo is None:
        raise ValueError("start must be timezone-aware")
    remaining = timedelta(hours=hours)
    for opens, closes in business.windows_from(start):
        if opens + remaining <= closes:
            return opens + remaining
        remaining -= closes - opens
    raise ValueError("no working hours found within two years")


def business_hours_between(start: datetime, end: datetime, business: BusinessHours) -> float:
    """Return the working hours between ``start`` and ``end`` (0 when ``end`` is not later)."""
    if end <= start:
        return 0.0
    total = timedelta()
    for opens, closes in business.windows_from(start):
        if opens >= end:
            break
        total += min(closes, end) - opens
    return total.total_seconds() / 3600
