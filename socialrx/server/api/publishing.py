"""Publishing endpoints: jobs and their status, retry a channel, publish now, pause and resume, accounts."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from socialrx.server.actions import publishing as actions
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.publishing import (
    access_job_by_id,
    account_summary,
    jobs_for_queue,
    publishing_switch,
)
from socialrx.server.models import Post, PublishAccount, PublishJob

router = Router(tags=["publishing"])


class JobOut(Schema):
    id: int
    post_id: int
    post_title: str
    revision: int
    revision_hash: str
    channel: str
    account: str
    status: str
    due_at: datetime
    next_attempt_at: datetime
    attempts: int
    last_error: str
    error_kind: str
    platform_post_id: str
    url: str
    posted_ids: list[str]
    sent_at: datetime | None


class SwitchOut(Schema):
    paused: bool
    crisis: bool
    reason: str
    changed_by: str
    changed_at: datetime | None


class PauseIn(Schema):
    reason: str = Field(..., description="why everything scheduled stops")


class AccountOut(Schema):
    id: int
    network: str
    name: str
    external_id: str
    sandbox: bool
    status: str
    status_message: str
    token_expires_at: datetime | None
    rate_limited_until: datetime | None
    has_tokens: bool
    last_published_at: datetime | None
    owner: str


def job_out(job: PublishJob) -> dict:
    return {"id": job.pk, "post_id": job.post_id, "post_title": job.post.title, "revision": job.revision.number,
            "revision_hash": job.revision.content_hash, "channel": job.channel,
            "account": str(job.account) if job.account else "", "status": job.status, "due_at": job.due_at,
            "next_attempt_at": job.next_attempt_at, "attempts": job.attempts, "last_error": job.last_error,
            "error_kind": job.error_kind, "platform_post_id": job.platform_post_id, "url": job.url,
            "posted_ids": list(job.posted_ids), "sent_at": job.sent_at}  # fmt: skip


def switch_out() -> dict:
    switch = publishing_switch()
    return {"paused": switch.paused, "crisis": switch.crisis, "reason": switch.reason,
            "changed_by": switch.changed_by.get_username() if switch.changed_by_id else "",
            "changed_at": switch.changed_at}  # fmt: skip


@router.get("/jobs", response=list[JobOut], summary="Publishing jobs, newest due first (filter by status, channel, post)")
def list_jobs(request, status: str = "", channel: str = "", post_id: int | None = None, limit: int = 100):
    jobs = jobs_for_queue(request.user, status=status, channel=channel)
    if post_id is not None:
        jobs = jobs.filter(post_id=post_id)
    return [job_out(job) for job in jobs[: max(1, min(limit, 500))]]


@router.get("/jobs/{job_id}", response=JobOut, summary="One job's status, attempts, error and live post")
def get_job(request, job_id: int):
    return job_out(access_job_by_id(request.user, job_id))


@router.post("/jobs/{job_id}/retry", response=JobOut, summary="Queue one failed channel again")
def retry_job(request, job_id: int):
    job = actions.do_retry_job(request.user, access_job_by_id(request.user, job_id))
    return job_out(access_job_by_id(request.user, job.pk))


@router.post("/posts/{post_id}/publish-now", response=list[JobOut], summary="Send every channel of an approved post now")
def publish_now(request, post_id: int):
    require_capability(request.user, "view_dashboards")
    post = get_object_or_404(Post, pk=post_id)
    return [job_out(access_job_by_id(request.user, job.pk)) for job in actions.publish_now(request.user, post)]


@router.get("/switch", response=SwitchOut, summary="Whether publishing is paused, by whom and why")
def get_switch(request):
    require_capability(request.user, "view_dashboards")
    return switch_out()


@router.post("/pause", response=SwitchOut, summary="Pause all scheduled publishing (audited)")
def pause(request, payload: PauseIn):
    actions.do_pause_publishing(request.user, payload.reason)
    return switch_out()


@router.post("/resume", response=SwitchOut, summary="Resume scheduled publishing (audited)")
def resume(request):
    actions.do_resume_publishing(request.user)
    return switch_out()


@router.get("/accounts", response=list[AccountOut], summary="Connected accounts and their health (never a token)")
def list_accounts(request):
    require_capability(request.user, "view_dashboards")
    return [account_summary(account) for account in PublishAccount.objects.select_related("owner")]
