"""Properties of the planner over random date ranges and random strategies."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from socialrx.core.planning import Slot, plan_slots
from socialrx.core.planning.periods import month_end, period_bounds
from socialrx.core.planning.sources import plan_sources
from socialrx.core.strategy import Strategy, default_strategy
from socialrx.core.strategy.cadence import WEEKDAYS

from .random_strategies import random_strategies

DAYS = st.dates(min_value=date(2025, 1, 1), max_value=date(2028, 12, 31))
SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(first=DAYS, length=st.integers(0, 120), cut=st.data())
def test_slots_of_a_range_do_not_depend_on_its_boundaries(first: date, length: int, cut: st.DataObject) -> None:
    """Any sub-range planned alone gives exactly the sub-range of a larger plan."""
    strategy = default_strategy()
    last = first + timedelta(days=length)
    whole = plan_slots(strategy, first, last)
    inner_first = cut.draw(st.dates(min_value=first, max_value=last))
    inner_last = cut.draw(st.dates(min_value=inner_first, max_value=last))
    assert plan_slots(strategy, inner_first, inner_last) == [s for s in whole if inner_first <= s.day <= inner_last]


def _pillar_errors(slots: list[Slot], strategy: Strategy) -> list[tuple[int, float]]:
    """Return (slot count, largest |count - share * total| in slots) for the given slots."""
    counts = Counter(s.pillar for s in slots)
    worst = max(abs(counts[p.key] - p.share / 100 * len(slots)) for p in strategy.content_pillars)
    return [(len(slots), worst)]


@SLOW
@given(strategy=random_strategies(), year=st.integers(2025, 2028))
def test_random_strategies_keep_the_pillar_mix(strategy: Strategy, year: int) -> None:
    """Each month is within 2 slots (3 points) of every share and the year within 1 slot (1 point)."""
    slots = plan_slots(strategy, date(year, 1, 1), date(year, 12, 31))
    for month in range(1, 13):
        [(total, worst)] = _pillar_errors([s for s in slots if s.day.month == month], strategy)
        assert worst < 2
        assert 100 * worst / total <= 3
    [(total, worst)] = _pillar_errors(slots, strategy)
    assert worst <= 1
    assert 100 * worst / total <= 1


@SLOW
@given(strategy=random_strategies(), first=DAYS, weeks=st.integers(1, 30))
def test_random_strategies_honour_cadences(strategy: Strategy, first: date, weeks: int) -> None:
    """Every cadence gets between its min and max items in each whole period of the range."""
    last = first + timedelta(weeks=weeks)
    slots = plan_slots(strategy, first, last)
    counts = Counter((s.source_key, period_bounds(s.day, _unit(s, strategy))[0]) for s in slots)
    for source in plan_sources(strategy):
        unit = "week" if source.cadence.per == "day" else source.cadence.per
        start, end = period_bounds(first, unit)
        while end <= last:
            if start >= first:
                days = _matching_days(source.cadence.weekdays, start, end) if source.cadence.per == "day" else 1
                assert source.cadence.min * days <= counts[source.key, start] <= source.cadence.max * days
            start, end = period_bounds(end + timedelta(days=1), unit)
    for slot in slots:
        pinned = next(s.cadence.weekdays for s in plan_sources(strategy) if s.key == slot.source_key)
        assert not pinned or WEEKDAYS[slot.day.weekday()] in pinned


def _unit(slot: Slot, strategy: Strategy) -> str:
    source = next(s for s in plan_sources(strategy) if s.key == slot.source_key)
    return "week" if source.cadence.per == "day" else source.cadence.per


def _matching_days(weekdays: tuple[str, ...], start: date, end: date) -> int:
    days = [start + timedelta(days=n) for n in range((end - start).days + 1)]
    return sum(1 for d in days if not weekdays or WEEKDAYS[d.weekday()] in weekdays)


@SLOW
@given(strategy=random_strategies(), first=DAYS, length=st.integers(0, 60))
def test_random_strategies_are_deterministic_and_themed(strategy: Strategy, first: date, length: int) -> None:
    """Planning twice gives equal slots, each with its weekday and monthly theme."""
    last = first + timedelta(days=length)
    slots = plan_slots(strategy, first, last)
    assert slots == plan_slots(strategy, first, last)
    assert len({s.id for s in slots}) == len(slots)
    for slot in slots:
        assert first <= slot.day <= last <= month_end(last)
        assert slot.weekday_theme == strategy.theme_for_weekday(slot.day.weekday(), slot.platform)
        assert slot.monthly_theme == strategy.theme_for_month(slot.day.month)
        assert slot.pillar in {p.key for p in strategy.content_pillars}
