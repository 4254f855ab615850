"""Incident and crisis-mode endpoints: open, sign off, complete a step, close; crisis mode on, off, status."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from socialrx.server.actions.crisis import (
    close_incident_now,
    complete_incident_step,
    crisis_mode_off,
    crisis_mode_on,
    open_incident,
    sign_off_step,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.publishing import publishing_switch
from socialrx.server.lib.relationships import access_incident_by_id
from socialrx.server.models import Incident

router = Router(tags=["crisis"])


class StepOut(Schema):
    order: int
    name: str
    started_at: datetime | None
    due_at: datetime | None
    completed_at: datetime | None
    signed_by_role: dict[str, str]
    missing_roles: list[str]


class IncidentOut(Schema):
    id: int
    title: str
    severity: str
    status: str
    is_drill: bool
    paused_publishing: bool
    opened_at: datetime
    closed_at: datetime | None
    steps: list[StepOut]


class OpenIn(Schema):
    title: str
    summary: str
    severity: str = "high"
    alert_id: int | None = None
    reported_by: str = ""
    drill: bool = False


class SignOffIn(Schema):
    role: str
    note: str = ""


class ModeIn(Schema):
    on: bool
    reason: str = ""


class ModeOut(Schema):
    paused: bool
    crisis: bool
    reason: str
    incident_id: int | None


def _out(incident: Incident) -> IncidentOut:
    steps = []
    for step in incident.steps.prefetch_related("sign_offs__user"):
        signed = {o.role: o.user.get_username() for o in step.sign_offs.all()}
        steps.append(StepOut(order=step.order, name=step.name, started_at=step.started_at, due_at=step.due_at,
                             completed_at=step.completed_at, signed_by_role=signed,
                             missing_roles=[r for r in step.sign_off_roles if r not in signed]))  # fmt: skip
    return IncidentOut(id=incident.pk, title=incident.title, severity=incident.severity, status=incident.status,
                       is_drill=incident.is_drill, paused_publishing=incident.paused_publishing,
                       opened_at=incident.opened_at, closed_at=incident.closed_at, steps=steps)  # fmt: skip


@router.get("/incidents", response=list[IncidentOut])
def list_incidents(request):
    require_capability(request.user, "view_dashboards")
    return [_out(i) for i in Incident.objects.all()[:100]]


@router.post("/incidents", response=IncidentOut)
def incident_open(request, payload: OpenIn):
    """Open an incident (a real one turns crisis mode on)."""
    return _out(open_incident(request.user, **payload.dict()))


@router.get("/incidents/{incident_id}", response=IncidentOut)
def incident_detail(request, incident_id: int):
    return _out(access_incident_by_id(request.user, incident_id))


@router.post("/incidents/{incident_id}/steps/{order}/sign-off", response=IncidentOut)
def incident_sign_off(request, incident_id: int, order: int, payload: SignOffIn):
    """Sign off a step for a role you hold (403 for the wrong role)."""
    incident = access_incident_by_id(request.user, incident_id)
    sign_off_step(request.user, incident, order, payload.role, payload.note)
    return _out(incident)


@router.post("/incidents/{incident_id}/steps/{order}/complete", response=IncidentOut)
def incident_complete(request, incident_id: int, order: int):
    """Advance: complete the current step and start the next."""
    incident = access_incident_by_id(request.user, incident_id)
    return _out(complete_incident_step(request.user, incident, order))


@router.post("/incidents/{incident_id}/close", response=IncidentOut)
def incident_close(request, incident_id: int):
    return _out(close_incident_now(request.user, access_incident_by_id(request.user, incident_id)))


def _mode() -> ModeOut:
    switch = publishing_switch()
    return ModeOut(paused=switch.paused, crisis=switch.crisis, reason=switch.reason, incident_id=switch.incident_id)


@router.get("/mode", response=ModeOut)
def mode_status(request):
    require_capability(request.user, "view_dashboards")
    return _mode()


@router.post("/mode", response=ModeOut)
def mode_set(request, payload: ModeIn):
    """Turn crisis mode on (with a reason) or off (manage_crisis)."""
    if payload.on:
        crisis_mode_on(request.user, payload.reason)
    else:
        crisis_mode_off(request.user)
    return _mode()
