"""The publishing worker: claim one due job, re-check it, send it once, record what happened.

``try_publish_one_due_job`` is the unit of work (Zulip's ``try_deliver_one_scheduled_message``);
the Huey tasks only loop around it. Any number of workers share the queue: a job is claimed
with ``select_for_update(skip_locked=True)`` on PostgreSQL (SQLite's IMMEDIATE transactions
serialise claims), marked ``sending`` with its idempotency key committed, and the platform is
called outside the transaction. While the call runs, a ``LeaseKeeper`` thread renews the lease,
so a send slower than the lease (a long video upload) is never taken over by another worker.
A job still ``sending`` when its lease runs out belonged to a worker that died; before any retry
the platform is asked what the account posted, so nothing is posted twice. The attempt number
fences the records: a worker that lost its lease cannot record over the one that took it.
"""

from __future__ import annotations

import logging
import random
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from django.db import connection, transaction
from django.utils.timezone import now
from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from socialrx.connectors import sandbox
from socialrx.connectors.base import Connector, PublishRequest, PublishResult, posted_ids_in
from socialrx.connectors.errors import (
    ConnectorError,
    Disconnected,
    RateLimited,
    ReauthRequired,
    RejectedContent,
    Retryable,
)
from socialrx.server.actions.publishing import (
    cancel_job,
    do_mark_reauth,
    do_store_refreshed_tokens,
    note_account_rate_limit,
    open_manual_task,
    record_job_failed,
    record_job_retry,
    record_job_sent,
    save_account_quota,
    sync_scheduled_jobs,
)
from socialrx.server.lib.publishing import (
    account_for_channel,
    connector_for,
    publish_request,
    publishing_paused,
    publishing_setting,
)
from socialrx.server.lib.secrets import TokenKeyMissing
from socialrx.server.models import JobStatus, Post, PostStatus, PublishAccount, PublishJob

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 6
BACKOFF_BASE = timedelta(seconds=30)
BACKOFF_CAP = timedelta(hours=1)
RECONCILE_MARGIN = timedelta(minutes=5)
"""Look this far before the first attempt when asking the platform what was posted."""


def lease_duration() -> timedelta:
    """Return how long a claimed job is ours before another worker may reconcile it (setting, lazily)."""
    return timedelta(seconds=publishing_setting("SOCIALRX_PUBLISH_LEASE_SECONDS", 600.0))


class LeaseKeeper:
    """Renew a claimed job's lease every third of the lease while its send runs (its own thread and connection).

    ``lost`` is set when the job is no longer ours (another worker took it over, or it was cancelled).
    """

    def __init__(self, job: PublishJob) -> None:
        self.job = job
        self.lease = lease_duration()
        self.lost = threading.Event()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"lease-{job.pk}", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.lease.total_seconds() / 3):
                renewed = PublishJob.objects.filter(pk=self.job.pk, status=JobStatus.SENDING,
                                                    attempts=self.job.attempts).update(lease_until=now() + self.lease)
                if not renewed:
                    self.lost.set()
                    logger.warning("publish job %s: lease lost while sending", self.job.pk)
                    return
        except Exception:  # a failed renewal must not kill the send; the lease then runs out as for a dead worker
            logger.exception("publish job %s: lease renewal failed", self.job.pk)
        finally:
            connection.close()


def backoff_delay(attempts: int, *, rng: random.Random | None = None) -> timedelta:
    """Return the wait before attempt ``attempts + 1``: exponential, capped, with ±50 % jitter."""
    base = min(BACKOFF_BASE * (2 ** max(attempts - 1, 0)), BACKOFF_CAP)
    return base * (rng or random).uniform(0.5, 1.5)


UNAPPROVED = frozenset({PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED,
                        PostStatus.EXPIRED, PostStatus.CANCELLED})  # fmt: skip
"""A post in one of these states has no approval that a job could send."""


