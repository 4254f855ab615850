"""The YouTube connector against a local server speaking the resumable upload protocol."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from socialrx.connectors.base import Account, MediaFile, PublishRequest, posted_ids_in
from socialrx.connectors.errors import RateLimited, ReauthRequired, RejectedContent, Retryable
from socialrx.connectors.oauth import OAuthApp, new_pkce_pair
from socialrx.connectors.youtube import YouTubeConnector, tags_length
from socialrx.connectors.youtube_quota import LEGACY_POLICY, QuotaLedger
from tests.connectors.fakes import FakeYouTubeServer, google_error

APP = OAuthApp(
    client_id="g-client", client_secret="g-secret", redirect_uri="https://socialrx.test/oauth/youtube"
)
NOW = datetime(2026, 11, 24, 15, 30, tzinfo=UTC)
NEXT_PACIFIC_MIDNIGHT = datetime(2026, 11, 25, 8, 0, tzinfo=UTC)
DESCRIPTION = "Knee rehab explained.\n\n0:00 Intro\n0:45 Exercises\n3:10 Questions"


def connector(**options: object) -> YouTubeConnector:
    settings: dict = {"timeout": 2.0, "chunk_bytes": 256 * 1024, **options}
    return YouTubeConnector(APP, **settings)


@pytest.fixture
def video(tmp_path: Path) -> MediaFile:
    path = tmp_path / "rehab.mp4"
    path.write_bytes(bytes(range(256)) * 2600)
    return MediaFile(path)


def request(server: FakeYouTubeServer, video: MediaFile, **fields: object) -> PublishRequest:
    values: dict = {
        "title": "Knee rehab in 5 minutes",
        "description": DESCRIPTION,
        "tags": ("knee", "physical therapy"),
        **fields,
    }
    return PublishRequest(idempotency_key="job-9", account=server.account(), media=(video,), **values)


def test_upload_sends_metadata_then_bytes_in_chunks(
    youtube_server: FakeYouTubeServer, video: MediaFile
) -> None:
    """The session is opened with snippet and status, the bytes arrive in 256 KiB chunks, the id comes back."""
    result = connector().publish(request(youtube_server, video))
    [uploaded] = youtube_server.videos
    assert uploaded["data"] == video.path.read_bytes()
    assert result.platform_post_id == uploaded["id"] and result.url.endswith(f"v={uploaded['id']}")
    assert uploaded["snippet"] == {
        "title": "Knee rehab in 5 minutes",
        "description": DESCRIPTION,
        "tags": ["knee", "physical therapy"],
    }
    assert uploaded["status"]["privacyStatus"] == "public"
    opened = youtube_server.requests_to("/upload/youtube/v3/videos", "POST")[0]
    assert opened.query == {"uploadType": "resumable", "part": "snippet,status"}
    assert opened.headers["x-upload-content-length"] == str(len(uploaded["data"]))
    assert len(youtube_server.requests_to("/upload/youtube/v3/videos", "PUT")) == 3


def test_scheduled_upload_is_private_with_publish_at(
    youtube_server: FakeYouTubeServer, video: MediaFile
) -> None:
    """A publish_at schedules the video: privacyStatus private plus status.publishAt in UTC."""
    at = datetime(2026, 12, 1, 9, 0, tzinfo=UTC) + timedelta(hours=5)
    connector().publish(request(youtube_server, video, publish_at=at))
    assert youtube_server.videos[0]["status"] == {
        "privacyStatus": "private",
        "selfDeclaredMadeForKids": False,
        "publishAt": "2026-12-01T14:00:00Z",
    }


def test_interrupted_upload_resumes_from_received_range(
    youtube_server: FakeYouTubeServer, video: MediaFile
) -> None:
    """After a broken chunk the client asks `bytes */N`, reads the 308 Range, and sends only the rest."""
    youtube_server.interrupt_next_chunk(keep=100_000)
    connector().publish(request(youtube_server, video))
    assert youtube_server.videos[0]["data"] == video.path.read_bytes()
    queries = [
        r
        for r in youtube_server.requests_to("/upload/youtube/v3/videos", "PUT")
        if r.headers["content-range"].startswith("bytes */")
    ]
    assert [q.headers["content-range"] for q in queries] == [f"bytes */{video.path.stat().st_size}"]
    resumed = youtube_server.requests_to("/upload/youtube/v3/videos", "PUT")[2]
    assert resumed.headers["content-range"].startswith("bytes 100000-")


def test_connection_reset_during_upload_resumes(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """A reset connection on a chunk is resumed after a status query."""
    youtube_server.reset_next("/upload/youtube/v3/videos", method="PUT", after=1)
    connector().publish(request(youtube_server, video))
    assert youtube_server.videos[0]["data"] == video.path.read_bytes()


def test_repeated_interruptions_give_up_retryable(
    youtube_server: FakeYouTubeServer, video: MediaFile
) -> None:
    """Past max_interruptions the upload fails as Retryable."""
    youtube_server.fail_next(
        "/upload/youtube/v3/videos",
        503,
        google_error(503, "backendError", "Backend Error"),
        method="PUT",
        times=10,
    )
    with pytest.raises(Retryable):
        connector(max_interruptions=2).publish(request(youtube_server, video))
    assert youtube_server.videos == []


def test_quota_exceeded_waits_for_pacific_midnight(
    youtube_server: FakeYouTubeServer, video: MediaFile
) -> None:
    """403 quotaExceeded is RateLimited to the next Pacific midnight and exhausts the ledger."""
    youtube_server.fail_next(
        "/upload/youtube/v3/videos",
        403,
        google_error(
            403,
            "quotaExceeded",
            "The request cannot be completed because you have exceeded your quota.",
            "youtube.quota",
        ),
    )
    ledger = QuotaLedger()
    with pytest.raises(RateLimited) as failure:
        connector(quota=ledger, clock=lambda: NOW).publish(
            request(youtube_server, video, publish_at=NOW + timedelta(days=2))
        )
    assert failure.value.reset_at == NEXT_PACIFIC_MIDNIGHT
    assert ledger.remaining("videos.insert", NOW) == 0


def test_ledger_refuses_upload_without_calling(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """A spent bucket raises RateLimited locally; the ledger round-trips and resets at Pacific midnight."""
    ledger = QuotaLedger(LEGACY_POLICY)
    for _ in range(6):
        ledger.charge("videos.insert", NOW)
    saved = QuotaLedger.from_dict(ledger.to_dict(), LEGACY_POLICY)
    assert saved.remaining("units", NOW) == 400
    with pytest.raises(RateLimited) as failure:
        connector(quota=saved, clock=lambda: NOW).publish(request(youtube_server, video))
    assert failure.value.reset_at == NEXT_PACIFIC_MIDNIGHT
    assert youtube_server.requests == []
    assert saved.remaining("units", NEXT_PACIFIC_MIDNIGHT) == 10_000


def test_current_policy_counts_inserts_in_their_own_bucket() -> None:
    """Under today's policy an insert uses its own 100-call bucket, not the 10,000 units."""
    ledger = QuotaLedger()
    ledger.charge("videos.insert", NOW)
    ledger.charge("videos.update", NOW)
    assert ledger.remaining("videos.insert", NOW) == 99
    assert ledger.remaining("units", NOW) == 9_950


