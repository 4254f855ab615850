"""The shell in a real browser at desktop (1280 px) and phone (390 px) widths."""

from __future__ import annotations

import pytest

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.demo_calendar import load_calendar_demo
from socialrx.server.lib.roles import role_keys_of
from socialrx.server.models import Post
from tests.browser.conftest import login, open_area

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
PAGES = ("/", "/calendar/", "/calendar/?view=week", "/calendar/?view=list", "/calendar/share/", "/strategy/", "/posts/",
         "/posts/new/", "/reviews/", "/publishing/", "/publishing/accounts/", "/publishing/outbox/", "/inbox/",
         "/listening/", "/listening/sources/", "/relationships/", "/crisis/", "/analytics/", "/audit/", "/team/",
         "/notifications/", "/training/")  # fmt: skip
SIDEWAYS = "document.scrollingElement.scrollWidth - innerWidth"


@pytest.fixture
def busy_calendar(seed_strategy, make_user, manager):
    """The seed strategy with a year of demo posts written by the demo content creator."""
    make_user("content_creator", username="creator")
    make_user("healthcare_content_specialist", username="specialist")
    assert "published" in load_calendar_demo()


def test_no_page_scrolls_sideways_on_a_phone_or_a_desktop(page, page_errors, manager, busy_calendar):
    """Every main page fits its width at 1280 px and at 390 px: wide tables scroll inside their own box."""
    login(page, "manager")
    post = Post.objects.order_by("pk").first()
    pages = (*PAGES, f"/posts/{post.pk}/", f"/posts/{post.pk}/edit/")
    for viewport in ({"width": 1280, "height": 900}, PHONE):
        page.set_viewport_size(viewport)
        for url in pages:
            page.goto(url)
            assert page.evaluate(SIDEWAYS) <= 0, f"{url} scrolls sideways at {viewport['width']} px"
    assert page_errors == []


def test_desktop_navigation_is_one_row_of_groups(page, page_errors, manager, seed_strategy):
    """At 1280 px the top bar is one row of groups; a group opens its areas; Sign out is in view."""
    login(page, "manager")
    assert page.locator("header.topbar").bounding_box()["height"] < 64
    assert page.locator(".nav-toggle").is_hidden()
    assert page.get_by_role("link", name="Inbox").is_hidden()
    page.locator(".nav-group-label", has_text="Engage").click()
    page.get_by_role("link", name="Inbox").click()
    page.wait_for_url("**/inbox/")
    assert page.locator("nav.nav a[aria-current=page]").inner_text() == "Inbox"
    assert page.locator(".nav-group.current .nav-group-label").inner_text().strip() == "Engage"
    sign_out = page.get_by_role("button", name="Sign out").bounding_box()
    assert sign_out["x"] + sign_out["width"] <= 1280
    assert page.locator("text=Site admin").count() == 0
    assert page_errors == []


def test_phone_menu_opens_and_signs_out(page, page_errors, viewer, seed_strategy):
    """At 390 px the areas sit behind a Menu button; opened, they and Sign out fit the screen."""
    page.set_viewport_size(PHONE)
    login(page, "viewer")
    assert page.get_by_role("button", name="Sign out").is_hidden()
    page.get_by_role("button", name="Menu").click()
    assert page.get_by_role("button", name="Menu").get_attribute("aria-expanded") == "true"
    calendar = page.get_by_role("link", name="Calendar")
    assert calendar.is_visible()
    sign_out = page.get_by_role("button", name="Sign out")
    box = sign_out.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    calendar.click()
    page.wait_for_url("**/calendar/")
    assert page.evaluate(SIDEWAYS) <= 0
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/")
    assert page.locator("input[name=username]").is_visible()
    assert page_errors == []


def test_month_view_shows_more_links_to_the_day(page, page_errors, viewer, busy_calendar):
    """A busy day in the month view shows a few entries and '+N more', which opens that day's week."""
    login(page, "viewer")
    page.goto("/calendar/")
    more = page.locator(".cal-more").first
    count = int(more.inner_text().strip("+ more"))
    day = more.locator("xpath=ancestor::section[1]").get_attribute("data-day")
    assert more.locator("xpath=ancestor::section[1]").locator(".cal-entry").count() == 3
    more.click()
    page.wait_for_url(f"**/calendar/?view=week&day={day}*")
    assert page.locator(f'section[data-day="{day}"] .cal-entry').count() == 3 + count
    assert page_errors == []


def test_manager_edits_roles_and_messages_are_coloured(page, page_errors, manager, viewer, seed_strategy):
    """The Team page edits roles (success in green); taking the last manager's role is refused in red."""
    login(page, "manager")
    page.goto("/team/")
    row = page.locator("tr[data-person=viewer]")
    row.get_by_text("Edit roles").click()
    row.get_by_label("Content Creator").check()
    row.get_by_role("button", name="Save roles").click()
    success = page.locator(".flash li.success")
    assert "roles are saved" in success.inner_text()
    assert success.evaluate("e => getComputedStyle(e).color") == "rgb(6, 118, 71)"
    assert role_keys_of(viewer) == ["content_creator", "viewer"]
    mine = page.locator("tr[data-person=manager]")
    mine.get_by_text("Edit roles").click()
    mine.get_by_label("Social Media Manager").uncheck()
    mine.get_by_label("Viewer").check()
    mine.get_by_role("button", name="Save roles").click()
    error = page.locator(".error-box[role=alert]")
    assert "only Social Media Manager" in error.inner_text()
    assert error.evaluate("e => getComputedStyle(e).color") == "rgb(180, 35, 24)"
    assert page_errors == [f"HTTP 400 POST {page.url}"]


def test_compose_preview_looks_like_the_network_on_a_phone(page, page_errors, manager, seed_strategy):
    """On a phone the live preview shows an X card with the hashtag and link styled, without sideways scrolling."""
    post = create_post(manager, PostInput(title="Sepsis alerts", variants={"x": {"text": "Sepsis alerts that work"}}))
    page.set_viewport_size(PHONE)
    login(page, "manager")
    page.goto(f"/posts/{post.pk}/edit/")
    page.fill("textarea[name=x-text]", "Sepsis alerts that work #HealthAI https://example.org/sepsis")
    page.locator("#live-check .sn-tag", has_text="#HealthAI").wait_for()
    assert page.locator("#live-check .net-x .sn-author").first.is_visible()
    assert page.locator("#live-check .sn-link").inner_text() == "https://example.org/sepsis"
    assert page.evaluate(SIDEWAYS) <= 0
    assert page_errors == []


def test_areas_open_from_their_groups(page, page_errors, manager, seed_strategy):
    """Each group's areas open from the top bar (checked for the Plan group)."""
    login(page, "manager")
    open_area(page, "Calendar")
    page.wait_for_url("**/calendar/")
    open_area(page, "Strategy")
    page.wait_for_url("**/strategy/")
    assert page_errors == []
