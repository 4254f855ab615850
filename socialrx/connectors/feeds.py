"""RSS and Atom listening sources: fetch with conditional requests, parse entries into mentions.

A feed is fetched with the ``ETag`` and ``Last-Modified`` validators of the last fetch, so an
unchanged feed answers ``304 Not Modified`` and costs nothing. Google Alerts entries link through
``google.com/url?...&url=REAL``; the mention carries the real article's address. Failures raise the
connector errors of ``errors.py`` so the poller backs off the same way the publisher does.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

import feedparser
import httpx

from socialrx.connectors._http import Clock, shared_ssl_context, utc_now
from socialrx.connectors.errors import Disconnected, RateLimited, Retryable
from socialrx.core.http_urls import http_url_or_blank, is_http_url
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.normalise import strip_html, unwrap_redirect
from socialrx.core.web_fetch import AddressRefused, BodyTooLarge, FetchPolicy, guarded_client, read_capped

USER_AGENT = "socialrx-listening/1 (+https://github.com/socialrx)"
DEFAULT_RETRY_AFTER = timedelta(minutes=15)
FEED_MAX_BYTES = 10_000_000
"""Feeds larger than this are refused: real feeds are far smaller, and it keeps memory bounded."""


@dataclass(frozen=True)
class FeedValidators:
    """The cache validators a feed sent last time (empty when unknown)."""

    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class FeedResult:
    """One fetch: the entries as mentions (none when unchanged) and the validators to send next time."""

    not_modified: bool
    validators: FeedValidators
    title: str = ""
    mentions: tuple[Mention, ...] = ()


def _published(entry: Any, fallback: datetime) -> datetime:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=UTC)
    return fallback


def _author(entry: Any) -> str:
    author = entry.get("author") or ""
    if not author and entry.get("authors"):
        author = entry["authors"][0].get("name", "") or ""
    return strip_html(author)


def entry_mention(entry: Any, *, source: str, fetched_at: datetime) -> Mention | None:
    """Return one feed entry as a mention, or ``None`` when it has neither an id nor a link."""
    raw_link = unwrap_redirect(entry.get("link") or "")
    link = http_url_or_blank(raw_link)  # a javascript: or data: link is never kept
    external_id = entry.get("id") or raw_link
    if not external_id:
        return None
    summary = entry.get("summary") or ""
    if not summary and entry.get("content"):
        summary = entry["content"][0].get("value", "")
    title = entry.get("title") or ""
    return Mention(
        id=external_id,
        text=summary or title,
        published=_published(entry, fetched_at),
        title=title,
        author=_author(entry),
        url=link,
        lang=(entry.get("language") or "")[:2],
        source=source,
    )


def parse_feed(content: bytes, *, source: str = "rss", fetched_at: datetime | None = None) -> tuple[str, list[Mention]]:
    """Return the feed's title and its entries as mentions; raise ``Retryable`` for a body that is not a feed."""
    parsed = feedparser.parse(content)
    if parsed.bozo and not parsed.entries and not parsed.feed.get("title"):
        raise Retryable(f"the feed could not be read: {parsed.get('bozo_exception')!r}")
    stamp = fetched_at or utc_now()
    mentions = [entry_mention(entry, source=source, fetched_at=stamp) for entry in parsed.entries]
    return strip_html(parsed.feed.get("title", "")), [m for m in mentions if m is not None]


def _retry_at(response: httpx.Response, now: datetime) -> datetime:
    value = response.headers.get("retry-after", "").strip()
    if value.isdigit():
        return now + timedelta(seconds=int(value))
    try:
        moment = parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        moment = None
    return max(moment, now) if moment is not None and moment.tzinfo is not None else now + DEFAULT_RETRY_AFTER


def raise_for_feed_error(response: httpx.Response, url: str, now: datetime) -> None:
    """Raise the connector error that matches a failed feed response; return on success."""
    status = response.status_code
    if status < 400:
        return
    if status == 429:
        raise RateLimited(_retry_at(response, now), f"{url} asks us to slow down (HTTP 429)")
    if status >= 500 or status == 408:
        raise Retryable(f"{url} failed (HTTP {status})")
    raise Disconnected(f"{url} refused the request (HTTP {status}); check the feed address")


def conditional_headers(validators: FeedValidators) -> dict[str, str]:
    """Return the request headers that make an unchanged feed answer 304."""
    headers = {"User-Agent": USER_AGENT, "Accept": "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"}
    if validators.etag:
        headers["If-None-Match"] = validators.etag
    if validators.last_modified:
        headers["If-Modified-Since"] = validators.last_modified
    return headers


def fetch_feed(
    url: str,
    validators: FeedValidators = FeedValidators(),
    *,
    source: str = "rss",
    timeout: float = 20.0,
    max_bytes: int = FEED_MAX_BYTES,
    policy: FetchPolicy = FetchPolicy(),
    clock: Clock = utc_now,
) -> FeedResult:
    """Fetch ``url`` once with the given validators and return its entries, or ``not_modified``.

    The address and every redirect must be public unless ``policy`` allows more; a body over
    ``max_bytes`` or a refused address raises ``Disconnected`` (the source needs a person's fix).
    """
    if not is_http_url(url):
        raise Disconnected(f"{url!r} is not an http(s) feed address")
    try:
        with guarded_client(policy, timeout=timeout, headers=conditional_headers(validators),
                            ssl_context=shared_ssl_context()) as client, client.stream("GET", url) as response:
            body = read_capped(response, max_bytes) if response.status_code < 300 else b""
    except AddressRefused as error:
        raise Disconnected(f"{url}: refused, {error}") from None
    except BodyTooLarge as error:
        raise Disconnected(f"{url}: {error}; this is not a feed we can read") from None
    except httpx.TimeoutException as error:
        raise Retryable(f"GET {url} timed out: {error}") from error
    except httpx.HTTPError as error:
        raise Retryable(f"GET {url} failed in transport: {error!r}") from error
    now = clock()
    if response.status_code == 304:
        return FeedResult(not_modified=True, validators=validators)
    raise_for_feed_error(response, url, now)
    title, mentions = parse_feed(body, source=source, fetched_at=now)
    fresh = FeedValidators(
        etag=response.headers.get("etag", ""), last_modified=response.headers.get("last-modified", "")
    )
    return FeedResult(not_modified=False, validators=fresh, title=title, mentions=tuple(mentions))
