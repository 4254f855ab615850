"""Demo publishing data: sandbox accounts for every network, newsletter subscribers, and three posts across
several channels published in the last days through the real flow: one sent everywhere (newsletter
included), one partly refused by LinkedIn, and one whose Doximity copy waits for a person to post it.

Idempotent: accounts are looked up by network, subscribers by address and posts by title first.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.server.actions.posts import PostInput
from socialrx.server.actions.publishing import do_add_subscriber, do_connect_sandbox_account
from socialrx.server.demo_history import REQUIRED_PEOPLE, PostStory, demo_people, run_stories
from socialrx.server.models import (
    NETWORKS,
    NewsletterSubscriber,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishJob,
)

DEMO_TITLE_PREFIX = "[demo publishing] "
SUBSCRIBERS = ("dr.lopez@example.org", "nurse.kim@example.org", "cmo@example.org", "it.director@example.org")
POSTS = (  # title, variants, days ago, local time, (channels refused), Doximity posted by hand
    ("Sepsis early-warning results", {"x": "Our sepsis early-warning model flagged risk 6 hours sooner in a 12-site study. Details: https://example.org/sepsis",
                                      "linkedin": "What 12 hospitals learned deploying a sepsis early-warning model (and what we changed).",
                                      "email": "This month: sepsis early warning, ambient scribes and our AI governance checklist."}, 3, time(9), (), True),
    ("Ambient scribe pilot", {"x": "Clinicians in our ambient scribe pilot saved 40 minutes a day on notes.",
                              "linkedin": "Ambient scribes: 40 minutes a day back for clinicians (pilot results)."}, 2, time(12, 30), ("linkedin",), True),
    ("AI governance checklist for clinicians", {"doximity": "A one-page AI governance checklist for clinical leaders: data, validation, monitoring.",
                                                "linkedin": "Download our AI governance checklist for clinical leaders."}, 1, time(9), (), False),
)  # fmt: skip


def ensure_publishing_setup() -> str:
    """Connect a sandbox account per network and subscribe the demo readers, through the actions, once."""
    manager = demo_people().get("manager")
    if manager is None:
        return "Publishing: no demo manager to own the accounts"
    with transaction.atomic():
        for network, label in NETWORKS:
            if not PublishAccount.objects.filter(network=network, sandbox=True).exists():
                external = "newsletter@demo.socialrx" if network == "email" else f"sandbox-{network}"
                do_connect_sandbox_account(manager, network, f"Demo {label}", external)
        for email in SUBSCRIBERS:
            if not NewsletterSubscriber.objects.filter(email=email).exists():
                do_add_subscriber(manager, email)
    return f"Accounts: {PublishAccount.objects.count()} sandbox accounts, {NewsletterSubscriber.objects.count()} subscribers"


def publishing_stories(at: datetime, zone: ZoneInfo) -> list[PostStory]:
    """Return the stories of the demo publishing posts not made yet, published on the last days at local times."""
    existing = set(Post.objects.filter(title__startswith=DEMO_TITLE_PREFIX).values_list("title", flat=True))
    today = localdate(at, zone)
    stories = []
    for title, texts, days_ago, local_time, refused, by_hand in POSTS:
        if DEMO_TITLE_PREFIX + title in existing:
            continue
        variants = {channel: {"text": text} | ({"title": title} if channel == "email" else {})
                    for channel, text in texts.items()}  # fmt: skip
        when = datetime.combine(today - timedelta(days=days_ago), local_time, tzinfo=zone)
        goal = PostStatus.PARTIALLY_PUBLISHED if refused else PostStatus.PUBLISHED if by_hand else PostStatus.PUBLISHING
        data = PostInput(title=DEMO_TITLE_PREFIX + title, variants=variants, pillar="educational", scheduled_at=when)
        stories.append(PostStory(data, author="creator", goal=goal, written_at=when - timedelta(days=4),
                                 failing=refused, posted_by_hand=by_hand))
    return stories


def load_publishing_demo() -> str:
    """Load the publishing demo once (accounts, subscribers, its three posts); return a one-line summary."""
    from socialrx.server.lib.calendar import active_plan

    setup = ensure_publishing_setup()
    people, plan = demo_people(), active_plan()
    if plan is None or any(people.get(name) is None for name in REQUIRED_PEOPLE):
        return f"{setup}; posts skipped (the strategy or the demo people are missing)"
    with transaction.atomic():
        stories = publishing_stories(now(), plan.zone)
        run_stories(stories, people)
    return f"{setup}; {publishing_summary(len(stories))}"


def publishing_summary(made: int) -> str:
    """Return the publishing line of the demo summary."""
    return (f"Publishing: {made} demo posts added ({PublishJob.objects.count()} jobs, "
            f"{OutboxEntry.objects.count()} in the sandbox outbox)")
