"""Sharing the calendar: the iCalendar feed at a rotatable secret URL, bulk CSV export and import."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.lib.calendar import active_plan
from socialrx.server.models import AuditEvent, CalendarFeedToken, Post

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def feed_url(client) -> str:
    assert client.post("/calendar/share/rotate/").status_code == 302
    return f"/calendar/feed/{CalendarFeedToken.objects.get().token}.ics"


def events(body: bytes) -> list:
    return [c for c in Calendar.from_ical(body).walk("VEVENT")]


def linkedin_posts(author, count: int, day: date = date(2027, 1, 11)) -> list[Post]:
    slots = [s for s in active_plan().slots_between(day, date(2027, 1, 29)) if s.platform == "linkedin"][:count]
    return [
        create_post(author, PostInput(title=f"Post {n}", variants={"linkedin": {"text": f"Evidence note number {n}."}},
                                      pillar=s.pillar, slot_id=s.id, scheduled_at=s.start))  # fmt: skip
        for n, s in enumerate(slots)
    ]


def test_feed_parses_back_with_stable_uids_and_timezone(seed_strategy, manager, manager_client, client):
    """The feed is RFC 5545 that icalendar reads back: stable UIDs, TZID with its VTIMEZONE, posts as events."""
    url = feed_url(manager_client)
    slot = active_plan().slots_between(date(2026, 12, 7), date(2026, 12, 7))[0]
    post = create_post(manager, PostInput(title="Feed post", variants={"linkedin": {"text": "x"}}, slot_id=slot.id,
                                          scheduled_at=slot.start))  # fmt: skip
    first, second = client.get(url), client.get(url)
    assert first.status_code == 200 and first["Content-Type"].startswith("text/calendar")
    found = events(first.content)
    uids = [str(e["UID"]) for e in found]
    assert uids == [str(e["UID"]) for e in events(second.content)]
    assert len(uids) == len(set(uids))
    assert f"post-{post.pk}@socialrx" in uids and f"{slot.id}@socialrx" not in uids
    calendar = Calendar.from_ical(first.content)
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    slot_event = next(e for e in found if str(e["UID"]).startswith("linkedin/"))
    assert slot_event["DTSTART"].params["TZID"] == "America/New_York"
    assert slot_event["DTSTART"].dt.tzinfo is not None
    post_event = next(e for e in found if str(e["UID"]) == f"post-{post.pk}@socialrx")
    assert post_event["DTSTART"].dt == slot.start and "Feed post" in str(post_event["SUMMARY"])


def test_feed_per_network(seed_strategy, manager_client, client):
    """A network's feed holds only that network's events."""
    url = feed_url(manager_client)
    found = events(client.get(url + "?network=youtube").content)
    assert found and all(str(e["UID"]).startswith("youtube/") for e in found)
    assert client.get(url + "?network=myspace").status_code == 404


def test_rotation_stops_the_old_url_at_once(seed_strategy, manager_client, client):
    """Making a new address makes the old one answer 404 and is audited."""
    old = feed_url(manager_client)
    new = feed_url(manager_client)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    assert AuditEvent.objects.filter(action="socialrx.calendar.feed_rotate").count() == 2
    assert client.get("/calendar/feed/guessed-token.ics").status_code == 404


def test_share_page_shows_the_addresses(seed_strategy, manager_client):
    """The share page shows the person's feed address for all networks and each network."""
    url = feed_url(manager_client)
    html = manager_client.get("/calendar/share/").content.decode()
    assert url in html and f"{url}?network=doximity" in html


def test_share_refused_without_view_dashboards(seed_strategy, db, client):
    """A person without the view permission gets no share page and no feed; a stranger's token stops with them."""
    from django.contrib.auth import get_user_model

    stranger = get_user_model().objects.create_user("stranger", password="x-unused-password-1")
    client.force_login(stranger)
    assert client.get("/calendar/share/").status_code == 403
    assert client.post("/calendar/share/rotate/").status_code == 403
    assert client.get("/calendar/export.csv?flavour=buffer&network=linkedin").status_code == 403


