"""Assemble the `MeasuredMonth`s every KPI is computed from, each source read once and counted once.

Networks: daily account figures, with the posts published in the month standing in for figures no
daily export gave (X per-tweet, YouTube per-video). Web: GA4 rows chosen by `month_traffic` so two
views of one period never double sessions. CRM, listening, relationships and named series
(GA4 events, values entered by hand) fill the rest. `sources` records which kinds of data exist at
all, so the KPI layer can tell a real 0 from a source never imported.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, Q, Sum

from socialrx.core.analytics.formulas import POSITIVE_SENTIMENT
from socialrx.core.analytics.kpi_metrics import MeasuredMonth, NetworkMonth
from socialrx.core.analytics.traffic import MonthTraffic, TrafficSums, month_traffic
from socialrx.server.lib.analytics_queries import (
    add_months,
    lead_months,
    local_range,
    month_end,
    month_starts,
    network_months,
    per_month_filters,
    post_months,
)
from socialrx.server.models import (
    Event,
    Lead,
    MediaMention,
    MentionMatch,
    SeriesValue,
    SpeakingRequest,
    StoredMention,
    WebTraffic,
)


def measured_months(first: date, last: date, tz: ZoneInfo, *, hashtags: Sequence[str] = (),
                    detail_from: date | None = None) -> list[MeasuredMonth]:
    """Return one MeasuredMonth per calendar month from `first` to `last` (both month starts).

    Months before `detail_from` carry only listening and relationship counts (what year-over-year KPIs
    compare), which keeps the large tables' queries to the months a report shows.
    """
    end = month_end(last)
    detail_from = max(first, detail_from or first)
    networks = combined_network_months(detail_from, end, tz)
    leads = lead_months(detail_from, end, tz)
    traffic = traffic_months(detail_from, end)
    listening = listening_months(first, end, tz, hashtags=hashtags)
    relations = relationship_months(first, end)
    series = series_months(detail_from, end)
    sources = available_sources()
    result = []
    for month in month_starts(first, last):
        lead = leads.get(month, {})
        visits = traffic.get(month)
        heard = listening.get(month, {})
        related = relations.get(month, {})
        month_sources = set(sources)
        if visits is not None:
            month_sources.add("ga4")
        result.append(MeasuredMonth(
            month=month,
            networks={network: figures for (network, m), figures in networks.items() if m == month},
            social_leads=int(lead.get("leads", 0)), leads_by_network=dict(lead.get("by_network", {})),
            social_opportunities=int(lead.get("opportunities", 0)),
            sessions_total=visits.total if visits else 0, sessions_social=visits.social if visits else 0,
            social_sessions_by_network=dict(visits.by_network) if visits else {},
            influenced_revenue=float(lead.get("revenue", 0.0)),
            brand_mentions=heard.get("brand", 0), brand_positive=heard.get("positive", 0),
            hashtag_mentions=heard.get("hashtags", 0), speaking_requests=related.get("speaking", 0),
            media_mentions=related.get("media", 0), series=series.get(month, {}), sources=frozenset(month_sources),
        ))
    return result


def combined_network_months(start: date, end: date, tz: ZoneInfo) -> dict[tuple[str, date], NetworkMonth]:
    """Return daily network sums, with per-post sums standing in for figures no daily export gave."""
    daily = network_months(start, end)
    posts = post_months(start, end, tz)
    combined = dict(daily)
    for key, from_posts in posts.items():
        figures = combined.get(key)
        if figures is None:
            combined[key] = from_posts
            continue
        if not figures.impressions:
            figures = replace(figures, impressions=from_posts.impressions, engagements=from_posts.engagements,
                              clicks=from_posts.clicks)
        if not figures.video_views:
            figures = replace(figures, video_views=from_posts.video_views,
                              watch_time_hours=from_posts.watch_time_hours, viewed_share=from_posts.viewed_share)
        combined[key] = figures
    return combined


def traffic_months(start: date, end: date) -> dict[date, MonthTraffic]:
    """Return each month's sessions counted once (see `month_traffic`), for months some GA4 export covers."""
    months = month_starts(start, end)
    by_month: dict[date, list[TrafficSums]] = {month: [] for month in months}
    daily = (WebTraffic.objects.filter(day__gte=start, day__lte=end).values("source", "medium", "channel_group")
             .annotate(**{alias: Sum("sessions", filter=bounds) for alias, bounds in per_month_filters("day", months)}))
    for row in daily:
        for month in months:
            sessions = row[f"m{month:%Y%m}"]
            if sessions is not None:
                by_month[month].append(TrafficSums(row["source"], row["medium"], row["channel_group"], sessions))
    periods = (WebTraffic.objects.filter(day__isnull=True, period_start__gte=start, period_end__lte=end)
               .values("period_start", "period_end", "source", "medium", "channel_group")
               .annotate(sessions=Sum("sessions")))
    for row in periods:
        month = row["period_start"].replace(day=1)
        if row["period_end"] <= month_end(month):
            by_month[month].append(TrafficSums(row["source"], row["medium"], row["channel_group"], row["sessions"],
                                               (row["period_start"], row["period_end"])))
    result = {}
    for month, rows in by_month.items():
        counted = month_traffic(rows)
        if counted is not None:
            result[month] = counted
    return result


