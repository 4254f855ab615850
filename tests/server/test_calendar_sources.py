"""The calendar plans from everything stored: events, owned groups and the engagement history of published posts."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.timezone import localdate, now
from icalendar import Calendar

from socialrx.server.actions.relationships import EventInput, save_event, save_group
from socialrx.server.lib.calendar import active_plan
from socialrx.server.models import CalendarFeedToken, PostStat

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
SUMMIT = "Radiology AI Summit"
LIVE_ON_X = "conference_live_tweeting"
LEARNED_HOUR = 16


def summit(start: date, days: int = 3) -> EventInput:
    return EventInput(name=SUMMIT, start=start, end=start + timedelta(days=days - 1), location="Chicago",
                      hashtags=("RadAI27",), platforms=("x", "linkedin"))  # fmt: skip


def event_slots(first: date, last: date) -> list:
    return [s for s in active_plan().slots_between(first, last) if s.event == SUMMIT]


def live_days_on_x(first: date, last: date) -> set[date]:
    return {s.day for s in event_slots(first, last) if s.platform == "x" and s.content_type == LIVE_ON_X}


def first_linkedin_times(first: date = date(2027, 3, 1), last: date = date(2027, 3, 31)) -> set[time]:
    """Return the New York times of each day's first LinkedIn slot."""
    starts: dict[date, time] = {}
    for slot in active_plan().slots_between(first, last):
        if slot.platform == "linkedin":
            starts.setdefault(slot.day, slot.start.astimezone(NEW_YORK).time())
    return set(starts.values())


def store_history(network: str, hour: int, count: int, days_ago: int = 120, *, engagements: int = 80) -> None:
    """Store `count` published posts, one a day from `days_ago` days ago, all at `hour` New York time."""
    first = localdate() - timedelta(days=days_ago)
    PostStat.objects.bulk_create(
        PostStat(network=network, platform_post_id=f"{network}-{hour}-{n}", impressions=1000, engagements=engagements,
                 published_at=datetime.combine(first + timedelta(days=n), time(hour), NEW_YORK),
                 measured_on=first + timedelta(days=n + 2))
        for n in range(count)
    )  # fmt: skip


def test_stored_event_gets_live_coverage_on_x_in_the_calendar(seed_strategy, manager, viewer_client):
    """A conference saved on the Relationships pages has live-coverage slots on X on each of its days in the calendar."""
    save_event(manager, summit(date(2027, 3, 8)))
    days = live_days_on_x(date(2027, 3, 1), date(2027, 3, 31))
    assert days == {date(2027, 3, 8), date(2027, 3, 9), date(2027, 3, 10)}
    around = event_slots(date(2027, 2, 15), date(2027, 3, 31))
    assert any(s.day < date(2027, 3, 8) for s in around) and any(s.day > date(2027, 3, 10) for s in around)
    html = viewer_client.get("/calendar/?view=list&month=2027-03").content.decode()
    for slot in event_slots(date(2027, 3, 8), date(2027, 3, 10)):
        assert f'data-entry="slot-{slot.id}"' in html
    assert f"conference live tweeting ({SUMMIT})" in html


def test_stored_event_is_in_the_icalendar_feed(seed_strategy, manager, manager_client, client):
    """The shared iCalendar feed carries the stored event's live-coverage slots on X, one per event day."""
    start = localdate() + timedelta(days=20)
    save_event(manager, summit(start, days=2))
    assert manager_client.post("/calendar/share/rotate/").status_code == 302
    url = f"/calendar/feed/{CalendarFeedToken.objects.get().token}.ics"
    response = client.get(f"{url}?network=x")
    assert response.status_code == 200
    events = Calendar.from_ical(response.content).walk("VEVENT")
    live = [e for e in events if f".live.{LIVE_ON_X}/" in str(e["UID"]) and f"Event: {SUMMIT}" in str(e.get("DESCRIPTION", ""))]
    assert {e["DTSTART"].dt.date() for e in live} == {start, start + timedelta(days=1)}
    assert all(str(e["UID"]).startswith("x/event.") for e in live)


