"""Repurposing speed: a 2,000-word article into every format, and a 60-minute transcript into chapters.

Targets (issue 10): under 1 s for the article on one core; under 2 s for the transcript's chapters.
The article is the test fixture's HTML with its body sections repeated to 2,000 words; the
transcript is a 60-minute interview made of ten topics, one cue every five seconds.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

from socialrx.core.repurpose.chapters import segment_transcript
from socialrx.core.repurpose.ingest import article_from_html
from socialrx.core.repurpose.model import Cue
from socialrx.core.repurpose.recipes import recipes_for, repurpose_article
from socialrx.core.repurpose.shaping import RepurposeOptions
from socialrx.core.strategy import default_strategy

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "tests" / "core" / "repurpose" / "fixtures" / "sepsis-article.html"
ARTICLE_TARGET_SECONDS = 1.0
CHAPTERS_TARGET_SECONDS = 2.0
TOPICS = [
    "insulin glucose diabetes pump dosing sensor hypoglycaemia",
    "radiology scanner imaging haemorrhage worklist contrast",
    "billing claims coding reimbursement payer invoice denial",
    "pathology slides biopsy staining microscope tissue",
    "sepsis lactate antibiotics alert triage bundle",
    "privacy consent audit access breach encryption",
    "nursing staffing shifts handover fatigue roster",
    "pharmacy dispensing interactions dosage formulary stock",
    "telehealth video visits rural broadband scheduling",
    "regulation clearance intended use monitoring drift",
]


def long_article_html() -> str:
    """Return the fixture page with its article body repeated until it holds at least 2,000 words."""
    html = ARTICLE.read_text()
    body = re.search(r"<h2>Why we started</h2>.*?(?=<h2>References</h2>)", html, re.DOTALL).group(0)
    words = len(re.sub(r"<[^>]+>", " ", body).split())
    copies = -(-2000 // words)
    return html.replace(body, "".join(body.replace("<h2>", f"<h2>Part {n}: ") for n in range(1, copies + 1)))


def hour_of_cues() -> list[Cue]:
    """Return 60 minutes of cues: ten six-minute topics, a cue every five seconds."""
    cues = []
    for second in range(0, 3600, 5):
        topic = TOPICS[second // 360]
        cues.append(Cue(second, second + 4.5, f"so when we look at {topic} in practice we learn a lot about it"))
    return cues


def timed(function, runs: int = 5) -> float:
    """Return the median wall time of ``runs`` calls."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    strategy = default_strategy()
    options = RepurposeOptions(link_url="https://northwindhealth.org/a", hashtag_sets={"primary": list(strategy.hashtags.primary)})
    html = long_article_html()
    recipes = recipes_for(strategy, "blog_post")
    article_from_html(html)  # import trafilatura and its models once, as a running server has
    article = article_from_html(html)
    result = repurpose_article(article, recipes, options)
    article_seconds = timed(lambda: repurpose_article(article_from_html(html), recipes, options))
    cues = hour_of_cues()
    chapters = segment_transcript(cues)
    chapter_seconds = timed(lambda: segment_transcript(cues))
    print(f"article: {article.word_count:,} words -> {len(result.drafts)} drafts in {article_seconds * 1000:.0f} ms "
          f"(target {ARTICLE_TARGET_SECONDS:.0f} s; {ARTICLE_TARGET_SECONDS / article_seconds:.1f}x under)")
    print(f"transcript: {len(cues)} cues, 60 min -> {len(chapters)} chapters in {chapter_seconds * 1000:.0f} ms "
          f"(target {CHAPTERS_TARGET_SECONDS:.0f} s; {CHAPTERS_TARGET_SECONDS / chapter_seconds:.1f}x under)")
    starts = [chapter.start_seconds for chapter in chapters]
    hits = sum(any(abs(start - shift) <= 20 for start in starts) for shift in range(0, 3600, 360))
    print(f"chapter starts within 20 s of a topic shift: {hits} of 10 shifts")
    return 0


if __name__ == "__main__":
    sys.exit(main())
