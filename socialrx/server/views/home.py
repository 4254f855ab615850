"""The home page and the pages of areas that are not built yet."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import AuditEvent
from socialrx.server.views.context import AREA_BY_KEY


@login_required
def home(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    version = active_strategy_version()
    strategy = strategy_of(version) if version else None
    recent = AuditEvent.objects.select_related("actor")[:10]
    return render(request, "socialrx/home.html", {"version": version, "strategy": strategy, "recent": recent})


@login_required
def area(request: HttpRequest, key: str) -> HttpResponse:
    """Say plainly that an area is not built yet, and what it will do."""
    require_capability(request.user, "view_dashboards")
    found = AREA_BY_KEY.get(key)
    if found is None or found.issue is None:
        raise Http404("No such area.")
    return render(request, "socialrx/area_not_built.html", {"area": found}, status=200)
