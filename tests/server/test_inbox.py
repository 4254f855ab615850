"""The engagement inbox: SLA timers in business hours under a frozen clock, assignment, replies, reports, permissions."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from socialrx.connectors import sandbox
from socialrx.server.actions import ActionError
from socialrx.server.actions.inbox import (
    assign_item,
    do_open_item,
    draft_reply,
    send_reply,
    set_item_priority,
    set_item_status,
    update_business_hours,
)
from socialrx.server.lib.listening_inbox import first_response_report
from socialrx.server.lib.listening_sla import BusinessHours, add_business_hours, business_hours_between
from socialrx.server.models import AuditEvent, InboxItem, ItemStatus, PostStatus, ReplyStatus

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY_EVENING = datetime(2024, 6, 7, 18, 30, tzinfo=NEW_YORK)


@pytest.fixture
def community(make_user, seed_strategy):
    return make_user("community_manager", username="community")


@pytest.fixture(autouse=True)
def empty_outbox():
    sandbox.reset()
    yield
    sandbox.reset()


def open_item(received: datetime, priority: str = "normal") -> InboxItem:
    return do_open_item(None, text="Does your AI work with Epic?", received_at=received, author="@cio", priority=priority,
                        external_id="1799")


def test_business_hours_skip_nights_and_weekends():
    """Four business hours from Friday 18:30 end Monday 13:00; Friday 15:00 + 4 h ends Monday 11:00."""
    hours = BusinessHours("America/New_York")
    assert add_business_hours(FRIDAY_EVENING, 4, hours) == datetime(2024, 6, 10, 13, tzinfo=NEW_YORK)
    assert add_business_hours(datetime(2024, 6, 7, 15, tzinfo=NEW_YORK), 4, hours) == datetime(2024, 6, 10, 11, tzinfo=NEW_YORK)
    assert business_hours_between(FRIDAY_EVENING, datetime(2024, 6, 10, 13, tzinfo=NEW_YORK), hours) == 4
    with pytest.raises(ValueError):
        BusinessHours(opens=time(17), closes=time(9))


def test_sla_deadline_follows_priority_and_strategy(community):
    """Normal items get the strategy's 4 hours, urgent ones a quarter of it, in New York business hours."""
    normal = open_item(FRIDAY_EVENING)
    urgent = open_item(FRIDAY_EVENING, "urgent")
    assert normal.due_at == datetime(2024, 6, 10, 13, tzinfo=NEW_YORK)
    assert urgent.due_at == datetime(2024, 6, 10, 10, tzinfo=NEW_YORK)
    item = set_item_priority(community, normal.pk, "high")
    assert item.due_at == datetime(2024, 6, 10, 11, tzinfo=NEW_YORK)


def test_configured_business_hours_change_new_deadlines(community, manager):
    """Weekend cover and a custom target apply to items opened afterwards."""
    update_business_hours(manager, opens_at=time(8), closes_at=time(20), weekdays=[0, 1, 2, 3, 4, 5, 6],
                          sla={"normal": 2})
    assert open_item(FRIDAY_EVENING).due_at == datetime(2024, 6, 8, 8, 30, tzinfo=NEW_YORK)
    with pytest.raises(ActionError):
        update_business_hours(manager, opens_at=time(9), closes_at=time(8), weekdays=[0], sla={})


def test_timer_and_first_response_report_under_a_frozen_clock(community):
    """The inbox shows hours left; answering in time counts as within target in the report."""
    with time_machine.travel(datetime(2024, 6, 10, 9, tzinfo=NEW_YORK), tick=False):
        item = open_item(datetime(2024, 6, 10, 9, tzinfo=NEW_YORK))
    with time_machine.travel(datetime(2024, 6, 10, 10, 30, tzinfo=NEW_YORK), tick=False):
        client = _client(community)
        rows = client.get(reverse("inbox")).context["rows"]
        assert rows[0][1] == pytest.approx(2.5)
        draft = draft_reply(community, item.pk, "Yes, we integrate with Epic through FHIR. Happy to share details!")
        send_reply(community, draft.pk)
    late = None
    with time_machine.travel(datetime(2024, 6, 10, 17, tzinfo=NEW_YORK), tick=False):
        late = open_item(datetime(2024, 6, 10, 9, tzinfo=NEW_YORK))
        report = {r.priority: r for r in first_response_report(datetime(2024, 6, 1, tzinfo=UTC),
                                                               datetime(2024, 6, 10, 21, tzinfo=UTC),
                                                               BusinessHours("America/New_York"))}
        overdue = _client(community).get(reverse("inbox")).context["rows"]
    assert report["normal"].items == 2 and report["normal"].answered == 1
    assert report["normal"].median_hours == pytest.approx(1.5) and report["normal"].within_target == 1.0
    assert report["normal"].overdue_open == 1
    assert [(hours, past) for i, hours, past in overdue if i.pk == late.pk][0] == (pytest.approx(4.0), True)


def test_an_item_due_friday_evening_reads_overdue_on_saturday(community):
    """No business hour passes over a weekend, yet an item due on Friday at 17:00 is overdue on Saturday."""
    with time_machine.travel(datetime(2024, 6, 14, 13, tzinfo=NEW_YORK), tick=False):
        item = open_item(datetime(2024, 6, 14, 13, tzinfo=NEW_YORK))
    with time_machine.travel(datetime(2024, 6, 15, 12, tzinfo=NEW_YORK), tick=False):
        response = _client(community).get(reverse("inbox"))
    row = [r for r in response.context["rows"] if r[0].pk == item.pk][0]
    assert row[2] is True
    html = response.content.decode()
    assert 'class="overdue"' in html and "overdue</span>" in html and "business h left" not in html


