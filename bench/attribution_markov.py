"""Markov attribution over 100,000 synthetic journeys: our exact solver beside ChannelAttribution.

Run: .venv/bin/python bench/attribution_markov.py
The journeys come from the research note's appendix C generator (seed 7). The reference
(GPL, installed only for tests/benchmarks) runs with 1e6 simulations, conv_par 0.01, seed 0.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import numpy as np

from socialrx.core.analytics.attribution.journeys import journeys_from_paths
from socialrx.core.analytics.attribution.markov import markov_attribution

REFERENCE_SECONDS_NOTE = 0.183  # measured in the research note, defaults, 100k journeys
TARGET_SECONDS = 0.5
RUNS = 5


def synthetic_journeys(n: int = 100_000, seed: int = 7) -> tuple[list[str], list[int]]:
    """Return appendix C's journeys as reference-layout paths and conversion flags."""
    rng = np.random.default_rng(seed)
    channels = np.array(["linkedin_organic", "linkedin_paid", "x_organic", "youtube", "webinar", "email",
                         "google_search", "direct"])
    popularity = np.array([.20, .15, .10, .10, .05, .15, .15, .10])
    lift = np.array([.02, .03, .005, .01, .08, .04, .03, .05])
    paths, conversions = [], []
    for _ in range(n):
        length = min(1 + rng.geometric(0.35), 12)
        picked = rng.choice(8, size=length, p=popularity)
        paths.append(" > ".join(channels[picked]))
        conversions.append(int(rng.random() < 1 - np.prod(1 - lift[picked])))
    return paths, conversions


def median_seconds(run: Callable[[], object]) -> tuple[float, object]:
    """Return the median wall time of RUNS calls and the last result."""
    times, result = [], None
    for _ in range(RUNS):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def ours(paths: list[str], conversions: list[int]) -> dict[str, float]:
    """Aggregate and parse the path strings, then attribute them (parsing is timed, as in the reference)."""
    journeys = journeys_from_paths(paths, conversions, [1 - v for v in conversions])
    return markov_attribution(journeys).conversions_by_channel()


def main() -> None:
    paths, conversions = synthetic_journeys()
    total = sum(conversions)
    print(f"journeys: {len(paths):,}  converting: {total:,}  distinct paths: {len(set(paths)):,}")
    our_seconds, our_credit = median_seconds(lambda: ours(paths, conversions))
    print(f"ours (exact, numpy): {our_seconds:.3f} s median of {RUNS}; target <= {TARGET_SECONDS} s "
          f"(ratio {our_seconds / TARGET_SECONDS:.2f}); note's reference figure {REFERENCE_SECONDS_NOTE} s "
          f"(ratio {our_seconds / REFERENCE_SECONDS_NOTE:.2f})")
    try:
        import ChannelAttribution
        import pandas
    except ImportError:
        print("reference column skipped: channelattribution (and pandas) not installed "
              "(.venv/bin/pip install channelattribution)")
        _print_table(our_credit, None, total)
        return
    frame = pandas.DataFrame({"path": paths, "total_conversions": conversions})
    frame["total_null"] = 1 - frame.total_conversions
    ref_seconds, ref_default = median_seconds(lambda: ChannelAttribution.markov_model(
        frame, "path", "total_conversions", var_null="total_null", order=1, ncore=1, seed=0,
        verbose=False, flg_pro=False))
    tight_seconds, ref_tight = median_seconds(lambda: ChannelAttribution.markov_model(
        frame, "path", "total_conversions", var_null="total_null", order=1, ncore=1, seed=0,
        nsim_start=1e6, conv_par=0.01, verbose=False, flg_pro=False))
    print(f"channelattribution defaults: {ref_seconds:.3f} s; ours/reference time ratio {our_seconds / ref_seconds:.2f}")
    print(f"channelattribution 1e6 simulations: {tight_seconds:.3f} s; "
          f"ours/reference time ratio {our_seconds / tight_seconds:.2f}")
    _print_table(our_credit, dict(zip(ref_tight.channel_name, ref_tight.total_conversions, strict=True)), total)
    default = dict(zip(ref_default.channel_name, ref_default.total_conversions, strict=True))
    print(f"max difference vs reference defaults: {_max_gap(our_credit, default, total):.3f} % of total conversions")


def _print_table(our_credit: dict[str, float], reference: dict[str, float] | None, total: int) -> None:
    print(f"{'channel':<18}{'ours':>10}" + (f"{'reference':>12}{'diff %tot':>11}" if reference else ""))
    for channel, credit in sorted(our_credit.items(), key=lambda item: -item[1]):
        line = f"{channel:<18}{credit:>10.1f}"
        if reference:
            line += f"{reference[channel]:>12.1f}{100 * (credit - reference[channel]) / total:>11.3f}"
        print(line)
    if reference:
        print(f"max difference vs reference (1e6 simulations): {_max_gap(our_credit, reference, total):.3f} % "
              "of total conversions (acceptance: < 1 %)")


def _max_gap(ours_: dict[str, float], reference: dict[str, float], total: int) -> float:
    return max(abs(ours_[c] - reference[c]) for c in ours_) / total * 100


if __name__ == "__main__":
    main()
