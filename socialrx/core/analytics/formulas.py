"""Every KPI formula socialrx uses, defined once (research note: shared/reference/listening-analytics.md §7).

Rates over a period are ratios of sums, never means of per-post ratios:

* engagement rate = Σ engagements / Σ impressions, each network counting engagements its own way
  (`ENGAGEMENT_DEFINITIONS`, computed by `linkedin_engagements`, `youtube_engagements`; X reports its own
  engagements figure);
* click-through rate = Σ clicks / Σ impressions (YouTube: the impressions CTR, Σ(CTR × impressions) / Σ impressions);
* view completion = YouTube's average percentage viewed, weighted by views: Σ(share × views) / Σ views;
* watch time = Σ hours watched;
* growth = (end - start) / start: followers month over month, mentions this year to date against the same
  days of last year;
* share = part / whole: social sessions / all sessions, a network's sessions / social sessions, positive
  brand mentions / brand mentions;
* lead-to-opportunity = social leads with an opportunity / social leads.

Every KPI formula returns None when its denominator is zero: "no data" is never shown as 0.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

# What each network counts as an engagement (written into the KPI definition).
ENGAGEMENT_DEFINITIONS: dict[str, str] = {
    "linkedin": "clicks + reactions + comments + reposts + follows",
    "x": "X's own engagements count: all clicks, reposts, replies, follows and likes",
    "youtube": "likes + comments + shares",
}
POSITIVE_SENTIMENT = 0.05  # VADER's conventional threshold, as the listening pages use it


def ratio(part: float, whole: float) -> float:
    """Return part / whole, or 0 when whole is 0 (for displays such as cost per lead and pacing)."""
    return part / whole if whole else 0.0


def share(part: float, whole: float) -> float | None:
    """Return part / whole, or None when there is no whole to take a share of."""
    return part / whole if whole else None


def engagement_rate(engagements: float, impressions: float) -> float | None:
    """Return Σ engagements / Σ impressions."""
    return share(engagements, impressions)


def click_through_rate(clicks: float, impressions: float) -> float | None:
    """Return Σ clicks / Σ impressions."""
    return share(clicks, impressions)


def growth_rate(start: float | None, end: float | None) -> float | None:
    """Return (end - start) / start, or None when either is unknown or start is not positive."""
    if start is None or end is None or start <= 0:
        return None
    return (end - start) / start


def weighted_share(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Return Σ(share × weight) / Σ weight, e.g. average percentage viewed weighted by views."""
    total = weighted = 0.0
    for value, weight in pairs:
        total += weight
        weighted += value * weight
    return share(weighted, total)


def linkedin_engagements(*, clicks: int, reactions: int, comments: int, reposts: int, follows: int = 0) -> int:
    """Return engagements as LinkedIn Page analytics counts them."""
    return clicks + reactions + comments + reposts + follows


def youtube_engagements(*, likes: int, comments: int, shares: int) -> int:
    """Return a YouTube video's engagements (YouTube itself reports no engagement rate)."""
    return likes + comments + shares


def days_in_month(day: date) -> int:
    """Return the number of days in `day`'s month."""
    following = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return (following - timedelta(days=1)).day
