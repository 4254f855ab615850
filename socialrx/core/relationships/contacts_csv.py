"""Contacts as CSV: parse all-or-nothing with errors by row and column, and write the same columns."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from socialrx.core.csv_cells import safe_csv_writer, unescaped_cell

from .plays import normalise_handle

KINDS = ("influencer", "journalist", "partner", "other")
PREFERENCES = ("email", "phone", "linkedin", "x", "none")
HANDLE_NETWORKS = ("x", "linkedin", "doximity")
COLUMNS = ("name", "kind", "tier", "organisation", "role", "email", *HANDLE_NETWORKS, "topics", "consent",
           "contact_preference", "notes")  # fmt: skip
REQUIRED_COLUMNS = ("name",)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_YES, _NO = {"yes", "y", "true", "1"}, {"no", "n", "false", "0", ""}


@dataclass(frozen=True, slots=True)
class ContactRow:
    """One contact as imported or exported."""

    name: str
    kind: str = "influencer"
    tier: int | None = None
    organisation: str = ""
    role: str = ""
    email: str = ""
    handles: tuple[tuple[str, str], ...] = ()
    topics: tuple[str, ...] = ()
    consent: bool = False
    contact_preference: str = "email"
    notes: str = ""


@dataclass(frozen=True, slots=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


class ContactImportError(Exception):
    """The file has errors; nothing was imported. ``errors`` names each row and column."""

    def __init__(self, errors: Sequence[CellError]) -> None:
        self.errors = tuple(errors)
        super().__init__("; ".join(str(e) for e in self.errors[:10]))


def _row(values: dict[str, str], number: int, tiers: Collection[int], errors: list[CellError]) -> ContactRow:
    def fail(column: str, message: str) -> None:
        errors.append(CellError(number, column, message))

    name = values.get("name", "").strip()
    if not name:
        fail("name", "a contact needs a name")
    kind = values.get("kind", "").strip().lower() or "influencer"
    if kind not in KINDS:
        fail("kind", f"{kind!r} is not one of {', '.join(KINDS)}")
    tier_text, tier = values.get("tier", "").strip(), None
    if tier_text:
        if not tier_text.isdigit() or int(tier_text) not in tiers:
            fail("tier", f"{tier_text!r} is not a tier of the strategy ({', '.join(map(str, sorted(tiers))) or 'none'})")
        else:
            tier = int(tier_text)
    email = values.get("email", "").strip()
    if email and not _EMAIL.match(email):
        fail("email", f"{email!r} is not an e-mail address")
    consent_text = values.get("consent", "").strip().lower()
    if consent_text not in _YES | _NO:
        fail("consent", f"{consent_text!r} is not yes or no")
    preference = values.get("contact_preference", "").strip().lower() or "email"
    if preference not in PREFERENCES:
        fail("contact_preference", f"{preference!r} is not one of {', '.join(PREFERENCES)}")
    handles = tuple((n, normalise_handle(values[n])) for n in HANDLE_NETWORKS if values.get(n, "").strip())
    topics = tuple(t.strip() for t in values.get("topics", "").split(";") if t.strip())
    return ContactRow(name=name, kind=kind, tier=tier, organisation=values.get("organisation", "").strip(),
                      role=values.get("role", "").strip(), email=email, handles=handles, topics=topics,
                      consent=consent_text in _YES, contact_preference=preference,
                      notes=values.get("notes", "").strip())  # fmt: skip


def parse_contacts_csv(text: str, tiers: Collection[int]) -> list[ContactRow]:
    """Return the contacts of a CSV file (header row first), or raise ContactImportError naming every bad cell."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in reader.fieldnames or ()]
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise ContactImportError([CellError(1, c, "the header has no such column") for c in missing])
    unknown = [h for h in header if h not in COLUMNS]
    if unknown:
        raise ContactImportError([CellError(1, h, f"unknown column (known: {', '.join(COLUMNS)})") for h in unknown])
    errors: list[CellError] = []
    rows = []
    for number, raw in enumerate(reader, start=2):
        values = {k.strip().lower(): unescaped_cell(v or "") for k, v in raw.items() if k is not None}
        rows.append(_row(values, number, tiers, errors))
    if errors:
        raise ContactImportError(errors)
    return rows


def contacts_csv(rows: Sequence[ContactRow]) -> str:
    """Return contacts as CSV text with the import's columns (a file that imports back unchanged)."""
    buffer = io.StringIO()
    writer = safe_csv_writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in rows:
        handles = dict(row.handles)
        writer.writerow([row.name, row.kind, row.tier or "", row.organisation, row.role, row.email,
                         *(handles.get(n, "") for n in HANDLE_NETWORKS), "; ".join(row.topics),
                         "yes" if row.consent else "no", row.contact_preference, row.notes])  # fmt: skip
    return buffer.getvalue()
