"""Convert between ORM rows and core objects at the boundary."""

from __future__ import annotations

from functools import lru_cache

from socialrx.core.strategy import Strategy, load_strategy
from socialrx.server.models import StrategyVersion


@lru_cache(maxsize=16)
def _strategy_from_text(content_hash: str, yaml_text: str) -> Strategy:
    return load_strategy(yaml_text, source=f"strategy {content_hash[:8]}")


def strategy_of(version: StrategyVersion) -> Strategy:
    """Return the core Strategy stored in a version (parsed once per content hash)."""
    return _strategy_from_text(version.content_hash, version.yaml_text)
