"""Pick hashtags for a post from the strategy's hashtag sets, within each network's habits."""

import re

from socialrx.core.platforms.x_text.entities import extract_hashtags

HASHTAG_LIMITS: dict[str, tuple[int, int]] = {
    "x": (1, 2),
    "linkedin": (3, 5),
    "youtube": (0, 15),
    "doximity": (0, 0),
    "email": (0, 0),
}
"""Recommended (fewest, most) hashtags per channel.

House guidance, not platform limits: the reference does not state them. For YouTube the most
is 15, because YouTube ignores every hashtag of a video that carries more than 15. Doximity and
email are not hashtag feeds (the seed strategy names hashtags only for X).
"""

SET_ORDER = ("event", "primary", "secondary")
"""Sets in order of preference when scores tie: event tags matter most while an event runs."""

_WORD_BOUNDARY = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|(?<=[A-Za-z])(?=[0-9])")


def hashtag_words(tag: str) -> list[str]:
    """Return the lowercase words of a hashtag: ``#HealthcareAI`` gives ``healthcare``, ``ai``."""
    return [word.lower() for word in _WORD_BOUNDARY.split(tag.lstrip("#\uff03")) if word]


def suggest_hashtags(text: str, sets: dict[str, list[str]], channel: str, *, limit: int | None = None) -> list[str]:
    """Return hashtags to add to ``text``: the best-matching ones from ``sets`` first.

    Tags already in the text are not suggested again and count toward the limit. When no tag
    matches the text, the first primary tags fill up to the channel's recommended minimum.
    """
    fewest, most = HASHTAG_LIMITS[channel]
    most = most if limit is None else limit
    present = {hashtag.tag.lower() for hashtag in extract_hashtags(text)}
    room = max(most - len(present), 0)
    words = set(re.findall(r"[a-z0-9]+", text.lower()))
    ranked = []
    for set_rank, set_name in enumerate(SET_ORDER):
        for tag_rank, tag in enumerate(sets.get(set_name, [])):
            bare = tag.lstrip("#\uff03")
            if bare.lower() in present:
                continue
            tag_words = hashtag_words(bare)
            score = sum(word in words for word in tag_words) / len(tag_words) if tag_words else 0.0
            ranked.append((-score, set_rank, tag_rank, "#" + bare, score))
    ranked.sort()
    chosen = [tag for _, _, _, tag, score in ranked if score > 0][:room]
    fallback = [f"#{tag.lstrip('#')}" for tag in sets.get("primary", []) if f"#{tag.lstrip('#')}" not in chosen]
    shortfall = min(fewest, most) - len(present) - len(chosen)
    return _unique(chosen + fallback[: max(shortfall, 0)])


def _unique(tags: list[str]) -> list[str]:
    unique: list[str] = []
    for tag in tags:
        if tag.lower() not in {kept.lower() for kept in unique}:
            unique.append(tag)
    return unique
