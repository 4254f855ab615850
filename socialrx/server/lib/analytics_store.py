"""Store parsed export rows by natural key: insert what is new, update what changed, count the rest.

Called only from `actions/analytics.py` inside its transaction. Each `store_*` returns
(created, updated, unchanged).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Model

from socialrx.core.analytics.formulas import linkedin_engagements, weighted_share, youtube_engagements
from socialrx.core.analytics.imports.ads import AdSpendDay
from socialrx.core.analytics.imports.crm import CrmLead
from socialrx.core.analytics.imports.ga4 import Ga4EventRow, Ga4TrafficRow
from socialrx.core.analytics.imports.linkedin import (
    LinkedInContentDay,
    LinkedInFollowerGain,
    LinkedInPost,
    LinkedInVisitorDay,
)
from socialrx.core.analytics.imports.x import XAccountDay, XPost
from socialrx.core.analytics.imports.youtube import YouTubeVideoRow
from socialrx.core.analytics.traffic import channel_for_touch, classify_traffic
from socialrx.server.models import (
    AdSpend,
    Lead,
    LeadTouch,
    NetworkDay,
    PostSnapshot,
    PostStat,
    SeriesSource,
    SeriesValue,
    WebTraffic,
)

Counts = tuple[int, int, int]


@dataclass(frozen=True)
class PostCounts:
    """A post's cumulative counts measured on `day`, from an export or a connector."""

    network: str
    platform_post_id: str
    day: date
    impressions: int = 0
    engagements: int = 0
    clicks: int = 0
    views: int = 0
    watch_time_hours: float = 0.0
    viewed_share: float | None = None
    published_at: object = None
    title: str = ""
    pillar: str = ""
    series: str = ""


def _differs(row: Model, values: Mapping[str, object]) -> bool:
    return any(getattr(row, name) != value for name, value in values.items())


def upsert(model: type[Model], keys: Sequence[str], items: Iterable[dict[str, object]]) -> Counts:
    """Insert or update rows of `model` identified by the `keys` fields; only the given fields are written."""
    items = list(items)
    if not items:
        return 0, 0, 0
    fields: dict[str, None] = {}
    lookup = {name + "__in": sorted({item[name] for item in items}, key=str) for name in keys}
    existing = {tuple(getattr(row, k) for k in keys): row for row in model.objects.filter(**lookup)}
    new, changed, unchanged = [], [], 0
    for item in items:
        row = existing.get(tuple(item[k] for k in keys))
        values = {name: value for name, value in item.items() if name not in keys}
        if row is None:
            new.append(model(**item))
        elif _differs(row, values):
            for name, value in values.items():
                setattr(row, name, value)
                fields[name] = None
            changed.append(row)
        else:
            unchanged += 1
    model.objects.bulk_create(new, batch_size=1000)
    if changed and fields:
        model.objects.bulk_update(changed, list(fields), batch_size=1000)
    return len(new), len(changed), unchanged


def store_network_days(network: str, days: Iterable[dict[str, object]]) -> Counts:
    """Upsert daily network figures (each dict holds `day` and the fields one export reports)."""
    return upsert(NetworkDay, ("network", "day"), ({"network": network, **day} for day in days))


def linkedin_follower_days(gains: Sequence[LinkedInFollowerGain], *, current_total: int | None) -> list[dict]:
    """Return daily new followers, with totals when today's total is given or a known total precedes the file."""
    ordered = sorted(gains, key=lambda g: g.day)
    rows = [{"day": gain.day, "new_followers": gain.total} for gain in ordered]
    return _with_totals("linkedin", rows, current_total)


def _with_totals(network: str, rows: list[dict], current_total: int | None) -> list[dict]:
    if not rows:
        return rows
    if current_total is not None:
        running = current_total
        for row in reversed(rows):
            row["followers"] = running
            running -= row["new_followers"]
        return rows
    anchor = (NetworkDay.objects.filter(network=network, day__lt=rows[0]["day"], followers__isnull=False)
              .order_by("-day").values_list("followers", flat=True).first())
    if anchor is not None:
        running = anchor
        for row in rows:
            running += row["new_followers"]
            row["followers"] = running
    return rows


def linkedin_content_days(days: Sequence[LinkedInContentDay]) -> list[dict]:
    """Return daily impressions, engagements (clicks + reactions + comments + reposts) and clicks."""
    return [{"day": d.day, "impressions": d.impressions, "clicks": d.clicks,
             "engagements": linkedin_engagements(clicks=d.clicks, reactions=d.reactions, comments=d.comments,
                                                 reposts=d.reposts)} for d in days]


def linkedin_visitor_days(days: Sequence[LinkedInVisitorDay]) -> list[dict]:
    """Return daily page views."""
    return [{"day": d.day, "page_views": d.page_views} for d in days]


