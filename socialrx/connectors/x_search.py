"""X API v2 recent search as a listening source: ``GET /2/tweets/search/recent``.

Search runs with the app's bearer token (app-only authentication may read). Pages are followed
with ``next_token`` and a poll continues after the newest id seen (``since_id``). Errors follow
the publishing connectors: 429 → ``RateLimited`` at ``x-rate-limit-reset``, 5xx and transport
failures → ``Retryable``, 401 → ``ReauthRequired`` (an app token cannot be refreshed),
forbidden apps → ``Disconnected``, a refused query → ``RejectedContent``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx

from socialrx.connectors._http import Clock, json_body, new_client, send_or_retry, utc_now
from socialrx.connectors.errors import Disconnected, ReauthRequired
from socialrx.connectors.x import API_URL, raise_for_x_error
from socialrx.core.listening.mention import Mention
from socialrx.core.web_fetch import AddressRefused, FetchPolicy, GuardedTransport

SEARCH_PATH = "/2/tweets/search/recent"
MAX_RESULTS = 100
MAX_QUERY_LENGTH = 512


@dataclass(frozen=True)
class SearchResult:
    """The posts found, oldest first, and the newest id to continue from next time."""

    mentions: tuple[Mention, ...]
    newest_id: str
    pages: int


def _created_at(value: str, fallback: datetime) -> datetime:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")) if value else fallback
    except ValueError:
        return fallback


def tweet_mention(item: dict[str, Any], usernames: dict[str, str], fetched_at: datetime) -> Mention:
    """Return one search result (a v2 post object) as a mention."""
    post_id = str(item["id"])
    username = usernames.get(str(item.get("author_id", "")), "")
    url = f"https://x.com/{username}/status/{post_id}" if username else f"https://x.com/i/web/status/{post_id}"
    return Mention(
        id=post_id,
        text=str(item.get("text", "")),
        published=_created_at(str(item.get("created_at", "")), fetched_at),
        author=f"@{username}" if username else "",
        url=url,
        lang=str(item.get("lang", "")) if item.get("lang") not in (None, "und", "zxx", "qme") else "",
        source="x",
    )


class XSearchConnector:
    """Read recent posts matching an X search query."""

    key = "x_search"

    def __init__(
        self,
        *,
        bearer_token: str,
        base_url: str | None = None,
        timeout: float = 30.0,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
        policy: FetchPolicy | None = None,
    ) -> None:
        """``policy``, when given, limits which addresses the (possibly overridden) host may resolve to: the
        bearer token is never sent to a private or loopback address an administrator has not allowed."""
        self.bearer_token = bearer_token
        self.base_url = (base_url or API_URL).rstrip("/")
        self.timeout = timeout
        self.clock = clock
        self.transport = transport
        if transport is None and policy is not None:
            self.transport = GuardedTransport(policy)

    def validate_query(self, query: str) -> list[str]:
        """Return the problems X would refuse the query for (empty if none)."""
        if not query.strip():
            return ["The X search query is empty."]
        if len(query) > MAX_QUERY_LENGTH:
            return [f"The X search query is {len(query)} characters; recent search allows {MAX_QUERY_LENGTH}."]
        return []

    def search(self, query: str, *, since_id: str = "", max_pages: int = 5) -> SearchResult:
        """Return the posts matching ``query`` newer than ``since_id`` (at most ``max_pages`` pages)."""
        params: dict[str, Any] = {
            "query": query,
            "max_results": MAX_RESULTS,
            "tweet.fields": "created_at,lang,author_id",
            "expansions": "author_id",
            "user.fields": "username",
        }
        if since_id:
            params["since_id"] = since_id
        mentions: list[Mention] = []
        newest, pages = since_id, 0
        with new_client(timeout=self.timeout, transport=self.transport) as client:
            while pages < max_pages:
                body = self._page(client, params)
                pages += 1
                users = {str(u["id"]): str(u.get("username", "")) for u in body.get("includes", {}).get("users", [])}
                now = self.clock()
                mentions.extend(tweet_mention(item, users, now) for item in body.get("data", []))
                meta = body.get("meta", {})
                if pages == 1 and meta.get("newest_id"):
                    newest = str(meta["newest_id"])
                if not meta.get("next_token"):
                    break
                params["next_token"] = meta["next_token"]
        mentions.sort(key=lambda mention: (mention.published.astimezone(UTC), int(mention.id)))
        return SearchResult(tuple(mentions), newest, pages)

    def _page(self, client: httpx.Client, params: dict[str, Any]) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {self.bearer_token}"}
        try:
            response = send_or_retry(client, "GET", f"{self.base_url}{SEARCH_PATH}", params=params, headers=headers)
        except AddressRefused as error:
            raise Disconnected(f"{self.base_url}: refused, {error}") from None
        if response.status_code == 401:
            raise ReauthRequired("X refused the search bearer token (HTTP 401); set a new app token")
        raise_for_x_error(response, self.clock())
        return json_body(response)
