"""Classify traffic by source/medium (GA4's default channel rules) and measure social's share."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from socialrx.core.analytics.imports.crm import Touchpoint
from socialrx.core.analytics.imports.ga4 import Ga4TrafficRow

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


def _row_class(row: Ga4TrafficRow) -> TrafficClass:
    if row.source or row.medium:
        return classify_traffic(row.source, row.medium)
    group = row.channel_group.strip().lower()
    return TrafficClass("organic_social" if group == "organic social" else
                        "paid_social" if group == "paid social" else "other", None)


def social_traffic_share(rows: Iterable[Ga4TrafficRow]) -> float:
    """Return the share of all sessions that came from social networks (organic and paid)."""
    total = social = 0
    for row in rows:
        total += row.sessions
        if _row_class(row).kind in ("organic_social", "paid_social"):
            social += row.sessions
    return social / total if total else 0.0


def social_network_shares(rows: Iterable[Ga4TrafficRow]) -> dict[str, float]:
    """Return each network's share of social sessions ("other" for channel-group rows)."""
    sessions: dict[str, int] = {}
    for row in rows:
        traffic = _row_class(row)
        if traffic.kind in ("organic_social", "paid_social"):
            network = traffic.network or "other"
            sessions[network] = sessions.get(network, 0) + row.sessions
    social = sum(sessions.values())
    return {network: count / social for network, count in sessions.items()} if social else {}


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
