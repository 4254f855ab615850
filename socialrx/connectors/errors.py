"""Typed connector errors: each one tells the publishing worker what to do next.

Connectors raise only these. The worker maps them to an action:

- ``Retryable``: try again later with back-off (5xx, time-outs, dropped connections).
- ``RateLimited``: wait until ``reset_at``, then try again.
- ``RejectedContent``: the platform refused this content; a human must edit it.
- ``ReauthRequired``: the stored tokens no longer work; a human must reconnect.
- ``Disconnected``: the account cannot publish at all (role revoked, app not
  approved, API version retired); an administrator must fix the channel.

Every error carries ``posted_ids``: the platform ids already created in this call
(for example the first parts of a thread) so a retry resumes rather than repeats.
"""

from __future__ import annotations

from datetime import datetime


class ConnectorError(Exception):
    """Base class of every error a connector raises."""

    def __init__(self, message: str, *, posted_ids: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.posted_ids = posted_ids


class Retryable(ConnectorError):
    """A transient failure: the same request may succeed later."""


class RateLimited(ConnectorError):
    """The platform throttled us; nothing should be sent before ``reset_at``."""

    def __init__(self, reset_at: datetime, message: str, *, posted_ids: tuple[str, ...] = ()) -> None:
        if reset_at.tzinfo is None:
            raise ValueError("reset_at must be timezone-aware")
        super().__init__(message, posted_ids=posted_ids)
        self.reset_at = reset_at


class RejectedContent(ConnectorError):
    """The platform refused the content itself (duplicate, policy, invalid field)."""

    def __init__(
        self, message: str, platform_code: str | None = None, *, posted_ids: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, posted_ids=posted_ids)
        self.platform_code = platform_code


class ReauthRequired(ConnectorError):
    """The access token is invalid and could not be refreshed; reconnect the account."""


class Disconnected(ConnectorError):
    """The account is connected but may not publish; an administrator must fix the channel."""
