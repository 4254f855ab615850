"""Pages under the strict Content-Security-Policy in a real browser: no violations, and what used inline code works."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login

pytestmark = pytest.mark.browser


def test_post_filters_submit_without_inline_handlers(page, page_errors, manager, seed_strategy):
    """Changing the status filter reloads the list (a static script replaced the inline onchange)."""
    login(page, "manager")
    page.goto("/posts/")
    page.select_option("select[name=status]", "draft")
    page.wait_for_url("**/posts/?*status=draft*")
    page.check("input[name=mine]")
    page.wait_for_url("**mine=1**")
    assert page_errors == []


def test_charts_and_pillar_bars_draw_without_violations(page, page_errors, manager, seed_strategy):
    """Listening charts load as images, and the strategy's pillar bars show their share, with no CSP violation."""
    login(page, "manager")
    page.goto("/listening/")
    chart = page.locator("#volume img.chart-img")
    assert chart.evaluate("img => img.complete && img.naturalWidth > 0")
    page.goto("/strategy/")
    bar = page.locator("#pillars progress.bar").first
    assert bar.is_visible() and float(bar.get_attribute("value")) > 0
    assert page_errors == []
