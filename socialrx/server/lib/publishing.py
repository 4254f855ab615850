"""Reads about publishing, and the mappers between stored accounts and jobs and the connectors."""

from __future__ import annotations

import os
from collections.abc import Callable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.timezone import now

from socialrx.connectors.base import Account, Connector, MediaFile, PublishRequest, Recipient
from socialrx.connectors.email import EmailMessageData
from socialrx.connectors.errors import RejectedContent
from socialrx.connectors.oauth import OAuthApp
from socialrx.connectors.registry import get_connector
from socialrx.connectors.youtube_quota import QuotaLedger
from socialrx.core.platforms.payload import payload_of
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.media import uploaded_media_file
from socialrx.server.lib.secrets import decrypt_token
from socialrx.server.models import (
    CONNECTOR_KEY_BY_CHANNEL,
    METRICS_NETWORKS,
    AccountStatus,
    JobStatus,
    ManualPublishTask,
    ManualTaskStatus,
    NewsletterSubscriber,
    OutboxEntry,
    PublishAccount,
    PublishingSwitch,
    PublishJob,
)


def publishing_switch() -> PublishingSwitch:
    """Return the publishing switch (created, on, the first time)."""
    return PublishingSwitch.objects.get_or_create(pk=1)[0]


def publishing_paused() -> bool:
    """Return whether scheduled publishing is paused (by a person or by crisis mode)."""
    return PublishingSwitch.objects.filter(pk=1, paused=True).exists()


def publishing_setting(name: str, default: float) -> float:
    """Return a numeric publishing setting from Django settings, else the environment, else ``default``."""
    value = getattr(settings, name, None)
    if value is None:
        value = os.environ.get(name)
    return float(value) if value not in (None, "") else default


def site_url() -> str:
    """Return the public base URL of this installation (for links in e-mails and OAuth callbacks)."""
    return (os.environ.get("SOCIALRX_BASE_URL") or "http://127.0.0.1:8000").rstrip("/")


def oauth_app(network: str, *, redirect_uri: str = "") -> OAuthApp | None:
    """Return our OAuth app on ``network`` from SOCIALRX_<NETWORK>_CLIENT_ID/_SECRET, or None."""
    prefix = f"SOCIALRX_{network.upper()}_CLIENT"
    client_id = os.environ.get(f"{prefix}_ID", "")
    if not client_id:
        return None
    return OAuthApp(client_id=client_id, client_secret=os.environ.get(f"{prefix}_SECRET", ""), redirect_uri=redirect_uri)


def oauth_callback_url(network: str) -> str:
    """Return the redirect URI registered with ``network``'s OAuth app."""
    return site_url() + reverse("publishing-oauth-callback", args=[network])


def account_for_channel(channel: str) -> PublishAccount | None:
    """Return the account a channel publishes through: a connected real one first, else a sandbox one."""
    accounts = PublishAccount.objects.filter(network=channel).exclude(status=AccountStatus.DISCONNECTED)
    return accounts.order_by("sandbox", "-connected_at").first()


def connector_account(account: PublishAccount) -> Account:
    """Return the connector's view of ``account``, with its tokens decrypted."""
    return Account(
        platform=CONNECTOR_KEY_BY_CHANNEL[account.network],
        external_id=account.external_id,
        access_token=decrypt_token(account.access_token_encrypted),
        refresh_token=decrypt_token(account.refresh_token_encrypted),
        expires_at=account.token_expires_at,
        base_url=account.base_url or None,
    )


def django_send_messages(messages: list[EmailMessageData]) -> int:
    """Send newsletter messages through Django's configured e-mail backend; return how many went."""
    prepared = []
    for message in messages:
        mail = EmailMultiAlternatives(message.subject, message.text, message.from_email, list(message.to),
                                      headers=dict(message.headers))
        mail.attach_alternative(message.html, "text/html")
        prepared.append(mail)
    with get_connection() as connection:
        return connection.send_messages(prepared) or 0


def connector_for(account: PublishAccount, *, on_tokens_refreshed: Callable | None = None) -> Connector:
    """Return the connector that publishes as ``account`` (its sandbox stand-in for sandbox accounts)."""
    key = CONNECTOR_KEY_BY_CHANNEL[account.network]
    options: dict = {}
    if key == "newsletter":
        options = {"send_messages": django_send_messages,
                   "unsubscribe_url": site_url() + reverse("newsletter-unsubscribe", args=["TOKEN"]).replace("TOKEN", "{token}")}
    elif key in ("x", "linkedin", "youtube") and not account.sandbox:
        options = {"app": oauth_app(account.network, redirect_uri=oauth_callback_url(account.network)),
                   "on_tokens_refreshed": on_tokens_refreshed,
                   "timeout": publishing_setting("SOCIALRX_PUBLISH_TIMEOUT", 30.0)}
        if key == "youtube":
            options["quota"] = QuotaLedger.from_dict(account.quota) if account.quota else QuotaLedger()
    return get_connector(key, sandbox=account.sandbox, **options)


