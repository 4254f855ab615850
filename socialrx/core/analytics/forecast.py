"""Forecast a growing count (followers, subscribers) to a target date and the chance of meeting it.

Per the research note: always show the required compound growth; with 6+ monthly points fit
ETS(A,Ad,N) (Holt's damped trend) on log(values); with 3-5 points fit a log-linear trend; with
fewer, give the required growth only. Forecast errors are normal on the log scale, so the
median forecast is exp(mean) and P(target met) is a normal tail probability.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist
from typing import Literal

import numpy as np

Comparison = Literal["at_least", "at_most"]
ForecastMethod = Literal["holt_damped", "log_linear", "required_growth_only"]
_ALPHAS = np.linspace(0.05, 1.0, 20)
_BETA_FRACTIONS = np.linspace(0.0, 1.0, 11)
_PHIS = np.linspace(0.8, 0.98, 10)


@dataclass(frozen=True)
class DampedTrendFit:
    """Smoothing parameters, final level and trend (log scale) and the one-step error s.d."""

    alpha: float
    beta: float
    phi: float
    level: float
    trend: float
    sigma: float


@dataclass(frozen=True)
class GrowthForecast:
    """Median forecast and prediction interval for steps 1..horizon, with the log-scale s.d. at each step."""

    method: ForecastMethod
    median: tuple[float, ...]
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    log_mean: tuple[float, ...]
    log_sd: tuple[float, ...]
    interval: float


def required_monthly_growth(current: float, target: float, months_left: float) -> float:
    """Return the compound monthly growth needed to go from `current` to `target` in `months_left`."""
    if current <= 0 or target <= 0:
        raise ValueError("current and target must be positive")
    if months_left <= 0:
        return 0.0 if current >= target else math.inf
    return (target / current) ** (1.0 / months_left) - 1.0


def months_between(start: date, end: date) -> float:
    """Return calendar months from `start` to `end`, the last partial month as a fraction of 30.44 days."""
    whole = (end.year - start.year) * 12 + (end.month - start.month)
    return whole + (end.day - start.day) / 30.436875


def trailing_growth(values: Sequence[float], *, periods: int = 3) -> float | None:
    """Return the average compound growth per period over the last `periods` periods, or None if too short."""
    if len(values) < 2:
        return None
    span = min(periods, len(values) - 1)
    first, last = values[-1 - span], values[-1]
    if first <= 0 or last <= 0:
        return None
    return (last / first) ** (1.0 / span) - 1.0


def fit_damped_trend(log_values: Sequence[float]) -> DampedTrendFit:
    """Fit ETS(A,Ad,N) by least squares over a parameter grid (alpha, beta <= alpha, phi in 0.8-0.98)."""
    y = np.asarray(log_values, dtype=float)
    if len(y) < 3:
        raise ValueError("a damped trend needs at least 3 points")
    alpha, fraction, phi = (grid.ravel() for grid in np.meshgrid(_ALPHAS, _BETA_FRACTIONS, _PHIS, indexing="ij"))
    beta = alpha * fraction
    level = np.full(alpha.shape, y[1])
    trend = np.full(alpha.shape, y[1] - y[0])
    squared = np.zeros(alpha.shape)
    for observed in y[2:]:
        error = observed - (level + phi * trend)
        squared += error**2
        level = level + phi * trend + alpha * error
        trend = phi * trend + beta * error
    best = int(np.argmin(squared + 1e-12 * (1 - phi)))  # on ties prefer the least damping
    sigma = math.sqrt(squared[best] / (len(y) - 2))
    return DampedTrendFit(float(alpha[best]), float(beta[best]), float(phi[best]), float(level[best]),
                          float(trend[best]), sigma)


def forecast_growth(values: Sequence[float], horizon: int, *, interval: float = 0.8) -> GrowthForecast:
    """Forecast `horizon` periods ahead with the method the history allows (see module docstring)."""
    if horizon < 1:
        raise ValueError("horizon must be at least 1")
    if any(value <= 0 for value in values):
        raise ValueError("values must be positive to forecast growth on the log scale")
    log_y = [math.log(value) for value in values]
    if len(values) >= 6:
        method: ForecastMethod = "holt_damped"
        means, sds = _damped_forecast(fit_damped_trend(log_y), horizon)
    elif len(values) >= 3:
        method = "log_linear"
        means, sds = _log_linear_forecast(log_y, horizon)
    else:
        return GrowthForecast("required_growth_only", (), (), (), (), (), interval)
    z = NormalDist().inv_cdf(0.5 + interval / 2)
    return GrowthForecast(
        method,
        tuple(math.exp(m) for m in means),
        tuple(math.exp(m - z * s) for m, s in zip(means, sds, strict=True)),
        tuple(math.exp(m + z * s) for m, s in zip(means, sds, strict=True)),
        tuple(means),
        tuple(sds),
        interval,
    )


def _damped_forecast(fit: DampedTrendFit, horizon: int) -> tuple[list[float], list[float]]:
    means, sds = [], []
    damping_sum = 0.0
    variance_factor = 1.0
    for step in range(1, horizon + 1):
        damping_sum += fit.phi**step
        means.append(fit.level + damping_sum * fit.trend)
        sds.append(fit.sigma * math.sqrt(variance_factor))
        # c_j = alpha + beta * (phi + ... + phi^j): weight of an earlier error on this step's forecast.
        variance_factor += (fit.alpha + fit.beta * damping_sum) ** 2
    return means, sds


def _log_linear_forecast(log_y: Sequence[float], horizon: int) -> tuple[list[float], list[float]]:
    n = len(log_y)
    x = np.arange(n, dtype=float)
    slope, intercept = np.polyfit(x, np.asarray(log_y), 1)
    residuals = np.asarray(log_y) - (intercept + slope * x)
    se = math.sqrt(float(residuals @ residuals) / (n - 2)) if n > 2 else 0.0
    sxx = float(((x - x.mean()) ** 2).sum())
    means, sds = [], []
    for step in range(1, horizon + 1):
        x0 = n - 1 + step
        means.append(float(intercept + slope * x0))
        sds.append(se * math.sqrt(1 + 1 / n + (x0 - x.mean()) ** 2 / sxx))
    return means, sds


def probability_of_meeting(
    forecast: GrowthForecast, target: float, *, comparison: Comparison = "at_least"
) -> float | None:
    """Return P(the value at the forecast's last step meets the target), or None without a forecast."""
    if not forecast.log_mean:
        return None
    mean, sd = forecast.log_mean[-1], forecast.log_sd[-1]
    threshold = math.log(target)
    if sd <= 1e-12:
        above = mean >= threshold - 1e-12
        return float(above if comparison == "at_least" else mean <= threshold + 1e-12)
    below = NormalDist(mean, sd).cdf(threshold)
    return 1.0 - below if comparison == "at_least" else below
