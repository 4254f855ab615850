"""Time the compliance checker per 280-character post on one core, beside Presidio's pattern-only analyzer.

Run: .venv/bin/python bench/compliance_speed.py

Posts: 2,000 synthetic posts (seed 7) of exactly 280 characters, about a third carrying PHI-like items and a
third risky claims. Method: pin to one core, 50-post warm-up, then time each post; report p50/p95 ms and
posts per second (median of 3 passes). Baseline: presidio-analyzer with the no-op NLP engine and its
predefined pattern recognizers, installed for this benchmark only (never imported by socialrx).

On the shared two-core machines this project runs on, one run's figures differ from the next by up to a fifth
(December 2026: p95 4.0-5.3 ms over four runs of the same code): compare versions in runs made one after the other, or
count instructions with ``valgrind --tool=callgrind``, which repeats exactly (29.4M -> 23.0M instructions a post for
the pattern and word-check changes of December 2026).
"""

from __future__ import annotations

import logging
import os
import random
import sys
import time
from collections.abc import Callable

from socialrx.core.compliance.config import ComplianceConfig
from socialrx.core.compliance.engine import check_text

TARGET_P95_MS = 5.0
POST_LENGTH = 280
CONFIG = ComplianceConfig.from_dict(
    {
        "products": [
            {"name": "NeuroTriage", "regulatory_status": "510k_cleared", "risk_info_url": "https://example.com/nt-ifu"},
            {"name": "LiverLens", "regulatory_status": "investigational"},
        ],
        "own_domains": ["example.com"],
    }
)
PHI_PARTS = [
    "Our patient Mrs. {last} (age {age}) was admitted {m}/{d} at Lakeside General, room {room}.",
    "Call {first} at (617) 555-{four} or email {first_l}.{last_l}@mail.test about her recovery story.",
    "Pt MRN {mrn}, ZIP 0{zip4}, SSN {ssn}, seen last Tuesday.",
    "Meet {first} {last}, {age2}, of Alder Creek, MT: NeuroTriage flagged his scan on {m}/{d}/2025.",
]
CLAIM_PARTS = [
    "NeuroTriage is FDA approved and 100% accurate, better than radiologists!",
    "Guaranteed ROI in 90 days. Clinically proven. Doctors recommend it. Cuts readmissions {pct}%.",
    "LiverLens is now available to order and proven safe and effective for all lesions.",
    "Zero side effects and no radiologist needed. #1 AI for stroke care.",
]
CLEAN_PARTS = [
    "NeuroTriage is FDA cleared to notify stroke teams. Notification only. Risks: https://example.com/nt-ifu",
    "Five questions to ask before adopting clinical AI; what would you add? #HealthTech #ClinicalAI",
    "Our study (Ortiz et al., 2024, https://doi.org/10.5555/x) reports a median of {mins} minutes sooner.",
    "Join our webinar with the clinical team to discuss post-market monitoring and subgroup performance.",
]
FIRSTS = ["Maria", "James", "Aisha", "Tom", "Rosa", "Wei", "Sarah", "Omar"]
LASTS = ["Fenwick", "Villanueva", "Okafor", "Chen", "Delgado", "Haddad", "Baptiste", "Novak"]


def make_posts(count: int = 2000, seed: int = 7) -> list[str]:
    """Return synthetic posts, each padded or cut to exactly 280 characters."""
    rng = random.Random(seed)
    posts = []
    for index in range(count):
        pool = (PHI_PARTS, CLAIM_PARTS, CLEAN_PARTS)[index % 3]
        first, last = rng.choice(FIRSTS), rng.choice(LASTS)
        values = {
            "first": first, "last": last, "first_l": first.lower(), "last_l": last.lower(),
            "age": rng.randint(90, 104), "age2": rng.randint(30, 89), "m": rng.randint(1, 12), "d": rng.randint(1, 28),
            "room": rng.randint(100, 999), "four": rng.randint(1000, 9999), "mrn": rng.randint(10**6, 10**8),
            "zip4": rng.randint(1000, 9999), "ssn": f"{rng.randint(100, 665)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}",
            "pct": rng.randint(10, 60), "mins": rng.randint(5, 40),
        }
        text = ""
        while len(text) < POST_LENGTH:
            text += rng.choice(pool).format(**values) + " "
        posts.append(text[:POST_LENGTH])
    return posts


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it and say which."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    if hasattr(os, "sched_setaffinity"):
        core = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {core})
        return f"pinned to CPU {core}"
    return "not pinned (no sched_setaffinity)"


