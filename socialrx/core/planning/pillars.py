"""Pillar assignment: every calendar month near the target mix, the year nearer still.

Slots of one calendar year are handled month by month. Each month's quota of a pillar
is what brings the year-to-date count closest to its target share (largest remainder
over the deficits), so the year-to-date count of every pillar stays within one slot of
its target and each month within two. Inside a month, slots go first to the pillar
their topics point to most clearly (the pillar's part of the slot's whole fit), then
fill the remaining quotas in date order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PillarCandidate:
    """A slot waiting for a pillar: its month, a pillar it must have (or None) and its fit to each."""

    month: int
    fixed: int | None
    fit: tuple[float, ...]
    tie: int


def apportion(weights: Sequence[float], seats: int) -> list[int]:
    """Return whole numbers summing to `seats`, proportional to weights (largest remainder)."""
    total = sum(weights)
    if seats <= 0:
        return [0] * len(weights)
    if total <= 0:
        weights, total = [1.0] * len(weights), float(len(weights))
    exact = [w * seats / total for w in weights]
    result = [int(x) for x in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - result[i]), -weights[i], i))
    for index in by_remainder[: seats - sum(result)]:
        result[index] += 1
    return result


def assign_pillars(candidates: Sequence[PillarCandidate], shares: Sequence[float]) -> list[int]:
    """Return a pillar index for each candidate of one calendar year, given in date order."""
    totals = [0] * len(shares)
    result = [-1] * len(candidates)
    start = 0
    while start < len(candidates):
        end = start
        while end < len(candidates) and candidates[end].month == candidates[start].month:
            end += 1
        _assign_month(candidates, range(start, end), shares, totals, result)
        start = end
    return result


def _assign_month(
    candidates: Sequence[PillarCandidate],
    month: range,
    shares: Sequence[float],
    totals: list[int],
    result: list[int],
) -> None:
    free = []
    for index in month:
        fixed = candidates[index].fixed
        if fixed is None:
            free.append(index)
        else:
            result[index] = fixed
            totals[fixed] += 1
    cumulative = sum(totals) + len(free)
    deficits = [max(share / 100 * cumulative - totals[p], 0.0) for p, share in enumerate(shares)]
    quotas = apportion(deficits, len(free))
    _fill(candidates, free, quotas, result)
    for index in free:
        totals[result[index]] += 1


def _fill(candidates: Sequence[PillarCandidate], free: list[int], quotas: list[int], result: list[int]) -> None:
    pairs = sorted(
        (-fit / sum(candidates[index].fit), -fit, candidates[index].tie, index, pillar)
        for index in free
        for pillar, fit in enumerate(candidates[index].fit)
        if fit > 0
    )
    for *_, index, pillar in pairs:
        if result[index] < 0 and quotas[pillar] > 0:
            result[index] = pillar
            quotas[pillar] -= 1
    for index in free:
        if result[index] < 0:
            pillar = max(range(len(quotas)), key=lambda p: (quotas[p], -p))
            result[index] = pillar
            quotas[pillar] -= 1
