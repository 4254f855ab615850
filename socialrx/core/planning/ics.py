"""The plan as an iCalendar feed (RFC 5545) that calendar clients can subscribe to."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from .model import Slot

PRODUCT_ID = "-//socialrx//content calendar//EN"
UID_DOMAIN = "socialrx"
SLOT_LENGTH = timedelta(minutes=30)


def slot_uid(slot: Slot) -> str:
    """Return the iCalendar UID of a slot: stable across exports, so clients update, not duplicate."""
    return f"{slot.id}@{UID_DOMAIN}"


def slots_to_ics(
    slots: Sequence[Slot], *, calendar_name: str, timezone: str, stamp: datetime | None = None
) -> bytes:
    """Return an iCalendar document with one event per slot, times in `timezone`.

    Every TZID used has its VTIMEZONE. `stamp` is the DTSTAMP of every event (the time
    the feed was made); it defaults to now, the one input that is not in the slots.
    """
    zone = ZoneInfo(timezone)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", calendar_name)
    calendar.add("x-wr-timezone", timezone)
    made = (stamp or datetime.now(UTC)).astimezone(UTC)
    for slot in slots:
        calendar.add_component(_event(slot, zone, made))
    if slots:
        years = [s.start.year for s in slots]
        calendar.add_missing_timezones(first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 2, 1, 1))
    return calendar.to_ical()


def _event(slot: Slot, zone: ZoneInfo, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", slot_uid(slot))
    event.add("dtstamp", stamp)
    start = slot.start.astimezone(zone)
    event.add("dtstart", start)
    event.add("dtend", start + SLOT_LENGTH)
    event.add("summary", _summary(slot))
    event.add("description", _description(slot))
    event.add("categories", [slot.platform, slot.pillar])
    return event


def _summary(slot: Slot) -> str:
    what = slot.series_item or slot.routine or slot.content_type.replace("_", " ")
    return f"[{slot.platform}] {what} ({slot.pillar.replace('_', ' ')})"


def _description(slot: Slot) -> str:
    lines = [
        f"Platform: {slot.platform}",
        f"Content type: {slot.content_type}",
        f"Format: {slot.format}",
        f"Pillar: {slot.pillar}",
        f"Monthly theme: {slot.monthly_theme}",
        f"Weekday theme: {slot.weekday_theme}",
    ]
    optional = [
        ("Series", slot.series),
        ("Routine", slot.routine),
        ("Group", slot.group),
        ("Event", slot.event),
        ("Strategy version", slot.strategy_version),
        ("Hashtags", " ".join(slot.hashtags)),
    ]
    lines += [f"{label}: {value}" for label, value in optional if value]
    return "\n".join(lines)