def time_posts(run: Callable[[str], object], posts: list[str], passes: int = 3) -> tuple[list[float], float, float]:
    """Return per-post CPU milliseconds of the median pass, its CPU posts/s and its wall-clock posts/s.

    CPU time of this thread is the primary figure because the benchmark machine is shared and wall-clock
    time includes waiting for other processes; wall-clock throughput is printed beside it.
    """
    for post in posts[:50]:
        run(post)
    runs = []
    for _ in range(passes):
        timings = []
        wall_started = time.perf_counter()
        for post in posts:
            started = time.thread_time()
            run(post)
            timings.append((time.thread_time() - started) * 1000)
        runs.append((sum(timings), timings, time.perf_counter() - wall_started))
    runs.sort(key=lambda item: item[0])
    total_ms, timings, wall = runs[len(runs) // 2]
    return timings, len(posts) / (total_ms / 1000), len(posts) / wall


def percentile(values: list[float], share: float) -> float:
    """Return the share-th percentile of values (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def presidio_runner() -> Callable[[str], object] | str:
    """Return a Presidio pattern-only analyze function, or the reason it cannot run."""
    try:
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import NlpEngineProvider
    except ImportError as error:
        return f"presidio-analyzer is not installed ({error}); install it with .venv/bin/pip install presidio-analyzer"
    logging.getLogger("tldextract").setLevel(logging.CRITICAL)
    tldextract.extract("example.com")
    provider = NlpEngineProvider(
        nlp_configuration={"nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}]}
    )
    nlp = provider.create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(nlp_engine=nlp, languages=["en"])
    engine = AnalyzerEngine(nlp_engine=nlp, registry=registry, supported_languages=["en"])
    return lambda text: engine.analyze(text=text, language="en")


def main() -> int:
    """Print p50/p95 latency and throughput for socialrx and Presidio; always exit 0."""
    where = pin_to_one_core()
    posts = make_posts()
    print(f"{len(posts)} posts of {POST_LENGTH} characters, {where}")
    ours, ours_rate, ours_wall = time_posts(lambda text: check_text(text, config=CONFIG, channel="x"), posts)
    p50, p95 = percentile(ours, 0.50), percentile(ours, 0.95)
    verdict = "PASS" if p95 <= TARGET_P95_MS else "FAIL"
    print(f"socialrx check_text   CPU p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  {ours_rate:7.0f} posts/s (wall {ours_wall:.0f}/s)")
    print(f"target p95 <= {TARGET_P95_MS:.1f} ms: {verdict} (ratio target/p95 {TARGET_P95_MS / p95:.2f})")
    runner = presidio_runner()
    if isinstance(runner, str):
        print(f"SKIP Presidio baseline: {runner}")
        return 0
    theirs, theirs_rate, theirs_wall = time_posts(runner, posts)
    print(
        f"presidio no-op NLP    CPU p50 {percentile(theirs, 0.5):6.2f} ms  p95 {percentile(theirs, 0.95):6.2f} ms  "
        f"{theirs_rate:7.0f} posts/s (wall {theirs_wall:.0f}/s)"
    )
    print(f"throughput ratio socialrx / presidio: {ours_rate / theirs_rate:.2f}x CPU, {ours_wall / theirs_wall:.2f}x wall "
          "(socialrx also runs claims, disclosure, accessibility and platform rules)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
