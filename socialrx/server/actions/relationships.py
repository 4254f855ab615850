"""Writes on relationships: contacts and CSV import, interactions and automatic linking, collaborations,
groups and routines, events, speaking requests and media mentions."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db import IntegrityError, transaction
from django.utils.timezone import now

from socialrx.core.relationships import ContactImportError, ContactRow, normalise_handle, parse_contacts_csv
from socialrx.server.actions import ActionError, optional_http_url
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.relationships import strategy_tier_levels
from socialrx.server.models import (
    Collaboration,
    CollaborationKind,
    CollaborationStage,
    CommunityGroup,
    Contact,
    ContactHandle,
    Direction,
    Event,
    EventKind,
    GroupMemberCount,
    GroupRole,
    InboxItem,
    Interaction,
    InteractionKind,
    MediaMention,
    Organisation,
    RoutineMark,
    SpeakingRequest,
    StoredMention,
)

CAPABILITY = "manage_relationships"


# Contacts


def _organisation(name: str) -> Organisation | None:
    if not name.strip():
        return None
    return Organisation.objects.get_or_create(name=name.strip(), defaults={"created_at": now()})[0]


def check_contact(row: ContactRow, contact: Contact | None = None) -> None:
    """Validate a contact: a name, a tier of the strategy, handles nobody else has."""
    if not row.name.strip():
        raise ActionError("name: a contact needs a name")
    levels = strategy_tier_levels()
    if row.tier is not None and row.tier not in levels:
        raise ActionError(f"tier: {row.tier} is not a tier of the strategy ({', '.join(map(str, levels)) or 'none'})")
    for network, handle in row.handles:
        taken = ContactHandle.objects.filter(network=network, handle=normalise_handle(handle))
        if contact is not None:
            taken = taken.exclude(contact=contact)
        if taken.exists():
            raise ActionError(f"{network} handle {handle!r} already belongs to {taken.first().contact}")


def _write_contact(row: ContactRow, contact: Contact | None) -> Contact:
    stamp = now()
    fields = {"name": row.name.strip(), "kind": row.kind, "tier": row.tier, "organisation": _organisation(row.organisation),
              "role": row.role, "email": row.email, "topics": list(row.topics), "consent": row.consent,
              "contact_preference": row.contact_preference, "notes": row.notes, "updated_at": stamp}  # fmt: skip
    if contact is None:
        contact = Contact.objects.create(created_at=stamp, **fields)
    else:
        Contact.objects.filter(pk=contact.pk).update(**fields)
        contact.refresh_from_db()
    contact.handles.all().delete()
    ContactHandle.objects.bulk_create(
        [ContactHandle(contact=contact, network=n, handle=normalise_handle(h)) for n, h in row.handles if h.strip()]
    )
    return contact


def save_contact(user, row: ContactRow, contact: Contact | None = None) -> Contact:
    """Create or update a contact with its handles; link their past mentions and inbox items."""
    require_capability(user, CAPABILITY)
    check_contact(row, contact)
    with transaction.atomic():
        created = contact is None
        contact = _write_contact(row, contact)
        log("socialrx.contact.save", actor=user, obj=contact, data={"created": created, "tier": contact.tier})
        link_contact_history(contact)
    return contact


def _existing_contact(row: ContactRow) -> Contact | None:
    return Contact.objects.filter(name=row.name.strip(), organisation__name=row.organisation.strip() or None).first() \
        if row.organisation.strip() else Contact.objects.filter(name=row.name.strip(), organisation=None).first()


def import_contacts(user, text: str) -> int:
    """Import contacts from CSV all-or-nothing (matched by name and organisation); return how many were written."""
    require_capability(user, CAPABILITY)
    try:
        rows = parse_contacts_csv(text, strategy_tier_levels())
    except ContactImportError as exc:
        raise ActionError(f"Nothing was imported: {exc}") from None
    with transaction.atomic():
        for number, row in enumerate(rows, start=2):
            existing = _existing_contact(row)
            try:
                check_contact(row, existing)
            except ActionError as exc:
                raise ActionError(f"Nothing was imported: row {number}, column {exc}") from None
            link_contact_history(_write_contact(row, existing))
        log("socialrx.contact.import", actor=user, data={"rows": len(rows)})
    return len(rows)


# Interactions


@dataclass(frozen=True)
class InteractionInput:
    kind: str
    summary: str
    happened_at: datetime
    direction: str = Direction.OUTBOUND
    url: str = ""
    play: str = ""


def log_interaction(user, contact: Contact, data: InteractionInput) -> Interaction:
    """Log an interaction with a contact by hand."""
    require_capability(user, CAPABILITY)
    if data.kind not in InteractionKind.values:
        raise ActionError(f"kind: {data.kind!r} is not one of {', '.join(InteractionKind.values)}")
    if data.direction not in Direction.values:
        raise ActionError(f"direction: {data.direction!r} is not one of {', '.join(Direction.values)}")
    if not data.summary.strip():
        raise ActionError("summary: say what happened")
    if data.happened_at > now():
        raise ActionError("happened_at: an interaction cannot be in the future")
    url = optional_http_url(data.url)
    with transaction.atomic():
        interaction = Interaction.objects.create(
            contact=contact, kind=data.kind, direction=data.direction, happened_at=data.happened_at,
            summary=data.summary.strip()[:500], url=url, play=data.play.strip(), logged_by=user,
            created_at=now(),
        )  # fmt: skip
        log("socialrx.contact.interaction", actor=user, obj=contact, data={"kind": data.kind, "play": data.play})
    return interaction


def _handle_owners(authors: Iterable[str]) -> dict[str, Contact]:
    handles = {normalise_handle(a) for a in authors if a and a.strip()}
    found = ContactHandle.objects.filter(handle__in=handles).select_related("contact")
    return {h.handle: h.contact for h in found}


def link_mentions(mentions: Iterable[StoredMention]) -> int:
    """Record each mention whose author is a contact's handle as an inbound interaction; return how many."""
    mentions = list(mentions)
    owners = _handle_owners(m.author for m in mentions)
    made = 0
    for mention in mentions:
        contact = owners.get(normalise_handle(mention.author or ""))
        if contact is None:
            continue
        _, created = Interaction.objects.get_or_create(contact=contact, mention=mention, defaults={
            "kind": InteractionKind.MENTION, "direction": Direction.INBOUND, "happened_at": mention.published_at,
            "summary": (mention.title or mention.text)[:500], "url": mention.url, "created_at": now()})  # fmt: skip
        made += created
    return made


