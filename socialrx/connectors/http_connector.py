"""The shared plumbing of connectors that call a platform's HTTP API with an OAuth app."""

from __future__ import annotations

import httpx

from socialrx.connectors import oauth
from socialrx.connectors._http import ApiSession, new_client
from socialrx.connectors.base import Account, Connector, OAuthTokens, TokenSink
from socialrx.connectors.errors import Disconnected


class HttpConnector(Connector):
    """A connector that talks to a platform over HTTP with an OAuth app (X, LinkedIn, YouTube).

    Subclasses set ``app``, ``timeout``, ``transport``, ``clock`` and ``on_tokens_refreshed``
    in ``__init__``, name the app's owner in ``oauth_provider`` and define ``endpoints(base_url)``.
    """

    oauth_provider: str = ""
    app: oauth.OAuthApp | None
    timeout: float
    transport: httpx.BaseTransport | None
    on_tokens_refreshed: TokenSink | None

    def refresh_tokens(self, account: Account) -> OAuthTokens:
        """Return new tokens for ``account`` from its refresh token (persisted by the caller)."""
        with self._client() as client:
            return oauth.refresh_tokens(
                client, self.endpoints(account.base_url), self._app(), refresh_token=account.refresh_token,
                now=self.clock(),
            )

    def _app(self) -> oauth.OAuthApp:
        if self.app is None:
            raise Disconnected(f"no {self.oauth_provider} OAuth app is configured (client id missing)")
        return self.app

    def _client(self) -> httpx.Client:
        return new_client(timeout=self.timeout, transport=self.transport)

    def _session(self, client: httpx.Client, account: Account) -> ApiSession:
        refresh = self.refresh_tokens if self.app is not None else None
        return ApiSession(
            client, account, refresh=refresh, on_tokens_refreshed=self.on_tokens_refreshed, clock=self.clock
        )
