"""Rule-based attribution: first touch, last touch, linear, time decay and position-based."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import timedelta

from socialrx.core.analytics.attribution.journeys import AttributionResult, ChannelCredit, Journey

Weights = Callable[[Journey], Sequence[float]]


def first_touch(journeys: Sequence[Journey]) -> AttributionResult:
    """Give each conversion wholly to the first channel of its path."""
    return _attribute("first_touch", journeys, lambda j: [1.0] + [0.0] * (len(j.path) - 1))


def last_touch(journeys: Sequence[Journey]) -> AttributionResult:
    """Give each conversion wholly to the last channel of its path."""
    return _attribute("last_touch", journeys, lambda j: [0.0] * (len(j.path) - 1) + [1.0])


def linear(journeys: Sequence[Journey]) -> AttributionResult:
    """Share each conversion equally over every touch of its path (a repeated channel earns each time)."""
    return _attribute("linear", journeys, lambda j: [1.0 / len(j.path)] * len(j.path))


def position_based(
    journeys: Sequence[Journey], *, first: float = 0.4, last: float = 0.4
) -> AttributionResult:
    """Give `first` to the first touch, `last` to the last and share the rest over the middle (U-shaped).

    Two touches split the credit in proportion to `first` and `last` (50/50 by default); one touch takes all.
    """
    if first < 0 or last < 0 or first + last > 1:
        raise ValueError("first and last must be non-negative and add up to at most 1")

    def weights(journey: Journey) -> list[float]:
        n = len(journey.path)
        if n == 1:
            return [1.0]
        if n == 2:
            return [first / (first + last), last / (first + last)]
        middle = (1.0 - first - last) / (n - 2)
        return [first] + [middle] * (n - 2) + [last]

    return _attribute("position_based", journeys, weights)


def time_decay(journeys: Sequence[Journey], *, half_life: timedelta = timedelta(days=7)) -> AttributionResult:
    """Weight each touch by 2^(-age / half_life), age measured back from the conversion.

    Every converting journey needs `touch_times`; `converted_at` defaults to its last touch.
    """
    if half_life <= timedelta(0):
        raise ValueError("half_life must be positive")

    def weights(journey: Journey) -> list[float]:
        if journey.touch_times is None:
            raise ValueError(f"time decay needs touch times; the journey {' > '.join(journey.path)} has none")
        end = journey.converted_at or max(journey.touch_times)
        raw = [2.0 ** (-max((end - at) / half_life, 0.0)) for at in journey.touch_times]
        return [weight / sum(raw) for weight in raw]

    return _attribute("time_decay", journeys, weights)


def _attribute(model: str, journeys: Sequence[Journey], weights: Weights) -> AttributionResult:
    conversions: dict[str, float] = {}
    value: dict[str, float] = {}
    for journey in journeys:
        for channel in journey.path:
            conversions.setdefault(channel, 0.0)
            value.setdefault(channel, 0.0)
        if not journey.conversions and not journey.value:
            continue
        for channel, weight in zip(journey.path, weights(journey), strict=True):
            conversions[channel] += journey.conversions * weight
            value[channel] += journey.value * weight
    return AttributionResult(model, tuple(ChannelCredit(c, conversions[c], value[c]) for c in conversions))