@dataclass(frozen=True)
class Claim:
    """A job this worker marked ``sending`` (loaded with its post, revision and account, as saved);
    ``reconcile`` when an earlier attempt may have posted."""

    job: PublishJob
    reconcile: bool


def try_publish_one_due_job(*, at: datetime | None = None) -> bool:
    """Claim and handle the oldest job due at ``at`` (default: now); return False when nothing is due.

    While publishing is paused only holding statements are claimed; every other job waits for the resume.
    The demo passes ``at`` to publish its history at the times it happened.
    """
    moment = at or now()
    handled, claim = _claim_due_job(moment)
    if claim is not None:
        _send(claim, at)
    return handled


def publish_due_jobs(limit: int | None = None, *, at: datetime | None = None) -> int:
    """Handle jobs due at ``at`` (default: now) until none is left (or ``limit``); return how many were handled."""
    handled = 0
    while (limit is None or handled < limit) and try_publish_one_due_job(at=at):
        handled += 1
    return handled


def _claim_due_job(moment: datetime) -> tuple[bool, Claim | None]:
    with transaction.atomic():
        # Two index-friendly queries rather than one OR: stale leases (rare) first, then the oldest due job.
        # The post, revision and account come along (one query, only the job's row locked) and stay loaded to the send.
        lockable = PublishJob.objects.select_for_update(skip_locked=True, of=("self",)).select_related(
            "post", "revision", "account")
        if publishing_paused():
            # While paused only incidents' holding statements go out: they are what a crisis needs published.
            lockable = lockable.filter(post__incident_statement__isnull=False)
        job = (lockable.filter(status=JobStatus.SENDING, lease_until__lte=moment).order_by("lease_until", "id").first()
               or lockable.filter(status=JobStatus.QUEUED, next_attempt_at__lte=moment).order_by("next_attempt_at", "id").first())  # fmt: skip
        if job is None:
            return False, None
        return True, _prepare(job, moment)


def _prepare(job: PublishJob, moment: datetime) -> Claim | None:
    """Re-check the job at send time; return a claim when it should be sent now."""
    post = job.post
    if post.approved_revision_id != job.revision_id or post.status in UNAPPROVED:
        cancel_job(job, "The post changed after this revision was approved; it was not sent.")
        return None
    if job.first_attempt_at is None and post.scheduled_at and post.scheduled_at > moment:
        PublishJob.objects.filter(pk=job.pk).update(due_at=post.scheduled_at, next_attempt_at=post.scheduled_at)
        return None
    account = job.account if job.account and job.account.usable else account_for_channel(job.channel)
    if account is None or not account.usable:
        reason = account.status_message if account else "no account is connected"
        record_job_failed(job, f"Cannot publish on {job.get_channel_display()}: {reason}. "
                               "Connect or reconnect the account, then retry.", kind="reauth")  # fmt: skip
        return None
    if account.rate_limited_until and account.rate_limited_until > moment:
        PublishJob.objects.filter(pk=job.pk).update(next_attempt_at=account.rate_limited_until, account=account,
                                                    status=JobStatus.QUEUED, lease_until=None)
        return None
    job.account = account
    connector = connector_for(account)
    if connector.manual:
        try:
            open_manual_task(job, connector.publish(publish_request(job, account)), at=moment)
        except RejectedContent as error:
            record_job_failed(job, error.message, kind="rejected")
        return None
    reconcile = job.first_attempt_at is not None
    job.status, job.attempts, job.lease_until = JobStatus.SENDING, job.attempts + 1, moment + lease_duration()
    job.first_attempt_at, job.updated_at = job.first_attempt_at or moment, moment
    job.save(update_fields=["status", "attempts", "lease_until", "first_attempt_at", "account", "updated_at"])
    if post.status == PostStatus.SCHEDULED:
        Post.objects.filter(pk=post.pk, status=PostStatus.SCHEDULED).update(status=PostStatus.PUBLISHING)
    logger.info("publish job %s claimed: post %s on %s, attempt %s%s", job.pk, post.pk, job.channel, job.attempts,
                " (reconciling after an interrupted send)" if reconcile else "")
    return Claim(job, reconcile)


