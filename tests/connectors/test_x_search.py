"""X recent search as a listening source, against a local fake of GET /2/tweets/search/recent."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from socialrx.connectors.errors import Disconnected, RateLimited, ReauthRequired, RejectedContent, Retryable
from socialrx.connectors.registry import listening_connector
from socialrx.connectors.x_search import XSearchConnector
from tests.connectors.fakes import FakeResponse, FakeServer, RecordedRequest, x_problem

TOKEN = "app-bearer"


class FakeXSearchServer(FakeServer):
    """Answer recent search with pages of two posts; honour ``since_id`` and ``next_token``."""

    def __init__(self) -> None:
        super().__init__(access_token=TOKEN)
        self.posts = [
            {"id": str(1800 + n), "text": f"Clinical AI post {n}", "author_id": str(n % 2 + 1),
             "created_at": f"2024-06-0{n % 5 + 1}T10:00:00.000Z", "lang": "en"}
            for n in range(5)
        ]  # fmt: skip

    def route(self, request: RecordedRequest) -> FakeResponse:
        if not self.authorized(request):
            return FakeResponse(401, x_problem(401, "Unauthorized", "Unauthorized"))
        since = int(request.query.get("since_id", "0"))
        found = sorted((p for p in self.posts if int(p["id"]) > since), key=lambda p: -int(p["id"]))
        start = int(request.query.get("next_token", "0"))
        page = found[start : start + 2]
        meta: dict = {"result_count": len(page)}
        if page:
            meta.update(newest_id=page[0]["id"], oldest_id=page[-1]["id"])
        if start + 2 < len(found):
            meta["next_token"] = str(start + 2)
        users = [{"id": "1", "username": "nurse_ai"}, {"id": "2", "username": "drdata"}]
        body = {"data": page, "includes": {"users": users}, "meta": meta} if page else {"meta": meta}
        return FakeResponse(200, body)


@pytest.fixture
def search_server() -> Iterator[FakeXSearchServer]:
    """Run a fake X recent-search API for one test."""
    with FakeXSearchServer() as server:
        yield server


def connector(server: FakeXSearchServer, **options) -> XSearchConnector:
    return XSearchConnector(bearer_token=TOKEN, base_url=server.url, **options)


def test_search_follows_pages_and_returns_mentions_oldest_first(search_server):
    """Every page is read; mentions carry the author's handle, a post URL, language and time."""
    result = connector(search_server).search('"clinical ai" -is:retweet')
    assert [m.id for m in result.mentions] == ["1800", "1801", "1802", "1803", "1804"]
    assert result.newest_id == "1804" and result.pages == 3
    first = result.mentions[0]
    assert first.author == "@nurse_ai" and first.url == "https://x.com/nurse_ai/status/1800"
    assert first.published == datetime(2024, 6, 1, 10, tzinfo=UTC) and first.source == "x"
    sent = search_server.requests_to("/2/tweets/search/recent")[0]
    assert sent.query["query"] == '"clinical ai" -is:retweet' and sent.headers["authorization"] == f"Bearer {TOKEN}"


def test_search_continues_after_since_id(search_server):
    """A poll with since_id gets only newer posts and keeps since_id when nothing is new."""
    result = connector(search_server).search("ai", since_id="1803")
    assert [m.id for m in result.mentions] == ["1804"]
    empty = connector(search_server).search("ai", since_id="1804")
    assert empty.mentions == () and empty.newest_id == "1804"


def test_errors_map_to_connector_errors(search_server):
    """429 waits for the reset header; 5xx retries; 401 needs a new token; forbidden apps disconnect."""
    search_server.fail_next("/2/tweets/search/recent", 429, x_problem(429, "Too Many Requests", "slow"),
                            {"x-rate-limit-reset": "1900000000"})  # fmt: skip
    with pytest.raises(RateLimited) as caught:
        connector(search_server).search("ai")
    assert caught.value.reset_at == datetime.fromtimestamp(1900000000, tz=UTC)
    search_server.fail_next("/2/tweets/search/recent", 503, x_problem(503, "Service Unavailable", "down"))
    with pytest.raises(Retryable):
        connector(search_server).search("ai")
    with pytest.raises(ReauthRequired):
        XSearchConnector(bearer_token="wrong", base_url=search_server.url).search("ai")
    problem = "https://api.x.com/2/problems/client-forbidden"
    search_server.fail_next("/2/tweets/search/recent", 403, x_problem(403, "Forbidden", "no access", problem))
    with pytest.raises(Disconnected):
        connector(search_server).search("ai")
    search_server.fail_next("/2/tweets/search/recent", 400, x_problem(400, "Invalid Request", "bad query"))
    with pytest.raises(RejectedContent):
        connector(search_server).search("ai (")


def test_dropped_connection_is_retryable(search_server):
    """A reset connection raises Retryable."""
    search_server.reset_next("/2/tweets/search/recent")
    with pytest.raises(Retryable):
        connector(search_server).search("ai")


def test_registry_builds_the_search_connector_and_validates_queries():
    """The registry knows x_search; empty or over-long queries are refused before any request."""
    built = listening_connector("x_search", bearer_token=TOKEN)
    assert isinstance(built, XSearchConnector)
    assert built.validate_query(" ") and built.validate_query("a" * 600) and not built.validate_query("ai")
    with pytest.raises(ValueError):
        listening_connector("nope")
