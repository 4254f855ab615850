"""The strategy entries that produce slots: content types, series items and community routines."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from socialrx.core.strategy import Cadence, Strategy, format_cadence
from socialrx.core.strategy.schema import CommunityGroup

from .words import slug, stable_hash, topic_words

SourceKind = Literal["cadence", "series", "routine", "event"]


@dataclass(frozen=True, slots=True)
class PlanSource:
    """One recurring entry of the strategy on one platform, with its cadence and topic words."""

    key: str
    kind: SourceKind
    platform: str
    cadence: Cadence
    content_type: str
    format: str
    label: str
    words: frozenset[str]
    fixed_pillar: str | None = None
    series: str | None = None
    series_item: str = ""
    routine: str | None = None
    group: str | None = None
    event: str | None = None
    event_hashtags: tuple[str, ...] = ()
    live_event: bool = False


def plan_sources(strategy: Strategy, groups: Sequence[CommunityGroup] | None = None) -> tuple[PlanSource, ...]:
    """Return every recurring entry of a strategy, in the order the strategy lists them.

    `groups` replaces the strategy's community groups (e.g. the groups stored in the app).
    """
    return (
        _content_type_sources(strategy)
        + _series_sources(strategy)
        + _routine_sources(strategy, strategy.community.groups if groups is None else tuple(groups))
    )


def _content_type_sources(strategy: Strategy) -> tuple[PlanSource, ...]:
    found = []
    for platform in strategy.platforms:
        for item in platform.content_types:
            found.append(
                PlanSource(
                    key=f"{platform.key}/{item.key}",
                    kind="cadence",
                    platform=platform.key,
                    cadence=item.cadence,
                    content_type=item.key,
                    format=item.format,
                    label=f"{platform.name} {item.name}",
                    words=topic_words(item.name, item.description),
                    fixed_pillar=item.pillar,
                    live_event=item.live_event,
                )
            )
    return tuple(found)


def _series_sources(strategy: Strategy) -> tuple[PlanSource, ...]:
    names = {p.key: p.name for p in strategy.platforms}
    found: list[PlanSource] = []
    seen: set[str] = set()
    for series in strategy.series:
        for item in series.items:
            key = f"{item.platform}/{series.key}.{slug(format_cadence(item.cadence))}_{slug(item.format)}"
            if key in seen:
                # Two items alike in platform, cadence and format are told apart by their text.
                key = f"{key}_{stable_hash(item.description):08x}"
            seen.add(key)
            found.append(
                PlanSource(
                    key=key,
                    kind="series",
                    platform=item.platform,
                    cadence=item.cadence,
                    content_type=series.key,
                    format=item.format,
                    label=f"{names[item.platform]} {series.name}: {item.description or item.format}",
                    words=topic_words(series.name, series.description, item.description),
                    series=series.key,
                    series_item=item.description,
                )
            )
    return tuple(found)


def _routine_sources(strategy: Strategy, groups: tuple[CommunityGroup, ...]) -> tuple[PlanSource, ...]:
    names = {p.key: p.name for p in strategy.platforms}
    found = []
    for routine in strategy.community.routines:
        for group in groups:
            if group.network != routine.platform or (routine.owned_groups_only and group.role != "owner"):
                continue
            routine_key = slug(routine.name)
            found.append(
                PlanSource(
                    key=f"{routine.platform}/{routine_key}.{slug(group.name)}",
                    kind="routine",
                    platform=routine.platform,
                    cadence=routine.cadence,
                    content_type=routine_key,
                    format="post",
                    label=f"{names.get(routine.platform, routine.platform)} {routine.name} in {group.name}",
                    words=topic_words(routine.name),
                    routine=routine.name,
                    group=group.name,
                )
            )
    return tuple(found)