def link_inbox_items(items: Iterable[InboxItem]) -> int:
    """Record each inbox item whose author is a contact's handle as an inbound interaction; return how many."""
    items = list(items)
    owners = _handle_owners(i.author for i in items)
    made = 0
    for item in items:
        contact = owners.get(normalise_handle(item.author or ""))
        if contact is None or (item.mention_id and Interaction.objects.filter(contact=contact, mention_id=item.mention_id).exists()):
            continue
        _, created = Interaction.objects.get_or_create(contact=contact, inbox_item=item, defaults={
            "kind": InteractionKind.COMMENT if item.kind == "comment" else InteractionKind.MESSAGE
            if item.kind == "message" else InteractionKind.MENTION, "direction": Direction.INBOUND,
            "happened_at": item.received_at, "summary": item.text[:500], "url": item.url, "created_at": now()})  # fmt: skip
        made += created
    return made


def link_new_mentions(mention_ids: Iterable[int]) -> int:
    """Link just-stored mentions and their inbox items to contacts (called when mentions are stored)."""
    ids = list(mention_ids)
    made = link_mentions(StoredMention.objects.filter(pk__in=ids))
    made += link_inbox_items(InboxItem.objects.filter(mention_id__in=ids))
    if made:
        log("socialrx.contact.link", data={"interactions": made, "mentions": len(ids)})
    return made


def link_contact_history(contact: Contact) -> int:
    """Link a contact's past mentions and inbox items by their handles."""
    handles = list(contact.handles.values_list("handle", flat=True))
    if not handles:
        return 0
    mentions = [m for m in StoredMention.objects.filter(author__iregex=_author_regex(handles))]
    items = [i for i in InboxItem.objects.filter(author__iregex=_author_regex(handles))]
    return link_mentions(mentions) + link_inbox_items(items)


def _author_regex(handles: list[str]) -> str:
    return r"^@?(" + "|".join(re.escape(h) for h in handles) + r")$"


def backfill_interactions(user=None) -> int:
    """Link every stored mention and inbox item whose author is a known handle; return how many were new."""
    if user is not None:
        require_capability(user, CAPABILITY)
    with transaction.atomic():
        made = sum(link_contact_history(c) for c in Contact.objects.filter(handles__isnull=False).distinct())
        log("socialrx.contact.link", actor=user, data={"interactions": made, "backfill": True})
    return made


# Collaborations


def save_collaboration(user, contact: Contact, *, kind: str, title: str, stage: str = CollaborationStage.IDEA,
                       due_on: date | None = None, collaboration: Collaboration | None = None) -> Collaboration:
    """Add a collaboration to the pipeline or move it to another stage."""
    require_capability(user, CAPABILITY)
    if kind not in CollaborationKind.values:
        raise ActionError(f"kind: {kind!r} is not one of {', '.join(CollaborationKind.values)}")
    if stage not in CollaborationStage.values:
        raise ActionError(f"stage: {stage!r} is not one of {', '.join(CollaborationStage.values)}")
    if not title.strip():
        raise ActionError("title: name the collaboration")
    stamp = now()
    with transaction.atomic():
        if collaboration is None:
            collaboration = Collaboration(contact=contact, created_at=stamp)
        collaboration.kind, collaboration.title, collaboration.stage = kind, title.strip()[:200], stage
        collaboration.due_on, collaboration.updated_at = due_on, stamp
        collaboration.save()
        log("socialrx.contact.collaboration", actor=user, obj=contact, data={"kind": kind, "stage": stage,
                                                                             "title": collaboration.title})
    return collaboration


