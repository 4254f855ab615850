"""X (Twitter) API v2 connector: posts, reply-chained threads, v2 media upload, OAuth 2.0 PKCE."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx

from socialrx.connectors import oauth
from socialrx.connectors._http import ApiSession, Clock, json_body, utc_now
from socialrx.connectors.base import (
    Account,
    MediaFile,
    OAuthTokens,
    PostMetrics,
    PublishRequest,
    PublishResult,
    RemotePost,
    TokenSink,
)
from socialrx.connectors.errors import ConnectorError, Disconnected, RateLimited, RejectedContent, Retryable
from socialrx.connectors.http_connector import HttpConnector
from socialrx.core.platforms.x_text.weighted import parse_tweet

API_URL = "https://api.x.com"
AUTHORIZE_URL = "https://x.com/i/oauth2/authorize"
SCOPES = ("tweet.read", "tweet.write", "users.read", "offline.access", "media.write")
MAX_WEIGHTED_LENGTH = 280
MAX_IMAGES = 4
MAX_ALT_TEXT = 1000
CHUNK_BYTES = 5 * 1024 * 1024
"""APPEND segment size: X's documented v1.1 maximum, kept for v2."""

FALLBACK_RATE_WINDOW = timedelta(minutes=15)
_DISCONNECTING_PROBLEMS = ("client-forbidden", "unsupported-authentication", "client-not-enrolled")


