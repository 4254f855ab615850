"""Writes of scheduled metric pulls: the schedule of each account, "pull now", and each pull's outcome.

The worker (`worker/metrics_pulls.py`) calls the platform; everything it records goes through here.
Fetched metrics are stored through the same path as CSV imports (`analytics_store.store_post_counts`):
one snapshot per post and day, so pulling again the same day replaces that day's figures.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta

from django.db import transaction
from django.utils.timezone import now

from socialrx.connectors.base import PostMetrics
from socialrx.server.actions import ActionError
from socialrx.server.lib import analytics_store as store
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.models import (
    METRICS_NETWORKS,
    AccountStatus,
    MetricsPull,
    PublishAccount,
    PullStatus,
)


def pullable_accounts():
    """Return the accounts whose metrics are pulled: connected, real (not sandbox), on a network with metrics."""
    return PublishAccount.objects.filter(network__in=METRICS_NETWORKS, sandbox=False, status=AccountStatus.CONNECTED)


def sync_metrics_pulls(moment: datetime | None = None) -> int:
    """Give each pullable account its schedule, and resume accounts reconnected since; return rows made or resumed."""
    moment = moment or now()
    missing = pullable_accounts().filter(metrics_pull__isnull=True)
    made = [MetricsPull(account=account, next_pull_at=moment, updated_at=moment) for account in missing]
    MetricsPull.objects.bulk_create(made)
    resumed = MetricsPull.objects.filter(status=PullStatus.NEEDS_RECONNECT, account__in=pullable_accounts()).update(
        status=PullStatus.WAITING, message="", next_pull_at=moment, attempts=0, updated_at=moment)
    return len(made) + resumed


def check_pull_metrics_now(user, account: PublishAccount) -> MetricsPull:
    """Authorise "pull now" and return the account's schedule; refuse accounts that cannot be pulled."""
    require_capability(user, "import_analytics")
    if account.network not in METRICS_NETWORKS:
        raise ActionError(f"{account.get_network_display()} has no metrics API; import its exports instead.")
    if account.sandbox:
        raise ActionError(f"{account} is a sandbox account: it has no real metrics to pull.")
    if account.status != AccountStatus.CONNECTED:
        raise ActionError(f"{account} is {account.get_status_display().lower()}; reconnect it before pulling.")
    sync_metrics_pulls()
    return MetricsPull.objects.get(account=account)


def do_pull_metrics_now(user, pull: MetricsPull) -> MetricsPull:
    """Make the account's pull due now and wake a worker (after commit)."""
    from socialrx.server.worker.metrics_pulls import pull_due_metrics_task

    moment = now()
    with transaction.atomic():
        MetricsPull.objects.filter(pk=pull.pk).update(next_pull_at=moment, attempts=0, updated_at=moment)
        log("socialrx.analytics.metrics_pull_requested", actor=user, obj=pull.account,
            data={"network": pull.account.network})
        transaction.on_commit(pull_due_metrics_task)
    pull.refresh_from_db()
    return pull


def post_counts_of_metrics(network: str, metrics: Sequence[PostMetrics],
                           labels: Mapping[str, tuple[str, str]]) -> list[store.PostCounts]:
    """Return fetched metrics as post counts of their fetch day (UTC), with each post's title and pillar."""
    counts = []
    for m in metrics:
        title, pillar = labels.get(m.platform_post_id, ("", ""))
        engagements = sum(value or 0 for value in (m.likes, m.comments, m.shares, m.clicks))
        counts.append(store.PostCounts(network=network, platform_post_id=m.platform_post_id, day=m.fetched_at.date(),
                                       impressions=m.impressions or 0, engagements=engagements, clicks=m.clicks or 0,
                                       views=m.views or 0, title=title[:300], pillar=pillar[:60]))
    return counts


def record_metrics_pulled(pull: MetricsPull, counts: Sequence[store.PostCounts], *, interval: timedelta) -> MetricsPull:
    """Store a successful pull's counts (replacing the same day's figures) and schedule the next pull."""
    moment = now()
    with transaction.atomic():
        created, updated, unchanged = store.store_post_counts(counts) if counts else (0, 0, 0)
        pull.status, pull.message, pull.attempts = PullStatus.OK, "", 0
        pull.last_attempt_at = pull.last_pulled_at = pull.updated_at = moment
        pull.posts_pulled, pull.next_pull_at = len(counts), moment + interval
        pull.save()
        log("socialrx.analytics.metrics_pull", obj=pull.account,
            data={"network": pull.account.network, "posts": len(counts), "created": created, "updated": updated,
                  "unchanged": unchanged})
    return pull


def record_metrics_pull_failed(pull: MetricsPull, *, status: str, message: str,
                               next_pull_at: datetime | None) -> MetricsPull:
    """Record a failed pull: its status, the reason and when to try again (None: after reconnecting)."""
    moment = now()
    with transaction.atomic():
        pull.status, pull.message = status, message[:500]
        pull.attempts += 1
        pull.last_attempt_at = pull.updated_at = moment
        pull.next_pull_at = next_pull_at
        pull.save()
        log("socialrx.analytics.metrics_pull_failed", obj=pull.account,
            data={"network": pull.account.network, "status": status, "reason": message[:300],
                  "next_pull_at": next_pull_at.isoformat() if next_pull_at else None})
    return pull
