"""Publishing pages, API and actions: publish now, retry one channel, pause and resume, accounts and
OAuth, token encryption at rest, manual Doximity tasks, the newsletter list, and permissions."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from socialrx.server.actions import ActionError
from socialrx.server.actions.publishing import (
    check_live_url,
    do_complete_manual_task,
    do_connect_sandbox_account,
    do_retry_job,
    do_start_oauth,
    publish_now,
    sync_scheduled_jobs,
)
from socialrx.server.lib.secrets import TokenKeyMissing, decrypt_token, encrypt_token
from socialrx.server.models import (
    AccountStatus,
    AuditEvent,
    JobStatus,
    ManualPublishTask,
    NewsletterSubscriber,
    PostStatus,
    PublishAccount,
    PublishJob,
)
from socialrx.server.worker.publishing import publish_due_jobs
from tests.connectors.fakes import FakeXServer
from tests.server.test_worker_publishing import make_approved_post, sandbox_account


@pytest.fixture
def author(make_user):
    return make_user("content_creator", username="author")


@pytest.fixture
def creator_client(author) -> Client:
    client = Client()
    client.force_login(author)
    return client


def failed_job(author) -> PublishJob:
    from socialrx.connectors import sandbox
    from socialrx.connectors.errors import RejectedContent

    sandbox.reset()
    sandbox_account("x")
    sandbox_account("linkedin")
    post = make_approved_post(author, {"x": {"text": "X text"}, "linkedin": {"text": "LinkedIn text"}})
    publish_now_jobs = sync_and_run(post, failing="linkedin", error=RejectedContent("Duplicate post"))
    return publish_now_jobs["linkedin"]


def sync_and_run(post, *, failing: str = "", error=None) -> dict[str, PublishJob]:
    from socialrx.connectors import sandbox

    if failing:
        sandbox.fail_next(failing, error)
    sync_scheduled_jobs()
    publish_due_jobs()
    return {job.channel: job for job in PublishJob.objects.filter(post=post)}


def test_scheduled_posts_get_one_job_per_channel_once(author):
    """The tick gives a scheduled post one job per channel of its approved revision, and never a second."""
    post = make_approved_post(author, {"x": {"text": "a"}, "linkedin": {"text": "b"}, "email": {"text": ""}},
                              due=now() + timedelta(hours=1))  # fmt: skip
    assert sync_scheduled_jobs() == 2
    assert sync_scheduled_jobs() == 0
    assert sorted(PublishJob.objects.values_list("channel", flat=True)) == ["linkedin", "x"]
    assert {job.due_at for job in PublishJob.objects.all()} == {post.scheduled_at}


def test_publish_now_queues_every_channel_and_is_audited(author, manager):
    """Publish now makes the approved post's channels due at once; the worker sends them; it is audited."""
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Now please."}}, due=now() + timedelta(days=2))
    jobs = publish_now(manager, post)
    assert [job.channel for job in jobs] == ["x"] and jobs[0].due_at <= now()
    assert AuditEvent.objects.filter(action="socialrx.publish.now").exists()
    publish_due_jobs()
    assert PublishJob.objects.get().status == JobStatus.SENT


def test_publish_now_refuses_unapproved_posts_and_people_without_permission(author, manager):
    """Only approved posts can be published now, and only by someone who manages publishing."""
    post = make_approved_post(author, {"x": {"text": "t"}})
    with pytest.raises(PermissionDenied):
        publish_now(author, post)
    post.status = PostStatus.DRAFT
    post.save()
    with pytest.raises(ActionError, match="Only an approved post"):
        publish_now(manager, post)


def test_retry_requeues_only_the_failed_channel(author, manager):
    """Retrying a failed channel re-queues that job only; the sent channel is untouched and sent once."""
    failed = failed_job(author)
    assert failed.status == JobStatus.FAILED and failed.last_error == "Duplicate post"
    sent = PublishJob.objects.get(channel="x")
    do_retry_job(manager, failed)
    assert PublishJob.objects.get(pk=failed.pk).status == JobStatus.QUEUED
    publish_due_jobs()
    assert PublishJob.objects.get(pk=failed.pk).status == JobStatus.SENT
    assert PublishJob.objects.get(pk=sent.pk).attempts == 1
    assert failed.post.__class__.objects.get(pk=failed.post_id).status == PostStatus.PUBLISHED


