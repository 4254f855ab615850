"""Writes on publishing: pause and resume, jobs (schedule, publish now, retry, outcomes),
manual Doximity tasks, connected accounts (OAuth, tokens, health) and the newsletter list."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils.timezone import now

from socialrx.connectors.base import OAuthTokens, PublishRequest, PublishResult
from socialrx.connectors.errors import ConnectorError
from socialrx.connectors.oauth import new_pkce_pair, new_state
from socialrx.connectors.registry import connector_class
from socialrx.core.http_urls import is_http_url
from socialrx.server.actions import ActionError
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.notify import holders_of, notify
from socialrx.server.lib.publishing import account_for_channel, oauth_app, oauth_callback_url
from socialrx.server.lib.secrets import TokenKeyMissing, decrypt_token, encrypt_token, token_cipher
from socialrx.server.models import (
    CONNECTOR_KEY_BY_CHANNEL,
    NETWORKS,
    AccountStatus,
    IncidentStatement,
    JobStatus,
    ManualPublishTask,
    ManualTaskStatus,
    NewsletterSubscriber,
    OAuthConnection,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishingSwitch,
    PublishJob,
)

OAUTH_NETWORKS = ("x", "linkedin", "youtube")
PKCE_NETWORKS = ("x", "youtube")
OAUTH_STATE_LIFETIME = timedelta(minutes=15)
PUBLISHABLE = (PostStatus.APPROVED, PostStatus.SCHEDULED)
OPEN = (JobStatus.QUEUED, JobStatus.SENDING, JobStatus.MANUAL_PENDING)


# The switch


def _switch_for_update() -> PublishingSwitch:
    PublishingSwitch.objects.get_or_create(pk=1)
    return PublishingSwitch.objects.select_for_update().get(pk=1)


def do_pause_publishing(user, reason: str, *, crisis: bool = False, incident_id: int | None = None,
                        at: datetime | None = None) -> PublishingSwitch:
    """Pause all scheduled publishing until someone authorised resumes it (at ``at``, default now)."""
    require_capability(user, "pause_publishing" if not crisis else "manage_crisis")
    if not reason.strip():
        raise ActionError("reason: say why publishing is paused")
    with transaction.atomic():
        switch = _switch_for_update()
        switch.paused, switch.reason, switch.crisis, switch.incident_id = True, reason.strip()[:300], crisis, incident_id
        switch.changed_by, switch.changed_at = user, at or now()
        switch.save()
        log("socialrx.publish.pause", actor=user, obj=switch, data={"reason": switch.reason, "crisis": crisis,
                                                                    "incident": incident_id}, at=at)
    return switch


def do_resume_publishing(user, *, at: datetime | None = None) -> PublishingSwitch:
    """Resume scheduled publishing (at ``at``, default now); lifting crisis mode needs the crisis permission."""
    with transaction.atomic():
        switch = _switch_for_update()
        require_capability(user, "manage_crisis" if switch.crisis else "pause_publishing")
        if not switch.paused:
            raise ActionError("Publishing is not paused.")
        switch.paused, switch.crisis, switch.incident_id, switch.reason = False, False, None, ""
        switch.changed_by, switch.changed_at = user, at or now()
        switch.save()
        log("socialrx.publish.resume", actor=user, obj=switch, at=at)
        transaction.on_commit(kick_worker)
    return switch


# Jobs


def kick_worker(eta: datetime | None = None) -> None:
    """Ask a worker to publish what is due (at ``eta``); the minute tick is the safety net."""
    from socialrx.server.worker.publishing import publish_due_jobs_task

    if eta is None or eta <= now():
        publish_due_jobs_task()
    else:
        publish_due_jobs_task.schedule(eta=eta)


def _has_content(variant: dict) -> bool:
    return bool(variant.get("text") or variant.get("thread") or variant.get("title"))


def enqueue_post_jobs(post: Post, *, due_at: datetime, at: datetime | None = None) -> list[PublishJob]:
    """Create one queued job per channel variant of the post's approved revision; keep existing ones."""
    revision = post.approved_revision
    if revision is None:
        raise ActionError("This post has no approved revision to publish.")
    stamp = at or now()
    jobs = []
    for variant in revision.content.get("variants", []):
        if not _has_content(variant):
            continue
        job, _ = PublishJob.objects.get_or_create(
            revision=revision, channel=variant["channel"],
            defaults={"post": post, "account": account_for_channel(variant["channel"]), "due_at": due_at,
                      "next_attempt_at": due_at, "created_at": stamp, "updated_at": stamp})  # fmt: skip
        jobs.append(job)
    return jobs


