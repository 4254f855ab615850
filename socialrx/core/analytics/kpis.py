"""KPI arithmetic over imported rows: growth, engagement, video, leads, revenue, mix and best hours.

Rates over a period are ratios of sums (Σ engagements / Σ impressions), never means of per-post
ratios (research note §7).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from socialrx.core.analytics.imports.crm import CrmLead
from socialrx.core.analytics.imports.linkedin import LinkedInFollowerGain, LinkedInPost
from socialrx.core.analytics.imports.x import XPost
from socialrx.core.analytics.imports.youtube import YouTubeVideoRow
from socialrx.core.analytics.traffic import classify_traffic

# What each network counts as an engagement (written into the KPI definition).
ENGAGEMENT_DEFINITIONS: dict[str, str] = {
    "linkedin": "clicks + reactions + comments + reposts + follows",
    "x": "X's own engagements count: all clicks, reposts, replies, follows and likes",
}


@dataclass(frozen=True)
class PostPerformance:
    """One post's counts, with the plan labels it was published under."""

    platform: str
    post_id: str
    published_at: datetime
    impressions: int
    engagements: int
    followers_at_post: int | None = None
    pillar: str | None = None
    series: str | None = None


@dataclass(frozen=True)
class MonthlyRate:
    """A rate for the calendar month starting on `month`."""

    month: date
    rate: float


@dataclass(frozen=True)
class GroupPerformance:
    """Posts of one pillar or series: count, share of posts, planned share and engagement rate."""

    name: str
    posts: int
    share: float
    planned_share: float | None
    engagement_rate: float


@dataclass(frozen=True)
class HourOfWeek:
    """Engagement rate of posts published in one weekday hour (0 = Monday) in the strategy's timezone."""

    weekday: int
    hour: int
    posts: int
    engagement_rate: float


def growth_rate(start: float, end: float) -> float:
    """Return (end - start) / start: follower growth, mention growth, any period-over-period change."""
    if start <= 0:
        raise ValueError("growth from zero or less is undefined")
    return (end - start) / start


def month_start(day: date) -> date:
    """Return the first day of `day`'s month."""
    return day.replace(day=1)


def monthly_growth_rates(points: Iterable[tuple[date, float]]) -> tuple[MonthlyRate, ...]:
    """Return month-over-month growth of the last value seen in each month."""
    month_end: dict[date, tuple[date, float]] = {}
    for day, value in sorted(points):
        month_end[month_start(day)] = (day, value)
    months = sorted(month_end)
    return tuple(
        MonthlyRate(month, growth_rate(month_end[previous][1], month_end[month][1]))
        for previous, month in zip(months, months[1:], strict=False)
    )


def follower_totals_from_gains(
    current_total: int, gains: Sequence[LinkedInFollowerGain]
) -> tuple[tuple[date, int], ...]:
    """Rebuild end-of-day follower totals from LinkedIn's daily gains and today's total (after the last day)."""
    totals = []
    running = current_total
    for gain in sorted(gains, key=lambda g: g.day, reverse=True):
        totals.append((gain.day, running))
        running -= gain.total
    return tuple(reversed(totals))


def linkedin_performance(post: LinkedInPost, **labels: object) -> PostPerformance:
    """Return a LinkedIn post's counts with engagements as LinkedIn Page analytics counts them."""
    engagements = post.clicks + post.likes + post.comments + post.reposts + post.follows
    return PostPerformance("linkedin", post.link, _midnight(post.created), post.impressions, engagements,
                           **labels)  # type: ignore[arg-type]


def x_performance(post: XPost, **labels: object) -> PostPerformance:
    """Return an X post's counts using X's own engagements figure."""
    return PostPerformance("x", post.post_id, post.posted_at, post.impressions, post.engagements,
                           **labels)  # type: ignore[arg-type]


def _midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=UTC)


def engagement_rate_by_impressions(posts: Iterable[PostPerformance]) -> float:
    """Return Σ engagements / Σ impressions (0 when there were no impressions)."""
    posts = list(posts)
    impressions = sum(p.impressions for p in posts)
    return sum(p.engagements for p in posts) / impressions if impressions else 0.0