def listening_months(start: date, end: date, tz: ZoneInfo, *, hashtags: Sequence[str]) -> dict[date, dict[str, int]]:
    """Return per month: own-brand mentions, the positive ones, and mentions using the strategy's hashtags."""
    months = month_starts(start, end)
    since, until = local_range(start, end, tz)
    brand = (MentionMatch.objects.filter(query__is_own_brand=True, published_at__gte=since, published_at__lt=until,
                                         mention__is_copy=False)
             .aggregate(**{f"{alias}_brand": Count("mention", distinct=True, filter=bounds)
                           for alias, bounds in per_month_filters("published_at", months, tz)},
                        **{f"{alias}_positive": Count("mention", distinct=True,
                                                      filter=bounds & Q(sentiment__gte=POSITIVE_SENTIMENT))
                           for alias, bounds in per_month_filters("published_at", months, tz)}))
    tagged = _hashtag_counts(months, tz, hashtags, since, until)
    return {month: {"brand": brand[f"m{month:%Y%m}_brand"], "positive": brand[f"m{month:%Y%m}_positive"],
                    "hashtags": tagged.get(month, 0)} for month in months}


def _hashtag_counts(months: Sequence[date], tz: ZoneInfo, hashtags: Sequence[str], since: datetime,
                    until: datetime) -> dict[date, int]:
    """Count mentions using the strategy's hashtags, and each event's hashtags while it runs."""
    counts: dict[date, int] = {}
    wanted = set(months)
    tags = _any_text(hashtags)
    if tags is not None:
        totals = (StoredMention.objects.filter(tags, is_copy=False, published_at__gte=since, published_at__lt=until)
                  .aggregate(**{alias: Count("pk", filter=bounds)
                                for alias, bounds in per_month_filters("published_at", months, tz)}))
        counts = {month: totals[f"m{month:%Y%m}"] for month in months}
    for event in Event.objects.filter(start__lte=month_end(months[-1]), end__gte=months[0]).exclude(hashtags=[]):
        own = _any_text([tag for tag in event.hashtags if tag not in hashtags])
        if own is None:
            continue
        event_since, event_until = local_range(event.start, event.end, tz)
        for day in (StoredMention.objects.filter(own, is_copy=False, published_at__gte=event_since,
                                                 published_at__lt=event_until).values_list("published_at", flat=True)):
            month = day.astimezone(tz).date().replace(day=1)
            if month in wanted:
                counts[month] = counts.get(month, 0) + 1
    return counts


def _any_text(tags: Iterable[str]) -> Q | None:
    query = None
    for tag in tags:
        query = Q(text__icontains=tag) if query is None else query | Q(text__icontains=tag)
    return query


def relationship_months(start: date, end: date) -> dict[date, dict[str, int]]:
    """Return per month: speaking requests received and media mentions published."""
    months = month_starts(start, end)
    speaking = SpeakingRequest.objects.aggregate(
        **{alias: Count("pk", filter=bounds) for alias, bounds in per_month_filters("received_on", months)})
    media = MediaMention.objects.aggregate(
        **{alias: Count("pk", filter=bounds) for alias, bounds in per_month_filters("published_on", months)})
    return {month: {"speaking": speaking[f"m{month:%Y%m}"], "media": media[f"m{month:%Y%m}"]} for month in months}


def series_months(start: date, end: date) -> dict[date, dict[str, float]]:
    """Return each month's named series values: daily values summed, else the longest period in the month."""
    chosen: dict[tuple[date, str], tuple[int, float]] = {}
    daily: dict[tuple[date, str], float] = {}
    for series, first, last, value in (SeriesValue.objects.filter(start__gte=start, end__lte=end)
                                       .values_list("series", "start", "end", "value")):
        month = first.replace(day=1)
        if last > month_end(month):
            continue
        if first == last:
            daily[(month, series)] = daily.get((month, series), 0.0) + value
        elif (month, series) not in chosen or (last - first).days > chosen[(month, series)][0]:
            chosen[(month, series)] = ((last - first).days, value)
    result: dict[date, dict[str, float]] = {}
    for (month, series), (_, value) in chosen.items():
        result.setdefault(month, {})[series] = value
    for (month, series), value in daily.items():
        result.setdefault(month, {})[series] = value
    return result


def available_sources() -> set[str]:
    """Return the kinds of data that exist at all: crm, listening (an own-brand query), speaking, media."""
    sources = set()
    if Lead.objects.exists():
        sources.add("crm")
    if MentionMatch.objects.filter(query__is_own_brand=True).exists() or StoredMention.objects.exists():
        sources.add("listening")
    if SpeakingRequest.objects.exists():
        sources.add("speaking")
    if MediaMention.objects.exists():
        sources.add("media")
    return sources


def report_months(month: date) -> tuple[date, date, date]:
    """Return the months a KPI report for `month` reads: from January last year (for year-over-year KPIs),
    in full from six months back or January (trends, year-to-date sums), to `month`."""
    return date(month.year - 1, 1, 1), min(add_months(month, -6), date(month.year, 1, 1)), month