def sync_post_jobs(post: Post, *, at: datetime | None = None) -> list[PublishJob]:
    """Bring the post's untried jobs in line with it, inside the caller's transaction; return its jobs.

    A scheduled post gets one queued job per channel of its approved revision, due at its time (a job
    cancelled when its time was cleared is queued again). Untried jobs of any other revision, or of a
    post that is no longer scheduled, are cancelled. A worker is woken for the post's time.
    """
    untried = PublishJob.objects.filter(post=post, status=JobStatus.QUEUED, first_attempt_at__isnull=True)
    scheduled = bool(post.status == PostStatus.SCHEDULED and post.approved_revision_id and post.scheduled_at)
    stale = untried.exclude(revision_id=post.approved_revision_id) if scheduled else untried
    for job in stale.select_related("revision"):
        edited = job.revision_id != post.approved_revision_id
        cancel_job(job, "The post changed after this revision was approved; it was not sent." if edited
                   else "The post is no longer scheduled; it was not sent.")  # fmt: skip
    if not scheduled:
        return []
    due, stamp = post.scheduled_at, at or now()
    PublishJob.objects.filter(post=post, revision_id=post.approved_revision_id, status=JobStatus.CANCELLED,
                              first_attempt_at__isnull=True).update(
        status=JobStatus.QUEUED, last_error="", error_kind="", updated_at=stamp)  # fmt: skip
    untried.filter(revision_id=post.approved_revision_id).exclude(due_at=due, next_attempt_at=due).update(
        due_at=due, next_attempt_at=due, updated_at=stamp)
    jobs = enqueue_post_jobs(post, due_at=due, at=stamp)
    transaction.on_commit(lambda: kick_worker(due))
    return jobs


def sync_scheduled_jobs() -> int:
    """Give every scheduled post its jobs, and move unsent jobs to the post's current time; return jobs made."""
    approved_jobs = PublishJob.objects.filter(post=OuterRef("pk"), revision=OuterRef("approved_revision"))
    waiting = Post.objects.filter(status=PostStatus.SCHEDULED, approved_revision__isnull=False,
                                  scheduled_at__isnull=False).filter(~Exists(approved_jobs))  # fmt: skip
    made = 0
    for post in waiting.select_related("approved_revision"):
        with transaction.atomic():
            made += len(enqueue_post_jobs(post, due_at=post.scheduled_at))
    moved = PublishJob.objects.filter(status=JobStatus.QUEUED, first_attempt_at__isnull=True,
                                      post__status=PostStatus.SCHEDULED, post__scheduled_at__isnull=False,
                                      revision=F("post__approved_revision")).exclude(due_at=F("post__scheduled_at"))  # fmt: skip
    for job in moved.select_related("post"):
        PublishJob.objects.filter(pk=job.pk, status=JobStatus.QUEUED, first_attempt_at__isnull=True).update(
            due_at=job.post.scheduled_at, next_attempt_at=job.post.scheduled_at, updated_at=now())
    return made


def is_holding_statement(post: Post) -> bool:
    """Return whether the post is an incident's holding statement (exempt from the crisis pause)."""
    return IncidentStatement.objects.filter(post_id=post.pk).exists()


