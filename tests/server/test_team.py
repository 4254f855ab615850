"""The Team page and actions: adding people with roles, changing roles, and API tokens."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth import get_user_model
from django.http import HttpRequest
from django.test import Client

from socialrx.server.actions import ActionError
from socialrx.server.actions.team import create_user, do_create_api_token, do_revoke_api_token, set_roles
from socialrx.server.lib.roles import role_keys_of
from socialrx.server.models import ApiToken, AuditEvent

User = get_user_model()
GOOD = {
    "username": "casey",
    "full_name": "Casey Rivera",
    "email": "casey@example.org",
    "password": "a-long-unusual-passphrase",
    "roles": ["content_creator", "community_manager"],
}


def page_text(response) -> str:
    return html.unescape(response.content.decode())


def counts() -> tuple[int, int]:
    return User.objects.count(), AuditEvent.objects.count()


def test_manager_adds_a_person_with_roles(manager_client, manager):
    """A manager adds a person with two roles; they can sign in and one audit event is written."""
    before = counts()
    response = manager_client.post("/team/add/", GOOD)
    assert response.status_code == 302 and response["Location"] == "/team/"
    assert counts() == (before[0] + 1, before[1] + 1)
    casey = User.objects.get(username="casey")
    assert (casey.first_name, casey.last_name, casey.email) == ("Casey", "Rivera", "casey@example.org")
    assert role_keys_of(casey) == ["content_creator", "community_manager"]
    assert Client().login(request=HttpRequest(), username="casey", password=GOOD["password"]) is True
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.actor, event.data) == (
        "socialrx.user.create", manager, {"roles": ["Community Manager", "Content Creator"]}
    )
    text = page_text(manager_client.get("/team/"))
    assert "casey can now sign in." in text
    assert re.search(r"<td>casey</td>.*?Content Creator.*?Community Manager", text, re.S)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"username": "manager"}, "username: 'manager' is taken"),
        ({"username": "   "}, "username: give a username"),
        ({"password": "short"}, "password: This password is too short. It must contain at least 12 characters."),
        ({"password": "password1234"}, "password: This password is too common."),
        ({"roles": []}, "give the person at least one role"),
        ({"roles": ["viewer", "wizard"]}, "unknown role(s): wizard; choose from social_media_manager"),
    ],
)
def test_bad_input_is_explained_and_creates_nothing(manager_client, change, message):
    """Each kind of bad input is refused with 400 and its message, the form keeps its values, and nothing is created."""
    before = counts()
    response = manager_client.post("/team/add/", GOOD | change)
    assert response.status_code == 400
    text = page_text(response)
    assert message in text
    assert "Nothing was changed." in text
    assert 'value="Casey Rivera"' in text
    assert counts() == before


@pytest.mark.parametrize("role_key", ["viewer", "content_creator", "community_manager", "executive", "legal"])
def test_non_manager_cannot_add_people(client_for, role_key):
    """Anyone without manage_team is refused (403) and nothing is created."""
    client = client_for(role_key)
    before = counts()
    assert client.post("/team/add/", GOOD).status_code == 403
    assert counts() == before
    assert "Add a person" not in page_text(client.get("/team/"))


def test_create_user_action_checks_the_actor(viewer):
    """The action itself refuses an actor without manage_team (the CLI passes None as the system)."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        create_user(viewer, "someone", GOOD["password"], ["viewer"])
    assert not User.objects.filter(username="someone").exists()


def test_set_roles_replaces_roles_and_audits(manager, viewer):
    """A manager replaces a person's roles; one audit event names the new roles."""
    set_roles(manager, viewer, ["content_creator", "legal"])
    assert role_keys_of(viewer) == ["content_creator", "legal"]
    event = AuditEvent.objects.order_by("-id").first()
    assert (event.action, event.data) == ("socialrx.user.roles", {"roles": ["Content Creator", "Legal"]})


def test_last_manager_cannot_lose_the_role(manager):
    """Removing the manager role from the only manager is refused and changes nothing."""
    before = counts()
    with pytest.raises(ActionError, match="at least one Social Media Manager"):
        set_roles(manager, manager, ["viewer"])
    assert role_keys_of(manager) == ["social_media_manager"]
    assert counts() == before


# API tokens


def test_token_is_shown_once_and_hashed_at_rest(viewer_client, viewer):
    """Creating a token shows it once on the page; only its hash and prefix are stored."""
    response = viewer_client.post("/team/tokens/", {"name": "reporting script"})
    assert response.status_code == 200
    raw = re.search(r'<code id="new-token">(srx_[^<]+)</code>', response.content.decode()).group(1)
    token = ApiToken.objects.get(user=viewer)
    assert token.name == "reporting script"
    assert token.key_hash == ApiToken.hash_of(raw) != raw
    assert token.prefix == raw[4:12]
    assert raw not in {str(v) for v in ApiToken.objects.values_list(flat=False).get(pk=token.pk)}
    again = viewer_client.get("/team/").content.decode()
    assert raw not in again and f"{token.prefix}…" in again
    assert AuditEvent.objects.order_by("-id").first().action == "socialrx.token.create"


def test_token_authenticates_the_api_and_records_use(viewer):
    """A valid bearer token signs its owner in to the API and records when it was used."""
    token, raw = do_create_api_token(viewer, "script")
    response = Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/me")
    assert response.status_code == 200
    assert response.json()["username"] == "viewer"
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_revoked_token_is_refused(viewer_client, viewer):
    """After revoking on the Team page the token no longer works, and the revocation is audited."""
    token, raw = do_create_api_token(viewer, "script")
    api = Client(headers={"Authorization": f"Bearer {raw}"})
    assert api.get("/api/me").status_code == 200
    response = viewer_client.post(f"/team/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert api.get("/api/me").status_code == 401
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert AuditEvent.objects.order_by("-id").first().action == "socialrx.token.revoke"


def test_token_of_an_inactive_person_is_refused(viewer):
    """A token stops working when its owner is deactivated."""
    _, raw = do_create_api_token(viewer, "script")
    viewer.is_active = False
    viewer.save()
    assert Client(headers={"Authorization": f"Bearer {raw}"}).get("/api/me").status_code == 401


def test_nobody_revokes_another_persons_token_on_the_page(viewer, client_for):
    """The revoke address only finds the signed-in person's own tokens (404 otherwise)."""
    token, _ = do_create_api_token(viewer, "script")
    assert client_for("content_creator").post(f"/team/tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_only_a_manager_revokes_another_persons_token(viewer, manager, make_user):
    """The revoke action lets a manager revoke anyone's token and refuses others."""
    from django.core.exceptions import PermissionDenied

    token, _ = do_create_api_token(viewer, "script")
    with pytest.raises(PermissionDenied):
        do_revoke_api_token(make_user("content_creator"), token)
    do_revoke_api_token(manager, token)
    token.refresh_from_db()
    assert token.revoked_at is not None
