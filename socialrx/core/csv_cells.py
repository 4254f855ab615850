"""CSV exports that a spreadsheet opens as text: every formula trigger is neutralised (OWASP CSV injection)."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
"""Spreadsheets start a formula at these characters (full-width forms included: some apps fold them)."""
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def safe_cell(value: Any) -> Any:
    """Return a text cell with a leading apostrophe when a spreadsheet would read it as a formula."""
    if not isinstance(value, str) or not value.startswith(FORMULA_TRIGGERS) or _NUMBER.fullmatch(value):
        return value
    return "'" + value


def unescaped_cell(value: str) -> str:
    """Return a cell read back from one of our exports as it was before safe_cell neutralised it."""
    if value.startswith("'") and value[1:].startswith(FORMULA_TRIGGERS) and not _NUMBER.fullmatch(value[1:]):
        return value[1:]
    return value


class SafeCsvWriter:
    """A csv.writer whose every cell goes through safe_cell."""

    def __init__(self, out: Any, **options: Any) -> None:
        self._writer = csv.writer(out, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        """Write one row, neutralised; return what csv.writer returns."""
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        """Write each row, neutralised."""
        for row in rows:
            self.writerow(row)


def safe_csv_writer(out: Any, **options: Any) -> SafeCsvWriter:
    """Return a CSV writer for exports that neutralises formula cells (options as for csv.writer)."""
    return SafeCsvWriter(out, **options)
