"""Strategy-wide sections: pillars, themes, series, hashtags, influencers, community, listening, team."""

from __future__ import annotations

import re

from socialrx.core.strategy.schema import MONTHS

from . import defaults
from .document import Block, Item
from .draft import Draft
from .platforms import item_name_and_text
from .values import find_cadence, leading_cadence, mentioned_network, slug, split_list

PILLAR = re.compile(r"^pillar\s*\d*\s*[:.\-–]\s*(?P<name>.+?)\s*\((?P<share>\d+(?:\.\d+)?)\s*%[^)]*\)$", re.I)
TIER = re.compile(r"^tier\s*(?P<level>\d+)\s*[:.\-–]\s*(?P<name>.+)$", re.I)
SERIES = re.compile(r"^[\"“”']?(?P<name>.+?)[\"“”']?\s+series$", re.I)
ROLE = re.compile(r"^(?P<name>.+?)\s*\((?P<employment>full[- ]time|part[- ]time|contract(?:or)?|on[- ]call|freelance)\)$", re.I)
_GROUP = re.compile(r"^[\"“](?P<name>.+?)[\"”]\s*(?:\((?P<detail>[^)]*)\))?\s*$")
_GROUP_ROLES = ("owner", "moderator", "contributor", "member")
_EMPLOYMENT = {"contractor": "contract", "freelance": "contract"}
_HASHTAG_SETS = {"primary": "primary", "secondary": "secondary", "event": "event", "event-specific": "event"}


def read_pillar(draft: Draft, block: Block) -> None:
    """Add "**Pillar 1: Thought Leadership (30% of content)**" and its topic bullets."""
    match = PILLAR.match(block.label or "")
    name = match.group("name").strip()
    share = float(match.group("share"))
    pillar = {"key": pillar_key(name), "name": name, "share": int(share) if share.is_integer() else share}
    pillar["topics"] = [item.plain for item in block.items]
    draft.append(("content_pillars",), pillar, block.line)
    draft.place(*(item.line for item in block.items))


def pillar_key(name: str) -> str:
    """Return a pillar's key: its name before " and ", without the word "content" ("Educational Content" -> "educational")."""
    head = re.split(r"\s+(?:and|&)\s+", name, maxsplit=1)[0]
    words = [w for w in head.split() if w.lower() != "content"] or head.split()
    return slug(" ".join(words))


def read_monthly_themes(draft: Draft, block: Block) -> None:
    """Add "**January:** New Year Healthcare AI Trends" items; a trailing "(note)" becomes the note."""
    draft.take_block(block)
    for item in block.items:
        name, text = item_name_and_text(item)
        month = name.strip().lower()
        if month not in MONTHS:
            draft.reject_item(item, f"{name!r} is not a month")
            continue
        entry = {"month": month, "theme": text}
        if note := re.match(r"^(?P<theme>.+?)\s*\((?P<note>[^()]+)\)$", text):
            entry = {"month": month, "theme": note.group("theme"), "note": note.group("note")}
        draft.append(("monthly_themes",), entry, item.line)


def read_series(draft: Draft, block: Block) -> None:
    """Add a content series ("**"Implementation Tuesday" Series:**") and its items."""
    name = SERIES.match(block.label or "").group("name").strip("\"“” ")
    platforms = [p["key"] for p in draft.data.get("platforms", [])]
    index = draft.append(("series",), {"key": slug(name), "name": name, "items": []}, block.line)
    for item in block.items:
        text = item.plain
        cadence = find_cadence(text)
        platform = mentioned_network(text) or (platforms[0] if platforms else None)
        if cadence is None or platform is None:
            why = "no frequency (e.g. 'Weekly', 'Tuesday')" if cadence is None else "no platform to publish on"
            draft.reject_item(item, f"series item has {why}")
            continue
        entry = {"platform": platform, "cadence": cadence, "format": _series_format(text.lower(), platform)}
        entry["description"] = text
        draft.append(("series", index, "items"), entry, item.line)


