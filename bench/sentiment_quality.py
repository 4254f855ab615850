"""Sentiment quality: Pearson r with the human mean ratings of VADER's 4,200 ground-truth tweets.

Prints r for bare vaderSentiment, for our scorer with the healthcare layer off (which must
reproduce vaderSentiment exactly) and on, plus binary accuracy on the sign of the human mean.

Run: .venv/bin/python bench/sentiment_quality.py
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from socialrx.core.listening.sentiment.vader import SentimentScorer

GROUND_TRUTH = Path("/work/shared/external/vader/tweets_GroundTruth.txt")


def load() -> list[tuple[float, str]]:
    """Return (human mean rating, text) pairs from the ground-truth file."""
    rows = [line.split("\t") for line in GROUND_TRUTH.read_text(encoding="utf-8").splitlines()]
    return [(float(rating), text) for _, rating, text in rows]


def binary_accuracy(humans: list[float], scores: list[float]) -> float:
    """Return the share of non-zero human ratings whose sign the score gets (compound ≥ 0 is positive)."""
    pairs = [(h, s) for h, s in zip(humans, scores, strict=True) if h != 0]
    return sum((h > 0) == (s >= 0) for h, s in pairs) / len(pairs)


def main() -> int:
    if not GROUND_TRUTH.exists():
        print(f"missing {GROUND_TRUTH}")
        return 0
    rows = load()
    humans = [rating for rating, _ in rows]
    texts = [text for _, text in rows]
    analyzer = SentimentIntensityAnalyzer()
    columns = {
        "vaderSentiment 3.3.2": [analyzer.polarity_scores(text)["compound"] for text in texts],
        "ours, healthcare layer off": [SentimentScorer(healthcare=False).compound(text) for text in texts],
        "ours, healthcare layer on": [SentimentScorer().compound(text) for text in texts],
    }
    reference_r = statistics.correlation(humans, columns["vaderSentiment 3.3.2"])
    print(f"{len(texts)} tweets, human mean ratings −4…+4")
    for name, scores in columns.items():
        r = statistics.correlation(humans, scores)
        accuracy = binary_accuracy(humans, scores)
        print(f"{name:28s} Pearson r {r:.4f}  binary accuracy {accuracy:.3f}  ratio r/vader {r / reference_r:.4f}")
    identical = sum(
        abs(a - b) <= 1e-6 for a, b in zip(columns["vaderSentiment 3.3.2"], columns["ours, healthcare layer off"], strict=True)
    )
    print(f"identical compound scores (layer off vs vaderSentiment, 1e-6): {identical}/{len(texts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
