"""Roles and capabilities: who may do what, and how pages and the API refuse everyone else."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from socialrx.server.lib.access import has_capability
from socialrx.server.lib.roles import ROLES
from socialrx.server.models import CAPABILITIES

# The expected permission matrix, written out: x = the role holds the capability.
# SMM social media manager, CC content creator, HCS healthcare content specialist,
# CM community manager, LEG legal, EXE executive, VIEW viewer.
MATRIX = """
capability            SMM CC HCS CM LEG EXE VIEW
view_dashboards        x   x  x   x  x   x   x
manage_strategy        x   .  .   .  .   .   .
manage_calendar        x   .  .   .  .   .   .
compose_posts          x   x  .   x  .   .   .
comment_posts          x   x  x   x  .   .   .
review_clinical        .   .  x   .  .   .   .
review_regulatory      .   .  x   .  .   .   .
approve_final          x   .  .   .  .   .   .
override_compliance    .   .  x   .  .   .   .
manage_publishing      x   .  .   .  .   .   .
pause_publishing       x   .  .   .  .   x   .
manage_accounts        x   .  .   .  .   .   .
manage_listening       x   .  .   x  .   .   .
answer_inbox           x   .  .   x  .   .   .
manage_relationships   x   .  .   x  .   .   .
manage_crisis          x   .  .   .  .   .   .
sign_off_legal         .   .  .   .  x   .   .
sign_off_executive     .   .  .   .  .   x   .
import_analytics       x   .  .   .  .   .   .
view_audit             x   .  x   .  x   x   .
manage_team            x   .  .   .  .   .   .
"""
COLUMN_ROLE = {
    "SMM": "social_media_manager",
    "CC": "content_creator",
    "HCS": "healthcare_content_specialist",
    "CM": "community_manager",
    "LEG": "legal",
    "EXE": "executive",
    "VIEW": "viewer",
}


def _expected() -> dict[str, dict[str, bool]]:
    header, *rows = MATRIX.strip().splitlines()
    columns = [COLUMN_ROLE[c] for c in header.split()[1:]]
    table: dict[str, dict[str, bool]] = {role: {} for role in columns}
    for row in rows:
        capability, *marks = row.split()
        for role, mark in zip(columns, marks, strict=True):
            table[role][capability] = mark == "x"
    return table


EXPECTED = _expected()
CAPABILITY_NAMES = [codename for codename, _ in CAPABILITIES]


def test_matrix_covers_every_role_and_capability():
    """The written matrix names exactly the product's roles and capabilities."""
    assert set(EXPECTED) == {role.key for role in ROLES}
    for role, row in EXPECTED.items():
        assert list(row) == CAPABILITY_NAMES, role


@pytest.mark.django_db
def test_roles_are_synced_into_the_test_database():
    """Migrating creates one group per role holding exactly that role's capabilities."""
    for role in ROLES:
        group = Group.objects.get(name=role.name)
        codenames = set(group.permissions.values_list("codename", flat=True))
        assert codenames == {c for c, held in EXPECTED[role.key].items() if held}, role.key


@pytest.mark.parametrize("role_key", list(COLUMN_ROLE.values()))
def test_role_holds_exactly_its_capabilities(make_user, role_key):
    """A person with one role holds the capabilities ticked for that role and no others."""
    user = make_user(role_key)
    held = {c: has_capability(user, c) for c in CAPABILITY_NAMES}
    assert held == EXPECTED[role_key]


def test_several_roles_hold_the_union_of_capabilities(make_user):
    """A person with two roles holds every capability of either role."""
    user = make_user("content_creator", "legal", username="both")
    for capability in CAPABILITY_NAMES:
        expected = EXPECTED["content_creator"][capability] or EXPECTED["legal"][capability]
        assert has_capability(user, capability) is expected, capability


def test_inactive_person_holds_no_capability(make_user):
    """A deactivated manager holds no capability at all."""
    user = make_user("social_media_manager")
    user.is_active = False
    user.save()
    assert not any(has_capability(user, c) for c in CAPABILITY_NAMES)


@pytest.fixture
def roleless_client(db) -> Client:
    """A signed-in person who holds no role."""
    user = get_user_model().objects.create_user(username="nobody", password="x-irrelevant-x")
    client = Client()
    client.force_login(user)
    return client


PAGES = ["/", "/strategy/", "/strategy/v1.yaml", "/team/", "/calendar/"]


@pytest.mark.parametrize("url", PAGES)
def test_pages_refuse_a_person_without_view_dashboards(roleless_client, seed_strategy, url):
    """Every page answers 403 with the explanation page to a person who holds no role."""
    response = roleless_client.get(url)
    assert response.status_code == 403
    assert b"You can't do that" in response.content


@pytest.mark.parametrize("url", PAGES + ["/strategy/upload/", "/team/add/"])
def test_pages_send_anonymous_visitors_to_sign_in(client, seed_strategy, url):
    """Every page redirects an anonymous visitor to the sign-in page, remembering where they were going."""
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/?next=")


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/strategy/upload/", {}),
        ("/strategy/v1/activate/", {}),
        ("/team/add/", {"username": "x", "password": "long-enough-pw", "roles": ["viewer"]}),
    ],
)
def test_manager_only_pages_refuse_a_viewer(viewer_client, seed_strategy, url, data):
    """A viewer is refused (403) when posting to a page that needs a manager's capability."""
    response = viewer_client.post(url, data)
    assert response.status_code == 403
    assert b"You can't do that" in response.content


@pytest.mark.parametrize("url", ["/api/strategy", "/api/strategy/versions", "/api/strategy/versions/1"])
def test_api_refuses_a_person_without_view_dashboards(roleless_client, seed_strategy, url):
    """The API answers 403 with a detail to a signed-in person who holds no role."""
    response = roleless_client.get(url)
    assert response.status_code == 403
    assert "permission" in response.json()["detail"]


@pytest.mark.parametrize("url", ["/api/me", "/api/strategy", "/api/strategy/versions"])
def test_api_refuses_anonymous_callers(client, seed_strategy, url):
    """The API answers 401 to a caller with neither a session nor a token."""
    assert client.get(url).status_code == 401


def test_api_refuses_an_unknown_bearer_token(seed_strategy):
    """A made-up bearer token is refused with 401."""
    client = Client(headers={"Authorization": "Bearer srx_not-a-real-token"})
    assert client.get("/api/strategy").status_code == 401


def test_api_me_lists_roles_and_capabilities(manager_api):
    """GET /api/me returns the caller's roles and the capabilities they give."""
    response = manager_api.get("/api/me")
    assert response.status_code == 200
    body = response.json()
    assert body["username"] == "manager"
    assert body["roles"] == ["social_media_manager"]
    assert body["capabilities"] == sorted(c for c, held in EXPECTED["social_media_manager"].items() if held)


@pytest.mark.parametrize("role_key", list(COLUMN_ROLE.values()))
def test_navigation_lists_the_areas_a_role_may_open(client_for, seed_strategy, role_key):
    """The navigation lists exactly the areas whose capability the person holds, and each opens."""
    from socialrx.server.views.context import AREAS

    client = client_for(role_key)
    response = client.get("/")
    assert response.status_code == 200
    entries = response.context["nav_entries"]
    assert [e["area"].label for e in entries] == [a.label for a in AREAS if EXPECTED[role_key][a.capability]]
    assert ("Audit" in [e["area"].label for e in entries]) is EXPECTED[role_key]["view_audit"]
    assert response.context["nav_roles"] == [r.name for r in ROLES if r.key == role_key]
    for entry in entries:
        assert client.get(entry["url"]).status_code == 200, entry["url"]
