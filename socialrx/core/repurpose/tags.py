"""YouTube tags from a piece's salient words and the strategy's hashtags, within 500 characters."""

from __future__ import annotations

from collections import Counter

from socialrx.core.platforms.hashtags import hashtag_words
from socialrx.core.platforms.youtube import TAGS_MAX_CHARACTERS, tags_length
from socialrx.core.repurpose.shaping import RepurposeOptions
from socialrx.core.repurpose.text import content_words

MAX_TAGS = 15


def video_tags(title: str, sentences: list[str], options: RepurposeOptions) -> tuple[str, ...]:
    """Return tags: the strategy's hashtags as words, the title's words, then the most frequent content words."""
    strategy_tags = [" ".join(hashtag_words(tag)) for name in ("primary", "secondary") for tag in options.hashtag_sets.get(name, [])]
    frequent = Counter(content_words(" ".join(sentences)))
    candidates = [*options.tag_words, *strategy_tags, *content_words(title), *(w for w, _ in frequent.most_common(30))]
    tags: list[str] = []
    for candidate in candidates:
        tag = candidate.replace("<", "").replace(">", "").strip().lower()
        if not tag or tag in tags or tags_length([*tags, tag]) > TAGS_MAX_CHARACTERS:
            continue
        tags.append(tag)
        if len(tags) >= MAX_TAGS:
            break
    return tuple(tags)
