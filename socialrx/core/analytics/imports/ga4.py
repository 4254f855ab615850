"""GA4 exports: "Traffic acquisition" and "Events", each `#` comment lines (with the period) then one table."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from socialrx.core.analytics.imports.tabular import (
    Column,
    ExportFormatError,
    Problem,
    Table,
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
    start, end = export_period(table, has_day="day" in found)
    rows = parse_table(table, TRAFFIC_COLUMNS, skip=is_total_row)
    parsed = tuple(_traffic_row(start, end, **row.values) for row in rows)
    reject_duplicate_keys(file_name, [(row.row, item.natural_key) for row, item in zip(rows, parsed, strict=True)])
    return parsed


def _traffic_row(start: date | None, end: date | None, *, source_medium: str, **values: object) -> Ga4TrafficRow:
    source, _, medium = source_medium.partition("/")
    return Ga4TrafficRow(period_start=start, period_end=end, source=source.strip().lower(),
                         medium=medium.strip().lower(), **values)  # type: ignore[arg-type]


def export_period(table: Table, *, has_day: bool) -> tuple[date | None, date | None]:
    """Return the export's period from its `# Start date` / `# End date` lines.

    Rows without a Date column are sums over that period, so such an export must name it.
    """
    start, end = _comment_date(table.comments, "start date"), _comment_date(table.comments, "end date")
    if not has_day and (start is None or end is None):
        raise ExportFormatError([Problem(table.file_name, 1, None, "the export has no Date column and no "
                                         "'# Start date:' / '# End date:' lines, so its sessions belong to no "
                                         "period; export it again from GA4 with its header lines")])
    if start is not None and end is not None and end < start:
        raise ExportFormatError([Problem(table.file_name, 1, None, f"'# End date' {end} is before '# Start date' "
                                         f"{start}")])
    return start, end


EVENT_COLUMNS = (
    Column("day", ("Date",), "date", required=False),
    Column("event_name", ("Event name",), "text"),
    Column("event_count", ("Event count",), "float"),
)


@dataclass(frozen=True)
class Ga4EventRow:
    """How often one GA4 event fired, on a day or over the export period."""

    period_start: date | None
    period_end: date | None
    day: date | None
    event_name: str
    event_count: float

    @property
    def natural_key(self) -> tuple[object, ...]:
        return ("ga4_event", self.period_start, self.period_end, self.day, self.event_name)


def is_ga4_event_header(record: tuple[str, ...] | list[str]) -> bool:
    """Return whether a record is the header of a GA4 events table."""
    headers = {normalise_header(cell) for cell in record}
    return {"event name", "event count"} <= headers


def parse_ga4_events(text: str, *, file_name: str) -> tuple[Ga4EventRow, ...]:
    """Parse a GA4 "Events" report export (event name and count, by Date or over its `#` period)."""
    table = read_table(text, file_name=file_name, is_header=is_ga4_event_header)
    found, _ = resolve_columns(table, EVENT_COLUMNS)
    start, end = export_period(table, has_day="day" in found)
    rows = parse_table(table, EVENT_COLUMNS, skip=is_total_row)
    parsed = tuple(Ga4EventRow(start, end, **row.values) for row in rows)
    reject_duplicate_keys(file_name, [(row.row, item.natural_key) for row, item in zip(rows, parsed, strict=True)])
    return parsed


def _comment_date(comments: tuple[str, ...], label: str) -> date | None:
    for comment in comments:
        match = re.match(rf"{label}\s*:\s*(\S+)", comment, flags=re.IGNORECASE)
        if match:
            try:
                return parse_date(match.group(1))
            except ValueError:
                return None
    return None