def x_account_days(days: Sequence[XAccountDay], *, current_total: int | None) -> list[dict]:
    """Return daily impressions, engagements and net new followers (with totals where they can be known)."""
    rows = [{"day": d.day, "impressions": d.impressions, "engagements": d.engagements,
             "new_followers": d.new_follows - d.unfollows} for d in sorted(days, key=lambda d: d.day)]
    return _with_totals("x", rows, current_total)


def youtube_days(videos: Sequence[YouTubeVideoRow]) -> list[dict]:
    """Return per-day sums of YouTube chart data (rows with a Date)."""
    by_day: dict[date, list[YouTubeVideoRow]] = {}
    for video in videos:
        if video.day is not None:
            by_day.setdefault(video.day, []).append(video)
    rows = []
    for day, members in sorted(by_day.items()):
        views = sum(v.views for v in members)
        impressions = sum(v.impressions for v in members)
        rows.append({
            "day": day, "video_views": views, "impressions": impressions,
            "clicks": round(sum(v.impressions_ctr * v.impressions for v in members)),
            "engagements": sum(youtube_engagements(likes=v.likes, comments=v.comments, shares=v.shares)
                               for v in members),
            "watch_time_hours": sum(v.watch_time_hours for v in members),
            "viewed_share": _viewed_share(members),
            "new_followers": sum(v.subscribers_net or v.subscribers_gained - v.subscribers_lost for v in members),
        })
    return rows


def _viewed_share(videos: Sequence[YouTubeVideoRow]) -> float | None:
    """Return the view-weighted average percentage viewed, None when the export has no such column."""
    measured = [(v.average_percentage_viewed, v.views) for v in videos if v.average_percentage_viewed]
    return weighted_share(measured) if measured else None


def post_counts_of(rows: Sequence[object], *, measured_on: date) -> list[PostCounts]:
    """Return post counts from LinkedIn/X post exports and YouTube per-video table data."""
    counts = []
    for row in rows:
        if isinstance(row, LinkedInPost):
            engagements = linkedin_engagements(clicks=row.clicks, reactions=row.likes, comments=row.comments,
                                               reposts=row.reposts, follows=row.follows)
            counts.append(PostCounts("linkedin", row.link, measured_on, row.impressions, engagements, row.clicks,
                                     row.views, title=row.title[:300]))
        elif isinstance(row, XPost):
            counts.append(PostCounts("x", row.post_id, measured_on, row.impressions, row.engagements,
                                     row.url_clicks, 0, published_at=row.posted_at, title=row.text[:300]))
        elif isinstance(row, YouTubeVideoRow) and row.day is None:
            counts.append(PostCounts("youtube", row.video_id, measured_on, row.impressions,
                                     youtube_engagements(likes=row.likes, comments=row.comments, shares=row.shares),
                                     round(row.impressions_ctr * row.impressions), row.views, row.watch_time_hours,
                                     _viewed_share([row]), published_at=row.published_at, title=row.title[:300]))
    return counts


def store_post_counts(counts: Sequence[PostCounts]) -> Counts:
    """Upsert each post's snapshot for its day and keep the post's latest counts on the post."""
    measured = {(network, post_id): day for network, post_id, day in PostStat.objects.filter(
        platform_post_id__in=[c.platform_post_id for c in counts]).values_list("network", "platform_post_id",
                                                                                "measured_on")}
    newest: dict[tuple[str, str], PostCounts] = {}
    for c in sorted(counts, key=lambda c: c.day):
        known = measured.get((c.network, c.platform_post_id))
        if known is None or known <= c.day:
            newest[(c.network, c.platform_post_id)] = c
    posts = upsert(PostStat, ("network", "platform_post_id"), (_post_fields(c) for c in newest.values()))
    ids = {(p.network, p.platform_post_id): p.pk for p in PostStat.objects.filter(
        platform_post_id__in=[c.platform_post_id for c in counts])}
    snapshots = upsert(PostSnapshot, ("post_id", "day"), (
        {"post_id": ids[(c.network, c.platform_post_id)], "day": c.day, "impressions": c.impressions,
         "engagements": c.engagements, "clicks": c.clicks, "views": c.views} for c in counts
    ))
    return snapshots[0], posts[1] + snapshots[1], snapshots[2]


def _post_fields(c: PostCounts) -> dict[str, object]:
    fields: dict[str, object] = {"network": c.network, "platform_post_id": c.platform_post_id,
                                 "impressions": c.impressions, "engagements": c.engagements, "clicks": c.clicks,
                                 "views": c.views, "watch_time_hours": c.watch_time_hours,
                                 "viewed_share": c.viewed_share, "measured_on": c.day}
    if c.published_at is not None:
        fields["published_at"] = c.published_at
    for name in ("title", "pillar", "series"):
        if getattr(c, name):
            fields[name] = getattr(c, name)
    return fields


