"""Throttle sign-ins and API token attempts with django-axes' failure counters (shared by every web process).

A failed sign-in counts against the username and the client address. A refused API token counts against
one fixed label and the client address, so guessing tokens from one address stops after a few tries.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed

API_TOKEN_LABEL = "(api token)"
_API_TOKEN_CREDENTIALS = {"username": API_TOKEN_LABEL}


def failure_limit(request, credentials: dict | None) -> int:
    """Return how many failures lock out: SOCIALRX_API_TOKEN_FAILURE_LIMIT for tokens, else the sign-in limit."""
    if credentials and credentials.get("username") == API_TOKEN_LABEL:
        return settings.API_TOKEN_FAILURE_LIMIT
    return settings.LOGIN_FAILURE_LIMIT


def token_attempts_allowed(request) -> bool:
    """Return whether this client may try an API token now (it is not locked out)."""
    return AxesProxyHandler.is_allowed(request, _API_TOKEN_CREDENTIALS)


def record_token_failure(request) -> None:
    """Count and log a refused API token for this client (the token itself is never recorded)."""
    user_login_failed.send(sender=__name__, credentials=_API_TOKEN_CREDENTIALS, request=request)
