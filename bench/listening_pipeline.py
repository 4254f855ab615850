"""Throughput of the listening pipeline on one core, against bare vaderSentiment on the same texts.

20,000 synthetic tweets (the seeded generator of the listening reference, appendix A) go
through normalise → language → de-duplicate → 200 queries → sentiment. The target is
≥ 20,000 mentions per second where bare vaderSentiment scores about 25,000 texts per second
(issue 7), i.e. a ratio of at least 0.8 to vaderSentiment measured in the same run. Shared,
loaded machines move absolute figures a lot, so the verdict uses the ratio of median CPU
times of interleaved runs, and also reports it scaled to the reference machine.

Run: OMP_NUM_THREADS=1 taskset -c 0 .venv/bin/python bench/listening_pipeline.py
"""

from __future__ import annotations

import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from socialrx.core.listening.dedupe import Deduplicator
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.pipeline import default_scorer, process

TARGET_PER_SECOND = 20_000
REFERENCE_VADER_PER_SECOND = 25_000
RUNS = 9
BRANDS = ["IBM Watson Health", "Google Cloud Healthcare", "Microsoft Healthcare", "Amazon Healthcare",
          "Philips Healthcare AI", "Epic", "Nuance DAX", "our platform", "Tempus", "PathAI"]  # fmt: skip
TOPICS = ["Healthcare AI", "Clinical AI", "AI ethics", "radiology AI", "sepsis prediction", "ambient scribe",
          "prior authorization", "FDA clearance", "LLM hallucination", "patient privacy", "HIPAA", "EHR integration"]  # fmt: skip
POS = ["love", "amazing", "great results", "impressive", "huge win", "so helpful", "excellent", "saved hours", "brilliant"]
NEG = ["terrible", "worried about", "failed", "disappointing", "data breach", "bias problem", "lawsuit", "hate", "unsafe"]
NEU = ["announced", "released", "talked about", "webinar on", "new paper on", "report on", "update to", "panel about"]
EMO = ["", "", "", " :)", " :(", " 😀", " 😡", " 🙄", " !!!", " lol"]
TAGS = ["", "", " #HealthTech", " #AI #healthcare", " #DigitalHealth", " #MedTwitter"]
PREFIXES = ["clinical", "medical", "health", "patient", "hospital", "radiology", "pathology", "genomic", "EHR", "FDA"]
SUFFIXES = ["AI", "ML", "analytics", "automation", "chatbot", "LLM", "model", "imaging", "workflow", "data", "privacy",
            "bias", "safety", "triage", "scribe", "copilot", "platform", "algorithm", "prediction", "diagnosis"]  # fmt: skip


def make_texts(n: int = 20_000, seed: int = 42) -> list[str]:
    """Return the reference's synthetic tweets (appendix A, seed 42)."""
    r = random.Random(seed)
    out = []
    for _ in range(n):
        b, t = r.choice(BRANDS), r.choice(TOPICS)
        k = r.random()
        if k < 0.33:
            s = f"Really {r.choice(POS)} how {b} handles {t}"
        elif k < 0.66:
            s = f"{r.choice(NEG).capitalize()} {b} and its {t} claims, not great"
        else:
            s = f"{b} {r.choice(NEU)} {t} today"
        if r.random() < 0.3:
            s = f"@user{r.randint(1, 999)} " + s
        if r.random() < 0.3:
            s += f" https://t.co/{r.randint(10**6, 10**7)}"
        out.append(s + r.choice(TAGS) + r.choice(EMO))
    return out


def make_queries() -> dict[str, str]:
    """Return 200 queries over the reference's 200 keyword terms (appendix B), with boolean logic.

    10 brand watches with an exclusion, 10 topic queries with an AND-group, wildcards and a
    hashtag, and 180 "<domain> <suffix>" queries: phrase OR the two words NEAR/3 each other
    for every third one, the plain phrase with a language filter for the rest.
    """
    queries: dict[str, str] = {}
    for brand in BRANDS:
        queries[f"brand:{brand}"] = f'"{brand}" -site:ourcompany.com'
    for topic in TOPICS[:10]:
        queries[f"topic:{topic}"] = f'"{topic}" AND (ethic* OR bias OR breach OR lawsuit OR #AI)'
    for index, (prefix, suffix) in enumerate((p, s) for p in PREFIXES for s in SUFFIXES):
        if len(queries) < 200:
            near = f' OR ({prefix} NEAR/3 {suffix})' if index % 3 == 0 else ""
            queries[f"phrase:{prefix} {suffix}"] = f'("{prefix} {suffix}"{near}) -lang:fr'
    return queries


def make_mentions(texts: list[str]) -> list[Mention]:
    """Wrap the texts as mentions one minute apart, each with its own status URL."""
    start = datetime(2025, 3, 1, tzinfo=UTC)
    return [
        Mention(id=f"x-{i}", text=text, published=start + timedelta(minutes=i), author=f"user{i % 997}",
                url=f"https://x.com/user{i % 997}/status/{i}?utm_source=feed", source="x")
        for i, text in enumerate(texts)
    ]  # fmt: skip


def interleaved_medians(functions: dict[str, Callable[[], object]]) -> dict[str, float]:
    """Return each function's median CPU time over ``RUNS`` rounds that run them in turn.

    Interleaving puts every contender under the same machine load, so the ratios hold even
    when the absolute figures move.
    """
    timings: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(RUNS):
        for name, function in functions.items():
            started = time.process_time()
            function()
            timings[name].append(time.process_time() - started)
    return {name: statistics.median(values) for name, values in timings.items()}


def main() -> None:
    texts = make_texts()
    mentions = make_mentions(texts)
    query_set = QuerySet(make_queries())
    scorer = default_scorer()
    analyzer = SentimentIntensityAnalyzer()
    medians = interleaved_medians(
        {
            "pipeline": lambda: process(mentions, query_set, deduplicator=Deduplicator(), scorer=scorer),
            "vader": lambda: [analyzer.polarity_scores(text) for text in texts],
            "scorer": lambda: [scorer.compound(text) for text in texts],
        }
    )
    ours, bare, sentiment_only = medians["pipeline"], medians["vader"], medians["scorer"]
    results = process(mentions, query_set)
    stories = len({result.story_id for result in results})
    matched = sum(1 for result in results if result.query_ids)
    n = len(texts)
    print(f"mentions: {n}, queries: {len(query_set.queries)}, stories: {stories}, matched: {matched}")
    print(f"full pipeline (normalise, language, dedupe, 200 queries, sentiment): {n / ours:>9,.0f} mentions/s")
    print(f"bare vaderSentiment polarity_scores on the same texts:               {n / bare:>9,.0f} texts/s")
    print(f"our sentiment scorer alone:                                          {n / sentiment_only:>9,.0f} texts/s")
    ratio = bare / ours
    equivalent = ratio * REFERENCE_VADER_PER_SECOND
    verdict = "PASS" if equivalent >= TARGET_PER_SECOND else "FAIL"
    print(f"ratio pipeline / bare vaderSentiment: {ratio:.2f}x (scorer alone {bare / sentiment_only:.2f}x)")
    print(f"equivalent at the reference machine = {ratio:.2f} x {REFERENCE_VADER_PER_SECOND:,}/s = {equivalent:,.0f}/s")
    print(f"{verdict}: target {TARGET_PER_SECOND:,}/s (ratio {TARGET_PER_SECOND / REFERENCE_VADER_PER_SECOND:.2f}x)")
    print(f"on this machine: {n / ours / TARGET_PER_SECOND:.2f}x the target in absolute terms")


if __name__ == "__main__":
    main()
