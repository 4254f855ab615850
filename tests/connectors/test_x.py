"""The X connector against a local server speaking X API v2."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from socialrx.connectors.base import Account, MediaFile, OAuthTokens, PublishRequest, posted_ids_in
from socialrx.connectors.errors import Disconnected, RateLimited, ReauthRequired, RejectedContent, Retryable
from socialrx.connectors.oauth import OAuthApp, PkcePair, new_pkce_pair, pkce_challenge
from socialrx.connectors.x import XConnector
from tests.connectors.fakes import FakeXServer, x_problem

APP = OAuthApp(client_id="client-1", client_secret="secret-1", redirect_uri="https://socialrx.test/oauth/x")


def connector(**options: object) -> XConnector:
    settings: dict = {"timeout": 2.0, "sleep": lambda seconds: None, **options}
    return XConnector(APP, **settings)


def request(server: FakeXServer, **fields: object) -> PublishRequest:
    return PublishRequest(idempotency_key="job-1", account=server.account(), **fields)  # type: ignore[arg-type]


def test_publish_creates_one_post(x_server: FakeXServer) -> None:
    """A single text is posted once and its id and URL come back."""
    result = connector().publish(request(x_server, text="Flu shots are free this week."))
    assert [post["text"] for post in x_server.posts] == ["Flu shots are free this week."]
    assert result.platform_post_id == x_server.posts[0]["id"]
    assert result.url == f"https://x.com/i/web/status/{result.platform_post_id}"
    assert result.posted_ids == (result.platform_post_id,)


def test_thread_is_reply_chained(x_server: FakeXServer) -> None:
    """Each thread part replies to the part before it."""
    result = connector().publish(request(x_server, thread_parts=("1/3 Sleep", "2/3 Water", "3/3 Move")))
    ids = [post["id"] for post in x_server.posts]
    assert result.posted_ids == tuple(ids)
    assert [post["reply_to"] for post in x_server.posts] == [None, ids[0], ids[1]]


def test_thread_resumes_after_partial_failure(x_server: FakeXServer) -> None:
    """A thread interrupted at part 2 reports part 1's id, and the retry continues from it."""
    x_server.fail_next("/2/tweets", 503, x_problem(503, "Service Unavailable", "Over capacity"), after=1)
    parts = ("1/3 Sleep", "2/3 Water", "3/3 Move")
    with pytest.raises(Retryable) as failure:
        connector().publish(request(x_server, thread_parts=parts))
    assert failure.value.posted_ids == (x_server.posts[0]["id"],)

    result = connector().publish(
        request(x_server, thread_parts=parts, already_posted_ids=failure.value.posted_ids)
    )
    ids = [post["id"] for post in x_server.posts]
    assert [post["text"] for post in x_server.posts] == list(parts)
    assert [post["reply_to"] for post in x_server.posts] == [None, ids[0], ids[1]]
    assert result.posted_ids == tuple(ids)


def test_rate_limited_until_reset_header(x_server: FakeXServer) -> None:
    """A 429 becomes RateLimited at the x-rate-limit-reset epoch."""
    reset = int(datetime.now(UTC).timestamp()) + 600
    body = {
        "type": "https://api.x.com/2/problems/rate-limit-exceeded",
        "title": "Too Many Requests",
        "detail": "Too Many Requests",
    }
    x_server.fail_next(
        "/2/tweets",
        429,
        body,
        {"x-rate-limit-limit": "100", "x-rate-limit-remaining": "0", "x-rate-limit-reset": str(reset)},
    )
    with pytest.raises(RateLimited) as failure:
        connector().publish(request(x_server, text="Hello"))
    assert failure.value.reset_at == datetime.fromtimestamp(reset, tz=UTC)
    assert x_server.posts == []


def test_exhausted_daily_user_limit_wins(x_server: FakeXServer) -> None:
    """When the 24-hour user limit is exhausted, its reset is used."""
    now = int(datetime.now(UTC).timestamp())
    headers = {
        "x-rate-limit-reset": str(now + 60),
        "x-user-limit-24hour-remaining": "0",
        "x-user-limit-24hour-reset": str(now + 40000),
    }
    x_server.fail_next(
        "/2/tweets", 429, {"errors": [{"code": 88, "message": "Rate limit exceeded"}]}, headers
    )
    with pytest.raises(RateLimited) as failure:
        connector().publish(request(x_server, text="Hello"))
    assert failure.value.reset_at == datetime.fromtimestamp(now + 40000, tz=UTC)


