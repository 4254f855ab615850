"""RSS/Atom listening feeds: parsing fixtures, Google Alerts redirects, conditional requests and errors."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import pytest

from socialrx.connectors.errors import Disconnected, RateLimited, Retryable
from socialrx.connectors.feeds import FeedValidators, fetch_feed, parse_feed
from socialrx.core.listening.normalise import canonical_url
from socialrx.core.web_fetch import FetchPolicy
from tests.connectors.fakes import FakeResponse, FakeServer, RecordedRequest

DATA = Path(__file__).parent / "data"
ETAG = '"v1-abc"'
LAST_MODIFIED = "Tue, 04 Jun 2024 16:20:00 GMT"
fetch_local = partial(fetch_feed, policy=FetchPolicy(allow_private=True))
"""Fetch from the local fake server, as an administrator who allowed private addresses would."""


class FakeFeedServer(FakeServer):
    """Serve a feed at /feed.xml with an ETag and Last-Modified; answer 304 to matching validators."""

    def __init__(self, body: bytes) -> None:
        super().__init__()
        self.body = body

    def route(self, request: RecordedRequest) -> FakeResponse:
        if request.path != "/feed.xml":
            return FakeResponse(404, {"detail": "no such feed"})
        validators = {"ETag": ETAG, "Last-Modified": LAST_MODIFIED}
        if request.headers.get("if-none-match") == ETAG or request.headers.get("if-modified-since") == LAST_MODIFIED:
            return FakeResponse(304, None, validators)
        return FakeResponse(200, self.body, validators)


@pytest.fixture
def feed_server() -> Iterator[FakeFeedServer]:
    """Run a local Google Alerts feed for one test."""
    with FakeFeedServer((DATA / "google_alerts.xml").read_bytes()) as server:
        yield server


def test_google_alerts_entries_link_to_the_real_article():
    """A Google Alerts entry's redirect link is unwrapped to the article, with its own query kept."""
    title, mentions = parse_feed((DATA / "google_alerts.xml").read_bytes(), source="google_alerts")
    assert title == 'Google Alert - "clinical AI"'
    first = mentions[0]
    assert first.id == "tag:google.com,2013:googlealerts/feed:12501224780620368192"
    assert first.url == "https://www.healthnews.example/2024/06/clinical-ai-recall?page=2"
    assert first.published == datetime(2024, 6, 4, 16, 18, 45, tzinfo=UTC)
    assert "clinical AI" in first.title and first.source == "google_alerts"
    assert canonical_url(mentions[1].url) == "https://blog.example.org/nurses-ai"


def test_rss_items_without_guid_use_their_link_and_keep_the_author():
    """RSS items become mentions; an item without a guid is identified by its link."""
    title, mentions = parse_feed((DATA / "industry.rss").read_bytes())
    assert title == "Healthcare IT Weekly"
    assert [m.id for m in mentions] == ["https://hitweekly.example/?p=101", "https://hitweekly.example/funding"]
    assert "Dana Cole" in mentions[0].author
    assert mentions[1].published == datetime(2024, 6, 2, 8, 30, tzinfo=UTC)


def test_a_body_that_is_not_a_feed_is_retryable():
    """An HTML error page instead of a feed raises Retryable (the poller backs off)."""
    with pytest.raises(Retryable):
        parse_feed(b"<html><body><h1>Oops</h1>")


def test_second_fetch_with_validators_is_not_modified(feed_server):
    """The first fetch returns entries and validators; sending them back answers 304 with no entries."""
    first = fetch_local(f"{feed_server.url}/feed.xml")
    assert len(first.mentions) == 2 and first.validators == FeedValidators(ETAG, LAST_MODIFIED)
    second = fetch_local(f"{feed_server.url}/feed.xml", first.validators)
    assert second.not_modified is True and second.mentions == ()
    sent = feed_server.requests_to("/feed.xml")[-1].headers
    assert sent["if-none-match"] == ETAG and sent["if-modified-since"] == LAST_MODIFIED


def test_last_modified_alone_is_enough_for_304(feed_server):
    """A server without ETag support still answers 304 to If-Modified-Since."""
    result = fetch_local(f"{feed_server.url}/feed.xml", FeedValidators(last_modified=LAST_MODIFIED))
    assert result.not_modified is True


def test_server_errors_are_retryable_and_missing_feeds_disconnect(feed_server):
    """5xx and dropped connections raise Retryable; 404 raises Disconnected."""
    feed_server.fail_next("/feed.xml", 503, {"detail": "busy"})
    with pytest.raises(Retryable):
        fetch_local(f"{feed_server.url}/feed.xml")
    feed_server.reset_next("/feed.xml")
    with pytest.raises(Retryable):
        fetch_local(f"{feed_server.url}/feed.xml")
    with pytest.raises(Disconnected):
        fetch_local(f"{feed_server.url}/gone.xml")


def test_429_waits_for_retry_after(feed_server):
    """A 429 raises RateLimited at the Retry-After time."""
    now = datetime(2024, 6, 4, 12, tzinfo=UTC)
    feed_server.fail_next("/feed.xml", 429, {"detail": "slow"}, {"Retry-After": "120"})
    with pytest.raises(RateLimited) as caught:
        fetch_local(f"{feed_server.url}/feed.xml", clock=lambda: now)
    assert caught.value.reset_at == now + timedelta(seconds=120)


def test_feeds_on_the_local_network_are_refused_unless_allowed(feed_server):
    """By default a feed address on loopback is refused (Disconnected) before any request is sent."""
    with pytest.raises(Disconnected, match="refused"):
        fetch_feed(f"{feed_server.url}/feed.xml")
    assert feed_server.requests_to("/feed.xml") == []


def test_a_feed_over_the_size_cap_is_refused(feed_server):
    """A body larger than the cap is not read to the end; the source is marked disconnected."""
    with pytest.raises(Disconnected, match="at most 1,000 are read"):
        fetch_local(f"{feed_server.url}/feed.xml", max_bytes=1_000)


def test_script_links_in_feed_items_are_dropped():
    """An item whose link is javascript: keeps its text but gets no link (it would be stored and clicked)."""
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>g1</guid>'
           b"<title>Click me</title><link>javascript:alert(document.cookie)</link><description>d</description></item>"
           b"</channel></rss>")
    _, mentions = parse_feed(rss)
    assert mentions[0].url == "" and mentions[0].id == "g1" and mentions[0].title == "Click me"
