"""Bulk-scheduling CSV files of Sprout Social, Hootsuite and Buffer: export and import.

The columns follow each tool's bulk upload. Times are wall-clock times in the
channel's timezone (none of the files carries a zone). Exports are checked against
the tool's rules first; imports are all-or-nothing. Both raise an error that lists
every problem by row and column.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from socialrx.core.csv_cells import safe_csv_writer

Flavour = Literal["sprout_social", "hootsuite", "buffer"]
DateOrder = Literal["mdy", "dmy"]
FLAVOURS: tuple[Flavour, ...] = ("sprout_social", "hootsuite", "buffer")

SPROUT_REQUIRED = ("date", "time_24hr", "message_text")
# Sprout's optional column names come from its template; they are not confirmed by its docs.
SPROUT_OPTIONAL = ("link", "image_url", "tags")
BUFFER_COLUMNS = ("Text", "Image URL", "Tags", "Posting Time")
HOOTSUITE_COLUMNS = ("date_time", "message", "link")
MAX_ROWS = {"sprout_social": 350, "hootsuite": 350}
SPROUT_MIN_GAP = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class CalendarRow:
    """One post of a bulk-scheduling file: when, the text, and an optional link, image and tags."""

    start: datetime
    message: str
    link: str = ""
    image_url: str = ""
    tags: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.start.tzinfo is None:
            raise ValueError("a calendar row's start must be timezone-aware")
        if self.start.second or self.start.microsecond:
            raise ValueError("bulk-scheduling files hold whole minutes: the start must have no seconds")


@dataclass(frozen=True, slots=True)
class CalendarProblem:
    """One problem of a file: its row (1 = first line of the file), column and what is wrong."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column}: {self.message}"


