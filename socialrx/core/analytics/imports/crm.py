"""CRM export: one row per marketing touch of a lead, with the lead's opportunity and revenue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from socialrx.core.analytics.imports.tabular import (
    Column,
    ExportFormatError,
    Problem,
    SourceRow,
    read_rows,
)

CRM_COLUMNS = (
    Column("lead_id", ("Lead ID", "Lead", "Contact ID"), "text"),
    Column("lead_created_at", ("Lead created", "Lead created date", "Create date"), "datetime"),
    Column("opportunity_id", ("Opportunity ID", "Deal ID"), "text", required=False),
    Column("opportunity_created_at", ("Opportunity created", "Deal created"), "datetime", required=False),
    Column("won_at", ("Closed won date", "Won date", "Close date"), "datetime", required=False),
    Column("revenue", ("Revenue", "Amount", "Deal amount"), "float", required=False),
    Column("touch_at", ("Touch time", "Touchpoint time", "Touch date"), "datetime", required=False),
    Column("utm_source", ("UTM source", "utm_source"), "text", required=False),
    Column("utm_medium", ("UTM medium", "utm_medium"), "text", required=False),
    Column("utm_campaign", ("UTM campaign", "utm_campaign"), "text", required=False),
    Column("utm_content", ("UTM content", "utm_content"), "text", required=False),
)

_LEAD_FIELDS = ("lead_created_at", "opportunity_id", "opportunity_created_at", "won_at", "revenue")


@dataclass(frozen=True)
class Touchpoint:
    """One marketing touch: when it happened and the UTM values it carried (lower-cased).

    `content` is `utm_content`, which our links set to the post's id (the join key back to the post).
    """

    at: datetime
    source: str
    medium: str
    campaign: str
    content: str = ""


@dataclass(frozen=True)
class CrmLead:
    """A lead, its opportunity and won revenue if any, and its touches in time order."""

    lead_id: str
    created_at: datetime
    opportunity_id: str
    opportunity_created_at: datetime | None
    won_at: datetime | None
    revenue: float
    touches: tuple[Touchpoint, ...]

    @property
    def has_opportunity(self) -> bool:
        return bool(self.opportunity_id) or self.opportunity_created_at is not None

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("crm_lead", self.lead_id)


def parse_crm_export(text: str, *, file_name: str) -> tuple[CrmLead, ...]:
    """Parse a CRM touch export into leads; a lead's own fields must agree on all its rows."""
    _, rows = read_rows(text, CRM_COLUMNS, file_name=file_name)
    by_lead: dict[str, list[SourceRow]] = {}
    for row in rows:
        by_lead.setdefault(row.values["lead_id"], []).append(row)
    problems: list[Problem] = []
    leads = tuple(_lead(file_name, lead_rows, problems) for lead_rows in by_lead.values())
    if problems:
        raise ExportFormatError(problems)
    return leads


def _lead(file_name: str, rows: Sequence[SourceRow], problems: list[Problem]) -> CrmLead:
    first = rows[0].values
    for row in rows[1:]:
        for field in _LEAD_FIELDS:
            if row.values[field] != first[field]:
                column = next(c.aliases[0] for c in CRM_COLUMNS if c.field == field)
                problems.append(Problem(file_name, row.row, column,
                                        f"differs from row {rows[0].row} for lead {first['lead_id']}"))
    touches = []
    for row in rows:
        values = row.values
        if values["touch_at"] is None:
            if values["utm_source"] or values["utm_medium"]:
                problems.append(Problem(file_name, row.row, "Touch time", "is empty but the row has UTM values"))
            continue
        touches.append(Touchpoint(values["touch_at"], values["utm_source"].lower(), values["utm_medium"].lower(),
                                  values["utm_campaign"].lower(), values["utm_content"].lower()))
    return CrmLead(first["lead_id"], first["lead_created_at"], first["opportunity_id"],
                   first["opportunity_created_at"], first["won_at"], float(first["revenue"]),
                   tuple(sorted(touches, key=lambda touch: touch.at)))
