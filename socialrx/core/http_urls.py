"""The one rule for web addresses people or feeds give us: absolute http or https with a host.

Every URL that is stored, linked or fetched passes through here (models' actions, API schemas,
importers, feeds, templates), so a ``javascript:`` or ``data:`` link can never become clickable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = frozenset({"http", "https"})


def is_http_url(value: object) -> bool:
    """Return True when ``value`` is an absolute http(s) address with a host and no spaces or control characters."""
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text or any(ord(c) <= 0x20 or ord(c) == 0x7F for c in text):
        return False
    try:
        parts = urlsplit(text)
        host = parts.hostname
    except ValueError:  # a malformed port or IPv6 literal
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(host)


def require_http_url(value: str, *, field: str, blank: bool = False) -> str:
    """Return the address stripped, or raise ValueError naming ``field`` (an empty value passes when ``blank``)."""
    text = (value or "").strip()
    if not text and blank:
        return ""
    if not text:
        raise ValueError(f"{field}: give an http:// or https:// address")
    if not is_http_url(text):
        raise ValueError(f"{field}: {text[:80]!r} is not an http:// or https:// address; only web links are accepted")
    return text


def http_url_or_blank(value: object) -> str:
    """Return the address stripped when it is http(s), else '' (for links that come from elsewhere)."""
    return value.strip() if is_http_url(value) else ""
