"""The publishing worker against local fake X, LinkedIn and YouTube servers and the sandbox."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.server.actions.posts import next_revision
from socialrx.server.actions.publishing import do_pause_publishing, do_resume_publishing, enqueue_post_jobs
from socialrx.server.lib.secrets import encrypt_token
from socialrx.server.models import (
    AccountStatus,
    JobStatus,
    ManualPublishTask,
    Notification,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishJob,
    Variant,
)
from socialrx.server.worker.publishing import publish_due_jobs, try_publish_one_due_job
from tests.connectors.fakes import FakeLinkedInServer, FakeXServer, restli_error, x_problem


def make_approved_post(author, variants: dict[str, dict], *, due: datetime | None = None, title: str = "Flu clinic") -> Post:
    """Create a post whose current content is its approved revision, scheduled at ``due``."""
    stamp = now()
    post = Post.objects.create(title=title, author=author, created_at=stamp, updated_at=stamp,
                               scheduled_at=due or stamp - timedelta(seconds=1), status=PostStatus.SCHEDULED)
    for channel, fields in variants.items():
        Variant.objects.create(post=post, channel=channel, **fields)
    revision = next_revision(author, post, verdict="pass", findings=[])
    post.current_revision = post.approved_revision = revision
    post.save()
    return post


def schedule(post: Post) -> list[PublishJob]:
    return enqueue_post_jobs(post, due_at=post.scheduled_at)


def real_account(network: str, server, *, owner=None, **fields) -> PublishAccount:
    stamp = now()
    values = {"network": network, "name": f"Clinic on {network}", "external_id": server.account().external_id,
              "sandbox": False, "owner": owner, "base_url": server.url, "connected_at": stamp, "updated_at": stamp,
              "access_token_encrypted": encrypt_token("access-1"), "refresh_token_encrypted": encrypt_token("refresh-1"),
              "token_expires_at": stamp + timedelta(hours=2), **fields}  # fmt: skip
    return PublishAccount.objects.create(**values)


def sandbox_account(network: str, external_id: str = "") -> PublishAccount:
    stamp = now()
    return PublishAccount.objects.create(network=network, name=f"Sandbox {network}", sandbox=True,
                                         external_id=external_id or f"sandbox-{network}", connected_at=stamp,
                                         updated_at=stamp)  # fmt: skip


@pytest.fixture
def author(make_user):
    return make_user("content_creator", username="author")


@pytest.fixture
def x_app(monkeypatch):
    monkeypatch.setenv("SOCIALRX_X_CLIENT_ID", "x-client")
    monkeypatch.setenv("SOCIALRX_X_CLIENT_SECRET", "x-secret")


@pytest.fixture
def x_server():
    with FakeXServer() as server:
        yield server


@pytest.fixture(autouse=True)
def empty_sandbox():
    sandbox.reset()
    yield
    sandbox.reset()


def job_of(post: Post, channel: str) -> PublishJob:
    return PublishJob.objects.get(post=post, channel=channel)


def test_success_records_platform_id_and_publishes_the_post(author, x_server, x_app):
    """A due X post is published once; the job keeps the platform id and URL and the post is published."""
    real_account("x", x_server)
    post = make_approved_post(author, {"x": {"text": "Flu shots this Saturday at the clinic."}})
    schedule(post)
    assert publish_due_jobs() == 1
    job = job_of(post, "x")
    [created] = x_server.posts
    assert (job.status, job.platform_post_id, job.attempts) == (JobStatus.SENT, created["id"], 1)
    assert job.url.endswith(created["id"]) and job.sent_at is not None
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED
    assert try_publish_one_due_job() is False


def test_thread_posts_every_part_as_replies(author, x_server, x_app):
    """An X thread is posted part by part, each replying to the one before."""
    real_account("x", x_server)
    post = make_approved_post(author, {"x": {"thread": ["Part one of three.", "Part two.", "Part three."]}})
    schedule(post)
    publish_due_jobs()
    job = job_of(post, "x")
    assert [p["text"] for p in x_server.posts] == ["Part one of three.", "Part two.", "Part three."]
    assert x_server.posts[1]["reply_to"] == x_server.posts[0]["id"] and len(job.posted_ids) == 3


def test_rate_limit_waits_until_the_platforms_reset(author, x_server, x_app):
    """A 429 puts the job back with next_attempt_at exactly at x-rate-limit-reset, and holds the account."""
    real_account("x", x_server)
    reset = int(now().timestamp()) + 600
    x_server.fail_next("/2/tweets", 429, x_problem(429, "Too Many Requests", "Too Many Requests"),
                       {"x-rate-limit-reset": str(reset)}, method="POST")  # fmt: skip
    post = make_approved_post(author, {"x": {"text": "Rate limited post."}})
    schedule(post)
    assert try_publish_one_due_job() is True
    job = job_of(post, "x")
    assert job.status == JobStatus.QUEUED and job.error_kind == "rate_limited"
    assert job.next_attempt_at == datetime.fromtimestamp(reset, tz=UTC)
    assert PublishAccount.objects.get().rate_limited_until == datetime.fromtimestamp(reset, tz=UTC)
    assert try_publish_one_due_job() is False and x_server.posts == []


def test_server_error_retries_with_backoff_then_succeeds(author, x_server, x_app):
    """A 503 is retried later with exponential back-off and jitter; the retry posts once."""
    real_account("x", x_server)
    x_server.fail_next("/2/tweets", 503, x_problem(503, "Service Unavailable", "Over capacity"), method="POST")
    post = make_approved_post(author, {"x": {"text": "Retry me."}})
    schedule(post)
    before = now()
    try_publish_one_due_job()
    job = job_of(post, "x")
    assert job.status == JobStatus.QUEUED and "Over capacity" in job.last_error
    assert before + timedelta(seconds=14) <= job.next_attempt_at <= now() + timedelta(seconds=46)
    PublishJob.objects.filter(pk=job.pk).update(next_attempt_at=now())
    publish_due_jobs()
    assert job_of(post, "x").status == JobStatus.SENT and len(x_server.posts) == 1


def test_timeout_is_retried_and_reconciled_without_a_second_post(author, x_server, x_app, settings):
    """A time-out after X created the post is retried by reconciling: the post is found, not posted again."""
    settings.SOCIALRX_PUBLISH_TIMEOUT = 0.5
    real_account("x", x_server)
    x_server.delay_next("/2/tweets", 1.0, method="POST")
    post = make_approved_post(author, {"x": {"text": "Slow network today."}})
    schedule(post)
    try_publish_one_due_job()
    job = job_of(post, "x")
    assert job.status == JobStatus.QUEUED and job.error_kind == "retryable"
    import time

    time.sleep(0.8)  # the fake finishes creating the post after our time-out
    PublishJob.objects.filter(pk=job.pk).update(next_attempt_at=now())
    publish_due_jobs()
    job = job_of(post, "x")
    assert job.status == JobStatus.SENT and len(x_server.posts) == 1
    assert job.platform_post_id == x_server.posts[0]["id"]


def test_backoff_gives_up_after_max_attempts(author, x_server, x_app):
    """After the last attempt a transient failure fails the channel with the platform's message."""
    from socialrx.server.worker.publishing import MAX_ATTEMPTS

    real_account("x", x_server)
    x_server.fail_next("/2/tweets", 500, x_problem(500, "Internal Error", "Try later"), method="POST", times=99)
    post = make_approved_post(author, {"x": {"text": "Never gets through."}})
    schedule(post)
    for _ in range(MAX_ATTEMPTS):
        PublishJob.objects.filter(post=post).update(next_attempt_at=now())
        try_publish_one_due_job()
    job = job_of(post, "x")
    assert job.status == JobStatus.FAILED and job.attempts == MAX_ATTEMPTS and "Try later" in job.last_error
    assert Post.objects.get(pk=post.pk).status == PostStatus.FAILED


