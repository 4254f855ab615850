"""Submitting with a blocking finding: refused, shown in the editor, and overridable only by the permission with a reason."""

from __future__ import annotations

import pytest
from django.test import Client

from socialrx.server.models import AuditEvent, Post

pytestmark = pytest.mark.django_db
PATIENT = "Our patient Jane Doe was admitted on March 3, 2024 after a stroke."
REASON = "Jane Doe is a fictional name used in our privacy training video."


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def creator(make_user, seed_strategy):
    return signed_in(make_user("content_creator", username="creator"))


@pytest.fixture
def specialist(make_user, seed_strategy):
    return signed_in(make_user("healthcare_content_specialist", username="specialist"))


@pytest.fixture
def blocked_post(creator) -> Post:
    creator.post("/posts/new/", {"title": "Stroke story", "channels": ["x"], "x-text": PATIENT})
    return Post.objects.get()


def test_blocked_post_cannot_be_submitted(creator, blocked_post):
    """Submitting a post with a blocking finding is refused and it stays a draft."""
    response = creator.post(f"/posts/{blocked_post.pk}/submit/", follow=True)
    assert "blocking" in response.content.decode().lower()
    blocked_post.refresh_from_db()
    assert blocked_post.status == "draft"


def test_editor_shows_the_gate_to_the_creator_without_an_override_form(creator, blocked_post):
    """The editor says the saved version is blocked and who can override; the creator gets no override form."""
    html = creator.get(f"/posts/{blocked_post.pk}/edit/").content.decode()
    assert "1 blocking finding" in html or "2 blocking findings" in html
    assert "A Healthcare Content Specialist can override" in html
    assert 'id="override-form"' not in html


def test_editor_offers_the_override_form_to_those_who_may(make_user, blocked_post):
    """Someone who may both compose and override sees the override form in the editor, listing the blocking findings."""
    both = signed_in(make_user("content_creator", "healthcare_content_specialist", username="both"))
    html = both.get(f"/posts/{blocked_post.pk}/edit/").content.decode()
    assert 'id="override-form"' in html and "phi.name" in html


def test_creator_may_not_override(creator, blocked_post):
    """The creator's override is refused with 403 and nothing is recorded."""
    response = creator.post(f"/posts/{blocked_post.pk}/override/", {"reason": REASON})
    assert response.status_code == 403
    blocked_post.refresh_from_db()
    assert blocked_post.override_hash == ""


def test_override_needs_a_reason(specialist, blocked_post):
    """A specialist's override without a written reason is refused."""
    response = specialist.post(f"/posts/{blocked_post.pk}/override/", {"reason": "ok"}, follow=True)
    assert "Write the reason" in response.content.decode()
    blocked_post.refresh_from_db()
    assert blocked_post.override_hash == ""


def test_specialist_override_with_a_reason_lets_the_post_go_to_review(creator, specialist, blocked_post):
    """With the specialist's written override recorded and audited, the creator can submit."""
    specialist.post(f"/posts/{blocked_post.pk}/override/", {"reason": REASON})
    blocked_post.refresh_from_db()
    assert blocked_post.override_reason == REASON
    event = AuditEvent.objects.get(action="socialrx.compliance.override")
    assert event.data["reason"] == REASON and "phi.name" in event.data["rules"]
    assert "was overridden by" in creator.get(f"/posts/{blocked_post.pk}/edit/").content.decode()
    creator.post(f"/posts/{blocked_post.pk}/submit/")
    blocked_post.refresh_from_db()
    assert blocked_post.status == "in_review"
    assert blocked_post.current_revision.override_reason == REASON


def test_editing_after_override_voids_it(creator, specialist, blocked_post):
    """The override holds only for the content it was given on: after an edit, submitting is refused again."""
    specialist.post(f"/posts/{blocked_post.pk}/override/", {"reason": REASON})
    creator.post(f"/posts/{blocked_post.pk}/edit/", {"title": "Stroke story", "channels": ["x"],
                                                     "x-text": PATIENT + " She is home now."})
    response = creator.post(f"/posts/{blocked_post.pk}/submit/", follow=True)
    blocked_post.refresh_from_db()
    assert blocked_post.status == "draft"
    assert "blocking" in response.content.decode().lower()
    html = creator.get(f"/posts/{blocked_post.pk}/edit/").content.decode()
    assert "was overridden by" not in html
