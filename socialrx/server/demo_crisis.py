"""Demo crisis: one closed incident replayed through the real actions at the times it happened.

It opened on a Saturday afternoon about two weeks ago (crisis mode on), the community manager drafted a holding
statement that went through the expedited crisis review and was released while everything else stayed paused,
crisis mode was lifted after the public statement step, and the follow-up steps ran over the next week.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.utils.timezone import now

from socialrx.server.actions.crisis import (
    add_incident_note,
    close_incident_now,
    complete_incident_step,
    crisis_mode_off,
    draft_statement,
    open_incident,
    sign_off_step,
    submit_statement,
)
from socialrx.server.actions.publishing import do_publish_now
from socialrx.server.actions.reviews import decide
from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import Incident
from socialrx.server.worker.publishing import publish_due_jobs

TITLE = "Viral claim that TriageAssist misread a scan"
# Who decides each task of the expedited crisis review.
DECIDERS = {"review_clinical": "specialist", "review_regulatory": "legal", "approve_final": "manager",
            "sign_off_legal": "legal", "sign_off_executive": "executive"}  # fmt: skip
# When each protocol step is completed (signed off ten minutes before), after the incident opened: the seed's
# five steps; a strategy with more steps has the rest done a day apart. Crisis mode is lifted once the public
# statement step is done.
STEP_DONE_AFTER = (timedelta(minutes=50), timedelta(hours=3), timedelta(hours=5, minutes=10), timedelta(days=2),
                   timedelta(days=6))  # fmt: skip
LIFT_CRISIS_AFTER = timedelta(hours=5, minutes=30)


def opened_at(today: date, zone: ZoneInfo) -> datetime:
    """Return the incident's start: 14:10 on the Saturday at least ten full days before now (eleven calendar days back,
    so that early in the morning the afternoon start is still more than ten days ago)."""
    day = today - timedelta(days=11)
    day -= timedelta(days=(day.weekday() - 5) % 7)
    return datetime.combine(day, time(14, 10), tzinfo=zone)


def load_crisis_demo() -> str:
    """Replay one incident through every protocol step and close it (once); return a one-line summary."""
    people = {u.username: u for u in get_user_model().objects.filter(
        username__in=["manager", "community", "legal", "executive", "specialist"])}  # fmt: skip
    version = active_strategy_version()
    if len(people) < 5 or version is None:
        return "Crisis: skipped (demo people or strategy missing)"
    if Incident.objects.filter(title=TITLE).exists():
        return "Crisis: demo incident already recorded"
    zone = ZoneInfo(strategy_of(version).organisation.timezone)
    start = opened_at(now().astimezone(zone).date(), zone)
    by_role = {"social_media_manager": people["manager"], "community_manager": people["community"],
               "legal": people["legal"], "executive": people["executive"],
               "healthcare_content_specialist": people["specialist"]}  # fmt: skip
    incident = open_incident(people["manager"], title=TITLE, severity="high", reported_by="Jordan Kim (community)",
                             summary="A post claiming our triage tool misread a chest scan is spreading on X.", at=start)
    add_incident_note(people["manager"], incident, "Clinical team is checking whether the image was processed by "
                      "TriageAssist.", at=start + timedelta(minutes=15))
    statement = draft_statement(people["community"], incident, "acknowledge", update_by="5 pm",
                                at=start + timedelta(minutes=25))
    workflow = submit_statement(people["community"], statement, at=start + timedelta(minutes=30))

    def approve_active_task(at: datetime) -> None:
        task = workflow.tasks.filter(status="active").first()
        if task is not None:
            decide(people[DECIDERS[task.capability]], task.pk, "approve", at=at)

    def release(at: datetime) -> None:
        statement.post.refresh_from_db()
        do_publish_now(people["manager"], statement.post, at=at)
        publish_due_jobs(at=at + timedelta(minutes=1))

    reviews = workflow.tasks.count()
    events = [(start + timedelta(minutes=30 + 12 * (n + 1)), approve_active_task) for n in range(reviews)]
    events.append((start + timedelta(minutes=35 + 12 * reviews), release))
    events.append((start + timedelta(hours=2, minutes=40), lambda at: add_incident_note(
        people["manager"], incident, "Confirmed: the image in the post was never processed by TriageAssist.", at=at)))
    for index, step in enumerate(incident.steps.order_by("order")):
        done = start + (STEP_DONE_AFTER[index] if index < len(STEP_DONE_AFTER) else timedelta(days=index))
        for role in step.sign_off_roles:
            events.append((done - timedelta(minutes=10), lambda at, s=step, r=role: sign_off_step(
                by_role[r], incident, s.order, r, at=at)))
        events.append((done, lambda at, s=step: complete_incident_step(by_role[s.owner_roles[-1]], incident, s.order,
                                                                       at=at)))
    events.append((start + LIFT_CRISIS_AFTER, lambda at: crisis_mode_off(people["manager"], at=at)))
    for at, event in sorted(events, key=lambda item: item[0]):
        event(at)
    last = start + max(STEP_DONE_AFTER[-1], timedelta(days=incident.steps.count()))
    close_incident_now(people["manager"], incident, at=last + timedelta(hours=1))
    return f"Crisis: closed incident #{incident.pk}, replayed from {start:%a %b %-d %H:%M} over a week"
