"""The listening and inbox API: queries with error positions, sources, mentions, alerts, inbox items and refusals."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from socialrx.connectors import sandbox
from socialrx.server.actions.inbox import do_open_item
from socialrx.server.actions.listening import add_manual_mention, create_source, ensure_default_queries
from socialrx.server.models import Alert, AuditEvent, InboxItem, ListeningQuery, PublishingSwitch, SourceKind
from tests.connectors.fakes import FakeResponse, FakeServer, RecordedRequest

DATA = Path(__file__).parent.parent / "connectors" / "data"
NOW = datetime(2024, 6, 10, 14, tzinfo=UTC)


class AlertsFeed(FakeServer):
    """Serve the Google Alerts fixture feed."""

    def route(self, request: RecordedRequest) -> FakeResponse:
        return FakeResponse(200, (DATA / "google_alerts.xml").read_bytes(), {"ETag": '"v1"'})


@pytest.fixture
def feed() -> Iterator[AlertsFeed]:
    with AlertsFeed() as server:
        yield server


@pytest.fixture(autouse=True)
def empty_outbox() -> Iterator[None]:
    sandbox.reset()
    yield
    sandbox.reset()


@pytest.fixture
def community(make_user, seed_strategy):
    """A community manager (manage_listening, answer_inbox) with the strategy's default queries."""
    user = make_user("community_manager", username="community")
    ensure_default_queries(user)
    return user


@pytest.fixture
def community_api(community, api_token_for) -> Client:
    return api_token_for(community)[0]


def post(client: Client, url: str, body: dict | None = None):
    return client.post(url, body or {}, content_type="application/json")


def test_queries_list_validate_and_create_with_error_position(community_api, viewer_api):
    """Validation returns the position and caret; saving a bad query is a 400 with its position; viewers only read."""
    listed = viewer_api.get("/api/listening/queries")
    assert listed.status_code == 200 and "key-terms" in {q["key"] for q in listed.json()}
    check = post(viewer_api, "/api/listening/queries/validate", {"text": "ai AND bias OR ethics"}).json()
    assert check["valid"] is False and check["position"] == 12 and "^" in check["caret"]
    assert post(viewer_api, "/api/listening/queries/validate", {"text": "(ai AND bias) OR ethics"}).json()["valid"]
    bad = post(community_api, "/api/listening/queries", {"name": "Bad", "text": "ai AND bias OR ethics"})
    assert bad.status_code == 400 and bad.json()["position"] == 12 and "at character 12" in bad.json()["detail"]
    made = post(community_api, "/api/listening/queries", {"name": "Ethics", "text": "(ai AND bias) OR ethics"})
    assert made.status_code == 200 and made.json()["key"] == "ethics"
    refused = post(viewer_api, "/api/listening/queries", {"name": "Mine", "text": "ai"})
    assert refused.status_code == 403 and not ListeningQuery.objects.filter(key="mine").exists()


def test_sources_health_and_poll_now(community, community_api, viewer_api, feed):
    """A source shows as waiting, polling it now stores mentions and makes it healthy; viewers cannot poll."""
    source = create_source(community, name="Google Alerts", kind=SourceKind.GOOGLE_ALERTS, url=f"{feed.url}/feed.xml")
    assert viewer_api.get(f"/api/listening/sources/{source.pk}").json()["health"] == "waiting"
    assert post(viewer_api, f"/api/listening/sources/{source.pk}/poll").status_code == 403
    assert source.mentions.count() == 0
    polled = post(community_api, f"/api/listening/sources/{source.pk}/poll")
    assert polled.status_code == 200, polled.content
    body = polled.json()
    assert body["ok"] and body["stored"] > 0 and body["source"]["health"] == "ok"
    assert body["source"]["last_fetched_at"] and body["source"]["error_count"] == 0
    assert [s["name"] for s in viewer_api.get("/api/listening/sources").json()] == ["Google Alerts"]
    assert post(community_api, "/api/listening/sources/99999/poll").status_code == 404


def test_mentions_filter_and_search(community, viewer_api):
    """Mentions are filtered by sentiment and query and searched by words."""
    add_manual_mention(community, text="Terrible experience with Healthcare AI support", author="@angry")
    add_manual_mention(community, text="Wonderful radiology results with Healthcare AI", author="@happy")
    add_manual_mention(community, text="A quiet day in hospital IT", author="@neutral")
    everything = viewer_api.get("/api/listening/mentions").json()
    assert everything["count"] == 3 and everything["page"] == 1
    negative = viewer_api.get("/api/listening/mentions?sentiment=negative").json()["results"]
    assert [m["author"] for m in negative] == ["@angry"] and negative[0]["sentiment_label"] == "negative"
    assert [m["author"] for m in viewer_api.get("/api/listening/mentions?q=radiology").json()["results"]] == ["@happy"]
    key_terms = ListeningQuery.objects.get(key="key-terms").pk
    matched = viewer_api.get(f"/api/listening/mentions?query={key_terms}").json()["results"]
    assert {m["author"] for m in matched} == {"@angry", "@happy"}