def check_publish_now(user, post: Post) -> None:
    """Authorise "publish now"; refuse posts that are not approved, and anything but a holding statement
    while publishing is paused. Releasing a statement during crisis mode needs the crisis permission."""
    require_capability(user, "manage_publishing")
    if post.status not in PUBLISHABLE or post.approved_revision_id is None:
        raise ActionError(f"Only an approved post can be published now; this one is {post.get_status_display().lower()}.")
    switch = PublishingSwitch.objects.filter(pk=1, paused=True).first()
    if switch is None:
        return
    if not is_holding_statement(post):
        mode = "Crisis mode is on" if switch.crisis else "Publishing is paused"
        raise ActionError(f"{mode} ({switch.reason}): nothing was queued. Posts go out when publishing resumes; "
                          "only an approved holding statement can be released now, from its incident.")  # fmt: skip
    if switch.crisis:
        require_capability(user, "manage_crisis")


def do_publish_now(user, post: Post, *, at: datetime | None = None) -> list[PublishJob]:
    """Queue every channel of the approved revision to go out now, and wake a worker.

    With ``at`` (a replayed past moment, as the demo does) the jobs are due then and the caller runs the worker.
    """
    with transaction.atomic():
        post = Post.objects.select_for_update(of=("self",)).select_related("approved_revision").get(pk=post.pk)
        check_publish_now(user, post)
        stamp = at or now()
        post.scheduled_at, post.status, post.updated_at = stamp, PostStatus.SCHEDULED, stamp
        post.save(update_fields=["scheduled_at", "status", "updated_at"])
        jobs = enqueue_post_jobs(post, due_at=stamp, at=at)
        PublishJob.objects.filter(pk__in=[j.pk for j in jobs], status=JobStatus.QUEUED,
                                  first_attempt_at__isnull=True).update(due_at=stamp, next_attempt_at=stamp)  # fmt: skip
        log("socialrx.publish.now", actor=user, obj=post, revision_hash=post.approved_revision.content_hash,
            data={"channels": sorted(j.channel for j in jobs)}, at=at)
        if at is None:
            transaction.on_commit(kick_worker)
    return jobs


def publish_now(user, post: Post) -> list[PublishJob]:
    check_publish_now(user, post)
    return do_publish_now(user, post)


def do_retry_job(user, job: PublishJob) -> PublishJob:
    """Queue one failed channel again, keeping what it already posted so nothing is sent twice."""
    require_capability(user, "manage_publishing")
    with transaction.atomic():
        job = PublishJob.objects.select_for_update(of=("self",)).select_related("post", "revision").get(pk=job.pk)
        if job.status != JobStatus.FAILED:
            raise ActionError(f"Only a failed channel can be retried; this one is {job.get_status_display().lower()}.")
        if job.post.approved_revision_id != job.revision_id:
            raise ActionError("The post changed after this revision was approved; approve the new revision instead.")
        job.status, job.attempts, job.next_attempt_at = JobStatus.QUEUED, 0, now()
        job.last_error, job.error_kind, job.updated_at = "", "", now()
        if job.account is None or not job.account.usable:
            job.account = account_for_channel(job.channel)
        job.save()
        refresh_post_status(job.post_id)
        log("socialrx.publish.retry", actor=user, obj=job, revision_hash=job.revision.content_hash,
            data={"channel": job.channel})
        transaction.on_commit(kick_worker)
    return job


def refresh_post_status(post_id: int, *, at: datetime | None = None) -> str:
    """Set the post's status from its jobs (published, partly published, failed, publishing) at ``at``; return it."""
    statuses = set(PublishJob.objects.filter(post_id=post_id).exclude(status=JobStatus.CANCELLED)
                   .values_list("status", flat=True))  # fmt: skip
    if not statuses:
        return ""
    if statuses & set(OPEN):
        status = PostStatus.PUBLISHING
    elif statuses == {JobStatus.SENT}:
        status = PostStatus.PUBLISHED
    elif JobStatus.SENT in statuses:
        status = PostStatus.PARTIALLY_PUBLISHED
    else:
        status = PostStatus.FAILED
    Post.objects.filter(pk=post_id).exclude(status=status).update(status=status, updated_at=at or now())
    return status


logger = logging.getLogger(__name__)


