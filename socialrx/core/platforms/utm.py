"""Add UTM campaign parameters to links (platform-facts §7.2)."""

import re
import unicodedata
from urllib.parse import parse_qs, quote, urlsplit, urlunsplit

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.x_text.urls import extract_urls

UTM_MEDIUMS = frozenset({"social", "paid_social", "email"})
"""``social`` for organic posts, ``paid_social`` for paid ones, ``email`` for the newsletter."""

_NOT_SLUG = re.compile(r"[^a-z0-9_]+")


def utm_slug(value: str) -> str:
    """Return ``value`` lowercased with accents removed and other runs of symbols made one ``-``.

    GA4 values are case-sensitive, so every UTM value is lowercased.
    """
    ascii_value = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode("ascii")
    return _NOT_SLUG.sub("-", ascii_value.lower()).strip("-")


def build_utm_url(
    url: str, *, source: str, medium: str, campaign: str, content: str | None = None, term: str | None = None
) -> str:
    """Return ``url`` with ``utm_*`` parameters set, keeping its other parameters and fragment as written.

    UTM parameters already on the link are replaced, never duplicated.
    """
    values = {"utm_source": source, "utm_medium": medium, "utm_campaign": campaign, "utm_content": content, "utm_term": term}
    slugs = {key: utm_slug(value) for key, value in values.items() if value is not None}
    if slugs["utm_medium"] not in UTM_MEDIUMS:
        raise ValueError(f"utm_medium must be one of {', '.join(sorted(UTM_MEDIUMS))}, not {medium!r}")
    for key in ("utm_source", "utm_campaign"):
        if not slugs[key]:
            raise ValueError(f"{key} is empty once written as a slug ({values[key]!r})")
    parts = urlsplit(url)
    kept = [pair for pair in parts.query.split("&") if pair and pair.split("=", 1)[0] not in slugs]
    added = [f"{key}={quote(value, safe='')}" for key, value in slugs.items() if value]
    return urlunsplit(parts._replace(query="&".join(kept + added)))


def untagged_link_issues(text: str, *, channel: str) -> list[PlatformIssue]:
    """Return a review issue for each link in ``text`` without ``utm_source``: GA4 could not credit its visits."""
    issues = []
    for url in extract_urls(text):
        if "utm_source" not in parse_qs(urlsplit(url.url).query):
            issues.append(
                PlatformIssue(
                    f"platform.{channel}.link_without_utm",
                    f"The link {url.url} has no utm_source, so its visits will not be credited to {channel}.",
                    "review",
                    "text",
                    url.start,
                    url.end,
                )
            )
    return issues