def _series_format(words: str, platform: str) -> str:
    rules = (
        (r"\blive\b", "live"),
        (r"\barticle", "article"),
        (r"\breport|\bguide|whitepaper|e-?book|\bchecklist", "document"),
        (r"presentation|webinar|conference|\bevent", "event"),
        (r"\bvideo", "video"),
    )
    for pattern, kind in rules:
        if re.search(pattern, words):
            return kind
    return "video" if platform in defaults.VIDEO_NETWORKS else "post"


def read_hashtags(draft: Draft, block: Block) -> None:
    """Add hashtag sets written as "Primary: #A, #B"; a set of words without tags becomes a note."""
    draft.take_block(block)
    hashtags = draft.section("hashtags", {})
    for item in block.items:
        label, rest = item_name_and_text(item)
        tags = re.findall(r"#\w+", rest)
        kind = _HASHTAG_SETS.get(label.lower().split()[0] if label else "")
        if tags and kind:
            hashtags.setdefault(kind, []).extend(t for t in tags if t not in hashtags.get(kind, []))
            draft.note(("hashtags", kind), item.line)
        elif not tags and rest:
            notes = [n for n in (hashtags.get("notes", ""), f"{label}: {rest}") if n]
            hashtags["notes"] = "; ".join(notes)
            draft.note(("hashtags", "notes"), item.line)
        else:
            draft.reject_item(item, "hashtags must be a primary, secondary or event-specific set")


def read_named_list(draft: Draft, block: Block, path: tuple) -> None:
    """Add "1. **Name:** description" items as {name, description} entries."""
    draft.take_block(block)
    for item in block.items:
        name, text = item_name_and_text(item)
        draft.append(path, {"name": name, "description": text} if text else {"name": name}, item.line)


def read_tier(draft: Draft, block: Block) -> None:
    """Add "**Tier 1: C-Suite Healthcare Executives**" and its categories; plays follow in the next block."""
    match = TIER.match(block.label or "")
    level = int(match.group("level"))
    tier = {"level": level, "name": match.group("name").strip(), "categories": [i.text for i in block.items]}
    tier["plays"] = []
    tier["play_interval_days"] = defaults.PLAY_INTERVAL_DAYS.get(level, defaults.DEFAULT_PLAY_INTERVAL_DAYS)
    draft.append(("influencer_tiers",), tier, block.line)
    draft.place(*(item.line for item in block.items))
    draft.last_tier = tier


def read_tier_plays(draft: Draft, block: Block) -> None:
    """Add an "**Engagement Strategy:**" list as the plays of the tier just above it."""
    draft.take_block(block)
    draft.last_tier["plays"].extend(item.text for item in block.items)
    draft.place(*(item.line for item in block.items))
    draft.last_tier = None


def read_groups(draft: Draft, block: Block) -> None:
    """Add groups written as '"Name" (Owner, 15,000 members)'."""
    draft.take_block(block)
    network = mentioned_network(block.label or "")
    if network is None:
        network = next((p["key"] for p in draft.data.get("platforms", [])), "linkedin")
    for item in block.items:
        match = _GROUP.match(item.text)
        detail = (match.group("detail") or "").lower() if match else ""
        role = next((r for r in _GROUP_ROLES if r in detail), None)
        if not match or role is None:
            draft.reject_item(item, 'a group is written "Name" (Owner|Moderator|Contributor|Member[, N members])')
            continue
        group = {"name": match.group("name"), "network": network, "role": role}
        if members := re.search(r"(\d[\d,]*)\s+members", detail):
            group["members"] = int(members.group(1).replace(",", ""))
        draft.append(("community", "groups"), group, item.line)


