"""Demo calendar: posts in the planned slots from three weeks ago to the end of the second month ahead, each
brought to its state through the real actions at the time it happened.

Past slots hold posts written, reviewed by three people other than their author and published by the
worker at the slot's time (a few refused by the network); this month and next mix drafts, posts in
review, returned posts and scheduled posts; later months hold drafts, and some slots of the next 14 days
stay open so the plan-health panel has gaps to show. Past YouTube slots stay open: a YouTube upload
needs a video file, which the demo does not have. Idempotent: a slot that already holds a post is
skipped, so running the demo again adds nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.core.planning import Slot
from socialrx.server.actions.posts import PostInput
from socialrx.server.demo_history import REQUIRED_PEOPLE, PostStory, demo_people, run_stories
from socialrx.server.lib.calendar import CalendarPlan, active_plan, slot_label
from socialrx.server.models import Post, PostStatus

DAYS_BEFORE = 21  # the published history covers the last three weeks (analytics cover the year)
MONTHS_AFTER = 2
WRITTEN_BEFORE = timedelta(days=5)  # a past post was written this long before its slot
FUTURE_WRITTEN_AGO = timedelta(days=3)  # a coming post was written this long before today
PUBLISHED_NETWORKS = {"linkedin", "x", "doximity"}
PLANNED_NETWORKS = PUBLISHED_NETWORKS | {"youtube"}
# Share of slots written (percent), by month offset from this month; later months use the last figure.
FILLED_BEFORE = 30
FILLED_AHEAD = (40, 20, 8)
FUTURE_STATES = (  # (state, weight): how this month's and next month's posts stand
    (PostStatus.DRAFT, 30), (PostStatus.IN_REVIEW, 10), (PostStatus.CHANGES_REQUESTED, 5), (PostStatus.SCHEDULED, 55),
)  # fmt: skip
PAST_STATES = ((PostStatus.PUBLISHED, 95), (PostStatus.FAILED, 5))
CHANGES_COMMENT = "Please cite the study behind the second sentence and soften 'what it means' to what it may mean."
OPENINGS = {
    "thought_leadership": "Where we think healthcare AI is heading, and why it matters for care teams:",
    "educational": "A practical explainer for clinicians and IT leaders:",
    "customer_success": "How one health system put this into practice, in numbers:",
    "industry_news": "This week's development, and what it means for hospitals:",
}


def _score(slot: Slot) -> int:
    """Return a stable number 0-99 for a slot, so the demo picks the same slots on every run."""
    return int(hashlib.sha256(slot.id.encode()).hexdigest()[:8], 16) % 100


def _pick(states: tuple[tuple[str, int], ...], score: int) -> str:
    total = sum(weight for _, weight in states)
    mark = score * total // 100
    for state, weight in states:
        if mark < weight:
            return state
        mark -= weight
    return states[-1][0]


def _filled_share(offset: int) -> int:
    return FILLED_BEFORE if offset < 0 else FILLED_AHEAD[min(offset, len(FILLED_AHEAD) - 1)]


def _state(slot: Slot, at: datetime, today: date, offset: int) -> str | None:
    """Return the state of the demo post in a slot, or None to leave the slot open."""
    score = _score(slot)
    soon = today <= slot.day < today + timedelta(days=14)
    if score >= _filled_share(offset) or (soon and score % 3 == 0):
        return None
    if slot.start <= at:
        return _pick(PAST_STATES, (score * 7) % 100) if slot.platform in PUBLISHED_NETWORKS else None
    if slot.platform not in PUBLISHED_NETWORKS or offset > 1:
        return PostStatus.DRAFT
    return _pick(FUTURE_STATES, (score * 7) % 100)


def _text(slot: Slot) -> str:
    opening = OPENINGS.get(slot.pillar, "From our team:")
    theme = slot.monthly_theme or slot.weekday_theme or "our readers"
    return f"{opening} {slot_label(slot)} for {theme.lower()}. What are you seeing in your organisation?"


def _story(slot: Slot, state: str, at: datetime) -> PostStory:
    """Return the story of the post in a slot: written before the slot (past) or in the last days (coming)."""
    title = f"{slot_label(slot)}: {slot.monthly_theme}" if slot.monthly_theme else slot_label(slot)
    data = PostInput(
        title=f"{title[:170]} ({slot.day:%d %b})", variants={slot.platform: {"text": _text(slot)}},
        pillar=slot.pillar, series=slot.series or "", content_type=slot.content_type, monthly_theme=slot.monthly_theme,
        weekday_theme=slot.weekday_theme, slot_id=slot.id, scheduled_at=slot.start,
    )  # fmt: skip
    jitter = timedelta(minutes=_score(slot) * 7)
    written = slot.start - WRITTEN_BEFORE if slot.start <= at else at - FUTURE_WRITTEN_AGO
    return PostStory(data, author="community" if _score(slot) % 5 == 0 else "creator", goal=state,
                     written_at=written + jitter, failing=(slot.platform,) if state == PostStatus.FAILED else (),
                     comment=CHANGES_COMMENT)


def _month_offset(day: date, today: date) -> int:
    return (day.year - today.year) * 12 + day.month - today.month


def calendar_stories(plan: CalendarPlan, at: datetime) -> tuple[list[PostStory], int, str]:
    """Return the stories of the demo posts for the open slots around `at`, the slots counted and the range."""
    today = localdate(at, plan.zone)
    first = today - timedelta(days=DAYS_BEFORE)
    last = _shift_month(today.replace(day=1), MONTHS_AFTER + 1) - timedelta(days=1)
    slots = plan.slots_between(first, last)
    taken = set(Post.objects.filter(slot_id__in=[s.id for s in slots]).values_list("slot_id", flat=True))
    stories = []
    for slot in slots:
        if slot.id in taken or slot.platform not in PLANNED_NETWORKS:
            continue
        state = _state(slot, at, today, _month_offset(slot.day, today))
        if state is not None:
            stories.append(_story(slot, state, at))
    return stories, len(slots), f"{first:%d %b %Y} to {last:%d %b %Y}"


def load_calendar_demo(advance: Callable[[int], None] | None = None) -> str:
    """Fill the months around today with demo posts in their slots, through the real actions; return a summary."""
    plan, people = active_plan(), demo_people()
    if plan is None or any(people.get(name) is None for name in REQUIRED_PEOPLE):
        return "Calendar: skipped (the strategy or the demo people are missing)"
    with transaction.atomic():
        stories, slots, span = calendar_stories(plan, now())
        steps = run_stories(stories, people, advance=advance)
    published = sum(1 for s in stories if s.goal == PostStatus.PUBLISHED)
    return f"Calendar: {len(stories)} posts ({published} published) in {slots} slots from {span}, {steps} steps"


def _shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