def _media(content: dict) -> tuple[MediaFile, ...]:
    """Return the approved media as files under MEDIA_ROOT/uploads, resolved by upload id; raise for any other path."""
    files = []
    for number, item in enumerate(content.get("media") or [], start=1):
        path = uploaded_media_file(item.get("path"))
        if path is None:
            raise RejectedContent(f"{content.get('channel', 'post')}: media {number} ({item.get('name', 'file')}) "
                                  "is not a file uploaded to socialrx; nothing was sent", "media")
        files.append(MediaFile(path, alt_text=item.get("alt_text", "")))
    return tuple(files)


def variant_content(job: PublishJob) -> dict:
    """Return the approved snapshot of the job's channel variant."""
    for variant in job.revision.content.get("variants", []):
        if variant.get("channel") == job.channel:
            return variant
    return {"channel": job.channel}


def publish_request(job: PublishJob, account: PublishAccount) -> PublishRequest:
    """Return exactly the payload the approved revision froze for the job's channel (link and hashtags in)."""
    content = variant_content(job)
    payload = payload_of(content)
    common = {"idempotency_key": job.idempotency_key, "account": connector_account(account),
              "already_posted_ids": tuple(job.posted_ids), "media": _media(content)}
    if job.channel == "x":
        parts = payload.parts if content.get("thread") else ()
        return PublishRequest(text="" if parts else payload.body, thread_parts=parts, **common)
    if job.channel == "linkedin":
        return PublishRequest(text=payload.body, commentary=payload.commentary, **common)
    if job.channel == "youtube":
        return PublishRequest(title=payload.title, description=payload.body, tags=payload.tags,
                              publish_at=job.due_at if job.due_at > now() else None, **common)
    if job.channel == "email":
        recipients = tuple(Recipient(s.email, s.unsubscribe_token)
                           for s in NewsletterSubscriber.objects.filter(unsubscribed_at__isnull=True))
        return PublishRequest(title=payload.title, text=payload.body, html=payload.html, recipients=recipients, **common)
    return PublishRequest(text=payload.body, title=payload.title, **common)


def jobs_for_queue(user, *, status: str = "", channel: str = "") -> QuerySet[PublishJob]:
    """Return the publishing jobs a person may see, newest due first."""
    require_capability(user, "view_dashboards")
    jobs = PublishJob.objects.select_related("post", "revision", "account")
    if status:
        jobs = jobs.filter(status=status)
    if channel:
        jobs = jobs.filter(channel=channel)
    return jobs.order_by("-due_at", "channel")


def access_job_by_id(user, job_id: int) -> PublishJob:
    """Return a job the person may see, or raise."""
    from django.shortcuts import get_object_or_404

    require_capability(user, "view_dashboards")
    return get_object_or_404(PublishJob.objects.select_related("post", "revision", "account"), pk=job_id)


def open_manual_tasks() -> QuerySet[ManualPublishTask]:
    """Return the manual tasks still waiting for a person."""
    return ManualPublishTask.objects.filter(status=ManualTaskStatus.OPEN).select_related("job__post", "assignee")


def outbox_entries() -> QuerySet[OutboxEntry]:
    """Return the sandbox outbox, newest first."""
    return OutboxEntry.objects.select_related("job__post")


def queue_counts() -> dict[str, int]:
    """Return how many jobs are in each status."""
    from django.db.models import Count

    counts = {row["status"]: row["n"] for row in PublishJob.objects.values("status").annotate(n=Count("id"))}
    return {status.value: counts.get(status.value, 0) for status in JobStatus}


def lateness_seconds(job: PublishJob) -> float | None:
    """Return how late a sent job went out, in seconds."""
    if job.sent_at is None:
        return None
    return max((job.sent_at - job.due_at).total_seconds(), 0.0)


def account_summary(account: PublishAccount) -> dict:
    """Return the account as the API and pages show it: never a token."""
    return {"id": account.pk, "network": account.network, "name": account.name, "external_id": account.external_id,
            "sandbox": account.sandbox, "status": account.status, "status_message": account.status_message,
            "token_expires_at": account.token_expires_at, "rate_limited_until": account.rate_limited_until,
            "has_tokens": bool(account.access_token_encrypted), "last_published_at": account.last_published_at,
            "owner": account.owner.get_username() if account.owner_id else ""}  # fmt: skip


def metrics_pull_summary(account: PublishAccount) -> dict:
    """Return the account's metric-pull schedule as the accounts page shows it (why not, when it is not pulled)."""
    if account.network not in METRICS_NETWORKS:
        return {"pullable": False, "reason": "No metrics API: import its exports."}
    if account.sandbox:
        return {"pullable": False, "reason": "Sandbox: no real metrics to pull."}
    pull = getattr(account, "metrics_pull", None)
    if pull is None:
        return {"pullable": account.usable, "status": "waiting", "status_label": "Not pulled yet"}
    return {"pullable": account.usable, "status": pull.status, "status_label": pull.get_status_display(),
            "message": pull.message, "last_pulled_at": pull.last_pulled_at, "next_pull_at": pull.next_pull_at,
            "posts_pulled": pull.posts_pulled}


def paused_switch() -> PublishingSwitch | None:
    """Return the switch while publishing is paused (for the banner on every page), else None."""
    return PublishingSwitch.objects.filter(pk=1, paused=True).select_related("changed_by").first()