@pytest.mark.parametrize("flavour", ["sprout_social", "hootsuite", "buffer"])
def test_export_import_round_trip(seed_strategy, manager, manager_client, flavour):
    """Posts exported in a tool's format and imported again come back as drafts in the same slots and times."""
    posts = linkedin_posts(manager, 5)
    before = {(p.slot_id, p.scheduled_at, p.variants.get().text) for p in posts}
    response = manager_client.get(f"/calendar/export.csv?flavour={flavour}&network=linkedin&month=2027-01")
    assert response.status_code == 200, response.content
    assert response["Content-Disposition"].startswith("attachment")
    Post.objects.all().delete()
    upload = SimpleUploadedFile("january.csv", response.content, content_type="text/csv")
    imported = manager_client.post("/calendar/import/", {"file": upload, "flavour": flavour, "network": "linkedin"})
    assert imported.status_code == 302, imported.content.decode()[:2000]
    after = {(p.slot_id, p.scheduled_at, p.variants.get().text) for p in Post.objects.all()}
    assert after == before
    assert set(Post.objects.values_list("status", flat=True)) == {"draft"}
    assert AuditEvent.objects.filter(action="socialrx.calendar.import").count() == 1


def test_import_errors_change_nothing(seed_strategy, manager, manager_client):
    """A file with bad rows imports nothing and lists every problem by row and column."""
    linkedin_posts(manager, 1)
    count = Post.objects.count()
    text = "Text,Image URL,Tags,Posting Time\nGood row,,,2027-02-01 09:00\n,,,2027-02-02 09:00\nBad time,,,tomorrow\n"
    upload = SimpleUploadedFile("bad.csv", text.encode(), content_type="text/csv")
    response = manager_client.post("/calendar/import/", {"file": upload, "flavour": "buffer", "network": "linkedin"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "nothing changed" in html
    assert "<td class=\"num\">3</td><td><code>Text</code></td>" in html
    assert "<td class=\"num\">4</td><td><code>Posting Time</code></td>" in html
    assert Post.objects.count() == count


def test_import_refuses_past_rows_by_row(seed_strategy, manager_client):
    """A row in the past is a problem of its row; nothing is imported."""
    text = "Text,Image URL,Tags,Posting Time\n\nFuture,,,2027-02-01 09:00\nPast,,,2020-02-02 09:00\n"
    upload = SimpleUploadedFile("past.csv", text.encode(), content_type="text/csv")
    response = manager_client.post("/calendar/import/", {"file": upload, "flavour": "buffer", "network": "linkedin"})
    assert response.status_code == 400
    assert "<td class=\"num\">4</td><td><code>Posting Time</code></td><td>this time is in the past" in response.content.decode()
    assert Post.objects.count() == 0


def test_import_refused_without_compose(seed_strategy, viewer_client):
    """A viewer cannot import a calendar."""
    upload = SimpleUploadedFile("a.csv", b"Text,Image URL,Tags,Posting Time\nA,,,2027-02-01 09:00\n")
    response = viewer_client.post("/calendar/import/", {"file": upload, "flavour": "buffer", "network": "linkedin"})
    assert response.status_code == 403
    assert Post.objects.count() == 0


def test_export_rule_breaks_are_listed(seed_strategy, manager, manager_client):
    """Sprout Social needs 10 minutes between messages; a clash is shown by row and nothing is downloaded."""
    slot = [s for s in active_plan().slots_between(date(2027, 1, 12), date(2027, 1, 12)) if s.platform == "linkedin"][0]
    for title in ("One", "Two"):
        create_post(manager, PostInput(title=title, variants={"linkedin": {"text": title}}, scheduled_at=slot.start))
    response = manager_client.get("/calendar/export.csv?flavour=sprout_social&network=linkedin&month=2027-01")
    assert response.status_code == 400
    assert "less than 10 minutes" in response.content.decode()
