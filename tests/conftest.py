"""Fixtures for the Django shell: one person per role, signed-in clients, an API token, the seed strategy.

Roles are Django groups created by a post_migrate signal, so they exist in the test
database without any fixture; `make_user` only adds people to them.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import pytest
from django.test import Client
from hypothesis import HealthCheck, settings

# Property tests judge behaviour, not speed: a loaded CI machine must not fail them on time.
settings.register_profile("socialrx", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("socialrx")

PASSWORD = "correct-horse-battery-staple"

# `socialrx` commands run as subprocesses use the production settings, which need a real secret key.
os.environ.setdefault("SOCIALRX_SECRET_KEY", "test-only-key-4f9a1c7e2b8d6f0a3c5e7b9d1f2a4c6e8b0d2f4a6c8e")


@pytest.fixture
def make_user(db) -> Callable[..., object]:
    """Return a function that adds a person with the given roles (username defaults to the first role)."""

    def make(*role_keys: str, username: str | None = None, full_name: str = ""):
        from socialrx.server.actions.team import create_user

        return create_user(None, username or role_keys[0], PASSWORD, list(role_keys), full_name=full_name)

    return make


@pytest.fixture
def client_for(make_user) -> Callable[[str], Client]:
    """Return a function giving a signed-in test client for a new person holding one role."""

    def for_role(role_key: str) -> Client:
        client = Client()
        client.force_login(make_user(role_key))
        return client

    return for_role


@pytest.fixture
def manager(make_user):
    """A Social Media Manager."""
    return make_user("social_media_manager", username="manager", full_name="Morgan Lee")


@pytest.fixture
def viewer(make_user):
    """A Viewer (read-only)."""
    return make_user("viewer", username="viewer", full_name="Robin Ellis")


@pytest.fixture
def manager_client(manager) -> Client:
    """A test client signed in as the Social Media Manager."""
    client = Client()
    client.force_login(manager)
    return client


@pytest.fixture
def viewer_client(viewer) -> Client:
    """A test client signed in as the Viewer."""
    client = Client()
    client.force_login(viewer)
    return client


@pytest.fixture
def api_token_for(db) -> Callable[[object], tuple[Client, str]]:
    """Return a function giving (client with a bearer token, raw token) for a person."""

    def for_user(user) -> tuple[Client, str]:
        from socialrx.server.actions.team import do_create_api_token

        _, raw = do_create_api_token(user, "tests")
        return Client(headers={"Authorization": f"Bearer {raw}"}), raw

    return for_user


@pytest.fixture
def manager_api(manager, api_token_for) -> Client:
    """A client that calls the API with the manager's bearer token (no session)."""
    return api_token_for(manager)[0]


@pytest.fixture
def viewer_api(viewer, api_token_for) -> Client:
    """A client that calls the API with the viewer's bearer token (no session)."""
    return api_token_for(viewer)[0]


@pytest.fixture
def seed_strategy(db):
    """The seed strategy loaded as the active version 1."""
    from socialrx.server.actions.strategy import ensure_default_strategy

    return ensure_default_strategy()
