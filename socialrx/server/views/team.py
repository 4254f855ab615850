"""The Team page: people and their roles, and one's own API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.team import create_user, do_create_api_token, do_revoke_api_token, set_roles
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.roles import ROLES, role_keys_of
from socialrx.server.models import ApiToken


def _page(request: HttpRequest, *, errors=(), form=None, new_token: str = "", status: int = 200) -> HttpResponse:
    people = get_user_model().objects.filter(is_active=True).prefetch_related("groups").order_by("username")
    rows = [{"user": u, "roles": role_keys_of(u)} for u in people]
    context = {
        "rows": rows,
        "roles": ROLES,
        "can_manage": has_capability(request.user, "manage_team"),
        "tokens": ApiToken.objects.filter(user=request.user, revoked_at__isnull=True),
        "errors": errors,
        "form": form or {},
        "new_token": new_token,
    }
    return render(request, "socialrx/team.html", context, status=status)


@login_required
def team_page(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    return _page(request)


@login_required
@require_POST
def team_add(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "manage_team")
    form = {k: request.POST.get(k, "") for k in ("username", "full_name", "email")}
    try:
        user = create_user(
            request.user,
            form["username"],
            request.POST.get("password", ""),
            request.POST.getlist("roles"),
            email=form["email"],
            full_name=form["full_name"],
        )
    except ActionError as exc:
        return _page(request, errors=[str(exc)], form=form, status=400)
    messages.success(request, f"{user.username} can now sign in.")
    return redirect("team")


@login_required
@require_POST
def team_roles(request: HttpRequest, user_id: int) -> HttpResponse:
    """Replace a person's roles (managers only; the last manager keeps the role)."""
    require_capability(request.user, "manage_team")
    person = get_object_or_404(get_user_model(), pk=user_id, is_active=True)
    try:
        changed = set_roles(request.user, person, request.POST.getlist("roles"))
    except ActionError as exc:
        return _page(request, errors=[f"{person.get_username()}: {exc}"], status=400)
    name = person.get_full_name() or person.get_username()
    messages.success(request, f"{name}'s roles are saved." if changed else f"{name}'s roles were already these.")
    return redirect("team")


@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    _, raw = do_create_api_token(request.user, request.POST.get("name", ""))
    return _page(request, new_token=raw)


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=token_id, user=request.user, revoked_at__isnull=True)
    do_revoke_api_token(request.user, token)
    messages.success(request, f"Token {token.name} revoked.")
    return redirect("team")