# Groups and routines


def save_group(user, *, name: str, role: str, network: str = "linkedin", url: str = "") -> CommunityGroup:
    """Add or update a group we own, moderate or contribute to."""
    require_capability(user, CAPABILITY)
    if not name.strip():
        raise ActionError("name: name the group")
    if role not in GroupRole.values:
        raise ActionError(f"role: {role!r} is not one of {', '.join(GroupRole.values)}")
    url = optional_http_url(url)
    with transaction.atomic():
        group, created = CommunityGroup.objects.update_or_create(
            name=name.strip(), defaults={"role": role, "network": network, "url": url}, create_defaults={
                "role": role, "network": network, "url": url, "created_at": now()})  # fmt: skip
        log("socialrx.group.save", actor=user, obj=group, data={"role": role, "created": created})
    return group


def record_member_count(user, group: CommunityGroup, day: date, members: int) -> GroupMemberCount:
    """Record a group's member count on a day (a second count on the same day replaces the first)."""
    require_capability(user, CAPABILITY)
    if members < 0:
        raise ActionError("members: a count cannot be negative")
    with transaction.atomic():
        count, _ = GroupMemberCount.objects.update_or_create(group=group, day=day, defaults={"members": members})
        log("socialrx.group.members", actor=user, obj=group, data={"day": day, "members": members})
    return count


def mark_routine_done(user, slot_id: str, note: str = "") -> RoutineMark:
    """Mark a routine occurrence (a planned routine slot) done by hand."""
    from socialrx.server.lib.relationships import routine_slot

    require_capability(user, CAPABILITY)
    if routine_slot(slot_id) is None:
        raise ActionError(f"slot: {slot_id!r} is not a routine slot of the plan")
    with transaction.atomic():
        mark, _ = RoutineMark.objects.get_or_create(slot_id=slot_id, defaults={
            "marked_by": user, "marked_at": now(), "note": note[:300]})  # fmt: skip
        log("socialrx.group.routine_done", actor=user, data={"slot": slot_id, "note": note[:300]})
    return mark


# Events and brand counters


@dataclass(frozen=True)
class EventInput:
    name: str
    start: date
    end: date
    kind: str = EventKind.CONFERENCE
    location: str = ""
    hashtags: tuple[str, ...] = ()
    platforms: tuple[str, ...] = ()
    ad_campaign: str = ""
    speakers: tuple[str, ...] = ()


def save_event(user, data: EventInput) -> Event:
    """Add or update an event (matched by name and start date); it is planned on the calendar."""
    require_capability(user, CAPABILITY)
    if not data.name.strip():
        raise ActionError("name: name the event")
    if data.end < data.start:
        raise ActionError(f"end: the event ends ({data.end}) before it starts ({data.start})")
    if data.kind not in EventKind.values:
        raise ActionError(f"kind: {data.kind!r} is not one of {', '.join(EventKind.values)}")
    values = {"kind": data.kind, "end": data.end, "location": data.location,
              "hashtags": [t if t.startswith("#") else f"#{t}" for t in data.hashtags if t.strip()],
              "platforms": list(data.platforms), "ad_campaign": data.ad_campaign, "speakers": list(data.speakers)}  # fmt: skip
    with transaction.atomic():
        event, created = Event.objects.update_or_create(name=data.name.strip(), start=data.start, defaults=values,
                                                        create_defaults={**values, "created_at": now()})
        log("socialrx.event.save", actor=user, obj=event, data={"created": created, "start": data.start})
    return event


def log_speaking_request(user, *, requester: str, received_on: date, event_name: str = "",
                         contact: Contact | None = None) -> SpeakingRequest:
    """Log a speaking-opportunity request (counted against the strategy's target)."""
    require_capability(user, CAPABILITY)
    if not requester.strip():
        raise ActionError("requester: who asked?")
    with transaction.atomic():
        request = SpeakingRequest.objects.create(requester=requester.strip(), received_on=received_on,
                                                 event_name=event_name.strip(), contact=contact, logged_by=user,
                                                 created_at=now())  # fmt: skip
        log("socialrx.event.speaking_request", actor=user, obj=request, data={"received_on": received_on})
    return request


def log_media_mention(user, *, outlet: str, title: str, published_on: date, url: str = "",
                      contact: Contact | None = None) -> MediaMention:
    """Log a piece of press coverage (counted against the strategy's media mention growth target)."""
    require_capability(user, CAPABILITY)
    if not outlet.strip() or not title.strip():
        raise ActionError("outlet and title: name the publication and the piece")
    url = optional_http_url(url)
    try:
        with transaction.atomic():
            mention = MediaMention.objects.create(outlet=outlet.strip(), title=title.strip()[:300], url=url,
                                                  published_on=published_on, contact=contact, logged_by=user,
                                                  created_at=now())  # fmt: skip
            log("socialrx.event.media_mention", actor=user, obj=mention, data={"published_on": published_on})
    except IntegrityError:
        raise ActionError(f"{outlet}: {title!r} of {published_on} is already logged") from None
    return mention
