"""The inbox business-hours form: saving hours, days and targets, clear errors that change nothing, refusals."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse

from socialrx.server.actions.inbox import do_open_item, inbox_settings
from socialrx.server.models import AuditEvent

NEW_YORK = ZoneInfo("America/New_York")
FRIDAY_EVENING = datetime(2024, 6, 7, 18, 30, tzinfo=NEW_YORK)


@pytest.fixture
def community_client(make_user, seed_strategy) -> Client:
    client = Client()
    client.force_login(make_user("community_manager", username="community"))
    return client


def test_form_shows_defaults_and_targets_in_force(community_client):
    """The form shows 09:00–17:00 on weekdays and the strategy's 4-hour target for normal items."""
    response = community_client.get(reverse("inbox-settings"))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="09:00"' in body and 'value="17:00"' in body and "America/New_York" in body
    targets = {value: effective for value, _, _, effective in response.context["targets"]}
    assert targets == {"urgent": 1.0, "high": 2.0, "normal": 4.0, "low": 8.0}
    assert [on for _, _, on in response.context["weekdays"]] == [True] * 5 + [False] * 2


def test_saving_hours_changes_new_deadlines_and_is_audited(community_client):
    """Weekend cover from 08:00 to 20:00 and a 2-hour normal target apply to items opened afterwards."""
    response = community_client.post(reverse("inbox-settings"), {
        "opens_at": "08:00", "closes_at": "20:00", "weekdays": [str(d) for d in range(7)], "sla_normal": "2",
        "sla_urgent": ""})
    assert response.status_code == 302
    row = inbox_settings()
    assert (row.opens_at, row.closes_at, row.weekdays, row.sla_hours) == (time(8), time(20), list(range(7)), {"normal": 2.0})
    item = do_open_item(None, text="Hello?", received_at=FRIDAY_EVENING)
    assert item.due_at == datetime(2024, 6, 8, 8, 30, tzinfo=NEW_YORK)
    assert AuditEvent.objects.filter(action="socialrx.inbox.settings").count() == 1


@pytest.mark.parametrize(("form", "message"), [
    ({"opens_at": "17:00", "closes_at": "09:00", "weekdays": ["0"]}, "closing time must be after"),
    ({"opens_at": "09:00", "closes_at": "17:00"}, "weekdays: choose at least one"),
    ({"opens_at": "nine", "closes_at": "17:00", "weekdays": ["0"]}, "opens: use a time"),
    ({"opens_at": "09:00", "closes_at": "17:00", "weekdays": ["0"], "sla_high": "soon"}, "response target for high"),
    ({"opens_at": "09:00", "closes_at": "17:00", "weekdays": ["0"], "sla_low": "-1"}, "low must be a priority"),
])
def test_bad_input_is_explained_and_changes_nothing(community_client, form, message):
    """Each mistake is named on the page (400) and the stored hours stay as they were."""
    response = community_client.post(reverse("inbox-settings"), form)
    assert response.status_code == 400 and message in response.content.decode()
    row = inbox_settings()
    assert (row.opens_at, row.closes_at, row.weekdays, row.sla_hours) == (time(9), time(17), [0, 1, 2, 3, 4], {})


def test_viewers_see_the_hours_but_cannot_change_them(viewer_client, client_for, seed_strategy):
    """A viewer gets a read-only form and a 403 on saving; a content creator is refused too."""
    page = viewer_client.get(reverse("inbox-settings"))
    assert page.status_code == 200 and "<fieldset disabled>" in page.content.decode()
    form = {"opens_at": "07:00", "closes_at": "19:00", "weekdays": ["0"]}
    assert viewer_client.post(reverse("inbox-settings"), form).status_code == 403
    assert client_for("content_creator").post(reverse("inbox-settings"), form).status_code == 403
    assert inbox_settings().opens_at == time(9)
    assert Client().get(reverse("inbox-settings")).status_code == 302
