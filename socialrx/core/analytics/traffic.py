"""Classify traffic by source/medium (GA4's default channel rules) and count a month's sessions once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from socialrx.core.analytics.imports.crm import Touchpoint

TrafficKind = Literal[
    "organic_social", "paid_social", "email", "organic_search", "paid_search", "direct", "referral", "other"
]

# Sources as GA4 records them for the networks we care about (hosts, short links and UTM names).
SOCIAL_SOURCES: dict[str, tuple[str, ...]] = {
    "linkedin": ("linkedin", "linkedin.com", "www.linkedin.com", "m.linkedin.com", "lnkd.in"),
    "x": ("x", "x.com", "twitter", "twitter.com", "mobile.twitter.com", "t.co"),
    "youtube": ("youtube", "youtube.com", "www.youtube.com", "m.youtube.com", "youtu.be"),
    "doximity": ("doximity", "doximity.com", "www.doximity.com"),
    "facebook": ("facebook", "facebook.com", "m.facebook.com", "l.facebook.com", "lm.facebook.com", "fb"),
    "instagram": ("instagram", "instagram.com", "l.instagram.com"),
    "reddit": ("reddit", "reddit.com", "www.reddit.com"),
}
SOCIAL_MEDIUMS = frozenset({"social", "social-network", "social-media", "sm", "social network", "social media"})
SEARCH_SOURCES = frozenset({"google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu"})
_PAID_MEDIUM = re.compile(r"^(.*cp.*|ppc|retargeting|paid.*)$")
_NETWORK_BY_SOURCE = {source: network for network, sources in SOCIAL_SOURCES.items() for source in sources}


@dataclass(frozen=True)
class TrafficClass:
    """What kind of traffic a source/medium is, and which social network when it is social."""

    kind: TrafficKind
    network: str | None


def classify_traffic(source: str, medium: str) -> TrafficClass:
    """Classify a source/medium pair the way GA4's default channel group does."""
    source, medium = source.strip().lower(), medium.strip().lower()
    network = _NETWORK_BY_SOURCE.get(source)
    paid = bool(_PAID_MEDIUM.match(medium))
    if network is not None and paid:
        return TrafficClass("paid_social", network)
    if network is not None or medium in SOCIAL_MEDIUMS:
        return TrafficClass("organic_social", network or source or None)
    if source in ("(direct)", "direct", "") and medium in ("(none)", "(not set)", ""):
        return TrafficClass("direct", None)
    if medium == "email" or source in ("email", "newsletter"):
        return TrafficClass("email", None)
    if source in SEARCH_SOURCES:
        return TrafficClass("paid_search" if paid else "organic_search", None)
    if medium == "referral":
        return TrafficClass("referral", None)
    return TrafficClass("other", None)


def classify_row(source: str, medium: str, channel_group: str) -> TrafficClass:
    """Classify a GA4 row by its source/medium, or by its channel group when the view has no source."""
    if source or medium:
        return classify_traffic(source, medium)
    group = channel_group.strip().lower()
    return TrafficClass("organic_social" if group == "organic social" else
                        "paid_social" if group == "paid social" else "other", None)


@dataclass(frozen=True)
class TrafficSums:
    """Sessions of one GA4 row kind in one month: from daily rows (`period` None) or one export's period."""

    source: str
    medium: str
    channel_group: str
    sessions: int
    period: tuple[date, date] | None = None


@dataclass(frozen=True)
class MonthTraffic:
    """A month's sessions: all, social (organic and paid) and social per network."""

    total: int
    social: int
    by_network: dict[str, int]


def month_traffic(rows: Iterable[TrafficSums]) -> MonthTraffic | None:
    """Return a month's sessions counted once, or None when no export covers the month.

    Several exports may describe the same sessions, so one set of rows is chosen: daily rows over
    period totals; among period totals, the longest period; and within it a source / medium view over
    a channel-group view (each view counts every session of the period once).
    """
    rows = list(rows)
    daily = [row for row in rows if row.period is None]
    if not daily and rows:
        longest = max((row.period for row in rows if row.period),
                      key=lambda period: ((period[1] - period[0]).days, period[1]))
        daily = [row for row in rows if row.period == longest]
    by_source = [row for row in daily if row.source or row.medium]
    chosen = by_source or daily
    if not chosen:
        return None
    total = social = 0
    by_network: dict[str, int] = {}
    for row in chosen:
        total += row.sessions
        traffic = classify_row(row.source, row.medium, row.channel_group)
        if traffic.kind in ("organic_social", "paid_social"):
            social += row.sessions
            by_network[traffic.network or "other"] = by_network.get(traffic.network or "other", 0) + row.sessions
    return MonthTraffic(total, social, by_network)


def channel_for_touch(touch: Touchpoint) -> str:
    """Return the attribution channel of a touch, e.g. `linkedin_organic`, `linkedin_paid`, `email`."""
    traffic = classify_traffic(touch.source, touch.medium)
    if traffic.kind == "organic_social":
        return f"{traffic.network}_organic"
    if traffic.kind == "paid_social":
        return f"{traffic.network}_paid"
    if traffic.kind in ("organic_search", "paid_search"):
        return f"{touch.source.strip().lower()}_{'paid' if traffic.kind == 'paid_search' else 'search'}"
    if traffic.kind in ("direct", "email"):
        return traffic.kind
    return touch.source.strip().lower() or "other"
