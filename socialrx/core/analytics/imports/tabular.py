"""Read CSV exports by header name: aliases, number/percent/date cells, all-or-nothing problems."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Literal, TypeVar

T = TypeVar("T")

CellKind = Literal["text", "int", "float", "percent_points", "fraction", "date", "datetime", "duration"]

_BLANK_NUMBERS = {"", "-", "--", "n/a", "—"}
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%Y%m%d", "%b %d, %Y", "%d %b %Y", "%a, %b %d, %Y", "%B %d, %Y")
_DATETIME_FORMATS = (
    "%Y-%m-%d %H:%M %z",
    "%Y-%m-%d %H:%M:%S %z",
    "%Y-%m-%dT%H:%M:%S%z",
    "%Y-%m-%dT%H:%M:%S.%f%z",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%m/%d/%Y %H:%M",
    "%m/%d/%Y %I:%M %p",
    "%b %d, %Y %I:%M %p",
    "%a, %b %d, %Y",
)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an export, located as a spreadsheet would show it."""

    file_name: str
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file_name}, row {self.row}"
        if self.column is not None:
            where += f', column "{self.column}"'
        return f"{where}: {self.message}"


class ExportFormatError(ValueError):
    """An export that cannot be imported; `problems` lists every fault found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class Column:
    """A field read from the column whose header matches one of `aliases`."""

    field: str
    aliases: tuple[str, ...]
    kind: CellKind = "text"
    required: bool = True


@dataclass(frozen=True)
class SourceRow:
    """One data row: its 1-based spreadsheet row number and its values by field name."""

    row: int
    values: dict[str, Any]


@dataclass(frozen=True)
class Table:
    """The records of a CSV file with the header row located."""

    file_name: str
    header_row: int
    headers: tuple[str, ...]
    records: tuple[tuple[int, tuple[str, ...]], ...]
    comments: tuple[str, ...]


def normalise_header(header: str) -> str:
    """Return a header lower-cased, without BOM, quotes or repeated spaces."""
    return re.sub(r"\s+", " ", header.replace("\ufeff", "").strip().strip('"').lower())


def read_records(text: str, *, delimiter: str | None = None) -> list[tuple[int, list[str]]]:
    """Return every CSV record with its 1-based row number, blank rows included.

    Without a `delimiter`, the commonest of `,`, `;` and tab in the first lines separates cells
    (spreadsheets save `;` where the comma is the decimal mark; LinkedIn Campaign Manager saves tabs).
    """
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=delimiter or _sniff_delimiter(text))
    return [(number, record) for number, record in enumerate(reader, start=1)]


def _sniff_delimiter(text: str) -> str:
    lines = [line for line in text.splitlines()[:20] if line.strip() and not line.startswith("#")]
    return max((",", ";", "\t"), key=lambda mark: sum(line.count(mark) for line in lines))


def is_blank(record: Sequence[str]) -> bool:
    """Return whether a record has no non-empty cell."""
    return all(not cell.strip() for cell in record)


def read_table(
    text: str,
    *,
    file_name: str,
    is_header: Callable[[Sequence[str]], bool],
    search_rows: int = 15,
    delimiter: str | None = None,
) -> Table:
    """Locate the header row among the first rows and return the data records below it.

    `#` comment lines are kept apart; data stops at the first blank row after the header
    (GA4 puts further tables after a blank line).
    """
    records = read_records(text, delimiter=delimiter)
    comments = tuple(",".join(record).lstrip("#").strip() for _, record in records if _is_comment(record))
    for number, record in records[:search_rows]:
        if _is_comment(record) or is_blank(record) or not is_header(record):
            continue
        body: list[tuple[int, tuple[str, ...]]] = []
        for row_number, data in records[number:]:
            if is_blank(data):
                if body:
                    break
                continue
            if not _is_comment(data):
                body.append((row_number, tuple(data)))
        return Table(file_name, number, tuple(record), tuple(body), comments)
    raise ExportFormatError([Problem(file_name, 1, None, "no header row of a known export format was found")])


def _is_comment(record: Sequence[str]) -> bool:
    return bool(record) and record[0].lstrip("\ufeff").startswith("#")


def resolve_columns(table: Table, columns: Sequence[Column]) -> tuple[dict[str, int], list[Problem]]:
    """Map each field to its column index; report required columns that are missing."""
    positions = {normalise_header(header): index for index, header in enumerate(table.headers)}
    found: dict[str, int] = {}
    problems: list[Problem] = []
    for column in columns:
        index = next((positions[a] for a in map(normalise_header, column.aliases) if a in positions), None)
        if index is not None:
            found[column.field] = index
        elif column.required:
            problems.append(Problem(table.file_name, table.header_row, column.aliases[0], "column is missing"))
    return found, problems


def has_columns(headers: Sequence[str], columns: Sequence[Column]) -> bool:
    """Return whether every required column is present among `headers`."""
    present = {normalise_header(header) for header in headers}
    return all(
        any(normalise_header(alias) in present for alias in column.aliases)
        for column in columns
        if column.required
    )


def looks_like_header(record: Sequence[str], columns: Sequence[Column]) -> bool:
    """Return whether a record holds at least half of the required columns (the rest are reported missing)."""
    present = {normalise_header(cell) for cell in record}
    required = [column for column in columns if column.required]
    matched = sum(any(normalise_header(alias) in present for alias in column.aliases) for column in required)
    return matched >= max(1, (len(required) + 1) // 2)


def parse_table(
    table: Table, columns: Sequence[Column], *, skip: Callable[[tuple[str, ...]], bool] | None = None
) -> list[SourceRow]:
    """Return the typed rows of a table, or raise ExportFormatError listing every problem."""
    found, problems = resolve_columns(table, columns)
    if problems:
        raise ExportFormatError(problems)
    rows: list[SourceRow] = []
    for number, record in table.records:
        if skip is not None and skip(record):
            continue
        values: dict[str, Any] = {}
        for column in columns:
            index = found.get(column.field)
            raw = record[index] if index is not None and index < len(record) else ""
            try:
                values[column.field] = parse_cell(raw, column.kind, required=column.required)
            except ValueError as error:
                header = table.headers[index] if index is not None else column.aliases[0]
                problems.append(Problem(table.file_name, number, header.strip().lstrip("\ufeff"), str(error)))
        rows.append(SourceRow(number, values))
    if problems:
        raise ExportFormatError(problems)
    return rows


def parse_cell(raw: str, kind: CellKind, *, required: bool = True) -> Any:
    """Return a cell's value as `kind`; blank counts read as 0, blank text/dates as None if optional."""
    text = raw.strip()
    if kind == "text":
        if not text and required:
            raise ValueError("is empty")
        return text
    if kind in ("int", "float", "percent_points", "fraction"):
        return _parse_number(text, kind)
    if not text:
        if required:
            raise ValueError("is empty")
        return None
    if kind == "date":
        return parse_date(text)
    if kind == "datetime":
        return parse_datetime(text)
    return parse_duration(text)