def record_job_sent(job: PublishJob, result: PublishResult, request: PublishRequest, *, sandbox: bool,
                    at: datetime | None = None) -> bool:
    """Record what the platform created at ``at`` (default: now), unless another worker took the job over;
    return whether recorded."""
    stamp = at or now()
    with transaction.atomic():
        updated = PublishJob.objects.filter(pk=job.pk, status=JobStatus.SENDING, attempts=job.attempts).update(
            status=JobStatus.SENT, platform_post_id=result.platform_post_id, url=result.url,
            posted_ids=list(result.posted_ids), sent_at=stamp, lease_until=None, last_error="", error_kind="",
            updated_at=stamp)  # fmt: skip
        if not updated:
            return False
        if sandbox:
            _record_outbox(job, request, result, stamp)
        PublishAccount.objects.filter(pk=job.account_id).update(last_published_at=stamp)
        refresh_post_status(job.post_id, at=stamp)
        log("socialrx.publish.sent", obj=job, revision_hash=job.revision.content_hash,
            data={"channel": job.channel, "platform_post_id": result.platform_post_id, "url": result.url,
                  "attempts": job.attempts}, at=stamp)  # fmt: skip
    logger.info("publish job %s sent: post %s on %s as %s (attempt %s)", job.pk, job.post_id, job.channel,
                result.platform_post_id, job.attempts)
    return True


def _record_outbox(job: PublishJob, request: PublishRequest, result: PublishResult, stamp: datetime) -> None:
    payload = {"description": request.description, "tags": list(request.tags), "html": request.html,
               "commentary": request.commentary,
               "recipients": [r.email for r in request.recipients],
               "media": [{"name": m.path.name, "alt_text": m.alt_text} for m in request.media],
               "publish_at": request.publish_at.isoformat() if request.publish_at else None}  # fmt: skip
    entry = OutboxEntry(job=job, channel=job.channel, account_name=job.account.name if job.account else "",
                        title=request.title, parts=list(request.parts), payload=payload,
                        posted_ids=list(result.posted_ids), sent_at=stamp)  # fmt: skip
    OutboxEntry.objects.bulk_create([entry], ignore_conflicts=True)  # one INSERT; a job has one entry


def record_job_retry(job: PublishJob, error: ConnectorError, *, at: datetime, kind: str) -> bool:
    """Put the job back in the queue for ``at``, keeping the ids it already posted."""
    posted = list(error.posted_ids) if len(error.posted_ids) >= len(job.posted_ids) else list(job.posted_ids)
    updated = PublishJob.objects.filter(pk=job.pk, status=JobStatus.SENDING, attempts=job.attempts).update(
        status=JobStatus.QUEUED, next_attempt_at=at, lease_until=None, last_error=error.message[:2000],
        error_kind=kind, posted_ids=posted, updated_at=now())  # fmt: skip
    if updated:
        logger.warning("publish job %s on %s will retry at %s (%s): %s", job.pk, job.channel, at.isoformat(), kind,
                       error.message[:300])
    return bool(updated)


def record_job_failed(job: PublishJob, message: str, *, kind: str, posted_ids: tuple[str, ...] = (),
                      at: datetime | None = None) -> bool:
    """Fail the channel with the platform's message at ``at`` (default: now); other channels go on."""
    stamp = at or now()
    posted = list(posted_ids) if len(posted_ids) >= len(job.posted_ids) else list(job.posted_ids)
    with transaction.atomic():
        updated = PublishJob.objects.filter(pk=job.pk, status__in=[JobStatus.SENDING, JobStatus.QUEUED],
                                            attempts=job.attempts).update(
            status=JobStatus.FAILED, lease_until=None, last_error=message[:2000], error_kind=kind, posted_ids=posted,
            updated_at=stamp)  # fmt: skip
        if not updated:
            return False
        refresh_post_status(job.post_id, at=stamp)
        log("socialrx.publish.failed", obj=job, revision_hash=job.revision.content_hash,
            data={"channel": job.channel, "kind": kind, "error": message[:500]}, at=stamp)
    logger.warning("publish job %s failed: post %s on %s (%s): %s", job.pk, job.post_id, job.channel, kind, message[:300])
    return True


def cancel_job(job: PublishJob, reason: str) -> None:
    """Cancel a job whose revision is no longer the approved one (the post was edited after approval)."""
    PublishJob.objects.filter(pk=job.pk).update(status=JobStatus.CANCELLED, lease_until=None, last_error=reason,
                                                error_kind="cancelled", updated_at=now())  # fmt: skip
    log("socialrx.publish.cancel", obj=job, revision_hash=job.revision.content_hash,
        data={"channel": job.channel, "reason": reason})


