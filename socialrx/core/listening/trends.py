"""Spikes in hourly mention counts and emerging terms, by count-based (Poisson) tail tests.

The baseline for an hour is the median of the same hour of the week over the last four
weeks (plus 0.5); with less history it falls back to the mean of the same hour of the day
over the previous seven days. An hour is a spike when its count is improbably high for that
baseline, at least ``min_count`` and at least ``min_ratio`` times the baseline; after a spike
the same series stays quiet for ``cooldown``.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from socialrx.core.listening.language import FUNCTION_WORDS
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.tokens import tokenize

HOUR = timedelta(hours=1)
WEEK_HOURS = 168
STOPWORDS = frozenset().union(*FUNCTION_WORDS.values())


@dataclass(frozen=True, slots=True)
class Spike:
    """An hour whose count is far above its baseline."""

    hour: datetime
    count: int
    baseline: float
    p_value: float

    @property
    def severity(self) -> float:
        """Return −log10 of the p-value (higher is more surprising)."""
        return -math.log10(max(self.p_value, 1e-300))


@dataclass(frozen=True, slots=True)
class EmergingTerm:
    """A word or word pair used far more in the recent documents than the baseline predicts."""

    term: str
    recent_count: int
    baseline_count: int
    expected: float
    p_value: float
    authors: int


def poisson_sf(count: int, mean: float) -> float:
    """Return P(X ≥ count) for X ~ Poisson(mean)."""
    if count <= 0:
        return 1.0
    if mean <= 0:
        return 0.0
    if count <= mean:
        index = count - 1
        term = math.exp(-mean + index * math.log(mean) - math.lgamma(index + 1))
        lower = 0.0
        while index >= 0 and term > lower * 1e-17:
            lower += term
            term *= index / mean
            index -= 1
        return max(0.0, 1.0 - lower)
    term = math.exp(-mean + count * math.log(mean) - math.lgamma(count + 1))
    upper, index = 0.0, count
    while term > upper * 1e-17:
        upper += term
        index += 1
        term *= mean / index
    return min(1.0, upper)


def _hour_of(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{moment!r} must be timezone-aware")
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def hourly_counts(timestamps: Iterable[datetime]) -> list[tuple[datetime, int]]:
    """Return counts per UTC hour from the first to the last timestamp, empty hours included."""
    counts: dict[datetime, int] = {}
    for moment in timestamps:
        hour = _hour_of(moment)
        counts[hour] = counts.get(hour, 0) + 1
    return _dense(counts)


def _dense(counts: dict[datetime, int]) -> list[tuple[datetime, int]]:
    if not counts:
        return []
    first, last = min(counts), max(counts)
    steps = int((last - first) / HOUR)
    return [(first + step * HOUR, counts.get(first + step * HOUR, 0)) for step in range(steps + 1)]


def _baseline(values: Sequence[int], index: int, weeks: int) -> float | None:
    same_hour_of_week = [values[index - WEEK_HOURS * w] for w in range(1, weeks + 1) if index - WEEK_HOURS * w >= 0]
    if len(same_hour_of_week) == weeks:
        return statistics.median(same_hour_of_week) + 0.5
    same_hour_of_day = [values[index - 24 * d] for d in range(1, 8) if index - 24 * d >= 0]
    if not same_hour_of_day:
        return None
    return statistics.fmean(same_hour_of_day) + 0.5


def detect_spikes(
    hourly: Sequence[tuple[datetime, int]],
    *,
    p_threshold: float = 1e-4,
    min_count: int = 10,
    min_ratio: float = 2.0,
    cooldown: timedelta = timedelta(hours=6),
    baseline_weeks: int = 4,
) -> list[Spike]:
    """Return the spike hours of an hourly count series (total or negative-sentiment mentions)."""
    counts: dict[datetime, int] = {}
    for moment, count in hourly:
        hour = _hour_of(moment)
        counts[hour] = counts.get(hour, 0) + count
    series = _dense(counts)
    values = [count for _, count in series]
    spikes: list[Spike] = []
    quiet_until: datetime | None = None
    for index, (hour, count) in enumerate(series):
        if count < min_count or (quiet_until is not None and hour < quiet_until):
            continue
        baseline = _baseline(values, index, baseline_weeks)
        if baseline is None or count < min_ratio * baseline:
            continue
        p_value = poisson_sf(count, baseline)
        if p_value < p_threshold:
            spikes.append(Spike(hour, count, baseline, p_value))
            quiet_until = hour + cooldown
    return spikes


def _doc_terms(mention: Mention) -> set[str]:
    words = [t for t in tokenize(mention.text) if t[0] != "@" and t not in STOPWORDS and not t.isdigit()]
    words = [t for t in words if len(t) > 2 or t.startswith("#")]
    return set(words) | {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _document_frequencies(docs: Sequence[Mention]) -> tuple[dict[str, int], dict[str, set[str]]]:
    frequency: dict[str, int] = {}
    authors: dict[str, set[str]] = {}
    for doc in docs:
        who = doc.author.casefold().lstrip("@") or doc.site or doc.id
        for term in _doc_terms(doc):
            frequency[term] = frequency.get(term, 0) + 1
            authors.setdefault(term, set()).add(who)
    return frequency, authors


def emerging_terms(
    recent_docs: Sequence[Mention],
    baseline_docs: Sequence[Mention],
    *,
    min_count: int = 5,
    min_authors: int = 3,
    min_ratio: float = 3.0,
    p_threshold: float = 1e-3,
    limit: int = 20,
) -> list[EmergingTerm]:
    """Return the terms (words and word pairs) bursting in ``recent_docs`` against ``baseline_docs``.

    A term's expected recent count is its baseline document rate (plus 0.5 documents) times the
    number of recent documents; it emerges when its recent count is improbably high under a
    Poisson law, at least ``min_ratio`` times expected, and used by ``min_authors`` distinct authors.
    """
    if not recent_docs:
        return []
    recent, authors = _document_frequencies(recent_docs)
    baseline, _ = _document_frequencies(baseline_docs)
    scale = len(recent_docs) / max(1, len(baseline_docs))
    found: list[EmergingTerm] = []
    for term, count in recent.items():
        expected = (baseline.get(term, 0) + 0.5) * scale
        if count < min_count or len(authors[term]) < min_authors or count < min_ratio * expected:
            continue
        p_value = poisson_sf(count, expected)
        if p_value < p_threshold:
            found.append(EmergingTerm(term, count, baseline.get(term, 0), expected, p_value, len(authors[term])))
    found.sort(key=lambda item: (item.p_value, -item.recent_count, item.term))
    return found[:limit]
