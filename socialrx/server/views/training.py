"""Training page: the strategy's training topics as a checklist per person; managers see everyone."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.training import set_training_done
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.relationships import active_strategy
from socialrx.server.models import TrainingCompletion


@login_required
def training_page(request: HttpRequest) -> HttpResponse:
    """Show each person's checklist (only one's own unless one manages the team)."""
    require_capability(request.user, "view_dashboards")
    strategy = active_strategy()
    areas = strategy.training if strategy else ()
    manager = has_capability(request.user, "manage_team")
    people = get_user_model().objects.filter(is_active=True).order_by("username") if manager else [request.user]
    done = {(c.user_id, c.area, c.topic): c.completed_on for c in TrainingCompletion.objects.filter(user__in=people)}
    total = sum(len(a.topics) for a in areas)
    rows = [{"person": p, "areas": [{"name": a.name, "topics": [(t, done.get((p.pk, a.name, t))) for t in a.topics]}
                                    for a in areas],
             "count": sum(1 for (u, _, _) in done if u == p.pk)} for p in people]  # fmt: skip
    return render(request, "socialrx/training.html", {"rows": rows, "total": total, "manager": manager})


@login_required
@require_POST
def training_record(request: HttpRequest, user_id: int) -> HttpResponse:
    person = get_object_or_404(get_user_model(), pk=user_id)
    try:
        set_training_done(request.user, person, request.POST.get("area", ""), request.POST.get("topic", ""),
                          done=request.POST.get("done") == "1")
    except ActionError as exc:
        messages.error(request, str(exc))
    return redirect("training")