class XConnector(HttpConnector):
    """Publish to X as the account's user (OAuth 2.0 user token)."""

    key = "x"
    oauth_provider = "X"
    supports_threads = True
    supports_media = True

    def __init__(
        self,
        app: oauth.OAuthApp | None = None,
        *,
        on_tokens_refreshed: TokenSink | None = None,
        timeout: float = 30.0,
        chunk_bytes: int = CHUNK_BYTES,
        media_processing_timeout: float = 600.0,
        clock: Clock = utc_now,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.app = app
        self.on_tokens_refreshed = on_tokens_refreshed
        self.timeout = timeout
        self.chunk_bytes = chunk_bytes
        self.media_processing_timeout = media_processing_timeout
        self.clock = clock
        self.sleep = sleep
        self.transport = transport

    # OAuth 2.0 Authorization Code with PKCE

    def endpoints(self, base_url: str | None = None) -> oauth.OAuthEndpoints:
        """Return the OAuth endpoints (all on ``base_url`` when it overrides the host)."""
        authorize = f"{base_url}/i/oauth2/authorize" if base_url else AUTHORIZE_URL
        token = f"{base_url or API_URL}/2/oauth2/token"
        return oauth.OAuthEndpoints(authorize, token, secret_in_basic_auth=True)

    def authorization_url(self, *, state: str, pkce: oauth.PkcePair, base_url: str | None = None) -> str:
        """Return the consent URL for our app, bound to ``state`` and the PKCE challenge."""
        return oauth.authorization_url(
            self.endpoints(base_url), self._app(), state=state, default_scopes=SCOPES, pkce=pkce
        )

    def exchange_code(self, code: str, *, pkce_verifier: str, base_url: str | None = None) -> OAuthTokens:
        """Exchange the callback's ``code`` and the PKCE verifier for tokens."""
        with self._client() as client:
            return oauth.exchange_code(
                client,
                self.endpoints(base_url),
                self._app(),
                code=code,
                now=self.clock(),
                pkce_verifier=pkce_verifier,
            )

    # Connector interface

    def validate(self, request: PublishRequest) -> list[str]:
        """Return length, media and alt-text problems X would refuse."""
        problems: list[str] = []
        if not request.parts and not request.media:
            problems.append("An X post needs text or media.")
        for number, part in enumerate(request.parts, start=1):
            parsed = parse_tweet(part)
            if not part.strip() and not (number == 1 and request.media):
                problems.append(f"Part {number} is empty.")
            elif parsed.weighted_length > MAX_WEIGHTED_LENGTH or not parsed.valid:
                problems.append(
                    f"Part {number} is {parsed.weighted_length} weighted characters; X allows {MAX_WEIGHTED_LENGTH}."
                )
        problems.extend(_media_problems(request.media))
        return problems

    def publish(self, request: PublishRequest) -> PublishResult:
        """Post the text or thread, resuming after ``already_posted_ids``; errors carry posted ids."""
        parts = request.parts or ("",)
        posted = list(request.already_posted_ids)
        with self._client() as client:
            session = self._session(client, request.account)
            try:
                media_ids = self._upload_all(session, request.media) if not posted else []
                for index in range(len(posted), len(parts)):
                    reply_to = posted[-1] if posted else None
                    posted.append(
                        self._create_post(session, parts[index], reply_to, media_ids if index == 0 else [])
                    )
            except ConnectorError as error:
                error.posted_ids = tuple(posted)
                raise
        return PublishResult(
            platform_post_id=posted[0],
            url=post_url(posted[0]),
            posted_ids=tuple(posted),
            raw={"posted_ids": list(posted)},
        )

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return public metrics (impressions, likes, replies, reposts and quotes) per post."""
        metrics: list[PostMetrics] = []
        with self._client() as client:
            session = self._session(client, account)
            for start in range(0, len(post_ids), 100):
                batch = ",".join(post_ids[start : start + 100])
                params = {"ids": batch, "tweet.fields": "public_metrics"}
                response = session.send("GET", f"{_base(account)}/2/tweets", params=params)
                raise_for_x_error(response, self.clock())
                metrics.extend(_metrics(item, self.clock()) for item in json_body(response).get("data", []))
        return metrics

    def recent_posts(self, account: Account, since: datetime, *, max_pages: int = 5) -> list[RemotePost]:
        """Return the user's posts since ``since`` from ``GET /2/users/:id/tweets``, newest first."""
        params: dict[str, Any] = {
            "start_time": since.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "max_results": 100,
            "tweet.fields": "created_at",
        }
        posts: list[RemotePost] = []
        with self._client() as client:
            session = self._session(client, account)
            for _ in range(max_pages):
                response = session.send(
                    "GET", f"{_base(account)}/2/users/{account.external_id}/tweets", params=params
                )
                raise_for_x_error(response, self.clock())
                body = json_body(response)
                posts.extend(_remote_post(item) for item in body.get("data", []))
                next_token = body.get("meta", {}).get("next_token")
                if not next_token:
                    break
                params["pagination_token"] = next_token
        return posts

    # Internals

    def _create_post(self, session: ApiSession, text: str, reply_to: str | None, media_ids: list[str]) -> str:
        body: dict[str, Any] = {}
        if text:
            body["text"] = text
        if media_ids:
            body["media"] = {"media_ids": media_ids}
        if reply_to:
            body["reply"] = {"in_reply_to_tweet_id": reply_to}
        response = session.send("POST", f"{_base(session.account)}/2/tweets", json=body)
        raise_for_x_error(response, self.clock())
        post_id = json_body(response).get("data", {}).get("id")
        if not post_id:
            raise RejectedContent(f"X did not create the post: {problem_detail(json_body(response))}")
        return str(post_id)

    def _upload_all(self, session: ApiSession, media: Sequence[MediaFile]) -> list[str]:
        return [self._upload(session, item) for item in media]

    def _upload(self, session: ApiSession, media: MediaFile) -> str:
        if media.is_video:
            media_id = self._upload_chunked(session, media)
        else:
            media_id = self._upload_simple(session, media)
            if media.alt_text:
                self._set_alt_text(session, media_id, media.alt_text)
        return media_id

    def _upload_simple(self, session: ApiSession, media: MediaFile) -> str:
        category = "tweet_gif" if media.content_type == "image/gif" else "tweet_image"
        files = {"media": (media.path.name, media.path.read_bytes(), media.content_type)}
        response = session.send(
            "POST", f"{_base(session.account)}/2/media/upload", data={"media_category": category}, files=files
        )
        raise_for_x_error(response, self.clock())
        return _media_id(response)

    def _upload_chunked(self, session: ApiSession, media: MediaFile) -> str:
        base = f"{_base(session.account)}/2/media/upload"
        init = {
            "media_type": media.content_type,
            "total_bytes": media.path.stat().st_size,
            "media_category": "tweet_video",
        }
        response = session.send("POST", f"{base}/initialize", json=init)
        raise_for_x_error(response, self.clock())
        media_id = _media_id(response)
        with media.path.open("rb") as stream:
            for index, chunk in enumerate(iter(lambda: stream.read(self.chunk_bytes), b"")):
                files = {"media": (media.path.name, chunk, "application/octet-stream")}
                response = session.send(
                    "POST", f"{base}/{media_id}/append", data={"segment_index": str(index)}, files=files
                )
                raise_for_x_error(response, self.clock())
        response = session.send("POST", f"{base}/{media_id}/finalize")
        raise_for_x_error(response, self.clock())
        self._await_processing(session, media_id, json_body(response).get("data", {}).get("processing_info"))
        return media_id

    def _await_processing(self, session: ApiSession, media_id: str, info: dict[str, Any] | None) -> None:
        waited = 0.0
        while info and info.get("state") in ("pending", "in_progress"):
            delay = float(info.get("check_after_secs", 1))
            if waited + delay > self.media_processing_timeout:
                raise Retryable(f"X is still processing media {media_id} after {waited:.0f} s")
            self.sleep(delay)
            waited += delay
            params = {"command": "STATUS", "media_id": media_id}
            response = session.send("GET", f"{_base(session.account)}/2/media/upload", params=params)
            raise_for_x_error(response, self.clock())
            info = json_body(response).get("data", {}).get("processing_info")
        if info and info.get("state") == "failed":
            error = info.get("error", {})
            raise RejectedContent(
                f"X could not process the video: {error.get('message', 'unknown error')}", error.get("name")
            )

    def _set_alt_text(self, session: ApiSession, media_id: str, alt_text: str) -> None:
        body = {"id": media_id, "metadata": {"alt_text": {"text": alt_text}}}
        response = session.send("POST", f"{_base(session.account)}/2/media/metadata", json=body)
        raise_for_x_error(response, self.clock())


def post_url(post_id: str) -> str:
    """Return the public URL of an X post."""
    return f"https://x.com/i/web/status/{post_id}"


def problem_detail(body: dict[str, Any]) -> str:
    """Return the human-readable message of an X error body (problem or legacy form)."""
    if body.get("detail") or body.get("title"):
        return str(body.get("detail") or body.get("title"))
    errors = body.get("errors") or [{}]
    first = errors[0] if isinstance(errors[0], dict) else {}
    return str(first.get("detail") or first.get("message") or "no detail given")


def rate_limit_reset(response: httpx.Response, now: datetime) -> datetime:
    """Return when a throttled X request may be retried, from the rate-limit headers.

    X sends no Retry-After; ``x-rate-limit-reset`` is a Unix epoch in seconds.
    An exhausted 24-hour user or app limit wins over the 15-minute window.
    """
    headers = response.headers
    for prefix in ("x-user-limit-24hour", "x-app-limit-24hour"):
        if headers.get(f"{prefix}-remaining") == "0" and headers.get(f"{prefix}-reset", "").isdigit():
            return datetime.fromtimestamp(int(headers[f"{prefix}-reset"]), tz=now.tzinfo)
    reset = headers.get("x-rate-limit-reset", "")
    if reset.isdigit():
        return max(datetime.fromtimestamp(int(reset), tz=now.tzinfo), now)
    return now + FALLBACK_RATE_WINDOW


def raise_for_x_error(response: httpx.Response, now: datetime) -> None:
    """Raise the connector error matching an X error response; return on success."""
    status = response.status_code
    if status < 400:
        return
    body = json_body(response)
    detail = problem_detail(body)
    problem = str(body.get("type", ""))
    if status == 429:
        raise RateLimited(rate_limit_reset(response, now), f"X rate limit reached: {detail}")
    if status >= 500:
        raise Retryable(f"X failed (HTTP {status}): {detail}")
    if status == 403 and any(name in problem for name in _DISCONNECTING_PROBLEMS):
        raise Disconnected(f"X refused this app or account: {detail}")
    raise RejectedContent(f"X refused the request (HTTP {status}): {detail}", problem or body.get("title"))


def _media_problems(media: Sequence[MediaFile]) -> list[str]:
    problems: list[str] = []
    videos = [item for item in media if item.is_video or item.content_type == "image/gif"]
    if videos and len(media) > 1:
        problems.append("X allows one video or GIF per post, without other media.")
    if len(media) > MAX_IMAGES:
        problems.append(f"X allows at most {MAX_IMAGES} images per post; this has {len(media)}.")
    for item in media:
        if not item.path.is_file():
            problems.append(f"Media file {item.path} does not exist.")
        if len(item.alt_text) > MAX_ALT_TEXT:
            problems.append(
                f"Alt text of {item.path.name} is {len(item.alt_text)} characters; X allows {MAX_ALT_TEXT}."
            )
    return problems


def _base(account: Account) -> str:
    return account.base_url or API_URL


def _media_id(response: httpx.Response) -> str:
    media_id = json_body(response).get("data", {}).get("id")
    if not media_id:
        raise Retryable("X accepted the upload but returned no media id")
    return str(media_id)


def _metrics(item: dict[str, Any], now: datetime) -> PostMetrics:
    public = item.get("public_metrics", {})
    return PostMetrics(
        platform_post_id=str(item["id"]),
        fetched_at=now,
        impressions=public.get("impression_count"),
        likes=public.get("like_count"),
        comments=public.get("reply_count"),
        shares=public.get("retweet_count", 0) + public.get("quote_count", 0),
        raw=item,
    )


def _remote_post(item: dict[str, Any]) -> RemotePost:
    created = item.get("created_at")
    return RemotePost(
        platform_post_id=str(item["id"]),
        text=str(item.get("text", "")),
        created_at=datetime.fromisoformat(created.replace("Z", "+00:00")) if created else None,
        url=post_url(str(item["id"])),
    )