def test_expired_token_is_refreshed_and_persisted_encrypted(author, x_server, x_app):
    """An access token near expiry is refreshed before the call; the new tokens are stored encrypted."""
    account = real_account("x", x_server, token_expires_at=now() - timedelta(minutes=1))
    x_server.expire_access_tokens()
    post = make_approved_post(author, {"x": {"text": "Fresh token post."}})
    schedule(post)
    publish_due_jobs()
    account.refresh_from_db()
    assert job_of(post, "x").status == JobStatus.SENT
    from socialrx.server.lib.secrets import decrypt_token

    assert decrypt_token(account.access_token_encrypted) == "access-2"
    assert "access-2" not in account.access_token_encrypted and account.token_expires_at > now()


def test_reauth_marks_the_account_and_tells_its_owner(author, x_server, x_app, manager):
    """A refused refresh marks the account 'needs reconnecting', fails the channel and notifies the owner."""
    real_account("x", x_server, owner=manager)
    x_server.expire_access_tokens()
    x_server.revoke_refresh_tokens()
    post = make_approved_post(author, {"x": {"text": "Needs a reconnect."}})
    schedule(post)
    publish_due_jobs()
    job = job_of(post, "x")
    assert job.status == JobStatus.FAILED and job.error_kind == "reauth"
    assert PublishAccount.objects.get().status == AccountStatus.NEEDS_RECONNECT
    assert Notification.objects.filter(user=manager, kind="publish.reauth").exists()
    assert x_server.posts == []


