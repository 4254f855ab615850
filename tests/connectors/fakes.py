"""Local fake platform servers that speak X's, LinkedIn's and YouTube's HTTP contracts.

Each fake runs a threaded HTTP server on 127.0.0.1 with an in-memory record of
what was created (``posts``, ``videos``) and every request received
(``requests``). Faults are scripted per path: ``fail_next`` answers with a given
status, headers and JSON body; ``delay_next`` sleeps before answering (to make
clients time out while the server still completes the work); ``reset_next``
drops the connection with a TCP reset. Use them as context managers::

    with FakeXServer() as server:
        account = server.account()
        ...
        assert len(server.posts) == 1
"""

from __future__ import annotations

import itertools
import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from socialrx.connectors.base import Account
from socialrx.connectors.oauth import pkce_challenge


@dataclass
class FakeResponse:
    """A scripted answer: status, JSON (or raw bytes) body, headers."""

    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class RecordedRequest:
    """One request as the fake received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        """Return the body parsed as JSON."""
        return json.loads(self.body or b"null")

    def form(self) -> dict[str, str]:
        """Return the body parsed as an urlencoded form."""
        return {key: values[0] for key, values in parse_qs(self.body.decode()).items()}

    def multipart(self) -> dict[str, bytes]:
        """Return the fields of a multipart/form-data body by name."""
        head = f"Content-Type: {self.headers['content-type']}\r\n\r\n".encode()
        message = BytesParser(policy=HTTP).parsebytes(head + self.body)
        return {
            part.get_param("name", header="content-disposition"): part.get_payload(decode=True)
            for part in message.iter_parts()
        }


@dataclass
class _Fault:
    method: str | None
    path: str
    times: int
    response: FakeResponse | None = None
    delay: float = 0.0
    reset: bool = False
    after: int = 0


class _ResetConnection(Exception):
    """Raised inside a handler after the socket was reset on purpose."""


class FakeServer:
    """A threaded local HTTP server with token checks and scripted faults. Subclasses route."""

    def __init__(self, *, access_token: str = "access-1", refresh_token: str = "refresh-1") -> None:
        self.lock = threading.RLock()
        self.requests: list[RecordedRequest] = []
        self.faults: list[_Fault] = []
        self.access_tokens: set[str] = {access_token}
        self.refresh_tokens: set[str] = {refresh_token}
        self.auth_codes: dict[str, str] = {}
        self.issued = itertools.count(2)
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        """Return the server's base URL."""
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeServer:
        self._thread.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def account(self, platform: str, external_id: str, **overrides: Any) -> Account:
        """Return an account whose tokens this server accepts and whose base URL is this server."""
        values = {"access_token": "access-1", "refresh_token": "refresh-1", "base_url": self.url, **overrides}
        return Account(platform=platform, external_id=external_id, **values)

    def fail_next(
        self,
        path: str,
        status: int,
        body: Any = None,
        headers: dict[str, str] | None = None,
        *,
        method: str | None = None,
        times: int = 1,
        after: int = 0,
    ) -> None:
        """Answer ``times`` requests to ``path``, after ``after`` normal ones, with this status, body and headers."""
        self._add(
            _Fault(method, path, times, response=FakeResponse(status, body, headers or {}), after=after)
        )

    def delay_next(
        self, path: str, seconds: float, *, method: str | None = None, times: int = 1, after: int = 0
    ) -> None:
        """Sleep ``seconds`` before handling ``times`` requests to ``path`` (after ``after``) normally."""
        self._add(_Fault(method, path, times, delay=seconds, after=after))

    def reset_next(self, path: str, *, method: str | None = None, times: int = 1, after: int = 0) -> None:
        """Drop the connection of ``times`` requests to ``path`` (after ``after``) with a TCP reset."""
        self._add(_Fault(method, path, times, reset=True, after=after))

    def expire_access_tokens(self) -> None:
        """Make every issued access token invalid (refresh tokens keep working)."""
        with self.lock:
            self.access_tokens.clear()

    def revoke_refresh_tokens(self) -> None:
        """Make every refresh token invalid."""
        with self.lock:
            self.refresh_tokens.clear()

    def grant_code(self, code: str, code_challenge: str = "") -> None:
        """Accept ``code`` once at the token endpoint, bound to a PKCE challenge if given."""
        with self.lock:
            self.auth_codes[code] = code_challenge

    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        """Return the recorded requests whose path starts with ``path``."""
        with self.lock:
            return [r for r in self.requests if r.path.startswith(path) and method in (None, r.method)]

    def route(self, request: RecordedRequest) -> FakeResponse:
        """Return the answer to ``request`` (subclasses implement the platform)."""
        raise NotImplementedError

    def authorized(self, request: RecordedRequest) -> bool:
        """Return whether the request carries a valid bearer token."""
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        with self.lock:
            return token in self.access_tokens

    def token_endpoint(self, request: RecordedRequest) -> FakeResponse:
        """Answer an OAuth token request (code with PKCE, or refresh with rotation)."""
        form = request.form()
        with self.lock:
            if form.get("grant_type") == "refresh_token" and form.get("refresh_token") in self.refresh_tokens:
                self.refresh_tokens.discard(form["refresh_token"])
                return self._issue_tokens()
            code = form.get("code", "")
            if form.get("grant_type") == "authorization_code" and code in self.auth_codes:
                challenge = self.auth_codes.pop(code)
                if challenge and pkce_challenge(form.get("code_verifier", "")) != challenge:
                    return FakeResponse(
                        400, {"error": "invalid_grant", "error_description": "PKCE verification failed"}
                    )
                return self._issue_tokens()
        return FakeResponse(
            400, {"error": "invalid_grant", "error_description": "Value passed for the token was invalid."}
        )

    def _issue_tokens(self) -> FakeResponse:
        number = next(self.issued)
        access, refresh = f"access-{number}", f"refresh-{number}"
        self.access_tokens.add(access)
        self.refresh_tokens.add(refresh)
        body = {
            "token_type": "bearer",
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": 7200,
            "scope": "offline.access",
        }
        return FakeResponse(200, body)

    def _add(self, fault: _Fault) -> None:
        with self.lock:
            self.faults.append(fault)

    def _take_fault(self, request: RecordedRequest) -> _Fault | None:
        with self.lock:
            for fault in self.faults:
                if request.path.startswith(fault.path) and fault.method in (None, request.method):
                    if fault.after > 0:
                        fault.after -= 1
                        return None
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                    return fault
        return None

    def dispatch(self, request: RecordedRequest, connection: socket.socket) -> FakeResponse:
        """Record ``request``, apply any scripted fault, and route it."""
        with self.lock:
            self.requests.append(request)
        fault = self._take_fault(request)
        if fault is not None and fault.reset:
            connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            connection.close()
            raise _ResetConnection
        if fault is not None and fault.response is not None:
            return fault.response
        if fault is not None:
            time.sleep(fault.delay)
        return self.route(request)


