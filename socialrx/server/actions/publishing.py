"""Writes on publishing: pause everything scheduled, and resume."""

from __future__ import annotations

from django.db import transaction
from django.utils.timezone import now

from socialrx.server.actions import ActionError
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.models import PublishingSwitch


def _switch_for_update() -> PublishingSwitch:
    PublishingSwitch.objects.get_or_create(pk=1)
    return PublishingSwitch.objects.select_for_update().get(pk=1)


def do_pause_publishing(user, reason: str, *, crisis: bool = False, incident_id: int | None = None) -> PublishingSwitch:
    """Pause all scheduled publishing until someone authorised resumes it."""
    require_capability(user, "pause_publishing" if not crisis else "manage_crisis")
    if not reason.strip():
        raise ActionError("reason: say why publishing is paused")
    with transaction.atomic():
        switch = _switch_for_update()
        switch.paused, switch.reason, switch.crisis, switch.incident_id = True, reason.strip()[:300], crisis, incident_id
        switch.changed_by, switch.changed_at = user, now()
        switch.save()
        log("socialrx.publish.pause", actor=user, obj=switch, data={"reason": switch.reason, "crisis": crisis,
                                                                    "incident": incident_id})
    return switch


def do_resume_publishing(user) -> PublishingSwitch:
    """Resume scheduled publishing; lifting crisis mode needs the crisis permission."""
    with transaction.atomic():
        switch = _switch_for_update()
        require_capability(user, "manage_crisis" if switch.crisis else "pause_publishing")
        if not switch.paused:
            raise ActionError("Publishing is not paused.")
        switch.paused, switch.crisis, switch.incident_id, switch.reason = False, False, None, ""
        switch.changed_by, switch.changed_at = user, now()
        switch.save()
        log("socialrx.publish.resume", actor=user, obj=switch)
    return switch