def _client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def test_assign_and_status_changes_are_audited(community, make_user):
    """Assigning moves new → assigned; only people who may answer the inbox can be assignees."""
    item = open_item(FRIDAY_EVENING)
    other = make_user("community_manager", username="other")
    assigned = assign_item(community, item.pk, other.pk)
    assert assigned.status == ItemStatus.ASSIGNED and assigned.assignee == other
    with pytest.raises(ActionError):
        assign_item(community, item.pk, make_user("viewer", username="v").pk)
    assert set_item_status(community, item.pk, "waiting").status == ItemStatus.WAITING
    closed = set_item_status(community, item.pk, "closed")
    assert closed.closed_at is not None
    actions = list(AuditEvent.objects.filter(object_id=str(item.pk), object_type="inboxitem").values_list("action", flat=True))
    assert actions.count("socialrx.inbox.assign") == 1 and actions.count("socialrx.inbox.status") == 2


def test_blocked_reply_is_refused_until_fixed_then_sent_through_the_sandbox(community):
    """A reply with a blocking claim cannot be sent; the fixed reply is published once and answers the item."""
    item = open_item(FRIDAY_EVENING)
    draft = draft_reply(community, item.pk, "Our AI cures cancer.")
    assert draft.verdict == "block" and any(f["rule"] == "claims.cure" for f in draft.findings)
    with pytest.raises(ActionError, match="blocking"):
        send_reply(community, draft.pk)
    fixed = draft_reply(community, item.pk, "Thanks for asking! Our guide explains how the tool supports radiologists.")
    assert fixed.pk == draft.pk and fixed.verdict == "pass"
    sent = send_reply(community, fixed.pk)
    item.refresh_from_db()
    assert sent.status == ReplyStatus.SENT and sent.platform_post_id.startswith("sandbox-x-")
    assert item.status == ItemStatus.ANSWERED and item.first_response_at is not None
    assert [p.text for p in sandbox.outbox] == [fixed.text]
    with pytest.raises(ActionError):
        send_reply(community, fixed.pk)


def test_reply_confirming_someone_was_treated_is_blocked_as_a_reply(community):
    """An inbox reply is checked as a reply: confirming the person's visit discloses PHI and blocks."""
    item = open_item(FRIDAY_EVENING)
    draft = draft_reply(community, item.pk, "So sorry about the wait during your visit last week, we will look into it.")
    assert draft.verdict == "block"
    assert "phi.treatment_relationship" in {f["rule"] for f in draft.findings}


def test_flagged_reply_goes_through_review(community):
    """A reply with a review finding becomes a post in review and the item waits."""
    item = open_item(FRIDAY_EVENING)
    draft = draft_reply(community, item.pk, "Our tool is FDA approved for this use.")
    assert draft.verdict == "review"
    reply = send_reply(community, draft.pk)
    item.refresh_from_db()
    reply.post.refresh_from_db()
    assert reply.status == ReplyStatus.IN_REVIEW and reply.post.status == PostStatus.IN_REVIEW
    assert item.status == ItemStatus.WAITING and sandbox.outbox == []


def test_pages_and_refusals(community, viewer_client, client_for):
    """Viewers see the inbox, items and report but cannot assign, change status or reply."""
    item = open_item(FRIDAY_EVENING)
    for url in (reverse("inbox"), reverse("inbox-item", args=[item.pk]), reverse("inbox-report")):
        assert viewer_client.get(url).status_code == 200
    refused = [
        viewer_client.post(reverse("inbox-assign", args=[item.pk]), {"assignee": "me"}),
        viewer_client.post(reverse("inbox-status", args=[item.pk]), {"status": "closed"}),
        viewer_client.post(reverse("inbox-priority", args=[item.pk]), {"priority": "urgent"}),
        viewer_client.post(reverse("inbox-reply", args=[item.pk]), {"text": "hello", "send": "1"}),
        client_for("content_creator").post(reverse("inbox-reply", args=[item.pk]), {"text": "hi"}),
    ]
    assert [r.status_code for r in refused] == [403] * len(refused)
    item.refresh_from_db()
    assert item.status == ItemStatus.NEW and not item.replies.exists()
    community_client = _client(community)
    response = community_client.post(reverse("inbox-assign", args=[item.pk]), {"assignee": "me"})
    assert response.status_code == 302 and InboxItem.objects.get(pk=item.pk).assignee == community
    assert community_client.get(reverse("inbox") + "?assignee=me").context["rows"][0][0].pk == item.pk
    assert viewer_client.get(reverse("inbox") + "?status=nonsense").status_code == 200
    assert timedelta(0) < item.due_at - item.received_at


def test_an_item_due_on_sunday_says_how_long_is_left_on_saturday(community):
    """Due tomorrow with no business hour in between: the time left is said in hours, not '0.0 business h left'."""
    at = datetime(2024, 6, 15, 12, tzinfo=NEW_YORK)
    with time_machine.travel(at, tick=False):
        item = do_open_item(None, text="Reaction after using the tool", received_at=at, author="@son", priority="urgent",
                            external_id="1800", due_at=at + timedelta(hours=20))
        html = _client(community).get(reverse("inbox")).content.decode()
    row = html[html.index(f'data-item="{item.pk}"'):]
    row = row[:row.index("</tr>")]
    assert "20\xa0hours left (no business hours until then)" in row and "0.0 business h left" not in row