def test_rejected_content_fails_only_that_channel(author, x_app):
    """LinkedIn refusing the content fails LinkedIn with its message; X still goes out: partly published."""
    with FakeLinkedInServer() as linkedin, FakeXServer() as x:
        real_account("linkedin", linkedin)
        real_account("x", x)
        linkedin.fail_next("/rest/posts", 422, restli_error(422, "Commentary contains a banned link"), method="POST")
        post = make_approved_post(author, {"x": {"text": "Both networks."}, "linkedin": {"text": "Both networks, longer."}})
        schedule(post)
        publish_due_jobs()
        failed, sent = job_of(post, "linkedin"), job_of(post, "x")
        assert failed.status == JobStatus.FAILED and "banned link" in failed.last_error and failed.attempts == 1
        assert sent.status == JobStatus.SENT
        assert Post.objects.get(pk=post.pk).status == PostStatus.PARTIALLY_PUBLISHED


def test_pause_stops_a_due_post_and_resume_sends_it(author, manager):
    """While paused a due job stays queued and nothing is sent; after resume it goes out."""
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Paused post."}})
    schedule(post)
    do_pause_publishing(manager, "Crisis review")
    assert try_publish_one_due_job() is False
    assert job_of(post, "x").status == JobStatus.QUEUED and not OutboxEntry.objects.exists()
    do_resume_publishing(manager)
    assert publish_due_jobs() == 1
    assert job_of(post, "x").status == JobStatus.SENT and OutboxEntry.objects.count() == 1


def test_post_edited_after_approval_is_not_published_with_old_content(author, manager):
    """Editing approved content makes a new revision; the old revision's job is cancelled, not sent."""
    from socialrx.server.actions.posts import PostInput, update_post

    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Old approved text."}}, due=now() + timedelta(hours=1))
    schedule(post)
    update_post(author, post, PostInput(title=post.title, variants={"x": {"text": "New unapproved text."}},
                                        scheduled_at=post.scheduled_at))  # fmt: skip
    PublishJob.objects.update(next_attempt_at=now(), due_at=now())
    Post.objects.filter(pk=post.pk).update(scheduled_at=now())
    publish_due_jobs()
    job = PublishJob.objects.get()
    assert job.status == JobStatus.CANCELLED and not OutboxEntry.objects.exists() and sandbox.outbox == []


def test_rescheduled_post_waits_for_its_new_time(author):
    """A job whose post moved later is not sent at the old time."""
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Moved later."}})
    schedule(post)
    later = now() + timedelta(hours=2)
    Post.objects.filter(pk=post.pk).update(scheduled_at=later)
    publish_due_jobs()
    job = job_of(post, "x")
    assert job.status == JobStatus.QUEUED and job.next_attempt_at == later


def test_sandbox_outbox_records_exactly_what_would_be_sent(author):
    """Sandbox accounts write the outbox: the parts, in order, for the channel."""
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"thread": ["One.", "Two."]}})
    schedule(post)
    publish_due_jobs()
    entry = OutboxEntry.objects.get()
    assert (entry.channel, entry.parts, len(entry.posted_ids)) == ("x", ["One.", "Two."], 2)
    assert sandbox.outbox == []  # persisted rows, not memory, hold the outbox


def test_doximity_becomes_a_manual_task(author):
    """A Doximity variant becomes a task with copy-ready text for a person, waiting for the live URL."""
    sandbox_account("doximity")
    post = make_approved_post(author, {"doximity": {"text": "For clinicians: new guideline summary."}})
    schedule(post)
    publish_due_jobs()
    task = ManualPublishTask.objects.get()
    assert task.assignee == author and "new guideline summary" in task.copy_text
    assert job_of(post, "doximity").status == JobStatus.MANUAL_PENDING