def test_retry_refuses_a_job_that_is_not_failed(author, manager):
    """Only failed channels can be retried."""
    failed = failed_job(author)
    with pytest.raises(ActionError, match="Only a failed channel"):
        do_retry_job(manager, PublishJob.objects.exclude(pk=failed.pk).get())


def test_queue_page_shows_status_error_link_and_retry(author, manager_client):
    """The queue lists each channel with its status, the platform's error, the live link and a retry button."""
    failed = failed_job(author)
    page = manager_client.get(reverse("publishing")).content.decode()
    assert "Duplicate post" in page and f'action="{reverse("publishing-retry", args=[failed.pk])}"' in page
    assert "sandbox://x/" in page
    response = manager_client.post(reverse("publishing-retry", args=[failed.pk]))
    assert response.status_code == 302 and PublishJob.objects.get(pk=failed.pk).status == JobStatus.QUEUED


def test_outbox_page_shows_what_would_have_been_sent(author, manager_client):
    """The outbox page shows the exact text per channel."""
    failed_job(author)
    page = manager_client.get(reverse("publishing-outbox")).content.decode()
    assert "X text" in page and "LinkedIn text" not in page


def test_pause_and_resume_from_the_page_with_banner_everywhere(manager_client, manager):
    """Pausing records who and why and shows a banner on every page; resuming removes it; both audited."""
    manager_client.post(reverse("publishing-pause"), {"reason": "Storm warning"})
    home = manager_client.get(reverse("home")).content.decode()
    assert "pause-banner" in home and "Storm warning" in home and "Morgan Lee" in home
    manager_client.post(reverse("publishing-resume"))
    assert "pause-banner" not in manager_client.get(reverse("home")).content.decode()
    actions = list(AuditEvent.objects.filter(action__startswith="socialrx.publish.").order_by("id").values_list("action", flat=True))
    assert actions == ["socialrx.publish.pause", "socialrx.publish.resume"]


def test_creator_cannot_pause_retry_or_manage_accounts(author, creator_client):
    """A content creator is refused pause, retry, publish now and account changes."""
    failed = failed_job(author)
    creator_client.post(reverse("publishing-pause"), {"reason": "no"})
    from socialrx.server.lib.publishing import publishing_paused

    assert publishing_paused() is False
    assert creator_client.post(reverse("publishing-retry", args=[failed.pk])).status_code == 403
    assert creator_client.post(reverse("publishing-publish-now", args=[failed.post_id])).status_code == 403
    response = creator_client.post(reverse("publishing-account-connect"), {"mode": "sandbox", "network": "x", "name": "n"})
    assert response.status_code == 403


@pytest.mark.parametrize("name", ["publishing", "publishing-outbox", "publishing-accounts", "publishing-manual"])
def test_pages_refuse_people_without_a_role(name, make_user):
    """Someone with no role (no view permission) gets 403 on every publishing page."""
    nobody = make_user("viewer", username="nobody")
    nobody.groups.clear()
    client = Client()
    client.force_login(nobody)
    assert client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", ["publishing", "publishing-outbox", "publishing-accounts", "publishing-manual"])
def test_pages_render_for_a_viewer(name, viewer_client):
    """A viewer can read every publishing page."""
    assert viewer_client.get(reverse(name)).status_code == 200


def test_api_lists_jobs_retries_and_pauses(author, manager_api, viewer_api):
    """The API lists jobs with their status and error, retries one channel, and pauses and resumes."""
    failed = failed_job(author)
    jobs = manager_api.get("/api/publishing/jobs").json()
    assert {job["channel"]: job["status"] for job in jobs} == {"x": "sent", "linkedin": "failed"}
    assert manager_api.get(f"/api/publishing/jobs/{failed.pk}").json()["last_error"] == "Duplicate post"
    assert viewer_api.post(f"/api/publishing/jobs/{failed.pk}/retry").status_code == 403
    assert manager_api.post(f"/api/publishing/jobs/{failed.pk}/retry").json()["status"] == "queued"
    assert viewer_api.post("/api/publishing/pause", json.dumps({"reason": "x"}), content_type="application/json").status_code == 403
    paused = manager_api.post("/api/publishing/pause", json.dumps({"reason": "Crisis"}), content_type="application/json")
    assert paused.json()["paused"] is True and paused.json()["changed_by"] == "manager"
    assert manager_api.post("/api/publishing/resume").json()["paused"] is False


