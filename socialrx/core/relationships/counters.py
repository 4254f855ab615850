"""Brand counters against the strategy's targets: speaking requests per period, media mention growth."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from socialrx.core.strategy.schema import Kpi


@dataclass(frozen=True, slots=True)
class Counter:
    """One counter: the value so far in its period, the target and whether it is met."""

    key: str
    name: str
    value: float | None
    target: float | None
    unit: str
    period_start: date
    period_end: date
    met: bool | None
    detail: str


def period_bounds(period: str, today: date) -> tuple[date, date]:
    """Return the first and last day of the calendar month, quarter or year holding ``today``."""
    if period == "month":
        first = today.replace(day=1)
    elif period == "quarter":
        first = date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    else:
        first = date(today.year, 1, 1)
    months = {"month": 1, "quarter": 3}.get(period, 12)
    month_index = first.month - 1 + months
    following = date(first.year + month_index // 12, month_index % 12 + 1, 1)
    return first, following - timedelta(days=1)


def _met(kpi: Kpi, value: float | None) -> bool | None:
    if kpi.target is None or value is None:
        return None
    return value >= kpi.target if kpi.comparison == "at_least" else value <= kpi.target


def speaking_requests_counter(kpi: Kpi, days: Sequence[date], today: date) -> Counter:
    """Count the speaking requests received in the KPI's current period (seed: 12 a quarter)."""
    first, last = period_bounds(kpi.period, today)
    count = sum(1 for d in days if first <= d <= last)
    detail = f"{count} of {kpi.target:g} this {kpi.period}" if kpi.target is not None else f"{count} this {kpi.period}"
    return Counter(kpi.key, kpi.name, count, kpi.target, kpi.unit, first, last, _met(kpi, count), detail)


def media_mention_growth_counter(kpi: Kpi, days: Sequence[date], today: date) -> Counter:
    """Return the growth (%) of media mentions in the last 365 days over the 365 days before."""
    year = timedelta(days=365)
    current = sum(1 for d in days if today - year < d <= today)
    previous = sum(1 for d in days if today - 2 * year < d <= today - year)
    growth = (current - previous) / previous * 100 if previous else None
    detail = f"{current} in the last 12 months, {previous} in the 12 before"
    if growth is None:
        detail += " (no earlier mentions to compare with)"
    return Counter(kpi.key, kpi.name, None if growth is None else round(growth, 1), kpi.target, kpi.unit,
                   today - year + timedelta(days=1), today, _met(kpi, growth), detail)  # fmt: skip
