"""Scheduled metric pulls: claim one account whose pull is due, fetch its posts' metrics, store them.

``try_pull_one_due_metrics`` is the unit of work; the Huey tasks loop around it. A due schedule row is
claimed with ``select_for_update(skip_locked=True)`` and moved a lease ahead before the platform is
called outside the transaction, so several workers share the accounts and a crashed pull comes back.
Typed connector errors decide what happens next: back off on ``Retryable``, wait for the reset on
``RateLimited``, mark the account on ``ReauthRequired``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils.timezone import now
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from socialrx.connectors.errors import ConnectorError, Disconnected, RateLimited, ReauthRequired, Retryable
from socialrx.server.actions.metrics_pulls import (
    post_counts_of_metrics,
    record_metrics_pull_failed,
    record_metrics_pulled,
    sync_metrics_pulls,
)
from socialrx.server.actions.publishing import (
    do_mark_reauth,
    do_store_refreshed_tokens,
    note_account_rate_limit,
)
from socialrx.server.lib.publishing import connector_account, connector_for, publishing_setting
from socialrx.server.lib.secrets import TokenKeyMissing
from socialrx.server.models import AccountStatus, JobStatus, MetricsPull, PublishJob, PullStatus
from socialrx.server.worker.publishing import backoff_delay

MAX_RETRIES = 5
"""Retryable failures in a row before a pull waits for the next regular interval."""

PULL_LEASE = timedelta(minutes=10)
"""How long a claimed pull is ours before another worker may take it again."""


def pull_interval() -> timedelta:
    """Return the time between two pulls of one account (SOCIALRX_METRICS_PULL_HOURS, default 6)."""
    return timedelta(hours=publishing_setting("SOCIALRX_METRICS_PULL_HOURS", 6.0))


def metrics_window() -> timedelta:
    """Return how far back sent posts are measured (SOCIALRX_METRICS_WINDOW_DAYS, default 90)."""
    return timedelta(days=publishing_setting("SOCIALRX_METRICS_WINDOW_DAYS", 90.0))


def try_pull_one_due_metrics() -> bool:
    """Claim and pull the account whose pull is most overdue; return False when none is due."""
    pull = _claim_due_pull(now())
    if pull is None:
        return False
    _pull(pull)
    return True


def pull_due_metrics(limit: int | None = None) -> int:
    """Pull every due account (or ``limit`` of them); return how many were handled."""
    handled = 0
    while (limit is None or handled < limit) and try_pull_one_due_metrics():
        handled += 1
    return handled


def _claim_due_pull(moment: datetime) -> MetricsPull | None:
    with transaction.atomic():
        pull = (MetricsPull.objects.select_for_update(skip_locked=True, of=("self",)).select_related("account")
                .filter(next_pull_at__lte=moment, account__status=AccountStatus.CONNECTED, account__sandbox=False)
                .order_by("next_pull_at", "id").first())  # fmt: skip
        if pull is not None:
            MetricsPull.objects.filter(pk=pull.pk).update(next_pull_at=moment + PULL_LEASE)
        return pull


def sent_post_labels(pull: MetricsPull, since: datetime) -> dict[str, tuple[str, str]]:
    """Return the platform ids of posts sent through the account since ``since``, with their title and pillar."""
    jobs = (PublishJob.objects.filter(account=pull.account, status=JobStatus.SENT, sent_at__gte=since)
            .exclude(platform_post_id="").select_related("post").order_by("sent_at"))  # fmt: skip
    return {job.platform_post_id: (job.post.title, job.post.pillar) for job in jobs}


def _pull(pull: MetricsPull) -> None:
    """Call the platform outside any transaction and record the outcome."""
    account = pull.account
    labels = sent_post_labels(pull, now() - metrics_window())
    connector = connector_for(account,
                              on_tokens_refreshed=lambda _acct, tokens: do_store_refreshed_tokens(account.pk, tokens))
    try:
        metrics = connector.fetch_metrics(connector_account(account), list(labels)) if labels else []
    except TokenKeyMissing as error:
        record_metrics_pull_failed(pull, status=PullStatus.FAILED, message=str(error),
                                   next_pull_at=now() + pull_interval())
    except ConnectorError as error:
        _record_error(pull, error)
    else:
        record_metrics_pulled(pull, post_counts_of_metrics(account.network, metrics, labels), interval=pull_interval())


def _record_error(pull: MetricsPull, error: ConnectorError) -> None:
    """Map a typed connector error to when the account is pulled next."""
    if isinstance(error, RateLimited):
        note_account_rate_limit(pull.account_id, error.reset_at)
        record_metrics_pull_failed(pull, status=PullStatus.RATE_LIMITED, next_pull_at=error.reset_at,
                                   message=f"Rate limited until {error.reset_at:%Y-%m-%d %H:%M} UTC: {error.message}")
    elif isinstance(error, ReauthRequired):
        do_mark_reauth(pull.account, error.message)
        record_metrics_pull_failed(pull, status=PullStatus.NEEDS_RECONNECT, next_pull_at=None,
                                   message=f"{error.message}. Reconnect the account; pulls resume when you do.")
    elif isinstance(error, Retryable) and pull.attempts < MAX_RETRIES:
        record_metrics_pull_failed(pull, status=PullStatus.RETRYING, message=error.message,
                                   next_pull_at=now() + backoff_delay(pull.attempts + 1))
    else:
        reason = error.message if isinstance(error, Disconnected) else f"Gave up for now: {error.message}"
        record_metrics_pull_failed(pull, status=PullStatus.FAILED, message=reason,
                                   next_pull_at=now() + pull_interval())


@db_task()
def pull_due_metrics_task() -> int:
    """Pull every account that is due now (queued by "pull now")."""
    return pull_due_metrics()


@db_periodic_task(crontab(minute="*/15"))
def pull_due_metrics_every_quarter_hour() -> int:
    """Give newly connected accounts their schedule, then pull every account that is due."""
    sync_metrics_pulls()
    return pull_due_metrics()
