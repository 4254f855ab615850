"""GA4 "Traffic acquisition" CSV export: `#` comment lines, then one table of sessions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.imports.tabular import (
    Column,
    ExportFormatError,
    Problem,
    is_total_row,
    normalise_header,
    parse_date,
    parse_table,
    read_table,
    reject_duplicate_keys,
    resolve_columns,
)

TRAFFIC_COLUMNS = (
    Column("day", ("Date",), "date", required=False),
    Column("source_medium", ("Session source / medium", "Source / medium", "First user source / medium"),
           "text", required=False),
    Column("channel_group", ("Session primary channel group (Default Channel Group)",
                             "Session default channel group", "Default channel group"), "text", required=False),
    Column("campaign", ("Session campaign", "Campaign"), "text", required=False),
    Column("sessions", ("Sessions",), "int"),
    Column("engaged_sessions", ("Engaged sessions",), "int", required=False),
    Column("key_events", ("Key events", "Conversions"), "float", required=False),
    Column("revenue", ("Total revenue",), "float", required=False),
)


@dataclass(frozen=True)
class Ga4TrafficRow:
    """Sessions of one source/medium (or channel group) and campaign, over a day or the export period."""

    period_start: date | None
    period_end: date | None
    day: date | None
    source: str
    medium: str
    channel_group: str
    campaign: str
    sessions: int
    engaged_sessions: int
    key_events: float
    revenue: float

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("ga4_traffic", self.period_start, self.period_end, self.day, self.source, self.medium,
                self.channel_group, self.campaign)


def is_ga4_header(record: tuple[str, ...] | list[str]) -> bool:
    """Return whether a record is the header of a GA4 traffic table."""
    headers = {normalise_header(cell) for cell in record}
    grouped = any(normalise_header(alias) in headers for column in TRAFFIC_COLUMNS[1:3] for alias in column.aliases)
    return "sessions" in headers and grouped


def parse_ga4_traffic(text: str, *, file_name: str) -> tuple[Ga4TrafficRow, ...]:
    """Parse a GA4 traffic-acquisition export; the period comes from its `# Start/End date` lines."""
    table = read_table(text, file_name=file_name, is_header=is_ga4_header)
    found, _ = resolve_columns(table, TRAFFIC_COLUMNS)
    if "source_medium" not in found and "channel_group" not in found:
        raise ExportFormatError([Problem(file_name, table.header_row, "Session source / medium", "column is missing")])
    start, end = _comment_date(table.comments, "start date"), _comment_date(table.comments, "end date")
    rows = parse_table(table, TRAFFIC_COLUMNS, skip=is_total_row)
    parsed = tuple(_traffic_row(start, end, **row.values) for row in rows)
    reject_duplicate_keys(file_name, [(row.row, item.natural_key) for row, item in zip(rows, parsed, strict=True)])
    return parsed


def _traffic_row(start: date | None, end: date | None, *, source_medium: str, **values: object) -> Ga4TrafficRow:
    source, _, medium = source_medium.partition("/")
    return Ga4TrafficRow(period_start=start, period_end=end, source=source.strip().lower(),
                         medium=medium.strip().lower(), **values)  # type: ignore[arg-type]


def _comment_date(comments: tuple[str, ...], label: str) -> date | None:
    for comment in comments:
        match = re.match(rf"{label}\s*:\s*(\S+)", comment, flags=re.IGNORECASE)
        if match:
            try:
                return parse_date(match.group(1))
            except ValueError:
                return None
    return None
