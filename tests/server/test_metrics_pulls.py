"""Scheduled metric pulls against the local fake X and LinkedIn servers: storage, back-off, reauth, the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils.timezone import now

from socialrx.server.actions.metrics_pulls import sync_metrics_pulls
from socialrx.server.models import (
    AccountStatus,
    AuditEvent,
    MetricsPull,
    PostSnapshot,
    PostStat,
    PublishAccount,
    PublishJob,
    PullStatus,
)
from socialrx.server.worker.metrics_pulls import pull_due_metrics, try_pull_one_due_metrics
from socialrx.server.worker.publishing import publish_due_jobs
from tests.connectors.fakes import FakeLinkedInServer, FakeXServer, x_problem
from tests.server.test_worker_publishing import make_approved_post, real_account, sandbox_account, schedule


@pytest.fixture
def author(make_user):
    return make_user("content_creator", username="author")


@pytest.fixture
def apps(monkeypatch):
    for network in ("X", "LINKEDIN"):
        monkeypatch.setenv(f"SOCIALRX_{network}_CLIENT_ID", f"{network.lower()}-client")
        monkeypatch.setenv(f"SOCIALRX_{network}_CLIENT_SECRET", f"{network.lower()}-secret")


@pytest.fixture
def x_server():
    with FakeXServer() as server:
        yield server


def published_on_x(author, x_server, *, pillar: str = "educational") -> tuple[PublishAccount, str]:
    """Publish one post through a real X account on the fake server; return the account and the post's id."""
    account = real_account("x", x_server)
    post = make_approved_post(author, {"x": {"text": "Flu shots this Saturday at the clinic."}}, title="Flu clinic")
    post.pillar = pillar
    post.save(update_fields=["pillar"])
    schedule(post)
    assert publish_due_jobs() == 1
    return account, PublishJob.objects.get(post=post).platform_post_id


def make_due(account: PublishAccount) -> None:
    MetricsPull.objects.filter(account=account).update(next_pull_at=now() - timedelta(seconds=1))


def test_pull_stores_metrics_like_an_import_and_schedules_the_next(author, x_server, apps):
    """A due X account's sent posts are measured once: a post row with its pillar and one snapshot for today."""
    account, post_id = published_on_x(author, x_server)
    assert sync_metrics_pulls() == 1
    before = now()
    assert try_pull_one_due_metrics() is True
    stat = PostStat.objects.get(network="x", platform_post_id=post_id)
    # The fake reports 300 impressions, 7 likes, 1 reply, 2 reposts and 1 quote.
    assert (stat.impressions, stat.engagements, stat.pillar, stat.title) == (300, 11, "educational", "Flu clinic")
    assert PostSnapshot.objects.filter(post=stat).count() == 1
    pull = MetricsPull.objects.get(account=account)
    assert (pull.status, pull.posts_pulled, pull.attempts) == (PullStatus.OK, 1, 0)
    assert pull.next_pull_at >= before + timedelta(hours=6) and pull.last_pulled_at >= before
    assert AuditEvent.objects.filter(action="socialrx.analytics.metrics_pull").count() == 1
    assert try_pull_one_due_metrics() is False


def test_pulling_again_the_same_day_replaces_the_figures(author, x_server, apps):
    """A second pull on the same day updates that day's snapshot instead of adding to it."""
    account, post_id = published_on_x(author, x_server)
    sync_metrics_pulls()
    pull_due_metrics()
    make_due(account)
    assert pull_due_metrics() == 1
    stat = PostStat.objects.get(platform_post_id=post_id)
    assert stat.impressions == 300 and stat.snapshots.count() == 1 and PostSnapshot.objects.count() == 1


def test_rate_limit_waits_until_the_reset(author, x_server, apps):
    """A 429 moves the next pull to x-rate-limit-reset and holds the account until then."""
    account, _ = published_on_x(author, x_server)
    sync_metrics_pulls()
    reset = int(now().timestamp()) + 900
    x_server.fail_next("/2/tweets", 429, x_problem(429, "Too Many Requests", "Too Many Requests"),
                       {"x-rate-limit-reset": str(reset)}, method="GET")  # fmt: skip
    assert try_pull_one_due_metrics() is True
    pull = MetricsPull.objects.get(account=account)
    assert pull.status == PullStatus.RATE_LIMITED and pull.next_pull_at == datetime.fromtimestamp(reset, tz=UTC)
    assert PublishAccount.objects.get().rate_limited_until == datetime.fromtimestamp(reset, tz=UTC)
    assert PostStat.objects.count() == 0 and try_pull_one_due_metrics() is False


