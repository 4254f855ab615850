"""Paid pacing: spend against a monthly budget, month-end projections, cost per lead and click."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from socialrx.core.analytics.formulas import days_in_month, ratio
from socialrx.core.analytics.imports.ads import AdSpendDay

PacingFlag = Literal["under", "on_pace", "over"]


@dataclass(frozen=True)
class PacingReport:
    """Where one budget stands on `as_of` (spend counted through that day)."""

    budget: float
    spend_to_date: float
    expected_to_date: float
    pacing_index: float
    projected_linear: float
    projected_by_weekday: float
    cost_per_lead: float | None
    cost_per_click: float | None
    flag: PacingFlag


def pace_budget(
    rows: Iterable[AdSpendDay],
    *,
    budget: float,
    as_of: date,
    platform: str | None = None,
    under: float = 0.9,
    over: float = 1.1,
) -> PacingReport:
    """Return pacing for `as_of`'s month (optionally one platform's rows).

    Expected spend = budget x elapsed days / days in month; pacing index = actual / expected,
    flagged under below `under` and over above `over`. The linear projection is the daily
    run rate times the days in the month; the weekday projection adds, for each remaining day,
    the average spend seen so far on that weekday (falling back to the run rate).
    """
    if budget <= 0:
        raise ValueError("budget must be positive")
    month_rows = [
        row for row in rows
        if row.day.year == as_of.year and row.day.month == as_of.month and row.day <= as_of
        and (platform is None or row.platform == platform.lower())
    ]
    spend = sum(row.spend for row in month_rows)
    total_days, elapsed = days_in_month(as_of), as_of.day
    expected = budget * elapsed / total_days
    index = spend / expected
    leads = sum(row.leads for row in month_rows)
    clicks = sum(row.clicks for row in month_rows)
    flag: PacingFlag = "under" if index < under else "over" if index > over else "on_pace"
    return PacingReport(
        budget=budget,
        spend_to_date=spend,
        expected_to_date=expected,
        pacing_index=index,
        projected_linear=spend / elapsed * total_days,
        projected_by_weekday=spend + _remaining_by_weekday(month_rows, as_of, spend / elapsed),
        cost_per_lead=ratio(spend, leads) if leads else None,
        cost_per_click=ratio(spend, clicks) if clicks else None,
        flag=flag,
    )


def _remaining_by_weekday(rows: list[AdSpendDay], as_of: date, run_rate: float) -> float:
    daily: dict[date, float] = {}
    for row in rows:
        daily[row.day] = daily.get(row.day, 0.0) + row.spend
    by_weekday: dict[int, list[float]] = {}
    for offset in range(as_of.day):
        day = as_of.replace(day=offset + 1)
        by_weekday.setdefault(day.weekday(), []).append(daily.get(day, 0.0))
    remaining = 0.0
    for day_number in range(as_of.day + 1, days_in_month(as_of) + 1):
        seen = by_weekday.get(as_of.replace(day=day_number).weekday())
        remaining += sum(seen) / len(seen) if seen else run_rate
    return remaining