def test_newsletter_goes_through_djangos_mail_backend_to_subscribers(author, manager, mailoutbox):
    """A newsletter account sends one message per active subscriber with a working unsubscribe link."""
    from socialrx.server.actions.publishing import do_add_subscriber, do_unsubscribe

    stamp = now()
    PublishAccount.objects.create(network="email", name="Newsletter", external_id="news@clinic.example",
                                  sandbox=False, connected_at=stamp, updated_at=stamp)  # fmt: skip
    kept = do_add_subscriber(manager, "a@example.org")
    gone = do_add_subscriber(manager, "b@example.org")
    do_unsubscribe(gone.unsubscribe_token)
    post = make_approved_post(author, {"email": {"title": "November news", "text": "Hello **readers**."}})
    schedule(post)
    publish_due_jobs()
    assert job_of(post, "email").status == JobStatus.SENT
    [message] = mailoutbox
    assert message.to == ["a@example.org"] and message.subject == "November news"
    assert kept.unsubscribe_token in message.body and "List-Unsubscribe" in message.extra_headers
    assert "<strong>readers</strong>" in message.alternatives[0][0]


def test_tokens_never_appear_in_logs(author, x_server, x_app, caplog):
    """Publishing with a refresh logs nothing that contains a token."""
    caplog.set_level(logging.DEBUG)
    real_account("x", x_server, token_expires_at=now() - timedelta(minutes=1))
    post = make_approved_post(author, {"x": {"text": "Logging check."}})
    schedule(post)
    publish_due_jobs()
    for token in ("access-1", "refresh-1", "access-2", "refresh-2"):
        assert token not in caplog.text
    from socialrx.server.models import AuditEvent

    assert not any("access-" in str(event.data) for event in AuditEvent.objects.all())


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_racing_publish_every_job_once(make_user):
    """Four threads share the queue on PostgreSQL (skip_locked): every job is published exactly once."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connection, connections

    if connection.vendor != "postgresql":
        pytest.skip("row locks with skip_locked need PostgreSQL; SQLite serialises writers instead")
    writer = make_user("content_creator", username="racer")
    sandbox_account("x")
    sandbox_account("linkedin")
    for number in range(40):
        post = make_approved_post(writer, {"x": {"text": f"Race {number}"}, "linkedin": {"text": f"Race {number}"}},
                                  title=f"Race {number}")  # fmt: skip
        schedule(post)

    def work() -> int:
        try:
            return publish_due_jobs()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=4) as pool:
        handled = sum(pool.map(lambda _: work(), range(4)))
    assert handled == 80
    assert PublishJob.objects.filter(status=JobStatus.SENT).count() == 80
    assert OutboxEntry.objects.count() == 80
    keys = [entry.job.idempotency_key for entry in OutboxEntry.objects.select_related("job")]
    assert len(set(keys)) == 80


SENDS_STATEMENT_BUDGET = 13
"""Statements to publish one sandbox job: pause check, 2 claim selects, mark sending, post to publishing,
mark sent, outbox row, account stamp, status refresh (select + update), audit (3)."""


def test_one_sandbox_job_costs_a_fixed_small_number_of_statements(author):
    """Publishing one due sandbox job runs at most 13 SQL statements (savepoints aside), post and account included."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Count my queries."}})
    schedule(post)
    with CaptureQueriesContext(connection) as captured:
        assert try_publish_one_due_job() is True
    statements = [q["sql"] for q in captured.captured_queries
                  if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]  # fmt: skip
    assert len(statements) <= SENDS_STATEMENT_BUDGET, "\n".join(statements)
    assert job_of(post, "x").status == JobStatus.SENT and OutboxEntry.objects.count() == 1
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED


def test_a_job_whose_post_fell_back_to_draft_is_cancelled_not_sent(author):
    """At send time a post back in draft (even with its old approved revision recorded) cancels its job."""
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Pulled back."}})
    schedule(post)
    Post.objects.filter(pk=post.pk).update(status=PostStatus.DRAFT)
    assert try_publish_one_due_job() is True
    assert job_of(post, "x").status == JobStatus.CANCELLED and not OutboxEntry.objects.exists()