def read_routines(draft: Draft, block: Block) -> None:
    """Add community routines; one without a stated frequency gets the socialrx default."""
    draft.take_block(block)
    groups = draft.data.get("community", {}).get("groups", [])
    network = groups[0]["network"] if groups else next((p["key"] for p in draft.data.get("platforms", [])), None)
    for item in block.items:
        text = item.plain
        sharing = "sharing" in text.lower()
        cadence = leading_cadence(text)
        if cadence is None:
            cadence = defaults.SHARING_ROUTINE_CADENCE if sharing else defaults.ROUTINE_CADENCE
        routine: dict = {"name": text, "cadence": cadence}
        if network and network != "linkedin":
            routine["platform"] = network
        if sharing:
            routine["owned_groups_only"] = False
        draft.append(("community", "routines"), routine, item.line)


def read_list(draft: Draft, block: Block, path: tuple, *, split: bool = False) -> None:
    """Add each item's text (or each comma-separated part of it) to the list at `path`."""
    draft.take_block(block)
    for item in block.items:
        for part in split_list(item.plain) if split else [item.plain]:
            draft.append(path, part, item.line)


def read_competitors(draft: Draft, block: Block) -> None:
    """Add competitors, with the other names socialrx knows them by."""
    draft.take_block(block)
    for item in block.items:
        name = item.text.strip()
        competitor: dict = {"name": name}
        if aliases := defaults.COMPETITOR_ALIASES.get(name.lower()):
            competitor["aliases"] = list(aliases)
        draft.append(("listening", "competitors"), competitor, item.line)


def read_crisis_protocol(draft: Draft, block: Block) -> None:
    """Add numbered crisis steps ("1. **Immediate Response:** Acknowledge and assess situation")."""
    draft.take_block(block)
    for position, item in enumerate(block.items, start=1):
        name, text = item_name_and_text(item)
        step = {"order": item.number or position, "name": name, "description": text}
        draft.append(("crisis", "protocol"), step, item.line)


def read_recipe(draft: Draft, block: Block) -> bool:
    """Add a repurposing recipe ("**Blog Post → Multi-Platform Distribution:**"); False if its source is unknown."""
    source_text = re.split(r"\s*(?:→|->)\s*", block.label or "", maxsplit=1)[0].lower()
    sources = (("blog", "blog_post"), ("webinar", "webinar"), ("podcast", "podcast"), ("report", "report"))
    source = next((s for word, s in sources if word in source_text), "video" if "video" in source_text else None)
    if source is None:
        return False
    keys = {r["key"] for r in draft.data.get("repurposing", [])}
    key = source if source not in keys else f"{source}_{len(keys) + 1}"
    index = draft.append(("repurposing",), {"key": key, "source": source, "name": block.label, "outputs": []}, block.line)
    for item in block.items:
        draft.append(("repurposing", index, "outputs"), _recipe_output(item), item.line)
    return True


def _recipe_output(item: Item) -> dict:
    label, text = item_name_and_text(item)
    channel = mentioned_network(label)
    words = label.split()
    extra = words[1:] if channel or len(words) > 1 else []
    channel = channel or slug(words[0] if words else label)
    if extra and not mentioned_network(" ".join(extra)):
        kind = slug(" ".join(extra))
    else:
        head = re.split(r"\s+(?:with|of|for|to|and|in|on|from|as)\s+", text, maxsplit=1)[0]
        kind = slug(" ".join(head.split()[:3]))
    return {"channel": channel, "format": kind, "description": text}


def read_role(draft: Draft, block: Block) -> None:
    """Add a team role ("**Community Manager (Contract):**") and its responsibilities."""
    match = ROLE.match(block.label or "")
    name = match.group("name") if match else (block.label or "")
    employment = match.group("employment").lower().replace(" ", "-") if match else "full-time"
    role = {"key": slug(name), "name": name, "employment": _EMPLOYMENT.get(employment, employment)}
    role["responsibilities"] = [item.text for item in block.items]
    draft.append(("roles",), role, block.line)
    draft.place(*(item.line for item in block.items))


def read_training(draft: Draft, block: Block) -> None:
    """Add a training area ("**Healthcare Industry Training:**") and its topics."""
    area = {"name": block.label, "topics": [item.text for item in block.items]}
    draft.append(("training",), area, block.line)
    draft.place(*(item.line for item in block.items))