def test_invalid_metadata_is_rejected(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """A 400 invalidTitle becomes RejectedContent with the reason as code."""
    with pytest.raises(RejectedContent) as failure:
        connector().publish(request(youtube_server, video, title="x" * 101))
    assert failure.value.platform_code == "invalidTitle"


def test_expired_token_refreshes_then_uploads(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """A 401 refreshes the Google token once and the upload succeeds."""
    youtube_server.expire_access_tokens()
    connector().publish(request(youtube_server, video))
    assert len(youtube_server.videos) == 1
    assert youtube_server.requests_to("/token")[0].form()["grant_type"] == "refresh_token"


def test_revoked_refresh_token_requires_reauth(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """When the refresh is refused too, ReauthRequired is raised."""
    youtube_server.expire_access_tokens()
    youtube_server.revoke_refresh_tokens()
    with pytest.raises(ReauthRequired):
        connector().publish(request(youtube_server, video))


def test_timeout_opening_session_is_retryable(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """A time-out before the session opens is Retryable."""
    youtube_server.delay_next("/upload/youtube/v3/videos", 0.6, method="POST")
    with pytest.raises(Retryable):
        connector(timeout=0.2).publish(request(youtube_server, video))


def test_recent_posts_and_metrics(youtube_server: FakeYouTubeServer, video: MediaFile) -> None:
    """Uploads are read back from the uploads playlist and matched by title; statistics are counts."""
    since = datetime.now(UTC) - timedelta(minutes=1)
    result = connector().publish(request(youtube_server, video))
    remote = connector().recent_posts(youtube_server.account(), since)
    assert posted_ids_in(request(youtube_server, video), remote) == (result.platform_post_id,)
    [metrics] = connector().fetch_metrics(youtube_server.account(), [result.platform_post_id])
    assert (metrics.views, metrics.likes, metrics.comments) == (42, 5, 2)


def test_validate_metadata_limits(video: MediaFile) -> None:
    """Title, description bytes, angle brackets, tag length and the single video are checked."""
    account = Account(platform="youtube", external_id="UC1")
    good = PublishRequest("k", account, title="Ok", description="é" * 2500, media=(video,))
    assert YouTubeConnector().validate(good) == []
    bad = PublishRequest("k", account, title="<b>", description="é" * 2501, tags=("a b",) * 100)
    assert YouTubeConnector().validate(bad) == [
        "The description is 5002 bytes; YouTube allows 5000.",
        "YouTube titles and descriptions may not contain < or >.",
        "The tags count 599 characters; YouTube allows 500.",
        "A YouTube upload needs exactly one video file.",
    ]
    assert tags_length(["knee", "physical therapy"]) == 4 + 18 + 1


def test_authorization_url_asks_for_offline_access() -> None:
    """The Google consent URL asks for offline access and carries the PKCE challenge."""
    pair = new_pkce_pair()
    url = connector().authorization_url(state="s", pkce=pair)
    assert url.startswith("https://accounts.google.com/o/oauth2/v2/auth?")
    assert "access_type=offline" in url and f"code_challenge={pair.challenge}" in url
