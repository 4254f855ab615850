"""Benchmark the calendar planner: a full year of the default strategy, and re-planning a month.

Targets: plan a year for all four networks in under 100 ms, re-plan one month that
already holds 500 posts in under 50 ms (one core). Prints the median CPU time of
several runs (the process's own time, so other work on the machine does not count)
and its ratio to the target (below 1.0 meets it), with the median wall time beside it.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import date

from socialrx.core.planning import ExistingPost, plan_slots, replan
from socialrx.core.strategy import default_strategy

RUNS = 9
YEAR_TARGET_MS = 100.0
REPLAN_TARGET_MS = 50.0


def median_ms(work: Callable[[], object]) -> tuple[float, float]:
    """Return the median CPU and wall times of RUNS calls, in milliseconds, after one warm-up call."""
    work()
    cpu, wall = [], []
    for _ in range(RUNS):
        cpu_start, wall_start = time.process_time(), time.perf_counter()
        work()
        cpu.append((time.process_time() - cpu_start) * 1000)
        wall.append((time.perf_counter() - wall_start) * 1000)
    return statistics.median(cpu), statistics.median(wall)


def report(name: str, times: tuple[float, float], target: float) -> None:
    """Print one figure and its ratio to the target."""
    cpu, wall = times
    print(f"  {name}: median CPU {cpu:.1f} ms (wall {wall:.1f} ms), target {target:.0f} ms, ratio {cpu / target:.2f}")


def main() -> None:
    strategy = default_strategy()
    year = plan_slots(strategy, date(2026, 1, 1), date(2026, 12, 31))
    year_ms = median_ms(lambda: plan_slots(strategy, date(2026, 1, 1), date(2026, 12, 31)))
    print(f"plan a year: {len(year)} slots on {len({s.platform for s in year})} networks")
    report("plan_slots", year_ms, YEAR_TARGET_MS)

    first, last = date(2026, 6, 1), date(2026, 6, 30)
    june = [s for s in year if first <= s.day <= last]
    posts = {}
    for n in range(500):
        slot = june[n % len(june)]
        posts.setdefault(slot.id, []).append(ExistingPost(f"post-{n}", slot.platform, slot_id=slot.id))
    diff = replan(strategy, first, last, june, posts)
    replan_ms = median_ms(lambda: replan(strategy, first, last, june, posts))
    print(f"re-plan June: {len(june)} slots, 500 posts on {len(posts)} slots, kept {len(diff.kept)}")
    report("replan", replan_ms, REPLAN_TARGET_MS)


if __name__ == "__main__":
    main()
