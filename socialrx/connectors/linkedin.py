"""LinkedIn connector: organisation page posts through the versioned Posts API (Rest.li 2.0)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote

import httpx

from socialrx.connectors import oauth
from socialrx.connectors._http import ApiSession, Clock, json_body, next_midnight, utc_now
from socialrx.connectors.base import (
    Account,
    OAuthTokens,
    PostMetrics,
    PublishRequest,
    PublishResult,
    RemotePost,
    TokenSink,
)
from socialrx.connectors.errors import Disconnected, RateLimited, RejectedContent, Retryable
from socialrx.connectors.http_connector import HttpConnector
from socialrx.core.platforms.linkedin import little_commentary, unescape_little_text

API_URL = "https://api.linkedin.com"
OAUTH_URL = "https://www.linkedin.com"
SCOPES = ("w_organization_social", "r_organization_social", "rw_organization_admin")
LINKEDIN_VERSION = "202610"
"""``LinkedIn-Version`` header; versions retire about a year after release, so bump it yearly."""

MAX_COMMENTARY = 3000
"""Commentary limit, checked on the visible (unescaped) text in UTF-16 units to be conservative."""

class LinkedInConnector(HttpConnector):
    """Publish text posts to a LinkedIn organisation page as a page admin."""

    key = "linkedin"
    oauth_provider = "LinkedIn"

    def __init__(
        self,
        app: oauth.OAuthApp | None = None,
        *,
        version: str = LINKEDIN_VERSION,
        on_tokens_refreshed: TokenSink | None = None,
        timeout: float = 30.0,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.app = app
        self.version = version
        self.on_tokens_refreshed = on_tokens_refreshed
        self.timeout = timeout
        self.clock = clock
        self.transport = transport

    # OAuth 2.0 three-legged flow

    def endpoints(self, base_url: str | None = None) -> oauth.OAuthEndpoints:
        """Return the OAuth endpoints (on ``base_url`` when it overrides the host)."""
        host = base_url or OAUTH_URL
        return oauth.OAuthEndpoints(f"{host}/oauth/v2/authorization", f"{host}/oauth/v2/accessToken")

    def authorization_url(self, *, state: str, base_url: str | None = None) -> str:
        """Return the member consent URL for our app, bound to ``state``."""
        return oauth.authorization_url(
            self.endpoints(base_url), self._app(), state=state, default_scopes=SCOPES
        )

    def exchange_code(self, code: str, *, base_url: str | None = None) -> OAuthTokens:
        """Exchange the callback's ``code`` for tokens."""
        with self._client() as client:
            return oauth.exchange_code(
                client, self.endpoints(base_url), self._app(), code=code, now=self.clock()
            )

    # Connector interface

    def validate(self, request: PublishRequest) -> list[str]:
        """Return the problems LinkedIn would refuse or silently truncate."""
        problems: list[str] = []
        length = len(request.text.encode("utf-16-le")) // 2
        if not request.text.strip():
            problems.append("A LinkedIn post needs commentary text.")
        if length > MAX_COMMENTARY:
            problems.append(f"The commentary is {length} characters; LinkedIn allows {MAX_COMMENTARY}.")
        if request.thread_parts:
            problems.append("LinkedIn has no threads; publish one post.")
        if request.media:
            problems.append(
                "Media upload to LinkedIn is not supported by this connector; post text and links."
            )
        return problems

    def publish(self, request: PublishRequest) -> PublishResult:
        """Create the organisation post and return its URN from the ``x-restli-id`` header."""
        body = {
            "author": request.account.external_id,
            "commentary": request.commentary or little_commentary(request.text).text,
            "visibility": "PUBLIC",
            "distribution": {
                "feedDistribution": "MAIN_FEED",
                "targetEntities": [],
                "thirdPartyDistributionChannels": [],
            },
            "lifecycleState": "PUBLISHED",
            "isReshareDisabledByAuthor": False,
        }
        with self._client() as client:
            session = self._session(client, request.account)
            response = session.send("POST", f"{_base(request.account)}/rest/posts", json=body)
        raise_for_linkedin_error(response, self.clock())
        urn = response.headers.get("x-restli-id", "")
        if not urn:
            raise Retryable("LinkedIn answered without an x-restli-id header; reconcile before retrying")
        return PublishResult(
            platform_post_id=urn, url=post_url(urn), posted_ids=(urn,), raw={"x-restli-id": urn}
        )

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return lifetime organic share statistics per post (rolling 12-month window)."""
        shares = [urn for urn in post_ids if urn.startswith("urn:li:share:")]
        ugc_posts = [urn for urn in post_ids if not urn.startswith("urn:li:share:")]
        query = f"q=organizationalEntity&organizationalEntity={quote(account.external_id, safe='')}"
        for name, urns in (("shares", shares), ("ugcPosts", ugc_posts)):
            if urns:
                query += f"&{name}=List({','.join(quote(urn, safe='') for urn in urns)})"
        with self._client() as client:
            session = self._session(client, account)
            response = session.send(
                "GET", f"{_base(account)}/rest/organizationalEntityShareStatistics?{query}"
            )
        raise_for_linkedin_error(response, self.clock())
        return [_metrics(element, self.clock()) for element in json_body(response).get("elements", [])]

    def recent_posts(self, account: Account, since: datetime, *, count: int = 50) -> list[RemotePost]:
        """Return the organisation's posts created since ``since``, newest first (posts finder by author)."""
        query = f"q=author&author={quote(account.external_id, safe='')}&count={count}&sortBy=CREATED"
        with self._client() as client:
            session = self._session(client, account)
            response = session.send(
                "GET", f"{_base(account)}/rest/posts?{query}", headers={"X-RestLi-Method": "FINDER"}
            )
        raise_for_linkedin_error(response, self.clock())
        posts = [_remote_post(element) for element in json_body(response).get("elements", [])]
        return [post for post in posts if post.created_at is None or post.created_at >= since]

    # Internals

    def _session(self, client: httpx.Client, account: Account) -> ApiSession:
        headers = {"LinkedIn-Version": self.version, "X-Restli-Protocol-Version": "2.0.0"}
        return ApiSession(
            client,
            account,
            refresh=self.refresh_tokens if self.app is not None else None,
            on_tokens_refreshed=self.on_tokens_refreshed,
            clock=self.clock,
            extra_headers=headers,
        )