class CalendarFileError(ValueError):
    """A calendar file that cannot be written or read; `problems` lists every problem."""

    def __init__(self, source: str, problems: Sequence[CalendarProblem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        super().__init__(f"{source}: " + "; ".join(str(p) for p in self.problems))


def export_bulk_csv(
    rows: Sequence[CalendarRow], flavour: Flavour, *, timezone: str, date_order: DateOrder = "mdy"
) -> str:
    """Return a bulk-upload CSV for a tool, or raise CalendarFileError listing rule breaks."""
    zone = ZoneInfo(timezone)
    first_row = 1 if flavour == "hootsuite" else 2
    problems = _export_problems(rows, flavour, zone, first_row)
    if problems:
        raise CalendarFileError(f"{flavour} export", problems)
    out = io.StringIO()
    writer = safe_csv_writer(out, lineterminator="\r\n")
    if flavour == "sprout_social":
        optional = [c for c in SPROUT_OPTIONAL if any(_cell(r, c) for r in rows)]
        writer.writerow(SPROUT_REQUIRED + tuple(optional))
        for row in rows:
            local = row.start.astimezone(zone)
            cells = [_format_date(local, date_order), local.strftime("%H:%M"), row.message]
            writer.writerow(cells + [_cell(row, c) for c in optional])
    elif flavour == "hootsuite":
        for row in rows:
            local = row.start.astimezone(zone)
            writer.writerow([f"{_format_date(local, date_order)} {local:%H:%M}", row.message, row.link])
    else:
        writer.writerow(BUFFER_COLUMNS)
        for row in rows:
            local = row.start.astimezone(zone)
            writer.writerow([row.message, row.image_url, ",".join(row.tags), f"{local:%Y-%m-%d %H:%M}"])
    return out.getvalue()


def _cell(row: CalendarRow, column: str) -> str:
    return {"link": row.link, "image_url": row.image_url, "tags": ",".join(row.tags)}[column]


def _format_date(local: datetime, order: DateOrder) -> str:
    return local.strftime("%m/%d/%Y" if order == "mdy" else "%d/%m/%Y")


def _export_problems(
    rows: Sequence[CalendarRow], flavour: Flavour, zone: ZoneInfo, first_row: int
) -> list[CalendarProblem]:
    problems = []
    limit = MAX_ROWS.get(flavour)
    if limit is not None and len(rows) > limit:
        problems.append(CalendarProblem(first_row, "*", f"{len(rows)} rows; {flavour} takes at most {limit} a file"))
    for number, row in enumerate(rows, start=first_row):
        problems += [CalendarProblem(number, column, text) for column, text in _row_problems(row, flavour, zone)]
    if flavour == "sprout_social":
        problems += _too_close(rows, first_row)
    if flavour == "hootsuite":
        problems += _duplicates(rows, first_row)
    return problems


def _row_problems(row: CalendarRow, flavour: Flavour, zone: ZoneInfo) -> list[tuple[str, str]]:
    found = []
    if not row.message.strip():
        found.append(("message", "the message is empty"))
    local = row.start.astimezone(zone)
    if local.replace(fold=1 - local.fold).utcoffset() != local.utcoffset():
        found.append(("date", f"{local:%Y-%m-%d %H:%M} happens twice when clocks go back; pick another time"))
    if any("," in tag for tag in row.tags):
        found.append(("tags", "a tag holds a comma, which separates tags in the file"))
    if flavour == "hootsuite":
        if local.minute % 5:
            found.append(("date", "Hootsuite takes times whose minutes end in 0 or 5"))
        if row.image_url or row.tags:
            found.append(("image_url" if row.image_url else "tags", "Hootsuite's file has no image or tags column"))
    if flavour == "buffer" and row.link:
        found.append(("link", "Buffer's file has no link column: put the link in the text"))
    return found


def _too_close(rows: Sequence[CalendarRow], first_row: int) -> list[CalendarProblem]:
    ordered = sorted(range(len(rows)), key=lambda i: rows[i].start)
    return [
        CalendarProblem(after + first_row, "time_24hr", f"less than 10 minutes after row {before + first_row}")
        for before, after in zip(ordered, ordered[1:], strict=False)
        if rows[after].start - rows[before].start < SPROUT_MIN_GAP
    ]


def _duplicates(rows: Sequence[CalendarRow], first_row: int) -> list[CalendarProblem]:
    seen: dict[str, int] = {}
    problems = []
    for number, row in enumerate(rows, start=first_row):
        if row.message in seen:
            problems.append(CalendarProblem(number, "message", f"same message as row {seen[row.message]}"))
        seen.setdefault(row.message, number)
    return problems


def import_calendar_csv(
    text: str, *, source: Flavour, timezone: str, date_order: DateOrder = "mdy"
) -> list[CalendarRow]:
    """Return the rows of a bulk-scheduling CSV, or raise CalendarFileError listing every problem."""
    if source not in FLAVOURS:
        raise ValueError(f"unknown calendar file kind {source!r}: use one of {', '.join(FLAVOURS)}")
    records = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    zone = ZoneInfo(timezone)
    problems: list[CalendarProblem] = []
    if source == "hootsuite":
        header, body, first_row = HOOTSUITE_COLUMNS, records, 1
    else:
        header, body, first_row = tuple(records[0]) if records else (), records[1:], 2
        problems += _header_problems(header, source)
    rows = []
    if not problems:
        parse, reading = _ROW_READERS[source], _Reading(zone, date_order, problems)
        for number, record in enumerate(body, start=first_row):
            if not any(cell.strip() for cell in record):
                continue
            row = parse(dict(zip(header, record, strict=False)), record, number, reading)
            if row is not None:
                rows.append(row)
    if problems:
        raise CalendarFileError(source, problems)
    return rows


def _header_problems(header: tuple[str, ...], source: Flavour) -> list[CalendarProblem]:
    if source == "buffer":
        expected, allowed = BUFFER_COLUMNS, BUFFER_COLUMNS
    else:
        expected, allowed = SPROUT_REQUIRED, SPROUT_REQUIRED + SPROUT_OPTIONAL
    problems = [CalendarProblem(1, name, "required column is missing") for name in expected if name not in header]
    problems += [CalendarProblem(1, name, "unknown column (names are case-sensitive)") for name in header if name not in allowed]
    return problems


def _local_time(text: str, formats: Sequence[str], zone: ZoneInfo) -> datetime | None:
    for pattern in formats:
        try:
            wall = datetime.strptime(text.strip(), pattern)  # noqa: DTZ007 - the zone is attached below
        except ValueError:
            continue
        # A wall time skipped when clocks go forward becomes the real time it denotes.
        return wall.replace(tzinfo=zone).astimezone(UTC).astimezone(zone)
    return None


def _date_formats(order: DateOrder, suffix: str) -> tuple[str, ...]:
    return (("%m/%d/%Y" if order == "mdy" else "%d/%m/%Y") + suffix,)


def _tags(text: str) -> tuple[str, ...]:
    return tuple(tag.strip() for tag in text.split(",") if tag.strip())


@dataclass(frozen=True)
class _Reading:
    zone: ZoneInfo
    order: DateOrder
    problems: list[CalendarProblem]

    def date_shape(self) -> str:
        return "mm/dd/yyyy hh:mm" if self.order == "mdy" else "dd/mm/yyyy hh:mm"


RowReader = Callable[[dict[str, str], list[str], int, _Reading], "CalendarRow | None"]


def _read_sprout(cells: dict[str, str], record: list[str], number: int, reading: _Reading) -> CalendarRow | None:
    wall = f"{cells.get('date', '')} {cells.get('time_24hr', '')}"
    start = _local_time(wall, _date_formats(reading.order, " %H:%M"), reading.zone)
    return _finish(
        reading, number, start, cells.get("message_text", ""),
        columns=("date", "message_text"), shape=reading.date_shape(),
        link=cells.get("link", ""), image_url=cells.get("image_url", ""), tags=_tags(cells.get("tags", "")),
    )  # fmt: skip


def _read_hootsuite(cells: dict[str, str], record: list[str], number: int, reading: _Reading) -> CalendarRow | None:
    if not 2 <= len(record) <= 3:
        message = f"{len(record)} columns; expected date-time, message and link"
        reading.problems.append(CalendarProblem(number, "*", message))
        return None
    start = _local_time(cells["date_time"], _date_formats(reading.order, " %H:%M"), reading.zone)
    return _finish(
        reading, number, start, cells["message"],
        columns=("date_time", "message"), shape=reading.date_shape(), link=cells.get("link", ""),
    )  # fmt: skip


def _read_buffer(cells: dict[str, str], record: list[str], number: int, reading: _Reading) -> CalendarRow | None:
    start = _local_time(cells.get("Posting Time", ""), ("%Y-%m-%d %H:%M",), reading.zone)
    return _finish(
        reading, number, start, cells.get("Text", ""),
        columns=("Posting Time", "Text"), shape="yyyy-mm-dd hh:mm",
        image_url=cells.get("Image URL", ""), tags=_tags(cells.get("Tags", "")),
    )  # fmt: skip


def _finish(
    reading: _Reading,
    number: int,
    start: datetime | None,
    message: str,
    *,
    columns: tuple[str, str],
    shape: str,
    link: str = "",
    image_url: str = "",
    tags: tuple[str, ...] = (),
) -> CalendarRow | None:
    found = len(reading.problems)
    if start is None:
        reading.problems.append(CalendarProblem(number, columns[0], f"not a date and 24-hour time like {shape}"))
    if not message.strip():
        reading.problems.append(CalendarProblem(number, columns[1], "the message is empty"))
    if start is None or len(reading.problems) > found:
        return None
    return CalendarRow(start=start, message=message, link=link, image_url=image_url, tags=tags)


_ROW_READERS: dict[str, RowReader] = {"sprout_social": _read_sprout, "hootsuite": _read_hootsuite, "buffer": _read_buffer}
