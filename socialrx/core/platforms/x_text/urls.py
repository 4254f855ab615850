"""Extract URLs from post text with twitter-text's rules, including URLs without a protocol."""

import re
from dataclasses import dataclass
from functools import lru_cache

from socialrx.core.platforms.x_text.url_patterns import (
    INVALID_PRECEDING_WITHOUT_PROTOCOL,
    SPACES,
    TCO_URL,
    ascii_domain_pattern,
    extract_url_pattern,
)

MAX_URL_LENGTH = 4096
MAX_TCO_SLUG_LENGTH = 40
_DEFAULT_PROTOCOL = "https://"
_SPACE_RUN = re.compile(f"[{SPACES}]+")
_DOT_BEFORE_LETTER = re.compile(r"\.[^\W\d_]")


@dataclass(frozen=True)
class UrlEntity:
    """A URL found in text, with its code point span ``[start, end)``."""

    url: str
    start: int
    end: int


def extract_urls(text: str) -> list[UrlEntity]:
    """Return the URLs twitter-text recognises in ``text``, in order."""
    if "." not in text:
        return []
    entities: list[UrlEntity] = []
    for chunk_start, chunk_end in _candidate_chunks(text):
        for match in extract_url_pattern().finditer(text, chunk_start, chunk_end):
            entities.extend(_entities_from_match(match))
    return entities


def _candidate_chunks(text: str) -> list[tuple[int, int]]:
    """Return the spans between runs of spaces that may hold a domain, each with its preceding space.

    No URL can contain a space, and every domain has a dot followed by the first letter of its
    top-level domain, so matching such chunks one by one finds exactly what one pass over the
    whole text finds, while skipping words that cannot hold a domain.
    """
    chunks = []
    start = 0
    for space in _SPACE_RUN.finditer(text):
        if _DOT_BEFORE_LETTER.search(text, start, space.start()):
            chunks.append((max(start - 1, 0), space.start()))
        start = space.end()
    if _DOT_BEFORE_LETTER.search(text, start):
        chunks.append((max(start - 1, 0), len(text)))
    return chunks


def _entities_from_match(match: re.Match[str]) -> list[UrlEntity]:
    url, protocol, domain, path = match.group("url", "protocol", "domain", "path")
    end = match.end()
    start = end - len(url)
    if not _is_valid_url(url, protocol or _DEFAULT_PROTOCOL, domain):
        return []
    if protocol is None:
        return _ascii_domain_entities(match.group("before"), url, domain, path, start, end)
    tco = TCO_URL.search(url)
    if tco:
        if len(tco.group(1)) > MAX_TCO_SLUG_LENGTH:
            return []
        url = tco.group(0)
        end = start + len(url)
    return [UrlEntity(url, start, end)]


def _ascii_domain_entities(
    before: str, url: str, domain: str, path: str | None, start: int, end: int
) -> list[UrlEntity]:
    if INVALID_PRECEDING_WITHOUT_PROTOCOL.search(before):
        return []
    entities = [
        UrlEntity(found.group(0), start + found.start(), start + found.end())
        for found in ascii_domain_pattern().finditer(domain)
    ]
    if entities and path:
        last = entities[-1]
        entities[-1] = UrlEntity(url.replace(domain, last.url), last.start, end)
    return entities


def _is_valid_url(url: str, protocol: str, domain: str) -> bool:
    punycode_length = _punycode_length(domain)
    if not punycode_length:
        return False
    return len(protocol) + len(url) + punycode_length - len(domain) <= MAX_URL_LENGTH


@lru_cache(maxsize=1024)
def _punycode_length(domain: str) -> int:
    """Return the length of ``domain`` in IDNA (punycode) form, or 0 when it cannot be encoded.

    Cached because encoding a non-ASCII domain runs nameprep in pure Python and an editor
    re-counts the same text on every keystroke.
    """
    try:
        return len(domain.encode("idna"))
    except UnicodeError:
        return 0
