"""The plan as JSON and as a CSV table, for people, spreadsheets and storage."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from dataclasses import asdict, fields
from datetime import datetime
from zoneinfo import ZoneInfo

from socialrx.core.csv_cells import safe_csv_writer

from .model import Slot

SLOT_FIELDS = tuple(f.name for f in fields(Slot))


def slot_to_dict(slot: Slot) -> dict:
    """Return a slot as plain JSON-ready data (start as ISO 8601 with its offset)."""
    data = asdict(slot)
    data["start"] = slot.start.isoformat()
    data["timezone"] = str(slot.start.tzinfo)
    data["hashtags"] = list(slot.hashtags)
    return data


def slot_from_dict(data: dict) -> Slot:
    """Return the slot that slot_to_dict made."""
    values = {name: data[name] for name in SLOT_FIELDS if name in data}
    values["start"] = datetime.fromisoformat(data["start"]).astimezone(ZoneInfo(data["timezone"]))
    values["hashtags"] = tuple(data.get("hashtags", ()))
    return Slot(**values)


def slots_to_json(slots: Sequence[Slot]) -> str:
    """Return the slots as a JSON array."""
    return json.dumps([slot_to_dict(s) for s in slots], ensure_ascii=False, indent=1)


def slots_from_json(text: str) -> list[Slot]:
    """Return the slots of a JSON array made by slots_to_json."""
    return [slot_from_dict(item) for item in json.loads(text)]


TABLE_COLUMNS = (
    "id", "date", "time", "timezone", "weekday", "platform", "content_type", "format", "pillar",
    "monthly_theme", "weekday_theme", "series", "series_item", "routine", "group", "event",
    "source", "strategy_version", "hashtags",
)  # fmt: skip


def slots_to_csv(slots: Sequence[Slot]) -> str:
    """Return the slots as a CSV table, one row per slot, times in each slot's own zone."""
    out = io.StringIO()
    writer = safe_csv_writer(out, lineterminator="\r\n")
    writer.writerow(TABLE_COLUMNS)
    for slot in slots:
        writer.writerow(
            [
                slot.id, slot.start.date().isoformat(), slot.start.strftime("%H:%M"), str(slot.start.tzinfo),
                slot.start.strftime("%A"), slot.platform, slot.content_type, slot.format, slot.pillar,
                slot.monthly_theme, slot.weekday_theme, slot.series or "", slot.series_item,
                slot.routine or "", slot.group or "", slot.event or "", slot.source, slot.strategy_version,
                " ".join(slot.hashtags),
            ]
        )  # fmt: skip
    return out.getvalue()
