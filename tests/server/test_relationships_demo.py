"""The relationships and crisis demo loads once: a second run duplicates nothing."""

from __future__ import annotations

from socialrx.server.demo_crisis import load_crisis_demo
from socialrx.server.demo_relationships import load_relationships_demo
from socialrx.server.models import (
    CommunityGroup,
    Contact,
    Event,
    Incident,
    Interaction,
    MediaMention,
    SpeakingRequest,
)


def test_demo_is_idempotent(make_user, seed_strategy):
    """Contacts in every tier, two owned groups, upcoming events and one closed incident; twice is the same."""
    for username, role in (("manager", "social_media_manager"), ("community", "community_manager"), ("legal", "legal"),
                           ("executive", "executive"), ("specialist", "healthcare_content_specialist")):
        make_user(role, username=username)

    def counts() -> tuple[int, ...]:
        return tuple(m.objects.count() for m in (Contact, Interaction, CommunityGroup, Event, Incident, MediaMention,
                                                 SpeakingRequest))

    load_relationships_demo(), load_crisis_demo()
    first = counts()
    load_relationships_demo(), load_crisis_demo()
    assert counts() == first
    assert set(Contact.objects.values_list("tier", flat=True)) == {1, 2, 3}
    assert CommunityGroup.objects.filter(role="owner").count() == 2
    incident = Incident.objects.get()
    assert incident.status == "closed" and incident.steps.filter(completed_at__isnull=True).count() == 0


def test_demo_incident_is_replayed_at_the_times_it_happened(make_user, seed_strategy):
    """The incident opened on a Saturday afternoon ten or more days ago, its statement went through the crisis
    review and out while everything else was paused, crisis mode was lifted after the public statement, the steps
    finished over the following week, and publishing is running today."""
    from datetime import timedelta
    from zoneinfo import ZoneInfo

    from django.utils.timezone import now

    from socialrx.server.actions.publishing import do_connect_sandbox_account
    from socialrx.server.lib.publishing import publishing_switch
    from socialrx.server.models import AuditEvent, JobStatus, PostStatus, PublishJob

    for username, role in (("manager", "social_media_manager"), ("community", "community_manager"), ("legal", "legal"),
                           ("executive", "executive"), ("specialist", "healthcare_content_specialist")):
        make_user(role, username=username)
    manager = make_user("social_media_manager", username="manager2")
    for network in ("linkedin", "x"):
        do_connect_sandbox_account(manager, network, f"Demo {network}")
    assert load_crisis_demo().startswith("Crisis: closed incident")
    incident = Incident.objects.get()
    opened = incident.opened_at
    assert now() - opened >= timedelta(days=10) and opened.astimezone(ZoneInfo("America/New_York")).weekday() == 5
    steps = list(incident.steps.order_by("order"))
    assert [s.completed_at > opened for s in steps] == [True] * len(steps)
    assert steps[-1].completed_at - opened >= timedelta(days=5)
    assert incident.closed_at > steps[-1].completed_at
    statement = incident.statements.get()
    assert statement.post.status == PostStatus.PUBLISHED
    jobs = list(PublishJob.objects.filter(post=statement.post))
    assert jobs and {job.status for job in jobs} == {JobStatus.SENT}
    assert all(opened < job.sent_at < opened + timedelta(hours=2) for job in jobs)
    lifted = AuditEvent.objects.get(action="socialrx.publish.resume")
    assert steps[2].completed_at < lifted.occurred_at < steps[3].completed_at
    assert not publishing_switch().paused
    from socialrx.server.lib.relationships import incident_timeline

    lines = [entry.text for entry in incident_timeline(incident)]
    assert lines[0].startswith("Opened the incident; crisis mode on, publishing paused (high severity; raised by")
    assert "Signed off step 2 (Internal Coordination) as Legal" in lines
    assert "Released a holding statement (publishing stayed paused for everything else)" in lines
    assert {"Holding statement went out on LinkedIn", "Holding statement went out on X"} <= set(lines)
    assert not [line for line in lines if "_" in line or "{" in line], "timeline lines read as words"
