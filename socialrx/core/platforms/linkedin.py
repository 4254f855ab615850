"""LinkedIn commentary: the 3,000-character limit and escaping for the "little" text format."""

import re
from dataclasses import dataclass

from socialrx.core.platforms.x_text.urls import extract_urls

COMMENTARY_LIMIT = 3000
"""Commentary maximum; the API rejects longer text (platform-facts §2.2)."""

RESERVED_CHARACTERS = frozenset("\\|{}@[]()<>#*_~")
"""The 15 characters little reserves (linkedin-little-text.md, "The reserved characters")."""

MENTION = re.compile(r"@\[(?P<name>[^\]\\\n]+)\]\((?P<urn>urn:li:(?:person|organization):[A-Za-z0-9_-]+)\)")
HASHTAG = re.compile(r"(?<![\w&])#(?P<tag>[^\W_]*[^\W\d_][^\W_]*)")
_AUTOLINK = re.compile(r"<(https?://[^\s<>]+)>")
_ESCAPED = re.compile(r"\\(.)", re.DOTALL)


@dataclass(frozen=True)
class LittleCommentary:
    """Commentary already escaped for the Posts API; marks text that must not be escaped again."""

    text: str


def escape_little_text(text: str) -> str:
    """Return ``text`` with every reserved character backslash-escaped, except in kept markup.

    URLs pass through so they still auto-link, ``#word`` hashtags stay clickable and
    ``@[Name](urn:li:…)`` mentions stay mentions. Everything else reserved gets one backslash,
    in a single pass, so escapes are never escaped again within the call.
    """
    pieces = []
    position = 0
    for start, end in _kept_spans(text):
        pieces.append(_escape_all(text[position:start]))
        pieces.append(text[start:end])
        position = end
    pieces.append(_escape_all(text[position:]))
    return "".join(pieces)


def unescape_little_text(text: str) -> str:
    """Return the plain text of escaped little ``text``: drop the backslash before reserved characters."""
    return _ESCAPED.sub(lambda match: match.group(1) if match.group(1) in RESERVED_CHARACTERS else match.group(0), text)


def little_commentary(text: str | LittleCommentary) -> LittleCommentary:
    """Return commentary ready for the Posts API; escaped commentary is returned unchanged.

    Markdown autolinks ``<https://…>`` are unwrapped first: escaped brackets would show and
    bare ones would cut the post short.
    """
    if isinstance(text, LittleCommentary):
        return text
    return LittleCommentary(escape_little_text(unwrap_autolinks(text)))


def unwrap_autolinks(text: str) -> str:
    """Return ``text`` with ``<https://…>`` autolinks replaced by the bare URL."""
    return _AUTOLINK.sub(r"\1", text)


def visible_text(text: str) -> str:
    """Return the text a reader sees: mentions shown by name, autolinks unwrapped."""
    return MENTION.sub(lambda match: match.group("name"), unwrap_autolinks(text))


def commentary_length(text: str) -> int:
    """Return the visible length of plain commentary in UTF-16 units, the conservative count."""
    return len(visible_text(text).encode("utf-16-le")) // 2


def _escape_all(text: str) -> str:
    return "".join("\\" + char if char in RESERVED_CHARACTERS else char for char in text)


def _kept_spans(text: str) -> list[tuple[int, int]]:
    """Return the non-overlapping spans of URLs, mentions and hashtags, in order."""
    candidates = sorted(
        [(url.start, url.end) for url in extract_urls(text)]
        + [match.span() for match in MENTION.finditer(text)]
        + [match.span() for match in HASHTAG.finditer(text)]
    )
    spans: list[tuple[int, int]] = []
    for start, end in candidates:
        if spans and start < spans[-1][1]:
            continue
        spans.append((start, end))
    return spans
