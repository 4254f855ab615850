"""Demo data for `socialrx demo`: the seed strategy, one person per role, and each area's data.

Every loader is idempotent: running the demo again reuses what is there and duplicates nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.actions.team import create_user
from socialrx.server.lib.roles import ROLE_BY_KEY


def demo_loaders() -> list[Callable[[], str]]:
    """Return each area's demo loader in the order they build on each other.

    Groups and events come before the calendar, which plans their routines and coverage;
    listening comes before crisis, whose demo incident starts from a listening alert.
    Each loader returns one line for the summary.
    """
    from socialrx.server.demo_analytics import load_demo_analytics
    from socialrx.server.demo_calendar import load_calendar_demo
    from socialrx.server.demo_compose import load_compose_demo
    from socialrx.server.demo_crisis import load_crisis_demo
    from socialrx.server.demo_listening import load_listening_demo
    from socialrx.server.demo_publishing import load_publishing_demo
    from socialrx.server.demo_relationships import load_relationships_demo
    from socialrx.server.demo_repurpose import load_repurpose_demo
    from socialrx.server.demo_reviews import load_review_demo

    return [load_review_demo, load_listening_demo, load_relationships_demo, load_calendar_demo, load_demo_analytics,
            load_repurpose_demo, load_publishing_demo, load_compose_demo, load_crisis_demo]


def _ensure_users(users: Iterable[tuple[str, str, str]], password: str) -> str:
    created = 0
    model = get_user_model()
    for username, full_name, role in users:
        user = model.objects.filter(username=username).first()
        if user is None:
            user = create_user(None, username, password, [role], full_name=full_name, email=f"{username}@demo.socialrx")
            created += 1
        else:
            user.groups.add(Group.objects.get(name=ROLE_BY_KEY[role].name))
        if role == "social_media_manager" and not user.is_staff:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
    return f"People: {created} created, {model.objects.count()} in all"


def load_demo(users: Iterable[tuple[str, str, str]], password: str) -> list[str]:
    """Load the seed strategy, the demo people and every area's demo data; return a summary."""
    with transaction.atomic():
        version = ensure_default_strategy()
        lines = [f"Strategy: {version.name} {version.label}", _ensure_users(users, password)]
    for loader in demo_loaders():
        lines.append(loader())
    return lines
