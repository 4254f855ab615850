"""The Calendar in a real browser: drag a post to another day and see it moved."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

import pytest

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.lib.calendar import active_plan
from socialrx.server.models import AuditEvent, Post
from tests.browser.conftest import login

pytestmark = pytest.mark.browser
NEW_YORK = ZoneInfo("America/New_York")


def test_drag_a_post_to_another_day(page, page_errors, manager, seed_strategy):
    """The manager drags a post onto another day of the month view; it moves there and stays there after reload."""
    slot = next(s for s in active_plan().slots_between(date(2027, 1, 12), date(2027, 1, 12)) if s.platform == "linkedin")
    post = create_post(manager, PostInput(title="Drag me", variants={"linkedin": {"text": "Moving day."}},
                                          pillar=slot.pillar, slot_id=slot.id, scheduled_at=slot.start))  # fmt: skip
    login(page, "manager")
    # Tall enough that the whole month is on screen: the pointer drags within the viewport.
    page.set_viewport_size({"width": 1280, "height": 4000})
    page.goto("/calendar/?month=2027-01")
    entry = page.locator(f'[data-entry="post-{post.pk}"]')
    assert entry.locator("xpath=ancestor::section[@data-day]").get_attribute("data-day") == "2027-01-12"
    target = page.locator('section[data-day="2027-01-20"] .cal-entries')
    entry.locator(".cal-time").drag_to(target)
    page.wait_for_selector(f'section[data-day="2027-01-20"] [data-entry="post-{post.pk}"]')
    assert "Moved" in page.locator("#cal-status").inner_text()
    post.refresh_from_db()
    assert post.scheduled_at.astimezone(NEW_YORK).date() == date(2027, 1, 20)
    assert post.scheduled_at.astimezone(NEW_YORK).time() == slot.start.time()
    assert AuditEvent.objects.filter(action="socialrx.post.schedule", object_id=str(post.pk)).exists()
    page.reload()
    assert page.locator(f'section[data-day="2027-01-20"] [data-entry="post-{post.pk}"]').count() == 1
    assert Post.objects.count() == 1
    assert page_errors == []
