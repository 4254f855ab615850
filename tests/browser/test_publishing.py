"""Publishing in the browser: publish a scheduled post now, see it sent with its sandbox link and in the
outbox; pause everything (a banner on every page) and resume."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.server.actions import publishing as publishing_actions
from socialrx.server.models import JobStatus, Post, PostStatus, PublishJob
from socialrx.server.worker.publishing import publish_due_jobs
from tests.browser.conftest import login
from tests.server.test_worker_publishing import make_approved_post, sandbox_account

pytestmark = pytest.mark.browser


@pytest.fixture
def scheduled_post(make_user) -> Post:
    """A manager, and an approved X post scheduled for tomorrow through a sandbox account."""
    sandbox.reset()
    make_user("social_media_manager", username="manager")
    author = make_user("content_creator", username="author")
    sandbox_account("x")
    return make_approved_post(author, {"x": {"text": "Flu clinic open Saturday 9-1."}}, due=now() + timedelta(days=1),
                              title="Saturday flu clinic")  # fmt: skip


@pytest.fixture
def worker_in_test(monkeypatch) -> None:
    """Leave the sending to the test: the web request does not wake a worker, the test runs the unit."""
    monkeypatch.setattr(publishing_actions, "kick_worker", lambda eta=None: None)


def test_publish_now_then_sent_with_link_and_outbox(scheduled_post, worker_in_test, page, page_errors):
    """The manager sees the scheduled post in the queue, publishes it now; the worker sends it once; the job
    shows its sandbox address (as text: only http(s) addresses become links) and the outbox shows what went out."""
    login(page, "manager")
    page.goto("/publishing/")
    row = page.locator("#waiting tr", has_text="Saturday flu clinic")
    assert "Scheduled" in row.inner_text()
    row.get_by_role("button", name="Publish now").click()
    page.wait_for_selector("text=is going out now")
    assert PublishJob.objects.get().status == JobStatus.QUEUED
    assert publish_due_jobs() == 1
    job = PublishJob.objects.get()
    assert job.status == JobStatus.SENT and job.url.startswith("sandbox://x/")
    assert Post.objects.get(pk=scheduled_post.pk).status == PostStatus.PUBLISHED
    page.goto("/publishing/")
    job_row = page.locator(f"#job-{job.pk}")
    assert "Sent" in job_row.locator(".status").inner_text()
    assert job.url in job_row.inner_text() and job_row.locator("a[href^='sandbox:']").count() == 0  # not a web link
    page.goto("/publishing/outbox/")
    entry = page.locator(".outbox-entry", has_text="Saturday flu clinic")
    assert "Flu clinic open Saturday 9-1." in entry.inner_text() and job.platform_post_id in entry.inner_text()
    assert page_errors == []


def test_pause_shows_the_banner_and_resume_removes_it(scheduled_post, worker_in_test, page, page_errors):
    """Pausing all publishing puts a banner on every page, refuses "Publish now" saying nothing was queued, and
    holds a due post; resuming removes the banner and the post goes out."""
    login(page, "manager")
    page.goto("/publishing/")
    page.fill("#switch input[name=reason]", "Checking the clinic hours")
    page.get_by_role("button", name="Pause all publishing").click()
    page.wait_for_selector(".pause-banner")
    assert "Checking the clinic hours" in page.locator(".pause-banner").inner_text()
    page.goto("/")
    assert page.locator(".pause-banner").is_visible()
    page.goto("/publishing/")
    page.locator("#waiting tr", has_text="Saturday flu clinic").get_by_role("button", name="Publish now").click()
    page.wait_for_selector("text=nothing was queued")
    assert not PublishJob.objects.exists()
    Post.objects.filter(pk=scheduled_post.pk).update(scheduled_at=now() - timedelta(seconds=1))
    publishing_actions.sync_scheduled_jobs()
    assert publish_due_jobs() == 0 and PublishJob.objects.get().status == JobStatus.QUEUED
    page.goto("/publishing/")
    page.get_by_role("button", name="Resume publishing").click()
    page.wait_for_selector("text=Publishing resumed.")
    assert page.locator(".pause-banner").count() == 0
    assert publish_due_jobs() == 1 and PublishJob.objects.get().status == JobStatus.SENT
    assert page_errors == []
