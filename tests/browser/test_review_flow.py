"""The whole review path in a real browser: draft, submit, changes requested, edit, resubmit, approvals, schedule."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from socialrx.server.models import Post, PostStatus
from tests.browser.conftest import TIMEOUT_MS, _record_response, login

pytestmark = pytest.mark.browser

FIRST_TEXT = (
    "Before an AI triage tool reaches your emergency department, ask the vendor where its training data came "
    "from and how it performs across age groups."
)
SECOND_TEXT = FIRST_TEXT + " Our checklist is based on the 2024 external validation studies we reviewed."
REQUEST = "Say which validation studies the checklist draws on."


@pytest.fixture
def people(make_user, seed_strategy) -> dict:
    """The seed strategy, a creator, a specialist and a manager."""
    return {
        "creator": make_user("content_creator", username="creator", full_name="Casey Rivera"),
        "specialist": make_user("healthcare_content_specialist", username="specialist", full_name="Sam Patel"),
        "manager": make_user("social_media_manager", username="manager", full_name="Morgan Lee"),
    }


@pytest.fixture
def tab_for(browser, live_server, page_errors):
    """Return a function giving a signed-in tab (own cookies) for a person."""
    contexts = []

    def open_tab(username: str):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: page_errors.append(f"JavaScript error: {exc}"))
        tab.on("response", lambda response: _record_response(page_errors, response))
        login(tab, username)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def status_text(tab) -> str:
    return tab.locator("#post-status").inner_text()


def decide(tab, post_id: int, button: str, comment: str = "") -> None:
    """Open the post and take a decision on the active task through its form."""
    tab.goto(f"/posts/{post_id}/")
    form = tab.locator("form.decide")
    if comment:
        form.locator("textarea[name=comment]").fill(comment)
    form.locator(f"button[value={button}]").click()
    tab.wait_for_load_state()


def test_full_review_path(people, tab_for, page_errors):
    """A creator drafts and submits; the specialist requests changes; the creator edits and resubmits;
    the specialist approves clinical and regulatory review, the manager gives final approval and schedules it."""
    creator = tab_for("creator")
    creator.goto("/posts/new/")
    creator.fill("input[name=title]", "Five questions for an AI triage vendor")
    creator.check("input[name=channels][value=linkedin]")
    creator.fill("textarea[name=linkedin-text]", FIRST_TEXT)
    creator.click("button:has-text('Save draft')")
    creator.wait_for_url("**/posts/*/")
    post = Post.objects.get(title="Five questions for an AI triage vendor")
    assert status_text(creator) == "Draft"
    creator.click("#submit-review")
    creator.wait_for_load_state()
    assert status_text(creator) == "In review"

    specialist = tab_for("specialist")
    specialist.goto("/reviews/")
    specialist.locator("#my-tasks").get_by_text("Five questions for an AI triage vendor").click()
    specialist.wait_for_url(f"**/posts/{post.pk}/")
    decide(specialist, post.pk, "request_changes", REQUEST)
    assert status_text(specialist) == "Changes requested"
    assert REQUEST in specialist.locator(".comment").first.inner_text()

    creator.goto("/reviews/")
    creator.get_by_role("link", name="Five questions for an AI triage vendor").click()
    creator.click("a:has-text('Edit')")
    creator.fill("textarea[name=linkedin-text]", SECOND_TEXT)
    creator.click("button:has-text('Save draft')")
    creator.wait_for_url(f"**/posts/{post.pk}/")
    creator.click("#submit-review")
    creator.wait_for_load_state()
    assert status_text(creator) == "In review"
    assert "revision r2" in creator.locator(".page-head").inner_text()

    decide(specialist, post.pk, "approve")
    assert specialist.locator("li.task[data-task=clinical]").inner_text().count("approve") == 1
    decide(specialist, post.pk, "approve")
    assert specialist.locator("form.decide").count() == 0  # final approval is not the specialist's

    manager = tab_for("manager")
    decide(manager, post.pk, "approve")
    assert status_text(manager) == "Approved"
    when = (datetime.now(ZoneInfo("America/New_York")) + timedelta(days=2)).replace(hour=9, minute=0)
    manager.fill("input[name=scheduled_at]", when.strftime("%Y-%m-%dT%H:%M"))
    manager.click("button:has-text('Set time')")
    manager.wait_for_load_state()
    assert status_text(manager) == "Scheduled"

    post.refresh_from_db()
    assert post.status == PostStatus.SCHEDULED
    assert post.approved_revision.number == 2
    assert post.approved_revision.content["variants"][0]["text"] == SECOND_TEXT
    assert page_errors == []
