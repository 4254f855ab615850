"""YouTube Data API v3 connector: resumable video upload with scheduling, quota accounting, OAuth."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

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
from socialrx.connectors.errors import (
    Disconnected,
    RateLimited,
    ReauthRequired,
    RejectedContent,
    Retryable,
)
from socialrx.connectors.http_connector import HttpConnector
from socialrx.connectors.youtube_quota import PACIFIC, QuotaLedger

API_HOST = "https://www.googleapis.com"
AUTHORIZE_URL = "https://accounts.google.com/o/oauth2/v2/auth"
TOKEN_URL = "https://oauth2.googleapis.com/token"
SCOPES = (
    "https://www.googleapis.com/auth/youtube.upload",
    "https://www.googleapis.com/auth/youtube.readonly",
)
CHUNK_BYTES = 32 * 256 * 1024
"""Upload chunk size; Google requires a multiple of 256 KiB for every chunk but the last."""

MAX_TITLE = 100
MAX_DESCRIPTION_BYTES = 5000
MAX_TAGS = 500
_DAILY_REASONS = ("quotaExceeded", "dailyLimitExceeded", "uploadLimitExceeded")
_SHORT_REASONS = ("rateLimitExceeded", "userRateLimitExceeded")
_SCOPE_REASONS = ("insufficientPermissions", "authError")


class YouTubeConnector(HttpConnector):
    """Upload videos to the account's channel, optionally scheduled with ``publishAt``."""

    key = "youtube"
    oauth_provider = "Google"
    supports_media = True
    supports_scheduling = True

    def __init__(
        self,
        app: oauth.OAuthApp | None = None,
        *,
        quota: QuotaLedger | None = None,
        privacy_status: str = "public",
        category_id: str | None = None,
        on_tokens_refreshed: TokenSink | None = None,
        timeout: float = 60.0,
        chunk_bytes: int = CHUNK_BYTES,
        max_interruptions: int = 5,
        clock: Clock = utc_now,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.app = app
        self.quota = quota if quota is not None else QuotaLedger()
        self.privacy_status = privacy_status
        self.category_id = category_id
        self.on_tokens_refreshed = on_tokens_refreshed
        self.timeout = timeout
        self.chunk_bytes = chunk_bytes
        self.max_interruptions = max_interruptions
        self.clock = clock
        self.transport = transport

    # OAuth 2.0 (Google)

    def endpoints(self, base_url: str | None = None) -> oauth.OAuthEndpoints:
        """Return Google's OAuth endpoints (on ``base_url`` when it overrides the host)."""
        if base_url:
            return oauth.OAuthEndpoints(f"{base_url}/o/oauth2/v2/auth", f"{base_url}/token")
        return oauth.OAuthEndpoints(AUTHORIZE_URL, TOKEN_URL)

    def authorization_url(self, *, state: str, pkce: oauth.PkcePair, base_url: str | None = None) -> str:
        """Return the consent URL asking for offline access (a refresh token)."""
        extra = {"access_type": "offline", "prompt": "consent", "include_granted_scopes": "true"}
        return oauth.authorization_url(
            self.endpoints(base_url),
            self._app(),
            state=state,
            default_scopes=SCOPES,
            pkce=pkce,
            extra_params=extra,
        )

    def exchange_code(self, code: str, *, pkce_verifier: str, base_url: str | None = None) -> OAuthTokens:
        """Exchange the callback's ``code`` and PKCE verifier for tokens."""
        with self._client() as client:
            endpoints = self.endpoints(base_url)
            return oauth.exchange_code(
                client, endpoints, self._app(), code=code, now=self.clock(), pkce_verifier=pkce_verifier
            )

    # Connector interface

    def validate(self, request: PublishRequest) -> list[str]:
        """Return title, description, tags, file and schedule problems YouTube would refuse."""
        problems = _metadata_problems(request.title, request.description, request.tags)
        videos = [item for item in request.media if item.is_video]
        if len(request.media) != 1 or len(videos) != 1:
            problems.append("A YouTube upload needs exactly one video file.")
        elif not videos[0].path.is_file():
            problems.append(f"Video file {videos[0].path} does not exist.")
        if request.publish_at is not None and request.publish_at <= self.clock():
            problems.append("The scheduled publish time is in the past.")
        return problems

    def publish(self, request: PublishRequest) -> PublishResult:
        """Upload the video resumably and return its id; scheduled uploads stay private until ``publishAt``."""
        video = request.media[0]
        size = video.path.stat().st_size
        with self._client() as client:
            session = self._session(client, request.account)
            self._charge("videos.insert")
            response = session.send(
                "POST",
                f"{_base(request.account)}/upload/youtube/v3/videos",
                params={"uploadType": "resumable", "part": "snippet,status"},
                json=self._metadata(request),
                headers={"X-Upload-Content-Length": str(size), "X-Upload-Content-Type": video.content_type},
            )
            self._raise_for_error(response, "videos.insert")
            location = response.headers.get("location")
            if not location:
                raise Retryable("YouTube opened no upload session (no Location header)")
            resource = self._upload_bytes(session, location, video.path.read_bytes(), video.content_type)
        video_id = str(resource["id"])
        return PublishResult(
            platform_post_id=video_id, url=video_url(video_id), posted_ids=(video_id,), raw=resource
        )

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return view, like and comment counts from ``videos.list`` (1 unit per 50 videos)."""
        metrics: list[PostMetrics] = []
        with self._client() as client:
            session = self._session(client, account)
            for start in range(0, len(post_ids), 50):
                params = {"part": "statistics", "id": ",".join(post_ids[start : start + 50])}
                items = self._get(session, "videos.list", "videos", params).get("items", [])
                metrics.extend(_metrics(item, self.clock()) for item in items)
        return metrics

    def recent_posts(self, account: Account, since: datetime) -> list[RemotePost]:
        """Return the channel's uploads since ``since``, newest first, from its uploads playlist."""
        with self._client() as client:
            session = self._session(client, account)
            channels = self._get(
                session, "channels.list", "channels", {"part": "contentDetails", "mine": "true"}
            )
            items = channels.get("items") or []
            if not items:
                raise Disconnected("the account has no YouTube channel")
            playlist = items[0]["contentDetails"]["relatedPlaylists"]["uploads"]
            params = {"part": "snippet", "playlistId": playlist, "maxResults": "50"}
            uploads = self._get(session, "playlistItems.list", "playlistItems", params).get("items", [])
        posts = [_remote_post(item) for item in uploads]
        return [post for post in posts if post.created_at is None or post.created_at >= since]

    # Internals

    def _charge(self, method: str) -> None:
        self.quota.charge(method, self.clock())

    def _get(self, session: ApiSession, method: str, resource: str, params: dict[str, str]) -> dict[str, Any]:
        self._charge(method)
        response = session.send("GET", f"{_base(session.account)}/youtube/v3/{resource}", params=params)
        self._raise_for_error(response, method)
        return json_body(response)

    def _metadata(self, request: PublishRequest) -> dict[str, Any]:
        snippet: dict[str, Any] = {
            "title": request.title,
            "description": request.description,
            "tags": list(request.tags),
        }
        if self.category_id:
            snippet["categoryId"] = self.category_id
        status: dict[str, Any] = {"privacyStatus": self.privacy_status, "selfDeclaredMadeForKids": False}
        if request.publish_at is not None:
            status["privacyStatus"] = "private"
            status["publishAt"] = request.publish_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        return {"snippet": snippet, "status": status}

    def _upload_bytes(
        self, session: ApiSession, location: str, data: bytes, content_type: str
    ) -> dict[str, Any]:
        """PUT the bytes chunk by chunk, asking for the received range after every interruption."""
        size, offset, interruptions = len(data), 0, 0
        while True:
            end = min(offset + self.chunk_bytes, size) - 1
            headers = {"Content-Range": f"bytes {offset}-{end}/{size}", "Content-Type": content_type}
            try:
                response = session.send("PUT", location, content=data[offset : end + 1], headers=headers)
                if response.status_code >= 500:
                    raise Retryable(f"YouTube upload interrupted (HTTP {response.status_code})")
                if response.status_code in (200, 201):
                    return json_body(response)
                if response.status_code != 308:
                    self._raise_for_error(response, "videos.insert")
                offset = _next_offset(response)
            except Retryable as interruption:
                interruptions += 1
                if interruptions > self.max_interruptions:
                    raise Retryable(
                        f"YouTube upload interrupted {interruptions} times: {interruption.message}"
                    ) from None
                status = self._upload_status(session, location, size)
                if isinstance(status, dict):
                    return status
                offset = status

    def _upload_status(self, session: ApiSession, location: str, size: int) -> int | dict[str, Any]:
        """Return the next byte YouTube expects, or the video resource if the upload completed."""
        response = session.send("PUT", location, content=b"", headers={"Content-Range": f"bytes */{size}"})
        if response.status_code in (200, 201):
            return json_body(response)
        if response.status_code == 308:
            return _next_offset(response)
        if response.status_code == 404:
            raise Retryable("the YouTube upload session expired; the upload must start again")
        if response.status_code >= 500:
            raise Retryable(f"YouTube upload status query failed (HTTP {response.status_code})")
        self._raise_for_error(response, "videos.insert")
        raise Retryable(f"unexpected YouTube upload status answer (HTTP {response.status_code})")

    def _raise_for_error(self, response: httpx.Response, method: str) -> None:
        try:
            raise_for_youtube_error(response, self.clock())
        except RateLimited as error:
            if error.reset_at == next_midnight(self.clock(), PACIFIC):
                self.quota.exhaust(method, self.clock())
            raise


def video_url(video_id: str) -> str:
    """Return the public URL of a YouTube video."""
    return f"https://www.youtube.com/watch?v={video_id}"


def tags_length(tags: Sequence[str]) -> int:
    """Return how YouTube counts tags: commas between them, quotes around tags with spaces."""
    return sum(len(tag) + (2 if " " in tag else 0) for tag in tags) + max(len(tags) - 1, 0)


def raise_for_youtube_error(response: httpx.Response, now: datetime) -> None:
    """Raise the connector error matching a Google API error response; return on success."""
    status = response.status_code
    if status < 400:
        return
    error = json_body(response).get("error", {})
    first = (error.get("errors") or [{}])[0]
    reason, message = (
        str(first.get("reason", "")),
        str(error.get("message") or first.get("message") or f"HTTP {status}"),
    )
    if reason in _DAILY_REASONS:
        raise RateLimited(next_midnight(now, PACIFIC), f"YouTube {reason}: {message}")
    if reason in _SHORT_REASONS or status == 429:
        raise RateLimited(now + timedelta(minutes=1), f"YouTube {reason or 'rate limit'}: {message}")
    if status >= 500:
        raise Retryable(f"YouTube failed (HTTP {status}): {message}")
    if reason in _SCOPE_REASONS:
        raise ReauthRequired(f"YouTube refused the token's permissions: {message}")
    if status == 403:
        raise Disconnected(f"YouTube refused the channel (HTTP 403 {reason}): {message}")
    raise RejectedContent(f"YouTube refused the video (HTTP {status}): {message}", reason or None)


def _metadata_problems(title: str, description: str, tags: Sequence[str]) -> list[str]:
    problems: list[str] = []
    if not title.strip():
        problems.append("A YouTube video needs a title.")
    if len(title) > MAX_TITLE:
        problems.append(f"The title is {len(title)} characters; YouTube allows {MAX_TITLE}.")
    description_bytes = len(description.encode("utf-8"))
    if description_bytes > MAX_DESCRIPTION_BYTES:
        problems.append(
            f"The description is {description_bytes} bytes; YouTube allows {MAX_DESCRIPTION_BYTES}."
        )
    if any(mark in title + description for mark in "<>"):
        problems.append("YouTube titles and descriptions may not contain < or >.")
    if tags_length(tags) > MAX_TAGS:
        problems.append(f"The tags count {tags_length(tags)} characters; YouTube allows {MAX_TAGS}.")
    return problems


def _next_offset(response: httpx.Response) -> int:
    """Return the first byte not yet received, from a 308's ``Range: bytes=0-N`` header."""
    received = response.headers.get("range", "")
    return int(received.rsplit("-", 1)[1]) + 1 if received else 0


def _base(account: Account) -> str:
    return account.base_url or API_HOST


def _metrics(item: dict[str, Any], now: datetime) -> PostMetrics:
    stats = item.get("statistics", {})

    def count(name: str) -> int | None:
        return int(stats[name]) if name in stats else None

    return PostMetrics(
        platform_post_id=str(item["id"]),
        fetched_at=now,
        views=count("viewCount"),
        likes=count("likeCount"),
        comments=count("commentCount"),
        raw=item,
    )


def _remote_post(item: dict[str, Any]) -> RemotePost:
    snippet = item.get("snippet", {})
    video_id = str(snippet.get("resourceId", {}).get("videoId", ""))
    published = snippet.get("publishedAt")
    return RemotePost(
        platform_post_id=video_id,
        text=str(snippet.get("title", "")),
        created_at=datetime.fromisoformat(published.replace("Z", "+00:00")) if published else None,
        url=video_url(video_id),
    )
