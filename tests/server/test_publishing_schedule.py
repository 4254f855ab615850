"""Jobs follow the post: made when it becomes scheduled, re-timed when its time moves, cancelled when it
leaves scheduled (time cleared, edited after approval), in the same transaction as the change."""

from __future__ import annotations

from datetime import time, timedelta

import pytest
import time_machine
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.server.actions.calendar import move_post
from socialrx.server.actions.posts import do_schedule_post
from socialrx.server.lib.calendar import active_plan
from socialrx.server.models import (
    AuditEvent,
    JobStatus,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishJob,
)
from socialrx.server.worker.publishing import publish_due_jobs
from tests.server.test_reviews import BLOCKED_TEXT, edit_text
from tests.server.test_reviews_support import fully_approved, submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sandbox_accounts(db) -> None:
    sandbox.reset()
    stamp = now()
    for network in ("linkedin", "x"):
        PublishAccount.objects.create(network=network, name=f"Sandbox {network}", sandbox=True,
                                      external_id=f"sandbox-{network}", connected_at=stamp, updated_at=stamp)  # fmt: skip


def jobs_of(post: Post) -> dict[str, PublishJob]:
    return {job.channel: job for job in PublishJob.objects.filter(post=post, status=JobStatus.QUEUED)}


def approved_at(team: dict, when) -> Post:
    return fully_approved(submitted(team["author"], scheduled_at=when), team)


def test_final_approval_with_a_time_queues_one_job_per_channel_at_that_time(team):
    """The approval that schedules a post creates its jobs at once, for the approved revision and the post's time."""
    when = now() + timedelta(days=2)
    post = approved_at(team, when)
    assert post.status == PostStatus.SCHEDULED
    jobs = jobs_of(post)
    assert sorted(jobs) == ["linkedin", "x"]
    assert {(j.revision_id, j.due_at, j.next_attempt_at) for j in jobs.values()} == {(post.approved_revision_id, when, when)}


def test_approval_without_a_time_queues_nothing_until_the_post_is_scheduled(team):
    """An approved post without a time has no jobs; giving it a time creates them due then."""
    post = approved_at(team, None)
    assert post.status == PostStatus.APPROVED and not PublishJob.objects.exists()
    when = now() + timedelta(hours=5)
    post = do_schedule_post(team["social_media_manager"], post, when)
    assert post.status == PostStatus.SCHEDULED
    assert {j.due_at for j in jobs_of(post).values()} == {when} and len(jobs_of(post)) == 2


def test_changing_the_time_moves_the_queued_jobs(team):
    """Rescheduling re-times the untried jobs, keeping them (and their idempotency keys)."""
    post = approved_at(team, now() + timedelta(days=1))
    keys = {c: j.idempotency_key for c, j in jobs_of(post).items()}
    later = now() + timedelta(days=3)
    do_schedule_post(team["social_media_manager"], post, later)
    jobs = jobs_of(post)
    assert {c: j.idempotency_key for c, j in jobs.items()} == keys
    assert {(j.due_at, j.next_attempt_at) for j in jobs.values()} == {(later, later)}


def test_moving_on_the_calendar_moves_the_queued_jobs(team):
    """Dragging a scheduled post to another day moves its jobs to the new time."""
    post = approved_at(team, now() + timedelta(days=1))
    plan = active_plan()
    day = (now() + timedelta(days=4)).astimezone(plan.zone).date()
    moved = move_post(team["social_media_manager"], post, plan, day, time(10, 30))
    assert moved.scheduled_at.astimezone(plan.zone).date() == day
    assert {j.due_at for j in jobs_of(moved).values()} == {moved.scheduled_at}


def test_clearing_the_time_cancels_the_jobs_and_a_new_time_queues_them_again(team):
    """A post whose time is cleared goes back to approved and its jobs are cancelled; a new time revives them."""
    post = approved_at(team, now() + timedelta(days=1))
    keys = {c: j.idempotency_key for c, j in jobs_of(post).items()}
    post = do_schedule_post(team["social_media_manager"], post, None)
    assert post.status == PostStatus.APPROVED and not jobs_of(post)
    assert set(PublishJob.objects.values_list("status", flat=True)) == {JobStatus.CANCELLED}
    assert AuditEvent.objects.filter(action="socialrx.publish.cancel").count() == 2
    when = now() + timedelta(days=2)
    do_schedule_post(team["social_media_manager"], post, when)
    jobs = jobs_of(post)
    assert {c: j.idempotency_key for c, j in jobs.items()} == keys
    assert {(j.due_at, j.last_error) for j in jobs.values()} == {(when, "")}


def test_edit_after_approval_cancels_old_jobs_and_the_new_approval_queues_the_new_revision(team):
    """Editing a scheduled post cancels revision 1's queued jobs; approving revision 2 queues its jobs, and only
    revision 2 is published, once per channel."""
    when = now() + timedelta(days=1)
    post = approved_at(team, when)
    first = post.approved_revision
    post = edit_text(team["author"], post, post.variants.get(channel="linkedin").text.replace(":", ","))
    assert post.status == PostStatus.IN_REVIEW and not jobs_of(post)
    old = PublishJob.objects.filter(revision=first)
    assert old.count() == 2 and set(old.values_list("status", flat=True)) == {JobStatus.CANCELLED}
    assert "changed after this revision was approved" in old.first().last_error
    post = fully_approved(post, team)
    second = post.approved_revision
    assert second.number == 2 and {j.revision_id for j in jobs_of(post).values()} == {second.pk}
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        assert publish_due_jobs() == 2
    sent = PublishJob.objects.filter(status=JobStatus.SENT)
    assert {j.revision_id for j in sent} == {second.pk} and sent.count() == 2
    assert OutboxEntry.objects.count() == 2
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED


def test_edit_refused_by_a_blocking_finding_leaves_a_draft_with_no_jobs(team):
    """An approved post edited into a blocking finding drops to draft and its queued jobs are cancelled."""
    post = approved_at(team, now() + timedelta(days=1))
    post = edit_text(team["author"], post, BLOCKED_TEXT)
    assert post.status == PostStatus.DRAFT and not jobs_of(post)
    with time_machine.travel(now() + timedelta(days=2), tick=False):
        assert publish_due_jobs() == 0
    assert not PublishJob.objects.filter(status=JobStatus.SENT).exists()


def test_a_scheduled_post_publishes_at_its_time_without_the_minute_tick(team):
    """Jobs made at approval are sent by the worker once due, with no sync pass in between."""
    when = now() + timedelta(hours=2)
    post = approved_at(team, when)
    assert publish_due_jobs() == 0
    with time_machine.travel(when + timedelta(seconds=1), tick=False):
        assert publish_due_jobs() == 2
    assert Post.objects.get(pk=post.pk).status == PostStatus.PUBLISHED
