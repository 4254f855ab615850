"""Extractive key points: the most central sentences, each statistic kept whole with its source.

Sentences are scored by term centrality (cosine similarity of their content words to the whole
piece, words weighted by how many sentences use them), position (early paragraphs and the first
sentence of a paragraph), heading words, and by carrying a sourced figure. The result is
deterministic: ties keep document order.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from socialrx.core.repurpose.model import Article, Block
from socialrx.core.repurpose.text import (
    content_words,
    footnote_labels,
    inline_citations,
    split_sentences,
    statistics_in,
    without_footnote_markers,
)

MIN_WORDS = 6
MAX_WORDS = 60


@dataclass(frozen=True)
class KeyPoint:
    """One key sentence as drafts quote it: with its source attached when it states a figure.

    ``sources`` are what the sentence cites (inline citation, footnote text or link);
    ``statistics`` the figures it states. ``text`` never separates the two.
    """

    text: str
    position: int
    score: float
    heading: str = ""
    statistics: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Candidate:
    sentence: str
    block: Block
    block_index: int
    first_in_block: bool
    words: tuple[str, ...]


def key_points(article: Article, *, count: int = 6) -> list[KeyPoint]:
    """Return up to ``count`` key points of ``article`` in document order.

    A sentence stating a figure is eligible only with a source (inline, footnote or link in
    the same sentence), and it is always quoted whole together with that source.
    """
    candidates = _candidates(article)
    if not candidates:
        return []
    weights = _term_weights(candidates)
    centroid = Counter()
    for candidate in candidates:
        for word in candidate.words:
            centroid[word] += weights[word]
    heading_words = set(content_words(" ".join(article.headings) + " " + article.title))
    total_blocks = max(candidate.block_index for candidate in candidates) + 1
    scored = []
    for position, candidate in enumerate(candidates):
        point = _point(candidate, article, position)
        if point is None:
            continue
        score = _score(candidate, weights, centroid, heading_words, total_blocks) + (0.15 if point.sources else 0.0)
        scored.append((score, point))
    best = sorted(scored, key=lambda pair: (-pair[0], pair[1].position))[:count]
    return [KeyPoint(p.text, p.position, round(s, 6), p.heading, p.statistics, p.sources) for s, p in sorted(best, key=lambda pair: pair[1].position)]


def unsourced_statistics(article: Article) -> list[str]:
    """Return the sentences that state a figure without any source: they are never quoted."""
    return [c.sentence for c in _candidates(article) if statistics_in(c.sentence) and not _sources(c, article)]


def _candidates(article: Article) -> list[_Candidate]:
    candidates = []
    for block_index, block in enumerate(article.blocks):
        if block.kind == "heading":
            continue
        for index, sentence in enumerate(split_sentences(block.text)):
            words = len(sentence.split())
            if MIN_WORDS <= words <= MAX_WORDS and not sentence.endswith("?"):
                candidates.append(_Candidate(sentence, block, block_index, index == 0, tuple(content_words(sentence))))
    return candidates


def _term_weights(candidates: list[_Candidate]) -> dict[str, float]:
    """Return an inverse-sentence-frequency weight per word: rare words say more."""
    frequency = Counter(word for candidate in candidates for word in set(candidate.words))
    total = len(candidates)
    return {word: math.log(1 + total / count) for word, count in frequency.items()}


def _score(candidate: _Candidate, weights: dict[str, float], centroid: Counter, heading_words: set[str], blocks: int) -> float:
    vector = Counter()
    for word in candidate.words:
        vector[word] += weights[word]
    dot = sum(value * centroid[word] for word, value in vector.items())
    norm = math.sqrt(sum(v * v for v in vector.values())) * math.sqrt(sum(v * v for v in centroid.values()))
    centrality = dot / norm if norm else 0.0
    position = 0.2 * (1 - candidate.block_index / blocks) + (0.1 if candidate.first_in_block else 0.0)
    headings = 0.1 * min(len(heading_words.intersection(candidate.words)), 3) / 3
    figure = 0.15 if statistics_in(candidate.sentence) else 0.0
    return centrality + position + headings + figure


def _sources(candidate: _Candidate, article: Article) -> list[str]:
    """Return what the sentence cites: its inline citations, its footnotes' texts, the links inside it."""
    sources = inline_citations(candidate.sentence)
    sources += [article.references[label] for label in footnote_labels(candidate.sentence) if label in article.references]
    sources += [link.url for link in candidate.block.links if link.text and link.text in candidate.sentence]
    return sources


def _point(candidate: _Candidate, article: Article, position: int) -> KeyPoint | None:
    """Return the sentence as a key point with its source written into it, or None for an unsourced figure."""
    statistics = tuple(statistics_in(candidate.sentence))
    sources = _sources(candidate, article)
    if statistics and not sources:
        return None
    text = candidate.sentence
    inline = inline_citations(text)
    notes = [article.references[label] for label in footnote_labels(text) if label in article.references]
    links = [link.url for link in candidate.block.links if link.text and link.text in text]
    if notes:
        text = f"{without_footnote_markers(text).rstrip('.')} (Source: {'; '.join(n.rstrip('.') for n in notes)})."
    elif links and (statistics and not inline):
        text = f"{text.rstrip('.')} ({', '.join(links)})."
    return KeyPoint(text, position, 0.0, candidate.block.heading, statistics, tuple(sources))
