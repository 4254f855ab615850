"""Demo publishing data: sandbox accounts for every network, published posts with their jobs and
outbox entries, one partly failed post, an open Doximity task, and newsletter subscribers.

Idempotent: every object is looked up by a stable key first, so a second run adds nothing.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.timezone import now

from socialrx.connectors.sandbox import sandbox_id
from socialrx.server.actions.posts import next_revision
from socialrx.server.models import (
    NETWORKS,
    JobStatus,
    ManualPublishTask,
    NewsletterSubscriber,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishJob,
    Variant,
)

DEMO_TITLE_PREFIX = "[demo publishing] "
SUBSCRIBERS = ("dr.lopez@example.org", "nurse.kim@example.org", "cmo@example.org", "it.director@example.org")
POSTS = (
    ("Sepsis early-warning results", {"x": "Our sepsis early-warning model flagged risk 6 hours sooner in a 12-site study. Details: https://example.org/sepsis",
                                      "linkedin": "What 12 hospitals learned deploying a sepsis early-warning model (and what we changed).",
                                      "email": "This month: sepsis early warning, ambient scribes and our AI governance checklist."}, None),
    ("Ambient scribe pilot", {"x": "Clinicians in our ambient scribe pilot saved 40 minutes a day on notes.",
                              "linkedin": "Ambient scribes: 40 minutes a day back for clinicians (pilot results)."}, "linkedin"),
    ("AI governance checklist for clinicians", {"doximity": "A one-page AI governance checklist for clinical leaders: data, validation, monitoring.",
                                                "linkedin": "Download our AI governance checklist for clinical leaders."}, None),
)  # fmt: skip


def _accounts(owner) -> dict[str, PublishAccount]:
    accounts = {}
    for network, label in NETWORKS:
        external = "newsletter@demo.socialrx" if network == "email" else f"sandbox-{network}"
        accounts[network], _ = PublishAccount.objects.get_or_create(
            network=network, sandbox=True, external_id=external,
            defaults={"name": f"Demo {label}", "owner": owner, "connected_at": now(), "updated_at": now()})  # fmt: skip
    return accounts


def _post(author, title: str, texts: dict[str, str], day: int) -> Post:
    stamp = now() - timedelta(days=day)
    post = Post.objects.create(title=DEMO_TITLE_PREFIX + title, author=author, scheduled_at=stamp, created_at=stamp,
                               updated_at=stamp, status=PostStatus.PUBLISHING)  # fmt: skip
    for channel, text in texts.items():
        Variant.objects.create(post=post, channel=channel, text=text, title=title if channel == "email" else "")
    revision = next_revision(author, post, verdict="pass", findings=[])
    post.current_revision = post.approved_revision = revision
    post.save(update_fields=["current_revision", "approved_revision"])
    return post


def _job(post: Post, channel: str, account: PublishAccount, *, failing: str | None, manager) -> PublishJob:
    due = post.scheduled_at
    job = PublishJob.objects.create(post=post, revision=post.approved_revision, channel=channel, account=account,
                                    due_at=due, next_attempt_at=due, created_at=due, updated_at=due, attempts=1,
                                    first_attempt_at=due)  # fmt: skip
    text = post.variants.get(channel=channel).text
    if channel == "doximity":
        ManualPublishTask.objects.create(job=job, assignee=manager, copy_text=text, destination_url="https://www.doximity.com/",
                                         checklist=["Post it from the organisation's Doximity account.",
                                                    "Paste the live post's URL here."], created_at=due)  # fmt: skip
        job.status = JobStatus.MANUAL_PENDING
    elif channel == failing:
        job.status, job.error_kind = JobStatus.FAILED, "rejected"
        job.last_error = "LinkedIn refused the post (HTTP 422): Content is a duplicate of urn:li:share:7101"
    else:
        post_id = sandbox_id(account.network, job.idempotency_key, 0)
        job.status, job.platform_post_id, job.posted_ids = JobStatus.SENT, post_id, [post_id]
        job.url, job.sent_at = f"sandbox://{account.network}/{post_id}", due + timedelta(seconds=4)
        recipients = list(SUBSCRIBERS) if channel == "email" else []
        OutboxEntry.objects.create(job=job, channel=channel, account_name=account.name, parts=[text], posted_ids=[post_id],
                                   title=post.title.removeprefix(DEMO_TITLE_PREFIX) if channel == "email" else "",
                                   payload={"recipients": recipients}, sent_at=job.sent_at)  # fmt: skip
    job.save()
    return job


def load_publishing_demo() -> str:
    """Load the publishing demo data once; return a one-line summary."""
    from socialrx.server.actions.publishing import refresh_post_status

    users = get_user_model().objects
    manager = users.filter(username="manager").first() or users.order_by("pk").first()
    author = users.filter(username="creator").first() or manager
    if manager is None:
        return "Publishing: no demo people to own the accounts"
    with transaction.atomic():
        accounts = _accounts(manager)
        for email in SUBSCRIBERS:
            NewsletterSubscriber.objects.get_or_create(email=email, defaults={"subscribed_at": now()})
        made = 0
        for day, (title, texts, failing) in enumerate(POSTS, start=1):
            if Post.objects.filter(title=DEMO_TITLE_PREFIX + title).exists():
                continue
            post = _post(author, title, texts, day)
            for channel in texts:
                _job(post, channel, accounts[channel], failing=failing, manager=manager)
            refresh_post_status(post.pk)
            made += 1
    return (f"Publishing: {len(accounts)} sandbox accounts, {made} demo posts added "
            f"({PublishJob.objects.count()} jobs, {OutboxEntry.objects.count()} in the outbox), "
            f"{NewsletterSubscriber.objects.count()} subscribers")
