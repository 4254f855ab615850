"""Listening through the server: polling with 304 and back-off, re-runs, CSV import, queries, alerts, crisis mode."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from socialrx.server.actions import ActionError
from socialrx.server.actions.listening import (
    add_manual_mention,
    create_source,
    ensure_default_queries,
    enter_crisis_mode,
    evaluate_spike_alerts,
    import_mentions_csv,
    poll_due_sources,
    poll_source,
    save_query,
)
from socialrx.server.models import (
    Alert,
    AlertKind,
    AlertRule,
    AuditEvent,
    InboxItem,
    ListeningQuery,
    ListeningSource,
    MentionMatch,
    Notification,
    PublishingSwitch,
    Queue,
    SourceKind,
    StoredMention,
)
from tests.connectors.fakes import FakeResponse, FakeServer, RecordedRequest

DATA = Path(__file__).parent.parent / "connectors" / "data"
ETAG = '"feed-v1"'
NOW = datetime(2024, 6, 10, 12, tzinfo=UTC)


class FeedServer(FakeServer):
    """Serve the Google Alerts fixture with an ETag; answer 304 when it comes back."""

    def __init__(self) -> None:
        super().__init__()
        self.body = (DATA / "google_alerts.xml").read_bytes()

    def route(self, request: RecordedRequest) -> FakeResponse:
        if request.headers.get("if-none-match") == ETAG:
            return FakeResponse(304, None, {"ETag": ETAG})
        return FakeResponse(200, self.body, {"ETag": ETAG})


@pytest.fixture
def feed() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


@pytest.fixture
def listener(make_user, seed_strategy):
    """A community manager (manage_listening, answer_inbox) with the default queries in place."""
    user = make_user("community_manager", username="community")
    ensure_default_queries(user)
    return user


def alerts_source(listener, feed: FeedServer) -> ListeningSource:
    return create_source(listener, name="Google Alerts: clinical AI", kind=SourceKind.GOOGLE_ALERTS, url=f"{feed.url}/feed.xml")


def test_default_queries_come_from_the_strategy(listener):
    """Every key term, the key-term group and each competitor with its aliases become queries, once."""
    keys = set(ListeningQuery.objects.values_list("key", flat=True))
    assert {"key-terms", "term-clinical-ai", "competitor-ibm-watson-health", "competitor-philips-healthcare-ai"} <= keys
    assert ListeningQuery.objects.get(key="competitor-amazon-healthcare").text == (
        '"amazon healthcare" OR "aws for health" OR "amazon health"')
    assert ensure_default_queries(listener) == 0
    assert AlertRule.objects.filter(kind=AlertKind.WATCHED_TERMS).count() == 1


def test_poll_stores_unwrapped_mentions_and_rerun_is_not_modified(listener, feed):
    """A poll stores the feed's entries with real URLs and matches; the next poll sends the ETag and gets 304."""
    source = alerts_source(listener, feed)
    first = poll_source(source)
    assert first.ok and first.stored == 2
    mention = StoredMention.objects.get(external_id__endswith="12501224780620368192")
    assert mention.url == "https://www.healthnews.example/2024/06/clinical-ai-recall?page=2"
    assert mention.site == "healthnews.example" and "<b>" not in mention.title
    clinical = ListeningQuery.objects.get(key="term-clinical-ai")
    assert MentionMatch.objects.filter(query=clinical).count() == 2
    second = poll_source(ListeningSource.objects.get(pk=source.pk))
    assert second.ok and second.not_modified and second.stored == 0
    assert feed.requests[-1].headers["if-none-match"] == ETAG
    source.refresh_from_db()
    assert source.health == "ok" and source.last_success_at is not None and source.next_poll_at > source.last_fetched_at


def test_rerunning_a_source_never_duplicates(listener, feed):
    """Fetching the same entries again (no validators) stores nothing new."""
    source = alerts_source(listener, feed)
    poll_source(source)
    ListeningSource.objects.filter(pk=source.pk).update(etag="")
    again = poll_source(ListeningSource.objects.get(pk=source.pk))
    assert again.stored == 0 and StoredMention.objects.count() == 2 and MentionMatch.objects.count() >= 2


