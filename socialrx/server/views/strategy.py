"""The Strategy page: the active strategy, its versions, and uploading a new one."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.strategy import StrategyError
from socialrx.server.actions import ActionError
from socialrx.server.actions.strategy import do_activate_strategy_version, upload_strategy
from socialrx.server.lib.access import (
    access_strategy_version_by_number,
    active_strategy_version,
    has_capability,
    require_capability,
)
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import StrategyVersion


def _page(request: HttpRequest, *, errors=(), status: int = 200) -> HttpResponse:
    version = active_strategy_version()
    context = {
        "version": version,
        "strategy": strategy_of(version) if version else None,
        "versions": StrategyVersion.objects.select_related("created_by").all()[:50],
        "can_manage": has_capability(request.user, "manage_strategy"),
        "errors": errors,
    }
    return render(request, "socialrx/strategy.html", context, status=status)


@login_required
def strategy_page(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    return _page(request)


@login_required
@require_POST
def strategy_upload(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "manage_strategy")
    upload = request.FILES.get("file")
    if upload is None:
        return _page(request, errors=["Choose a strategy file (.yaml) to upload."], status=400)
    try:
        text = upload.read().decode("utf-8")
    except UnicodeDecodeError:
        return _page(request, errors=[f"{upload.name}: the file is not UTF-8 text."], status=400)
    try:
        version = upload_strategy(request.user, text, filename=upload.name, note=request.POST.get("note", ""))
    except StrategyError as exc:
        return _page(request, errors=[str(issue) for issue in exc.issues], status=400)
    except ActionError as exc:
        return _page(request, errors=[str(exc)], status=400)
    messages.success(request, f"Strategy {version.label} is now active.")
    return redirect("strategy")


@login_required
def strategy_version_yaml(request: HttpRequest, number: int) -> HttpResponse:
    version = access_strategy_version_by_number(request.user, number)
    response = HttpResponse(version.yaml_text, content_type="application/yaml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="strategy-v{version.number}.yaml"'
    return response


@login_required
@require_POST
def strategy_activate(request: HttpRequest, number: int) -> HttpResponse:
    version = access_strategy_version_by_number(request.user, number)
    if not has_capability(request.user, "manage_strategy"):
        raise PermissionDenied("Only a Social Media Manager can activate a strategy version.")
    do_activate_strategy_version(request.user, version)
    messages.success(request, f"Strategy {version.label} is active again.")
    return redirect("strategy")
