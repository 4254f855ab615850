"""The Repurpose page in a real browser: upload an article, see the drafts with checks, create and submit posts."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx.server.models import Post, PostStatus
from tests.browser.conftest import login, open_area

pytestmark = pytest.mark.browser

ARTICLE = Path(__file__).resolve().parents[2] / "socialrx" / "server" / "demo_files" / "sepsis-article.html"


def test_creator_repurposes_an_article(page, page_errors, make_user, seed_strategy):
    """A content creator uploads an article, sees five drafts with counters and findings, creates posts and submits them."""
    make_user("content_creator", username="casey")
    login(page, "casey")
    open_area(page, "Repurpose")
    page.wait_for_url("**/repurpose/")
    page.set_input_files("input[name=file]", files=[{"name": "sepsis.html", "mimeType": "text/html", "buffer": ARTICLE.read_bytes()}])
    page.click("#make-drafts")
    page.wait_for_url("**/repurpose/*/")
    assert "What a year of AI sepsis alerts" in page.locator("#set-title").inner_text()
    assert page.locator(".draft").count() == 5
    thread = page.locator("[data-draft=x-thread]")
    assert thread.locator(".thread li").count() >= 3 and "weighted characters" in thread.inner_text()
    assert "[[Your commentary here]]" in page.locator("[data-draft=email-newsletter]").inner_text()
    assert "platform.email.placeholder" in page.locator("[data-draft=email-newsletter] .findings").inner_text()
    page.click("#create-posts")
    page.wait_for_selector("text=5 draft posts created.")
    page.click("#submit-all")
    page.wait_for_selector("text=posts sent to review.")
    assert Post.objects.filter(status=PostStatus.IN_REVIEW).exists()
    assert Post.objects.filter(variants__channel="email", status=PostStatus.DRAFT).exists()
    assert page_errors == []


def test_viewer_is_refused(page, make_user, seed_strategy):
    """A viewer opening the Repurpose page gets the refusal page."""
    make_user("viewer", username="robin")
    login(page, "robin")
    response = page.goto("/repurpose/")
    assert response.status == 403