def post_url(urn: str) -> str:
    """Return the public URL of a LinkedIn post."""
    return f"https://www.linkedin.com/feed/update/{urn}/"


def raise_for_linkedin_error(response: httpx.Response, now: datetime) -> None:
    """Raise the connector error matching a LinkedIn Rest.li error response; return on success."""
    status = response.status_code
    if status < 400:
        return
    body = json_body(response)
    message, code = _error_message(body)
    if status == 429:
        raise RateLimited(next_midnight(now, UTC), f"LinkedIn daily limit reached: {message}")
    if status >= 500:
        raise Retryable(f"LinkedIn failed (HTTP {status}): {message}")
    if status == 426:
        raise Disconnected(f"LinkedIn no longer serves this API version: {message}")
    if status == 403:
        raise Disconnected(f"LinkedIn refused access to the page (HTTP 403): {message}")
    raise RejectedContent(f"LinkedIn refused the post (HTTP {status}): {message}", code)


def _error_message(body: dict[str, Any]) -> tuple[str, str | None]:
    input_errors = body.get("errorDetails", {}).get("inputErrors") or [{}]
    first = input_errors[0] if isinstance(input_errors[0], dict) else {}
    message = first.get("description") or body.get("message") or "no message given"
    return str(message), first.get("code") or body.get("code")


def _base(account: Account) -> str:
    return account.base_url or API_URL


def _metrics(element: dict[str, Any], now: datetime) -> PostMetrics:
    stats = element.get("totalShareStatistics", {})
    return PostMetrics(
        platform_post_id=str(element.get("share") or element.get("ugcPost")),
        fetched_at=now,
        impressions=stats.get("impressionCount"),
        likes=stats.get("likeCount"),
        comments=stats.get("commentCount"),
        shares=stats.get("shareCount"),
        clicks=stats.get("clickCount"),
        raw=element,
    )


def _remote_post(element: dict[str, Any]) -> RemotePost:
    created = element.get("createdAt") or element.get("publishedAt")
    return RemotePost(
        platform_post_id=str(element["id"]),
        text=unescape_little_text(str(element.get("commentary", ""))),
        created_at=datetime.fromtimestamp(created / 1000, tz=UTC) if created else None,
        url=post_url(str(element["id"])),
    )
