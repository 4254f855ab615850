"""KPI bullets ("Follower growth rate: 15% monthly", "Social media influenced revenue: $2M annually").

A bullet no built-in metric matches ("Booking link clicks: 450/month") becomes a custom KPI: it reads
the series named in brackets ("(ga4_event.booking_click)"), else `manual.<key>`, entered by hand.
"""

from __future__ import annotations

import re

from .document import Block, Item
from .draft import Draft
from .values import money, number, plain_number, starts_with_network

# (words in the KPI's name, metric, key suffix), checked in order. Platform KPIs and
# organisation-wide ones use different vocabularies: "leads" on LinkedIn are that network's
# leads; "social media leads" are qualified leads from all of social.
_PLATFORM_METRICS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("subscriber growth",), "follower_growth_rate", "subscriber_growth"),
    (("follower growth", "audience growth"), "follower_growth_rate", "follower_growth"),
    (("completion",), "view_completion_rate", "completion"),
    (("engagement",), "engagement_rate", "engagement"),
    (("watch time",), "watch_time_hours", "watch_time"),
    (("click-through", "click through", "ctr"), "click_through_rate", "ctr"),
    (("sentiment",), "mention_sentiment_positive", "mention_sentiment"),
    (("hashtag",), "hashtag_performance", "hashtag_performance"),
    (("cme",), "cme_consumption", "cme"),
    (("connection", "network expansion"), "connections", "connections"),
    (("traffic",), "traffic_share_of_social", "traffic_share"),
    (("lead",), "leads", "leads"),
)
_ORGANISATION_METRICS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("speaking",), "speaking_requests", "speaking_requests"),
    (("lead-to-opportunity", "lead to opportunity", "conversion"), "lead_to_opportunity_rate", "lead_to_opportunity"),
    (("revenue",), "influenced_revenue", "influenced_revenue"),
    (("traffic",), "social_share_of_web_traffic", "social_traffic_share"),
    (("lead",), "qualified_leads", "social_leads"),
    (("brand mention",), "brand_mention_growth", "brand_mentions"),
    (("media mention",), "media_mention_growth", "media_mentions"),
    (("recognition", "ranking"), "industry_recognition_rank", "industry_recognition"),
)
_BRAND_METRICS = frozenset({"brand_mention_growth", "media_mention_growth", "industry_recognition_rank", "speaking_requests"})
_PERIODS = (
    (r"\baverage\b|\bavg\b", "average"),
    (r"monthly|/\s*month|per month|a month|each month", "month"),
    (r"quarterly|/\s*quarter|per quarter|a quarter", "quarter"),
    (r"annual|yearly|/\s*year|per year|a year", "year"),
    (r"weekly|/\s*week|per week|daily|/\s*day|per day", "unsupported"),
)
# "Booking link clicks: 450/month (ga4_event.booking_click)" names the series a custom KPI reads.
_SERIES_NOTE = re.compile(r"\(\s*(?:series:\s*)?([a-z0-9_]+\.[A-Za-z0-9_.-]+)\s*\)")
_PERIOD_WORDS = re.compile(r"\b(monthly|annually|annual|yearly|quarterly|average|per|of)\b.*$", re.I)


def read_kpis(draft: Draft, block: Block) -> None:
    """Add the KPI bullets of a block; a platform's block is named after it ("LinkedIn Metrics")."""
    draft.take_block(block)
    platform = starts_with_network(block.label or "")
    known = {p["key"] for p in draft.data.get("platforms", [])}
    if platform and platform not in known:
        for item in block.items:
            draft.reject_item(item, f"KPI for {platform!r}, which the strategy has no section for")
        return
    for item in block.items:
        kpi = _kpi(item, platform)
        if isinstance(kpi, str):
            draft.reject_item(item, kpi)
            continue
        keys, base, count = {k["key"] for k in draft.data.get("kpis", [])}, kpi["key"], 2
        while kpi["key"] in keys:
            kpi["key"], count = f"{base}_{count}", count + 1
        draft.append(("kpis",), kpi, item.line)
        if kpi["metric"] == "mention_sentiment_positive" and kpi.get("target") is not None:
            draft.section("listening", {}).setdefault("positive_sentiment_target", kpi["target"])


