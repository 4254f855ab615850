"""The listening pipeline: normalise → detect language → de-duplicate → match queries → score sentiment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from itertools import islice

from socialrx.core.listening.dedupe import Deduplicator
from socialrx.core.listening.language import detect_language
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention, ProcessedMention
from socialrx.core.listening.normalise import normalise_mention, strip_html
from socialrx.core.listening.query.nodes import Query
from socialrx.core.listening.sentiment.vader import SentimentScorer
from socialrx.core.listening.tokens import tokenize

BATCH_SIZE = 1024


def batched(items: Iterable[Mention], size: int) -> Iterable[list[Mention]]:
    """Yield lists of up to ``size`` consecutive items."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


@lru_cache(maxsize=2)
def default_scorer(*, healthcare: bool = True) -> SentimentScorer:
    """Return a shared sentiment scorer (the lexicon is loaded once per process)."""
    return SentimentScorer(healthcare=healthcare)


def process_one(
    raw: Mention, query_set: QuerySet, deduplicator: Deduplicator, scorer: SentimentScorer
) -> ProcessedMention:
    """Return one mention normalised, assigned to its story, matched and scored."""
    [processed] = process_batch([raw], query_set, deduplicator, scorer)
    return processed


def process_batch(
    raws: Sequence[Mention], query_set: QuerySet, deduplicator: Deduplicator, scorer: SentimentScorer
) -> list[ProcessedMention]:
    """Return a batch of mentions processed in order, one stage over the whole batch at a time.

    Running each stage over many mentions before the next keeps its code and tables hot in the
    processor's caches; the results equal processing the mentions one by one.
    """
    texts = [strip_html(raw.text) for raw in raws]
    tokens = [tokenize(text) for text in texts]
    langs = [
        raw.lang.strip().casefold() or detect_language(words, text)
        for raw, words, text in zip(raws, tokens, texts, strict=True)
    ]
    mentions = [normalise_mention(raw, text=text, lang=lang) for raw, text, lang in zip(raws, texts, langs, strict=True)]
    stories = [deduplicator.add(mention, words) for mention, words in zip(mentions, tokens, strict=True)]
    query_ids = [tuple(query_set.match_tokens(words, mention)) for mention, words in zip(mentions, tokens, strict=True)]
    scores = [scorer.compound(text) for text in texts]
    return [
        ProcessedMention(mention, story.story_id, story.is_copy, ids, lang, score)
        for mention, story, ids, lang, score in zip(mentions, stories, query_ids, langs, scores, strict=True)
    ]


def process(
    mentions: Iterable[Mention],
    queries: QuerySet | Mapping[str, Query | str],
    *,
    deduplicator: Deduplicator | None = None,
    scorer: SentimentScorer | None = None,
) -> list[ProcessedMention]:
    """Return every mention processed; pass a ``deduplicator`` to continue stories across calls."""
    query_set = queries if isinstance(queries, QuerySet) else QuerySet(queries)
    deduplicator = deduplicator if deduplicator is not None else Deduplicator()
    scorer = scorer if scorer is not None else default_scorer()
    processed: list[ProcessedMention] = []
    for batch in batched(mentions, BATCH_SIZE):
        processed += process_batch(batch, query_set, deduplicator, scorer)
    return processed
