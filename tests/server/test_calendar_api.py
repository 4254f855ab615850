"""The calendar API: slots for a range, health, the iCalendar feed and moving a post, with refusals."""

from __future__ import annotations

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from icalendar import Calendar

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.lib.calendar import active_plan
from socialrx.server.models import AuditEvent

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")


def a_slot(platform: str = "linkedin"):
    return next(s for s in active_plan().slots_between(date(2027, 1, 12), date(2027, 1, 12)) if s.platform == platform)


def test_slots_for_a_range(seed_strategy, manager, viewer_api):
    """The slots endpoint returns every slot of the range with its labels; a slot's post replaces it."""
    slot = a_slot()
    post = create_post(manager, PostInput(title="API post", variants={"linkedin": {"text": "x"}}, slot_id=slot.id,
                                          scheduled_at=slot.start))  # fmt: skip
    response = viewer_api.get("/api/calendar/slots?from=2027-01-11&to=2027-01-17")
    assert response.status_code == 200, response.content
    entries = response.json()
    assert len(entries) == len(active_plan().slots_between(date(2027, 1, 11), date(2027, 1, 17)))
    held = next(e for e in entries if e["post_id"] == post.pk)
    assert held["slot_id"] == slot.id and held["status"] == "draft" and held["title"] == "API post"
    assert all(e["monthly_theme"] and e["pillar"] for e in entries)
    weekdays = [e for e in entries if datetime.fromisoformat(e["start"]).weekday() < 5]
    assert all(bool(e["weekday_theme"]) is (e["platform"] == "linkedin") for e in weekdays)
    assert all(e["hashtags"][0] == "#HealthcareAI" for e in entries)
    only_x = viewer_api.get("/api/calendar/slots?from=2027-01-11&to=2027-01-17&network=x").json()
    assert only_x and {e["platform"] for e in only_x} == {"x"}
    assert viewer_api.get("/api/calendar/slots?from=2027-01-11&to=2026-01-17").status_code == 400


def test_health(seed_strategy, viewer_api):
    """The health endpoint returns the month's pillar mix with targets, gaps, theme coverage and open slots."""
    body = viewer_api.get("/api/calendar/health?month=2027-01").json()
    assert body["month"] == "2027-01"
    assert {m["pillar"] for m in body["pillar_mix"]} == {p.key for p in active_plan().strategy.content_pillars}
    assert sum(m["target"] for m in body["pillar_mix"]) == pytest.approx(100)
    assert body["theme_coverage"] and isinstance(body["open_slots_next_14_days"], list)
    assert viewer_api.get("/api/calendar/health?month=13").status_code == 400


def test_feed(seed_strategy, viewer_api):
    """The API's feed is iCalendar a parser reads back."""
    response = viewer_api.get("/api/calendar/feed.ics?from=2027-01-01&to=2027-01-31&network=youtube")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events and all(str(e["UID"]).startswith("youtube/") for e in events)


def test_move(seed_strategy, manager, manager_api, viewer_api):
    """The manager moves a post through the API (audited); a viewer is refused."""
    slot = a_slot()
    post = create_post(manager, PostInput(title="Move me", variants={"linkedin": {"text": "x"}}, slot_id=slot.id,
                                          scheduled_at=slot.start))  # fmt: skip
    url = f"/api/calendar/posts/{post.pk}/move"
    refused = viewer_api.post(url, data=json.dumps({"day": "2027-01-19"}), content_type="application/json")
    assert refused.status_code == 403
    moved = manager_api.post(url, data=json.dumps({"day": "2027-01-19", "time": "11:15"}), content_type="application/json")
    assert moved.status_code == 200, moved.content
    assert datetime.fromisoformat(moved.json()["scheduled_at"]) == datetime(2027, 1, 19, 11, 15, tzinfo=NEW_YORK)
    past = manager_api.post(url, data=json.dumps({"day": "2021-01-19"}), content_type="application/json")
    assert past.status_code == 400
    assert AuditEvent.objects.filter(action="socialrx.post.schedule").count() == 1


def test_calendar_api_refused_without_view_dashboards(seed_strategy, api_token_for):
    """A person without the view permission is refused by every calendar endpoint."""
    stranger = get_user_model().objects.create_user("stranger", password="x-unused-password-1")
    api, _ = api_token_for(stranger)
    assert api.get("/api/calendar/slots?from=2027-01-11&to=2027-01-17").status_code == 403
    assert api.get("/api/calendar/health").status_code == 403
    assert api.get("/api/calendar/feed.ics?from=2027-01-01&to=2027-01-31").status_code == 403
    assert Client().get("/api/calendar/health").status_code == 401
