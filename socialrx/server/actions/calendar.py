"""Writes from the calendar: move a post, import a calendar file as drafts, rotate the feed address."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.utils.timezone import now

from socialrx.core.planning import CalendarFileError, CalendarProblem, CalendarRow, Slot, import_calendar_csv
from socialrx.core.planning.bulk import FLAVOURS, DateOrder, Flavour
from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import (
    CHANNEL_KEYS,
    PostInput,
    check_create_post,
    do_create_post,
    do_schedule_post,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.calendar import MOVE_FROZEN, RELEASES_SLOT, CalendarPlan, may_move, slot_label
from socialrx.server.models import CalendarFeedToken, Post

TITLE_LENGTH = 80


def check_move_post(user, post: Post, plan: CalendarPlan, day: date, at: time | None = None) -> datetime:
    """Authorise and validate moving a post to a day (and time); return its new time.

    Without a time the post keeps its time of day (or its slot's), in the strategy's timezone.
    """
    if not may_move(user, post):
        require_capability(user, "manage_calendar")
    if post.status in MOVE_FROZEN:
        raise ActionError(f"This post is {post.get_status_display().lower()}; its time can no longer change.")
    if at is None:
        current = post.scheduled_at or _slot_start(plan, post.slot_id)
        at = current.astimezone(plan.zone).time() if current else time(9, 0)
    when = datetime.combine(day, at.replace(second=0, microsecond=0), plan.zone)
    if when <= now():
        raise ActionError(f"{when:%Y-%m-%d %H:%M} is in the past: choose a time in the future")
    return when


def _slot_start(plan: CalendarPlan, slot_id: str) -> datetime | None:
    slot = plan.slot_by_id(slot_id) if slot_id else None
    return slot.start if slot else None


def move_post(user, post: Post, plan: CalendarPlan, day: date, at: time | None = None) -> Post:
    """Move a post to another day or time; audited as socialrx.post.schedule."""
    return do_schedule_post(user, post, check_move_post(user, post, plan, day, at))


def do_rotate_feed_token(user) -> CalendarFeedToken:
    """Give a person a new secret feed address; the old one stops working at once."""
    require_capability(user, "view_dashboards")
    with transaction.atomic():
        feed, created = CalendarFeedToken.objects.select_for_update().get_or_create(
            user=user, defaults={"token": CalendarFeedToken.new_token(), "created_at": now()}
        )
        if not created:
            feed.token, feed.created_at = CalendarFeedToken.new_token(), now()
            feed.save(update_fields=["token", "created_at"])
        log("socialrx.calendar.feed_rotate", actor=user, obj=feed, data={"first": created})
    return feed


@dataclass(frozen=True)
class ImportedDraft:
    """One row of an imported calendar file, placed: its line, the post to create and its slot."""

    row: int
    data: PostInput
    variants: dict[str, dict]
    slot: Slot | None


def check_import_calendar(
    user, plan: CalendarPlan, text: str, *, flavour: Flavour, network: str, date_order: DateOrder = "mdy"
) -> list[ImportedDraft]:
    """Read a bulk-scheduling file and place each row in a free slot at its time, or on its own.

    Raise CalendarFileError listing every problem by row and column; nothing is written.
    """
    require_capability(user, "compose_posts")
    if flavour not in FLAVOURS:
        raise ActionError(f"file kind: choose one of {', '.join(FLAVOURS)}")
    if network not in CHANNEL_KEYS:
        raise ActionError(f"network: choose one of {', '.join(CHANNEL_KEYS)}")
    rows = import_calendar_csv(text, source=flavour, timezone=plan.zone.key, date_order=date_order)
    numbers = _row_numbers(text, flavour)
    column = {"sprout_social": "date", "hootsuite": "date_time", "buffer": "Posting Time"}[flavour]
    problems = [CalendarProblem(n, column, "this time is in the past") for n, r in zip(numbers, rows, strict=True)
                if r.start <= now()]  # fmt: skip
    if problems:
        raise CalendarFileError(flavour, problems)
    free = _free_slots(plan, rows, network)
    drafts = []
    for number, row in zip(numbers, rows, strict=True):
        slot = free.pop(row.start.timestamp(), None)
        data = _draft_input(plan, row, network, slot)
        try:
            variants = check_create_post(user, data)
        except ActionError as exc:
            raise CalendarFileError(flavour, [CalendarProblem(number, "*", str(exc))]) from None
        drafts.append(ImportedDraft(number, data, variants, slot))
    return drafts


def _row_numbers(text: str, flavour: Flavour) -> list[int]:
    """Return the file lines of the rows the importer reads (it skips blank lines and the header)."""
    records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    first = 1 if flavour == "hootsuite" else 2
    body = records if flavour == "hootsuite" else records[1:]
    return [n for n, record in enumerate(body, start=first) if any(cell.strip() for cell in record)]


def _free_slots(plan: CalendarPlan, rows: list[CalendarRow], network: str) -> dict[float, Slot]:
    if not rows:
        return {}
    days = [r.start.astimezone(plan.zone).date() for r in rows]
    slots = [s for s in plan.slots_between(min(days), max(days)) if s.platform == network]
    taken = set(
        Post.objects.filter(slot_id__in=[s.id for s in slots]).exclude(status__in=RELEASES_SLOT).values_list("slot_id", flat=True)
    )
    return {s.start.timestamp(): s for s in slots if s.id not in taken}


def _draft_input(plan: CalendarPlan, row: CalendarRow, network: str, slot: Slot | None) -> PostInput:
    first_line = row.message.strip().splitlines()[0]
    title = first_line if len(first_line) <= TITLE_LENGTH else first_line[: TITLE_LENGTH - 1].rstrip() + "…"
    pillars = {p.key for p in plan.strategy.content_pillars}
    tagged = next((t for t in row.tags if t in pillars), "")
    local = row.start.astimezone(plan.zone)
    variant = {"text": row.message.strip(), "link_url": row.link.strip()}
    labels = {
        "pillar": tagged or (slot.pillar if slot else ""),
        "series": (slot.series or "") if slot else "",
        "content_type": slot.content_type if slot else "",
        "monthly_theme": plan.strategy.theme_for_month(local.month),
        "weekday_theme": plan.strategy.theme_for_weekday(local.weekday(), network),
        "slot_id": slot.id if slot else "",
    }
    return PostInput(title=title or slot_label(slot), variants={network: variant}, scheduled_at=row.start, **labels)


def do_import_calendar(user, drafts: list[ImportedDraft], *, flavour: Flavour, network: str) -> list[Post]:
    """Create every imported row as a draft post, all or nothing, and audit the import."""
    with transaction.atomic():
        posts = [do_create_post(user, d.data, d.variants) for d in drafts]
        log("socialrx.calendar.import", actor=user,
            data={"flavour": flavour, "network": network, "posts": [p.pk for p in posts],
                  "in_slots": sum(1 for d in drafts if d.slot is not None)})  # fmt: skip
    return posts


def import_calendar(
    user, plan: CalendarPlan, text: str, *, flavour: Flavour, network: str, date_order: DateOrder = "mdy"
) -> list[Post]:
    drafts = check_import_calendar(user, plan, text, flavour=flavour, network=network, date_order=date_order)
    return do_import_calendar(user, drafts, flavour=flavour, network=network)
