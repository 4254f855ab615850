"""Shared shaping of drafts: UTM links, hashtags, clinical register, fitting text into a budget."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from socialrx.core.platforms.hashtags import HASHTAG_LIMITS, suggest_hashtags
from socialrx.core.platforms.utm import build_utm_url, utm_slug

COMMENTARY_PLACEHOLDER = "[[Your commentary here]]"
"""Marks where the author writes their own words; a draft holding it cannot be submitted."""
UTM_SOURCES = {"x": "x", "linkedin": "linkedin", "doximity": "doximity", "youtube": "youtube", "email": "newsletter"}
UTM_MEDIUMS = {"email": "email"}
MARKETING_WORDS = re.compile(
    r"\b(?:revolutionary|revolutionizing|revolutionising|game[- ]changing|game[- ]changer|amazing|incredible|"
    r"groundbreaking|ground-breaking|cutting[- ]edge|disruptive|best[- ]in[- ]class|world[- ]class|mind[- ]blowing|"
    r"unprecedented|unbelievable|stunning|awesome|exciting|transformative|magic(?:al)?|miracle)\b,?\s*",
    re.IGNORECASE,
)
_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf\ufe0f]")


@dataclass(frozen=True)
class RepurposeOptions:
    """What the caller knows about the source: its public link and where it belongs in the plan."""

    link_url: str = ""
    campaign: str = ""
    pillar: str = ""
    series: str = ""
    hashtag_sets: dict[str, list[str]] = field(default_factory=dict)
    tag_words: tuple[str, ...] = ()


def campaign_of(options: RepurposeOptions, title: str) -> str:
    """Return the UTM campaign: the given campaign, else the series, else the title as a slug."""
    return utm_slug(options.campaign or options.series or title)[:60] or "repurpose"


def tagged_link(options: RepurposeOptions, title: str, channel: str, content: str) -> tuple[str, dict[str, str]]:
    """Return the source link tagged for ``channel`` and the UTM values, or empty ones without a link."""
    if not options.link_url:
        return "", {}
    utm = {
        "utm_source": UTM_SOURCES.get(channel, channel),
        "utm_medium": UTM_MEDIUMS.get(channel, "social"),
        "utm_campaign": campaign_of(options, title),
        "utm_content": utm_slug(content),
    }
    url = build_utm_url(options.link_url, source=utm["utm_source"], medium=utm["utm_medium"],
                        campaign=utm["utm_campaign"], content=utm["utm_content"])
    return url, utm


def hashtags_for(text: str, options: RepurposeOptions, channel: str) -> list[str]:
    """Return the strategy's hashtags that suit ``text`` within the channel's recommended count."""
    if channel not in HASHTAG_LIMITS or not options.hashtag_sets:
        return []
    return suggest_hashtags(text, options.hashtag_sets, channel)


def clinical_register(sentence: str) -> str:
    """Return ``sentence`` without marketing words, exclamations or emoji; clinical terms stay as written."""
    plain = MARKETING_WORDS.sub("", _EMOJI.sub("", sentence))
    plain = re.sub(r"\b(a|an|the|this|our|these) (?=[,.;:])", "", plain, flags=re.IGNORECASE)
    plain = re.sub(r"\ban (?=[bcdfghjklmnpqrstvwxyz])", "a ", plain, flags=re.IGNORECASE)
    plain = re.sub(r"\ba (?=[aeiou])", "an ", plain)
    plain = plain.replace("!", ".")
    plain = re.sub(r"\s{2,}", " ", plain).strip()
    return plain[:1].upper() + plain[1:]


def fit_lines(lines: list[str], budget: int, measure) -> list[str]:
    """Return the leading ``lines`` whose joined size stays within ``budget`` by ``measure``."""
    kept: list[str] = []
    for line in lines:
        if measure("\n".join([*kept, line])) > budget:
            break
        kept.append(line)
    return kept


def shorten(text: str, limit: int) -> str:
    """Return ``text`` cut at a word boundary to at most ``limit`` characters, with an ellipsis when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:—-")
    return cut + "…"
