"""Content-Security-Policy: every page is sent with a strict policy and carries no inline script or style."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from socialrx.server.lib.roles import ROLES

pytestmark = pytest.mark.django_db

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|<[a-z][^>]*\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"(?:href|src|action)\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def _plain_paths(patterns, prefix: str = "") -> list[str]:
    """Return every route without parameters (pages that can be opened as they are)."""
    paths = []
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if not route.startswith(("admin/", "api/")):
                paths += _plain_paths(entry.url_patterns, route)
        elif isinstance(entry, URLPattern) and "<" not in route and not route.endswith((".csv", ".ics", ".pdf")):
            paths.append("/" + route.lstrip("^").rstrip("$"))
    return paths


@pytest.fixture
def everyone(make_user, seed_strategy) -> Client:
    """A client signed in as a person holding every role, so every page renders."""
    client = Client()
    client.force_login(make_user(*[role.key for role in ROLES], username="all"))
    return client


def test_every_response_carries_a_strict_policy(client):
    """The policy allows only our own scripts, styles and connections, images from us or data:, and no framing."""
    policy = client.get("/login/")["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}
    assert directives["default-src"] == ["'self'"] and directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"] and directives["base-uri"] == ["'self'"]
    assert set(directives["img-src"]) == {"'self'", "data:"}
    assert "unsafe" not in policy


def test_no_page_needs_inline_script_or_style(everyone):
    """Every page a person can open renders without inline scripts, style attributes, handlers or script links."""
    checked = []
    for path in _plain_paths(get_resolver().url_patterns):
        response = everyone.get(path)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        body = response.content.decode()
        for name, pattern in (("inline script", INLINE_SCRIPT), ("inline style", INLINE_STYLE),
                              ("event handler", EVENT_HANDLER), ("script link", SCRIPT_URL)):
            found = pattern.search(body)
            assert found is None, f"{path}: {name} {body[found.start():found.start() + 120]!r}"
        checked.append(path)
    assert {"/", "/posts/", "/posts/new/", "/strategy/", "/listening/", "/analytics/", "/inbox/"} <= set(checked)