# Manual (Doximity) tasks


def open_manual_task(job: PublishJob, result: PublishResult, *, at: datetime | None = None) -> ManualPublishTask:
    """Turn the job into a task for a person (at ``at``, default now): the account's owner, else the post's author."""
    stamp = at or now()
    manual = result.manual_task
    assignee = (job.account.owner if job.account and job.account.owner_id else None) or job.post.author
    task, _ = ManualPublishTask.objects.get_or_create(job=job, defaults={
        "assignee": assignee, "copy_text": manual.copy_text if manual else "", "created_at": stamp,
        "checklist": list(manual.checklist) if manual else [],
        "destination_url": manual.destination_url if manual else ""})  # fmt: skip
    PublishJob.objects.filter(pk=job.pk).update(status=JobStatus.MANUAL_PENDING, platform_post_id=result.platform_post_id,
                                                lease_until=None, updated_at=stamp)  # fmt: skip
    refresh_post_status(job.post_id, at=stamp)
    notify([assignee], kind="publish.manual", message=f"Post by hand on {job.get_channel_display()}: {job.post.title}",
           url=reverse("publishing-manual"), post=job.post, at=stamp)  # fmt: skip
    log("socialrx.publish.manual_task", obj=job, revision_hash=job.revision.content_hash,
        data={"channel": job.channel, "assignee": assignee.get_username()}, at=stamp)
    return task


def check_live_url(channel: str, live_url: str) -> str:
    """Return the live post's URL if it is an https link on the channel's site, else raise."""
    url = live_url.strip()
    if not is_http_url(url):
        raise ActionError("live URL: paste the post's web address (https://…)")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if channel == "doximity" and not (parts.scheme == "https" and (host == "doximity.com" or host.endswith(".doximity.com"))):
        raise ActionError("live URL: paste the post's address on Doximity (https://www.doximity.com/…)")
    if not parts.path.strip("/"):
        raise ActionError("live URL: paste the address of the post itself, not the site's home page")
    return url


def do_complete_manual_task(user, task: ManualPublishTask, live_url: str, *, at: datetime | None = None) -> ManualPublishTask:
    """Close a manual task with the live post's URL at ``at`` (default: now); the channel counts as sent."""
    if not (task.assignee_id == getattr(user, "pk", None) or has_capability(user, "manage_publishing")):
        require_capability(user, "manage_publishing")
    with transaction.atomic():
        task = ManualPublishTask.objects.select_for_update(of=("self",)).select_related("job__revision").get(pk=task.pk)
        if task.status != ManualTaskStatus.OPEN:
            raise ActionError("This task is already closed.")
        url = check_live_url(task.job.channel, live_url)
        stamp = at or now()
        task.status, task.live_url, task.completed_by, task.completed_at = ManualTaskStatus.DONE, url, user, stamp
        task.save()
        PublishJob.objects.filter(pk=task.job_id).update(status=JobStatus.SENT, url=url, posted_ids=[url], sent_at=stamp,
                                                         updated_at=stamp)  # fmt: skip
        refresh_post_status(task.job.post_id, at=stamp)
        log("socialrx.publish.manual_done", actor=user, obj=task.job, revision_hash=task.job.revision.content_hash,
            data={"channel": task.job.channel, "url": url}, at=stamp)
    return task


# Accounts


def _network_label(network: str) -> str:
    return dict(NETWORKS).get(network, network)


def do_connect_sandbox_account(user, network: str, name: str, external_id: str = "") -> PublishAccount:
    """Connect a sandbox account: it publishes to the outbox and needs no tokens."""
    require_capability(user, "manage_accounts")
    if network not in dict(NETWORKS):
        raise ActionError(f"network: {network!r} is not one of {', '.join(dict(NETWORKS))}")
    if not name.strip():
        raise ActionError("name: name the account (e.g. the page or handle)")
    stamp = now()
    with transaction.atomic():
        account = PublishAccount.objects.create(
            network=network, name=name.strip(), external_id=external_id.strip() or f"sandbox-{network}", sandbox=True,
            owner=user, connected_at=stamp, updated_at=stamp)  # fmt: skip
        log("socialrx.account.connect", actor=user, obj=account, data={"network": network, "sandbox": True})
    return account


