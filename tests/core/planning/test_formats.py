"""The calendar exports: iCalendar, JSON, CSV table and the bulk-scheduling files."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.planning import (
    CalendarFileError,
    CalendarRow,
    Slot,
    export_bulk_csv,
    import_calendar_csv,
    slot_uid,
    slots_from_json,
    slots_to_csv,
    slots_to_ics,
    slots_to_json,
)

NEW_YORK = ZoneInfo("America/New_York")
STAMP = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def test_ics_parses_back_with_stable_uids_and_times(seed_year: list[Slot]) -> None:
    """Every slot becomes a VEVENT with UID from its id and the same start, with a VTIMEZONE."""
    slots = [s for s in seed_year if s.day.month == 3]
    text = slots_to_ics(slots, calendar_name="Healthcare AI", timezone="America/New_York", stamp=STAMP)
    calendar = icalendar.Calendar.from_ical(text)
    events = {str(e["UID"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {slot_uid(s) for s in slots}
    for slot in slots:
        event = events[slot_uid(slot)]
        assert event.decoded("DTSTART") == slot.start
        assert event["DTSTART"].params["TZID"] == "America/New_York"
        assert event.decoded("DTSTAMP") == STAMP
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["America/New_York"]
    assert calendar["X-WR-CALNAME"] == "Healthcare AI"
    assert text == slots_to_ics(slots, calendar_name="Healthcare AI", timezone="America/New_York", stamp=STAMP)


def test_ics_lines_are_crlf_and_folded(seed_year: list[Slot]) -> None:
    """Lines end in CRLF and none is longer than 75 octets."""
    text = slots_to_ics(seed_year[:20], calendar_name="Plan", timezone="Europe/London", stamp=STAMP)
    lines = text.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert event["DTSTART"].params["TZID"] == "Europe/London"


def test_json_round_trip(seed_year: list[Slot]) -> None:
    """slots_from_json reads back exactly what slots_to_json wrote."""
    slots = seed_year[:200]
    assert slots_from_json(slots_to_json(slots)) == slots


def test_csv_table_has_one_row_per_slot(seed_year: list[Slot]) -> None:
    """The table has a header and one row per slot with its local date and time."""
    rows = list(csv.DictReader(io.StringIO(slots_to_csv(seed_year[:50]))))
    assert len(rows) == 50
    assert rows[0]["id"] == seed_year[0].id
    assert rows[0]["time"] == seed_year[0].start.strftime("%H:%M")
    assert rows[0]["pillar"] == seed_year[0].pillar


def test_sprout_social_file_has_the_required_headers() -> None:
    """Sprout's file starts with date, time_24hr, message_text and adds optional columns only when used."""
    rows = [CalendarRow(datetime(2026, 3, 5, 9, 0, tzinfo=NEW_YORK), "Hello, world")]
    text = export_bulk_csv(rows, "sprout_social", timezone="America/New_York")
    assert text == 'date,time_24hr,message_text\r\n03/05/2026,09:00,"Hello, world"\r\n'
    dmy = export_bulk_csv(rows, "sprout_social", timezone="America/New_York", date_order="dmy")
    assert "05/03/2026" in dmy


def test_buffer_and_hootsuite_layouts() -> None:
    """Buffer has Text, Image URL, Tags, Posting Time; Hootsuite three unnamed columns."""
    rows = [CalendarRow(datetime(2026, 3, 5, 14, 0, tzinfo=UTC), "Post", image_url="https://x.example/a.png")]
    buffer = export_bulk_csv(rows, "buffer", timezone="America/New_York")
    assert buffer == "Text,Image URL,Tags,Posting Time\r\nPost,https://x.example/a.png,,2026-03-05 09:00\r\n"
    hoot = [CalendarRow(datetime(2026, 3, 5, 14, 0, tzinfo=UTC), "Post", link="https://x.example")]
    assert export_bulk_csv(hoot, "hootsuite", timezone="UTC") == "03/05/2026 14:00,Post,https://x.example\r\n"


def test_export_lists_every_rule_break_by_row() -> None:
    """Rows that break a tool's rules are all reported, with their row and column."""
    start = datetime(2026, 3, 5, 9, 3, tzinfo=UTC)
    rows = [CalendarRow(start, "Same"), CalendarRow(start, "Same", tags=("a",)), CalendarRow(start, " ")]
    with pytest.raises(CalendarFileError) as caught:
        export_bulk_csv(rows, "hootsuite", timezone="UTC")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert {(1, "date"), (2, "tags"), (2, "message"), (3, "message")} <= found
    with pytest.raises(CalendarFileError, match="row 3, column time_24hr: less than 10 minutes after row 2"):
        export_bulk_csv(rows[:2], "sprout_social", timezone="UTC")
    with pytest.raises(CalendarFileError, match="no link column"):
        export_bulk_csv([CalendarRow(start, "x", link="https://a.example")], "buffer", timezone="UTC")


