"""Writes on crisis management: open an incident (crisis mode on), sign off and complete protocol steps,
draft and submit holding statements, notes, close (crisis mode lifted), crisis mode on and off."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now

from socialrx.core.relationships import (
    CrisisForbidden,
    CrisisRefused,
    IncidentState,
    SignOff,
    StepState,
    close_incident,
    complete_step,
    sign_off,
    start_protocol,
)
from socialrx.core.workflow import ReviewRefused
from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.actions.publishing import do_pause_publishing, do_resume_publishing
from socialrx.server.actions.reviews import do_submit_post
from socialrx.server.lib.access import active_strategy_version, current_capabilities, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.notify import holders_of, notify
from socialrx.server.lib.publishing import publishing_switch
from socialrx.server.lib.roles import role_keys_of
from socialrx.server.models import (
    Alert,
    Incident,
    IncidentNote,
    IncidentStatement,
    IncidentStatus,
    IncidentStep,
    Severity,
    StepSignOff,
)

# A capability stands in for holding the role of the same name in a sign-off.
SIGN_OFF_CAPABILITY = {"legal": "sign_off_legal", "executive": "sign_off_executive",
                       "healthcare_content_specialist": "review_clinical"}  # fmt: skip
HOLDING_TEMPLATES: dict[str, tuple[str, str]] = {
    "acknowledge": ("We are aware", "We are aware of reports about {topic}. We take this seriously and are looking "
                    "into it now. We will share an update by {update_by}."),
    "investigating": ("Investigating", "Update on {topic}: our clinical and technical teams are reviewing what "
                      "happened. Patient safety and privacy come first. Next update by {update_by}."),
    "resolved": ("Resolved", "Update on {topic}: the issue has been addressed. We have explained what changed at "
                 "{organisation}. Thank you for your patience; questions are welcome."),
}  # fmt: skip


def held_roles(user) -> frozenset[str]:
    """Return the protocol roles a person holds now: their roles, and roles their capabilities stand in for."""
    capabilities = current_capabilities(user)
    return frozenset(role_keys_of(user)) | {r for r, c in SIGN_OFF_CAPABILITY.items() if c in capabilities}


def incident_state(incident: Incident) -> IncidentState:
    """Return an incident as the protocol's state."""
    steps = tuple(
        StepState(order=s.order, name=s.name, owner_roles=tuple(s.owner_roles), sign_off_roles=tuple(s.sign_off_roles),
                  target_minutes=s.target_minutes, started_at=s.started_at, completed_at=s.completed_at,
                  completed_by=s.completed_by.get_username() if s.completed_by else "",
                  sign_offs=tuple(SignOff(o.role, o.user.get_username(), o.signed_at) for o in s.sign_offs.all()))
        for s in incident.steps.prefetch_related("sign_offs__user").select_related("completed_by")
    )  # fmt: skip
    return IncidentState(steps, incident.closed_at)


def _incident_for_update(incident: Incident) -> Incident:
    return Incident.objects.select_for_update().get(pk=incident.pk)


def _url(incident: Incident) -> str:
    return reverse("crisis-incident", args=[incident.pk])


def _tell_the_team(incident: Incident, message: str, at: datetime | None = None) -> None:
    people = [u for cap in ("manage_crisis", "sign_off_legal", "sign_off_executive", "review_clinical")
              for u in holders_of(cap)]  # fmt: skip
    notify(people, kind="crisis", message=message, url=_url(incident), at=at)