def test_failures_back_off_and_show_in_health(listener, feed):
    """Each failure doubles the wait; the error and its time are visible; success clears them."""
    source = alerts_source(listener, feed)
    feed.fail_next("/feed.xml", 503, {"detail": "down"}, times=2)
    with time_machine.travel(NOW, tick=False):
        first = poll_source(source)
        source.refresh_from_db()
        assert not first.ok and source.error_count == 1 and source.health == "failing"
        assert source.next_poll_at == NOW + timedelta(minutes=30) and "503" in source.last_error
        poll_source(source)
        source.refresh_from_db()
        assert source.next_poll_at == NOW + timedelta(minutes=60)
        assert poll_due_sources() == []
    recovered = poll_source(source)
    source.refresh_from_db()
    assert recovered.ok and source.error_count == 0 and source.last_error == ""


def test_missing_feed_waits_a_day(listener, feed):
    """A 404 feed is not retried for a day."""
    source = create_source(listener, name="Gone", kind=SourceKind.RSS, url=f"{feed.url}/missing.xml")
    feed.fail_next("/missing.xml", 404, {"detail": "gone"})
    with time_machine.travel(NOW, tick=False):
        outcome = poll_source(source)
    assert outcome.next_poll_at == NOW + timedelta(hours=24)


CSV_OK = """post_id,body,when,who,link
1,Clinical AI triage is helping our ED,2024-06-01T09:00:00Z,@nurse,https://x.example/1
2,Watson Health layoffs announced,2024-06-01T10:00:00+00:00,@reporter,https://news.example/watson
"""


def test_csv_import_with_a_mapping_and_rerun(listener):
    """A mapped CSV imports every row; importing it again adds nothing."""
    mapping = {"id": "post_id", "text": "body", "published": "when", "author": "who", "url": "link"}
    report = import_mentions_csv(listener, source_name="Export", content=CSV_OK, mapping=mapping)
    assert report.stored == 2
    watson = ListeningQuery.objects.get(key="competitor-ibm-watson-health")
    assert MentionMatch.objects.filter(query=watson).count() == 1
    again = import_mentions_csv(listener, source_name="Export", content=CSV_OK, mapping=mapping)
    assert again.stored == 0 and again.already_stored == 2 and StoredMention.objects.count() == 2


def test_csv_errors_name_row_and_column_and_import_nothing(listener):
    """A bad time or an empty text refuses the whole file with the row and column named."""
    bad = CSV_OK + "3,,2024-06-01T11:00:00Z,@x,\n4,Fine text,yesterday,@y,\n"
    mapping = {"id": "post_id", "text": "body", "published": "when"}
    with pytest.raises(ActionError) as caught:
        import_mentions_csv(listener, source_name="Export", content=bad, mapping=mapping)
    assert "row 4, column 'body'" in str(caught.value) or "row 4" in str(caught.value)
    assert "row 5, column 'when'" in str(caught.value)
    assert StoredMention.objects.count() == 0
    with pytest.raises(ActionError, match="no column 'missing'"):
        import_mentions_csv(listener, source_name="Export", content=CSV_OK, mapping={"text": "missing", "published": "when"})


def test_manual_mentions_are_scored_and_matched(listener):
    """A typed-in mention gets sentiment, language and its queries."""
    add_manual_mention(listener, text="Terrible experience with Healthcare AI support", author="@angry")
    mention = StoredMention.objects.get()
    assert mention.sentiment < -0.05 and mention.lang == "en"
    assert mention.queries.filter(key="key-terms").exists()


