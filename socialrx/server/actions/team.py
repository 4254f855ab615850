"""Writes on people: create a person with roles, change roles, API tokens."""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.timezone import now

from socialrx.server.actions import ActionError
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.roles import ROLE_BY_KEY
from socialrx.server.models import ApiToken

logger = logging.getLogger(__name__)


def _groups_for(role_keys: list[str]) -> list[Group]:
    unknown = [k for k in role_keys if k not in ROLE_BY_KEY]
    if unknown:
        raise ActionError(f"unknown role(s): {', '.join(unknown)}; choose from {', '.join(ROLE_BY_KEY)}")
    if not role_keys:
        raise ActionError("give the person at least one role")
    return [Group.objects.get_or_create(name=ROLE_BY_KEY[k].name)[0] for k in role_keys]


def check_create_user(actor, username: str, password: str, role_keys: list[str], *, email: str = "",
                      full_name: str = "") -> list[Group]:
    """Authorise and validate a new person (the password must not resemble their name or e-mail); return their groups."""
    if actor is not None:
        require_capability(actor, "manage_team")
    username = username.strip()
    if not username:
        raise ActionError("username: give a username")
    if get_user_model().objects.filter(username=username).exists():
        raise ActionError(f"username: {username!r} is taken")
    try:
        first, _, last = full_name.strip().partition(" ")
        validate_password(password, get_user_model()(username=username, email=email, first_name=first, last_name=last))
    except ValidationError as exc:
        raise ActionError("password: " + " ".join(exc.messages)) from None
    return _groups_for(role_keys)


def do_create_user(actor, username: str, password: str, groups: list[Group], *, email: str = "", full_name: str = ""):
    """Create a person with their roles and audit it."""
    with transaction.atomic():
        first, _, last = full_name.strip().partition(" ")
        user = get_user_model().objects.create_user(
            username=username.strip(), password=password, email=email, first_name=first, last_name=last
        )
        user.groups.set(groups)
        log("socialrx.user.create", actor=actor, obj=user, data={"roles": sorted(g.name for g in groups)})
    logger.info("person %s added with roles %s", user.pk, ", ".join(sorted(g.name for g in groups)))
    return user


def create_user(actor, username: str, password: str, role_keys: list[str], **fields):
    groups = check_create_user(actor, username, password, role_keys, email=fields.get("email", ""),
                               full_name=fields.get("full_name", ""))
    return do_create_user(actor, username, password, groups, **fields)


def check_set_roles(actor, user, role_keys: list[str]) -> list[Group]:
    """Authorise and validate new roles for a person; the team always keeps a Social Media Manager."""
    require_capability(actor, "manage_team")
    groups = _groups_for(role_keys)
    manager = ROLE_BY_KEY["social_media_manager"].name
    if manager not in {g.name for g in groups}:
        others = get_user_model().objects.filter(groups__name=manager, is_active=True).exclude(pk=user.pk)
        if not others.exists():
            raise ActionError(
                f"roles: {user.get_username()} is the only Social Media Manager, and the team needs at least one "
                "Social Media Manager"
            )
    return groups


def do_set_roles(actor, user, groups: list[Group]) -> bool:
    """Replace a person's roles and audit it; return False (and write nothing) when they are unchanged."""
    with transaction.atomic():
        if {g.pk for g in user.groups.all()} == {g.pk for g in groups}:
            return False
        user.groups.set(groups)
        log("socialrx.user.roles", actor=actor, obj=user, data={"roles": sorted(g.name for g in groups)})
    return True


def set_roles(actor, user, role_keys: list[str]) -> bool:
    return do_set_roles(actor, user, check_set_roles(actor, user, role_keys))


def do_create_api_token(actor, name: str) -> tuple[ApiToken, str]:
    """Create an API token for the acting person; return it and the raw token (shown once)."""
    name = name.strip() or "API token"
    raw = ApiToken.new_raw_token()
    with transaction.atomic():
        token = ApiToken.objects.create(user=actor, name=name[:100], prefix=raw[4:12], key_hash=ApiToken.hash_of(raw))
        log("socialrx.token.create", actor=actor, obj=token, data={"name": token.name})
    logger.info("API token %s created for person %s", token.pk, actor.pk)
    return token, raw


def do_revoke_api_token(actor, token: ApiToken) -> None:
    if token.user_id != actor.pk:
        require_capability(actor, "manage_team")
    with transaction.atomic():
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=now())
        log("socialrx.token.revoke", actor=actor, obj=token)
    logger.info("API token %s revoked by person %s", token.pk, actor.pk)