def open_incident(user, *, title: str, summary: str, severity: str = Severity.HIGH, alert_id: int | None = None,
                  reported_by: str = "", drill: bool = False, at: datetime | None = None) -> Incident:
    """Open an incident running the strategy's protocol; a real one turns crisis mode on, a drill does not.

    ``at`` (default now) is when it happens; the demo replays a past incident with it.
    """
    require_capability(user, "manage_crisis")
    if not title.strip() or not summary.strip():
        raise ActionError("title and summary: say what is happening")
    if severity not in Severity.values:
        raise ActionError(f"severity: {severity!r} is not one of {', '.join(Severity.values)}")
    alert = Alert.objects.filter(pk=alert_id).first() if alert_id else None
    if alert_id and alert is None:
        raise ActionError(f"alert: there is no alert {alert_id}")
    if alert is None and not reported_by.strip():
        raise ActionError("trigger: name the listening alert or the person who raised it")
    version = active_strategy_version()
    if version is None:
        raise ActionError("No strategy is loaded: the crisis protocol comes from the strategy.")
    stamp = at or now()
    try:
        state = start_protocol(strategy_of(version).crisis.protocol, stamp)
    except CrisisRefused as exc:
        raise ActionError(str(exc)) from None
    protocol = {s.order: s for s in strategy_of(version).crisis.protocol}
    with transaction.atomic():
        incident = Incident.objects.create(title=title.strip()[:200], summary=summary.strip(), severity=severity,
                                           alert=alert, reported_by=reported_by.strip()[:200], is_drill=drill,
                                           opened_by=user, opened_at=stamp, strategy_label=version.label)  # fmt: skip
        IncidentStep.objects.bulk_create([
            IncidentStep(incident=incident, order=s.order, name=s.name, description=protocol[s.order].description,
                         owner_roles=list(s.owner_roles), sign_off_roles=list(s.sign_off_roles),
                         target_minutes=s.target_minutes, started_at=s.started_at)
            for s in state.steps
        ])  # fmt: skip
        log("socialrx.crisis.open", actor=user, obj=incident, data={"severity": severity, "drill": drill,
                                                                    "alert": alert_id, "reported_by": reported_by},
            at=stamp)
        if not drill:
            do_pause_publishing(user, f"Crisis mode: incident #{incident.pk} {incident.title}"[:300], crisis=True,
                                incident_id=incident.pk, at=stamp)
            incident.paused_publishing = True
            incident.save(update_fields=["paused_publishing"])
        _tell_the_team(incident, f"{'Drill' if drill else 'Crisis'}: {incident.title} ({incident.get_severity_display()})",
                       stamp)
    return incident


def _save_step(incident: Incident, step: StepState, user) -> None:
    IncidentStep.objects.filter(incident=incident, order=step.order).update(
        started_at=step.started_at, completed_at=step.completed_at,
        completed_by=user if step.completed_at is not None else None)  # fmt: skip


def _run(action, *args):
    try:
        return action(*args)
    except CrisisForbidden as exc:
        raise PermissionDenied(str(exc)) from None
    except CrisisRefused as exc:
        raise ActionError(str(exc)) from None


def sign_off_step(user, incident: Incident, order: int, role: str, note: str = "", *,
                  at: datetime | None = None) -> StepSignOff:
    """Sign off a step of the incident for a role the person holds (refused for anyone else)."""
    with transaction.atomic():
        incident = _incident_for_update(incident)
        state = _run(sign_off, incident_state(incident), order, role, held_roles(user), user.get_username(),
                     at or now())
        signed = next(o for o in state.current.sign_offs if o.role == role)
        step = incident.steps.get(order=order)
        record = StepSignOff.objects.create(step=step, role=role, user=user, signed_at=signed.at, note=note[:500])
        log("socialrx.crisis.sign_off", actor=user, obj=incident, data={"step": order, "role": role, "note": note[:500]},
            at=signed.at)
    return record


def complete_incident_step(user, incident: Incident, order: int, *, at: datetime | None = None) -> Incident:
    """Complete the current step (by one of its owners, every sign-off in) and start the next."""
    with transaction.atomic():
        incident = _incident_for_update(incident)
        stamp = at or now()
        before = incident_state(incident)
        state = _run(complete_step, before, order, held_roles(user), user.get_username(), stamp)
        for old, new in zip(before.steps, state.steps, strict=True):
            if old != new:
                _save_step(incident, new, user)
        step = next(s for s in state.steps if s.order == order)
        log("socialrx.crisis.step_complete", actor=user, obj=incident,
            data={"step": order, "name": step.name, "overdue": step.is_overdue(stamp)}, at=stamp)
        if state.current is not None:
            _tell_the_team(incident, f"Step {state.current.order} ({state.current.name}) started: {incident.title}",
                           stamp)
    return incident