def test_alerts_acknowledge_and_crisis_mode_with_refusals(community, community_api, viewer_api, manager, api_token_for):
    """Viewers cannot acknowledge; the community manager can but may not enter crisis mode; the manager can."""
    add_manual_mention(community, text="Patient harmed: Healthcare AI gave an unsafe dose recommendation")
    alert = Alert.objects.get()
    listed = viewer_api.get("/api/listening/alerts?status=open").json()
    assert [a["id"] for a in listed] == [alert.pk] and listed[0]["offers_crisis"]
    assert post(viewer_api, f"/api/listening/alerts/{alert.pk}/acknowledge").status_code == 403
    acknowledged = post(community_api, f"/api/listening/alerts/{alert.pk}/acknowledge").json()
    assert acknowledged["status"] == "acknowledged" and acknowledged["acknowledged_by"] == "community"
    assert post(community_api, f"/api/listening/alerts/{alert.pk}/crisis").status_code == 403
    assert not PublishingSwitch.objects.filter(pk=1, paused=True).exists()
    crisis = post(api_token_for(manager)[0], f"/api/listening/alerts/{alert.pk}/crisis")
    assert crisis.status_code == 200 and crisis.json()["publishing_paused"] and crisis.json()["crisis"]
    assert AuditEvent.objects.filter(action="socialrx.listening.crisis", object_id=str(alert.pk)).exists()
    assert post(community_api, "/api/listening/alerts/99999/acknowledge").status_code == 404


def open_item() -> InboxItem:
    return do_open_item(None, text="Does your AI work with Epic?", received_at=NOW, author="@cio", external_id="1799")


def test_inbox_assign_reply_fix_and_send(community, community_api, viewer_api):
    """An item is assigned, a blocked draft is refused, the fixed reply is sent once and the item is answered."""
    with time_machine.travel(NOW, tick=False):
        item = open_item()
        assert [i["id"] for i in viewer_api.get("/api/inbox/items").json()] == [item.pk]
        assigned = post(community_api, f"/api/inbox/items/{item.pk}/assign", {"assignee_id": community.pk}).json()
        assert assigned["status"] == "assigned" and assigned["assignee"] == "community"
        mine = community_api.get("/api/inbox/items?assignee=me").json()
        assert [i["id"] for i in mine] == [item.pk]
        draft = post(community_api, f"/api/inbox/items/{item.pk}/reply", {"text": "Our AI cures cancer."}).json()
        assert draft["verdict"] == "block" and "claims.cure" in {f["rule"] for f in draft["findings"]}
        refused = post(community_api, f"/api/inbox/replies/{draft['id']}/send")
        assert refused.status_code == 400 and "blocking" in refused.json()["detail"]
        fixed = post(community_api, f"/api/inbox/items/{item.pk}/reply",
                     {"text": "Yes, we integrate with Epic through FHIR. Happy to share details!"}).json()
        assert fixed["id"] == draft["id"] and fixed["verdict"] == "pass"
        sent = post(community_api, f"/api/inbox/replies/{fixed['id']}/send").json()
    assert sent["status"] == "sent" and sent["platform_post_id"].startswith("sandbox-x-")
    detail = viewer_api.get(f"/api/inbox/items/{item.pk}").json()
    assert detail["status"] == "answered" and detail["first_response_at"] and len(detail["replies"]) == 1
    assert [p.text for p in sandbox.outbox] == [fixed["text"]]
    assert post(community_api, f"/api/inbox/replies/{fixed['id']}/send").status_code == 400


def test_inbox_status_priority_report_and_refusals(community_api, viewer_api, api_token_for, client_for, make_user):
    """Viewers and content creators are refused every inbox write; status and priority change; the report counts."""
    item = open_item()
    creator_api = api_token_for(make_user("content_creator", username="creator"))[0]
    writes = [(f"/api/inbox/items/{item.pk}/assign", {"assignee_id": None}),
              (f"/api/inbox/items/{item.pk}/status", {"status": "closed"}),
              (f"/api/inbox/items/{item.pk}/priority", {"priority": "urgent"}),
              (f"/api/inbox/items/{item.pk}/reply", {"text": "hello"})]
    for client in (viewer_api, creator_api):
        assert [post(client, url, body).status_code for url, body in writes] == [403] * len(writes)
    item.refresh_from_db()
    assert item.status == "new" and item.priority == "normal" and not item.replies.exists()
    due = item.due_at
    urgent = post(community_api, f"/api/inbox/items/{item.pk}/priority", {"priority": "urgent"}).json()
    assert urgent["priority"] == "urgent" and datetime.fromisoformat(urgent["due_at"]) < due
    assert post(community_api, f"/api/inbox/items/{item.pk}/status", {"status": "nonsense"}).status_code == 400
    assert post(community_api, f"/api/inbox/items/{item.pk}/status", {"status": "closed"}).json()["closed_at"]
    assert viewer_api.get("/api/inbox/items").json() == []
    assert [i["id"] for i in viewer_api.get("/api/inbox/items?status=closed").json()] == [item.pk]
    report = viewer_api.get("/api/inbox/report?days=3650").json()
    assert {r["priority"] for r in report["rows"]} == {"urgent", "high", "normal", "low"}
    assert report["zone"] == "America/New_York" and report["opens"] == "09:00"
    assert viewer_api.get("/api/inbox/items/99999").status_code == 404
    assert Client().get("/api/inbox/items").status_code == 401
    assert Client().get("/api/listening/mentions").status_code == 401
