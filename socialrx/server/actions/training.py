"""Writes on training: mark a strategy training topic completed (or not) for a person."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.server.actions import ActionError
from socialrx.server.lib.access import active_strategy_version, has_capability, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import TrainingCompletion


def check_training_topic(area: str, topic: str) -> None:
    """Raise unless the topic is one of the active strategy's training topics."""
    version = active_strategy_version()
    areas = {a.name: a.topics for a in strategy_of(version).training} if version else {}
    if topic not in areas.get(area, ()):
        raise ActionError(f"{area} / {topic} is not a training topic of the strategy")


def set_training_done(user, person, area: str, topic: str, *, done: bool = True,
                      completed_on: date | None = None) -> TrainingCompletion | None:
    """Record (or withdraw) a person's completion of a topic; people record their own, managers anyone's."""
    require_capability(user, "view_dashboards")
    if person.pk != user.pk and not has_capability(user, "manage_team"):
        raise PermissionDenied("Only a manager records training for someone else.")
    check_training_topic(area, topic)
    day = completed_on or localdate()
    if day > localdate():
        raise ActionError("completed_on: a completion date cannot be in the future")
    with transaction.atomic():
        TrainingCompletion.objects.filter(user=person, area=area, topic=topic).delete()
        completion = None
        if done:
            completion = TrainingCompletion.objects.create(user=person, area=area, topic=topic, completed_on=day,
                                                           recorded_by=user, recorded_at=now())  # fmt: skip
        log("socialrx.training.record", actor=user, obj=person,
            data={"area": area, "topic": topic, "done": done, "completed_on": day if done else None})
    return completion
