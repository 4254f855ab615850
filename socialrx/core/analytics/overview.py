"""Every KPI of a strategy against its target, and each follower target's outlook, from monthly figures.

The server aggregates stored rows into `MeasuredMonth`s (sums per network and month); this module
turns them into KPI values (through `kpi_metrics`), statuses, trends and forecast sentences. Percent targets are written
as numbers of percent in the strategy (15 = 15 %) and compared with fractions here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.forecast import months_between
from socialrx.core.analytics.formulas import ENGAGEMENT_DEFINITIONS, days_in_month
from socialrx.core.analytics.kpi_metrics import (
    METRICS,
    MeasuredMonth,
    custom_value,
    manual_series,
    needs,
)
from socialrx.core.analytics.status import KpiState, TargetOutlook, TrendDirection, kpi_status, target_outlook
from socialrx.core.strategy.schema import Kpi, Strategy

CUMULATIVE_UNITS = frozenset({"count", "hours", "money"})
HISTORY_MONTHS = 6


@dataclass(frozen=True)
class KpiResult:
    """A strategy KPI in one month: target and actual in display units, status and trend."""

    key: str
    name: str
    group: str
    network: str | None
    unit: str
    period: str
    target: float | None
    actual: float | None
    state: KpiState | None
    attainment: float | None
    trend: TrendDirection | None
    improving: bool | None
    history: tuple[float, ...]
    note: str = ""


@dataclass(frozen=True)
class FollowerOutlookResult:
    """A follower or subscriber target: where the count is and whether the date will be met."""

    network: str
    metric: str
    target: int
    deadline: date
    current: int | None
    as_of: date
    required_growth: float | None
    trailing_growth: float | None
    median_at_deadline: float | None
    lower_at_deadline: float | None
    upper_at_deadline: float | None
    probability: float | None
    state: KpiState | None
    method: str
    text: str


def period_progress(kpi: Kpi, month: date, as_of: date) -> float:
    """Return how far through its period a cumulative KPI is on `as_of` (1 for a finished period)."""
    if kpi.period == "year":
        start, end = date(month.year, 1, 1), date(month.year, 12, 31)
    elif kpi.period == "quarter":
        first = (month.month - 1) // 3 * 3 + 1
        start = date(month.year, first, 1)
        end = date(month.year, first + 2, days_in_month(date(month.year, first + 2, 1)))
    else:
        start, end = month, month.replace(day=days_in_month(month))
    if as_of >= end:
        return 1.0
    if as_of < start:
        return 0.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def evaluate_kpi(kpi: Kpi, months: Sequence[MeasuredMonth], *, as_of: date) -> KpiResult:
    """Return one KPI for the last month of `months` (earlier months give its trend).

    The value comes from imported data when the metric can be computed, else from a value entered by
    hand for the KPI; without either the result says what would supply it (never a 0).
    """
    def empty(history: tuple[float, ...], note: str) -> KpiResult:
        return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, kpi.target, None,
                         None, None, None, None, history, note)

    if not months:
        return empty((), needs(kpi))
    scale = 100.0 if kpi.unit == "percent" else 1.0
    last = len(months) - 1
    values = [kpi_value(kpi, months, index) for index in range(max(0, last - HISTORY_MONTHS + 1), last + 1)]
    # Rounded so that 11,500 / 10,000 - 1 reads as exactly 15 %, not 14.999999999999998 %.
    history = tuple(round(value * scale, 9) for value in values if value is not None)
    if values[-1] is None:
        return empty(history, needs(kpi))
    actual = round(values[-1], 11) * scale
    if kpi.target is None:
        return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, None, actual,
                         None, None, None, None, history, "tracked (no target)")
    cumulative = kpi.unit in CUMULATIVE_UNITS and kpi.period in ("month", "quarter", "year")
    status = kpi_status(kpi.target, actual, comparison=kpi.comparison, cumulative=cumulative,
                        period_progress=period_progress(kpi, months[last].month, as_of) if cumulative else 1.0,
                        history=history)
    return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, kpi.target, actual,
                     status.state, status.attainment, status.trend, status.improving, history, definition(kpi))


def definition(kpi: Kpi) -> str:
    """Return what an engagement-rate KPI counts as an engagement on its network (empty for other KPIs)."""
    counted = ENGAGEMENT_DEFINITIONS.get(kpi.platform or "") if kpi.metric == "engagement_rate" else None
    return f"engagements / impressions; engagements = {counted}" if counted else ""


def kpi_value(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    """Return a KPI's value in one month as a fraction, count, hours or money (None when unmeasured).

    A value entered by hand (series `manual.<kpi key>`, in display units) fills a month the
    imports do not measure.
    """
    if kpi.metric == "custom":
        value = custom_value(kpi, months, index)
    else:
        value = METRICS[kpi.metric](kpi, months, index) if kpi.metric in METRICS else None
    if value is None:
        entered = months[index].series.get(manual_series(kpi))
        if entered is not None:
            return entered / 100 if kpi.unit == "percent" else entered
    elif kpi.metric == "custom" and kpi.unit == "percent" and kpi.per is None:
        return value / 100
    return value


def evaluate_kpis(strategy: Strategy, months: Sequence[MeasuredMonth], *, as_of: date) -> tuple[KpiResult, ...]:
    """Return every KPI of the strategy for the last of `months`, in the strategy's order."""
    return tuple(evaluate_kpi(kpi, months, as_of=as_of) for kpi in strategy.kpis)


