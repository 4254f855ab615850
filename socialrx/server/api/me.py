"""Who am I: the authenticated person, their roles and capabilities."""

from __future__ import annotations

from ninja import Router, Schema

from socialrx.server.lib.roles import ROLE_BY_KEY, role_keys_of

router = Router(tags=["people"])


class MeOut(Schema):
    username: str
    roles: list[str]
    capabilities: list[str]


@router.get("", response=MeOut, summary="The authenticated person")
def me(request):
    keys = role_keys_of(request.user)
    capabilities = sorted({c for k in keys for c in ROLE_BY_KEY[k].capabilities})
    return {"username": request.user.get_username(), "roles": keys, "capabilities": capabilities}
