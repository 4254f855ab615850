"""Weighted length and parse results of X post text, as twitter-text's ``parseTweet``."""

import math
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from socialrx.core.platforms.x_text.config import CONFIG_V3, TwitterTextConfig, WeightRange
from socialrx.core.platforms.x_text.emoji import emoji_spans
from socialrx.core.platforms.x_text.url_patterns import INVALID_CHARS
from socialrx.core.platforms.x_text.urls import extract_urls

_LINE_ENDING = re.compile(r"\r\n|\r|\n")
_INVALID_CHAR = re.compile(f"[{INVALID_CHARS}]")


@dataclass(frozen=True)
class TweetParseResult:
    """What twitter-text reports about a post; ranges are inclusive UTF-16 indices."""

    weighted_length: int
    valid: bool
    permillage: int
    display_range: tuple[int, int]
    valid_range: tuple[int, int]


def weighted_length(text: str, config: TwitterTextConfig = CONFIG_V3) -> int:
    """Return the weighted length X counts for ``text`` (URLs 23, emoji and CJK 2, Latin 1)."""
    return parse_tweet(text, config).weighted_length


def parse_tweet(text: str, config: TwitterTextConfig = CONFIG_V3) -> TweetParseResult:
    """Return weighted length, validity, permillage and display/valid ranges of ``text``."""
    normalized = _LINE_ENDING.sub("\n", unicodedata.normalize("NFC", text))
    entity_ends = _entity_ends(normalized, config)
    total = _total_weight(normalized, entity_ends, config)
    has_invalid = _INVALID_CHAR.search(normalized) is not None
    if has_invalid or total > config.max_weighted_tweet_length * config.scale:
        total, valid_index, has_invalid = _walk(normalized, entity_ends, config)
    else:
        valid_index = max(len(normalized) - 1, 0)
    length = total // config.scale
    limit = config.max_weighted_tweet_length
    normalization_offset = _utf16_length(text) - _utf16_length(normalized)
    valid_end = _utf16_length(normalized[: valid_index + 1]) - 1 + normalization_offset
    return TweetParseResult(
        weighted_length=length,
        valid=not has_invalid and 0 < length <= limit,
        permillage=math.floor(length / limit * 1000),
        display_range=(0, max(_utf16_length(text) - 1, 0)),
        valid_range=(0, valid_end),
    )


def _entity_ends(text: str, config: TwitterTextConfig) -> dict[int, tuple[int, int]]:
    """Map each URL or emoji start index to (index of its last character, scaled weight)."""
    ends: dict[int, tuple[int, int]] = {}
    if config.emoji_parsing_enabled:
        for start, end in emoji_spans(text):
            ends[start] = (end - 1, config.default_weight)
    url_weight = config.transformed_url_length * config.scale
    for url in extract_urls(text):
        ends[url.start] = (url.start + len(url.url) - 1, url_weight)
    return ends


def _total_weight(text: str, entity_ends: dict[int, tuple[int, int]], config: TwitterTextConfig) -> int:
    """Return the scaled weight of ``text`` by counting characters per weight range in bulk."""
    total = 0
    pieces = []
    position = 0
    for start in sorted(entity_ends):
        last, weight = entity_ends[start]
        pieces.append(text[position:start])
        total += weight
        position = last + 1
    pieces.append(text[position:])
    plain = "".join(pieces)
    remaining = len(plain)
    for weight_range, pattern in _range_patterns(config.ranges):
        count = len(pattern.findall(plain))
        total += count * weight_range.weight
        remaining -= count
    return total + remaining * config.default_weight


@cache
def _range_patterns(ranges: tuple[WeightRange, ...]) -> tuple[tuple[WeightRange, re.Pattern[str]], ...]:
    return tuple(
        (weight_range, re.compile(f"[{re.escape(chr(weight_range.start))}-{re.escape(chr(weight_range.end))}]"))
        for weight_range in ranges
    )


def _walk(text: str, entity_ends: dict[int, tuple[int, int]], config: TwitterTextConfig) -> tuple[int, int, bool]:
    """Return (scaled total, last index still valid, whether an invalid character occurs).

    Walk character by character, as twitter-text does, to find where the text stops fitting.
    """
    limit = config.max_weighted_tweet_length * config.scale
    total = 0
    valid_index = 0
    still_valid = True
    index = 0
    weight_of = config.weight_of
    while index < len(text):
        entity = entity_ends.get(index)
        if entity is not None:
            last, weight = entity
        else:
            last, weight = index, weight_of(ord(text[index]))
        if still_valid and text[index] in INVALID_CHARS:
            still_valid = False
        total += weight
        if still_valid and total <= limit:
            valid_index = last
        index = last + 1
    return total, valid_index, not still_valid


def _utf16_length(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2
