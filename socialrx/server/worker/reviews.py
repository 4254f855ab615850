"""Periodic review work: expire reviews that ran out of time, and send the morning e-mail digests.

Each Huey task is a thin wrapper over a function the tests call directly with a frozen clock.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.utils.timezone import now
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from socialrx.server.actions.reviews import expire_overdue_reviews
from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.notify import send_digests

DIGEST_HOUR = 7  # local time in the strategy's time zone, before the working day starts


def send_morning_digests(at: datetime) -> int:
    """Send the daily digests if `at` falls in the digest hour of the strategy's time zone; return how many."""
    version = active_strategy_version()
    zone = ZoneInfo(strategy_of(version).organisation.timezone if version else "UTC")
    if at.astimezone(zone).hour != DIGEST_HOUR:
        return 0
    return send_digests()


@db_periodic_task(crontab(minute="*"))
@lock_task("socialrx-expire-overdue-reviews")
def expire_overdue_reviews_every_minute() -> int:
    return expire_overdue_reviews()


@db_periodic_task(crontab(minute="0"))
@lock_task("socialrx-send-digests")
def send_digests_each_morning() -> int:
    return send_morning_digests(now())
