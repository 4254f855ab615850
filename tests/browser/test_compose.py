"""The editor in a real browser: typing a patient's name and a date is flagged live, and submitting is blocked."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from socialrx.server.models import Post, PostStatus
from tests.browser.conftest import login

pytestmark = pytest.mark.browser


@pytest.fixture
def creator(make_user, seed_strategy):
    return make_user("content_creator", username="creator", full_name="Casey Rivera")


def test_patient_name_and_date_are_flagged_and_submission_is_blocked(page, page_errors, creator):
    """The live check highlights the name and the date with messages, and 'Save and submit' keeps the post a draft."""
    login(page, "creator")
    page.goto("/posts/new/")
    page.fill("input[name=title]", "Stroke team thank-you")
    page.check("input[name=channels][value=x]")
    page.locator("#x-text").press_sequentially("Thank you to the team who cared for our patient Maria Gonzalez, "
                                               "admitted on March 3, 2024.", delay=5)
    name = page.locator('#live-check mark[data-rule="phi.name"]')
    name.wait_for()
    assert "Maria Gonzalez" in name.inner_text()
    assert "March 3" in page.locator('#live-check mark[data-rule="phi.date"]').inner_text()
    assert "HIPAA" in page.locator('#live-check li[data-rule="phi.name"]').inner_text()
    assert "Blocked:" in page.locator("#live-gate").inner_text()

    page.click("#save-submit")
    page.wait_for_url("**/edit/")
    assert "not submitted for review" in page.locator(".flash").inner_text()
    assert Post.objects.get().status == PostStatus.DRAFT
    page.locator('#live-check mark[data-rule="phi.name"]').wait_for()
    assert page_errors == []


def test_hashtag_chip_and_split_thread(page, page_errors, creator):
    """Clicking a suggested hashtag adds it to the text; 'Split into thread' fills numbered parts that are previewed."""
    login(page, "creator")
    page.goto("/posts/new/")
    page.check("input[name=channels][value=x]")
    text = " ".join(f"Point {n}: clinical AI needs monitoring after go-live, not only before." for n in range(8))
    page.fill("#x-text", text)
    chip = page.locator('#live-check [data-add-hashtag="#HealthcareAI"]')
    chip.click()
    assert page.locator("#x-text").input_value().endswith("#HealthcareAI")
    page.click("#split-thread")
    expect(page.locator("#x-thread")).to_have_value(re.compile("1/"))  # no string predicate: the CSP forbids eval
    page.locator("#live-check .x-part").nth(1).wait_for()
    assert page.locator("#live-check .x-part").count() >= 2
    assert page_errors == []