def _kpi(item: Item, platform: str | None) -> dict | str:
    """Return the KPI of one bullet, or the reason it is not one."""
    label, value = (item.plain.split(":", 1) + [""])[:2]
    label, value = label.strip(), value.strip()
    series = _SERIES_NOTE.search(item.plain)
    if series:
        label, value = _SERIES_NOTE.sub("", label).strip(), _SERIES_NOTE.sub("", value).strip()
    vocabulary = _PLATFORM_METRICS if platform else _ORGANISATION_METRICS
    found = next(((m, k) for words, m, k in vocabulary if any(w in label.lower() for w in words)), None)
    if found is None or series:
        return _custom_kpi(label, value, platform, series.group(1) if series else None)
    metric, suffix = found
    kpi: dict = {"key": f"{platform}_{suffix}" if platform else suffix, "name": label}
    if platform:
        kpi["platform"] = platform
    else:
        kpi["group"] = "brand" if metric in _BRAND_METRICS else "roi"
    kpi["metric"] = metric
    if not value:
        if "track" not in label.lower():
            return "KPI has no target (write 'Name: 15% monthly') and does not say it is only tracked"
        return {**kpi, "unit": "count", "period": "none"}
    return _with_target(kpi, label, value)


def _custom_kpi(label: str, value: str, platform: str | None, series: str | None) -> dict | str:
    """Return a custom KPI for a bullet no built-in metric matches: its named series, else one entered by hand."""
    if not value:
        return "KPI has no target (write 'Name: 450/month'); a custom KPI needs one"
    slug = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_")
    if not slug:
        return "KPI has no name"
    key = f"{platform}_{slug}" if platform else slug
    kpi: dict = {"key": key, "name": label, "metric": "custom", "series": series or f"manual.{key}"}
    if platform:
        kpi["platform"] = platform
    else:
        kpi["group"] = "roi"
    return _with_target(kpi, label, value)


def _with_target(kpi: dict, label: str, value: str) -> dict | str:
    lowered = value.lower()
    period = next((p for pattern, p in _PERIODS if re.search(pattern, lowered)), "month")
    if period == "unsupported":
        return "KPI periods are month, quarter, year or average; restate the target per month"
    if top := re.match(r"^top\s+(\d+)\s*(.*)$", value, re.I):
        kpi["name"] = f"{label} (top {top.group(2)})" if top.group(2) else label
        return {**kpi, "target": int(top.group(1)), "unit": "rank", "period": "year", "comparison": "at_most"}
    if amount := money(value):
        return {**kpi, "target": plain_number(amount[0]), "unit": "money", "period": period}
    target = number(value)
    if target is None:
        return "KPI target has no number"
    if percent := re.match(r"^[\d.,]+\s*%\s*(?P<rest>.*)$", value):
        qualifier = _PERIOD_WORDS.sub("", percent.group("rest")).strip()
        if qualifier:
            kpi["name"] = f"{label} {qualifier}"
        return {**kpi, "target": plain_number(target), "unit": "percent", "period": period}
    unit_words = re.split(r"/|\bper\b", re.sub(r"^[\d.,]+\s*[kKmM]?\s*", "", value))[0].split()
    kpi["name"] = _name_with_qualifiers(label, unit_words)
    unit = "hours" if unit_words[-1:] == ["hours"] else "count"
    return {**kpi, "target": plain_number(target), "unit": unit, "period": period}


def _name_with_qualifiers(label: str, unit_words: list[str]) -> str:
    """Return "Social media qualified leads" for "Social media leads: 150 qualified leads/month"."""
    if len(unit_words) < 2:
        return label
    noun, adjectives = unit_words[-1], [w for w in unit_words[:-1] if w.lower() not in label.lower().split()]
    words = label.split()
    if adjectives and words and words[-1].lower() == noun.lower():
        return " ".join([*words[:-1], *adjectives, words[-1]])
    return label
