"""The calendar planner: a strategy and a date range in, the slots of that range out."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from socialrx.core.strategy import Strategy
from socialrx.core.strategy.schema import CommunityGroup

from .events import event_occurrences
from .model import EngagementRow, ExistingPost, PlanDiff, Slot
from .occurrences import Occurrence, OccurrenceRules, occurrence_rules, source_occurrences
from .periods import month_end
from .pillars import PillarCandidate, assign_pillars
from .sources import PlanSource, plan_sources
from .times import WeekTimes, default_week_times, posting_times, slot_start
from .words import stable_hash, topic_words


@dataclass(frozen=True)
class _Planner:
    strategy: Strategy
    version: str
    zone: ZoneInfo
    sources: tuple[PlanSource, ...]
    rules: OccurrenceRules
    times: dict[str, WeekTimes]
    pillar_words: tuple[dict[str, float], ...]
    month_themes: tuple[str, ...]
    weekday_themes: dict[tuple[int, str], str]
    hashtags: tuple[str, ...]
    event_hashtags: tuple[str, ...]


def plan_slots(
    strategy: Strategy,
    start: date,
    end: date,
    *,
    strategy_version: str = "",
    history: Sequence[EngagementRow] = (),
    existing: Sequence[ExistingPost] = (),
    groups: Sequence[CommunityGroup] | None = None,
    holidays: Collection[date] = (),
) -> list[Slot]:
    """Return the slots of the days start..end (both included), in time order.

    The result depends only on the arguments other than the range: the slots of a day
    are the same whatever range around it is planned. `existing` ad-hoc posts (those
    without a slot) count towards their content type's cadence; `groups` replaces the
    strategy's community groups; `holidays` are days without slots, like blackouts.
    """
    if end < start:
        return []
    sources = plan_sources(strategy, groups)
    planner = _Planner(
        strategy=strategy,
        version=strategy_version,
        zone=ZoneInfo(strategy.organisation.timezone),
        sources=sources,
        rules=occurrence_rules(strategy, sources, holidays=holidays, existing=existing),
        times=posting_times(strategy, history),
        pillar_words=_pillar_word_weights(strategy),
        month_themes=tuple(strategy.theme_for_month(m) for m in range(1, 13)),
        weekday_themes={
            (d, s.platform): strategy.theme_for_weekday(d, s.platform) for d in range(7) for s in sources
        }
        | {(d, p.key): strategy.theme_for_weekday(d, p.key) for d in range(7) for p in strategy.platforms},
        hashtags=strategy.hashtags.primary + strategy.hashtags.secondary,
        event_hashtags=strategy.hashtags.event + strategy.hashtags.primary,
    )
    slots: list[Slot] = []
    for year in range(start.year, end.year + 1):
        last = month_end(end) if year == end.year else date(year, 12, 31)
        slots += _plan_months(planner, date(year, 1, 1), last, max(start, date(year, 1, 1)), end)
    return sorted(slots, key=lambda s: (s.start, s.platform, s.id))


def replan(
    strategy: Strategy,
    start: date,
    end: date,
    existing_slots: Sequence[Slot],
    posts_by_slot_id: Mapping[str, object],
    **options: object,
) -> PlanDiff:
    """Return how the slots of start..end change when the strategy (or its inputs) change.

    Slots that hold posts are always kept as they are. A slot whose id and content are
    planned again is kept; one no longer planned, or planned differently, is removed
    and its new version added. `options` are those of plan_slots.
    """
    planned = {s.id: s for s in plan_slots(strategy, start, end, **options)}  # type: ignore[arg-type]
    kept, removed = [], []
    for slot in existing_slots:
        if not start <= slot.day <= end:
            continue
        if slot.id in posts_by_slot_id or planned.get(slot.id) == slot:
            kept.append(slot)
        else:
            removed.append(slot)
    kept_ids = {s.id for s in kept}
    added = [s for s in planned.values() if s.id not in kept_ids]
    return PlanDiff(added=tuple(added), removed=tuple(removed), kept=tuple(kept))


def _plan_months(planner: _Planner, first: date, last: date, keep_first: date, keep_last: date) -> list[Slot]:
    """Return the slots of keep_first..keep_last, planning whole months first..last of one year.

    The pillar mix needs every month of the year so far; only the kept days become slots.
    """
    occurrences = []
    for priority, source in enumerate(planner.sources):
        if not source.live_event:
            occurrences += source_occurrences(source, priority, first, last, planner.rules)
    occurrences += event_occurrences(planner.strategy, first, last, planner.rules, len(planner.sources))
    occurrences.sort(key=lambda o: (o.day, o.priority, o.ordinal, o.source.key))
    pillars = _pillars(planner, occurrences)
    kept = [i for i, o in enumerate(occurrences) if keep_first <= o.day <= keep_last]
    starts = _starts(planner, [occurrences[i] for i in kept])
    return [_slot(planner, occurrences[i], pillars[i], start) for i, start in zip(kept, starts, strict=True)]


def _pillars(planner: _Planner, occurrences: list[Occurrence]) -> list[str]:
    keys = [p.key for p in planner.strategy.content_pillars]
    fit_cache: dict[str, tuple[int, ...]] = {}
    candidates = []
    for occurrence in occurrences:
        source = occurrence.source
        fit = fit_cache.get(source.key)
        if fit is None:
            fit = fit_cache[source.key] = tuple(
                sum(weights.get(word, 0.0) for word in source.words) for weights in planner.pillar_words
            )
        fixed = keys.index(source.fixed_pillar) if source.fixed_pillar else None
        tie = stable_hash(source.key, occurrence.day.isoformat(), str(occurrence.ordinal))
        candidates.append(PillarCandidate(occurrence.day.month, fixed, fit, tie))
    shares = [p.share for p in planner.strategy.content_pillars]
    return [keys[index] for index in assign_pillars(candidates, shares)]


def _pillar_word_weights(strategy: Strategy) -> tuple[dict[str, float], ...]:
    """Return each pillar's topic words, a word shared by n pillars weighing 1/n."""
    words = [topic_words(p.name, *p.topics) for p in strategy.content_pillars]
    shared = defaultdict(int)
    for pillar_words in words:
        for word in pillar_words:
            shared[word] += 1
    return tuple({word: 1 / shared[word] for word in pillar_words} for pillar_words in words)


