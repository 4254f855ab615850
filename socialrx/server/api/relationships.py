"""Contacts endpoints: list, export and import as CSV."""

from __future__ import annotations

from django.http import HttpResponse
from ninja import Router, Schema

from socialrx.server.actions.relationships import import_contacts
from socialrx.server.lib.relationships import contact_summaries, export_contacts

router = Router(tags=["relationships"])


class ContactOut(Schema):
    id: int
    name: str
    kind: str
    tier: int | None
    organisation: str
    health: int
    next_play: str | None
    next_play_due: str | None


class ImportIn(Schema):
    csv: str


class ContactsImportOut(Schema):
    imported: int


@router.get("/contacts", response=list[ContactOut])
def list_contacts(request, tier: str = "", kind: str = ""):
    """Return contacts with their health and next play (manage_relationships)."""
    return [ContactOut(id=s.contact.pk, name=s.contact.name, kind=s.contact.kind, tier=s.contact.tier,
                       organisation=s.contact.organisation.name if s.contact.organisation else "",
                       health=s.health.score, next_play=s.next_play.play if s.next_play else None,
                       next_play_due=s.next_play.due.isoformat() if s.next_play else None)
            for s in contact_summaries(request.user, tier=tier, kind=kind)]  # fmt: skip


@router.get("/contacts.csv")
def contacts_csv(request):
    """Return every contact as CSV."""
    return HttpResponse(export_contacts(request.user), content_type="text/csv; charset=utf-8")


@router.post("/contacts/import", response=ContactsImportOut)
def contacts_import(request, payload: ImportIn):
    """Import contacts from CSV text, all or nothing (400 names the row and column)."""
    return ContactsImportOut(imported=import_contacts(request.user, payload.csv))
