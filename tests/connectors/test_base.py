"""Shared connector values: reconciliation matching, typed errors, token handling."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from socialrx.connectors.base import Account, OAuthTokens, PublishRequest, RemotePost, posted_ids_in
from socialrx.connectors.errors import RateLimited

ACCOUNT = Account(platform="x", external_id="1", access_token="secret-token", refresh_token="secret-refresh")
T0 = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def test_platform_rewritten_links_and_entities_still_match() -> None:
    """A post whose link became t.co and whose & became &amp; is recognised as ours."""
    request = PublishRequest(
        "k", ACCOUNT, thread_parts=("Flu & you: https://clinic.example/flu?utm_source=x", "Part two")
    )
    remote = [
        RemotePost("2", "Part two", T0 + timedelta(seconds=1)),
        RemotePost("1", "Flu &amp; you: https://t.co/abc123", T0),
        RemotePost("0", "Something older", T0 - timedelta(days=1)),
    ]
    assert posted_ids_in(request, remote) == ("1", "2")


def test_half_posted_thread_returns_the_prefix() -> None:
    """Only the parts found in order are returned, so the retry resumes after them."""
    request = PublishRequest("k", ACCOUNT, thread_parts=("a", "b", "c"))
    assert posted_ids_in(request, [RemotePost("9", "c", T0), RemotePost("8", "a", T0)]) == ("8",)
    assert posted_ids_in(request, []) == ()


def test_tokens_never_appear_in_repr() -> None:
    """Account and token reprs leave secrets out, so logs cannot leak them."""
    tokens = OAuthTokens(access_token="new-secret", refresh_token="new-refresh")
    assert "secret" not in repr(ACCOUNT) and "secret" not in repr(tokens)
    assert ACCOUNT.with_tokens(OAuthTokens("fresh")).refresh_token == "secret-refresh"


def test_rate_limited_needs_an_aware_reset_time() -> None:
    """RateLimited refuses a naive reset time."""
    with pytest.raises(ValueError, match="timezone-aware"):
        RateLimited(datetime(2026, 1, 1), "naive")  # noqa: DTZ001
