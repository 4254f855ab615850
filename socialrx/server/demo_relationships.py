"""Demo relationships: contacts in each tier with interaction histories, a second owned group, events, counters."""

from __future__ import annotations

from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.utils.timezone import localdate, now

from socialrx.core.relationships import ContactRow
from socialrx.server.actions.relationships import (
    EventInput,
    InteractionInput,
    log_interaction,
    log_media_mention,
    log_speaking_request,
    save_contact,
    save_event,
    save_group,
)
from socialrx.server.models import CommunityGroup, Contact, Event, MediaMention, SpeakingRequest

CONTACTS = (
    ContactRow("Dr. Elena Marsh", "influencer", 1, "Northbridge Health", "Chief Medical Officer", "emarsh@northbridge.example",
               (("x", "drelenamarsh"), ("linkedin", "elena-marsh")), ("clinical AI governance",), True, "email"),
    ContactRow("Raj Patel", "influencer", 1, "CareLoop", "Founder and CEO", "", (("linkedin", "rajpatel-careloop"),),
               ("healthtech startups",), True, "linkedin"),
    ContactRow("Dr. Ana Ruiz", "influencer", 2, "Mercy Medical Center", "CMIO", "aruiz@mercy.example",
               (("x", "draNaruiz"),), ("sepsis AI", "informatics"), True, "x"),
    ContactRow("Dr. Wei Zhang", "influencer", 2, "State University", "Professor of Medical AI", "", (("x", "weizhang_ai"),),
               ("radiology AI research",), True, "email"),
    ContactRow("Jordan Lee", "journalist", 3, "Healthcare IT News", "Senior reporter", "jlee@hitn.example",
               (("x", "jlee_reports"),), ("hospital IT",), True, "email"),
    ContactRow("Priya Nair", "journalist", 3, "Modern Healthcare", "Technology editor", "", (("x", "priyanair_mh"),),
               ("AI policy",), False, "email"),
)  # fmt: skip
RSNA_LOCATION = "McCormick Place, Chicago"


def rsna_dates(year: int) -> tuple[date, date]:
    """Return the first and last day of that year's RSNA annual meeting.

    RSNA meets from the Sunday after US Thanksgiving (the fourth Thursday of November) to the Thursday after
    (2024: 1-5 December, 2025: 30 November-4 December, 2026: 29 November-3 December).
    """
    first_thursday = 1 + (3 - date(year, 11, 1).weekday()) % 7
    start = date(year, 11, first_thursday) + timedelta(days=21 + 3)
    return start, start + timedelta(days=4)


def demo_conferences(today: date) -> list[EventInput]:
    """Return the demo's conferences on their real dates: the last RSNA meeting to start and the next one."""
    last_year = today.year if rsna_dates(today.year)[0] <= today else today.year - 1
    events = []
    for year in (last_year, last_year + 1):
        start, end = rsna_dates(year)
        events.append(EventInput(name=f"RSNA {year} Annual Meeting", start=start, end=end, location=RSNA_LOCATION,
                                 hashtags=(f"#RSNA{year % 100}",), platforms=("x", "linkedin"),
                                 speakers=("Dr. Sam Patel",)))  # fmt: skip
    return events


HISTORY = (("meeting", "mutual", 40, "Quarterly catch-up"), ("message", "inbound", 12, "Asked for our sepsis data"),
           ("interview", "outbound", 5, "Invited to the expert interview series"))  # fmt: skip


def load_relationships_demo() -> str:
    """Load the demo contacts, groups, events and counters once; return a one-line summary."""
    manager = get_user_model().objects.filter(username="manager").first()
    if manager is None:
        return "Relationships: skipped (no demo manager)"
    made = 0
    for row in CONTACTS:
        if Contact.objects.filter(name=row.name).exists():
            continue
        contact = save_contact(manager, row)
        for i, (kind, direction, days, summary) in enumerate(HISTORY[: 1 + len(row.name) % 3]):
            log_interaction(manager, contact, InteractionInput(kind=kind, summary=summary, direction=direction,
                                                               happened_at=now() - timedelta(days=days + i)))
        made += 1
    for name, role in (("Healthcare AI Professionals", "owner"), ("AI in Radiology Circle", "owner"),
                       ("Hospital CIO Network", "contributor")):  # fmt: skip
        if not CommunityGroup.objects.filter(name=name).exists():
            save_group(manager, name=name, role=role)
    today = localdate()
    for event in demo_conferences(today):
        if not Event.objects.filter(name=event.name, start=event.start).exists():
            save_event(manager, event)
    if not SpeakingRequest.objects.exists():
        for i in range(5):
            log_speaking_request(manager, requester=f"Regional health summit {i + 1}", received_on=today - timedelta(days=7 * i))
    if not MediaMention.objects.exists():
        for i in range(6):
            log_media_mention(manager, outlet="Healthcare IT News", title=f"Clinical AI roundup {i + 1}",
                              published_on=today - timedelta(days=40 * i + 1))
    return f"Relationships: {made} contacts added, {CommunityGroup.objects.count()} groups, events and counters in place"
