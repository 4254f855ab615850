"""Journeys (ordered channel paths with conversions, value and nulls) and where they come from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from socialrx.core.analytics.imports.crm import CrmLead, Touchpoint
from socialrx.core.analytics.imports.tabular import Column, read_rows
from socialrx.core.analytics.traffic import channel_for_touch

REFERENCE_COLUMNS = (
    Column("path", ("path",), "text"),
    Column("conversions", ("total_conversions", "conversions"), "float"),
    Column("value", ("total_conversion_value", "conversion_value", "value"), "float", required=False),
    Column("nulls", ("total_null", "nulls", "null"), "float", required=False),
)


@dataclass(frozen=True)
class Journey:
    """One path of channels (or many identical ones, aggregated) with what it led to.

    `touch_times` (one per channel) and `converted_at` are needed only by time-decay attribution.
    """

    path: tuple[str, ...]
    conversions: float = 0.0
    value: float = 0.0
    nulls: float = 0.0
    touch_times: tuple[datetime, ...] | None = None
    converted_at: datetime | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "path", tuple(self.path))
        if not self.path:
            raise ValueError("a journey needs at least one channel")
        if self.touch_times is not None and len(self.touch_times) != len(self.path):
            raise ValueError("touch_times must have one time per channel in the path")


@dataclass(frozen=True)
class ChannelCredit:
    """Conversions and conversion value credited to one channel."""

    channel: str
    conversions: float
    value: float


@dataclass(frozen=True)
class AttributionResult:
    """Credit per channel under one model, channels in first-seen order."""

    model: str
    credits: tuple[ChannelCredit, ...]
    removal_effects: dict[str, float] = field(default_factory=dict)

    def conversions_by_channel(self) -> dict[str, float]:
        """Return credited conversions keyed by channel."""
        return {credit.channel: credit.conversions for credit in self.credits}

    def value_by_channel(self) -> dict[str, float]:
        """Return credited value keyed by channel."""
        return {credit.channel: credit.value for credit in self.credits}


def split_path(path: str, *, separator: str = ">") -> tuple[str, ...]:
    """Return the channels of a `a > b > c` path, stripped of spaces."""
    return tuple(channel.strip() for channel in path.split(separator) if channel.strip())


def journeys_from_paths(
    paths: Sequence[str],
    conversions: Sequence[float],
    nulls: Sequence[float],
    values: Sequence[float] | None = None,
    *,
    separator: str = ">",
) -> tuple[Journey, ...]:
    """Return one journey per distinct `a > b` path string, summing conversions, nulls and value.

    Aggregating first keeps large raw logs (one row per visitor) cheap to attribute.
    """
    totals: dict[str, list[float]] = {}
    path_values = values if values is not None else [0.0] * len(paths)
    for path, converted, null, value in zip(paths, conversions, nulls, path_values, strict=True):
        counts = totals.get(path)
        if counts is None:
            totals[path] = [converted, value, null]
        else:
            counts[0] += converted
            counts[1] += value
            counts[2] += null
    return tuple(Journey(split_path(path, separator=separator), *counts) for path, counts in totals.items())


def read_reference_journeys(text: str, *, file_name: str) -> tuple[Journey, ...]:
    """Parse the reference layout: `path` (`a > b`), `total_conversions`, `total_conversion_value`, `total_null`.

    Both `,` and `;` separated files are read.
    """
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    _, rows = read_rows(text, REFERENCE_COLUMNS, file_name=file_name, delimiter=delimiter)
    return tuple(
        Journey(split_path(row.values["path"]), row.values["conversions"], row.values["value"], row.values["nulls"])
        for row in rows
    )


def journeys_from_leads(
    leads: Iterable[CrmLead],
    *,
    converted: Literal["opportunity", "won"] = "opportunity",
    channel_of: Callable[[Touchpoint], str] = channel_for_touch,
) -> tuple[Journey, ...]:
    """Return one journey per lead with touches, from its touches up to the conversion.

    A lead converts when it has an opportunity (or, with `converted="won"`, a won deal); its
    value is the won revenue. Leads that did not convert are nulls.
    """
    journeys = []
    for lead in leads:
        did_convert, converted_at = _conversion(lead, converted)
        touches = [t for t in lead.touches if converted_at is None or t.at <= converted_at]
        if not touches:
            continue
        journeys.append(Journey(
            path=tuple(channel_of(touch) for touch in touches),
            conversions=1.0 if did_convert else 0.0,
            value=lead.revenue if did_convert and lead.won_at is not None else 0.0,
            nulls=0.0 if did_convert else 1.0,
            touch_times=tuple(touch.at for touch in touches),
            converted_at=converted_at,
        ))
    return tuple(journeys)


def _conversion(lead: CrmLead, converted: Literal["opportunity", "won"]) -> tuple[bool, datetime | None]:
    """Return whether a lead converted and when (None when the CRM gives no time)."""
    if converted == "won":
        return lead.won_at is not None, lead.won_at
    return lead.has_opportunity, lead.opportunity_created_at or lead.won_at


def total(journeys: Sequence[Journey]) -> tuple[float, float]:
    """Return total conversions and total value over journeys."""
    return sum(j.conversions for j in journeys), sum(j.value for j in journeys)
