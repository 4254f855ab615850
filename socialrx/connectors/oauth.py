"""OAuth 2.0 authorisation-code flow with PKCE (RFC 6749, RFC 7636) for the connectors."""

from __future__ import annotations

import base64
import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import urlencode

import httpx

from socialrx.connectors._http import json_body, send_or_retry
from socialrx.connectors.base import OAuthTokens
from socialrx.connectors.errors import RateLimited, ReauthRequired, Retryable


@dataclass(frozen=True)
class OAuthApp:
    """Our registered application on a platform."""

    client_id: str
    client_secret: str = field(default="", repr=False)
    redirect_uri: str = ""
    scopes: tuple[str, ...] = ()


@dataclass(frozen=True)
class OAuthEndpoints:
    """Where a platform authorises users and issues tokens.

    ``secret_in_basic_auth`` sends the client secret as HTTP Basic credentials
    (X's confidential clients) instead of in the form body (LinkedIn, Google).
    """

    authorize_url: str
    token_url: str
    secret_in_basic_auth: bool = False


@dataclass(frozen=True)
class PkcePair:
    """A PKCE code verifier and its S256 challenge."""

    verifier: str = field(repr=False)
    challenge: str
    method: str = "S256"


def pkce_challenge(verifier: str) -> str:
    """Return the S256 code challenge of ``verifier``: base64url(sha256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce_pair() -> PkcePair:
    """Return a fresh verifier (43 characters from 32 random bytes) and its challenge."""
    verifier = secrets.token_urlsafe(32)
    return PkcePair(verifier=verifier, challenge=pkce_challenge(verifier))


def new_state() -> str:
    """Return an unguessable ``state`` value to bind a callback to its request."""
    return secrets.token_urlsafe(24)


def authorization_url(
    endpoints: OAuthEndpoints,
    app: OAuthApp,
    *,
    state: str,
    default_scopes: Sequence[str],
    pkce: PkcePair | None = None,
    extra_params: dict[str, str] | None = None,
) -> str:
    """Return the URL that sends the user to the platform's consent screen.

    The app's own scopes win; ``default_scopes`` are what the connector needs.
    """
    params = {
        "response_type": "code",
        "client_id": app.client_id,
        "redirect_uri": app.redirect_uri,
        "scope": " ".join(app.scopes or default_scopes),
        "state": state,
    }
    if pkce is not None:
        params["code_challenge"] = pkce.challenge
        params["code_challenge_method"] = pkce.method
    params.update(extra_params or {})
    return f"{endpoints.authorize_url}?{urlencode(params)}"


def exchange_code(
    client: httpx.Client,
    endpoints: OAuthEndpoints,
    app: OAuthApp,
    *,
    code: str,
    now: datetime,
    pkce_verifier: str | None = None,
) -> OAuthTokens:
    """Exchange an authorisation code (and the PKCE verifier) for tokens."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": app.redirect_uri}
    if pkce_verifier is not None:
        form["code_verifier"] = pkce_verifier
    return _request_tokens(client, endpoints, app, form, now=now)


def refresh_tokens(
    client: httpx.Client, endpoints: OAuthEndpoints, app: OAuthApp, *, refresh_token: str, now: datetime
) -> OAuthTokens:
    """Exchange a refresh token for new tokens (``grant_type=refresh_token``)."""
    form = {"grant_type": "refresh_token", "refresh_token": refresh_token}
    return _request_tokens(client, endpoints, app, form, now=now)


def _request_tokens(
    client: httpx.Client, endpoints: OAuthEndpoints, app: OAuthApp, form: dict[str, str], *, now: datetime
) -> OAuthTokens:
    form = {**form, "client_id": app.client_id}
    auth: tuple[str, str] | None = None
    if app.client_secret and endpoints.secret_in_basic_auth:
        auth = (app.client_id, app.client_secret)
    elif app.client_secret:
        form["client_secret"] = app.client_secret
    response = send_or_retry(client, "POST", endpoints.token_url, data=form, auth=auth)
    return parse_token_response(response, now=now)


def parse_token_response(response: httpx.Response, *, now: datetime) -> OAuthTokens:
    """Return the tokens of a token-endpoint response, or raise the matching connector error."""
    body = json_body(response)
    if response.status_code == 429:
        raise RateLimited(now + timedelta(minutes=15), "the token endpoint is throttling us (HTTP 429)")
    if response.status_code >= 500:
        raise Retryable(f"the token endpoint failed (HTTP {response.status_code})")
    if response.status_code != 200 or "access_token" not in body:
        reason = body.get("error_description") or body.get("error") or f"HTTP {response.status_code}"
        raise ReauthRequired(f"the platform refused to issue tokens: {reason}")
    expires_in = body.get("expires_in")
    return OAuthTokens(
        access_token=str(body["access_token"]),
        refresh_token=str(body.get("refresh_token", "")),
        expires_at=now + timedelta(seconds=int(expires_in)) if expires_in is not None else None,
        scope=str(body.get("scope", "")),
    )
