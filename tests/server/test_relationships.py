"""Relationships through the server: linking from mentions, routines in the plan, counters, pages, CSV, PDF."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.utils.timezone import localdate, now
from pypdf import PdfReader

from socialrx.core.relationships import ContactRow
from socialrx.server.actions import ActionError
from socialrx.server.actions.crisis import open_incident
from socialrx.server.actions.listening import add_manual_mention, ensure_default_queries
from socialrx.server.actions.relationships import (
    import_contacts,
    log_media_mention,
    log_speaking_request,
    mark_routine_done,
    save_contact,
    save_group,
)
from socialrx.server.lib.relationships import (
    active_strategy,
    brand_counters,
    render_incident_report,
    routine_status,
)
from socialrx.server.models import Contact, Interaction


@pytest.fixture
def community(make_user, seed_strategy):
    user = make_user("community_manager", username="community")
    ensure_default_queries(user)
    return user


def test_mentions_are_linked_to_contacts_by_handle_when_stored(community):
    """A mention by @DrAnaRuiz becomes an inbound interaction of the contact with that X handle."""
    contact = save_contact(community, ContactRow(name="Dr Ana Ruiz", tier=2, handles=(("x", "@DrAnaRuiz"),)))
    add_manual_mention(community, text="Healthcare AI sepsis alerts helped our ICU", author="@draNaruiz")
    add_manual_mention(community, text="Healthcare AI news from someone else", author="@stranger")
    linked = Interaction.objects.get(contact=contact)
    assert linked.mention is not None and linked.direction == "inbound" and linked.kind == "mention"


def test_adding_a_contact_links_their_earlier_mentions(community):
    """Mentions stored before the contact existed are linked when the contact is saved."""
    add_manual_mention(community, text="Healthcare AI in radiology", author="@jlee_reports")
    contact = save_contact(community, ContactRow(name="J. Lee", kind="journalist", tier=3, handles=(("x", "jlee_reports"),)))
    assert contact.interactions.count() == 1


def test_second_owned_group_gets_routines_and_marks_count(community):
    """A stored owned group gets the weekly routine in the plan; marking it done tracks it."""
    save_group(community, name="Healthcare AI Professionals", role="owner")
    save_group(community, name="AI in Radiology Circle", role="owner")
    today = localdate()
    occurrences = routine_status(active_strategy(), today - timedelta(days=21), today, today)
    groups = {o.group for o in occurrences}
    assert groups == {"Healthcare AI Professionals", "AI in Radiology Circle"}
    missed = next(o for o in occurrences if o.status == "missed")
    mark_routine_done(community, missed.slot_id)
    after = {o.slot_id: o.status for o in routine_status(active_strategy(), today - timedelta(days=21), today, today)}
    assert after[missed.slot_id] == "done"
    with pytest.raises(ActionError):
        mark_routine_done(community, "linkedin/nothing/2020-01-01/0")


def test_counters_against_the_strategy_targets(community):
    """Speaking requests count this quarter against 12; media mentions compare with the year before."""
    today = localdate()
    for i in range(3):
        log_speaking_request(community, requester=f"HIMSS chapter {i}", received_on=today)
    log_media_mention(community, outlet="Healthcare IT News", title="Old piece", published_on=today - timedelta(days=400))
    for i in range(3):
        log_media_mention(community, outlet="Modern Healthcare", title=f"Piece {i}", published_on=today - timedelta(days=i))
    counters = {c.key: c for c in brand_counters(active_strategy(), today)}
    assert counters["speaking_requests"].value == 3 and counters["speaking_requests"].met is False
    assert counters["media_mentions"].value == 200.0 and counters["media_mentions"].met is True


def test_csv_import_is_all_or_nothing(community):
    """One bad row imports nothing and names the row and column; a good file imports every row."""
    with pytest.raises(ActionError, match="row 3, column tier"):
        import_contacts(community, "name,tier\nA,1\nB,9\n")
    assert not Contact.objects.exists()
    assert import_contacts(community, "name,tier,x\nA,1,@a_x\nB,3,\n") == 2


def test_pages_render_for_the_community_manager_and_are_refused_to_a_viewer(community, client, viewer_client):
    """Relationships pages need manage_relationships; crisis pages are readable, writes refused to a viewer."""
    contact = save_contact(community, ContactRow(name="Dr Ana Ruiz", tier=2))
    client.force_login(community)
    for url in ("/relationships/", f"/relationships/contacts/{contact.pk}/", "/relationships/contacts.csv", "/crisis/",
                "/training/"):
        assert client.get(url).status_code == 200, url
    for url in ("/relationships/", f"/relationships/contacts/{contact.pk}/", "/relationships/contacts.csv"):
        assert viewer_client.get(url).status_code == 403, url
    response = viewer_client.post("/crisis/open/", {"title": "x", "summary": "y", "reported_by": "me"})
    assert response.status_code == 403
    response = viewer_client.post("/relationships/counters/", {"what": "speaking", "requester": "x"})
    assert response.status_code == 403


def test_incident_report_pdf_has_the_timeline(manager, seed_strategy, client):
    """The post-incident report is a PDF whose pages hold the protocol and the timeline."""
    incident = open_incident(manager, title="Misread scan claim", summary="Viral post.", reported_by="Dr Kim", drill=True)
    pdf, pages = render_incident_report(incident)
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == pages >= 2
    assert "Post-incident report" in text and "Immediate Response" in text and "Opened a practice drill" in text
    client.force_login(manager)
    response = client.get(f"/crisis/{incident.pk}/report.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert client.get(f"/crisis/{incident.pk}/").status_code == 200
    assert now() >= incident.opened_at
