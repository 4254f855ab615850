"""Judge a KPI against its target: on track, at risk or off track, with its recent trend.

Rule for `kpi_status`:

* The expected value is the target itself for a level KPI (a rate, a share, a count at a
  date) and `target x period_progress` for a cumulative KPI (leads this month, watch hours).
* Attainment is actual / expected for `at_least` targets and expected / actual for `at_most`.
* `on_track` when attainment >= 1; `at_risk` when attainment >= 1 - tolerance (10 % by
  default); otherwise `off_track`.
* A cumulative KPI is never called `off_track` in the first quarter of its period, when a few
  slow days say little: it is `at_risk` at worst.

For growth targets with a date, `target_outlook` uses the forecast instead: `on_track` when
P(target met) >= 0.7, `at_risk` from 0.3, `off_track` below (research note §6).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np

from socialrx.core.analytics.forecast import (
    Comparison,
    GrowthForecast,
    forecast_growth,
    months_between,
    probability_of_meeting,
    required_monthly_growth,
    trailing_growth,
)

KpiState = Literal["on_track", "at_risk", "off_track"]
TrendDirection = Literal["up", "down", "flat"]


@dataclass(frozen=True)
class KpiStatus:
    """A KPI's state against its target, how far along it is, and its trend."""

    state: KpiState
    expected: float
    attainment: float
    trend: TrendDirection | None
    improving: bool | None


@dataclass(frozen=True)
class TargetOutlook:
    """Where a growing count is heading relative to a dated target."""

    required_growth: float
    trailing_growth: float | None
    forecast: GrowthForecast
    probability: float | None
    state: KpiState | None


def kpi_status(
    target: float,
    actual: float,
    *,
    comparison: Comparison = "at_least",
    period_progress: float = 1.0,
    cumulative: bool = False,
    tolerance: float = 0.1,
    history: Sequence[float] = (),
) -> KpiStatus:
    """Return the state of a KPI by the rule in the module docstring, with the trend of `history`."""
    if not 0 <= period_progress <= 1:
        raise ValueError("period_progress must be between 0 and 1")
    expected = target * period_progress if cumulative else target
    attainment = _attainment(expected, actual, comparison)
    if attainment >= 1:
        state: KpiState = "on_track"
    elif attainment >= 1 - tolerance or (cumulative and period_progress < 0.25):
        state = "at_risk"
    else:
        state = "off_track"
    direction = trend(history)
    improving = None if direction in (None, "flat") else (direction == "up") == (comparison == "at_least")
    return KpiStatus(state, expected, attainment, direction, improving)


def _attainment(expected: float, actual: float, comparison: Comparison) -> float:
    if comparison == "at_least":
        return actual / expected if expected > 0 else math.inf
    return expected / actual if actual > 0 else math.inf


def trend(values: Sequence[float], *, periods: int = 3, flat_within: float = 0.01) -> TrendDirection | None:
    """Return the sign of the least-squares slope over the last `periods` values.

    The slope counts as flat when it moves less than `flat_within` of the mean level per period.
    None when fewer than two values are given.
    """
    recent = np.asarray(values[-periods:], dtype=float)
    if len(recent) < 2:
        return None
    slope = float(np.polyfit(np.arange(len(recent), dtype=float), recent, 1)[0])
    scale = abs(float(recent.mean())) or 1.0
    if abs(slope) < flat_within * scale:
        return "flat"
    return "up" if slope > 0 else "down"


def state_from_probability(probability: float) -> KpiState:
    """Return on_track for P >= 0.7, at_risk for P >= 0.3, else off_track."""
    if probability >= 0.7:
        return "on_track"
    return "at_risk" if probability >= 0.3 else "off_track"


def target_outlook(monthly_values: Sequence[float], target: float, *, today: date, target_date: date) -> TargetOutlook:
    """Return required growth, trailing growth, forecast and P(target met by `target_date`).

    `monthly_values` are month-end counts, the last one being the count on `today`.
    """
    if not monthly_values:
        raise ValueError("at least one value is needed")
    months_left = months_between(today, target_date)
    current = monthly_values[-1]
    required = required_monthly_growth(current, target, months_left)
    trailing = trailing_growth(monthly_values)
    if current >= target:
        forecast = forecast_growth(monthly_values, 1)
        return TargetOutlook(required, trailing, forecast, 1.0, "on_track")
    if months_left <= 0:
        return TargetOutlook(required, trailing, forecast_growth(monthly_values, 1), 0.0, "off_track")
    horizon = math.ceil(months_left - 1e-9)
    forecast = forecast_growth(monthly_values, horizon)
    probability = probability_of_meeting(forecast, target)
    if probability is not None:
        state: KpiState | None = state_from_probability(probability)
    elif trailing is not None:
        state = kpi_status(required, trailing).state
    else:
        state = None
    return TargetOutlook(required, trailing, forecast, probability, state)
