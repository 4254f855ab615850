"""Walk a Markdown strategy block by block and send each block to the reader of its field."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable

from socialrx.core.strategy.schema import Strategy

from . import defaults
from .document import Block, Section, read_sections
from .draft import Context, Draft
from .kpis import read_kpis
from .platforms import (
    platform_of_heading,
    read_paid_block,
    read_platform_block,
    read_weekday_schedule,
    start_platform,
)
from .sections import (
    PILLAR,
    ROLE,
    SERIES,
    TIER,
    read_competitors,
    read_crisis_protocol,
    read_groups,
    read_hashtags,
    read_list,
    read_monthly_themes,
    read_named_list,
    read_pillar,
    read_recipe,
    read_role,
    read_routines,
    read_series,
    read_tier,
    read_tier_plays,
    read_training,
)
from .values import slug

Reader = Callable[[Draft, Block], "bool | None"]
Matcher = Callable[[str, Block, Context, Draft], bool]

# Each block goes to the first reader whose test its label (lower case) passes.
_READERS: tuple[tuple[Matcher, Reader], ...] = (
    (lambda label, b, c, d: bool(PILLAR.match(label)), read_pillar),
    (lambda label, b, c, d: bool(TIER.match(label)), read_tier),
    (lambda label, b, c, d: d.last_tier is not None and label in {"engagement strategy", "plays"}, read_tier_plays),
    (lambda label, b, c, d: bool(ROLE.match(label)), read_role),
    (lambda label, b, c, d: "schedule" in label, read_weekday_schedule),
    (lambda label, b, c, d: "monthly" in label and "theme" in label, read_monthly_themes),
    (lambda label, b, c, d: "hashtag" in label, read_hashtags),
    (lambda label, b, c, d: "video" in label and "categor" in label,
     lambda d, b: read_named_list(d, b, ("video_categories",))),
    (lambda label, b, c, d: bool(SERIES.match(label)), read_series),
    (lambda label, b, c, d: "→" in label or "->" in label, read_recipe),
    (lambda label, b, c, d: "group" in label and bool(b.items), read_groups),
    (lambda label, b, c, d: "community" in label and bool(b.items), read_routines),
    (lambda label, b, c, d: "competitor" in label, read_competitors),
    (lambda label, b, c, d: "term" in label or "keyword" in label,
     lambda d, b: read_list(d, b, ("listening", "key_terms"), split=True)),
    (lambda label, b, c, d: "sentiment" in label, lambda d, b: read_list(d, b, ("listening", "sentiment_goals"))),
    (lambda label, b, c, d: "sensitiv" in label, lambda d, b: read_list(d, b, ("crisis", "sensitivities"))),
    (lambda label, b, c, d: "protocol" in label, read_crisis_protocol),
    (lambda label, b, c, d: "tool" in label, lambda d, b: read_list(d, b, ("crisis", "monitoring_tools"))),
    (lambda label, b, c, d: "metric" in label or "kpi" in label or c.mentions("kpi", "metrics"), read_kpis),
    (lambda label, b, c, d: c.mentions("roles") and bool(b.items), read_role),
    (lambda label, b, c, d: c.mentions("training") and bool(b.items), read_training),
)  # fmt: skip
_TITLE_SUFFIX = re.compile(r"\s*(?:social\s+media\s+)?(?:marketing\s+)?(?:strategy|plan)\s*$", re.I)


def read_document(text: str) -> Draft:
    """Return the draft strategy read from a Markdown document, with every line it could not place."""
    draft = Draft()
    for section in read_sections(text):
        context = _enter_section(draft, section)
        for block in section.blocks:
            if not _place_block(draft, block, context):
                draft.reject_block(block, _reason(draft, block, context))
    _fill_defaults(draft)
    _reject_leftovers(draft, text)
    draft.data = _ordered(draft.data)
    draft.unplaced.sort(key=lambda u: u.line)
    return draft


def _enter_section(draft: Draft, section: Section) -> Context:
    if section.level == 1 and "name" not in draft.data.get("organisation", {}):
        name = _TITLE_SUFFIX.sub("", section.heading).strip() or section.heading
        draft.section("organisation", {})["name"] = name
        draft.note(("organisation", "name"), section.line)
    platform, paid = platform_of_heading(section)
    if platform:
        start_platform(draft, section, platform)
        if platform not in {p["key"] for p in draft.data.get("platforms", [])}:
            platform = None
    return Context(section.heading, section.parents, platform=platform, paid_platform=paid)


def _place_block(draft: Draft, block: Block, context: Context) -> bool:
    if block.label is None:
        return _read_paragraph(draft, block, context)
    label = block.label.lower()
    if context.platform and read_platform_block(draft, block, context):
        return True
    if context.paid_platform:
        if context.paid_platform not in {p["key"] for p in draft.data.get("platforms", [])}:
            return False
        if read_paid_block(draft, block, context):
            return True
    if _read_organisation_field(draft, block, label):
        return True
    for matches, reader in _READERS:
        if matches(label, block, context, draft):
            return reader(draft, block) is not False
    return False


def _read_paragraph(draft: Draft, block: Block, context: Context) -> bool:
    if not context.mentions("summary", "overview"):
        return False
    organisation = draft.section("organisation", {})
    organisation["summary"] = " ".join(p for p in (organisation.get("summary", ""), block.value) if p)
    draft.note(("organisation", "summary"), block.line)
    return True


def _read_organisation_field(draft: Draft, block: Block, label: str) -> bool:
    organisation = draft.section("organisation", {})
    if label in {"timezone", "time zone"} and block.value:
        organisation["timezone"] = block.value.strip()
    elif label in {"website", "domain", "domains", "web domain"} and block.value:
        hosts = [re.sub(r"^https?://|/.*$", "", part.strip()).removeprefix("www.") for part in block.value.split(",")]
        organisation["domains"] = [h for h in hosts if h]
    elif label in {"organisation", "organization", "company", "organisation name", "organization name"} and block.value:
        organisation["name"] = block.value.strip()
    else:
        return False
    draft.note(("organisation", label.replace(" ", "_")), block.line)
    return True


def _reason(draft: Draft, block: Block, context: Context) -> str:
    if block.label is None:
        return "paragraph outside any strategy field"
    if context.paid_platform and context.paid_platform not in {p["key"] for p in draft.data.get("platforms", [])}:
        return f"paid section for {context.paid_platform!r}, which has no platform section above"
    where = f" under {context.heading!r}" if context.heading else ""
    return f"no strategy field takes {block.label!r}{where}"


def _fill_defaults(draft: Draft) -> None:
    """Fill what the document leaves unsaid with socialrx defaults (see `defaults`)."""
    organisation = draft.section("organisation", {})
    organisation.setdefault("timezone", defaults.DEFAULT_TIMEZONE)
    if "name" in organisation and "domains" not in organisation:
        organisation["domains"] = [slug(organisation["name"]).replace("_", "-") + defaults.PLACEHOLDER_DOMAIN_SUFFIX]
    if organisation.get("domains"):
        draft.section("compliance", {}).setdefault("own_domains", list(organisation["domains"]))
    _fill_crisis_defaults(draft)
    _fill_review_defaults(draft)


def _fill_crisis_defaults(draft: Draft) -> None:
    team = {role["key"] for role in draft.data.get("roles", [])}
    available = team | set(defaults.CRISIS_ONLY_ROLES)
    needed: set[str] = set()
    for step in draft.data.get("crisis", {}).get("protocol", []):
        words = f"{step['name']} {step.get('description', '')}".lower()
        kind = next((k for k in defaults.CRISIS_STEPS if any(w in words for w in k.words)), None)
        if kind is None:
            continue
        named = tuple(dict.fromkeys(role for word, role in defaults.CRISIS_PEOPLE if word in words))
        step["owner_roles"] = [r for r in kind.owner_roles if r in available]
        step["sign_off_roles"] = [r for r in (kind.sign_off_roles or named) if r in available]
        step["target_minutes"] = kind.target_minutes
        needed.update(step["owner_roles"], step["sign_off_roles"])
    for key, role in defaults.CRISIS_ONLY_ROLES.items():
        if key in needed and key not in team:
            draft.section("roles", []).append(copy.deepcopy(role))


def _fill_review_defaults(draft: Draft) -> None:
    review: dict = {"tasks": copy.deepcopy(list(defaults.REVIEW_TASKS)), "rules": []}
    story_pillars = [
        p["key"] for p in draft.data.get("content_pillars", [])
        if any(word in p["name"].lower() for word in defaults.PATIENT_STORY_PILLAR_WORDS)
    ]  # fmt: skip
    if story_pillars:
        review["rules"].append({**copy.deepcopy(defaults.PATIENT_STORY_RULE), "when": {"pillars": story_pillars, "patient_story": True}})
    if draft.data.get("paid"):
        review["rules"].append(copy.deepcopy(defaults.PAID_RULE))
    review["crisis_tasks"] = copy.deepcopy(list(defaults.CRISIS_REVIEW_TASKS))
    draft.data["review"] = review


def _reject_leftovers(draft: Draft, text: str) -> None:
    for number, raw in enumerate(text.splitlines(), start=1):
        if raw.strip() and not raw.lstrip().startswith("#"):
            draft.reject(number, raw, "not part of any strategy field")


def _ordered(data: dict) -> dict:
    """Return the data in the schema's section order, without empty sections."""
    return {name: data[name] for name in Strategy.model_fields if data.get(name) not in (None, {}, [])}