def test_api_publish_now_and_accounts_show_no_secrets(author, manager, manager_api, viewer_api):
    """Publish now through the API; the accounts list never contains a token."""
    PublishAccount.objects.create(network="x", name="Real", external_id="1", sandbox=False, connected_at=now(),
                                  updated_at=now(), access_token_encrypted=encrypt_token("secret-access-token"))  # fmt: skip
    sandbox_account("linkedin")
    post = make_approved_post(author, {"linkedin": {"text": "API now"}}, due=now() + timedelta(days=1))
    assert viewer_api.post(f"/api/publishing/posts/{post.pk}/publish-now").status_code == 403
    assert manager_api.post(f"/api/publishing/posts/{post.pk}/publish-now").json()[0]["channel"] == "linkedin"
    body = manager_api.get("/api/publishing/accounts").content.decode()
    assert "secret-access-token" not in body and "gAAAA" not in body and '"has_tokens": true' in body.replace(":true", ": true")


def test_tokens_are_encrypted_at_rest(db):
    """The database holds ciphertext, not the token; it decrypts with the key."""
    account = PublishAccount.objects.create(network="x", name="n", external_id="1", sandbox=False, connected_at=now(),
                                            updated_at=now(), access_token_encrypted=encrypt_token("tok-123"))  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SELECT access_token_encrypted FROM socialrx_publishaccount WHERE id = %s", [account.pk])
        raw = cursor.fetchone()[0]
    assert "tok-123" not in raw and decrypt_token(raw) == "tok-123"
    assert "tok-123" not in repr(account) and "tok-123" not in str(account)


def test_tokens_are_refused_without_a_key(settings):
    """Without SOCIALRX_TOKEN_KEY nothing is encrypted, with a message saying how to make a key."""
    settings.SOCIALRX_TOKEN_KEY = ""
    with pytest.raises(TokenKeyMissing, match="SOCIALRX_TOKEN_KEY is not set"):
        encrypt_token("tok")


def test_oauth_connect_with_state_and_pkce_stores_encrypted_tokens(manager, manager_client, monkeypatch):
    """Connect X: consent URL with state and PKCE, callback checks state, code exchange stores encrypted tokens."""
    monkeypatch.setenv("SOCIALRX_X_CLIENT_ID", "x-client")
    monkeypatch.setenv("SOCIALRX_X_CLIENT_SECRET", "x-secret")
    with FakeXServer() as server:
        monkeypatch.setenv("SOCIALRX_X_BASE_URL", server.url)
        response = manager_client.post(reverse("publishing-account-connect"),
                                       {"mode": "oauth", "network": "x", "name": "Clinic", "external_id": "2244994945"})
        query = parse_qs(urlsplit(response["Location"]).query)
        assert query["code_challenge_method"] == ["S256"] and query["state"][0]
        server.grant_code("code-1", query["code_challenge"][0])
        bad = manager_client.get(reverse("publishing-oauth-callback", args=["x"]), {"state": "forged", "code": "code-1"})
        assert bad.status_code == 302 and not PublishAccount.objects.exists()
        manager_client.get(reverse("publishing-oauth-callback", args=["x"]), {"state": query["state"][0], "code": "code-1"})
    account = PublishAccount.objects.get()
    assert account.status == AccountStatus.CONNECTED and not account.sandbox
    assert decrypt_token(account.access_token_encrypted) == "access-2"
    assert "access-2" not in manager_client.get(reverse("publishing-accounts")).content.decode()


def test_oauth_refuses_without_app_credentials(manager, monkeypatch):
    """Without SOCIALRX_X_CLIENT_ID connecting says which variables to set."""
    monkeypatch.delenv("SOCIALRX_X_CLIENT_ID", raising=False)
    with pytest.raises(ActionError, match="SOCIALRX_X_CLIENT_ID"):
        do_start_oauth(manager, "x", name="Clinic", external_id="1")


