"""The Strategy page and the navigation, in a real browser."""

from __future__ import annotations

import re

import pytest

from socialrx.core.strategy import default_strategy_text
from socialrx.server.models import StrategyVersion
from socialrx.server.views.context import AREAS
from tests.browser.conftest import login, open_area

pytestmark = pytest.mark.browser

SEED = default_strategy_text()


def test_manager_sees_the_seed_targets(page, page_errors, manager, seed_strategy):
    """A manager signs in and sees the seed's targets, budget and weekday themes on the Strategy page."""
    login(page, "manager")
    open_area(page, "Strategy")
    page.wait_for_url("**/strategy/")
    targets = page.locator("#targets").inner_text()
    assert re.search(r"LinkedIn.*25,000 followers\s+Q4 2025\s+8% engagement rate", targets)
    assert "$15,000" in page.locator("#budgets").inner_text()
    schedule = page.locator("#schedule").inner_text()
    for day, theme in [
        ("Monday", "Industry news commentary and weekly trends"),
        ("Tuesday", "Technical insights and implementation guides"),
        ("Wednesday", "Customer success stories and case studies"),
        ("Thursday", "Thought leadership articles and research insights"),
        ("Friday", "Weekend reading suggestions and community engagement"),
    ]:
        assert re.search(rf"{day}\s+{theme}", schedule), day
    assert page_errors == []


def upload(page, name: str, text: str) -> None:
    page.set_input_files("input[name=file]", files=[{"name": name, "mimeType": "text/yaml", "buffer": text.encode()}])
    page.click("text=Validate and activate")


def test_manager_uploads_a_broken_then_a_valid_file(page, page_errors, manager, seed_strategy):
    """A broken upload shows every problem with its line and changes nothing; a valid one becomes v2."""
    login(page, "manager")
    page.goto("/strategy/")
    broken = SEED.replace("  currency: USD\n", "  currency: USD\n  colour: blue\n", 1).replace(
        "cadence: 3-4 per week", "cadence: whenever we like", 1
    )
    upload(page, "broken.yaml", broken)
    errors = page.locator("#upload-errors")
    errors.wait_for()
    shown = errors.locator("li").all_inner_texts()
    assert len(shown) == 2
    assert shown[0].startswith("broken.yaml:11: organisation.colour: unknown field")
    assert shown[1].startswith("broken.yaml:26: platforms[0].content_types[0].cadence: cannot read cadence")
    assert "Nothing was changed." in errors.inner_text()
    assert StrategyVersion.objects.count() == 1

    upload(page, "raised-target.yaml", SEED.replace("value: 25000, by: Q4 2025", "value: 30000, by: Q4 2025", 1))
    page.wait_for_url("**/strategy/")
    assert "Strategy v2 is now active." in page.locator(".flash").inner_text()
    assert "v2 active since" in page.locator(".page-head").inner_text()
    assert "30,000 followers" in page.locator("#targets").inner_text()
    active_row = page.locator("#versions tr.active").inner_text()
    assert active_row.startswith("v2") and "raised-target.yaml" in active_row
    assert StrategyVersion.objects.get(is_active=True).number == 2
    # The 400 answer to the broken upload is expected; nothing else may fail.
    assert page_errors == [f"HTTP 400 POST {page.url}upload/"]


def test_every_navigation_entry_opens_for_a_viewer(page, page_errors, viewer, seed_strategy):
    """A viewer opens every entry of the navigation, each answering without an error."""
    login(page, "viewer")
    entries = page.locator("nav.nav a").evaluate_all("links => links.map(a => [a.textContent.trim(), a.getAttribute('href')])")
    assert [label for label, _ in entries] == [area.label for area in AREAS if area.capability == "view_dashboards"]
    for label, href in entries:
        response = page.goto(href)
        assert response is not None and response.status == 200, f"{label} ({href}) answered {response and response.status}"
        assert page.locator("h1").first.inner_text().strip(), f"{label} has no heading"
        assert page.locator("nav.nav a[aria-current=page]").inner_text() == label
    assert page_errors == []
