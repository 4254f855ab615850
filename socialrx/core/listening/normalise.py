"""Normalise mentions: plain text without HTML, canonical URLs, Google Alerts links unwrapped."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

from socialrx.core.http_urls import is_http_url
from socialrx.core.listening.mention import Mention

TAG_PATTERN = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|<!--.*?-->", re.DOTALL)
HIDDEN_BLOCK_PATTERN = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
INLINE_TAGS = frozenset({"a", "abbr", "b", "cite", "code", "em", "font", "i", "mark", "small", "span", "strong", "sub", "sup", "u"})
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid",
     "_ga", "_gl", "_hsenc", "_hsmi", "mkt_tok", "oly_anon_id", "oly_enc_id", "vero_id", "wickedid", "ref_src"}
)  # fmt: skip
GOOGLE_REDIRECT_HOSTS = frozenset({"google.com", "www.google.com"})
DEFAULT_PORTS = {"http": 80, "https": 443}
SCHEME_PATTERN = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*")
COMMON_SCHEMES = frozenset({"http", "https", "HTTP", "HTTPS"})


def _tag_replacement(match: re.Match[str]) -> str:
    name = (match.group(2) or "").lower()
    return "" if name in INLINE_TAGS else " "


def fold_whitespace(text: str) -> str:
    """Return ``text`` with every run of whitespace (including no-break spaces) made one space."""
    return " ".join(text.split())


def strip_html(text: str) -> str:
    """Return the plain text of an HTML fragment: tags removed, entities decoded, whitespace folded."""
    if "<" in text:
        text = TAG_PATTERN.sub(_tag_replacement, HIDDEN_BLOCK_PATTERN.sub(" ", text))
    if "&" in text:
        text = html.unescape(text)
    return fold_whitespace(text)


def unwrap_redirect(url: str) -> str:
    """Return the target of a Google redirect link (``google.com/url?...&url=REAL``), else ``url``."""
    for _ in range(3):
        try:
            parts = urlsplit(url)
        except ValueError:
            return url
        if parts.hostname not in GOOGLE_REDIRECT_HOSTS or parts.path != "/url":
            return url
        parameters = dict(parse_qsl(parts.query))
        target = parameters.get("url") or parameters.get("q") or ""
        if not target.startswith(("http://", "https://")):
            return url
        url = target
    return url


def _is_tracking(parameter: str) -> bool:
    name = parameter.split("=", 1)[0].lower()
    return name.startswith("utm_") or name in TRACKING_PARAMETERS


def canonical_url(url: str) -> str:
    """Return the canonical form of ``url``: unwrapped, lower-case scheme and host, no tracking, no fragment.

    Other query parameters keep their order and their original encoding.
    """
    return _canonical_url_and_site(url)[0]


def _canonical_url_and_site(url: str) -> tuple[str, str]:
    url = url.strip()
    if "google." in url:
        url = unwrap_redirect(url)
    scheme, separator, rest = url.partition("://")
    if not separator or (scheme not in COMMON_SCHEMES and not SCHEME_PATTERN.fullmatch(scheme)):
        return url, ""
    rest = rest.partition("#")[0]
    rest, _, query = rest.partition("?")
    authority, _, path = rest.partition("/")
    credentials, at, host_port = authority.rpartition("@")
    host, colon, port = host_port.rpartition(":") if not host_port.endswith("]") else (host_port, "", "")
    if not colon:
        host, port = host_port, ""
    if not host:
        return url, ""
    scheme, host = scheme.lower(), host.lower()
    if port and str(DEFAULT_PORTS.get(scheme)) != port:
        host = f"{host}:{port}"
    if query:
        query = "&".join(parameter for parameter in query.split("&") if parameter and not _is_tracking(parameter))
    canonical = f"{scheme}://{credentials}{at}{host}/{path}" + (f"?{query}" if query else "")
    return canonical, host.split(":", 1)[0].removeprefix("www.") if not host.startswith("[") else host


def site_of(url: str) -> str:
    """Return the host of ``url`` without ``www.``, or an empty string."""
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.lower().removeprefix("www.")


def normalise_mention(mention: Mention, *, text: str | None = None, lang: str | None = None) -> Mention:
    """Return ``mention`` with plain text and title, a canonical URL, and its site filled in.

    A caller that has already normalised the text (``strip_html``) or detected the language
    passes them in so they are not computed twice.
    """
    url, url_site = _canonical_url_and_site(mention.url) if is_http_url(mention.url) else ("", "")
    site = mention.site.strip().casefold().removeprefix("www.") or url_site
    return Mention(
        id=mention.id,
        text=strip_html(mention.text) if text is None else text,
        published=mention.published,
        title=strip_html(mention.title) if mention.title else "",
        author=mention.author.strip(),
        url=url,
        lang=mention.lang.strip().casefold() if lang is None else lang,
        source=mention.source.strip().casefold(),
        site=site,
    )
