"""Platform sections: audience, targets, content types, weekday schedule, ads and paid budgets."""

from __future__ import annotations

import re

from socialrx.core.strategy.cadence import WEEKDAYS

from . import defaults
from .document import Block, Item, Section
from .draft import Context, Draft
from .values import (
    KNOWN_NETWORKS,
    canonical_cadence,
    capitalise,
    duration_minutes,
    find_cadence,
    money,
    network_key,
    number,
    plain_number,
    sentence_case,
    slug,
    split_list,
    starts_with_network,
)

_ROLE_SEPARATOR = re.compile(r"\s+[-–—:]\s+")
_TARGET = re.compile(r"(?P<value>\d[\d,.]*\s*[kKmM]?)\b.*?\bby\s+(?P<by>.+?)\s*\.?$")
_TARGET_METRICS = {"follower": "followers", "subscriber": "subscribers", "member": "members", "connection": "connections"}
_PAID_WORDS = ("advertising", "paid", " ads", "ad strategy", "ad budget")


def platform_of_heading(section: Section) -> tuple[str | None, str | None]:
    """Return (platform key, paid platform key) a heading introduces; either may be None."""
    heading = section.heading
    network = starts_with_network(heading)
    lowered = f" {heading.lower()}"
    if network and any(word in lowered for word in _PAID_WORDS):
        return None, network
    named_platform = _ROLE_SEPARATOR.search(heading) or heading.strip().lower() in KNOWN_NETWORKS
    under_platforms = any("platform" in parent.lower() for parent in section.parents)
    if network and named_platform:
        return network, None
    if under_platforms and _ROLE_SEPARATOR.search(heading) and not network:
        return network_key(_ROLE_SEPARATOR.split(heading, maxsplit=1)[0]), None
    return None, None


def start_platform(draft: Draft, section: Section, key: str) -> None:
    """Add the platform a heading introduces ("LinkedIn - Primary Professional Network")."""
    parts = _ROLE_SEPARATOR.split(section.heading, maxsplit=1)
    name, role = parts[0].strip(), (parts[1].strip() if len(parts) > 1 else "")
    platform: dict = {"key": key, "name": name}
    if role:
        platform["role"] = role
    if key in defaults.MANUAL_NETWORKS:
        platform["publishing"] = "manual"
    if key in defaults.POSTING_TIMES:
        platform["posting_times"] = list(defaults.POSTING_TIMES[key])
    if any(p["key"] == key for p in draft.data.get("platforms", [])):
        draft.reject(section.line, f"{'#' * section.level} {section.heading}", f"platform {key!r} appears twice")
        return
    draft.append(("platforms",), platform, section.line)


def platform_entry(draft: Draft, key: str) -> tuple[int, dict]:
    """Return the index and data of a platform already added."""
    for index, platform in enumerate(draft.data.get("platforms", [])):
        if platform["key"] == key:
            return index, platform
    raise KeyError(key)


def read_platform_block(draft: Draft, block: Block, context: Context) -> bool:
    """Place a block found in a platform's section; return False when it is not a platform field."""
    label = (block.label or "").lower()
    index, platform = platform_entry(draft, context.platform or "")
    path = ("platforms", index)
    if label in {"audience", "audiences", "target audience"} and block.value:
        platform["audience"] = split_list(block.value)
        draft.note((*path, "audience"), block.line)
    elif "target" in label and any(word in label for word in _TARGET_METRICS):
        return _follower_target(draft, block, platform, path)
    elif "goal" in label and ("engagement" in label or "completion" in label):
        return _engagement_goal(draft, block, platform, path)
    elif "content" in label and any(w in label for w in ("strategy", "types", "mix", "formats")):
        draft.take_block(block)
        for item in block.items:
            _content_type(draft, item, platform, path)
    elif "schedule" in label:
        read_weekday_schedule(draft, block, platform=context.platform)
    elif "ad" in label.split() or "ads" in label.split() or "advertising" in label:
        draft.take_block(block)
        for item in block.items:
            _named_item(draft, item, (*path, "ad_strategy"))
    else:
        return False
    return True


def _follower_target(draft: Draft, block: Block, platform: dict, path: tuple) -> bool:
    match = _TARGET.search(block.value)
    if not match:
        return False
    metric = next(m for word, m in _TARGET_METRICS.items() if word in block.label.lower())
    value = number(match.group("value"))
    platform["follower_target"] = {"metric": metric, "value": plain_number(value or 0), "by": match.group("by")}
    draft.note((*path, "follower_target"), block.line)
    return True


def _engagement_goal(draft: Draft, block: Block, platform: dict, path: tuple) -> bool:
    match = re.search(r"(\d+(?:\.\d+)?)\s*%", block.value)
    if not match:
        return False
    kind = "view_completion_rate" if "completion" in block.value.lower() else "engagement_rate"
    platform["engagement_goal"] = {"kind": kind, "value": plain_number(float(match.group(1)))}
    draft.note((*path, "engagement_goal"), block.line)
    return True