def test_server_error_backs_off_then_the_retry_stores(author, x_server, apps):
    """A 503 is retried after an exponential back-off; the retry stores the metrics and clears the error."""
    account, post_id = published_on_x(author, x_server)
    sync_metrics_pulls()
    x_server.fail_next("/2/tweets", 503, x_problem(503, "Service Unavailable", "Over capacity"), method="GET")
    before = now()
    try_pull_one_due_metrics()
    pull = MetricsPull.objects.get(account=account)
    assert pull.status == PullStatus.RETRYING and pull.attempts == 1
    assert before + timedelta(seconds=14) <= pull.next_pull_at <= now() + timedelta(seconds=46)
    make_due(account)
    try_pull_one_due_metrics()
    pull.refresh_from_db()
    assert (pull.status, pull.attempts, pull.message) == (PullStatus.OK, 0, "")
    assert PostStat.objects.filter(platform_post_id=post_id).exists()


def test_reauth_marks_the_account_and_pulls_resume_after_reconnecting(author, x_server, apps):
    """A refused refresh marks the account 'needs reconnecting' and stops pulls until it is connected again."""
    account, _ = published_on_x(author, x_server)
    sync_metrics_pulls()
    x_server.expire_access_tokens()
    x_server.revoke_refresh_tokens()
    PublishAccount.objects.filter(pk=account.pk).update(token_expires_at=now() - timedelta(minutes=1))
    assert try_pull_one_due_metrics() is True
    pull = MetricsPull.objects.get(account=account)
    assert pull.status == PullStatus.NEEDS_RECONNECT and pull.next_pull_at is None
    assert PublishAccount.objects.get().status == AccountStatus.NEEDS_RECONNECT
    assert try_pull_one_due_metrics() is False
    PublishAccount.objects.filter(pk=account.pk).update(status=AccountStatus.CONNECTED)
    assert sync_metrics_pulls() == 1
    assert MetricsPull.objects.get(account=account).status == PullStatus.WAITING


def test_linkedin_share_statistics_are_pulled(author, apps):
    """LinkedIn posts are measured from organizationalEntityShareStatistics and stored under linkedin."""
    with FakeLinkedInServer() as server:
        account = real_account("linkedin", server)
        post = make_approved_post(author, {"linkedin": {"text": "Our new sepsis pathway, explained."}})
        schedule(post)
        publish_due_jobs()
        urn = PublishJob.objects.get(post=post).platform_post_id
        sync_metrics_pulls()
        assert pull_due_metrics() == 1
    stat = PostStat.objects.get(network="linkedin", platform_post_id=urn)
    assert stat.impressions > 0 and MetricsPull.objects.get(account=account).status == PullStatus.OK


def test_sandbox_and_manual_accounts_are_not_pulled(db):
    """Sandbox accounts (made-up numbers) and networks without a metrics API get no pull schedule."""
    sandbox_account("x")
    sandbox_account("doximity")
    assert sync_metrics_pulls() == 0 and pull_due_metrics() == 0


def test_pull_now_is_refused_without_the_permission(author, x_server, apps, viewer_client):
    """A viewer cannot ask for a pull: 403, and nothing is pulled."""
    account, _ = published_on_x(author, x_server)
    response = viewer_client.post(reverse("publishing-account-pull-metrics", args=[account.pk]))
    assert response.status_code == 403 and PostStat.objects.count() == 0


def test_pull_now_pulls_and_the_accounts_page_shows_it(author, x_server, apps, manager_client,
                                                      django_capture_on_commit_callbacks):
    """"Pull now" wakes a worker after commit (immediate Huey in tests); the accounts page shows the last pull."""
    account, post_id = published_on_x(author, x_server)
    with django_capture_on_commit_callbacks(execute=True):
        response = manager_client.post(reverse("publishing-account-pull-metrics", args=[account.pk]))
    assert response.status_code == 302
    assert PostStat.objects.filter(platform_post_id=post_id).exists()
    assert AuditEvent.objects.filter(action="socialrx.analytics.metrics_pull_requested").count() == 1
    page = manager_client.get(reverse("publishing-accounts")).content.decode()
    assert "Pulled" in page and "1 post)" in page and "Pull now" in page


def test_pull_now_refuses_a_sandbox_account(manager_client):
    """Asking to pull a sandbox account says why and changes nothing."""
    account = sandbox_account("x")
    response = manager_client.post(reverse("publishing-account-pull-metrics", args=[account.pk]), follow=True)
    assert "sandbox account" in response.content.decode() and MetricsPull.objects.count() == 0
