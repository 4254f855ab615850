"""The home page."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import AuditEvent


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    version = active_strategy_version()
    strategy = strategy_of(version) if version else None
    recent = AuditEvent.objects.select_related("actor")[:10]
    return render(request, "socialrx/home.html", {"version": version, "strategy": strategy, "recent": recent})