def _handler_for(server: FakeServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def setup(self) -> None:
            super().setup()
            # Headers and body leave in separate writes; without this, Nagle plus delayed ACK add 40 ms.
            self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

        def _handle(self) -> None:
            split = urlsplit(self.path)
            length = int(self.headers.get("content-length") or 0)
            request = RecordedRequest(
                method=self.command,
                path=split.path,
                query={key: values[0] for key, values in parse_qs(split.query).items()},
                headers={key.lower(): value for key, value in self.headers.items()},
                body=self.rfile.read(length) if length else b"",
            )
            try:
                response = server.dispatch(request, self.connection)
            except _ResetConnection:
                self.close_connection = True
                return
            payload = response.body if isinstance(response.body, bytes) else b""
            if response.body is not None and not isinstance(response.body, bytes):
                payload = json.dumps(response.body).encode()
            self.send_response(response.status)
            for name, value in response.headers.items():
                self.send_header(name, value)
            if payload:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = _handle

    return Handler


def _now() -> datetime:
    return datetime.now(UTC)


def x_problem(status: int, title: str, detail: str, problem: str = "about:blank") -> dict[str, Any]:
    """Return an X v2 RFC 7807 problem body."""
    return {"title": title, "detail": detail, "type": problem, "status": status}


class FakeXServer(FakeServer):
    """Speak X API v2: posts, v2 media upload, user timeline, metrics, OAuth 2.0 tokens.

    ``posts`` holds every created post as a dict (id, text, reply_to, media_ids,
    created_at). Posting a text that already exists answers 403 duplicate content,
    like X. ``processing_polls`` is how many STATUS polls a video stays pending.
    """

    user_id = "2244994945"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.posts: list[dict[str, Any]] = []
        self.media: dict[str, dict[str, Any]] = {}
        self.processing_polls = 1
        self.rate_limit_reset = int(_now().timestamp()) + 900
        self._ids = itertools.count(1_880_000_000_000_000_001)

    def account(self, platform: str = "x", external_id: str = "", **overrides: Any) -> Account:
        """Return an X account for this server's user."""
        return super().account(platform, external_id or self.user_id, **overrides)

    def route(self, request: RecordedRequest) -> FakeResponse:
        if request.path == "/2/oauth2/token":
            return self.token_endpoint(request)
        if not self.authorized(request):
            return FakeResponse(401, x_problem(401, "Unauthorized", "Unauthorized"))
        response = self._route_api(request)
        response.headers.update(self.rate_headers())
        return response

    def rate_headers(self) -> dict[str, str]:
        """Return the rate-limit headers X sends on every response."""
        return {
            "x-rate-limit-limit": "100",
            "x-rate-limit-remaining": "99",
            "x-rate-limit-reset": str(self.rate_limit_reset),
        }

    def _route_api(self, request: RecordedRequest) -> FakeResponse:
        method, path = request.method, request.path
        if (method, path) == ("POST", "/2/tweets"):
            return self._create_post(request.json())
        if (method, path) == ("GET", "/2/tweets"):
            return self._lookup(request.query["ids"].split(","))
        if (method, path) == ("POST", "/2/media/upload"):
            return self._simple_upload(request.multipart())
        if (method, path) == ("GET", "/2/media/upload"):
            return self._status(request.query["media_id"])
        if (method, path) == ("POST", "/2/media/upload/initialize"):
            return self._initialize(request.json())
        if (method, path) == ("POST", "/2/media/metadata"):
            body = request.json()
            self.media[body["id"]]["alt_text"] = body["metadata"]["alt_text"]["text"]
            return FakeResponse(200, {"data": {"associated_metadata": body["metadata"]}})
        if method == "POST" and path.startswith("/2/media/upload/"):
            media_id, command = path.removeprefix("/2/media/upload/").split("/")
            return (
                self._append(media_id, request.multipart())
                if command == "append"
                else self._finalize(media_id)
            )
        if method == "GET" and path.startswith("/2/users/"):
            return self._timeline(request.query)
        return FakeResponse(404, x_problem(404, "Not Found Error", f"no route {method} {path}"))

    def _create_post(self, body: dict[str, Any]) -> FakeResponse:
        text = body.get("text", "")
        with self.lock:
            if text and any(post["text"] == text for post in self.posts):
                detail = "You are not allowed to create a Tweet with duplicate content."
                return FakeResponse(403, x_problem(403, "Forbidden", detail))
            post = {
                "id": str(next(self._ids)),
                "text": text,
                "reply_to": body.get("reply", {}).get("in_reply_to_tweet_id"),
                "media_ids": body.get("media", {}).get("media_ids", []),
                "created_at": _now(),
            }
            self.posts.append(post)
        return FakeResponse(
            201, {"data": {"id": post["id"], "text": text, "edit_history_tweet_ids": [post["id"]]}}
        )

    def _lookup(self, ids: list[str]) -> FakeResponse:
        data = [
            {
                "id": post["id"],
                "text": post["text"],
                "public_metrics": {
                    "retweet_count": 2,
                    "reply_count": 1,
                    "like_count": 7,
                    "quote_count": 1,
                    "bookmark_count": 0,
                    "impression_count": 300,
                },
            }
            for post in self.posts
            if post["id"] in ids
        ]
        return FakeResponse(200, {"data": data})

    def _timeline(self, query: dict[str, str]) -> FakeResponse:
        since = (
            datetime.fromisoformat(query["start_time"].replace("Z", "+00:00"))
            if "start_time" in query
            else None
        )
        with self.lock:
            posts = [post for post in reversed(self.posts) if since is None or post["created_at"] >= since]
        data = [
            {
                "id": p["id"],
                "text": p["text"],
                "created_at": p["created_at"].strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                "edit_history_tweet_ids": [p["id"]],
            }
            for p in posts
        ]
        meta = {"result_count": len(data)}
        if data:
            meta.update(newest_id=data[0]["id"], oldest_id=data[-1]["id"])
        return FakeResponse(200, {"data": data, "meta": meta} if data else {"meta": meta})

    def _new_media(self, **values: Any) -> str:
        media_id = str(next(self._ids))
        self.media[media_id] = {"segments": {}, "polls": self.processing_polls, **values}
        return media_id

    def _simple_upload(self, fields: dict[str, bytes]) -> FakeResponse:
        media_id = self._new_media(category=fields["media_category"].decode(), data=fields["media"])
        return FakeResponse(200, {"data": {"id": media_id, "media_key": f"3_{media_id}"}})

    def _initialize(self, body: dict[str, Any]) -> FakeResponse:
        media_id = self._new_media(
            category=body["media_category"], media_type=body["media_type"], total_bytes=body["total_bytes"]
        )
        return FakeResponse(
            200, {"data": {"id": media_id, "media_key": f"13_{media_id}", "expires_after_secs": 1295999}}
        )

    def _append(self, media_id: str, fields: dict[str, bytes]) -> FakeResponse:
        self.media[media_id]["segments"][int(fields["segment_index"])] = fields["media"]
        return FakeResponse(204)

    def _finalize(self, media_id: str) -> FakeResponse:
        media = self.media[media_id]
        data = b"".join(media["segments"][index] for index in sorted(media["segments"]))
        if len(data) != media["total_bytes"]:
            return FakeResponse(
                400, x_problem(400, "Invalid Request", "segments do not add up to total_bytes")
            )
        media["data"] = data
        return FakeResponse(200, {"data": {"id": media_id, "processing_info": self._processing(media)}})

    def _status(self, media_id: str) -> FakeResponse:
        media = self.media[media_id]
        media["polls"] -= 1
        return FakeResponse(200, {"data": {"id": media_id, "processing_info": self._processing(media)}})

    @staticmethod
    def _processing(media: dict[str, Any]) -> dict[str, Any]:
        if media["polls"] > 0:
            return {"state": "pending", "check_after_secs": 1}
        return {"state": "succeeded", "progress_percent": 100}


def restli_error(status: int, message: str, code: str | None = None, **extra: Any) -> dict[str, Any]:
    """Return a LinkedIn Rest.li error body."""
    body: dict[str, Any] = {"status": status, "message": message, **extra}
    if code:
        body["code"] = code
    return body


_LITTLE_KEPT = re.compile(
    r"\\(?P<escaped>.)|(?P<url>https?://\S+)|(?P<hashtag>#\w+)|(?P<mention>@\[[^\]]+\]\(urn:li:[^)]+\))",
    re.DOTALL,
)


def little_visible_text(commentary: str) -> str:
    """Return what LinkedIn shows for ``commentary``: cut before the first unescaped reserved character."""
    shown: list[str] = []
    position = 0
    while position < len(commentary):
        match = _LITTLE_KEPT.match(commentary, position)
        if match is not None:
            shown.append(match["escaped"] if match["escaped"] is not None else match.group())
            position = match.end()
        elif commentary[position] in "\\|{}@[]()<>#*_~":
            break
        else:
            shown.append(commentary[position])
            position += 1
    return "".join(shown)


class FakeLinkedInServer(FakeServer):
    """Speak LinkedIn's versioned Posts API for organisation pages and its OAuth endpoints.

    ``posts`` holds every created post (urn, author, commentary as sent, and
    ``visible``: what LinkedIn would display, truncated at the first unescaped
    reserved character as the real API silently does).
    """

    organization = "urn:li:organization:123456"
    active_versions = ("202610",)

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.posts: list[dict[str, Any]] = []
        self._ids = itertools.count(7_100_000_000_000_000_001)

    def account(self, platform: str = "linkedin", external_id: str = "", **overrides: Any) -> Account:
        """Return a LinkedIn account for this server's organisation page."""
        return super().account(platform, external_id or self.organization, **overrides)

    def route(self, request: RecordedRequest) -> FakeResponse:
        if request.path == "/oauth/v2/accessToken":
            return self.token_endpoint(request)
        if not self.authorized(request):
            return FakeResponse(
                401, restli_error(401, "Invalid access token", "INVALID_ACCESS_TOKEN", serviceErrorCode=65600)
            )
        version = request.headers.get("linkedin-version", "")
        if version not in self.active_versions or request.headers.get("x-restli-protocol-version") != "2.0.0":
            return FakeResponse(
                426, restli_error(426, f"Requested version {version} is not active", "NONEXISTENT_VERSION")
            )
        if (request.method, request.path) == ("POST", "/rest/posts"):
            return self._create_post(request.json())
        if (request.method, request.path) == ("GET", "/rest/posts"):
            return self._find_by_author(request.query)
        if request.path == "/rest/organizationalEntityShareStatistics":
            return self._statistics(request.query)
        return FakeResponse(404, restli_error(404, f"No route {request.method} {request.path}"))

    def _create_post(self, body: dict[str, Any]) -> FakeResponse:
        for required in ("author", "commentary", "visibility", "distribution", "lifecycleState"):
            if required not in body:
                message = f"ERROR :: /{required} :: field is required but not found and has no default value"
                return FakeResponse(422, restli_error(422, message))
        visible = little_visible_text(body["commentary"])
        if len(visible) > 3000:
            description = f"ShareCommentary text length ({len(visible)} characters) exceeded the maximum allowed (3000 characters)"
            details = {
                "inputErrors": [
                    {
                        "description": description,
                        "input": {"inputPath": {"fieldPath": "commentary"}},
                        "code": "FIELD_ARRAY_SIZE_TOO_HIGH",
                        "maxLength": 3000,
                    }
                ]
            }
            return FakeResponse(
                422,
                restli_error(
                    422,
                    description,
                    errorDetailType="com.linkedin.common.error.BadRequest",
                    errorDetails=details,
                ),
            )
        urn = f"urn:li:share:{next(self._ids)}"
        with self.lock:
            self.posts.append(
                {
                    "urn": urn,
                    "author": body["author"],
                    "commentary": body["commentary"],
                    "visible": visible,
                    "created_at": _now(),
                }
            )
        return FakeResponse(201, None, {"x-restli-id": urn})

    def _find_by_author(self, query: dict[str, str]) -> FakeResponse:
        with self.lock:
            posts = [post for post in reversed(self.posts) if post["author"] == query.get("author")]
        elements = [
            {
                "id": p["urn"],
                "author": p["author"],
                "commentary": p["commentary"],
                "createdAt": int(p["created_at"].timestamp() * 1000),
                "lifecycleState": "PUBLISHED",
            }
            for p in posts[: int(query.get("count", 10))]
        ]
        return FakeResponse(200, {"elements": elements, "paging": {"start": 0, "count": len(elements)}})

    def _statistics(self, query: dict[str, str]) -> FakeResponse:
        urns = query.get("shares", "List()")[5:-1].split(",")
        stats = {
            "impressionCount": 1200,
            "uniqueImpressionsCount": 900,
            "clickCount": 30,
            "likeCount": 40,
            "commentCount": 5,
            "shareCount": 3,
            "engagement": 0.065,
        }
        elements = [
            {
                "organizationalEntity": query["organizationalEntity"],
                "share": urn,
                "totalShareStatistics": stats,
            }
            for urn in urns
            if urn
        ]
        return FakeResponse(200, {"elements": elements})


def google_error(status: int, reason: str, message: str, domain: str = "youtube.video") -> dict[str, Any]:
    """Return a Google API error body."""
    return {
        "error": {
            "code": status,
            "message": message,
            "errors": [{"domain": domain, "reason": reason, "message": message}],
        }
    }


class FakeYouTubeServer(FakeServer):
    """Speak the YouTube Data API v3 resumable upload protocol, list endpoints and Google's token endpoint.

    ``videos`` holds every completed upload (id, snippet, status, data).
    ``interrupt_next_chunk(keep)`` makes the next chunk PUT store only ``keep``
    bytes and answer 503, as a dropped upload would.
    """

    channel_id = "UC_fake_channel"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.videos: list[dict[str, Any]] = []
        self.sessions: dict[str, dict[str, Any]] = {}
        self.interrupt_keep: int | None = None
        self._ids = itertools.count(1)

    def account(self, platform: str = "youtube", external_id: str = "", **overrides: Any) -> Account:
        """Return a YouTube account for this server's channel."""
        return super().account(platform, external_id or self.channel_id, **overrides)

    def interrupt_next_chunk(self, keep: int) -> None:
        """Store only the first ``keep`` bytes of the next chunk, then answer 503."""
        with self.lock:
            self.interrupt_keep = keep

    def route(self, request: RecordedRequest) -> FakeResponse:
        if request.path == "/token":
            return self.token_endpoint(request)
        if not self.authorized(request):
            return FakeResponse(401, google_error(401, "authError", "Invalid Credentials", "global"))
        if (request.method, request.path) == ("POST", "/upload/youtube/v3/videos"):
            return self._open_session(request)
        if (request.method, request.path) == ("PUT", "/upload/youtube/v3/videos"):
            return self._receive(request)
        if request.path == "/youtube/v3/videos":
            ids = request.query["id"].split(",")
            items = [
                {"id": v["id"], "statistics": {"viewCount": "42", "likeCount": "5", "commentCount": "2"}}
                for v in self.videos
                if v["id"] in ids
            ]
            return FakeResponse(200, {"items": items})
        if request.path == "/youtube/v3/channels":
            details = {"relatedPlaylists": {"uploads": "UU_fake_channel"}}
            return FakeResponse(200, {"items": [{"id": self.channel_id, "contentDetails": details}]})
        if request.path == "/youtube/v3/playlistItems":
            items = [
                {
                    "snippet": {
                        "title": v["snippet"]["title"],
                        "publishedAt": v["created_at"].strftime("%Y-%m-%dT%H:%M:%SZ"),
                        "resourceId": {"kind": "youtube#video", "videoId": v["id"]},
                    }
                }
                for v in reversed(self.videos)
            ]
            return FakeResponse(200, {"items": items})
        return FakeResponse(404, google_error(404, "notFound", f"no route {request.method} {request.path}"))

    def _open_session(self, request: RecordedRequest) -> FakeResponse:
        metadata = request.json()
        title = metadata.get("snippet", {}).get("title", "")
        if not title or len(title) > 100 or "<" in title or ">" in title:
            return FakeResponse(
                400,
                google_error(400, "invalidTitle", "The request metadata specifies an invalid video title."),
            )
        status = metadata.get("status", {})
        if "publishAt" in status and status.get("privacyStatus") != "private":
            return FakeResponse(
                400,
                google_error(
                    400,
                    "invalidPublishAt",
                    "The request metadata specifies an invalid scheduled publishing time.",
                ),
            )
        upload_id = f"upload-{next(self._ids)}"
        with self.lock:
            self.sessions[upload_id] = {
                "metadata": metadata,
                "total": int(request.headers["x-upload-content-length"]),
                "data": bytearray(),
            }
        return FakeResponse(
            200,
            None,
            {"Location": f"{self.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id={upload_id}"},
        )

    def _receive(self, request: RecordedRequest) -> FakeResponse:
        session = self.sessions.get(request.query.get("upload_id", ""))
        if session is None:
            return FakeResponse(404, google_error(404, "notFound", "Upload session not found"))
        content_range = request.headers["content-range"].removeprefix("bytes ")
        if not content_range.startswith("*"):
            start = int(content_range.split("-")[0])
            chunk = request.body
            with self.lock:
                keep, self.interrupt_keep = self.interrupt_keep, None
            if start == len(session["data"]):
                session["data"].extend(chunk if keep is None else chunk[:keep])
            if keep is not None:
                return FakeResponse(503, google_error(503, "backendError", "Backend Error", "global"))
        return self._progress(session)

    def _progress(self, session: dict[str, Any]) -> FakeResponse:
        received = len(session["data"])
        if received < session["total"]:
            return FakeResponse(308, None, {"Range": f"bytes=0-{received - 1}"} if received else {})
        if "video" not in session:
            video_id = f"vid{next(self._ids):08d}"
            session["video"] = {"kind": "youtube#video", "id": video_id, **session["metadata"]}
            with self.lock:
                self.videos.append(
                    {
                        "id": video_id,
                        "data": bytes(session["data"]),
                        "created_at": _now(),
                        **session["metadata"],
                    }
                )
        return FakeResponse(200, session["video"])
