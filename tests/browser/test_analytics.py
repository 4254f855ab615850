"""The Analytics dashboard in a real browser."""

from __future__ import annotations

from datetime import date

import pytest

from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.lib import analytics_store as store
from tests.browser.conftest import login, open_area

pytestmark = pytest.mark.browser


@pytest.fixture
def measured_months(db):
    """Seven month-ends of LinkedIn followers growing 5 % a month, with impressions and engagements."""
    ensure_default_strategy()
    store.store_network_days("linkedin", [
        {"day": date(2025, month, 28), "followers": round(10_000 * 1.05 ** i), "impressions": 10_000,
         "engagements": 700, "clicks": 100}
        for i, month in enumerate(range(3, 10))
    ])


def test_viewer_sees_targets_status_forecast_and_charts(page, page_errors, viewer, measured_months):
    """A viewer opens Analytics from the navigation and sees each KPI's status, the forecast sentence and the SVG
    charts drawn as images under the page's strict CSP."""
    login(page, "viewer")
    open_area(page, "Analytics")
    page.wait_for_url("**/analytics/")
    assert "Measured against strategy v1" in page.locator("#strategy-used").inner_text()
    card = page.locator(".network-card[data-network=linkedin]").inner_text()
    assert "needs" in card and "to reach 25,000 by Dec 31 2025" in card and "likely" in card
    growth = page.locator("tr[data-kpi=linkedin_follower_growth]").inner_text()
    assert "5.0%" in growth and "off track" in growth
    assert page.locator("#charts img.chart-img").count() >= 1
    assert page.locator("#charts img.chart-img").first.evaluate("img => img.complete && img.naturalWidth > 0")
    page.click(".network-card[data-network=linkedin] h2 a")
    page.wait_for_url("**/analytics/networks/linkedin/**")
    assert page.locator("#outlook img.chart-img").count() == 1
    assert page_errors == []
