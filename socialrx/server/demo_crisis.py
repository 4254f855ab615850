"""Demo crisis: one closed incident with its full protocol, a statement and a timeline."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from socialrx.server.actions.crisis import (
    add_incident_note,
    close_incident_now,
    complete_incident_step,
    draft_statement,
    open_incident,
    sign_off_step,
)
from socialrx.server.models import Incident

TITLE = "Viral claim that TriageAssist misread a scan"


def load_crisis_demo() -> str:
    """Run one incident through every protocol step and close it (once); return a one-line summary."""
    people = {u.username: u for u in get_user_model().objects.filter(
        username__in=["manager", "community", "legal", "executive", "specialist"])}  # fmt: skip
    if len(people) < 5:
        return "Crisis: skipped (demo people missing)"
    if Incident.objects.filter(title=TITLE).exists():
        return "Crisis: demo incident already recorded"
    by_role = {"social_media_manager": people["manager"], "community_manager": people["community"],
               "legal": people["legal"], "executive": people["executive"],
               "healthcare_content_specialist": people["specialist"]}  # fmt: skip
    incident = open_incident(people["manager"], title=TITLE, severity="high", reported_by="Jordan Kim (community)",
                             summary="A post claiming our triage tool misread a chest scan is spreading on X.")
    add_incident_note(people["manager"], incident, "Clinical team confirmed the image was not processed by TriageAssist.")
    draft_statement(people["community"], incident, "acknowledge", update_by="5 pm")
    for step in incident.steps.all():
        for role in step.sign_off_roles:
            sign_off_step(by_role[role], incident, step.order, role)
        complete_incident_step(by_role[step.owner_roles[0]], incident, step.order)
    close_incident_now(people["manager"], incident)
    return f"Crisis: closed incident #{incident.pk} with its full timeline"