def _starts(planner: _Planner, occurrences: list[Occurrence]) -> list:
    """Return each occurrence's start: the platform's times of that weekday, in priority order."""
    taken: dict[tuple[str, date], int] = defaultdict(int)
    starts = []
    for occurrence in occurrences:
        platform, day = occurrence.source.platform, occurrence.day
        week = planner.times.get(platform) or default_week_times()
        index = taken[(platform, day)]
        taken[(platform, day)] = index + 1
        starts.append(slot_start(day, week[day.weekday()], index, planner.zone))
    return starts


def _slot(planner: _Planner, occurrence: Occurrence, pillar: str, start) -> Slot:
    source, day = occurrence.source, occurrence.day
    return Slot(
        id=f"{source.key}/{day.isoformat()}/{occurrence.ordinal}",
        platform=source.platform,
        start=start,
        content_type=source.content_type,
        format=source.format,
        pillar=pillar,
        monthly_theme=planner.month_themes[day.month - 1],
        weekday_theme=planner.weekday_themes[(day.weekday(), source.platform)],
        source=source.kind,
        strategy_version=planner.version,
        series=source.series,
        series_item=source.series_item,
        routine=source.routine,
        group=source.group,
        event=source.event,
        hashtags=_unique(source.event_hashtags + planner.event_hashtags) if source.kind == "event" else planner.hashtags,
    )


def _unique(tags: tuple[str, ...]) -> tuple[str, ...]:
    """Return the hashtags, each with its '#', without repeats (ignoring case), in their order."""
    unique: dict[str, str] = {}
    for tag in tags:
        marked = "#" + tag.lstrip("#")
        unique.setdefault(marked.lower(), marked)
    return tuple(unique.values())