def test_import_is_all_or_nothing_and_names_rows_and_columns() -> None:
    """A file with bad rows raises one error listing each bad row and column; nothing is returned."""
    text = "date,time_24hr,message_text\r\n03/05/2026,09:00,Fine\r\n13/45/2026,09:00,Bad date\r\n03/06/2026,10:00,\r\n"
    with pytest.raises(CalendarFileError) as caught:
        import_calendar_csv(text, source="sprout_social", timezone="UTC")
    assert [str(p) for p in caught.value.problems] == [
        "row 3, column date: not a date and 24-hour time like mm/dd/yyyy hh:mm",
        "row 4, column message_text: the message is empty",
    ]
    with pytest.raises(CalendarFileError, match="row 1, column Posting Time: required column is missing"):
        import_calendar_csv("Text,Image URL,Tags\r\nx,,\r\n", source="buffer", timezone="UTC")
    with pytest.raises(CalendarFileError, match="row 2, column \\*: 1 columns"):
        import_calendar_csv("03/05/2026 09:00,Fine\r\nlonely\r\n", source="hootsuite", timezone="UTC")


MINUTES = st.integers(0, 60 * 24 * 365 * 2).map(lambda m: datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=5 * m))
TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=80).filter(str.strip)
TAG = st.from_regex(r"[A-Za-z][A-Za-z0-9 ]{0,10}[A-Za-z]", fullmatch=True)


def _unambiguous(start: datetime, zone: str) -> bool:
    local = start.astimezone(ZoneInfo(zone))
    return local.replace(fold=1 - local.fold).utcoffset() == local.utcoffset()


@settings(max_examples=60, deadline=None)
@given(
    starts=st.lists(MINUTES, min_size=1, max_size=15, unique=True),
    data=st.data(),
    flavour=st.sampled_from(["sprout_social", "hootsuite", "buffer"]),
    zone=st.sampled_from(["UTC", "America/New_York", "Asia/Kolkata"]),
    order=st.sampled_from(["mdy", "dmy"]),
)
def test_bulk_files_round_trip(starts: list[datetime], data: st.DataObject, flavour: str, zone: str, order: str) -> None:
    """Exporting rows and importing the file gives the same rows, for every tool."""
    starts = sorted(s for s in starts if _unambiguous(s, zone))
    if flavour == "sprout_social":
        starts = [s for n, s in enumerate(starts) if n == 0 or s - starts[n - 1] >= timedelta(minutes=10)]
    rows = []
    for n, start in enumerate(starts):
        message = f"{n} {data.draw(TEXT)}"
        link = data.draw(st.sampled_from(["", "https://healthcare-ai.example/a?b=1"])) if flavour != "buffer" else ""
        extras = flavour != "hootsuite"
        image = data.draw(st.sampled_from(["", "https://cdn.example/i.png"])) if extras else ""
        tags = tuple(data.draw(st.lists(TAG, max_size=3))) if extras else ()
        rows.append(CalendarRow(start.astimezone(ZoneInfo(zone)), message, link=link, image_url=image, tags=tags))
    text = export_bulk_csv(rows, flavour, timezone=zone, date_order=order)
    assert import_calendar_csv(text, source=flavour, timezone=zone, date_order=order) == rows


def test_calendar_rows_are_aware_and_whole_minutes() -> None:
    """A naive start or one with seconds is refused."""
    with pytest.raises(ValueError, match="timezone-aware"):
        CalendarRow(datetime(2026, 1, 1, 9, 0), "x")  # noqa: DTZ001 - the point of the test
    with pytest.raises(ValueError, match="whole minutes"):
        CalendarRow(datetime(2026, 1, 1, 9, 0, 30, tzinfo=UTC), "x")


def test_import_reads_wall_times_in_the_channel_zone() -> None:
    """A Buffer time is read in the channel's timezone."""
    [row] = import_calendar_csv("Text,Image URL,Tags,Posting Time\r\nHi,,,2026-07-01 09:00\r\n", source="buffer", timezone="America/New_York")
    assert row.start == datetime(2026, 7, 1, 13, 0, tzinfo=UTC)
    assert date(2026, 7, 1) == row.start.astimezone(NEW_YORK).date()
