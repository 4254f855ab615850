"""Plan health: how a calendar measures up to its strategy, for the calendar page's warnings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from socialrx.core.strategy import Strategy
from socialrx.core.strategy.cadence import WEEKDAYS
from socialrx.core.strategy.schema import CommunityGroup

from .model import ExistingPost, Slot
from .occurrences import occurrence_rules
from .periods import days_between, period_label, periods_overlapping
from .sources import PlanSource, plan_sources
from .words import topic_words

UPCOMING_DAYS = 14
_PERIOD_NAMES = {"day": "week", "week": "week", "fortnight": "fortnight", "month": "month", "quarter": "quarter", "year": "year"}


@dataclass(frozen=True, slots=True)
class PillarMonthMix:
    """A pillar's share of one month: target, planned slots and written posts, in percent."""

    month: str
    pillar: str
    target: float
    planned: float
    written: float
    planned_count: int
    written_count: int


@dataclass(frozen=True, slots=True)
class CadenceGap:
    """A period in which the plan has fewer items of a source than its cadence asks."""

    period: str
    platform: str
    source_key: str
    label: str
    expected: int
    planned: int

    def __str__(self) -> str:
        short = "missing" if self.planned == 0 else f"{self.planned} of {self.expected} planned"
        return f"{self.period}: {self.label} {short}"


@dataclass(frozen=True, slots=True)
class ThemeCoverage:
    """How many slots of a weekday carry content that speaks to that day's theme."""

    weekday: str
    theme: str
    slots: int
    on_theme: int


@dataclass(frozen=True, slots=True)
class PlanHealth:
    """The health of a plan: pillar mix, cadence gaps, theme coverage and unwritten slots soon due."""

    pillar_mix: tuple[PillarMonthMix, ...]
    cadence_gaps: tuple[CadenceGap, ...]
    theme_coverage: tuple[ThemeCoverage, ...]
    months_without_theme: tuple[str, ...]
    empty_soon: tuple[Slot, ...]

    def messages(self) -> list[str]:
        """Return one readable line per problem found."""
        lines = [str(gap) for gap in self.cadence_gaps]
        lines += [f"month {month}: no monthly theme" for month in self.months_without_theme]
        if self.empty_soon:
            lines.append(f"{len(self.empty_soon)} slots in the next {UPCOMING_DAYS} days have no post yet")
        return lines


def plan_health(
    slots: Sequence[Slot],
    posts: Sequence[ExistingPost],
    strategy: Strategy,
    today: date,
    *,
    holidays: Collection[date] = (),
    groups: Sequence[CommunityGroup] | None = None,
) -> PlanHealth:
    """Return the health of the slots (and the posts written for them) against the strategy."""
    if not slots:
        return PlanHealth((), (), (), (), ())
    first, last = min(s.day for s in slots), max(s.day for s in slots)
    written = {p.slot_id: p for p in posts if p.slot_id}
    sources = plan_sources(strategy, groups)
    blocked = occurrence_rules(strategy, sources, holidays=holidays, existing=()).blocked
    months = sorted({(s.day.year, s.day.month) for s in slots})
    soon = tuple(s for s in slots if today <= s.day < today + timedelta(days=UPCOMING_DAYS) and s.id not in written)
    return PlanHealth(
        pillar_mix=_pillar_mix(slots, written, strategy),
        cadence_gaps=_cadence_gaps(slots, sources, first, last, blocked),
        theme_coverage=_theme_coverage(slots, strategy, {s.key: s.words for s in sources}),
        months_without_theme=tuple(f"{y}-{m:02d}" for y, m in months if not strategy.theme_for_month(m)),
        empty_soon=soon,
    )


def _pillar_mix(slots: Sequence[Slot], written: dict[str, ExistingPost], strategy: Strategy) -> tuple[PillarMonthMix, ...]:
    planned: dict[str, Counter] = defaultdict(Counter)
    done: dict[str, Counter] = defaultdict(Counter)
    for slot in slots:
        month = f"{slot.day.year}-{slot.day.month:02d}"
        planned[month][slot.pillar] += 1
        if slot.id in written:
            done[month][written[slot.id].pillar or slot.pillar] += 1
    result = []
    for month in sorted(planned):
        total, total_written = sum(planned[month].values()), sum(done[month].values())
        for pillar in strategy.content_pillars:
            count, count_written = planned[month][pillar.key], done[month][pillar.key]
            result.append(
                PillarMonthMix(
                    month=month,
                    pillar=pillar.key,
                    target=pillar.share,
                    planned=100 * count / total,
                    written=100 * count_written / total_written if total_written else 0.0,
                    planned_count=count,
                    written_count=count_written,
                )
            )
    return tuple(result)


def _cadence_gaps(
    slots: Sequence[Slot], sources: Sequence[PlanSource], first: date, last: date, blocked: frozenset[date]
) -> tuple[CadenceGap, ...]:
    counts = Counter()
    for slot in slots:
        counts[slot.source_key, slot.day] += 1
    gaps = []
    for source in sources:
        if source.live_event:
            continue
        per = "week" if source.cadence.per == "day" else source.cadence.per
        for start, end in periods_overlapping(first, last, per):
            if start < first or end > last:
                continue
            expected = _expected(source, days_between(start, end), blocked)
            planned = sum(counts[source.key, day] for day in days_between(start, end))
            if planned < expected:
                period = f"{_PERIOD_NAMES[source.cadence.per]} {period_label(start, per)}"
                gaps.append(CadenceGap(period, source.platform, source.key, source.label, expected, planned))
    return tuple(sorted(gaps, key=lambda g: (g.period, g.source_key)))


def _expected(source: PlanSource, days: list[date], blocked: frozenset[date]) -> int:
    pinned = {WEEKDAYS.index(d) for d in source.cadence.weekdays} or set(range(7))
    open_days = [d for d in days if d not in blocked and d.weekday() in pinned]
    if source.cadence.per == "day":
        return source.cadence.min * len(open_days)
    return min(source.cadence.min, len(open_days))


def _theme_coverage(
    slots: Sequence[Slot], strategy: Strategy, source_words: dict[str, frozenset[str]]
) -> tuple[ThemeCoverage, ...]:
    result = []
    for item in strategy.weekday_themes:
        weekday = WEEKDAYS.index(item.weekday)
        theme_words = topic_words(item.theme)
        on_day = [s for s in slots if s.day.weekday() == weekday and (not item.platforms or s.platform in item.platforms)]
        on_theme = sum(1 for s in on_day if theme_words & (source_words.get(s.source_key) or _slot_words(s)))
        result.append(ThemeCoverage(item.weekday, item.theme, len(on_day), on_theme))
    return tuple(result)


def _slot_words(slot: Slot) -> frozenset[str]:
    """Return the topic words of a slot whose source is not a recurring entry (an event)."""
    return topic_words(slot.content_type.replace("_", " "), slot.series_item, slot.routine or "")