def traffic_key(row: Ga4TrafficRow) -> str:
    """Return the stored natural key of a GA4 row (a hash, since some key parts may be empty)."""
    return hashlib.sha256(repr(row.natural_key).encode()).hexdigest()


def store_web_traffic(rows: Sequence[Ga4TrafficRow]) -> Counts:
    """Upsert GA4 traffic rows."""
    return upsert(WebTraffic, ("key",), (
        {"key": traffic_key(r), "day": r.day, "period_start": r.period_start, "period_end": r.period_end,
         "source": r.source[:200], "medium": r.medium[:100], "channel_group": r.channel_group[:100],
         "campaign": r.campaign[:200], "sessions": r.sessions, "engaged_sessions": r.engaged_sessions,
         "key_events": r.key_events, "revenue": r.revenue} for r in rows
    ))


def store_ga4_events(rows: Sequence[Ga4EventRow]) -> Counts:
    """Upsert GA4 event counts as `ga4_event.<event name>` series, per day or over the export period."""
    return upsert(SeriesValue, ("series", "start", "end"), (
        {"series": f"ga4_event.{r.event_name}"[:120], "start": r.day or r.period_start, "end": r.day or r.period_end,
         "value": r.event_count, "source": SeriesSource.GA4_EVENTS} for r in rows
    ))


def store_ad_spend(rows: Sequence[AdSpendDay]) -> Counts:
    """Upsert ad spend per platform, campaign and day."""
    return upsert(AdSpend, ("platform", "campaign", "day"), (
        {"platform": r.platform[:20], "campaign": r.campaign[:200], "day": r.day,
         "spend": Decimal(str(round(r.spend, 2))), "impressions": r.impressions, "clicks": r.clicks,
         "leads": r.leads} for r in rows
    ))


def store_leads(leads: Sequence[CrmLead]) -> Counts:
    """Upsert leads; a lead's touches are replaced only when they differ from the stored ones."""
    before = set(Lead.objects.filter(lead_id__in=[lead.lead_id for lead in leads]).values_list("lead_id", flat=True))
    _, fields_changed, _ = upsert(Lead, ("lead_id",), (_lead_fields(lead) for lead in leads))
    stored = {lead.lead_id: lead.pk for lead in Lead.objects.filter(lead_id__in=[x.lead_id for x in leads])}
    existing: dict[int, list[tuple]] = {}
    for touch in LeadTouch.objects.filter(lead_id__in=stored.values()).order_by("at", "id"):
        existing.setdefault(touch.lead_id, []).append(
            (touch.at, touch.source, touch.medium, touch.campaign, touch.content))
    replaced: list[int] = []
    touches: list[LeadTouch] = []
    for lead in leads:
        pk = stored[lead.lead_id]
        if existing.get(pk, []) != [_touch_key(t) for t in lead.touches]:
            replaced.append(pk)
            touches.extend(_touch(pk, t) for t in lead.touches)
    LeadTouch.objects.filter(lead_id__in=replaced).delete()
    LeadTouch.objects.bulk_create(touches, batch_size=1000)
    touches_changed = len(set(replaced) & {stored[lead_id] for lead_id in before})
    created = len(leads) - len(before)
    updated = min(len(before), fields_changed + touches_changed)
    return created, updated, len(before) - updated


def _lead_fields(lead: CrmLead) -> dict[str, object]:
    return {"lead_id": lead.lead_id[:100], "created_at": lead.created_at, "opportunity_id": lead.opportunity_id[:100],
            "opportunity_created_at": lead.opportunity_created_at, "won_at": lead.won_at,
            "revenue": Decimal(str(round(lead.revenue, 2))), "is_social": _is_social(lead)}


def _touch_key(touch) -> tuple:
    return touch.at, touch.source[:200], touch.medium[:100], touch.campaign[:200], touch.content[:200]


def _touch(lead_pk: int, touch) -> LeadTouch:
    traffic = classify_traffic(touch.source, touch.medium)
    social = traffic.kind in ("organic_social", "paid_social")
    return LeadTouch(lead_id=lead_pk, at=touch.at, source=touch.source[:200], medium=touch.medium[:100],
                     campaign=touch.campaign[:200], content=touch.content[:200], channel=channel_for_touch(touch)[:60],
                     network=(traffic.network or "")[:20] if social else "")


def _is_social(lead: CrmLead) -> bool:
    return any(classify_traffic(t.source, t.medium).kind in ("organic_social", "paid_social") for t in lead.touches)
