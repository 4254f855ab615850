"""The whole demo, built once for this module: every state reached through the real flow, every area rolled to today."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.cli import DEMO_PASSWORD, DEMO_USERS
from socialrx.server.demo import load_demo
from socialrx.server.demo_relationships import demo_conferences, rsna_dates
from socialrx.server.lib.audit import verify_chain
from socialrx.server.lib.calendar import active_plan
from socialrx.server.lib.listening_insights import MentionFilter, filtered_mentions, positive_share
from socialrx.server.models import (
    AuditEvent,
    Event,
    IncidentStatement,
    JobStatus,
    ManualPublishTask,
    NetworkDay,
    OutboxEntry,
    Post,
    PostStatus,
    PublishJob,
    ReviewDecision,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """Load the demo once in a transaction that is rolled back after the module's tests."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            yield load_demo(DEMO_USERS, DEMO_PASSWORD)
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_every_published_post_went_through_review_and_publishing(demo):
    """Each published post was approved on every task by people other than its author, and each channel was
    sent by the worker (outbox entry and platform id) or posted by hand (live URL), with its audit event."""
    published = Post.objects.filter(status=PostStatus.PUBLISHED)
    assert published.count() >= 20
    for post in published:
        workflow = post.workflows.get(revision=post.approved_revision)
        decisions = ReviewDecision.objects.filter(task__workflow=workflow)
        expected = ({"crisis_clinical", "crisis_legal", "crisis_final"} if IncidentStatement.objects.filter(post=post).exists()
                    else {"clinical", "regulatory", "final"})  # a holding statement takes the expedited crisis review
        assert {d.task.key for d in decisions} == expected
        assert {d.decision for d in decisions} == {"approve"}
        assert post.author_id not in {d.user_id for d in decisions}
        assert len({d.user_id for d in decisions}) >= 2
        for job in post.publish_jobs.all():
            assert job.status == JobStatus.SENT and job.sent_at >= post.scheduled_at
            if job.channel == "doximity":
                assert ManualPublishTask.objects.get(job=job).live_url.startswith("https://www.doximity.com/")
                assert AuditEvent.objects.filter(action="socialrx.publish.manual_done", object_id=str(job.pk)).exists()
            else:
                assert job.platform_post_id and OutboxEntry.objects.filter(job=job).exists()
                assert AuditEvent.objects.filter(action="socialrx.publish.sent", object_id=str(job.pk)).exists()


def test_every_scheduled_post_is_approved_with_a_queued_job(demo):
    """Each scheduled post has an approved revision, a future time and a queued job per channel due then."""
    scheduled = Post.objects.filter(status=PostStatus.SCHEDULED)
    assert scheduled.count() >= 10
    for post in scheduled:
        assert post.approved_revision_id and post.scheduled_at > now()
        jobs = PublishJob.objects.filter(post=post, revision=post.approved_revision)
        assert jobs.count() == post.variants.count()
        assert {(j.status, j.due_at) for j in jobs} == {(JobStatus.QUEUED, post.scheduled_at)}


def test_posts_sit_at_their_slots_local_times(demo):
    """Every post placed in a slot goes out at the slot's planned local time (no times of day the plan never made)."""
    plan = active_plan()
    today = localdate(now(), plan.zone)
    slots = {s.id: s for s in plan.slots_between(today - timedelta(days=40), today + timedelta(days=100))}
    placed = [p for p in Post.objects.exclude(slot_id="") if p.slot_id in slots]
    assert len(placed) >= 50
    assert all(p.scheduled_at == slots[p.slot_id].start for p in placed)
    published = Post.objects.filter(status=PostStatus.PUBLISHED).exclude(incident_statement__isnull=False)  # released in a crisis
    published_times = {p.scheduled_at.astimezone(plan.zone).time() for p in published}
    assert published_times <= {s.start.time() for s in slots.values()}


def test_history_is_recorded_when_it_happened(demo):
    """Published posts' writing, reviews and sending are audited at their own past times, and the chain verifies."""
    post = Post.objects.filter(status=PostStatus.PUBLISHED).order_by("scheduled_at").first()
    created = AuditEvent.objects.get(action="socialrx.post.create", object_type="post", object_id=str(post.pk))
    assert created.occurred_at < post.scheduled_at < now() - timedelta(days=7)
    assert verify_chain().ok is True


def test_analytics_run_up_to_yesterday(demo):
    """Daily network figures end yesterday (in the strategy's zone), so the current month has data."""
    yesterday = localdate(now(), active_plan().zone) - timedelta(days=1)
    assert NetworkDay.objects.filter(day=yesterday).count() == 4
    assert not NetworkDay.objects.filter(day__gt=yesterday).exists()


def test_mentions_of_the_last_30_days_agree_between_overview_and_list(demo):
    """The overview's 30-day total equals the Mentions list's count, and most demo mentions are distinct stories."""
    since_days = 30
    total, _ = positive_share(now() - timedelta(days=since_days))
    manager = get_user_model().objects.get(username="manager")
    listed = filtered_mentions(manager, MentionFilter(days=since_days)).count()
    with_copies = filtered_mentions(manager, MentionFilter(days=since_days, copies=True)).count()
    assert total == listed and total > 0.7 * with_copies > 500


def test_conferences_are_on_their_real_dates(demo):
    """RSNA meets from the Sunday after US Thanksgiving to the Thursday; the demo's conferences are on those dates."""
    assert rsna_dates(2024) == (date(2024, 12, 1), date(2024, 12, 5))
    assert rsna_dates(2025) == (date(2025, 11, 30), date(2025, 12, 4))
    assert rsna_dates(2026) == (date(2026, 11, 29), date(2026, 12, 3))
    expected = {(e.name, e.start, e.end) for e in demo_conferences(localdate())}
    assert set(Event.objects.values_list("name", "start", "end")) == expected


def test_summary_names_each_area(demo):
    """The summary has a line per area, the calendar's with published and scheduled counts."""
    calendar = next(line for line in demo if line.startswith("Calendar:"))
    assert "published" in calendar and "scheduled" in calendar
    assert {line.split(":")[0] for line in demo} >= {"Strategy", "People", "Reviews", "Listening", "Analytics",
                                                     "Accounts", "Calendar", "Crisis"}