def test_reconnect_requeues_channels_that_failed_for_reauth(author, manager, monkeypatch):
    """Reconnecting an account re-queues the channels that failed because it needed reconnecting."""
    from socialrx.connectors.base import OAuthTokens
    from socialrx.server.actions.publishing import _save_connected_account
    from socialrx.server.models import OAuthConnection

    account = PublishAccount.objects.create(network="x", name="n", external_id="1", sandbox=False, connected_at=now(),
                                            updated_at=now(), status=AccountStatus.NEEDS_RECONNECT)  # fmt: skip
    post = make_approved_post(author, {"x": {"text": "t"}})
    PublishJob.objects.create(post=post, revision=post.approved_revision, channel="x", account=account,
                              status=JobStatus.FAILED, error_kind="reauth", due_at=now(), next_attempt_at=now(),
                              created_at=now(), updated_at=now())  # fmt: skip
    pending = OAuthConnection(network="x", account=account, account_name="n", external_id="1", user=manager,
                              redirect_uri="", created_at=now())  # fmt: skip
    _save_connected_account(manager, pending, OAuthTokens(access_token="new"))
    assert PublishJob.objects.get().status == JobStatus.QUEUED


def test_sandbox_account_connect_and_disconnect(manager_client):
    """A sandbox account is added from the page and can be disconnected."""
    manager_client.post(reverse("publishing-account-connect"), {"mode": "sandbox", "network": "linkedin", "name": "Demo"})
    account = PublishAccount.objects.get()
    assert account.sandbox and account.status == AccountStatus.CONNECTED
    manager_client.post(reverse("publishing-account-disconnect", args=[account.pk]))
    assert PublishAccount.objects.get().status == AccountStatus.DISCONNECTED


def test_manual_task_closes_with_a_doximity_url_only(author, manager):
    """A Doximity task goes to the account's owner and is closed with a doximity.com link; others are refused."""
    do_connect_sandbox_account(manager, "doximity", "Doximity")
    post = make_approved_post(author, {"doximity": {"text": "Clinician update"}})
    sync_and_run(post)
    task = ManualPublishTask.objects.get()
    assert task.assignee == manager  # the Doximity account's owner
    with pytest.raises(PermissionDenied):
        do_complete_manual_task(author, task, "https://www.doximity.com/articles/abc-123")
    with pytest.raises(ActionError, match="doximity"):
        do_complete_manual_task(manager, task, "https://evil.example/doximity.com/post")
    do_complete_manual_task(manager, task, "https://www.doximity.com/articles/abc-123")
    job = PublishJob.objects.get()
    assert job.status == JobStatus.SENT and job.url == "https://www.doximity.com/articles/abc-123"
    assert post.__class__.objects.get(pk=post.pk).status == PostStatus.PUBLISHED


def test_live_url_must_point_at_a_post():
    """The site's home page is not a live post."""
    with pytest.raises(ActionError):
        check_live_url("doximity", "https://www.doximity.com/")


def test_unsubscribe_link_takes_the_subscriber_off_the_list(manager):
    """GET asks to confirm; POST (one-click) unsubscribes without signing in."""
    from socialrx.server.actions.publishing import do_add_subscriber

    subscriber = do_add_subscriber(manager, "Reader@Example.org")
    url = reverse("newsletter-unsubscribe", args=[subscriber.unsubscribe_token])
    client = Client(enforce_csrf_checks=True)
    assert b"Stop sending" in client.get(url).content
    assert client.post(url).status_code == 200
    assert NewsletterSubscriber.objects.get().unsubscribed_at is not None
    assert client.get(reverse("newsletter-unsubscribe", args=["nope"])).status_code == 404


def test_demo_data_loads_once(seed_strategy, manager, make_user):
    """The publishing demo adds accounts, published posts, a partly failed post and a Doximity task, once."""
    from socialrx.server.demo_publishing import load_publishing_demo

    make_user("content_creator", username="creator")
    make_user("healthcare_content_specialist", username="specialist")
    load_publishing_demo()
    counts = (PublishAccount.objects.count(), PublishJob.objects.count(), ManualPublishTask.objects.count(),
              NewsletterSubscriber.objects.count())  # fmt: skip
    load_publishing_demo()
    assert counts == (PublishAccount.objects.count(), PublishJob.objects.count(), ManualPublishTask.objects.count(),
                      NewsletterSubscriber.objects.count())  # fmt: skip
    assert counts[0] == 5 and counts[2] == 1
    statuses = set(PublishJob.objects.values_list("post__status", flat=True))
    assert {PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED} <= statuses
    assert PublishJob.objects.filter(status=JobStatus.FAILED, last_error__contains="LinkedIn refused").exists()
