"""Demo data for `socialrx demo`: the seed strategy, one person per role, and each area's data.

Every loader is idempotent: running the demo again reuses what is there and duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.timezone import now

from socialrx.server.actions.reviews import set_email_mode
from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.actions.team import check_create_user, do_create_user
from socialrx.server.lib.roles import ROLE_BY_KEY
from socialrx.server.models import Profile


class StageProgress(Protocol):
    """Where a stage reports its progress (a Rich progress bar in the CLI)."""

    def start(self, total: int) -> None:
        """Say how many steps the stage has."""

    def advance(self, steps: int = 1) -> None:
        """Count steps done."""


class _Silent:
    def start(self, total: int) -> None:
        pass

    def advance(self, steps: int = 1) -> None:
        pass


@dataclass(frozen=True)
class DemoStage:
    """One stage of the demo: its label and its loader, which returns one line for the summary."""

    label: str
    load: Callable[[StageProgress], str]


def _whole(load: Callable[[], str]) -> Callable[[StageProgress], str]:
    """Return a stage loader for a loader done in one step."""

    def run(progress: StageProgress) -> str:
        progress.start(1)
        line = load()
        progress.advance()
        return line

    return run


def _load_history(progress: StageProgress) -> str:
    """Take the calendar's and the publishing demo's posts through the real actions, all steps in time order."""
    from socialrx.server.demo_calendar import calendar_stories
    from socialrx.server.demo_history import REQUIRED_PEOPLE, demo_people, run_stories
    from socialrx.server.demo_publishing import publishing_stories, publishing_summary
    from socialrx.server.lib.calendar import active_plan
    from socialrx.server.models import PostStatus

    plan, people = active_plan(), demo_people()
    if plan is None or any(people.get(name) is None for name in REQUIRED_PEOPLE):
        progress.start(0)
        return "Calendar: skipped (the strategy or the demo people are missing)"
    at = now()
    with transaction.atomic():
        stories, slots, span = calendar_stories(plan, at)
        extra = publishing_stories(at, plan.zone)
        progress.start(sum(len(story.steps()) for story in stories + extra))
        run_stories(stories + extra, people, advance=progress.advance)
    published = sum(1 for story in stories if story.goal == PostStatus.PUBLISHED)
    scheduled = sum(1 for story in stories if story.goal == PostStatus.SCHEDULED)
    return (f"Calendar: {len(stories)} posts in {slots} slots from {span} ({published} published, {scheduled} scheduled)"
            f"; {publishing_summary(len(extra))}")


def demo_stages() -> list[DemoStage]:
    """Return the demo's stages in the order they build on each other.

    Groups and events come before the calendar, which plans their routines and coverage; analytics come
    before it too, as the plan's best posting times are learned from them; the sandbox accounts come before
    the posts they publish; listening comes before crisis, whose demo incident starts from a listening alert.
    """
    from socialrx.server.demo_analytics import load_demo_analytics
    from socialrx.server.demo_compose import load_compose_demo
    from socialrx.server.demo_crisis import load_crisis_demo
    from socialrx.server.demo_listening import load_listening_demo
    from socialrx.server.demo_publishing import ensure_publishing_setup
    from socialrx.server.demo_relationships import load_relationships_demo
    from socialrx.server.demo_repurpose import load_repurpose_demo
    from socialrx.server.demo_reviews import load_review_demo

    return [
        DemoStage("Review stages", _whole(load_review_demo)),
        DemoStage("Listening", _whole(load_listening_demo)),
        DemoStage("Relationships and events", _whole(load_relationships_demo)),
        DemoStage("Analytics through the importers", _whole(load_demo_analytics)),
        DemoStage("Sandbox accounts and subscribers", _whole(ensure_publishing_setup)),
        DemoStage("Posts through review and publishing", _load_history),
        DemoStage("Repurposing", _whole(load_repurpose_demo)),
        DemoStage("Compliance drafts", _whole(load_compose_demo)),
        DemoStage("Crisis incident", _whole(load_crisis_demo)),
    ]


def _ensure_users(users: Iterable[tuple[str, str, str]], password: str) -> str:
    created = 0
    model = get_user_model()
    hashed = None
    for username, full_name, role in users:
        user = model.objects.filter(username=username).first()
        if user is None:
            # Hash the shared demo password once rather than once per person (each hash takes a good part of a second).
            groups = check_create_user(None, username, password, [role])
            hashed = hashed or make_password(password)
            user = do_create_user(None, username, None, groups, full_name=full_name, email=f"{username}@demo.socialrx")
            user.password = hashed
            user.save(update_fields=["password"])
            set_email_mode(user, Profile.EmailMode.DIGEST)  # one daily e-mail each, not one per review step
            created += 1
        else:
            user.groups.add(Group.objects.get(name=ROLE_BY_KEY[role].name))
        if role == "social_media_manager" and not user.is_staff:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return f"People: {created} created, {model.objects.count()} in all"


def load_demo(
    users: Iterable[tuple[str, str, str]], password: str, *, stage: Callable[[str], StageProgress] | None = None
) -> list[str]:
    """Load the seed strategy, the demo people and every area's demo data; return a summary.

    `stage(label)` returns where each stage reports its progress.
    """
    progress = (stage or (lambda label: _Silent()))("Strategy and people")
    progress.start(1)
    with transaction.atomic():
        version = ensure_default_strategy()
        lines = [f"Strategy: {version.name} {version.label}", _ensure_users(users, password)]
    progress.advance()
    for demo_stage in demo_stages():
        lines.append(demo_stage.load((stage or (lambda label: _Silent()))(demo_stage.label)))
    return lines