def follower_outlook(
    network: str, metric: str, target: int, deadline: date, month_ends: Sequence[tuple[date, int]], *, as_of: date
) -> FollowerOutlookResult:
    """Return required growth, forecast and P(target met) for one follower target, with a sentence."""
    counts = [count for _, count in month_ends if count > 0]
    if not counts:
        return FollowerOutlookResult(network, metric, target, deadline, None, as_of, None, None, None, None, None,
                                     None, None, "none", f"no {metric} counts yet to judge {target:,} by "
                                     f"{_day_label(deadline)}")
    current = counts[-1]
    if as_of > deadline:
        met = current >= target
        return FollowerOutlookResult(
            network, metric, target, deadline, current, as_of, None, None, None, None, None,
            1.0 if met else 0.0, "on_track" if met else "off_track", "none",
            f"target date {_day_label(deadline)} has passed: {current:,} {metric}, target {target:,} "
            f"{'met' if met else 'missed'}",
        )
    outlook = target_outlook(counts, target, today=as_of, target_date=deadline)
    return _outlook_result(network, metric, target, deadline, current, as_of, outlook)


def _outlook_result(
    network: str, metric: str, target: int, deadline: date, current: int, as_of: date, outlook: TargetOutlook
) -> FollowerOutlookResult:
    forecast = outlook.forecast
    has_forecast = bool(forecast.median) and current < target
    text = outlook_sentence(current, target, deadline, as_of, outlook.required_growth, outlook.probability)
    return FollowerOutlookResult(
        network, metric, target, deadline, current, as_of, outlook.required_growth, outlook.trailing_growth,
        forecast.median[-1] if has_forecast else None, forecast.lower[-1] if has_forecast else None,
        forecast.upper[-1] if has_forecast else None, outlook.probability, outlook.state, forecast.method, text,
    )


def outlook_sentence(
    current: int, target: int, deadline: date, as_of: date, required: float, probability: float | None
) -> str:
    """Return e.g. "needs 9.8%/month to reach 25,000 by Dec 31 2025; 23% likely"."""
    if current >= target:
        return f"{current:,} already meets {target:,} (due {_day_label(deadline)})"
    months_left = months_between(as_of, deadline)
    text = f"needs {required * 100:.1f}%/month to reach {target:,} by {_day_label(deadline)}"
    if months_left < 1:
        text += f" ({max(months_left, 0) * 30.4:.0f} days left)"
    if probability is not None:
        text += f"; {probability * 100:.0f}% likely"
    return text


def _day_label(day: date) -> str:
    return f"{day:%b} {day.day} {day.year}"
