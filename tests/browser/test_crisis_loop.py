"""The crisis loop in the browser at desktop width: alert → incident → a statement drafted by the community
manager → expedited review by three other people → released while other posts stay paused → crisis lifted →
the paused post goes out."""

from __future__ import annotations

import pytest

from socialrx.server.models import (
    Alert,
    Incident,
    JobStatus,
    OutboxEntry,
    PostStatus,
    PublishingSwitch,
    PublishJob,
)
from tests.browser.conftest import TIMEOUT_MS, login
from tests.browser.test_crisis import ROLES, people  # noqa: F401
from tests.server.test_crisis import due_post
from tests.server.test_crisis_loop import sandbox_linkedin

pytestmark = pytest.mark.browser


@pytest.fixture
def tab_for(browser, live_server, page_errors):
    """Return a function opening a signed-in desktop-width tab for a person."""
    contexts = []

    def open_tab(username: str):
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        tab = context.new_page()
        tab.on("pageerror", lambda exc: page_errors.append(f"JavaScript error: {exc}"))
        login(tab, username)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


def approve(tab, post_id: int) -> None:
    """Open the statement and approve the task waiting for this person."""
    tab.goto(f"/posts/{post_id}/")
    tab.locator("form.decide button[value=approve]").click()
    tab.wait_for_selector(".flash")


def test_holding_statement_loop(people, tab_for, page_errors):  # noqa: F811
    """A non-manager drafts the statement, three others approve it, the manager releases it while a due post stays
    paused, and lifting crisis mode sends the paused post."""
    paused = due_post(people["community"])
    sandbox_linkedin()
    manager = tab_for("manager")
    manager.goto(f"/crisis/?alert={Alert.objects.get().pk}")
    manager.fill("textarea[name=summary]", "Unsafe dose claim spreading on X.")
    manager.click("#open-incident button")
    manager.wait_for_selector("#protocol")
    incident = Incident.objects.get()
    assert PublishingSwitch.objects.get(pk=1).crisis

    community = tab_for("community")
    community.goto(f"/crisis/{incident.pk}/")
    community.fill("#statements input[name=update_by]", "5 pm")
    community.click("#statements button:has-text('Draft in the composer')")
    community.wait_for_selector("#editor")
    community.click("#save-submit")
    community.wait_for_selector("#post-status")
    statement = incident.statements.get()
    workflow = statement.post.workflows.get()
    assert workflow.is_crisis and statement.post.author.username == "community"

    for name in ("specialist", "legal"):
        approve(tab_for(name), statement.post_id)
    approve(manager, statement.post_id)
    statement.post.refresh_from_db()
    assert statement.post.status == PostStatus.APPROVED

    manager.goto(f"/crisis/{incident.pk}/")
    assert manager.locator(f"#statement-{statement.pk} .statement-state").inner_text() == "approved, not published"
    manager.click(f"#statement-{statement.pk} button.release-statement")
    manager.wait_for_selector(".flash")
    assert manager.locator(f"#statement-{statement.pk} .statement-state").inner_text() == "published"
    assert manager.locator(f"#statement-{statement.pk} a.statement-link").count() == 2
    assert PublishJob.objects.get(post=paused).status == JobStatus.QUEUED
    assert not OutboxEntry.objects.filter(job__post=paused).exists()

    manager.goto("/crisis/")
    manager.click("#crisis-mode button:has-text('Lift crisis mode')")
    manager.wait_for_selector("text=Crisis mode lifted")
    assert not PublishingSwitch.objects.get(pk=1).paused
    assert PublishJob.objects.get(post=paused).status == JobStatus.SENT
    assert page_errors == []