@pytest.mark.parametrize("status", [500, 502, 503])
def test_server_errors_are_retryable(x_server: FakeXServer, status: int) -> None:
    """5xx answers are Retryable."""
    x_server.fail_next("/2/tweets", status, x_problem(status, "Server Error", "try later"))
    with pytest.raises(Retryable):
        connector().publish(request(x_server, text="Hello"))


def test_timeout_is_retryable_and_reconciled(x_server: FakeXServer) -> None:
    """A time-out is Retryable; the post the server still made is found by its text."""
    x_server.delay_next("/2/tweets", 0.6)
    since = datetime.now(UTC) - timedelta(seconds=1)
    with pytest.raises(Retryable):
        connector(timeout=0.2).publish(request(x_server, text="Clinic opens at 8 & closes at 6"))
    deadline = time.monotonic() + 3
    while not x_server.posts and time.monotonic() < deadline:
        time.sleep(0.05)
    remote = connector().recent_posts(x_server.account(), since)
    again = request(x_server, text="Clinic opens at 8 & closes at 6")
    assert posted_ids_in(again, remote) == (x_server.posts[0]["id"],)


def test_connection_reset_is_retryable(x_server: FakeXServer) -> None:
    """A connection reset mid-request is Retryable and posts nothing."""
    x_server.reset_next("/2/tweets")
    with pytest.raises(Retryable):
        connector().publish(request(x_server, text="Hello"))
    assert x_server.posts == []


def test_expired_token_is_refreshed_then_succeeds(x_server: FakeXServer) -> None:
    """On 401 the token is refreshed once, handed to the sink, and the post succeeds."""
    x_server.expire_access_tokens()
    saved: list[tuple[Account, OAuthTokens]] = []
    result = connector(on_tokens_refreshed=lambda account, tokens: saved.append((account, tokens))).publish(
        request(x_server, text="Hello")
    )
    assert result.platform_post_id == x_server.posts[0]["id"]
    [(account, tokens)] = saved
    assert tokens.access_token == account.access_token == "access-2"
    assert tokens.refresh_token == "refresh-2"
    refresh = x_server.requests_to("/2/oauth2/token")[0]
    assert refresh.form()["grant_type"] == "refresh_token"
    assert refresh.form()["client_id"] == "client-1"
    assert refresh.headers["authorization"].startswith("Basic ")


def test_token_past_expiry_is_refreshed_before_posting(x_server: FakeXServer) -> None:
    """A token known to be expired is refreshed before the first call."""
    account = x_server.account(expires_at=datetime.now(UTC) - timedelta(minutes=1))
    connector().publish(PublishRequest(idempotency_key="job-1", account=account, text="Hello"))
    assert [r.path for r in x_server.requests][:2] == ["/2/oauth2/token", "/2/tweets"]


def test_failed_refresh_requires_reauth(x_server: FakeXServer) -> None:
    """When the refresh token is refused too, ReauthRequired is raised."""
    x_server.expire_access_tokens()
    x_server.revoke_refresh_tokens()
    with pytest.raises(ReauthRequired):
        connector().publish(request(x_server, text="Hello"))
    assert x_server.posts == []


def test_duplicate_is_rejected_with_platform_detail(x_server: FakeXServer) -> None:
    """X's 403 duplicate-content answer becomes RejectedContent with X's detail."""
    connector().publish(request(x_server, text="Same words"))
    with pytest.raises(RejectedContent, match="duplicate content"):
        connector().publish(request(x_server, text="Same words"))


def test_forbidden_client_is_disconnected(x_server: FakeXServer) -> None:
    """A 403 client-forbidden problem means the app cannot publish: Disconnected."""
    problem = x_problem(
        403,
        "Client Forbidden",
        "This request must be made using an approved developer account",
        "https://api.x.com/2/problems/client-forbidden",
    )
    x_server.fail_next("/2/tweets", 403, problem)
    with pytest.raises(Disconnected):
        connector().publish(request(x_server, text="Hello"))


def test_image_is_uploaded_with_alt_text(x_server: FakeXServer, tmp_path: Path) -> None:
    """An image goes through simple upload, gets its alt text, and is attached to the post."""
    image = tmp_path / "chart.png"
    image.write_bytes(b"\x89PNG fake image")
    connector().publish(
        request(x_server, text="See chart", media=(MediaFile(image, alt_text="Bar chart of flu cases"),))
    )
    [(media_id, media)] = x_server.media.items()
    assert media["data"] == b"\x89PNG fake image"
    assert media["category"] == "tweet_image"
    assert media["alt_text"] == "Bar chart of flu cases"
    assert x_server.posts[0]["media_ids"] == [media_id]


