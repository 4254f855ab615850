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
