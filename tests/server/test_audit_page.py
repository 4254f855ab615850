"""The audit log page: refused without view_audit, filters, pagination, CSV export and the chain check."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from socialrx.server.lib.audit import log
from socialrx.server.models import AuditEvent
from socialrx.server.views.audit import PAGE_SIZE
from tests.server.test_reviews_support import client_of, submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("role", ["content_creator", "community_manager", "viewer"])
def test_refused_without_view_audit(team, role):
    """People without view_audit get 403 from the page and the export."""
    client = client_of(team[role])
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


@pytest.mark.parametrize("role", ["social_media_manager", "healthcare_content_specialist", "legal", "executive"])
def test_allowed_with_view_audit(team, role):
    """Roles holding view_audit see the log."""
    response = client_of(team[role]).get("/audit/")
    assert response.status_code == 200
    assert b"Audit log" in response.content


def test_anonymous_is_sent_to_sign_in(db, client):
    """A visitor who is not signed in is sent to the sign-in page."""
    response = client.get("/audit/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_audit_is_in_the_navigation_for_its_readers(team):
    """The Audit entry shows in the navigation for people who may read the log, and not for others."""
    assert b'href="/audit/"' in client_of(team["healthcare_content_specialist"]).get("/reviews/").content
    assert b'href="/audit/"' not in client_of(team["viewer"]).get("/reviews/").content


def test_filters_by_action_actor_and_object(team):
    """The action, person and object filters narrow the rows."""
    post = submitted(team["author"])
    client = client_of(team["social_media_manager"])
    page = client.get("/audit/", {"action": "socialrx.post.submit"}).context["page"]
    assert [e.action for e in page] == ["socialrx.post.submit"]
    page = client.get("/audit/", {"actor": "author"}).context["page"]
    assert {e.actor_label for e in page} == {"author"}
    page = client.get("/audit/", {"object": f"post:{post.pk}"}).context["page"]
    assert [e.action for e in page] == ["socialrx.post.submit", "socialrx.post.create"]
    page = client.get("/audit/", {"action": "socialrx.post."}).context["page"]
    assert {e.action for e in page} == {"socialrx.post.create", "socialrx.post.submit"}


def test_text_filter_searches_details(team):
    """The text filter finds words inside the recorded details."""
    log("socialrx.user.roles", actor=team["social_media_manager"], data={"roles": ["Healthcare Content Specialist"]})
    page = client_of(team["social_media_manager"]).get("/audit/", {"text": "content specialist"}).context["page"]
    assert len(page) >= 1
    assert all("Specialist" in str(e.data) or "specialist" in e.object_repr.lower() for e in page)


def test_date_range_uses_the_strategy_days(team, seed_strategy):
    """A date range keeps the events of those days in the strategy's time zone."""
    zone = ZoneInfo("America/New_York")
    with time_machine.travel(datetime(2025, 3, 3, 23, 30, tzinfo=zone), tick=False):
        log("socialrx.token.create", actor=team["viewer"], data={"name": "late on the 3rd"})
    with time_machine.travel(datetime(2025, 3, 4, 0, 30, tzinfo=zone), tick=False):
        log("socialrx.token.create", actor=team["viewer"], data={"name": "early on the 4th"})
    client = client_of(team["social_media_manager"])
    page = client.get("/audit/", {"from": "2025-03-03", "to": "2025-03-03"}).context["page"]
    assert [e.data["name"] for e in page] == ["late on the 3rd"]
    page = client.get("/audit/", {"from": "2025-03-04"}).context["page"]
    assert "early on the 4th" in [e.data.get("name") for e in page]
    assert "late on the 3rd" not in [e.data.get("name") for e in page]


def test_bad_filters_are_reported(team):
    """An impossible date or unknown action is named, and the answer is a 400."""
    response = client_of(team["social_media_manager"]).get("/audit/", {"from": "yesterday", "action": "socialrx.nope"})
    assert response.status_code == 400
    assert b"not a date" in response.content and b"socialrx.nope" in response.content


def test_pagination(team):
    """Entries come a page at a time, newest first, and the filter carries over to the next page."""
    for i in range(PAGE_SIZE + 5):
        log("socialrx.token.create", actor=team["viewer"], data={"name": f"t{i}"})
    client = client_of(team["social_media_manager"])
    first = client.get("/audit/", {"action": "socialrx.token.create"})
    assert len(first.context["page"]) == PAGE_SIZE
    assert first.context["page"][0].data["name"] == f"t{PAGE_SIZE + 4}"
    assert b"action=socialrx.token.create&amp;page=2" in first.content
    second = client.get("/audit/", {"action": "socialrx.token.create", "page": 2})
    assert [e.data["name"] for e in second.context["page"]] == [f"t{i}" for i in range(4, -1, -1)]


def test_csv_exports_the_filtered_rows(team):
    """The CSV export holds exactly the filtered rows, with hashes and details."""
    post = submitted(team["author"])
    response = client_of(team["healthcare_content_specialist"]).get("/audit/export.csv", {"object": f"post:{post.pk}"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    assert [r["action"] for r in rows] == ["socialrx.post.submit", "socialrx.post.create"]
    assert rows[0]["label"] == "Submitted a post for review"
    assert len(rows[0]["revision_hash"]) == 64 and len(rows[0]["entry_hash"]) == 64
    assert '"revision": 1' in rows[0]["data"]


def test_verify_shows_an_intact_chain(team):
    """Asking to verify shows that the chain is intact and how many entries were checked."""
    response = client_of(team["social_media_manager"]).get("/audit/", {"verify": "1"})
    assert response.context["chain"].ok is True
    assert b"The chain is intact" in response.content


def test_verify_shows_where_the_chain_breaks(team):
    """An entry edited in the database is named on the page."""
    post = submitted(team["author"])
    target = AuditEvent.objects.get(action="socialrx.post.submit", object_id=str(post.pk))
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET actor_label = %s WHERE id = %s", ["mallory", target.pk])
    response = client_of(team["social_media_manager"]).get("/audit/", {"verify": "1"})
    assert response.context["chain"].ok is False
    assert f"entry {target.pk} was changed after it was written".encode() in response.content