def _send(claim: Claim, at: datetime | None) -> None:
    """Call the platform outside any transaction and record the outcome (at ``at``, default: now)."""
    job = claim.job
    account = job.account
    connector = connector_for(account, on_tokens_refreshed=lambda _acct, tokens: do_store_refreshed_tokens(account.pk, tokens))
    try:
        request = publish_request(job, account)
    except TokenKeyMissing as error:
        record_job_failed(job, str(error), kind="disconnected")
        return
    except RejectedContent as error:
        record_job_failed(job, error.message, kind="rejected")
        return
    try:
        with LeaseKeeper(job) as keeper:
            problems = connector.validate(request)
            if problems:
                raise RejectedContent(" ".join(problems), "validation")
            outcome = _reconciled(connector, job, request) if claim.reconcile else request
            if keeper.lost.is_set():
                return
            result = outcome if isinstance(outcome, PublishResult) else connector.publish(outcome)
            request = request if isinstance(outcome, PublishResult) else outcome
    except ConnectorError as error:
        _record_error(job, account, error, at)
    else:
        if record_job_sent(job, result, request, sandbox=account.sandbox, at=at) and account.sandbox:
            sandbox.take_sent(job.idempotency_key)
    finally:
        quota = getattr(connector, "quota", None)
        if quota is not None and not account.sandbox:
            save_account_quota(account.pk, quota.to_dict())


def _reconciled(connector: Connector, job: PublishJob, request: PublishRequest) -> PublishRequest | PublishResult:
    """Return the request resuming after what the platform already has, or the result if all of it is there."""
    since = (job.first_attempt_at or now()) - RECONCILE_MARGIN
    remote = connector.recent_posts(request.account, since)
    found = posted_ids_in(request, remote)
    posted = found if len(found) >= len(job.posted_ids) else tuple(job.posted_ids)
    wanted = len(request.parts) if connector.supports_threads and request.parts else 1
    if connector.key != "newsletter" and posted and len(posted) >= wanted:
        url = next((post.url for post in remote if post.platform_post_id == posted[0]), "")
        return PublishResult(platform_post_id=posted[0], url=url, posted_ids=posted, raw={"reconciled": True})
    return replace(request, already_posted_ids=posted)


def _record_error(job: PublishJob, account: PublishAccount, error: ConnectorError, at: datetime | None) -> None:
    """Map a typed connector error to what happens next (Postiz's refresh / bad-body / retry split)."""
    if isinstance(error, RateLimited):
        note_account_rate_limit(account.pk, error.reset_at)
        record_job_retry(job, error, at=error.reset_at, kind="rate_limited")
    elif isinstance(error, RejectedContent):
        record_job_failed(job, error.message, kind="rejected", posted_ids=error.posted_ids, at=at)
    elif isinstance(error, ReauthRequired):
        do_mark_reauth(account, error.message)
        record_job_failed(job, f"{error.message}. Reconnect the account; the channel is re-queued when you do.",
                          kind="reauth", posted_ids=error.posted_ids)  # fmt: skip
    elif isinstance(error, Disconnected):
        record_job_failed(job, error.message, kind="disconnected", posted_ids=error.posted_ids)
    elif isinstance(error, Retryable) and job.attempts < MAX_ATTEMPTS:
        record_job_retry(job, error, at=now() + backoff_delay(job.attempts), kind="retryable")
    else:
        record_job_failed(job, f"Gave up after {job.attempts} attempts: {error.message}", kind="retryable",
                          posted_ids=error.posted_ids)  # fmt: skip


@db_task()
def publish_due_jobs_task() -> int:
    """Publish everything due now (queued on "publish now", retries and resumes)."""
    return publish_due_jobs()


@db_periodic_task(crontab(minute="*"))
def publish_due_jobs_every_minute() -> int:
    """Give newly scheduled posts their jobs, then publish everything due."""
    sync_scheduled_jobs()
    return publish_due_jobs()
