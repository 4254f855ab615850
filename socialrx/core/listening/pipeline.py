"""The listening pipeline: normalise → detect language → de-duplicate → match queries → score sentiment."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from socialrx.core.listening.dedupe import Deduplicator
from socialrx.core.listening.language import detect_language
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention, ProcessedMention
from socialrx.core.listening.normalise import normalise_mention, strip_html
from socialrx.core.listening.query.nodes import Query
from socialrx.core.listening.sentiment.vader import SentimentScorer
from socialrx.core.listening.tokens import tokenize


@lru_cache(maxsize=2)
def default_scorer(*, healthcare: bool = True) -> SentimentScorer:
    """Return a shared sentiment scorer (the lexicon is loaded once per process)."""
    return SentimentScorer(healthcare=healthcare)


def process_one(
    raw: Mention, query_set: QuerySet, deduplicator: Deduplicator, scorer: SentimentScorer
) -> ProcessedMention:
    """Return one mention normalised, assigned to its story, matched and scored."""
    text = strip_html(raw.text)
    tokens = tokenize(text)
    lang = raw.lang.strip().casefold() or detect_language(tokens, text)
    mention = normalise_mention(raw, text=text, lang=lang)
    story = deduplicator.add(mention, tokens)
    return ProcessedMention(
        mention=mention,
        story_id=story.story_id,
        is_copy=story.is_copy,
        query_ids=tuple(query_set.match_tokens(tokens, mention)),
        lang=lang,
        sentiment=scorer.compound(mention.text),
    )


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
    return [process_one(mention, query_set, deduplicator, scorer) for mention in mentions]
