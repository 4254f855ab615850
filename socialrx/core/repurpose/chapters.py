"""Chapters from a transcript by topic segmentation (TextTiling-style lexical cohesion).

The transcript is cut into fixed-length time blocks. At every gap between blocks the words of
the few blocks before are compared with the words of the few blocks after; where the two sides
share the fewest words (the deepest valley in similarity) the topic changes. The deepest gaps,
kept apart from each other, become chapter starts; each chapter is titled with its most
salient words (frequent in the chapter, rare in the others).
"""

from __future__ import annotations

import math
from collections import Counter

from socialrx.core.platforms.youtube import CHAPTER_MIN_SECONDS, CHAPTERS_MIN_COUNT, Chapter
from socialrx.core.repurpose.model import Cue
from socialrx.core.repurpose.text import content_words

SECONDS_PER_CHAPTER = 150
"""About one chapter per two and a half minutes, as viewers skim a talk."""
MAX_CHAPTERS = 15
WINDOW_SECONDS = 60
"""Each side of a gap compares about a minute of speech."""
TITLE_MAX_CHARACTERS = 60


def segment_transcript(cues: tuple[Cue, ...] | list[Cue], *, max_chapters: int = MAX_CHAPTERS) -> list[Chapter]:
    """Return chapters for the transcript: the first at 0:00, at least three, each at least ten seconds long.

    A transcript too short for three chapters of ten seconds gives no chapters.
    """
    duration = math.ceil(max((cue.end for cue in cues), default=0))
    if duration < CHAPTERS_MIN_COUNT * CHAPTER_MIN_SECONDS or len(cues) < CHAPTERS_MIN_COUNT:
        return []
    wanted = max(CHAPTERS_MIN_COUNT, min(max_chapters, round(duration / SECONDS_PER_CHAPTER)))
    block_seconds = max(5.0, min(20.0, duration / (wanted * 12)))
    blocks = _blocks(cues, block_seconds)
    window = max(2, min(8, round(WINDOW_SECONDS / block_seconds)))
    min_gap = max(CHAPTER_MIN_SECONDS, duration / (wanted * 2.5))
    starts = _boundaries(blocks, wanted, window=window, min_gap=min_gap, duration=duration)
    segments = [
        [word for start, words in blocks if begin <= start < end for word in words]
        for begin, end in zip(starts, [*starts[1:], duration + 1], strict=True)
    ]
    return [Chapter(int(start), title) for start, title in zip(starts, _titles(segments), strict=True)]


def _blocks(cues, block_seconds: float) -> list[tuple[int, list[str]]]:
    """Return (start second, words) per time block; a block starts at the first cue inside it."""
    grouped: dict[int, tuple[int, list[str]]] = {}
    for cue in cues:
        index = int(cue.start // block_seconds)
        start, words = grouped.setdefault(index, (int(cue.start), []))
        words.extend(content_words(cue.text))
    return [grouped[index] for index in sorted(grouped)]


def _boundaries(blocks: list[tuple[int, list[str]]], wanted: int, *, window: int, min_gap: float, duration: int) -> list[int]:
    """Return chapter start seconds: 0, then the deepest similarity valleys that keep chapters apart."""
    depths = _depth_scores([Counter(words) for _, words in blocks], window)
    starts = [0]
    for _, gap in sorted(((-depth, gap) for gap, depth in depths.items())):
        if len(starts) >= wanted:
            break
        start = blocks[gap][0]
        if duration - start >= min_gap and all(abs(start - other) >= min_gap for other in starts):
            starts.append(start)
    if len(starts) < CHAPTERS_MIN_COUNT:
        starts = _even_starts(duration, CHAPTERS_MIN_COUNT)
    return sorted(starts)


def _depth_scores(counts: list[Counter], window: int) -> dict[int, float]:
    """Return the depth of the similarity valley at each gap (gap i lies before block i)."""
    similarity = {}
    for gap in range(1, len(counts)):
        left = sum(counts[max(0, gap - window) : gap], Counter())
        right = sum(counts[gap : gap + window], Counter())
        similarity[gap] = _cosine(left, right)
    gaps = sorted(similarity)
    depths = {}
    for position, gap in enumerate(gaps):
        value = similarity[gap]
        left_peak = max(similarity[g] for g in gaps[max(0, position - window) : position + 1])
        right_peak = max(similarity[g] for g in gaps[position : position + window + 1])
        depths[gap] = (left_peak - value) + (right_peak - value)
    return depths


def _cosine(left: Counter, right: Counter) -> float:
    dot = sum(count * right[word] for word, count in left.items() if word in right)
    norm = math.sqrt(sum(c * c for c in left.values())) * math.sqrt(sum(c * c for c in right.values()))
    return dot / norm if norm else 0.0


def _even_starts(duration: int, count: int) -> list[int]:
    return [round(duration * index / count) for index in range(count)]


def _titles(segments: list[list[str]]) -> list[str]:
    """Return a distinct title per segment from its most salient phrase or words."""
    documents = [Counter(words) for words in segments]
    spread = Counter(word for counts in documents for word in counts)
    titles: list[str] = []
    for words, counts in zip(segments, documents, strict=True):
        weight = {w: c * math.log(1 + len(segments) / spread[w]) for w, c in counts.items()}
        pairs = Counter(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if a != b)
        phrases = [(count * (weight[p.split()[0]] + weight[p.split()[1]]), p) for p, count in pairs.items() if count >= 2]
        ranked = [p for _, p in sorted(phrases, key=lambda item: (-item[0], item[1]))]
        ranked += [w for w, _ in sorted(weight.items(), key=lambda item: (-item[1], item[0]))]
        titles.append(_distinct_title(ranked, titles))
    return titles


def _distinct_title(ranked: list[str], taken: list[str]) -> str:
    chosen: list[str] = []
    for phrase in ranked:
        if any(word in " ".join(chosen).split() for word in phrase.split()):
            continue
        chosen.append(phrase)
        title = _title_case(" and ".join(chosen))
        if len(chosen) >= 2 and title not in taken:
            return title[:TITLE_MAX_CHARACTERS].rstrip()
    title = _title_case(" and ".join(chosen)) or "Part"
    return title if title not in taken else f"{title} ({len(taken) + 1})"


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join(word if word in {"and"} else word[:1].upper() + word[1:] for word in words)