def _parse_number(text: str, kind: CellKind) -> float | int:
    if text.lower() in _BLANK_NUMBERS:
        return 0
    percent = text.endswith("%")
    cleaned = _unlocalise(text.rstrip("%").strip().replace("\u00a0", "").replace(" ", "").lstrip("$€£"),
                          whole=kind == "int")
    if not re.fullmatch(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?", cleaned):
        raise ValueError(f'"{text}" is not a number')
    value = float(cleaned)
    if kind == "int":
        if percent or value != int(value):
            raise ValueError(f'"{text}" is not a whole number')
        return int(value)
    if kind == "percent_points" or (kind == "fraction" and percent):
        return value / 100
    return value


def _unlocalise(text: str, *, whole: bool) -> str:
    """Return a number written with `,` or `.` thousands and decimal marks in plain `1234.5` form.

    "1,234" and "1,234.5" are English; "1.234,5" and "12,5" are German/French style: when both
    marks appear the last one is the decimal mark, and a lone comma is a decimal mark unless it
    splits groups of three digits. In a count (`whole`), "1.234" is a thousand and more.
    """
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):
            return text.replace(".", "").replace(",", ".")
        return text.replace(",", "")
    if "," in text:
        if re.fullmatch(r"[-+]?\d{1,3}(,\d{3})+", text):
            return text.replace(",", "")
        return text.replace(",", ".") if text.count(",") == 1 else text
    if (whole or text.count(".") > 1) and re.fullmatch(r"[-+]?\d{1,3}(\.\d{3})+", text):
        return text.replace(".", "")
    return text