def close_incident_now(user, incident: Incident, *, at: datetime | None = None) -> Incident:
    """Close an incident whose steps are all completed; lift the crisis mode it turned on."""
    require_capability(user, "manage_crisis")
    with transaction.atomic():
        incident = _incident_for_update(incident)
        state = _run(close_incident, incident_state(incident), at or now())
        incident.status, incident.closed_at, incident.closed_by = IncidentStatus.CLOSED, state.closed_at, user
        incident.save(update_fields=["status", "closed_at", "closed_by"])
        switch = publishing_switch()
        lifted = bool(switch.paused and switch.crisis and switch.incident_id == incident.pk)
        if lifted:
            do_resume_publishing(user, at=at)
        log("socialrx.crisis.close", actor=user, obj=incident, data={"publishing_resumed": lifted}, at=at)
    return incident


def add_incident_note(user, incident: Incident, text: str, *, at: datetime | None = None) -> IncidentNote:
    """Write a line on the incident's timeline."""
    require_capability(user, "view_dashboards")
    if not held_roles(user) & {"social_media_manager", "community_manager", "legal", "executive",
                               "healthcare_content_specialist"}:  # fmt: skip
        raise PermissionDenied("Only the crisis team writes on an incident's timeline.")
    if not text.strip():
        raise ActionError("note: write something")
    with transaction.atomic():
        note = IncidentNote.objects.create(incident=incident, author=user, text=text.strip(), created_at=at or now())
        log("socialrx.crisis.note", actor=user, obj=incident, data={"text": text.strip()[:300]}, at=at)
    return note


def draft_statement(user, incident: Incident, template: str, channels: tuple[str, ...] = ("x", "linkedin"),
                    *, update_by: str = "", at: datetime | None = None) -> IncidentStatement:
    """Draft a holding statement from a template as a post on the given channels (edited in the composer).

    Anyone who writes posts may draft one (the community manager answering the crisis, a content
    creator, the manager), so that other people can review and approve it.
    """
    require_capability(user, "compose_posts")
    if incident.status != IncidentStatus.OPEN:
        raise ActionError("This incident is closed; open a new one to draft a statement.")
    if template not in HOLDING_TEMPLATES:
        raise ActionError(f"template: {template!r} is not one of {', '.join(HOLDING_TEMPLATES)}")
    label, text = HOLDING_TEMPLATES[template]
    version = active_strategy_version()
    organisation = strategy_of(version).organisation.name if version else "our organisation"
    body = text.format(topic=incident.title, update_by=update_by or "the end of the day", organisation=organisation)
    title = f"{'[Drill] ' if incident.is_drill else ''}Holding statement ({label}): {incident.title}"[:200]
    with transaction.atomic():
        post = create_post(user, PostInput(title=title, variants={c: {"text": body} for c in channels}), at=at)
        statement = IncidentStatement.objects.create(incident=incident, post=post, template=template,
                                                     created_at=at or now())
        log("socialrx.crisis.statement", actor=user, obj=incident, data={"post": post.pk, "template": template}, at=at)
    return statement


def submit_statement(user, statement: IncidentStatement, *, at: datetime | None = None):
    """Send a holding statement through compliance and the expedited crisis review of the strategy.

    Only its drafter sends it: whoever submits a revision may not approve it, so anyone else doing it
    would take a reviewer out of the crisis review.
    """
    require_capability(user, "compose_posts")
    if statement.post.author_id != user.pk:
        raise ActionError(f"Only the statement's drafter ({statement.post.author.get_username()}) sends it to review, "
                          "so that everyone else stays free to review and approve it.")  # fmt: skip
    with transaction.atomic():
        try:
            workflow = do_submit_post(user, statement.post, crisis=True, at=at)
        except ReviewRefused as exc:
            raise ActionError(str(exc)) from None
        log("socialrx.crisis.statement_submit", actor=user, obj=statement.incident,
            data={"post": statement.post_id, "tasks": list(workflow.tasks.values_list("key", flat=True))}, at=at)
    return workflow


def crisis_mode_on(user, reason: str):
    """Turn crisis mode on without an incident (pauses scheduled publishing)."""
    return do_pause_publishing(user, reason, crisis=True)


def crisis_mode_off(user, *, at: datetime | None = None):
    """Lift crisis mode (only people with the crisis permission may)."""
    switch = publishing_switch()
    if not (switch.paused and switch.crisis):
        raise ActionError("Crisis mode is not on.")
    return do_resume_publishing(user, at=at)