def check_start_oauth(user, network: str, name: str, external_id: str) -> None:
    """Authorise connecting a real account and check the app credentials and token key exist."""
    require_capability(user, "manage_accounts")
    if network not in OAUTH_NETWORKS:
        raise ActionError(f"{_network_label(network)} is not connected with OAuth; use a sandbox or manual account.")
    if not name.strip() or not external_id.strip():
        raise ActionError("name and account id: say which page, user or channel to publish as")
    if oauth_app(network) is None:
        raise ActionError(f"Set SOCIALRX_{network.upper()}_CLIENT_ID and SOCIALRX_{network.upper()}_CLIENT_SECRET "
                          f"to the {_network_label(network)} app's credentials first.")  # fmt: skip
    try:
        token_cipher()
    except TokenKeyMissing as error:
        raise ActionError(str(error)) from None


def do_start_oauth(user, network: str, *, name: str, external_id: str, account: PublishAccount | None = None) -> str:
    """Remember a fresh state and PKCE verifier server-side; return the platform's consent URL."""
    import os

    check_start_oauth(user, network, name, external_id)
    state, pkce = new_state(), new_pkce_pair() if network in PKCE_NETWORKS else None
    base_url = os.environ.get(f"SOCIALRX_{network.upper()}_BASE_URL", "")
    redirect_uri = oauth_callback_url(network)
    OAuthConnection.objects.create(
        state=state, network=network, code_verifier=encrypt_token(pkce.verifier) if pkce else "",
        redirect_uri=redirect_uri, account_name=name.strip(), external_id=external_id.strip(), base_url=base_url,
        user=user, account=account, created_at=now())  # fmt: skip
    connector = connector_class(CONNECTOR_KEY_BY_CHANNEL[network])(oauth_app(network, redirect_uri=redirect_uri))
    extra = {"pkce": pkce} if pkce else {}
    return connector.authorization_url(state=state, base_url=base_url or None, **extra)


def do_finish_oauth(user, network: str, *, state: str, code: str, error: str = "") -> PublishAccount:
    """Check the callback's state, exchange the code for tokens and store them encrypted."""
    require_capability(user, "manage_accounts")
    pending = OAuthConnection.objects.filter(state=state, network=network, user=user).first() if state else None
    if pending is None or pending.created_at < now() - OAUTH_STATE_LIFETIME:
        raise ActionError("This sign-in answer does not match a connection you started (or it expired); start again.")
    pending.delete()  # a state is good for one answer only
    if error or not code:
        raise ActionError(f"{_network_label(network)} did not authorise the account: {error or 'no code returned'}")
    connector = connector_class(CONNECTOR_KEY_BY_CHANNEL[network])(oauth_app(network, redirect_uri=pending.redirect_uri))
    extra = {"pkce_verifier": decrypt_token(pending.code_verifier)} if network in PKCE_NETWORKS else {}
    try:
        tokens = connector.exchange_code(code, base_url=pending.base_url or None, **extra)
    except ConnectorError as failure:
        raise ActionError(f"{_network_label(network)} refused the sign-in: {failure.message}") from None
    return _save_connected_account(user, pending, tokens)


def _save_connected_account(user, pending: OAuthConnection, tokens: OAuthTokens) -> PublishAccount:
    stamp = now()
    with transaction.atomic():
        account = pending.account or PublishAccount(network=pending.network, connected_at=stamp, owner=user)
        account.name, account.external_id, account.base_url = pending.account_name, pending.external_id, pending.base_url
        account.sandbox, account.status, account.status_message = False, AccountStatus.CONNECTED, ""
        account.connected_at = account.updated_at = stamp
        _set_tokens(account, tokens)
        account.save()
        PublishJob.objects.filter(account=account, status=JobStatus.FAILED, error_kind="reauth").update(
            status=JobStatus.QUEUED, attempts=0, next_attempt_at=stamp, updated_at=stamp)
        log("socialrx.account.connect", actor=user, obj=account, data={"network": account.network, "sandbox": False})
    return account


