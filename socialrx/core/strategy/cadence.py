"""Cadences: how often a kind of content appears ("3-4 per week", "bi-weekly", "Tuesdays")."""

from __future__ import annotations

import contextlib
import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator, model_serializer, model_validator

Period = Literal["day", "week", "fortnight", "month", "quarter", "year"]
Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

WEEKDAYS: tuple[Weekday, ...] = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Words that name a whole cadence on their own.
_NAMED: dict[str, tuple[int, int, Period]] = {
    "daily": (1, 1, "day"),
    "every day": (1, 1, "day"),
    "weekly": (1, 1, "week"),
    "every week": (1, 1, "week"),
    "bi-weekly": (1, 1, "fortnight"),
    "biweekly": (1, 1, "fortnight"),
    "fortnightly": (1, 1, "fortnight"),
    "every other week": (1, 1, "fortnight"),
    "every two weeks": (1, 1, "fortnight"),
    "monthly": (1, 1, "month"),
    "every month": (1, 1, "month"),
    "quarterly": (1, 1, "quarter"),
    "every quarter": (1, 1, "quarter"),
    "annual": (1, 1, "year"),
    "annually": (1, 1, "year"),
    "yearly": (1, 1, "year"),
    "every year": (1, 1, "year"),
}
_PERIOD_WORDS: dict[str, Period] = {
    "day": "day",
    "days": "day",
    "week": "week",
    "weeks": "week",
    "fortnight": "fortnight",
    "month": "month",
    "months": "month",
    "quarter": "quarter",
    "quarters": "quarter",
    "year": "year",
    "years": "year",
}
_COUNT = re.compile(
    r"^(?P<min>\d+)\s*(?:(?:-|–|to)\s*(?P<max>\d+))?\s*(?:x\s*|times\s+|posts?\s+)?(?:per|a|an|/|each|every)\s+(?P<period>[a-z]+)$"
)
_WEEKDAY_LIST = re.compile(r"^(?:every\s+)?(?P<days>[a-z ,&]+?)s?$")


class Cadence(BaseModel):
    """A frequency: between `min` and `max` items per `per`, optionally pinned to weekdays.

    In YAML a cadence is written as a phrase ("3-4 per week", "daily", "bi-weekly",
    "monthly", "quarterly", "annual", "tuesday", "weekdays") or as a mapping.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    min: int
    max: int
    per: Period
    weekdays: tuple[Weekday, ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _from_phrase(cls, value: object) -> object:
        if isinstance(value, str):
            return parse_cadence(value)
        return value

    @field_validator("weekdays")
    @classmethod
    def _weekdays_in_week_order(cls, days: tuple[Weekday, ...]) -> tuple[Weekday, ...]:
        # One canonical order, so equal cadences compare equal and phrases round-trip.
        return tuple(d for d in WEEKDAYS if d in days)

    @model_validator(mode="after")
    def _check_bounds(self) -> Cadence:
        if self.min < 0 or self.max < self.min:
            raise ValueError(f"cadence range {self.min}-{self.max} is not a valid range")
        if self.max == 0:
            raise ValueError("cadence must allow at least one item")
        return self

    @model_serializer
    def _as_phrase(self) -> str:
        return format_cadence(self)

    def __str__(self) -> str:
        return format_cadence(self)

    def per_week(self) -> tuple[float, float]:
        """Return the (min, max) number of items this cadence asks for in an average week."""
        factor = {"day": 7.0, "week": 1.0, "fortnight": 0.5, "month": 12 / 52, "quarter": 4 / 52, "year": 1 / 52}
        if self.per == "day" and self.weekdays:
            return float(len(self.weekdays) * self.min), float(len(self.weekdays) * self.max)
        return self.min * factor[self.per], self.max * factor[self.per]


def _weekday_set(text: str) -> tuple[Weekday, ...] | None:
    if text in {"weekdays", "every weekday", "weekday"}:
        return WEEKDAYS[:5]
    if text in {"weekends", "every weekend", "weekend"}:
        return WEEKDAYS[5:]
    match = _WEEKDAY_LIST.match(text)
    if not match:
        return None
    parts = [p.strip().rstrip("s") for p in re.split(r",|&|\band\b", match.group("days")) if p.strip()]
    days = []
    for part in parts:
        found = [d for d in WEEKDAYS if d == part or d[:3] == part]
        if not found:
            return None
        days.append(found[0])
    return tuple(d for d in WEEKDAYS if d in days) or None


def parse_cadence(phrase: str) -> dict:
    """Return the fields of a Cadence read from a phrase, or raise ValueError naming the phrase.

    A phrase may end with the weekdays it is pinned to: "2 per day on monday, thursday".
    """
    text = re.sub(r"\s+", " ", phrase.strip().lower())
    base, _, days_text = text.rpartition(" on ")
    if base and (days := _weekday_set(days_text)):
        with contextlib.suppress(ValueError):
            return {**_parse_unpinned(base), "weekdays": days}
    try:
        return _parse_unpinned(text)
    except ValueError:
        raise ValueError(
            f"cannot read cadence {phrase!r}: write e.g. 'daily', 'weekly', 'bi-weekly', 'monthly', "
            "'quarterly', 'annual', '3-4 per week', '2 per month' or a weekday such as 'tuesday'"
        ) from None


def _parse_unpinned(text: str) -> dict:
    if text in _NAMED:
        low, high, per = _NAMED[text]
        return {"min": low, "max": high, "per": per}
    days = _weekday_set(text)
    if days:
        return {"min": 1, "max": 1, "per": "day", "weekdays": days}
    match = _COUNT.match(text)
    if match and match.group("period") in _PERIOD_WORDS:
        low = int(match.group("min"))
        high = int(match.group("max") or low)
        return {"min": low, "max": high, "per": _PERIOD_WORDS[match.group("period")]}
    raise ValueError(text)


def format_cadence(cadence: Cadence) -> str:
    """Return the canonical phrase for a cadence (the inverse of parse_cadence)."""
    if cadence.weekdays:
        days = "weekdays" if cadence.weekdays == WEEKDAYS[:5] else ", ".join(cadence.weekdays)
        if cadence.min == cadence.max == 1 and cadence.per == "day":
            return days
        return f"{_unpinned_phrase(cadence)} on {days}"
    return _unpinned_phrase(cadence)


def _unpinned_phrase(cadence: Cadence) -> str:
    if cadence.min == cadence.max == 1:
        return {
            "day": "daily",
            "week": "weekly",
            "fortnight": "bi-weekly",
            "month": "monthly",
            "quarter": "quarterly",
            "year": "annual",
        }[cadence.per]
    count = str(cadence.min) if cadence.min == cadence.max else f"{cadence.min}-{cadence.max}"
    return f"{count} per {cadence.per}"