def test_stored_owned_group_gets_its_weekly_discussion_starter(seed_strategy, manager, viewer_client):
    """A group saved as owned gets the weekly discussion starter on the calendar, one a week; a member group does not."""
    save_group(manager, name="Radiology AI Circle", role="owner")
    save_group(manager, name="Nursing Informatics Forum", role="member")
    slots = active_plan().slots_between(date(2027, 3, 1), date(2027, 3, 28))
    starters = [s for s in slots if s.routine == "Weekly discussion starter posts"]
    assert [s.group for s in starters] == ["Radiology AI Circle"] * 4
    assert {s.day.isocalendar().week for s in starters} == {9, 10, 11, 12}
    html = viewer_client.get("/calendar/?view=list&month=2027-03").content.decode()
    assert "Weekly discussion starter posts in Radiology AI Circle" in html
    assert "Weekly discussion starter posts in Nursing Informatics Forum" not in html


def test_engagement_history_moves_linkedin_slots_to_the_learned_hour(seed_strategy, viewer_client):
    """With enough LinkedIn history all at 16:00, LinkedIn slots move from the 09:00 default to 16:00."""
    assert first_linkedin_times() == {time(9)}
    store_history("linkedin", LEARNED_HOUR, 20)
    assert first_linkedin_times() == {time(9)}, "too little history keeps the strategy's default time"
    PostStat.objects.all().delete()
    store_history("linkedin", LEARNED_HOUR, 42)
    assert first_linkedin_times() == {time(LEARNED_HOUR)}
    march = active_plan().slots_between(date(2027, 3, 1), date(2027, 3, 31))
    x_times = {s.start.astimezone(NEW_YORK).time() for s in march if s.platform == "x"}
    assert time(LEARNED_HOUR) not in x_times, "other networks keep their own times"
    html = viewer_client.get("/calendar/?view=week&month=2027-03&day=2027-03-08").content.decode()
    assert '<span class="cal-time">16:00</span> <span class="cal-net">linkedin</span>' in html
    assert '<span class="cal-time">09:00</span> <span class="cal-net">linkedin</span>' not in html


def test_plan_refreshes_when_an_event_is_saved_or_changed(seed_strategy, manager, viewer_client):
    """The cached plan is replanned as soon as an event is saved, moved to other days, or a group's role changes."""
    assert not event_slots(date(2027, 3, 1), date(2027, 3, 31))
    assert SUMMIT not in viewer_client.get("/calendar/?view=list&month=2027-03").content.decode()
    save_event(manager, summit(date(2027, 3, 8)))
    assert live_days_on_x(date(2027, 3, 1), date(2027, 3, 31)) == {date(2027, 3, 8), date(2027, 3, 9), date(2027, 3, 10)}
    assert SUMMIT in viewer_client.get("/calendar/?view=list&month=2027-03").content.decode()
    save_event(manager, summit(date(2027, 3, 8), days=1))
    assert live_days_on_x(date(2027, 3, 1), date(2027, 3, 31)) == {date(2027, 3, 8)}
    save_group(manager, name="Radiology AI Circle", role="owner")
    assert any(s.group == "Radiology AI Circle" for s in active_plan().slots_between(date(2027, 3, 1), date(2027, 3, 7)))
    save_group(manager, name="Radiology AI Circle", role="contributor")
    assert not any(s.routine == "Weekly discussion starter posts" and s.group == "Radiology AI Circle"
                   for s in active_plan().slots_between(date(2027, 3, 1), date(2027, 3, 31)))  # fmt: skip


def test_updated_post_counts_refresh_the_learned_hours(seed_strategy):
    """Re-imported counts that change which hour engages best move the slots again (the cache sees the update)."""
    store_history("linkedin", LEARNED_HOUR, 35)
    store_history("linkedin", 11, 35, days_ago=60, engagements=40)
    late = PostStat.objects.filter(platform_post_id__startswith=f"linkedin-{LEARNED_HOUR}-")
    assert first_linkedin_times() == {time(LEARNED_HOUR)}
    late.update(engagements=10, measured_on=now().date())
    assert first_linkedin_times() == {time(11)}


def test_history_older_than_a_year_is_not_learned_from(seed_strategy):
    """Posts published more than a year ago do not move the slots: the plan learns from the last year only."""
    store_history("linkedin", LEARNED_HOUR, 42, days_ago=365 + 60)
    assert first_linkedin_times() == {time(9)}