def _set_tokens(account: PublishAccount, tokens: OAuthTokens) -> None:
    account.access_token_encrypted = encrypt_token(tokens.access_token)
    if tokens.refresh_token:
        account.refresh_token_encrypted = encrypt_token(tokens.refresh_token)
    account.token_expires_at = tokens.expires_at
    account.scope = tokens.scope or account.scope


def do_store_refreshed_tokens(account_id: int, tokens: OAuthTokens) -> None:
    """Persist tokens a connector refreshed before they expired (encrypted; never logged)."""
    with transaction.atomic():
        account = PublishAccount.objects.select_for_update().get(pk=account_id)
        _set_tokens(account, tokens)
        account.updated_at = now()
        account.save()
        log("socialrx.account.token_refresh", obj=account, data={"expires_at": tokens.expires_at})


def do_disconnect_account(user, account: PublishAccount) -> PublishAccount:
    """Disconnect an account and forget its tokens."""
    require_capability(user, "manage_accounts")
    with transaction.atomic():
        account.status, account.status_message = AccountStatus.DISCONNECTED, f"Disconnected by {user.get_username()}"
        account.access_token_encrypted = account.refresh_token_encrypted = ""
        account.token_expires_at, account.updated_at = None, now()
        account.save()
        log("socialrx.account.disconnect", actor=user, obj=account, data={"network": account.network})
    return account


def do_mark_reauth(account: PublishAccount, message: str) -> None:
    """Mark the account as needing reconnection and tell its owner (or whoever manages accounts)."""
    with transaction.atomic():
        changed = PublishAccount.objects.filter(pk=account.pk).exclude(status=AccountStatus.NEEDS_RECONNECT).update(
            status=AccountStatus.NEEDS_RECONNECT, status_message=message[:500], updated_at=now())
        if not changed:
            return
        people = [account.owner] if account.owner_id else list(holders_of("manage_accounts"))
        notify(people, kind="publish.reauth", message=f"Reconnect {account}: {message}"[:300],
               url=reverse("publishing-accounts"))
        log("socialrx.account.reauth", obj=account, data={"network": account.network, "reason": message[:300]})


def note_account_rate_limit(account_id: int, reset_at: datetime) -> None:
    """Hold every send through the account until the platform's reset time."""
    PublishAccount.objects.filter(pk=account_id).update(rate_limited_until=reset_at, updated_at=now())


def save_account_quota(account_id: int, quota: dict) -> None:
    """Persist the account's YouTube quota ledger."""
    PublishAccount.objects.filter(pk=account_id).update(quota=quota)


# The newsletter list


def do_add_subscriber(user, email: str, name: str = "") -> NewsletterSubscriber:
    """Add a person to the newsletter list (or re-subscribe them)."""
    require_capability(user, "manage_publishing")
    address = email.strip().lower()
    try:
        validate_email(address)
    except ValidationError:
        raise ActionError(f"e-mail: {email!r} is not an e-mail address") from None
    with transaction.atomic():
        subscriber, _ = NewsletterSubscriber.objects.get_or_create(email=address, defaults={"subscribed_at": now()})
        subscriber.name, subscriber.unsubscribed_at = name.strip() or subscriber.name, None
        subscriber.save()
        log("socialrx.newsletter.subscribe", actor=user, obj=subscriber)
    return subscriber


def do_unsubscribe(token: str) -> NewsletterSubscriber | None:
    """Take the holder of ``token`` off the list (the token is their credential); return them."""
    with transaction.atomic():
        subscriber = NewsletterSubscriber.objects.select_for_update().filter(unsubscribe_token=token).first()
        if subscriber is None:
            return None
        if subscriber.unsubscribed_at is None:
            subscriber.unsubscribed_at = now()
            subscriber.save(update_fields=["unsubscribed_at"])
            log("socialrx.newsletter.unsubscribe", obj=subscriber)
    return subscriber