def test_query_editor_shows_the_error_position(listener, client):
    """Saving an ambiguous query is refused with the position and a caret line."""
    client.force_login(listener)
    response = client.post(reverse("listening-queries"), {"name": "Bad", "text": "ai AND bias OR ethics"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "at character 12" in body and "^" in body
    with pytest.raises(ActionError):
        save_query(listener, key="bad", name="Bad", text='"unclosed')
    saved = save_query(listener, key="ethics", name="Ethics", text="(ai AND bias) OR ethics")
    assert saved.text == "(ai AND bias) OR ethics"


def _spike_mentions(source: ListeningSource, at: datetime) -> None:
    """Four weeks of about three negative mentions an hour of 'Healthcare AI', then 40 in one hour."""
    rng = random.Random(7)
    rows = []
    start = at - timedelta(days=29)
    hour = start
    while hour < at - timedelta(hours=1):
        for n in range(rng.randint(1, 4)):
            rows.append((hour + timedelta(minutes=n), "Healthcare AI support was bad and slow"))
        hour += timedelta(hours=1)
    spike = at - timedelta(hours=1)
    rows += [(spike + timedelta(seconds=n * 30), f"Healthcare AI outage is awful {n}") for n in range(40)]
    from socialrx.core.listening.mention import Mention
    from socialrx.server.actions.listening import ingest

    ingest(source, [Mention(id=f"m{i}", text=text, published=when) for i, (when, text) in enumerate(rows)])


def test_negative_spike_raises_one_alert_and_notifies(listener, manager, django_capture_on_commit_callbacks):
    """A synthetic spike raises one alert (in-app and by e-mail); running detection again raises none."""
    listener.email = "community@example.org"
    listener.save(update_fields=["email"])
    source = ListeningSource.objects.create(name="Synthetic", kind=SourceKind.CSV, created_at=NOW)
    with time_machine.travel(NOW, tick=False), django_capture_on_commit_callbacks(execute=True):
        _spike_mentions(source, NOW)
        raised = evaluate_spike_alerts()
        assert evaluate_spike_alerts() == []
    kinds = {alert.kind for alert in raised}
    assert AlertKind.NEGATIVE_SPIKE in kinds and AlertKind.VOLUME_SPIKE in kinds
    negative = next(a for a in raised if a.kind == AlertKind.NEGATIVE_SPIKE)
    assert negative.count == 40 and negative.hour == NOW - timedelta(hours=1)
    assert Notification.objects.filter(user=listener, kind="listening_alert").exists()
    assert any("Negative spike" in message.subject for message in mail.outbox)


def test_safety_words_near_our_name_open_a_safety_item(listener):
    """An adverse-event word near the product name raises an alert and an urgent safety-queue item with a deadline."""
    with time_machine.travel(NOW, tick=False):
        add_manual_mention(listener, text="My father had an adverse reaction after the Healthcare AI tool misread his scan")
    alert = Alert.objects.get(kind=AlertKind.WATCHED_TERMS)
    item = InboxItem.objects.get(queue=Queue.SAFETY)
    assert item.alert == alert and item.priority == "urgent" and item.due_at == NOW + timedelta(hours=24)
    add_manual_mention(listener, text="Healthcare AI is great for radiology")
    assert InboxItem.objects.filter(queue=Queue.SAFETY).count() == 1


def test_crisis_mode_from_an_alert_pauses_publishing_and_is_audited(listener, manager):
    """The manager (manage_crisis) enters crisis mode from a crisis alert; the community manager may not."""
    add_manual_mention(listener, text="Patient harmed: Healthcare AI gave an unsafe dose recommendation")
    alert = Alert.objects.get()
    with pytest.raises(Exception, match="crisis"):
        enter_crisis_mode(listener, alert.pk)
    enter_crisis_mode(manager, alert.pk)
    switch = PublishingSwitch.objects.get(pk=1)
    assert switch.paused and switch.crisis
    assert AuditEvent.objects.filter(action="socialrx.listening.crisis", object_id=str(alert.pk)).exists()
    assert AuditEvent.objects.filter(action="socialrx.publish.pause").exists()


def test_pages_render_for_viewers_and_writes_are_refused(listener, feed, viewer_client, client_for):
    """Viewers see every listening page; without manage_listening they cannot add sources, import or poll."""
    source = alerts_source(listener, feed)
    poll_source(source)
    add_manual_mention(listener, text="Adverse event after Healthcare AI triage")
    alert = Alert.objects.first()
    for name, args in (("listening", []), ("listening-mentions", []), ("listening-sources", []),
                       ("listening-queries", []), ("listening-alerts", []), ("listening-alert", [alert.pk])):
        response = viewer_client.get(reverse(name, args=args))
        assert response.status_code == 200, name
    assert b'src="data:image/svg+xml;base64,' in viewer_client.get(reverse("listening")).content
    assert viewer_client.get(reverse("listening-mentions") + "?q=nurses&days=3650").context["page"].paginator.count == 1
    refused = [
        viewer_client.post(reverse("listening-source-add"), {"name": "x", "kind": "rss", "url": "https://a.example/f"}),
        viewer_client.post(reverse("listening-source-poll", args=[source.pk])),
        viewer_client.post(reverse("listening-manual"), {"text": "hello"}),
        viewer_client.post(reverse("listening-queries"), {"name": "q", "text": "ai"}),
        viewer_client.post(reverse("listening-alert-ack", args=[alert.pk])),
        viewer_client.post(reverse("listening-alert-crisis", args=[alert.pk])),
        client_for("content_creator").post(reverse("listening-queries-default")),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    assert not ListeningSource.objects.filter(name="x").exists()
    assert not PublishingSwitch.objects.filter(crisis=True).exists()
