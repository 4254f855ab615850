"""YouTube Data API quota: per-method costs in config and a ledger of units spent per Pacific day."""

from __future__ import annotations

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType
from typing import Any
from zoneinfo import ZoneInfo

from socialrx.connectors._http import next_midnight
from socialrx.connectors.errors import RateLimited

PACIFIC = ZoneInfo("America/Los_Angeles")
"""YouTube quotas reset at midnight Pacific Time."""

SHARED_BUCKET = "units"


@dataclass(frozen=True)
class QuotaPolicy:
    """What each API method costs and which daily bucket it draws from.

    Methods not in ``buckets`` draw from the shared ``units`` bucket; methods not
    in ``costs`` cost 1 unit (invalid requests still cost at least 1).
    """

    costs: Mapping[str, int]
    limits: Mapping[str, int]
    buckets: Mapping[str, str] = field(default_factory=dict)

    def bucket(self, method: str) -> str:
        """Return the bucket ``method`` draws from."""
        return self.buckets.get(method, SHARED_BUCKET)

    def cost(self, method: str) -> int:
        """Return the units one call of ``method`` costs."""
        return self.costs.get(method, 1)


_LIST_AND_WRITE_COSTS = {
    "videos.list": 1,
    "channels.list": 1,
    "playlistItems.list": 1,
    "videos.update": 50,
    "videos.delete": 50,
    "captions.insert": 400,
    "captions.update": 450,
}

CURRENT_POLICY = QuotaPolicy(
    costs=MappingProxyType({**_LIST_AND_WRITE_COSTS, "videos.insert": 1, "search.list": 1}),
    limits=MappingProxyType({SHARED_BUCKET: 10_000, "videos.insert": 100, "search.list": 100}),
    buckets=MappingProxyType({"videos.insert": "videos.insert", "search.list": "search.list"}),
)
"""Today's documented default: own buckets of 100 calls for inserts and searches, 10,000 units for the rest."""

LEGACY_POLICY = QuotaPolicy(
    costs=MappingProxyType({**_LIST_AND_WRITE_COSTS, "videos.insert": 1600, "search.list": 100}),
    limits=MappingProxyType({SHARED_BUCKET: 10_000}),
)
"""The older table: one 10,000-unit bucket, 1,600 units per upload (projects still on it)."""


class QuotaLedger:
    """Units spent per bucket on the current Pacific day; the server persists ``to_dict()``.

    ``charge`` is called before each API call and refuses, with ``RateLimited``
    until the next Pacific midnight, any call that would exceed a bucket.
    """

    def __init__(
        self,
        policy: QuotaPolicy = CURRENT_POLICY,
        *,
        day: date | None = None,
        used: Mapping[str, int] | None = None,
    ) -> None:
        self.policy = policy
        self.day = day
        self.used: dict[str, int] = dict(used or {})
        self._lock = threading.Lock()

    def charge(self, method: str, now: datetime) -> None:
        """Record one call of ``method``, or raise ``RateLimited`` if its bucket cannot afford it."""
        bucket, cost = self.policy.bucket(method), self.policy.cost(method)
        with self._lock:
            self._roll_over(now)
            limit = self.policy.limits.get(bucket)
            if limit is not None and self.used.get(bucket, 0) + cost > limit:
                raise RateLimited(
                    next_midnight(now, PACIFIC),
                    f"YouTube quota bucket {bucket!r} is spent for today ({limit})",
                )
            self.used[bucket] = self.used.get(bucket, 0) + cost

    def exhaust(self, method: str, now: datetime) -> None:
        """Mark ``method``'s bucket as spent (the platform said so) until the next Pacific midnight."""
        bucket = self.policy.bucket(method)
        with self._lock:
            self._roll_over(now)
            self.used[bucket] = self.policy.limits.get(bucket, self.used.get(bucket, 0))

    def remaining(self, bucket: str, now: datetime) -> int | None:
        """Return the units left today in ``bucket`` (``None`` if it has no limit)."""
        with self._lock:
            self._roll_over(now)
            limit = self.policy.limits.get(bucket)
            return None if limit is None else limit - self.used.get(bucket, 0)

    def to_dict(self) -> dict[str, Any]:
        """Return the ledger as JSON-ready data."""
        with self._lock:
            return {"day": self.day.isoformat() if self.day else None, "used": dict(self.used)}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], policy: QuotaPolicy = CURRENT_POLICY) -> QuotaLedger:
        """Return the ledger saved by ``to_dict``."""
        day = date.fromisoformat(data["day"]) if data.get("day") else None
        return cls(policy, day=day, used=data.get("used", {}))

    def _roll_over(self, now: datetime) -> None:
        today = now.astimezone(PACIFIC).date()
        if self.day != today:
            self.day = today
            self.used = {}
