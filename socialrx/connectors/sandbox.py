"""The sandbox connector: the default, which records what would have been sent instead of sending.

Like Django's locmem mail backend, every send lands in the module-level
``outbox`` (visible in the UI and in tests). Ids are deterministic (derived
from the idempotency key), so a repeated send yields the same ids. Failures can
be injected for tests with ``fail_next``.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from socialrx.connectors._http import Clock, utc_now
from socialrx.connectors.base import (
    Account,
    Connector,
    PostMetrics,
    PublishRequest,
    PublishResult,
    RemotePost,
)
from socialrx.connectors.errors import ConnectorError


@dataclass(frozen=True)
class SentPost:
    """One post (or thread part) the sandbox recorded instead of sending."""

    platform: str
    account_id: str
    idempotency_key: str
    post_id: str
    text: str
    reply_to: str | None
    request: PublishRequest
    sent_at: datetime


@dataclass
class _InjectedFailure:
    platform: str
    error: ConnectorError
    times: int
    after: int


outbox: list[SentPost] = []
"""Every post the sandbox recorded, oldest first."""

_failures: list[_InjectedFailure] = []
_lock = threading.Lock()


def fail_next(platform: str, error: ConnectorError, *, times: int = 1, after: int = 0) -> None:
    """Make the next ``times`` sends to ``platform`` (after ``after`` successful ones) raise ``error``.

    A thread part counts as one send, so ``after=1`` fails a thread at part 2.
    """
    with _lock:
        _failures.append(_InjectedFailure(platform, error, times, after))


def reset() -> None:
    """Empty the outbox and forget injected failures."""
    with _lock:
        outbox.clear()
        _failures.clear()


def take_sent(idempotency_key: str) -> list[SentPost]:
    """Remove and return the outbox records of one send (a long-running worker persists and drops them)."""
    with _lock:
        taken = [sent for sent in outbox if sent.idempotency_key == idempotency_key]
        outbox[:] = [sent for sent in outbox if sent.idempotency_key != idempotency_key]
    return taken


def _injected_failure(platform: str) -> ConnectorError | None:
    with _lock:
        for failure in _failures:
            if failure.platform != platform:
                continue
            if failure.after > 0:
                failure.after -= 1
                return None
            failure.times -= 1
            if failure.times <= 0:
                _failures.remove(failure)
            return failure.error
    return None


class SandboxConnector(Connector):
    """Stand in for ``real``: same key, capabilities and validation; records instead of sending."""

    def __init__(self, real: Connector, *, clock: Clock = utc_now) -> None:
        self.real = real
        self.clock = clock
        self.key = real.key
        self.supports_threads = real.supports_threads
        self.supports_media = real.supports_media
        self.supports_scheduling = real.supports_scheduling
        self.manual = real.manual

    def validate(self, request: PublishRequest) -> list[str]:
        """Return the real connector's problems."""
        return self.real.validate(request)

    def publish(self, request: PublishRequest) -> PublishResult:
        """Record each part in the outbox, continuing after ``already_posted_ids``."""
        parts = request.parts or (request.title,)
        if not self.supports_threads:
            parts = parts[:1]
        posted = list(request.already_posted_ids)
        for index in range(len(posted), len(parts)):
            error = _injected_failure(self.key)
            if error is not None:
                error.posted_ids = tuple(posted)
                raise error
            post_id = sandbox_id(self.key, request.idempotency_key, index)
            sent = SentPost(
                platform=self.key,
                account_id=request.account.external_id,
                idempotency_key=request.idempotency_key,
                post_id=post_id,
                text=parts[index],
                reply_to=posted[-1] if posted else None,
                request=request,
                sent_at=self.clock(),
            )
            with _lock:
                outbox.append(sent)
            posted.append(post_id)
        return PublishResult(
            platform_post_id=posted[0],
            url=f"sandbox://{self.key}/{posted[0]}",
            posted_ids=tuple(posted),
            raw={"sandbox": True},
        )

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return deterministic made-up metrics derived from each id (stable across calls)."""
        return [_fake_metrics(post_id, self.clock()) for post_id in post_ids]

    def recent_posts(self, account: Account, since: datetime) -> list[RemotePost]:
        """Return the account's recorded posts since ``since``, newest first, marked with their key."""
        with _lock:
            mine = [s for s in outbox if s.platform == self.key and s.account_id == account.external_id]
        return [
            RemotePost(
                s.post_id, s.text, s.sent_at, f"sandbox://{self.key}/{s.post_id}", marker=s.idempotency_key
            )
            for s in reversed(mine)
            if s.sent_at >= since
        ]


def sandbox_id(platform: str, idempotency_key: str, index: int) -> str:
    """Return the deterministic sandbox id of part ``index`` of a send."""
    digest = hashlib.sha256(f"{platform}:{idempotency_key}:{index}".encode()).hexdigest()[:16]
    return f"sandbox-{platform}-{digest}"


def _fake_metrics(post_id: str, now: datetime) -> PostMetrics:
    seed = int(hashlib.sha256(post_id.encode()).hexdigest()[:12], 16)
    impressions = 200 + seed % 4800
    likes = impressions * (1 + seed % 5) // 100
    return PostMetrics(
        platform_post_id=post_id,
        fetched_at=now,
        impressions=impressions,
        views=impressions,
        likes=likes,
        comments=likes // 6,
        shares=likes // 4,
        clicks=impressions * (1 + seed % 3) // 100,
        raw={"sandbox": True},
    )
