"""Accounts: sign-in lockout, API token throttling, the password policy, session length and who may comment."""

from __future__ import annotations

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client

from socialrx.server.actions import ActionError
from socialrx.server.actions.crisis import draft_statement, open_incident
from socialrx.server.actions.reviews import add_comment
from socialrx.server.actions.team import create_user
from socialrx.server.models import Comment
from tests.conftest import PASSWORD
from tests.server.test_reviews_support import draft, submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
WRONG = "not-the-password-at-all"


def sign_in(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_repeated_failed_sign_ins_lock_the_username_from_that_address(manager, caplog):
    """After five wrong passwords even the right one is refused from that address, each failure is logged,
    and the same person can still sign in from another address."""
    attacker = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        sign_in(attacker, "manager", WRONG)
    locked = sign_in(attacker, "manager", PASSWORD)
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session
    assert AccessAttempt.objects.get(username="manager", ip_address="203.0.113.7").failures_since_start >= 5
    assert "login failure" in caplog.text.lower() and "manager" in caplog.text
    elsewhere = Client(REMOTE_ADDR="198.51.100.20")
    assert sign_in(elsewhere, "manager", PASSWORD).status_code == 302


def test_a_successful_sign_in_resets_the_failure_count(manager):
    """Two mistakes then the right password sign in, and the count starts again."""
    client = Client(REMOTE_ADDR="203.0.113.8")
    sign_in(client, "manager", WRONG)
    sign_in(client, "manager", WRONG)
    assert sign_in(client, "manager", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="manager", ip_address="203.0.113.8").exists()


def test_guessing_api_tokens_locks_out_the_address(manager, api_token_for):
    """After ten refused tokens a client gets 429 with Retry-After, even with a valid token; other addresses do not."""
    _, raw = api_token_for(manager)
    guesser = Client(REMOTE_ADDR="203.0.113.9", headers={"Authorization": "Bearer srx_guessed-token-0000000000"})
    statuses = [guesser.get("/api/me").status_code for _ in range(settings.API_TOKEN_FAILURE_LIMIT)]
    assert statuses[0] == 401
    with_real_token = Client(REMOTE_ADDR="203.0.113.9", headers={"Authorization": f"Bearer {raw}"})
    refused = with_real_token.get("/api/me")
    assert refused.status_code == 429
    assert int(refused["Retry-After"]) == int(settings.AXES_COOLOFF_TIME.total_seconds())
    assert raw not in refused.content.decode()
    elsewhere = Client(REMOTE_ADDR="198.51.100.21", headers={"Authorization": f"Bearer {raw}"})
    assert elsewhere.get("/api/me").json()["username"] == "manager"


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Short-pass1", "too short. It must contain at least 12 characters"),
        ("845029371655", "entirely numeric"),
        ("password1234", "too common"),
        ("jordan.kimberley", "too similar to the username"),
    ],
)
def test_weak_passwords_are_refused(db, password, message):
    """The policy needs 12 characters, not only digits, not a common password, not like the person's name."""
    with pytest.raises(ActionError, match=message):
        create_user(None, "jordan.kimberley", password, ["viewer"], email="jordan.kimberley@example.org")


def test_a_session_lasts_a_working_day(manager):
    """Signing in sets a session cookie that expires after 12 hours, not two weeks."""
    client = Client()
    assert sign_in(client, "manager", PASSWORD).status_code == 302
    assert client.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 12 * 3600
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"] is True


# --- comments -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "legal", "executive"])
def test_roles_without_the_comment_capability_are_refused(team, role):
    """A viewer, legal or executive cannot comment on an ordinary post: the action, the page and the API refuse."""
    from tests.server.test_reviews_support import client_of

    post = submitted(team["author"])
    person = team[role]
    with pytest.raises(PermissionDenied):
        add_comment(person, post, "Looks fine to me.")
    page = client_of(person)
    assert page.post(f"/posts/{post.pk}/comment/", {"body": "Looks fine"}).status_code == 403
    assert b"Add comment" not in page.get(f"/posts/{post.pk}/").content
    api = client_of(person)
    assert api.post(f"/api/posts/{post.pk}/comments", {"body": "Looks fine"}, content_type="application/json").status_code == 403
    assert not Comment.objects.filter(post=post).exists()


@pytest.mark.parametrize("role", ["social_media_manager", "content_creator", "healthcare_content_specialist",
                                  "community_manager"])
def test_roles_with_the_comment_capability_comment(team, role):
    """Managers, creators, specialists and community managers comment, and see the comment form."""
    from tests.server.test_reviews_support import client_of

    post = submitted(team["author"])
    add_comment(team[role], post, "Which study is this?")
    assert b"Add comment" in client_of(team[role]).get(f"/posts/{post.pk}/").content


@pytest.mark.parametrize("role", ["legal", "executive"])
def test_legal_and_executive_comment_on_a_crisis_statement(team, role):
    """Legal and executive sign-off comment on a holding statement during a crisis step."""
    incident = open_incident(team["social_media_manager"], title="Misread scan claim", summary="A viral post.",
                             reported_by="community desk")
    statement = draft_statement(team["social_media_manager"], incident, "acknowledge")
    comment = add_comment(team[role], statement.post, "Add the hotline number.")
    assert comment.author == team[role]
