"""The connector interface: a small base class and the frozen values that cross it.

A connector turns one approved channel variant into one platform post (or
thread, upload, newsletter send) and reports what happened with the typed
errors of ``errors.py``. It never stores anything: refreshed tokens go back to
the caller through a ``TokenSink``, posted ids go back in results and errors.
"""

from __future__ import annotations

import html
import mimetypes
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol


@dataclass(frozen=True)
class OAuthTokens:
    """Tokens returned by an authorisation-code exchange or a refresh."""

    access_token: str = field(repr=False)
    refresh_token: str = field(default="", repr=False)
    expires_at: datetime | None = None
    scope: str = ""


@dataclass(frozen=True)
class Account:
    """A connected platform account, with its tokens, as the server stores it.

    ``external_id`` is the platform's id of what we publish as: the X user id,
    the LinkedIn organisation URN, the YouTube channel id, the newsletter's
    ``From`` address. ``base_url`` overrides the platform host (tests, proxies).
    """

    platform: str
    external_id: str
    access_token: str = field(default="", repr=False)
    refresh_token: str = field(default="", repr=False)
    expires_at: datetime | None = None
    base_url: str | None = None

    def with_tokens(self, tokens: OAuthTokens) -> Account:
        """Return this account using ``tokens``, keeping the refresh token if none was issued."""
        return replace(
            self,
            access_token=tokens.access_token,
            refresh_token=tokens.refresh_token or self.refresh_token,
            expires_at=tokens.expires_at,
        )


@dataclass(frozen=True)
class MediaFile:
    """A local media file to attach, with its alt text."""

    path: Path
    alt_text: str = ""
    mime_type: str = ""

    @property
    def content_type(self) -> str:
        """Return the declared MIME type, or the one guessed from the file name."""
        guessed, _ = mimetypes.guess_type(self.path.name)
        return self.mime_type or guessed or "application/octet-stream"

    @property
    def is_video(self) -> bool:
        """Return whether the file is a video."""
        return self.content_type.startswith("video/")


@dataclass(frozen=True)
class Recipient:
    """A newsletter recipient and the caller-issued token of their unsubscribe link."""

    email: str
    unsubscribe_token: str = field(repr=False)


@dataclass(frozen=True)
class PublishRequest:
    """Exactly what to publish for one channel variant of one approved revision.

    ``idempotency_key`` is stored before the call and identifies this send.
    ``commentary`` is LinkedIn text already escaped for the Posts API (sent as is; ``text``
    holds what readers see). ``already_posted_ids`` are ids created by an earlier, interrupted attempt
    (thread parts, newsletter messages); the connector continues after them.
    """

    idempotency_key: str
    account: Account
    text: str = ""
    thread_parts: tuple[str, ...] = ()
    commentary: str = ""
    title: str = ""
    description: str = ""
    tags: tuple[str, ...] = ()
    media: tuple[MediaFile, ...] = ()
    html: str = ""
    recipients: tuple[Recipient, ...] = ()
    publish_at: datetime | None = None
    already_posted_ids: tuple[str, ...] = ()

    @property
    def parts(self) -> tuple[str, ...]:
        """Return the texts to post in order: the thread parts, or the single text."""
        if self.thread_parts:
            return self.thread_parts
        return (self.text,) if self.text else ()


@dataclass(frozen=True)
class ManualTask:
    """Copy-ready content and steps for a human to publish on a channel without an API."""

    copy_text: str
    checklist: tuple[str, ...]
    destination_url: str


@dataclass(frozen=True)
class PublishResult:
    """What the platform created. ``posted_ids`` lists every id created, in order."""

    platform_post_id: str
    url: str = ""
    posted_ids: tuple[str, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)
    manual_task: ManualTask | None = None


@dataclass(frozen=True)
class PostMetrics:
    """Engagement counts of one post at ``fetched_at``; ``None`` means not reported."""

    platform_post_id: str
    fetched_at: datetime
    impressions: int | None = None
    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    clicks: int | None = None
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class RemotePost:
    """A post read back from the platform, used to reconcile an interrupted send.

    ``text`` is the plain text (platform escaping undone); ``marker`` is our
    idempotency key where the platform keeps one (sandbox, newsletter).
    """

    platform_post_id: str
    text: str
    created_at: datetime | None = None
    url: str = ""
    marker: str = ""


TokenSink = Callable[[Account, OAuthTokens], None]
"""Called with the new tokens whenever a connector refreshes an account's access."""


class TokenRefresher(Protocol):
    """A connector that can refresh an account's tokens (the server persists them)."""

    def refresh_tokens(self, account: Account) -> OAuthTokens:
        """Exchange the account's refresh token for new tokens."""
        ...


class Connector:
    """Publish to one platform. Subclasses set ``key`` and the capability flags."""

    key: str = ""

    supports_threads: bool = False
    """Whether ``publish`` posts ``thread_parts`` as a chain of replies."""

    supports_media: bool = False
    """Whether ``publish`` uploads ``media`` files."""

    supports_scheduling: bool = False
    """Whether the platform itself holds the post until ``publish_at`` (else the worker waits)."""

    manual: bool = False
    """Whether a human publishes: ``publish`` does no I/O and returns a ``ManualTask``."""

    def validate(self, request: PublishRequest) -> list[str]:
        """Return the problems that would make the platform refuse ``request`` (empty if none)."""
        raise NotImplementedError

    def publish(self, request: PublishRequest) -> PublishResult:
        """Publish ``request`` once and return what was created."""
        raise NotImplementedError

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return the current metrics of ``post_ids``."""
        raise NotImplementedError

    def recent_posts(self, account: Account, since: datetime) -> list[RemotePost]:
        """Return the account's posts created at or after ``since``, newest first."""
        raise NotImplementedError


_URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)+/\S*", re.IGNORECASE)


def comparable_text(text: str) -> str:
    """Return ``text`` normalised for matching: entities decoded, links and spacing ignored.

    Platforms rewrite links (X's t.co) and entity-encode ``&``, so equal posts
    are compared without them.
    """
    unescaped = html.unescape(text)
    without_links = _URL.sub("<link>", unescaped)
    return " ".join(without_links.split()).casefold()


def posted_ids_in(request: PublishRequest, posts: Sequence[RemotePost]) -> tuple[str, ...]:
    """Return the ids of ``request``'s parts already on the platform, in thread order.

    Use it after a crash: an empty result means nothing was posted; a partial
    one goes into ``already_posted_ids`` to resume. A post carrying our marker
    counts as the whole request.
    """
    oldest_first = sorted(posts, key=lambda post: post.created_at.timestamp() if post.created_at else 0.0)
    marked = [post.platform_post_id for post in oldest_first if post.marker == request.idempotency_key]
    if marked:
        return tuple(marked)
    wanted = request.parts or ((request.title,) if request.title else ())
    used: set[str] = set()
    found: list[str] = []
    for part in wanted:
        match = next(
            (
                post
                for post in oldest_first
                if post.platform_post_id not in used and comparable_text(post.text) == comparable_text(part)
            ),
            None,
        )
        if match is None:
            break
        used.add(match.platform_post_id)
        found.append(match.platform_post_id)
    return tuple(found)
