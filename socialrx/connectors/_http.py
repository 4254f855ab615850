"""HTTP plumbing shared by the connectors: bearer sessions, refresh-on-401, clocks."""

from __future__ import annotations

import functools
import ssl
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

import httpx

from socialrx.connectors.base import Account, OAuthTokens, TokenSink
from socialrx.connectors.errors import ReauthRequired, Retryable

Clock = Callable[[], datetime]
"""Return the current timezone-aware time (injectable for tests)."""

REFRESH_MARGIN = timedelta(minutes=2)
"""Refresh an access token this long before it expires."""


@functools.cache
def shared_ssl_context() -> ssl.SSLContext:
    """Return one verifying TLS context for all clients (loading CA certificates costs ~50 ms)."""
    return httpx.create_ssl_context()


def new_client(*, timeout: float, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """Return an HTTP client sharing the process-wide TLS context."""
    return httpx.Client(timeout=timeout, transport=transport, verify=shared_ssl_context())


def utc_now() -> datetime:
    """Return the current time in UTC."""
    return datetime.now(UTC)


def next_midnight(now: datetime, zone: tzinfo) -> datetime:
    """Return the first midnight in ``zone`` strictly after ``now``."""
    local = now.astimezone(zone)
    tomorrow = (local + timedelta(days=1)).date()
    return datetime(tomorrow.year, tomorrow.month, tomorrow.day, tzinfo=zone)


def json_body(response: httpx.Response) -> dict[str, Any]:
    """Return the response's JSON object, or an empty dict if it has none."""
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


class ApiSession:
    """Send authorised requests for one account, refreshing its token once on expiry or 401.

    Transport failures (time-outs, refused or reset connections) become
    ``Retryable``; a 401 that survives a refresh becomes ``ReauthRequired``.
    Every other response is returned for the connector to interpret.
    """

    def __init__(
        self,
        client: httpx.Client,
        account: Account,
        *,
        refresh: Callable[[Account], OAuthTokens] | None,
        on_tokens_refreshed: TokenSink | None,
        clock: Clock,
        extra_headers: dict[str, str] | None = None,
    ) -> None:
        self.client = client
        self.account = account
        self._refresh = refresh
        self._on_tokens_refreshed = on_tokens_refreshed
        self._clock = clock
        self._extra_headers = extra_headers or {}
        self._refreshed = False

    def send(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        """Send one request with the account's bearer token and return the response."""
        if self._expires_soon():
            self._refresh_once("the access token has expired")
        response = self._send_raw(method, url, **kwargs)
        if response.status_code == 401:
            self._refresh_once(f"the platform refused the access token (HTTP 401 on {method} {url})")
            response = self._send_raw(method, url, **kwargs)
            if response.status_code == 401:
                raise ReauthRequired("the platform refused the refreshed access token (HTTP 401)")
        return response

    def _send_raw(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        headers = {**self._extra_headers, **kwargs.pop("headers", {})}
        headers["Authorization"] = f"Bearer {self.account.access_token}"
        return send_or_retry(self.client, method, url, headers=headers, **kwargs)

    def _expires_soon(self) -> bool:
        expires_at = self.account.expires_at
        return expires_at is not None and expires_at - REFRESH_MARGIN <= self._clock()

    def _refresh_once(self, reason: str) -> None:
        if self._refreshed or self._refresh is None or not self.account.refresh_token:
            raise ReauthRequired(f"{reason} and it cannot be refreshed; reconnect the account")
        self._refreshed = True
        tokens = self._refresh(self.account)
        self.account = self.account.with_tokens(tokens)
        if self._on_tokens_refreshed is not None:
            self._on_tokens_refreshed(self.account, tokens)


def send_or_retry(client: httpx.Client, method: str, url: str, **kwargs: Any) -> httpx.Response:
    """Send a request, turning transport failures into ``Retryable``."""
    try:
        return client.request(method, url, **kwargs)
    except httpx.TimeoutException as error:
        raise Retryable(f"{method} {url} timed out: {error}") from error
    except httpx.TransportError as error:
        raise Retryable(f"{method} {url} failed in transport: {error!r}") from error

