from __future__ import annotations

from datetime import date

import pytest

from socialrx.core.planning import Slot, plan_slots
from socialrx.core.strategy import Strategy, default_strategy


@pytest.fixture(scope="session")
def seed() -> Strategy:
    return default_strategy()


@pytest.fixture(scope="session")
def seed_year(seed: Strategy) -> list[Slot]:
    return plan_slots(seed, date(2026, 1, 1), date(2026, 12, 31), strategy_version="7")