def item_name_and_text(item: Item) -> tuple[str, str]:
    """Return (name, description) of "**Name:** text", "Name: text" or a bare "Name"."""
    if item.name:
        return item.name, item.text
    if ":" in item.text:
        name, text = item.text.split(":", 1)
        return name.strip(), text.strip()
    return item.text.strip(), ""


def _content_type(draft: Draft, item: Item, platform: dict, path: tuple) -> None:
    name, text = item_name_and_text(item)
    stated = find_cadence(text) or find_cadence(name)
    key, existing, count = slug(name), {c["key"] for c in platform.get("content_types", [])}, 2
    while key in existing:
        key, count = f"{slug(name)}_{count}", count + 1
    words = f"{name} {text}".lower()
    entry: dict = {"key": key, "name": name}
    entry["description"] = sentence_case(name) if not text or canonical_cadence(text) else text
    entry["cadence"] = stated or _unstated_cadence(words, platform["key"])
    if (kind := _content_format(words, platform["key"])) != "post":
        entry["format"] = kind
    if minutes := duration_minutes(text):
        entry["duration_minutes"] = minutes
    if "live-tweet" in words or "live coverage" in words:
        entry["live_event"] = True
    draft.append((*path, "content_types"), entry, item.line)


def _unstated_cadence(words: str, platform: str) -> str:
    if platform in defaults.VIDEO_NETWORKS:
        return defaults.UNSTATED_VIDEO_CADENCE
    for word, cadence in defaults.UNSTATED_CADENCE_BY_WORD:
        if word in words:
            return cadence
    return defaults.UNSTATED_CADENCE


def _content_format(words: str, platform: str) -> str:
    rules = (
        ("live-tweet", "thread"),
        (r"\blive\b", "live"),
        ("article", "article"),
        ("thread", "thread"),
        (r"\breels?\b|\bshorts\b", "short_video"),
        ("video", "short_video" if platform == "tiktok" else "video"),
        (r"infographic|carousel|photo|\bimage", "image"),
        ("webinar", "event"),
    )
    for pattern, kind in rules:
        if re.search(pattern, words):
            return kind
    if platform in defaults.VIDEO_NETWORKS:
        return "short_video" if platform == "tiktok" else "video"
    return "post"


def _named_item(draft: Draft, item: Item, path: tuple) -> None:
    """Add "**Name:** description", or "Name for/to purpose", as a named item."""
    if item.name:
        entry = {"name": item.name, "description": item.text}
    else:
        match = re.search(r"\s(for|to)\s", item.text)
        if match:
            entry = {"name": item.text[: match.start()].strip(), "description": capitalise(item.text[match.end():].strip())}
        else:
            entry = {"name": item.text.strip()}
    draft.append(path, entry, item.line)


def read_weekday_schedule(draft: Draft, block: Block, *, platform: str | None = None) -> None:
    """Add a weekday schedule ("**Monday:** Industry news …") as the week's themes.

    A schedule in a network's section applies to that network only; elsewhere it applies to every network.
    """
    draft.take_block(block)
    themes = draft.section("weekday_themes", [])
    platforms = [platform] if platform else []
    for item in block.items:
        name, theme = item_name_and_text(item)
        day = name.lower().rstrip("s")
        if day not in WEEKDAYS:
            draft.reject_item(item, f"{name!r} is not a weekday")
        elif any(t["weekday"] == day and t.get("platforms", []) == platforms for t in themes):
            where = f"on {platform}" if platform else "for every network"
            draft.reject_item(item, f"{name} already has a theme {where}; a network has one theme per weekday")
        else:
            entry = {"weekday": day, "theme": theme} | ({"platforms": platforms} if platforms else {})
            draft.append(("weekday_themes",), entry, item.line)


def read_paid_block(draft: Draft, block: Block, context: Context) -> bool:
    """Place a block of a paid-advertising section (budget, audiences, campaign types)."""
    label = (block.label or "").lower()
    entry, index = _paid_entry(draft, context.paid_platform or "", block.line)
    path = ("paid", index)
    if "budget" in label:
        amount = money(block.value)
        if amount is None:
            return False
        value, currency = amount
        per_year = re.search(r"/\s*year|per year|annual|yearly", block.value, re.I)
        entry["monthly_budget"] = plain_number(round(value / 12, 2) if per_year else value)
        if currency != "USD":
            draft.data.setdefault("organisation", {})["currency"] = currency
        draft.note((*path, "monthly_budget"), block.line)
    elif "audience" in label:
        draft.take_block(block)
        for item in block.items:
            draft.append((*path, "target_audiences"), f"{item.name}: {item.text}" if item.name else item.text, item.line)
    elif "campaign" in label:
        draft.take_block(block)
        for item in block.items:
            _named_item(draft, item, (*path, "campaign_types"))
    else:
        return False
    return True


def _paid_entry(draft: Draft, platform: str, line: int) -> tuple[dict, int]:
    paid = draft.section("paid", [])
    for index, entry in enumerate(paid):
        if entry["platform"] == platform:
            return entry, index
    index = draft.append(("paid",), {"platform": platform, "monthly_budget": 0}, line)
    return paid[index], index
