"""Database reads of the analytics area, aggregated in the database and returned as core objects.

Monthly sums are computed by the database in one query per table (one conditional `Sum`/`Count` per
month, bounded by indexed date ranges, with no per-row date functions), so the KPI overview reads a
few aggregate rows whatever the number of days, posts or snapshots stored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count, Exists, F, FloatField, OuterRef, Q, Sum
from django.db.models.functions import ExtractHour, ExtractIsoWeekDay

from socialrx.core.analytics.attribution.journeys import Journey
from socialrx.core.analytics.formulas import days_in_month
from socialrx.core.analytics.imports.ads import AdSpendDay
from socialrx.core.analytics.kpi_metrics import NetworkMonth
from socialrx.server.models import AdSpend, Lead, LeadTouch, NetworkDay, PostStat, WebTraffic


def add_months(month: date, count: int) -> date:
    """Return the first day of the month `count` months after `month` (negative counts go back)."""
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_end(month: date) -> date:
    """Return the last day of `month`."""
    return month.replace(day=days_in_month(month))


def local_range(start: date, end: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    return datetime.combine(start, time.min, tzinfo=tz), datetime.combine(end + timedelta(days=1), time.min, tzinfo=tz)


def latest_data_day() -> date | None:
    """Return the last day any network figure, traffic or spend was recorded for."""
    days = [
        NetworkDay.objects.order_by("-day").values_list("day", flat=True).first(),
        AdSpend.objects.order_by("-day").values_list("day", flat=True).first(),
        WebTraffic.objects.filter(day__isnull=False).order_by("-day").values_list("day", flat=True).first(),
    ]
    known = [day for day in days if day is not None]
    return max(known) if known else None


def follower_month_ends(network: str, *, until: date) -> list[tuple[date, int]]:
    """Return (last day, followers) for each month with a known total, up to `until`."""
    ends: dict[date, tuple[date, int]] = {}
    rows = (NetworkDay.objects.filter(network=network, day__lte=until, followers__isnull=False)
            .order_by("day").values_list("day", "followers"))
    for day, followers in rows:
        ends[day.replace(day=1)] = (day, followers)
    return [ends[month] for month in sorted(ends)]


def month_starts(start: date, end: date) -> list[date]:
    months, month = [], start.replace(day=1)
    while month <= end:
        months.append(month)
        month = add_months(month, 1)
    return months


def per_month_filters(field: str, months: Sequence[date], tz: ZoneInfo | None = None) -> list[tuple[str, Q]]:
    """Return (alias, filter) per month, for conditional aggregation in one query (no per-row date functions)."""
    result = []
    for month in months:
        if tz is None:
            bounds = Q(**{f"{field}__gte": month, f"{field}__lte": month_end(month)})
        else:
            since, until = local_range(month, month_end(month), tz)
            bounds = Q(**{f"{field}__gte": since, f"{field}__lt": until})
        result.append((f"m{month:%Y%m}", bounds))
    return result


def network_months(start: date, end: date) -> dict[tuple[str, date], NetworkMonth]:
    """Return each network's monthly sums of daily figures for days in [start, end], with month-end totals.

    A figure no daily row reported stays None in the sums, so per-post figures can stand in for it.
    """
    months = month_starts(start, end)
    sums: dict[str, object] = {}
    for alias, bounds in per_month_filters("day", months):
        sums.update({
            f"{alias}_imp": Sum("impressions", filter=bounds), f"{alias}_eng": Sum("engagements", filter=bounds),
            f"{alias}_clk": Sum("clicks", filter=bounds), f"{alias}_views": Sum("video_views", filter=bounds),
            f"{alias}_watch": Sum("watch_time_hours", filter=bounds),
            f"{alias}_viewed": Sum(F("viewed_share") * F("video_views"), filter=bounds, output_field=FloatField()),
            f"{alias}_viewed_views": Sum("video_views", filter=bounds & Q(viewed_share__isnull=False)),
            f"{alias}_pages": Sum("page_views", filter=bounds), f"{alias}_new": Sum("new_followers", filter=bounds),
            f"{alias}_days": Count("pk", filter=bounds),
        })
    rows = NetworkDay.objects.filter(day__gte=start, day__lte=end).values("network").annotate(**sums)
    followers: dict[tuple[str, date], int] = {}
    for network, day, count in (NetworkDay.objects.filter(day__gte=start, day__lte=end, followers__isnull=False)
                                .order_by("day").values_list("network", "day", "followers")):
        followers[(network, day.replace(day=1))] = count
    result = {}
    for row in rows:
        for month in months:
            alias = f"m{month:%Y%m}"
            if row[f"{alias}_days"]:
                result[(row["network"], month)] = _network_month(row, alias, month, followers)
    return result


def _network_month(row: dict, alias: str, month: date, followers: dict[tuple[str, date], int]) -> NetworkMonth:
    def figure(name: str) -> object:
        return row[f"{alias}_{name}"]

    viewed, viewed_views = figure("viewed"), figure("viewed_views")
    return NetworkMonth(
        row["network"], month, followers.get((row["network"], month)), figure("imp") or 0, figure("eng") or 0,
        figure("clk") or 0, figure("views") or 0, figure("watch") or 0.0,
        viewed / viewed_views if viewed_views and viewed is not None else None, figure("pages") or 0, figure("new"),
    )


def post_months(start: date, end: date, tz: ZoneInfo) -> dict[tuple[str, date], NetworkMonth]:
    """Return each network's sums over the posts published in each month (their latest counts)."""
    months = month_starts(start, end)
    sums: dict[str, object] = {}
    for alias, bounds in per_month_filters("published_at", months, tz):
        sums.update({
            f"{alias}_imp": Sum("impressions", filter=bounds), f"{alias}_eng": Sum("engagements", filter=bounds),
            f"{alias}_clk": Sum("clicks", filter=bounds), f"{alias}_views": Sum("views", filter=bounds),
            f"{alias}_watch": Sum("watch_time_hours", filter=bounds),
            f"{alias}_viewed": Sum(F("viewed_share") * F("views"), filter=bounds, output_field=FloatField()),
            f"{alias}_viewed_views": Sum("views", filter=bounds & Q(viewed_share__isnull=False)),
            f"{alias}_days": Count("pk", filter=bounds),
        })
    since, until = local_range(start, end, tz)
    rows = (PostStat.objects.filter(published_at__gte=since, published_at__lt=until).values("network")
            .annotate(**sums))
    result = {}
    for row in rows:
        for month in months:
            alias = f"m{month:%Y%m}"
            if row[f"{alias}_days"]:
                row[f"{alias}_pages"], row[f"{alias}_new"] = None, None
                result[(row["network"], month)] = _network_month(row, alias, month, {})
    return result


