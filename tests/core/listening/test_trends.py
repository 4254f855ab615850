"""Spike detection on hourly counts and emerging terms."""

import math
import random
from datetime import UTC, datetime, timedelta

import pytest

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.trends import detect_spikes, emerging_terms, hourly_counts, poisson_sf

START = datetime(2025, 1, 6, tzinfo=UTC)


def seasonal_series(weeks: int, seed: int = 11) -> list[tuple[datetime, int]]:
    rng = random.Random(seed)
    series = []
    for hour in range(weeks * 168):
        moment = START + timedelta(hours=hour)
        level = 20 * (0.5 if moment.weekday() >= 5 else 1.0) * (1.3 if 9 <= moment.hour < 18 else 0.7)
        series.append((moment, _poisson(rng, level)))
    return series


def _poisson(rng: random.Random, mean: float) -> int:
    threshold, count, product = math.exp(-mean), 0, rng.random()
    while product > threshold:
        count += 1
        product *= rng.random()
    return count


def test_poisson_tail_matches_closed_form():
    """P(X ≥ k) agrees with the complement of the summed probability mass."""
    for k, mean in [(10, 2.0), (3, 3.0), (50, 10.0), (1, 0.5)]:
        cdf = sum(math.exp(-mean) * mean**i / math.factorial(i) for i in range(k))
        assert poisson_sf(k, mean) == pytest.approx(1 - cdf, rel=1e-9, abs=1e-15)
    assert poisson_sf(0, 4.0) == 1.0
    assert poisson_sf(2000, 1000.0) < 1e-100


def test_no_false_alarm_on_flat_or_seasonal_series():
    """A flat series and a seasonal Poisson series raise no spike."""
    flat = [(START + timedelta(hours=h), 20) for h in range(6 * 168)]
    assert detect_spikes(flat) == []
    assert detect_spikes(seasonal_series(6)) == []


def test_finds_injected_spike_and_respects_cooldown():
    """An injected 4× burst over three hours is found once, then the cooldown holds."""
    series = seasonal_series(6)
    burst_start = 5 * 168 + 40
    for offset in range(3):
        moment, count = series[burst_start + offset]
        series[burst_start + offset] = (moment, count * 4 + 20)
    spikes = detect_spikes(series, cooldown=timedelta(hours=6))
    assert [spike.hour for spike in spikes] == [series[burst_start][0]]
    assert spikes[0].severity > 4
    without_cooldown = detect_spikes(series, cooldown=timedelta(0))
    assert [spike.hour for spike in without_cooldown] == [series[burst_start + i][0] for i in range(3)]


def test_minimum_count_guards_quiet_series():
    """A jump from 0 to 6 mentions is below the minimum count of 10 and is not a spike."""
    series = [(START + timedelta(hours=h), 0) for h in range(200)] + [(START + timedelta(hours=200), 6)]
    assert detect_spikes(series) == []
    assert len(detect_spikes(series, min_count=6)) == 1


def test_hourly_counts_fill_empty_hours_and_need_aware_times():
    """Timestamps bucket into dense UTC hours; naive times are refused."""
    counts = hourly_counts([START, START + timedelta(minutes=5), START + timedelta(hours=2)])
    assert [count for _, count in counts] == [2, 0, 1]
    with pytest.raises(ValueError):
        hourly_counts([datetime(2025, 1, 1)])  # noqa: DTZ001


def test_emerging_terms_need_burst_and_distinct_authors():
    """A term bursting across many authors emerges; a one-author flood does not."""
    baseline = [Mention(f"b{i}", "Routine update on clinical workflow", START, author=f"u{i}") for i in range(200)]
    recent = [Mention(f"r{i}", "Ransomware attack hits clinical workflow", START, author=f"u{i}") for i in range(30)]
    recent += [Mention(f"s{i}", "Buy cheapcoins now", START, author="spammer") for i in range(30)]
    terms = {term.term for term in emerging_terms(recent, baseline)}
    assert {"ransomware", "ransomware attack"} <= terms
    assert "cheapcoins" not in terms and "workflow" not in terms
