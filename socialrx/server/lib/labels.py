"""One registry of display names, so no page shows a raw code ('customer_success', 'on_pace')."""

from __future__ import annotations

from socialrx.server.lib.access import active_strategy_version
from socialrx.server.lib.audit import ACTION_LABELS
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.roles import ROLE_BY_KEY
from socialrx.server.models import PostStatus
from socialrx.server.models.posts import CHANNELS

KPI_STATUS_LABELS = {"on_track": "on track", "at_risk": "at risk", "off_track": "off track", "none": "no target"}
PACING_LABELS = {"under": "under pace", "on_pace": "on pace", "over": "over pace"}
FIXED_LABELS: dict[str, dict[str, str]] = {
    "status": dict(PostStatus.choices),
    "network": dict(CHANNELS),
    "role": {key: role.name for key, role in ROLE_BY_KEY.items()},
    "action": ACTION_LABELS,
    "kpi": KPI_STATUS_LABELS,
    "pacing": PACING_LABELS,
}
STRATEGY_KINDS = ("pillar", "series")


def _strategy_labels(kind: str) -> dict[str, str]:
    version = active_strategy_version()
    if version is None:
        return {}
    strategy = strategy_of(version)
    items = strategy.content_pillars if kind == "pillar" else strategy.series
    return {item.key: item.name for item in items}


def display_label(kind: str, key: object) -> str:
    """Return the display name of a key of one kind; unknown keys read as words, never as codes."""
    if kind not in FIXED_LABELS and kind not in STRATEGY_KINDS:
        raise ValueError(f"unknown label kind {kind!r}; use one of {', '.join([*FIXED_LABELS, *STRATEGY_KINDS])}")
    text = "" if key is None else str(key)
    if not text:
        return ""
    names = FIXED_LABELS[kind] if kind in FIXED_LABELS else _strategy_labels(kind)
    if text in names:
        return names[text]
    return text.removeprefix("socialrx.").replace("_", " ").replace(".", " ")


def pacing_label(flag: str, index: float | None) -> str:
    """Return a pacing state as people say it: 'on pace (99%)'."""
    words = display_label("pacing", flag)
    return words if index is None else f"{words} ({index * 100:.0f}%)"
