"""The LinkedIn connector against a local server speaking the versioned Posts API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from socialrx.connectors.base import Account, PublishRequest, posted_ids_in
from socialrx.connectors.errors import Disconnected, RateLimited, ReauthRequired, RejectedContent, Retryable
from socialrx.connectors.linkedin import LinkedInConnector
from socialrx.connectors.oauth import OAuthApp
from socialrx.core.platforms.linkedin import little_commentary
from tests.connectors.fakes import FakeLinkedInServer, restli_error

APP = OAuthApp(
    client_id="li-client", client_secret="li-secret", redirect_uri="https://socialrx.test/oauth/linkedin"
)
NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)


def connector(**options: object) -> LinkedInConnector:
    settings: dict = {"timeout": 2.0, **options}
    return LinkedInConnector(APP, **settings)


def request(server: FakeLinkedInServer, text: str) -> PublishRequest:
    return PublishRequest(idempotency_key="job-7", account=server.account(), text=text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Knee pain (ACL) update", r"Knee pain \(ACL\) update"),
        ("C:\\path", "C:\\\\path"),
        ("#Dermatology", "#Dermatology"),
        ("Price #1", r"Price \#1"),
        ("email me@x.org", r"email me\@x.org"),
        ("https://ex.com/?utm_source=li", "https://ex.com/?utm_source=li"),
        ("(see https://ex.com/a_b).", r"\(see https://ex.com/a_b\)."),
        ("Read <https://ex.com/x>", "Read https://ex.com/x"),
        (
            "@[Mayo Clinic](urn:li:organization:1) *new* ~ {x} | [y]",
            r"@[Mayo Clinic](urn:li:organization:1) \*new\* \~ \{x\} \| \[y\]",
        ),
    ],
)
def test_little_text_escaping(text: str, escaped: str) -> None:
    """Reserved characters get a backslash; URLs, hashtags with a letter and mentions are kept."""
    assert little_commentary(text).text == escaped


def test_publish_sends_versioned_org_post(linkedin_server: FakeLinkedInServer) -> None:
    """The post is created with both version headers and its URN comes from x-restli-id."""
    text = "Knee pain (ACL) update: 3 tips_for #Recovery — https://ex.org/?utm_source=linkedin"
    result = connector().publish(request(linkedin_server, text))
    [post] = linkedin_server.posts
    assert (
        result.platform_post_id == post["urn"]
        and result.url == f"https://www.linkedin.com/feed/update/{post['urn']}/"
    )
    assert post["visible"] == text
    sent = linkedin_server.requests_to("/rest/posts", "POST")[0]
    assert sent.headers["linkedin-version"] == "202610"
    assert sent.headers["x-restli-protocol-version"] == "2.0.0"
    assert sent.json()["author"] == "urn:li:organization:123456"
    assert sent.json()["distribution"]["feedDistribution"] == "MAIN_FEED"


def test_rate_limit_waits_for_utc_midnight(linkedin_server: FakeLinkedInServer) -> None:
    """A 429 (no headers from LinkedIn) means wait until the next midnight UTC."""
    linkedin_server.fail_next(
        "/rest/posts", 429, restli_error(429, "Resource level throttle APPLICATION DAY limit reached")
    )
    with pytest.raises(RateLimited) as failure:
        connector(clock=lambda: NOW).publish(request(linkedin_server, "Hello"))
    assert failure.value.reset_at == datetime(2026, 11, 25, tzinfo=UTC)


def test_server_error_and_reset_are_retryable(linkedin_server: FakeLinkedInServer) -> None:
    """5xx answers and dropped connections are Retryable."""
    linkedin_server.fail_next("/rest/posts", 504, restli_error(504, "Gateway timeout"))
    with pytest.raises(Retryable):
        connector().publish(request(linkedin_server, "Hello"))
    linkedin_server.reset_next("/rest/posts")
    with pytest.raises(Retryable):
        connector().publish(request(linkedin_server, "Hello"))
    assert linkedin_server.posts == []


def test_timeout_is_retryable(linkedin_server: FakeLinkedInServer) -> None:
    """A slow answer past the client time-out is Retryable."""
    linkedin_server.delay_next("/rest/posts", 0.6)
    with pytest.raises(Retryable):
        connector(timeout=0.2).publish(request(linkedin_server, "Hello"))


def test_expired_token_is_refreshed(linkedin_server: FakeLinkedInServer) -> None:
    """A 401 triggers one refresh (secret in the form body) and the post succeeds."""
    linkedin_server.expire_access_tokens()
    saved: list[str] = []
    connector(on_tokens_refreshed=lambda account, tokens: saved.append(tokens.access_token)).publish(
        request(linkedin_server, "Hello")
    )
    assert saved == ["access-2"] and len(linkedin_server.posts) == 1
    form = linkedin_server.requests_to("/oauth/v2/accessToken")[0].form()
    assert form["client_secret"] == "li-secret" and form["grant_type"] == "refresh_token"


def test_without_refresh_token_reauth_is_required(linkedin_server: FakeLinkedInServer) -> None:
    """A 401 on an account with no refresh token requires reconnecting."""
    linkedin_server.expire_access_tokens()
    account = linkedin_server.account(refresh_token="")
    with pytest.raises(ReauthRequired):
        connector().publish(PublishRequest(idempotency_key="k", account=account, text="Hello"))


def test_over_long_commentary_is_rejected_with_code(linkedin_server: FakeLinkedInServer) -> None:
    """LinkedIn's 422 length error becomes RejectedContent with its input-error code."""
    with pytest.raises(RejectedContent, match="exceeded the maximum allowed") as failure:
        connector().publish(request(linkedin_server, "a" * 3001))
    assert failure.value.platform_code == "FIELD_ARRAY_SIZE_TOO_HIGH"