def lead_months(start: date, end: date, tz: ZoneInfo) -> dict[date, dict[str, object]]:
    """Return per month: social leads, their opportunities, leads per network and influenced revenue."""
    months = month_starts(start, end)
    since, until = local_range(start, end, tz)
    opportunity = ~Q(opportunity_id="") | Q(opportunity_created_at__isnull=False)
    counts: dict[str, object] = {}
    for alias, bounds in per_month_filters("created_at", months, tz):
        counts[f"{alias}_leads"] = Count("pk", filter=bounds)
        counts[f"{alias}_opps"] = Count("pk", filter=bounds & opportunity)
    totals = Lead.objects.filter(created_at__gte=since, created_at__lt=until, is_social=True).aggregate(**counts)
    social_before_win = LeadTouch.objects.filter(lead=OuterRef("pk"), at__lte=OuterRef("won_at")).exclude(network="")
    revenue = (Lead.objects.filter(won_at__gte=since, won_at__lt=until).filter(Exists(social_before_win))
               .aggregate(**{alias: Sum("revenue", filter=bounds) for alias, bounds in per_month_filters("won_at", months, tz)}))
    by_network = (LeadTouch.objects.filter(lead__created_at__gte=since, lead__created_at__lt=until)
                  .exclude(network="").values("network")
                  .annotate(**{alias: Count("lead", distinct=True, filter=bounds)
                               for alias, bounds in per_month_filters("lead__created_at", months, tz)}))
    by_network = list(by_network)
    result = {}
    for month in months:
        alias = f"m{month:%Y%m}"
        result[month] = {
            "leads": totals[f"{alias}_leads"], "opportunities": totals[f"{alias}_opps"],
            "by_network": {row["network"]: row[alias] for row in by_network if row[alias]},
            "revenue": float(revenue[alias] or 0),
        }
    return result


@dataclass(frozen=True)
class GroupRow:
    """Posts of one label (pillar, series, weekday hour): count and sums."""

    label: str
    posts: int
    impressions: int
    engagements: int


