"""Time weighted_length over twitter-text's conformance strings and typical 280-character posts.

Target: under 200 µs per call for a full-length post, so the editor can recount on every
keystroke. When the PyPI package twitter-text-parser (MIT) is installed, its parse_tweet is
timed on the same texts as a baseline; product code never imports it.
Run: .venv/bin/python bench/platforms_x_length.py
"""

import time
from pathlib import Path

import yaml

from socialrx.core.platforms.x_text.weighted import weighted_length

TARGET_MICROSECONDS = 200.0
VALIDATE_YML = Path(__file__).resolve().parents[1].parent / "shared" / "external" / "twitter-text" / "validate.yml"
SECTIONS = ("WeightedTweetsCounterTest", "WeightedTweetsWithDiscountedEmojiCounterTest", "UnicodeDirectionalMarkerCounterTest")


def typical_posts() -> list[str]:
    """Return full-length healthcare posts with links, hashtags, emoji and accents."""
    base = (
        "New peer-reviewed study: AI-assisted triage cut ED wait times by 31% across 4 hospitals 🏥. "
        "Read the summary https://example.org/research/ai-triage?utm_source=x&utm_medium=social&utm_campaign=q3 "
        "and tell us what you see in your practice. Café-style Q&A on Thursday! #HealthcareAI #DigitalHealth"
    )
    return [base[:280], base.replace("🏥", "👩🏽‍⚕️")[:280], ("Santé numérique — résumé " * 12)[:280], "日本語のテキスト" * 17]


def per_call_microseconds(texts: list[str], rounds: int) -> float:
    """Return the mean time of one weighted_length call over ``texts``."""
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            weighted_length(text)
    return (time.perf_counter() - started) / (rounds * len(texts)) * 1e6


def baseline_microseconds(texts: list[str], rounds: int) -> float | None:
    """Return twitter-text-parser's time per call, or None when it is not installed."""
    try:
        from twitter_text import parse_tweet as baseline_parse
    except ImportError:
        return None
    baseline_parse("warm up")
    started = time.perf_counter()
    for _ in range(rounds):
        for text in texts:
            baseline_parse(text)
    return (time.perf_counter() - started) / (rounds * len(texts)) * 1e6


def main() -> None:
    """Print per-call microseconds for each workload and the ratio to the target."""
    weighted_length("warm up the compiled patterns https://example.com 😷")
    workloads = {"typical 280-char posts": typical_posts()}
    if VALIDATE_YML.exists():
        tests = yaml.safe_load(VALIDATE_YML.read_text(encoding="utf-8"))["tests"]
        cases = [case["text"] for section in SECTIONS for case in tests[section]]
        workloads["conformance strings (all)"] = cases
        workloads["conformance strings ≤ 1,000 chars"] = [text for text in cases if len(text) <= 1000]
    else:
        print(f"conformance file absent: {VALIDATE_YML}")
    for name, texts in workloads.items():
        micros = per_call_microseconds(texts, rounds=max(20, 4000 // len(texts)))
        line = f"{name:36s} {len(texts):3d} texts {micros:8.1f} µs/call, {micros / TARGET_MICROSECONDS:.2f}× target"
        baseline = baseline_microseconds(texts, rounds=max(5, 400 // len(texts)))
        if baseline is not None:
            line += f", twitter-text-parser {baseline:8.1f} µs/call ({baseline / micros:.1f}× slower)"
        print(line)


if __name__ == "__main__":
    main()
