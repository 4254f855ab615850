"""The browser harness: Playwright driving Debian's Chromium against pytest-django's live server.

Where /usr/bin/chromium is missing (a fresh laptop) every browser test is skipped with
the reason; in CI (CI=true) a missing browser fails the run instead, so it cannot
pass by skipping.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000
SETTLE_MS = 5_000


def _missing_browser() -> str:
    """Return why the browser tests cannot run here, or an empty string."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: install Debian's chromium (apt-get install chromium) to run browser tests"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is missing: pip install -e '.[test]'"
    return ""


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


@pytest.fixture(scope="package")
def browser() -> Iterator[object]:
    """Start Chromium once for the browser tests (skip, or fail in CI, when it is missing)."""
    reason = _missing_browser()
    if reason:
        if _in_ci():
            pytest.fail(f"browser tests must run in CI: {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in this thread; Django's ORM refuses to run
    # "inside" it unless told that this is safe (the ORM calls here are plain synchronous ones).
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_errors() -> list[str]:
    """JavaScript errors, Content-Security-Policy violations and failed responses (4xx/5xx) seen by `page`."""
    return []


def _record_console(errors: list[str], message) -> None:
    # Chromium reports each resource or inline code the CSP blocked as a console error.
    if message.type == "error" and "Content Security Policy" in message.text:
        errors.append(f"CSP violation: {message.text}")


def _record_response(errors: list[str], response) -> None:
    # Browsers ask for /favicon.ico on their own; its 404 is not the page's error.
    if response.status >= 400 and not response.url.endswith("/favicon.ico"):
        errors.append(f"HTTP {response.status} {response.request.method} {response.url}")


@pytest.fixture
def page(browser, live_server, page_errors) -> Iterator[object]:
    """A fresh browser tab (own cookies) whose relative URLs go to the live server."""
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    tab.on("pageerror", lambda exc: page_errors.append(f"JavaScript error: {exc}"))
    tab.on("response", lambda response: _record_response(page_errors, response))
    tab.on("console", lambda message: _record_console(page_errors, message))
    in_flight: set[object] = set()
    # Playwright takes Python functions as handlers, not built-in methods such as set.add.
    context.on("request", lambda request: in_flight.add(request))
    context.on("requestfinished", lambda request: in_flight.discard(request))
    context.on("requestfailed", lambda request: in_flight.discard(request))
    yield tab
    _settle(context, tab, in_flight)
    context.close()


def _settle(context, tab, in_flight: set[object]) -> None:
    """Let the live server finish what the tab asked before the test's database goes away.

    A page that polls (htmx `every 30s`, the inbox counter) may have a request inside the
    live server when the test ends; closing the tab does not stop the server's thread, which
    then races the database teardown. New requests are refused from here on, and the ones
    already sent are waited for (at most a few seconds).
    """
    context.route("**/*", lambda route: route.abort())
    deadline = SETTLE_MS
    while in_flight and deadline > 0:
        tab.wait_for_timeout(25)
        deadline -= 25


def login(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the sign-in form and wait for the home page."""
    page.goto("/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url("**/")
    assert page.locator("header.topbar").is_visible(), f"{username} could not sign in"


def open_area(page, label: str) -> None:
    """Open an area from the top bar, as a person does: its group's menu first when it sits in one."""
    link = page.locator("nav.nav a", has_text=label).first
    group = link.locator("xpath=ancestor::div[contains(@class, 'nav-group')]")
    if group.count():
        group.locator(".nav-group-label").click()
    link.click()
