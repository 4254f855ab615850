"""The inbox in the browser: assign an item, draft a reply that leaks patient details, fix it and send it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.server.actions.inbox import do_open_item
from socialrx.server.models import AuditEvent, InboxItem, ItemStatus
from tests.browser.conftest import login

pytestmark = pytest.mark.browser
LEAKY = "Hi! We checked on your patient Maria Lopez, born 03/14/1962, and her scan results are fine."
FIXED = "Thanks for reaching out. We can't discuss anyone's care here; our team will DM you how the tool supports radiologists."


@pytest.fixture
def item(make_user, seed_strategy) -> InboxItem:
    make_user("community_manager", username="community", full_name="Casey Community")
    sandbox.reset()
    yield do_open_item(None, text="Did your AI read my mother's scan correctly?", received_at=now() - timedelta(hours=1),
                       author="@worried_son", external_id="1801")
    sandbox.reset()


def test_assign_fix_a_phi_finding_and_send(item, page, page_errors):
    """The community manager assigns the item, sees the PHI findings block the reply, fixes it and it is answered."""
    login(page, "community")
    page.goto("/inbox/")
    page.click(f"tr[data-item='{item.pk}'] a")
    page.wait_for_selector("#item-actions")
    page.select_option("#assignee", label="Casey Community")
    page.click("#assign")
    page.wait_for_selector("text=Assigned.")
    assert page.locator("#item-status").inner_text() == "Assigned"

    page.fill("#reply-text", LEAKY)
    page.click("#send-reply")
    page.wait_for_selector("#reply-findings")
    assert "blocking compliance findings" in page.locator(".flash").first.inner_text()
    assert page.locator("#reply-findings .verdict").inner_text() == "block"
    rules = page.locator("#reply-findings li").evaluate_all("nodes => nodes.map(n => n.dataset.rule)")
    assert {"phi.name", "phi.date"} <= set(rules)
    assert sandbox.outbox == []

    page.fill("#reply-text", FIXED)
    page.click("button[name=check]")
    page.wait_for_selector("#reply-findings >> text=No findings.")
    page.click("#send-reply")
    page.wait_for_selector("text=Reply sent.")
    assert page.locator("#item-status").inner_text() == "Answered"
    assert page.locator("section.reply pre").inner_text() == FIXED
    page.goto("/inbox/?status=answered")
    assert page.locator(f"tr[data-item='{item.pk}'] .ok").inner_text() == "answered"

    item.refresh_from_db()
    assert item.status == ItemStatus.ANSWERED and item.assignee.username == "community"
    assert [p.text for p in sandbox.outbox] == [FIXED]
    assert AuditEvent.objects.filter(action="socialrx.inbox.reply_send", object_id=str(item.pk)).count() == 1
    assert page_errors == []
