"""CSV exports never hand a spreadsheet a formula (OWASP CSV injection)."""

from __future__ import annotations

import csv
import io

import pytest

from socialrx.core.csv_cells import safe_cell, safe_csv_writer, unescaped_cell


@pytest.mark.parametrize("value", ['=HYPERLINK("https://evil.example","x")', "+1+2", "-2+3+cmd|' /C calc'!A0", "@SUM(A1)",
                                   "\tTAB", "\rCR", "=1+1", "＝1+1"])
def test_formula_triggers_are_neutralised(value):
    """A text cell starting with = + - @ tab or CR (or a full-width =) gets a leading apostrophe."""
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["plain text", "", "3.5", "-12", "-0.25", "+44 20 7946 0000 call us", 42, -7.5, None])
def test_ordinary_cells_and_numbers_are_unchanged(value):
    """Plain text, numbers and signed numerals are written as they are."""
    expected = value if not (isinstance(value, str) and value.startswith("+44")) else "'" + value
    assert safe_cell(value) == expected


def test_writer_neutralises_every_row():
    """The safe writer escapes each cell of each row, header included."""
    out = io.StringIO()
    writer = safe_csv_writer(out, lineterminator="\n")
    writer.writerow(["=cmd", "ok"])
    writer.writerows([["@x", 1], ["-3", "+=y"]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=cmd", "ok"], ["'@x", "1"], ["-3", "'+=y"]]


def test_unescaped_cell_restores_what_safe_cell_changed():
    """Reading one of our exports back gives the original text; an ordinary leading apostrophe is kept."""
    for value in ["=cmd", "@x", "+=y", "plain", "'quoted'", "-3"]:
        assert unescaped_cell(str(safe_cell(value))) == value
