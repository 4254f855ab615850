"""Shared fixtures and helpers for the review, post and audit tests (imported by those modules)."""

from __future__ import annotations

from datetime import datetime

import pytest
from django.test import Client

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.actions.reviews import decide, do_submit_post
from socialrx.server.models import Post, ReviewTask

PASSWORD = "correct-horse-battery-staple"
ROLE_KEYS = ("social_media_manager", "content_creator", "healthcare_content_specialist", "community_manager",
             "legal", "executive", "viewer")
LINKEDIN_TEXT = (
    "How do clinicians check an AI triage tool before trusting it? Our clinical team walks through the "
    "validation questions we ask every vendor: data provenance, subgroup performance and drift monitoring."
)


def make_person(username: str, *roles: str):
    """Add a person with an e-mail address and the given roles."""
    from socialrx.server.actions.team import create_user

    return create_user(None, username, PASSWORD, list(roles), email=f"{username}@example.org",
                       full_name=username.replace("_", " ").title())


@pytest.fixture(name="team")
def team_fixture(seed_strategy) -> dict:
    """The seed strategy, one person per role (username = role key), and 'author', a content creator who writes posts."""
    people = {key: make_person(key, key) for key in ROLE_KEYS}
    people["author"] = make_person("author", "content_creator")
    return people


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


X_THREAD = ["Five questions to ask an AI triage vendor 🧵", "1. Where did the training data come from?"]


def draft(author, *, title: str = "Validating AI triage tools", text: str = LINKEDIN_TEXT,
          thread: list[str] = X_THREAD, scheduled_at: datetime | None = None, **labels) -> Post:
    """Create a draft with a LinkedIn variant and an X thread."""
    variants = {"linkedin": {"text": text}, "x": {"thread": list(thread)}}
    return create_post(author, PostInput(title=title, variants=variants, scheduled_at=scheduled_at, **labels))


def submitted(author, **kwargs) -> Post:
    """Create a draft and submit it for review."""
    post = draft(author, **kwargs)
    do_submit_post(author, post)
    return Post.objects.get(pk=post.pk)


def active_task(post: Post) -> ReviewTask | None:
    """Return the task of the post's newest workflow that waits for a decision."""
    workflow = post.workflows.first()
    return workflow.tasks.filter(status="active").first() if workflow else None


def approve_until(post: Post, key: str, people: dict) -> ReviewTask:
    """Approve the tasks before the one named `key` with the right people; return that task."""
    deciders = {"review_clinical": people["healthcare_content_specialist"],
                "review_regulatory": people["healthcare_content_specialist"],
                "approve_final": people["social_media_manager"]}
    while (task := active_task(post)) is not None and task.key != key:
        decide(deciders[task.capability], task.pk, "approve")
    assert task is not None, f"no active task {key!r}"
    return task


def fully_approved(post: Post, people: dict) -> Post:
    """Approve every task of the post's workflow."""
    task = approve_until(post, "final", people)
    decide(people["social_media_manager"], task.pk, "approve")
    return Post.objects.get(pk=post.pk)
