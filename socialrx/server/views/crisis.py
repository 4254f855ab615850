"""Crisis pages: incidents and crisis mode, one incident's protocol, statements, timeline and report."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import now
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.crisis import (
    HOLDING_TEMPLATES,
    add_incident_note,
    close_incident_now,
    complete_incident_step,
    crisis_mode_off,
    crisis_mode_on,
    draft_statement,
    held_roles,
    open_incident,
    sign_off_step,
    submit_statement,
)
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.publishing import publishing_switch
from socialrx.server.lib.relationships import (
    access_incident_by_id,
    incident_chart,
    incident_series,
    incident_timeline,
    render_incident_report,
    statement_rows,
)
from socialrx.server.models import Alert, Incident, IncidentStatement, Severity


def _run(request: HttpRequest, action: Callable[[], object], success: str) -> object | None:
    try:
        result = action()
    except ActionError as exc:
        messages.error(request, str(exc))
        return None
    messages.success(request, success)
    return result


@login_required
def crisis_page(request: HttpRequest) -> HttpResponse:
    """List incidents and drills, show crisis mode, and offer to open an incident (from an alert, if given)."""
    require_capability(request.user, "view_dashboards")
    alert = Alert.objects.filter(pk=request.GET.get("alert") or 0).first() if request.GET.get("alert", "").isdigit() else None
    context = {"incidents": Incident.objects.select_related("alert")[:100], "switch": publishing_switch(),
               "can_crisis": has_capability(request.user, "manage_crisis"), "severities": Severity.choices,
               "alert": alert, "alerts": Alert.objects.filter(rule__offers_crisis=True)[:20]}  # fmt: skip
    return render(request, "socialrx/crisis.html", context)


@login_required
@require_POST
def crisis_open(request: HttpRequest) -> HttpResponse:
    alert = request.POST.get("alert", "")
    incident = _run(request, lambda: open_incident(
        request.user, title=request.POST.get("title", ""), summary=request.POST.get("summary", ""),
        severity=request.POST.get("severity", Severity.HIGH), alert_id=int(alert) if alert.isdigit() else None,
        reported_by=request.POST.get("reported_by", ""), drill=request.POST.get("drill") == "on"),
        "Incident opened." if request.POST.get("drill") != "on" else "Drill opened: publishing is not paused.")  # fmt: skip
    return redirect("crisis-incident", incident.pk) if incident else redirect("crisis")


@login_required
@require_POST
def crisis_mode(request: HttpRequest) -> HttpResponse:
    """Turn crisis mode on (with a reason) or off."""
    if request.POST.get("mode") == "on":
        _run(request, lambda: crisis_mode_on(request.user, request.POST.get("reason", "")), "Crisis mode is on.")
    else:
        _run(request, lambda: crisis_mode_off(request.user), "Crisis mode lifted: publishing resumed.")
    return redirect("crisis")


@login_required
def crisis_incident(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Show the protocol steps with owners, deadlines, sign-offs; statements, notes and the live timeline."""
    incident = access_incident_by_id(request.user, incident_id)
    roles = held_roles(request.user)
    stamp = now()
    steps = []
    for step in incident.steps.prefetch_related("sign_offs__user").select_related("completed_by"):
        signed = {o.role for o in step.sign_offs.all()}
        current = step.started_at is not None and step.completed_at is None and incident.status == "open"
        steps.append({"step": step, "current": current,
                      "overdue": step.due_at is not None and (step.completed_at or stamp) > step.due_at,
                      "may_sign": [r for r in step.sign_off_roles if r not in signed and r in roles] if current else [],
                      "missing": [r for r in step.sign_off_roles if r not in signed],
                      "may_complete": current and bool(set(step.owner_roles) & roles)})  # fmt: skip
    points = incident_series(incident)
    context = {"incident": incident, "steps": steps, "timeline": incident_timeline(incident),
               "chart": incident_chart(incident, points), "templates": HOLDING_TEMPLATES,
               "statements": statement_rows(incident), "switch": publishing_switch(),
               "can_crisis": has_capability(request.user, "manage_crisis"),
               "can_compose": has_capability(request.user, "compose_posts"),
               "can_release": has_capability(request.user, "manage_crisis") and has_capability(request.user, "manage_publishing"),
               "all_done": all(s["step"].completed_at for s in steps)}  # fmt: skip
    return render(request, "socialrx/crisis_incident.html", context)


def _incident_action(request: HttpRequest, incident_id: int, action: Callable[[Incident], object], success: str):
    incident = access_incident_by_id(request.user, incident_id)
    _run(request, lambda: action(incident), success)
    return redirect("crisis-incident", incident.pk)


@login_required
@require_POST
def crisis_sign_off(request: HttpRequest, incident_id: int, order: int) -> HttpResponse:
    role = request.POST.get("role", "")
    return _incident_action(request, incident_id, lambda i: sign_off_step(request.user, i, order, role,
                                                                          request.POST.get("note", "")),
                            f"Step {order} signed off for {role}.")  # fmt: skip


@login_required
@require_POST
def crisis_complete(request: HttpRequest, incident_id: int, order: int) -> HttpResponse:
    return _incident_action(request, incident_id, lambda i: complete_incident_step(request.user, i, order),
                            f"Step {order} completed.")  # fmt: skip


@login_required
@require_POST
def crisis_note(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _incident_action(request, incident_id, lambda i: add_incident_note(request.user, i, request.POST.get("text", "")),
                            "Added to the timeline.")  # fmt: skip


@login_required
@require_POST
def crisis_close(request: HttpRequest, incident_id: int) -> HttpResponse:
    return _incident_action(request, incident_id, lambda i: close_incident_now(request.user, i), "Incident closed.")


@login_required
@require_POST
def crisis_statement(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Draft a holding statement from a template and open it in the composer."""
    incident = access_incident_by_id(request.user, incident_id)
    channels = tuple(request.POST.getlist("channels")) or ("x", "linkedin")
    statement = _run(request, lambda: draft_statement(request.user, incident, request.POST.get("template", ""), channels,
                                                      update_by=request.POST.get("update_by", "")),
                     "Holding statement drafted: edit it, then send it to the crisis review.")  # fmt: skip
    return redirect("post-edit", statement.post_id) if statement else redirect("crisis-incident", incident.pk)


@login_required
@require_POST
def crisis_statement_submit(request: HttpRequest, incident_id: int, statement_id: int) -> HttpResponse:
    incident = access_incident_by_id(request.user, incident_id)
    statement = IncidentStatement.objects.filter(pk=statement_id, incident=incident).select_related("post").first()
    if statement is None:
        messages.error(request, "There is no such statement on this incident.")
    else:
        _run(request, lambda: submit_statement(request.user, statement), "Sent to the expedited crisis review.")
    return redirect("crisis-incident", incident.pk)


@login_required
def crisis_report(request: HttpRequest, incident_id: int) -> HttpResponse:
    """Return the post-incident report as a PDF."""
    incident = access_incident_by_id(request.user, incident_id)
    pdf, _ = render_incident_report(incident)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="incident-{incident.pk}-report.pdf"'
    return response
