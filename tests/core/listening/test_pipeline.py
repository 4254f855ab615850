"""The pipeline chains normalisation, language, de-duplication, matching and sentiment."""

from datetime import UTC, datetime

from socialrx.core.listening.dedupe import Deduplicator
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention
from socialrx.core.listening.pipeline import BATCH_SIZE, default_scorer, process, process_one

WHEN = datetime(2025, 3, 1, tzinfo=UTC)
QUERIES = {"breach": '(epic OR "nuance dax") NEAR/3 breach', "english_ai": '"clinical ai" lang:en'}


def test_process_chains_every_step():
    """Each mention comes back normalised, with story, matched queries, language and sentiment."""
    mentions = [
        Mention("1", "<b>Epic</b> data breach exposes records", WHEN, url="https://news.site/a?utm_source=x"),
        Mention("2", "@bob Epic data breach exposes records https://t.co/1", WHEN, url="https://x.com/bob/1"),
        Mention("3", "The clinical AI pilot was a great success for our patients", WHEN),
    ]
    first, copy, third = process(mentions, QUERIES)
    assert first.mention.text == "Epic data breach exposes records"
    assert first.mention.url == "https://news.site/a"
    assert first.query_ids == ("breach",) and first.sentiment_label == "negative"
    assert copy.story_id == first.story_id and copy.is_copy
    assert third.lang == "en" and third.query_ids == ("english_ai",) and third.sentiment > 0.5


def test_stories_continue_across_calls_with_a_shared_deduplicator():
    """Passing the same deduplicator keeps story ids stable across batches."""
    dedupe = Deduplicator()
    [first] = process([Mention("1", "Tempus announced a new paper today", WHEN)], QUERIES, deduplicator=dedupe)
    [later] = process([Mention("2", "tempus announced a new paper today!!", WHEN)], QUERIES, deduplicator=dedupe)
    assert later.story_id == first.story_id and later.is_copy


def test_batches_equal_one_by_one_processing():
    """Stage-by-stage batches give exactly what processing each mention in turn gives, across batch edges."""
    texts = ["Epic data breach exposes records", "Clinical AI pilot was great", "Tempus announced a new paper"]
    mentions = [
        Mention(str(i), f"{texts[i % 3]} {'#ai' if i % 2 else ''}", WHEN, url=f"https://x.com/u/{i}?utm_source=a")
        for i in range(BATCH_SIZE * 2 + 7)
    ]
    query_set, scorer, one_dedupe = QuerySet(QUERIES), default_scorer(), Deduplicator()
    one_by_one = [process_one(mention, query_set, one_dedupe, scorer) for mention in mentions]
    assert process(mentions, query_set, scorer=scorer) == one_by_one
    assert len({result.story_id for result in one_by_one}) == 3
