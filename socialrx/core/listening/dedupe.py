"""Group mentions into stories: exact copies and near-duplicate syndicated copies.

Exact copies share a canonical URL or their fingerprint: the text's tokens without links,
@handles and #hashtags (so a retweet with other tags is a copy). Near copies of texts with at
least 12 fingerprint tokens (articles, long posts) are found with MinHash
and locality-sensitive hashing: the CRC-32 hashes of a text's word 3-shingles give a 12-value
one-permutation MinHash signature (empty bins filled by rotation), indexed as 6 bands of 2
values. Texts sharing a band are candidates, confirmed by the exact Jaccard similarity of their
shingle sets. With a 0.7 threshold a true copy shares a band with probability above 0.98.
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

from socialrx.core.listening.mention import Mention
from socialrx.core.listening.tokens import tokenize

SHINGLE_SIZE = 3
MIN_NEAR_TOKENS = 12
BANDS = 6
ROWS = 2
BINS = BANDS * ROWS
EMPTY = 1 << 40
ROTATION_OFFSET = 1 << 33


@dataclass(frozen=True, slots=True)
class DedupeResult:
    """The story a mention belongs to, and whether it is a copy of an earlier mention."""

    story_id: str
    is_copy: bool


@dataclass(slots=True)
class _Story:
    story_id: str
    shingles: frozenset[int]
    mention_ids: list[str]
    first: DedupeResult
    copy: DedupeResult


def fingerprint_tokens(tokens: Sequence[str]) -> list[str]:
    """Return the tokens that identify a text's content: its tokens less @handles and #hashtags."""
    return [token for token in tokens if token[0] not in "@#"]


def shingle_hashes(tokens: Sequence[str]) -> frozenset[int]:
    """Return the CRC-32 hashes of the word 3-shingles of ``tokens`` (one shingle when shorter)."""
    if len(tokens) <= SHINGLE_SIZE:
        return frozenset({zlib.crc32(" ".join(tokens).encode())})
    return frozenset(
        zlib.crc32(" ".join(tokens[i : i + SHINGLE_SIZE]).encode()) for i in range(len(tokens) - SHINGLE_SIZE + 1)
    )


def minhash_signature(shingles: frozenset[int]) -> list[int]:
    """Return the one-permutation MinHash signature of a shingle-hash set, densified by rotation."""
    minima = [EMPTY] * BINS
    for value in shingles:
        mixed = (value * 0x9E3779B1) & 0xFFFFFFFF
        slot, rest = mixed % BINS, mixed // BINS
        if rest < minima[slot]:
            minima[slot] = rest
    for slot in range(BINS):
        if minima[slot] == EMPTY:
            for step in range(1, BINS):
                donor = minima[(slot + step) % BINS]
                if donor < ROTATION_OFFSET:
                    minima[slot] = donor + step * ROTATION_OFFSET
                    break
    return minima


def band_keys(signature: list[int]) -> list[tuple[int, int, int]]:
    """Return the LSH band keys of a signature."""
    return [(band, signature[band * ROWS], signature[band * ROWS + 1]) for band in range(BANDS)]


def story_id_for(mention_id: str) -> str:
    """Return the stable id of the story first seen as ``mention_id``."""
    return "s-" + hashlib.blake2b(mention_id.encode(), digest_size=8).hexdigest()


class Deduplicator:
    """Assign each mention to a story, incrementally; feeding a mention again returns the same answer."""

    def __init__(self, *, threshold: float = 0.7, bucket_limit: int = 8) -> None:
        self.threshold = threshold
        self.bucket_limit = bucket_limit
        self._results: dict[str, DedupeResult] = {}
        self._exact: dict[str, _Story] = {}
        self._by_url: dict[str, _Story] = {}
        self._buckets: dict[tuple[int, int, int], list[_Story]] = {}
        self._stories: dict[str, _Story] = {}

    def copies(self, story_id: str) -> tuple[str, ...]:
        """Return the ids of the mentions in a story, first one first."""
        return tuple(self._stories[story_id].mention_ids)

    def _exact_key(self, mention: Mention, tokens: Sequence[str]) -> str:
        if tokens:
            return "t:" + " ".join(tokens)
        if mention.url:
            return "u:" + mention.url
        return "i:" + mention.id

    def _near_story(self, shingles: frozenset[int], keys: list[tuple[int, int, int]]) -> _Story | None:
        candidates: dict[str, _Story] = {}
        for key in keys:
            bucket = self._buckets.get(key)
            if bucket:
                for story in bucket[-self.bucket_limit :]:
                    candidates.setdefault(story.story_id, story)
        size = len(shingles)
        for story in candidates.values():
            overlap = len(shingles & story.shingles)
            if overlap and overlap >= self.threshold * (size + len(story.shingles) - overlap):
                return story
        return None

    def _record(self, mention: Mention, story: _Story, is_copy: bool) -> DedupeResult:
        story.mention_ids.append(mention.id)
        if mention.url:
            self._by_url.setdefault(mention.url, story)
        result = story.copy if is_copy else story.first
        self._results[mention.id] = result
        return result

    def add(self, mention: Mention, tokens: Sequence[str] | None = None) -> DedupeResult:
        """Return the story of ``mention``; ``tokens`` may pass its ``tokenize``d text if already known."""
        known = self._results.get(mention.id)
        if known is not None:
            return known
        tokens = fingerprint_tokens(tokenize(mention.text) if tokens is None else tokens)
        key = self._exact_key(mention, tokens)
        story = self._exact.get(key) or (self._by_url.get(mention.url) if mention.url else None)
        if story is not None:
            return self._record(mention, story, True)
        is_long = len(tokens) >= MIN_NEAR_TOKENS
        shingles = shingle_hashes(tokens) if is_long else frozenset()
        keys = band_keys(minhash_signature(shingles)) if is_long else []
        story = self._near_story(shingles, keys) if keys else None
        if story is not None:
            self._exact[key] = story
            return self._record(mention, story, True)
        story_id = story_id_for(mention.id)
        story = _Story(story_id, shingles, [], DedupeResult(story_id, False), DedupeResult(story_id, True))
        self._stories[story.story_id] = story
        self._exact[key] = story
        for band_key in keys:
            self._buckets.setdefault(band_key, []).append(story)
        return self._record(mention, story, False)
