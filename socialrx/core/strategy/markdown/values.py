"""Read values out of strategy prose: cadences, numbers, money, lists, keys and network names."""

from __future__ import annotations

import re

from socialrx.core.strategy.cadence import Cadence, format_cadence, parse_cadence

# Network names as written in documents, mapped to socialrx platform keys.
KNOWN_NETWORKS: dict[str, str] = {
    "linkedin": "linkedin",
    "twitter/x": "x",
    "twitter": "x",
    "x": "x",
    "instagram": "instagram",
    "facebook": "facebook",
    "tiktok": "tiktok",
    "youtube": "youtube",
    "doximity": "doximity",
    "threads": "threads",
    "pinterest": "pinterest",
    "bluesky": "bluesky",
    "mastodon": "mastodon",
    "reddit": "reddit",
    "sermo": "sermo",
}
_NETWORK_WORD = re.compile(
    r"(?<![\w#])(twitter/x|" + "|".join(k for k in KNOWN_NETWORKS if "/" not in k) + r")(?![\w/])",
    re.IGNORECASE,
)
_COUNT_ANYWHERE = re.compile(
    r"\b\d+(?:\s*(?:-|–|to)\s*\d+)?\s+(?:times\s+|posts?\s+)?(?:per|a|each)\s+(?:day|week|fortnight|month|quarter|year)\b",
    re.IGNORECASE,
)
_NAMED_ANYWHERE = re.compile(r"\b(bi-weekly|biweekly|fortnightly|daily|weekly|monthly|quarterly|annually|annual|yearly)\b", re.I)
_DURATION = re.compile(r"\b(\d+)(?:\s*(?:-|–|to)\s*(\d+))?[\s-]*min(?:ute)?s?\b", re.IGNORECASE)
_NUMBER = re.compile(r"(?P<num>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>[kKmMbB](?![a-zA-Z]))?")
_MONEY = re.compile(r"(?P<symbol>[$€£])\s*" + _NUMBER.pattern)
_CURRENCIES = {"$": "USD", "€": "EUR", "£": "GBP"}


def slug(text: str, *, limit: int = 60) -> str:
    """Return a schema key for a name ("Blog Post" -> "blog_post")."""
    key = re.sub(r"[^a-z0-9]+", "_", text.lower().replace("&", " and ")).strip("_")
    if not key or not key[0].isalpha():
        key = f"k_{key}" if key else "item"
    return key[:limit].rstrip("_")


def sentence_case(text: str) -> str:
    """Return a title-cased name as a sentence ("Thought Leadership Articles" -> "Thought leadership articles")."""
    words = text.split()
    out = [words[0]] if words else []
    out += [w.lower() if w[:1].isupper() and w[1:].islower() else w for w in words[1:]]
    return " ".join(out)


def capitalise(text: str) -> str:
    """Return text with its first letter upper-cased."""
    return text[:1].upper() + text[1:]


def canonical_cadence(phrase: str) -> str | None:
    """Return the canonical phrase of a cadence phrase, or None when it is not one."""
    try:
        return format_cadence(Cadence.model_validate(parse_cadence(phrase)))
    except ValueError:
        return None


def leading_cadence(text: str) -> str | None:
    """Return the cadence a text starts with ("Weekly customer stories" -> "weekly"), if any."""
    words = text.split()
    for count in range(min(5, len(words)), 0, -1):
        phrase = " ".join(words[:count]).rstrip(",.;:")
        if found := canonical_cadence(phrase):
            return found
    return None


def find_cadence(text: str) -> str | None:
    """Return the cadence stated anywhere in a text, preferring one it starts with."""
    if found := leading_cadence(text):
        return found
    for pattern in (_COUNT_ANYWHERE, _NAMED_ANYWHERE):
        if match := pattern.search(text):
            return canonical_cadence(match.group(0))
    return None


def duration_minutes(text: str) -> list[int] | None:
    """Return [low, high] minutes from "15-20 minute …", or None."""
    match = _DURATION.search(text)
    if not match:
        return None
    low = int(match.group(1))
    return [low, int(match.group(2) or low)]


def number(text: str) -> float | None:
    """Return the first number in a text, honouring thousands separators and k/M/B suffixes."""
    match = _NUMBER.search(text)
    return _scaled(match) if match else None


def _scaled(match: re.Match) -> float:
    value = float(match.group("num").replace(",", ""))
    scale = (match.group("scale") or "").lower()
    return value * {"": 1, "k": 1_000, "m": 1_000_000, "b": 1_000_000_000}[scale]


def money(text: str) -> tuple[float, str] | None:
    """Return (amount, ISO currency) for the first amount of money in a text ("$2M" -> (2000000, "USD"))."""
    match = _MONEY.search(text)
    if not match:
        return None
    return _scaled(match), _CURRENCIES[match.group("symbol")]


def plain_number(value: float) -> int | float:
    """Return an integral float as int so YAML shows 25000, not 25000.0."""
    return int(value) if float(value).is_integer() else value


def split_list(text: str) -> list[str]:
    """Return the parts of a comma-separated list ("A, B, and C" -> [A, B, C]); "1,000" stays whole."""
    parts = [re.sub(r"^(?:and|or)\s+", "", p.strip()) for p in re.split(r",\s+|;\s*", text.strip().rstrip("."))]
    return [p for p in parts if p]


def network_key(name: str) -> str:
    """Return the platform key for a network name ("Twitter/X" -> "x"; unknown names are slugified)."""
    text = name.strip().lower()
    if text in KNOWN_NETWORKS:
        return KNOWN_NETWORKS[text]
    if match := _NETWORK_WORD.match(text):
        return KNOWN_NETWORKS[match.group(1).lower()]
    return slug(name)


def mentioned_network(text: str) -> str | None:
    """Return the key of the first known network a text names, if any."""
    for match in _NETWORK_WORD.finditer(text):
        word = match.group(1)
        if word.lower() == "x" and word != "X":
            continue
        return KNOWN_NETWORKS[word.lower()]
    return None


def starts_with_network(text: str) -> str | None:
    """Return the network a text starts with ("LinkedIn Advertising Strategy" -> "linkedin"), if any."""
    match = _NETWORK_WORD.match(text.strip())
    if not match or (match.group(1).lower() == "x" and match.group(1) != "X"):
        return None
    return KNOWN_NETWORKS[match.group(1).lower()]
