"""A crisis run in the browser: from a listening alert to a closed incident, each sign-off by its own person."""

from __future__ import annotations

import pytest

from socialrx.server.actions.listening import add_manual_mention, ensure_default_queries
from socialrx.server.models import Alert, Incident, PublishingSwitch
from tests.browser.conftest import login

pytestmark = pytest.mark.browser
ROLES = {"manager": "social_media_manager", "community": "community_manager", "legal": "legal",
         "executive": "executive", "specialist": "healthcare_content_specialist"}  # fmt: skip


@pytest.fixture
def people(make_user, seed_strategy) -> dict:
    found = {name: make_user(role, username=name) for name, role in ROLES.items()}
    ensure_default_queries(found["community"])
    add_manual_mention(found["community"], text="Patient harmed: Healthcare AI gave an unsafe dose recommendation")
    return found


def _as(page, browser, live_server, username: str):
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    login(tab, username)
    return tab


def test_incident_from_alert_to_close(people, page, browser, live_server, page_errors):
    """The manager opens an incident from the alert (publishing pauses), each role signs off, and closing resumes."""
    alert = Alert.objects.get()
    login(page, "manager")
    page.goto(f"/crisis/?alert={alert.pk}")
    page.fill("textarea[name=summary]", "Unsafe dose claim spreading on X.")
    page.click("#open-incident button")
    page.wait_for_selector("#protocol")
    incident = Incident.objects.get()
    assert incident.alert_id == alert.pk and PublishingSwitch.objects.get(pk=1).crisis
    signers = {"social_media_manager": page}
    for name in ("legal", "executive", "specialist", "community"):
        signers[ROLES[name]] = _as(page, browser, live_server, name)
    for step in incident.steps.all():
        for role in step.sign_off_roles:
            tab = signers[role]
            tab.goto(f"/crisis/{incident.pk}/")
            tab.click(f"#step-{step.order} button.sign-off[data-role={role}]")
            tab.wait_for_selector(".flash")
        owner = signers[step.owner_roles[0]]
        owner.goto(f"/crisis/{incident.pk}/")
        owner.click(f"#step-{step.order} button.complete-step")
        owner.wait_for_selector(".flash")
    page.goto(f"/crisis/{incident.pk}/")
    page.click("#close-incident")
    page.wait_for_selector("text=Incident closed.")
    assert page.locator("#incident-status").inner_text() == "Closed"
    assert not PublishingSwitch.objects.get(pk=1).paused
    assert page_errors == []
