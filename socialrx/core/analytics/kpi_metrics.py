"""What each KPI metric reads from the measured months, and what it needs when it cannot be computed.

Every metric is a function of the months measured so far and the index of the month reported; it
returns a fraction, a count, hours or money, or None when the data it needs is not there. The
formulas themselves live in `socialrx.core.analytics.formulas`. `needs` names the import or the
entry that would supply a missing value, so "no data" is never shown as 0.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from socialrx.core.analytics.formulas import (
    click_through_rate,
    engagement_rate,
    growth_rate,
    share,
)
from socialrx.core.strategy.schema import Kpi

IMPORTABLE_NETWORKS = ("linkedin", "x", "youtube")


@dataclass(frozen=True)
class NetworkMonth:
    """One network's sums over one calendar month; `followers_end` is the last known total in it.

    Daily account figures are used where an export gave them; otherwise the sums of the posts
    published in the month (per-post exports) stand in, never both.
    """

    network: str
    month: date
    followers_end: int | None = None
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    video_views: int = 0
    watch_time_hours: float = 0.0
    viewed_share: float | None = None
    page_views: int = 0
    new_followers: int | None = None


@dataclass(frozen=True)
class MeasuredMonth:
    """What was measured in one calendar month across networks, web traffic, the CRM, listening and relationships.

    `sources` names the kinds of data that exist at all ("crm", "ga4", "listening", "speaking",
    "media"), which tells an empty month (a real 0) from a source never imported (no data).
    `series` holds named monthly values: `manual.<name>` entered by hand and `ga4_event.<event>`.
    """

    month: date
    networks: Mapping[str, NetworkMonth] = field(default_factory=dict)
    social_leads: int = 0
    leads_by_network: Mapping[str, int] = field(default_factory=dict)
    social_opportunities: int = 0
    sessions_total: int = 0
    sessions_social: int = 0
    social_sessions_by_network: Mapping[str, int] = field(default_factory=dict)
    influenced_revenue: float = 0.0
    brand_mentions: int = 0
    brand_positive: int = 0
    hashtag_mentions: int = 0
    speaking_requests: int = 0
    media_mentions: int = 0
    series: Mapping[str, float] = field(default_factory=dict)
    sources: frozenset[str] = frozenset()


MetricFn = Callable[[Kpi, Sequence[MeasuredMonth], int], "float | None"]


def _network(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> NetworkMonth | None:
    return months[index].networks.get(kpi.platform or "")


def _follower_growth(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    if index == 0:
        return None
    now, before = _network(kpi, months, index), _network(kpi, months, index - 1)
    return growth_rate(before.followers_end if before else None, now.followers_end if now else None)


def _new_followers(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    now = _network(kpi, months, index)
    if now is not None and now.new_followers is not None:
        return float(now.new_followers)
    before = _network(kpi, months, index - 1) if index else None
    if now is None or before is None or now.followers_end is None or before.followers_end is None:
        return None
    return float(now.followers_end - before.followers_end)


def _engagement_rate(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return engagement_rate(figures.engagements, figures.impressions) if figures else None


def _click_through(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return click_through_rate(figures.clicks, figures.impressions) if figures else None


def _completion(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return figures.viewed_share if figures else None


def _watch_time(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    figures = _network(kpi, months, index)
    return figures.watch_time_hours if figures and figures.video_views else None


def _crm(value: Callable[[MeasuredMonth], float | None]) -> MetricFn:
    def metric(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
        return value(months[index]) if "crm" in months[index].sources else None
    return metric


def _network_leads(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return float(month.leads_by_network.get(kpi.platform or "", 0)) if "crm" in month.sources else None


def _network_traffic_share(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return share(month.social_sessions_by_network.get(kpi.platform or "", 0), month.sessions_social)


def _social_traffic_share(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return share(month.sessions_social, month.sessions_total)


def _revenue_year_to_date(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    if "crm" not in months[index].sources:
        return None
    year = months[index].month.year
    return sum(m.influenced_revenue for m in months[: index + 1] if m.month.year == year)


def _positive_mentions(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return share(month.brand_positive, month.brand_mentions) if "listening" in month.sources else None


def _hashtag_mentions(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    month = months[index]
    return float(month.hashtag_mentions) if "listening" in month.sources else None


def year_over_year(count: Callable[[MeasuredMonth], int], source: str) -> MetricFn:
    """Return a metric: this year's count to date against the same months of last year, as growth."""
    def metric(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
        current = months[index]
        if source not in current.sources:
            return None
        by_month = {m.month: m for m in months[: index + 1]}
        this_year = [m for m in months[: index + 1] if m.month.year == current.month.year]
        last_year = [by_month.get(m.month.replace(year=m.month.year - 1)) for m in this_year]
        if any(m is None for m in last_year):
            return None
        return growth_rate(sum(count(m) for m in last_year if m), sum(count(m) for m in this_year))
    return metric


def _speaking_requests(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    current = months[index]
    if "speaking" not in current.sources:
        return None
    quarter = (current.month.month - 1) // 3
    return float(sum(m.speaking_requests for m in months[: index + 1]
                     if m.month.year == current.month.year and (m.month.month - 1) // 3 == quarter))


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
    "qualified_leads": _crm(lambda month: float(month.social_leads)),
    "lead_to_opportunity_rate": _crm(lambda month: share(month.social_opportunities, month.social_leads)),
    "influenced_revenue": _revenue_year_to_date,
    "mention_sentiment_positive": _positive_mentions,
    "hashtag_performance": _hashtag_mentions,
    "brand_mention_growth": year_over_year(lambda month: month.brand_mentions, "listening"),
    "media_mention_growth": year_over_year(lambda month: month.media_mentions, "media"),
    "speaking_requests": _speaking_requests,
}


def manual_series(kpi: Kpi) -> str:
    """Return the series a KPI's monthly value can be entered in by hand when no import measures it."""
    return f"manual.{kpi.key}"


def series_value(name: str, months: Sequence[MeasuredMonth], index: int) -> float | None:
    """Return a named series in one month: `manual.*`, `ga4_event.*`, `<network>.<field>` or `web.<field>`."""
    month = months[index]
    if name.startswith(("manual.", "ga4_event.")):
        return month.series.get(name)
    scope, _, figure = name.partition(".")
    if scope == "web":
        if not month.sessions_total:
            return None
        return float(month.sessions_total if figure == "sessions" else month.sessions_social)
    network = month.networks.get(scope)
    value = getattr(network, figure, None) if network else None
    return None if value is None else float(value)


def custom_value(kpi: Kpi, months: Sequence[MeasuredMonth], index: int) -> float | None:
    """Return a custom KPI: its series, divided by its `per` series when it is a rate."""
    value = series_value(kpi.series or "", months, index)
    if kpi.per is None or value is None:
        return value
    return share(value, series_value(kpi.per, months, index) or 0)


def needs(kpi: Kpi) -> str:
    """Return what would supply a KPI that has no value this month."""
    platform = kpi.platform or ""
    by_hand = f"needs {_series_source(manual_series(kpi))}"
    if kpi.metric == "custom":
        return f"needs {_series_source(kpi.series or '')}" + (f" and {_series_source(kpi.per)}" if kpi.per else "")
    if kpi.metric in ("follower_growth_rate", "connections", "engagement_rate", "click_through_rate",
                      "view_completion_rate", "watch_time_hours") and platform not in IMPORTABLE_NETWORKS:
        return f"{platform or 'this network'} has no export socialrx reads; {by_hand}"
    return {
        "follower_growth_rate": f"needs {platform} follower totals at the end of this and last month: "
                                f"socialrx import {platform} FILE --total N",
        "connections": f"needs {platform} follower counts for this month: socialrx import {platform} FILE",
        "engagement_rate": f"needs {platform} impressions and engagements (daily or per-post export): "
                           f"socialrx import {platform} FILE",
        "click_through_rate": f"needs {platform} impressions and clicks (YouTube Studio: impressions CTR): "
                              f"socialrx import {platform} FILE",
        "view_completion_rate": "needs a YouTube Studio export with 'Average percentage viewed (%)': "
                                "socialrx import youtube FILE",
        "watch_time_hours": "needs a YouTube Studio export with 'Watch time (hours)': socialrx import youtube FILE",
        "traffic_share_of_social": "needs a GA4 traffic acquisition export by source / medium for this month: "
                                   "socialrx import ga4 FILE",
        "social_share_of_web_traffic": "needs a GA4 traffic acquisition export for this month: "
                                       "socialrx import ga4 FILE",
        "mention_sentiment_positive": "needs listening mentions of our own brand this month (an own-brand query "
                                      "on the Listening page)",
        "hashtag_performance": "needs listening mentions this month (Listening page)",
        "brand_mention_growth": "needs own-brand listening mentions this year and in the same months last year",
        "media_mention_growth": "needs media mentions logged this year and in the same months last year "
                                "(Relationships page)",
        "speaking_requests": "needs speaking requests logged on the Relationships page",
    }.get(kpi.metric, "needs a CRM export: socialrx import crm FILE" if kpi.metric in _CRM_METRICS else by_hand)


_CRM_METRICS = frozenset({"leads", "qualified_leads", "lead_to_opportunity_rate", "influenced_revenue"})


def _series_source(name: str) -> str:
    if name.startswith("manual."):
        return f"a value entered by hand: socialrx kpi-entry {name} YYYY-MM VALUE (or Analytics > Imports)"
    if name.startswith("ga4_event."):
        return f"a GA4 events export counting {name.partition('.')[2]!r} this month: socialrx import ga4 FILE"
    scope, _, figure = name.partition(".")
    if scope == "web":
        return "a GA4 traffic acquisition export for this month: socialrx import ga4 FILE"
    return f"{scope} {figure.replace('_', ' ')} for this month: socialrx import {scope} FILE"

