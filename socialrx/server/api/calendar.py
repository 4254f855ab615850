"""Calendar endpoints: slots and posts for a range, the plan's health, the iCalendar feed, moving a post."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, datetime, time

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.timezone import localdate, now
from ninja import Field, Query, Router, Schema

from socialrx.server.actions import ActionError
from socialrx.server.actions.calendar import move_post
from socialrx.server.lib.calendar import (
    CalendarEntry,
    CalendarFilters,
    access_calendar,
    calendar_entries,
    calendar_health,
    calendar_ics,
    slot_label,
)
from socialrx.server.models import Post

router = Router(tags=["calendar"])
MAX_DAYS = 366


class ErrorOut(Schema):
    detail: str


class FeedRangeIn(Schema):
    start: date = Field(alias="from", description="first day, YYYY-MM-DD")
    end: date = Field(alias="to", description="last day (included), YYYY-MM-DD")
    network: str = ""


class RangeIn(FeedRangeIn):
    pillar: str = ""
    series: str = ""
    status: str = Field("", description="a post status, or 'open' for slots without a post")


class EntryOut(Schema):
    start: datetime
    platform: str
    status: str
    title: str
    pillar: str
    series: str
    slot_id: str | None
    content_type: str | None
    monthly_theme: str | None
    weekday_theme: str | None
    hashtags: list[str] = Field(description="the strategy's hashtags for the slot (empty for a post without a slot)")
    strategy_version: str | None
    post_id: int | None
    channels: list[str]


class PillarMixOut(Schema):
    pillar: str
    target: float
    planned: float
    written: float
    planned_count: int
    written_count: int


class GapOut(Schema):
    period: str
    platform: str
    source_key: str
    label: str
    expected: int
    planned: int


class ThemeOut(Schema):
    weekday: str
    theme: str
    slots: int
    on_theme: int


class OpenSlotOut(Schema):
    id: str
    platform: str
    start: datetime
    what: str


class HealthOut(Schema):
    month: str
    messages: list[str]
    pillar_mix: list[PillarMixOut]
    cadence_gaps: list[GapOut]
    theme_coverage: list[ThemeOut]
    open_slots_next_14_days: list[OpenSlotOut]


class MoveIn(Schema):
    day: date
    at: time | None = Field(None, alias="time", description="HH:MM in the strategy's timezone; omitted keeps the time of day")


class MovedOut(Schema):
    post_id: int
    status: str
    scheduled_at: datetime


def _entry_out(entry: CalendarEntry) -> dict:
    slot = entry.slot
    return {
        "start": entry.start, "platform": entry.platform, "status": entry.status, "title": entry.title,
        "pillar": entry.pillar, "series": entry.series, "slot_id": slot.id if slot else None,
        "content_type": slot.content_type if slot else (entry.post.content_type or None),
        "monthly_theme": slot.monthly_theme if slot else None, "weekday_theme": slot.weekday_theme if slot else None,
        "hashtags": list(slot.hashtags) if slot else [],
        "strategy_version": slot.strategy_version if slot else None,
        "post_id": entry.post.pk if entry.post is not None else None, "channels": list(entry.channels),
    }  # fmt: skip


@router.get("/slots", response={200: list[EntryOut], 400: ErrorOut}, summary="Slots and posts of a date range")
def list_slots(request, query: Query[RangeIn]):
    """Return the plan's slots of the range merged with posts: a slot holding a post appears as the post."""
    plan = access_calendar(request.auth)
    _check_range(query)
    filters = CalendarFilters(network=query.network, pillar=query.pillar, series=query.series, status=query.status)
    return [_entry_out(e) for e in calendar_entries(plan, query.start, query.end, filters)]


@router.get("/health", response={200: HealthOut, 400: ErrorOut}, summary="The plan's health for a month")
def health(request, month: str = Query("", description="YYYY-MM; default: this month")):
    """Return pillar mix planned and written against target, cadence gaps, theme coverage and open slots soon."""
    plan = access_calendar(request.auth)
    today = localdate(now(), plan.zone)
    try:
        first = date.fromisoformat(f"{month}-01") if month else today.replace(day=1)
    except ValueError:
        raise ActionError(f"month: {month!r} is not a month like 2026-03") from None
    last = first.replace(day=monthrange(first.year, first.month)[1])
    found = calendar_health(plan, first, last, today)
    label = f"{first:%Y-%m}"
    return {
        "month": label, "messages": found.messages,
        "pillar_mix": [m for m in found.month.pillar_mix if m.month == label],
        "cadence_gaps": list(found.month.cadence_gaps), "theme_coverage": list(found.month.theme_coverage),
        "open_slots_next_14_days": [{"id": s.id, "platform": s.platform, "start": s.start, "what": slot_label(s)}
                                    for s in found.upcoming.empty_soon],
    }  # fmt: skip


@router.get("/feed.ics", summary="The calendar as iCalendar (RFC 5545)", response={200: None})
def feed(request, query: Query[FeedRangeIn]):
    """Return the range as an iCalendar document: open slots with their planner UIDs, posts as post-<id>."""
    plan = access_calendar(request.auth)
    _check_range(query)
    body = calendar_ics(plan, query.start, query.end, network=query.network)
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


def _check_range(query: FeedRangeIn) -> None:
    if query.end < query.start or (query.end - query.start).days >= MAX_DAYS:
        raise ActionError(f"choose a range of 1 to {MAX_DAYS} days, 'to' not before 'from'")


@router.post("/posts/{post_id}/move", response={200: MovedOut, 400: ErrorOut, 403: ErrorOut}, summary="Move a post")
def move(request, post_id: int, payload: MoveIn):
    """Move a post to another day (and time); the manager or the post's author may; audited."""
    plan = access_calendar(request.auth)
    post = move_post(request.auth, get_object_or_404(Post, pk=post_id), plan, payload.day, payload.at)
    return {"post_id": post.pk, "status": post.status, "scheduled_at": post.scheduled_at}