def test_video_is_uploaded_in_chunks_and_awaited(x_server: FakeXServer, tmp_path: Path) -> None:
    """A video goes through INIT, APPEND per chunk, FINALIZE and STATUS polls honouring check_after_secs."""
    video = tmp_path / "talk.mp4"
    video.write_bytes(bytes(range(256)) * 10)
    x_server.processing_polls = 2
    waits: list[float] = []
    XConnector(APP, chunk_bytes=1000, sleep=waits.append).publish(
        request(x_server, text="Watch", media=(MediaFile(video),))
    )
    [(media_id, media)] = x_server.media.items()
    assert sorted(media["segments"]) == [0, 1, 2]
    assert media["data"] == video.read_bytes()
    assert waits == [1.0, 1.0]
    assert len(x_server.requests_to("/2/media/upload", "GET")) == 2
    assert x_server.posts[0]["media_ids"] == [media_id]


def test_pkce_challenge_matches_rfc7636_vector() -> None:
    """The S256 challenge equals RFC 7636 Appendix B's example."""
    assert (
        pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
        == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
    )
    pair = new_pkce_pair()
    assert len(pair.verifier) >= 43 and pair.challenge == pkce_challenge(pair.verifier)


def test_authorization_url_carries_state_and_challenge() -> None:
    """The consent URL carries client id, redirect, scopes, state and the S256 challenge."""
    url = connector().authorization_url(state="st-1", pkce=PkcePair("v", "chal"))
    assert url.startswith("https://x.com/i/oauth2/authorize?response_type=code&client_id=client-1")
    assert "state=st-1" in url and "code_challenge=chal" in url and "code_challenge_method=S256" in url
    assert "scope=tweet.read+tweet.write+users.read+offline.access" in url


def test_code_exchange_verifies_pkce(x_server: FakeXServer) -> None:
    """The code is exchanged with its verifier; a wrong verifier is refused."""
    pair = new_pkce_pair()
    x_server.grant_code("code-1", pair.challenge)
    tokens = connector().exchange_code("code-1", pkce_verifier=pair.verifier, base_url=x_server.url)
    assert tokens.access_token == "access-2" and tokens.expires_at is not None
    x_server.grant_code("code-2", pair.challenge)
    with pytest.raises(ReauthRequired, match="PKCE"):
        connector().exchange_code("code-2", pkce_verifier="wrong" * 9, base_url=x_server.url)


def test_validate_counts_weighted_length(tmp_path: Path) -> None:
    """Parts over 280 weighted characters and more than four images are reported."""
    account = Account(platform="x", external_id="1")
    assert connector().validate(PublishRequest("k", account, text="a" * 280)) == []
    problems = connector().validate(PublishRequest("k", account, thread_parts=("ok", "日" * 141)))
    assert problems == ["Part 2 is 282 weighted characters; X allows 280."]
    images = tuple(MediaFile(tmp_path / f"{n}.png") for n in range(5))
    for image in images:
        image.path.write_bytes(b"png")
    assert connector().validate(PublishRequest("k", account, text="x", media=images)) == [
        "X allows at most 4 images per post; this has 5."
    ]


def test_fetch_metrics_reads_public_metrics(x_server: FakeXServer) -> None:
    """Metrics come from public_metrics; shares are reposts plus quotes."""
    result = connector().publish(request(x_server, text="Hello"))
    [metrics] = connector().fetch_metrics(x_server.account(), [result.platform_post_id])
    assert (metrics.impressions, metrics.likes, metrics.comments, metrics.shares) == (300, 7, 1, 3)


def test_failed_video_processing_is_rejected(x_server: FakeXServer, tmp_path: Path) -> None:
    """A STATUS answer of state failed becomes RejectedContent with X's error name; nothing is posted."""
    video = tmp_path / "clip.mp4"
    video.write_bytes(b"\x00" * 10)
    failed = {
        "data": {
            "id": "1",
            "processing_info": {
                "state": "failed",
                "error": {"code": 1, "name": "InvalidMedia", "message": "Unsupported video codec"},
            },
        }
    }
    x_server.fail_next("/2/media/upload", 200, failed, method="GET")
    with pytest.raises(RejectedContent, match="Unsupported video codec") as failure:
        connector().publish(request(x_server, text="Watch", media=(MediaFile(video),)))
    assert failure.value.platform_code == "InvalidMedia"
    assert x_server.posts == []