def post_groups(field: str, start: date, end: date, tz: ZoneInfo, *, network: str | None = None) -> list[GroupRow]:
    """Return posts published in [start, end] grouped by `pillar` or `series`."""
    since, until = local_range(start, end, tz)
    posts = PostStat.objects.filter(published_at__gte=since, published_at__lt=until).exclude(**{field: ""})
    if network:
        posts = posts.filter(network=network)
    rows = posts.values(field).annotate(n=Count("pk"), i=Sum("impressions"), e=Sum("engagements")).order_by(field)
    return [GroupRow(row[field], row["n"], row["i"] or 0, row["e"] or 0) for row in rows]


def hour_groups(start: date, end: date, tz: ZoneInfo, *, network: str | None = None) -> list[tuple[int, int, GroupRow]]:
    """Return (ISO weekday 1-7, hour, sums) of posts published in [start, end], in the strategy's time zone."""
    since, until = local_range(start, end, tz)
    posts = PostStat.objects.filter(published_at__gte=since, published_at__lt=until)
    if network:
        posts = posts.filter(network=network)
    rows = (posts.annotate(wd=ExtractIsoWeekDay("published_at", tzinfo=tz), hr=ExtractHour("published_at", tzinfo=tz))
            .values("wd", "hr").annotate(n=Count("pk"), i=Sum("impressions"), e=Sum("engagements")))
    return [(row["wd"], row["hr"], GroupRow(f"{row['wd']}-{row['hr']}", row["n"], row["i"] or 0, row["e"] or 0))
            for row in rows]


def ad_spend_rows(start: date, end: date) -> list[AdSpendDay]:
    """Return ad spend per platform and day in [start, end] (campaigns summed in the database)."""
    rows = (AdSpend.objects.filter(day__gte=start, day__lte=end).values("platform", "day")
            .annotate(spend=Sum("spend"), impressions=Sum("impressions"), clicks=Sum("clicks"), leads=Sum("leads")))
    return [AdSpendDay(row["platform"], "", row["day"], float(row["spend"] or 0), row["impressions"] or 0,
                       row["clicks"] or 0, float(row["leads"] or 0)) for row in rows]


def spend_by_campaign(start: date, end: date) -> list[dict[str, object]]:
    """Return spend, clicks and leads per platform and campaign in [start, end]."""
    return list(AdSpend.objects.filter(day__gte=start, day__lte=end).values("platform", "campaign")
                .annotate(spend=Sum("spend"), clicks=Sum("clicks"), leads=Sum("leads")).order_by("platform", "-spend"))


def lead_journeys(
    label: str, *, converted: str = "opportunity", since: datetime | None = None, until: datetime | None = None
) -> tuple[Journey, ...]:
    """Return one journey per lead with touches up to its conversion, labelled by channel, network, campaign or post."""
    leads = Lead.objects.all()
    if since is not None:
        leads = leads.filter(created_at__gte=since)
    if until is not None:
        leads = leads.filter(created_at__lt=until)
    touches: dict[int, list[tuple]] = {}
    for row in (LeadTouch.objects.filter(lead__in=leads).order_by("lead_id", "at", "id")
                .values_list("lead_id", "at", "channel", "network", "campaign", "content")):
        touches.setdefault(row[0], []).append(row[1:])
    journeys = []
    for lead in leads.values("pk", "opportunity_id", "opportunity_created_at", "won_at", "revenue"):
        did_convert, at = _conversion(lead, converted)
        path = [t for t in touches.get(lead["pk"], []) if at is None or t[0] <= at]
        if not path:
            continue
        journeys.append(Journey(
            path=tuple(_touch_label(label, t) for t in path),
            conversions=1.0 if did_convert else 0.0,
            value=float(lead["revenue"]) if did_convert and lead["won_at"] is not None else 0.0,
            nulls=0.0 if did_convert else 1.0,
            touch_times=tuple(t[0] for t in path), converted_at=at,
        ))
    return tuple(journeys)


def _conversion(lead: dict, converted: str) -> tuple[bool, datetime | None]:
    if converted == "won":
        return lead["won_at"] is not None, lead["won_at"]
    has_opportunity = bool(lead["opportunity_id"]) or lead["opportunity_created_at"] is not None
    return has_opportunity, lead["opportunity_created_at"] or lead["won_at"]


def _touch_label(label: str, touch: Sequence) -> str:
    _, channel, network, campaign, content = touch
    if label == "network":
        return network or channel
    if label == "campaign":
        return campaign or f"(no campaign: {channel})"
    if label == "post":
        return content or f"(no post: {channel})"
    return channel