def parse_date(text: str) -> date:
    """Return a date written in one of the formats the exports use."""
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text.strip(), pattern).date()  # noqa: DTZ007 - a calendar date only
        except ValueError:
            continue
    raise ValueError(f'"{text}" is not a date')


def parse_datetime(text: str) -> datetime:
    """Return an aware datetime; exports that give no offset are read as UTC."""
    cleaned = text.strip().replace("Z", "+0000")
    for pattern in _DATETIME_FORMATS:
        try:
            moment = datetime.strptime(cleaned, pattern)  # noqa: DTZ007 - offset checked below
        except ValueError:
            continue
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    try:
        return datetime.combine(parse_date(cleaned), datetime.min.time(), tzinfo=UTC)
    except ValueError:
        raise ValueError(f'"{text}" is not a date and time') from None


def parse_duration(text: str) -> float:
    """Return seconds from `H:MM:SS`, `M:SS` or a plain number of seconds."""
    parts = text.strip().split(":")
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        raise ValueError(f'"{text}" is not a duration') from None
    if len(numbers) > 3 or any(number < 0 for number in numbers):
        raise ValueError(f'"{text}" is not a duration')
    seconds = 0.0
    for number in numbers:
        seconds = seconds * 60 + number
    return seconds


def read_rows(
    text: str,
    columns: Sequence[Column],
    *,
    file_name: str,
    skip: Callable[[tuple[str, ...]], bool] | None = None,
    delimiter: str | None = None,
) -> tuple[Table, list[SourceRow]]:
    """Find the header row holding `columns` and return the table with its typed rows."""
    table = read_table(
        text, file_name=file_name, is_header=lambda record: looks_like_header(record, columns), delimiter=delimiter
    )
    return table, parse_table(table, columns, skip=skip)


def is_total_row(record: tuple[str, ...]) -> bool:
    """Return whether a record is a totals row that exports put above or below the data."""
    return bool(record) and record[0].strip().lower() in {"total", "totals", "grand total"}


def reject_duplicate_keys(file_name: str, keyed_rows: Sequence[tuple[int, tuple[object, ...]]]) -> None:
    """Raise ExportFormatError when two rows of one file share a natural key."""
    first_seen: dict[tuple[object, ...], int] = {}
    problems: list[Problem] = []
    for row, key in keyed_rows:
        if key in first_seen:
            problems.append(Problem(file_name, row, None, f"repeats row {first_seen[key]} ({_describe(key)})"))
        else:
            first_seen[key] = row
    if problems:
        raise ExportFormatError(problems)


def _describe(key: tuple[object, ...]) -> str:
    return ", ".join(str(part) for part in key if part is not None)


def keyed_rows(
    text: str,
    columns: Sequence[Column],
    factory: Callable[..., T],
    *,
    file_name: str,
    skip: Callable[[tuple[str, ...]], bool] | None = None,
) -> tuple[T, ...]:
    """Parse rows into `factory(**values)` objects and reject repeated natural keys."""
    _, rows = read_rows(text, columns, file_name=file_name, skip=skip)
    parsed = tuple(factory(**row.values) for row in rows)
    reject_duplicate_keys(
        file_name, [(row.row, item.natural_key) for row, item in zip(rows, parsed, strict=True)]  # type: ignore[attr-defined]
    )
    return parsed
