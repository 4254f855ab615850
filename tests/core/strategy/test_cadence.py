"""Cadence phrases: parsing, canonical formatting, round trips and items per week."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from socialrx.core.strategy import Cadence, format_cadence, parse_cadence
from socialrx.core.strategy.cadence import WEEKDAYS


@pytest.mark.parametrize(
    ("phrase", "fields"),
    [
        ("3-4 per week", {"min": 3, "max": 4, "per": "week"}),
        ("Daily", {"min": 1, "max": 1, "per": "day"}),
        ("weekly", {"min": 1, "max": 1, "per": "week"}),
        ("Bi-weekly", {"min": 1, "max": 1, "per": "fortnight"}),
        ("every other week", {"min": 1, "max": 1, "per": "fortnight"}),
        ("monthly", {"min": 1, "max": 1, "per": "month"}),
        ("quarterly", {"min": 1, "max": 1, "per": "quarter"}),
        ("annual", {"min": 1, "max": 1, "per": "year"}),
        ("2 per month", {"min": 2, "max": 2, "per": "month"}),
        ("2 to 3 times a week", {"min": 2, "max": 3, "per": "week"}),
        ("Tuesday", {"min": 1, "max": 1, "per": "day", "weekdays": ("tuesday",)}),
        ("weekdays", {"min": 1, "max": 1, "per": "day", "weekdays": WEEKDAYS[:5]}),
        ("Mondays and Thursdays", {"min": 1, "max": 1, "per": "day", "weekdays": ("monday", "thursday")}),
        ("2 per day on monday, friday", {"min": 2, "max": 2, "per": "day", "weekdays": ("monday", "friday")}),
    ],
)
def test_parse_cadence_reads_the_seed_phrases(phrase: str, fields: dict) -> None:
    """The phrases strategies use read as the expected count, period and weekdays."""
    assert parse_cadence(phrase) == fields


@pytest.mark.parametrize("phrase", ["sometimes", "3-4", "per week", "5 per fortnightly", "every blue moon"])
def test_unreadable_phrases_raise_a_helpful_error(phrase: str) -> None:
    """An unreadable phrase raises ValueError quoting it and showing phrases that work."""
    with pytest.raises(ValueError, match=rf"cannot read cadence '{phrase}'.*'3-4 per week'"):
        parse_cadence(phrase)


def test_bounds_are_checked() -> None:
    """A range whose maximum is below its minimum, or that allows nothing, is refused."""
    with pytest.raises(ValueError, match="not a valid range"):
        Cadence(min=4, max=3, per="week")
    with pytest.raises(ValueError, match="at least one"):
        Cadence(min=0, max=0, per="week")


@pytest.mark.parametrize(
    ("phrase", "per_week"),
    [
        ("3-4 per week", (3.0, 4.0)),
        ("daily", (7.0, 7.0)),
        ("weekdays", (5.0, 5.0)),
        ("tuesday", (1.0, 1.0)),
        ("bi-weekly", (0.5, 0.5)),
        ("monthly", (12 / 52, 12 / 52)),
        ("quarterly", (4 / 52, 4 / 52)),
        ("annual", (1 / 52, 1 / 52)),
        ("2 per day on monday, wednesday", (4.0, 4.0)),
    ],
)
def test_per_week(phrase: str, per_week: tuple[float, float]) -> None:
    """per_week gives the items an average week asks for."""
    low, high = Cadence.model_validate(phrase).per_week()
    assert low == pytest.approx(per_week[0]) and high == pytest.approx(per_week[1])


def test_weekdays_are_kept_in_week_order() -> None:
    """Weekdays given in any order or twice become one canonical tuple, so equal cadences compare equal."""
    cadence = Cadence(min=1, max=1, per="day", weekdays=("friday", "monday", "friday"))
    assert cadence.weekdays == ("monday", "friday")
    assert cadence == Cadence.model_validate("monday, friday")


def test_cadence_serialises_as_its_phrase() -> None:
    """A cadence dumps as its canonical phrase, and str() gives the same phrase."""
    cadence = Cadence.model_validate("3-4 per week")
    assert cadence.model_dump() == "3-4 per week"
    assert str(cadence) == "3-4 per week"


cadences = st.builds(
    lambda low, extra, per, days: Cadence(min=low, max=max(low + extra, 1), per=per, weekdays=tuple(days)),
    st.integers(min_value=0, max_value=20),
    st.integers(min_value=0, max_value=5),
    st.sampled_from(["day", "week", "fortnight", "month", "quarter", "year"]),
    st.lists(st.sampled_from(WEEKDAYS), max_size=7, unique=True),
)


@given(cadences)
def test_format_then_parse_round_trips(cadence: Cadence) -> None:
    """Every cadence formats to a phrase that parses back to the same cadence."""
    phrase = format_cadence(cadence)
    assert Cadence.model_validate(parse_cadence(phrase)) == cadence


@given(cadences)
def test_canonical_phrase_is_stable(cadence: Cadence) -> None:
    """Formatting the parsed canonical phrase gives the same phrase again."""
    phrase = format_cadence(cadence)
    assert format_cadence(Cadence.model_validate(phrase)) == phrase
