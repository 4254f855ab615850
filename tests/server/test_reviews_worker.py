"""Periodic review work: expiry every minute and the morning digest, called directly with a frozen clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from socialrx.server.actions.reviews import set_email_mode
from socialrx.server.models import Post, PostStatus
from socialrx.server.worker import reviews as worker
from tests.server.test_reviews_support import submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


def test_periodic_expiry_task_expires_due_reviews(team):
    """The every-minute task expires a review whose post's time has come."""
    start = datetime(2025, 9, 1, 8, 0, tzinfo=NEW_YORK)
    with time_machine.travel(start, tick=False) as clock:
        post = submitted(team["author"], scheduled_at=start + timedelta(minutes=30))
        clock.move_to(start + timedelta(minutes=30))
        assert worker.expire_overdue_reviews_every_minute.call_local() == 1
    assert Post.objects.get(pk=post.pk).status == PostStatus.EXPIRED


def test_periodic_schedules():
    """Expiry runs every minute; the digest check runs at the top of every hour."""
    minute = datetime(2025, 9, 1, 8, 17, tzinfo=UTC)
    assert worker.expire_overdue_reviews_every_minute.task_class().validate_datetime(minute) is True
    assert worker.send_digests_each_morning.task_class().validate_datetime(minute) is False
    assert worker.send_digests_each_morning.task_class().validate_datetime(minute.replace(minute=0)) is True


def test_digests_go_out_in_the_morning_hour_only(team, django_capture_on_commit_callbacks):
    """Digests are sent when the clock reads the digest hour in the strategy's time zone, and not otherwise."""
    set_email_mode(team["healthcare_content_specialist"], "digest")
    with django_capture_on_commit_callbacks(execute=True):
        submitted(team["author"])
    assert worker.send_morning_digests(datetime(2025, 9, 1, 9, 0, tzinfo=NEW_YORK)) == 0
    assert mail.outbox == []
    morning = datetime(2025, 9, 1, worker.DIGEST_HOUR, 0, tzinfo=NEW_YORK)
    assert worker.send_morning_digests(morning) == 1
    assert mail.outbox[0].to == ["healthcare_content_specialist@example.org"]


def test_periodic_digest_task_uses_the_clock(team, django_capture_on_commit_callbacks):
    """The hourly task sends the digest when it runs in the morning hour."""
    set_email_mode(team["healthcare_content_specialist"], "digest")
    with django_capture_on_commit_callbacks(execute=True):
        submitted(team["author"])
    with time_machine.travel(datetime(2025, 9, 2, worker.DIGEST_HOUR, 0, 5, tzinfo=NEW_YORK), tick=False):
        assert worker.send_digests_each_morning.call_local() == 1
    assert len(mail.outbox) == 1
