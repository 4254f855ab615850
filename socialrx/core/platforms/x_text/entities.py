"""Extract hashtags and mentions with twitter-text's rules (``extractHashtags``, ``extractMentions``)."""

from dataclasses import dataclass

import regex

from socialrx.core.platforms.x_text.url_patterns import LATIN_ACCENT_CHARS
from socialrx.core.platforms.x_text.urls import extract_urls

_HASHTAG_LETTERS = r"\p{L}\p{M}"
_HASHTAG_EXTRA = r"\p{Nd}_\u200c\u200d\ua67e\u05be\u05f3\u05f4\uff5e\u301c\u309b\u309c\u30a0\u30fb\u3003\u0f0b\u0f0c\u00b7"
_HASHTAG_ALPHANUMERIC = f"[{_HASHTAG_LETTERS}{_HASHTAG_EXTRA}]"
_HASHTAG = regex.compile(
    rf"(?<=^|[\ufe0e\ufe0f]|[^{_HASHTAG_LETTERS}{_HASHTAG_EXTRA}&])"
    r"(?P<sign>[#\uff03])(?!\ufe0f|\u20e3)"
    rf"(?P<tag>{_HASHTAG_ALPHANUMERIC}*[{_HASHTAG_LETTERS}]{_HASHTAG_ALPHANUMERIC}*)",
)
_HASHTAG_END = regex.compile(r"^(?:[#\uff03]|://)")
_MENTION = regex.compile(
    r"(?<=^|[^a-zA-Z0-9_!#$%&*@\uff20]|(?:^|[^a-zA-Z0-9_+~.-])(?:rt|RT|rT|Rt):?)"
    r"(?P<sign>[@\uff20])(?P<name>[a-zA-Z0-9_]{1,20})(?P<list>/[a-zA-Z][a-zA-Z0-9_\-]{0,24})?"
)
_MENTION_END = regex.compile(rf"^(?:[@\uff20]|[{LATIN_ACCENT_CHARS}]|://)")


@dataclass(frozen=True)
class HashtagEntity:
    """A hashtag without its sign, with the code point span ``[start, end)`` of sign and tag."""

    tag: str
    start: int
    end: int


@dataclass(frozen=True)
class MentionEntity:
    """A ``@username`` or ``@username/list`` mention, with its code point span ``[start, end)``."""

    username: str
    list_slug: str
    start: int
    end: int


def extract_hashtags(text: str) -> list[HashtagEntity]:
    """Return the hashtags in ``text`` that are not part of a URL."""
    if "#" not in text and "\uff03" not in text:
        return []
    url_spans = [(url.start, url.end) for url in extract_urls(text)]
    hashtags = []
    for match in _HASHTAG.finditer(text):
        if _HASHTAG_END.match(text, match.end()):
            continue
        start, end = match.start("sign"), match.end()
        if any(url_start < start < url_end for url_start, url_end in url_spans):
            continue
        hashtags.append(HashtagEntity(match.group("tag"), start, end))
    return hashtags


def extract_mentions(text: str) -> list[MentionEntity]:
    """Return the ``@username`` and ``@username/list`` mentions in ``text``."""
    if "@" not in text and "\uff20" not in text:
        return []
    mentions = []
    for match in _MENTION.finditer(text):
        if _MENTION_END.match(text, match.end()):
            continue
        slug = (match.group("list") or "")[1:]
        mentions.append(MentionEntity(match.group("name"), slug, match.start("sign"), match.end()))
    return mentions


def is_valid_hashtag(text: str) -> bool:
    """Return whether ``text`` is exactly one hashtag."""
    hashtags = extract_hashtags(text)
    return len(hashtags) == 1 and hashtags[0].start == 0 and hashtags[0].end == len(text)


def is_valid_username(text: str) -> bool:
    """Return whether ``text`` is exactly one ``@username``."""
    mentions = extract_mentions(text)
    return len(mentions) == 1 and not mentions[0].list_slug and mentions[0].end - mentions[0].start == len(text)


def is_valid_list(text: str) -> bool:
    """Return whether ``text`` is exactly one ``@username/list``."""
    mentions = extract_mentions(text)
    return len(mentions) == 1 and bool(mentions[0].list_slug) and (mentions[0].start, mentions[0].end) == (
        0,
        len(text),
    )