def test_retired_version_and_forbidden_page_disconnect(linkedin_server: FakeLinkedInServer) -> None:
    """A retired LinkedIn-Version (426) and a missing page role (403) are Disconnected."""
    with pytest.raises(Disconnected, match="version"):
        connector(version="202301").publish(request(linkedin_server, "Hello"))
    linkedin_server.fail_next(
        "/rest/posts", 403, restli_error(403, "Not enough permissions", "ACCESS_DENIED")
    )
    with pytest.raises(Disconnected):
        connector().publish(request(linkedin_server, "Hello"))


def test_recent_posts_reconcile_escaped_commentary(linkedin_server: FakeLinkedInServer) -> None:
    """Posts read back are unescaped, so a crashed send is found by its text."""
    since = datetime.now(UTC) - timedelta(minutes=1)
    result = connector().publish(request(linkedin_server, "Vaccines (flu) @ 5pm"))
    remote = connector().recent_posts(linkedin_server.account(), since)
    assert [post.text for post in remote] == ["Vaccines (flu) @ 5pm"]
    assert posted_ids_in(request(linkedin_server, "Vaccines (flu) @ 5pm"), remote) == (
        result.platform_post_id,
    )


def test_fetch_metrics_reads_share_statistics(linkedin_server: FakeLinkedInServer) -> None:
    """Share statistics map to impressions, clicks, likes, comments and shares."""
    result = connector().publish(request(linkedin_server, "Hello"))
    [metrics] = connector().fetch_metrics(linkedin_server.account(), [result.platform_post_id])
    assert metrics.platform_post_id == result.platform_post_id
    assert (metrics.impressions, metrics.clicks, metrics.likes, metrics.comments, metrics.shares) == (
        1200,
        30,
        40,
        5,
        3,
    )


def test_validate_counts_visible_utf16_length() -> None:
    """Commentary over 3,000 UTF-16 units, threads and media are reported."""
    account = Account(platform="linkedin", external_id="urn:li:organization:1")
    assert connector().validate(PublishRequest("k", account, text="(" * 3000)) == []
    assert connector().validate(PublishRequest("k", account, text="😷" * 1501)) == [
        "The commentary is 3002 characters; LinkedIn allows 3000."
    ]


def test_authorization_url_and_code_exchange(linkedin_server: FakeLinkedInServer) -> None:
    """The consent URL names the organisation scopes; the code is exchanged for tokens."""
    url = connector().authorization_url(state="s1")
    assert url.startswith(
        "https://www.linkedin.com/oauth/v2/authorization?response_type=code&client_id=li-client"
    )
    assert "w_organization_social" in url and "state=s1" in url
    linkedin_server.grant_code("c1")
    assert connector().exchange_code("c1", base_url=linkedin_server.url).access_token == "access-2"


def test_publish_escapes_commentary_once(linkedin_server: FakeLinkedInServer) -> None:
    """Reserved characters reach LinkedIn with exactly one backslash, and read back as the plain text."""
    text = "Knee pain (ACL) \\ update"
    connector().publish(request(linkedin_server, text))
    [sent] = linkedin_server.requests_to("/rest/posts", "POST")
    assert sent.json()["commentary"] == r"Knee pain \(ACL\) \\ update"
    [remote] = connector().recent_posts(linkedin_server.account(), datetime.now(UTC) - timedelta(minutes=5))
    assert remote.text == text