def engagement_rate_by_followers(posts: Iterable[PostPerformance]) -> float:
    """Return Σ engagements / Σ followers at post time, over posts whose follower count is known."""
    known = [p for p in posts if p.followers_at_post]
    followers = sum(p.followers_at_post or 0 for p in known)
    return sum(p.engagements for p in known) / followers if followers else 0.0


def ratio(part: float, whole: float) -> float:
    """Return part / whole, or 0 when whole is 0 (CTR = clicks / impressions, completion = completes / starts)."""
    return part / whole if whole else 0.0


def watch_time_hours(videos: Iterable[YouTubeVideoRow]) -> float:
    """Return total hours watched."""
    return sum(video.watch_time_hours for video in videos)


def average_percentage_viewed(videos: Iterable[YouTubeVideoRow]) -> float:
    """Return the view-weighted average share of each video watched (YouTube's completion measure)."""
    videos = list(videos)
    return ratio(sum(v.average_percentage_viewed * v.views for v in videos), sum(v.views for v in videos))


def impressions_click_through_rate(videos: Iterable[YouTubeVideoRow]) -> float:
    """Return views from impressions / impressions, i.e. the impression-weighted impressions CTR."""
    videos = list(videos)
    return ratio(sum(v.impressions_ctr * v.impressions for v in videos), sum(v.impressions for v in videos))


def leads_per_month(leads: Iterable[CrmLead], *, tz: ZoneInfo) -> dict[date, int]:
    """Return the number of leads created in each month of the strategy's timezone."""
    counts: dict[date, int] = {}
    for lead in leads:
        month = month_start(lead.created_at.astimezone(tz).date())
        counts[month] = counts.get(month, 0) + 1
    return dict(sorted(counts.items()))


def lead_to_opportunity_rate(leads: Iterable[CrmLead]) -> float:
    """Return the share of leads that became opportunities."""
    leads = list(leads)
    return ratio(sum(lead.has_opportunity for lead in leads), len(leads))


def influenced_revenue(leads: Iterable[CrmLead], *, start: datetime, end: datetime) -> float:
    """Return revenue won in [start, end) from leads with at least one social touch before the win."""
    total = 0.0
    for lead in leads:
        if lead.won_at is None or not start <= lead.won_at < end:
            continue
        if any(touch.at <= lead.won_at and classify_traffic(touch.source, touch.medium).kind
               in ("organic_social", "paid_social") for touch in lead.touches):
            total += lead.revenue
    return total


def pillar_mix(posts: Sequence[PostPerformance], planned: Mapping[str, float]) -> tuple[GroupPerformance, ...]:
    """Return each pillar's share of posts against its planned share, with its engagement rate."""
    return _grouped(posts, lambda post: post.pillar, planned)


def series_performance(posts: Sequence[PostPerformance]) -> tuple[GroupPerformance, ...]:
    """Return each series' post count, share and engagement rate."""
    return _grouped(posts, lambda post: post.series, {})


def _grouped(
    posts: Sequence[PostPerformance], label: Callable[[PostPerformance], str | None], planned: Mapping[str, float]
) -> tuple[GroupPerformance, ...]:
    groups: dict[str, list[PostPerformance]] = {name: [] for name in planned}
    for post in posts:
        name = label(post)
        if name is not None:
            groups.setdefault(name, []).append(post)
    labelled = sum(len(members) for members in groups.values())
    return tuple(
        GroupPerformance(name, len(members), ratio(len(members), labelled), planned.get(name),
                         engagement_rate_by_impressions(members))
        for name, members in groups.items()
    )


def best_posting_hours(
    posts: Iterable[PostPerformance], *, tz: ZoneInfo, min_posts: int = 5
) -> tuple[HourOfWeek, ...]:
    """Return weekday hours with at least `min_posts` posts, best engagement rate first."""
    slots: dict[tuple[int, int], list[PostPerformance]] = {}
    for post in posts:
        local = post.published_at.astimezone(tz)
        slots.setdefault((local.weekday(), local.hour), []).append(post)
    ranked = [
        HourOfWeek(weekday, hour, len(members), engagement_rate_by_impressions(members))
        for (weekday, hour), members in slots.items()
        if len(members) >= min_posts
    ]
    return tuple(sorted(ranked, key=lambda slot: (-slot.engagement_rate, slot.weekday, slot.hour)))


def days_in_month(day: date) -> int:
    """Return the number of days in `day`'s month."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day
