"""The home page: what needs me today, then the strategy and recent activity."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.roles import ROLE_BY_KEY, role_keys_of
from socialrx.server.lib.today import needs_for
from socialrx.server.models import AuditEvent

RECENT_SHOWN = 8


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    version = active_strategy_version()
    context = {
        "version": version,
        "strategy": strategy_of(version) if version else None,
        "needs": needs_for(request.user),
        "roles": [ROLE_BY_KEY[k].name for k in role_keys_of(request.user)],
        "recent": AuditEvent.objects.select_related("actor")[:RECENT_SHOWN],
    }
    return render(request, "socialrx/home.html", context)
