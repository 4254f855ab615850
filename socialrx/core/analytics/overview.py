"""Every KPI of a strategy against its target, and each follower target's outlook, from monthly figures.

The server aggregates stored rows into `MeasuredMonth`s (sums per network and month); this module
turns them into KPI values, statuses, trends and forecast sentences. Percent targets are written
as numbers of percent in the strategy (15 = 15 %) and compared with fractions here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from socialrx.core.analytics.forecast import months_between
from socialrx.core.analytics.kpis import days_in_month, ratio
from socialrx.core.analytics.status import KpiState, TargetOutlook, TrendDirection, kpi_status, target_outlook
from socialrx.core.strategy.schema import Kpi, Strategy

CUMULATIVE_UNITS = frozenset({"count", "hours", "money"})
HISTORY_MONTHS = 6


@dataclass(frozen=True)
class NetworkMonth:
    """One network's sums over one calendar month; `followers_end` is the last known total in it."""

    network: str
    month: date
    followers_end: int | None = None
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    video_views: int = 0
    watch_time_hours: float = 0.0
    viewed_share: float | None = None


@dataclass(frozen=True)
class MeasuredMonth:
    """What was measured in one calendar month across networks, web traffic and the CRM."""

    month: date
    networks: Mapping[str, NetworkMonth] = field(default_factory=dict)
    social_leads: int = 0
    leads_by_network: Mapping[str, int] = field(default_factory=dict)
    social_opportunities: int = 0
    sessions_total: int = 0
    sessions_social: int = 0
    social_sessions_by_network: Mapping[str, int] = field(default_factory=dict)
    influenced_revenue: float = 0.0


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


MetricFn = Callable[[Kpi, Sequence[MeasuredMonth], int], "float | None"]


def _network(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> NetworkMonth | None:
    return months[index].networks.get(kpi.platform or "")


def _follower_growth(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    if index == 0:
        return None
    now, before = _network(kpi, months, index), _network(kpi, months, index - 1)
    if now is None or before is None or not now.followers_end or not before.followers_end:
        return None
    return now.followers_end / before.followers_end - 1


def _new_followers(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    if index == 0:
        return None
    now, before = _network(kpi, months, index), _network(kpi, months, index - 1)
    if now is None or before is None or now.followers_end is None or before.followers_end is None:
        return None
    return float(now.followers_end - before.followers_end)


def _engagement_rate(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return ratio(figures.engagements, figures.impressions) if figures and figures.impressions else None


def _click_through(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return ratio(figures.clicks, figures.impressions) if figures and figures.impressions else None


def _completion(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return figures.viewed_share if figures else None


def _watch_time(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return figures.watch_time_hours if figures and figures.video_views else None


def _network_leads(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    return float(months[index].leads_by_network.get(kpi.platform or "", 0))


def _network_traffic_share(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    if not month.sessions_social:
        return None
    return ratio(month.social_sessions_by_network.get(kpi.platform or "", 0), month.sessions_social)


def _social_traffic_share(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return ratio(month.sessions_social, month.sessions_total) if month.sessions_total else None


def _social_leads(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    return float(months[index].social_leads)


def _lead_to_opportunity(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return ratio(month.social_opportunities, month.social_leads) if month.social_leads else None


def _revenue_year_to_date(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    year = months[index].month.year
    return sum(m.influenced_revenue for m in months[: index + 1] if m.month.year == year)


METRICS: dict[str, MetricFn] = {
    "follower_growth_rate": _follower_growth,
    "connections": _new_followers,
    "engagement_rate": _engagement_rate,
    "click_through_rate": _click_through,
    "view_completion_rate": _completion,
    "watch_time_hours": _watch_time,
    "leads": _network_leads,
    "traffic_share_of_social": _network_traffic_share,
    "social_share_of_web_traffic": _social_traffic_share,
    "qualified_leads": _social_leads,
    "lead_to_opportunity_rate": _lead_to_opportunity,
    "influenced_revenue": _revenue_year_to_date,
}
UNMEASURED_NOTE = "no data source in analytics yet (listening, events and recognition are tracked elsewhere)"


def period_progress(kpi: Kpi, month: date, as_of: date) -> float:
    """Return how far through its period a cumulative KPI is on `as_of` (1 for a finished period)."""
    if kpi.period == "year":
        start, end = date(month.year, 1, 1), date(month.year, 12, 31)
    else:
        start, end = month, month.replace(day=days_in_month(month))
    if as_of >= end:
        return 1.0
    if as_of < start:
        return 0.0
    return ((as_of - start).days + 1) / ((end - start).days + 1)


def evaluate_kpi(kpi: Kpi, months: Sequence[MeasuredMonth], *, as_of: date) -> KpiResult:
    """Return one KPI for the last month of `months` (earlier months give its trend)."""
    metric = METRICS.get(kpi.metric)
    if metric is None or not months:
        return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, kpi.target, None,
                         None, None, None, None, (), UNMEASURED_NOTE if metric is None else "no data")
    scale = 100.0 if kpi.unit == "percent" else 1.0
    last = len(months) - 1
    values = [metric(kpi, months, index) for index in range(max(0, last - HISTORY_MONTHS + 1), last + 1)]
    # Rounded so that 11,500 / 10,000 - 1 reads as exactly 15 %, not 14.999999999999998 %.
    history = tuple(round(value * scale, 9) for value in values if value is not None)
    actual = None if values[-1] is None else round(values[-1], 11)
    if actual is None:
        return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, kpi.target, None,
                         None, None, None, None, history, "no data for this month")
    if kpi.target is None:
        return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, None, actual * scale,
                         None, None, None, None, history, "tracked (no target)")
    cumulative = kpi.unit in CUMULATIVE_UNITS and kpi.period in ("month", "quarter", "year")
    status = kpi_status(kpi.target, actual * scale, comparison=kpi.comparison, cumulative=cumulative,
                        period_progress=period_progress(kpi, months[last].month, as_of) if cumulative else 1.0,
                        history=history)
    return KpiResult(kpi.key, kpi.name, kpi.group, kpi.platform, kpi.unit, kpi.period, kpi.target, actual * scale,
                     status.state, status.attainment, status.trend, status.improving, history)


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
