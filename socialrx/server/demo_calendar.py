"""Demo calendar: posts in the planned slots of the year around today, in every state, with gaps left open.

Past slots hold published posts (a few failed or cancelled), this month mixes every state,
the coming months are written less and less, and some slots of the next 14 days stay open
so the plan-health panel has gaps to show. Idempotent: a slot that already holds a post is
skipped, so running the demo again adds nothing.
"""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.core.planning import Slot
from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.lib.calendar import active_plan, slot_label
from socialrx.server.models import Post, PostStatus

MONTHS_BEFORE = 6
MONTHS_AFTER = 6
# Share of slots written (percent), by month offset from this month; later months use the last figure.
FILLED_BEFORE = 45
FILLED_AHEAD = (70, 35, 20, 10)
FUTURE_STATES = (  # (state, weight): how this month's and next month's posts stand
    (PostStatus.DRAFT, 30), (PostStatus.IN_REVIEW, 10), (PostStatus.CHANGES_REQUESTED, 5),
    (PostStatus.APPROVED, 15), (PostStatus.SCHEDULED, 40),
)  # fmt: skip
PAST_STATES = ((PostStatus.PUBLISHED, 90), (PostStatus.PARTIALLY_PUBLISHED, 3), (PostStatus.FAILED, 3),
               (PostStatus.CANCELLED, 4))  # fmt: skip
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


def _state(slot: Slot, today: date, offset: int) -> str | None:
    """Return the state of the demo post in a slot, or None to leave the slot open."""
    score = _score(slot)
    soon = today <= slot.day < today + timedelta(days=14)
    if score >= _filled_share(offset) or (soon and score % 3 == 0):
        return None
    if slot.day < today:
        return _pick(PAST_STATES, (score * 7) % 100)
    return _pick(FUTURE_STATES, (score * 7) % 100) if offset <= 1 else PostStatus.DRAFT


def _text(slot: Slot) -> str:
    opening = OPENINGS.get(slot.pillar, "From our team:")
    theme = slot.monthly_theme or slot.weekday_theme
    return f"{opening} {slot_label(slot)} for {theme.lower()}. What are you seeing in your organisation?"


def _create(slot: Slot, state: str, author) -> Post:
    title = f"{slot_label(slot)}: {slot.monthly_theme}" if slot.monthly_theme else slot_label(slot)
    data = PostInput(
        title=f"{title[:170]} ({slot.day:%d %b})", variants={slot.platform: {"text": _text(slot)}},
        pillar=slot.pillar, series=slot.series or "", content_type=slot.content_type, monthly_theme=slot.monthly_theme,
        weekday_theme=slot.weekday_theme, slot_id=slot.id, scheduled_at=slot.start,
    )  # fmt: skip
    post = create_post(author, data)
    if state != PostStatus.DRAFT:
        # Demo history: the states posts reached through review and publishing, set directly.
        Post.objects.filter(pk=post.pk).update(status=state)
    return post


def _month_offset(day: date, today: date) -> int:
    return (day.year - today.year) * 12 + day.month - today.month


def load_calendar_demo() -> str:
    """Fill the year around today's month with demo posts in its slots; return a summary line."""
    plan = active_plan()
    author = get_user_model().objects.filter(username="creator").first()
    if plan is None or author is None:
        return "Calendar: skipped (the strategy or the demo people are missing)"
    today = localdate(now(), plan.zone)
    first = _shift_month(today.replace(day=1), -MONTHS_BEFORE)
    last = _shift_month(today.replace(day=1), MONTHS_AFTER + 1) - timedelta(days=1)
    slots = plan.slots_between(first, last)
    taken = set(Post.objects.filter(slot_id__in=[s.id for s in slots]).values_list("slot_id", flat=True))
    created = 0
    with transaction.atomic():
        for slot in slots:
            if slot.id in taken or slot.platform not in {"linkedin", "x", "doximity", "youtube"}:
                continue
            state = _state(slot, today, _month_offset(slot.day, today))
            if state is not None:
                _create(slot, state, author)
                created += 1
    return f"Calendar: {created} posts placed in {len(slots)} slots from {first:%b %Y} to {last:%b %Y}"


def _shift_month(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)
