"""Store processed mentions in batches: one row per source and external id, matches in a join table.

Called by the listening actions inside their transaction. Re-running a source stores nothing
twice: rows already present are skipped before processing and the insert ignores conflicts,
so two workers polling the same feed at once are safe too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from socialrx.core.listening.dedupe import Deduplicator
from socialrx.core.listening.matcher import QuerySet
from socialrx.core.listening.mention import Mention, ProcessedMention
from socialrx.core.listening.pipeline import default_scorer, process
from socialrx.server.models import ListeningSource, MentionMatch, StoredMention

BATCH_SIZE = 1000
MAX_EXTERNAL_ID = 300


@dataclass(frozen=True)
class StoreReport:
    """What one batch did: mentions received, new rows, rows already stored, and the new rows' ids."""

    received: int
    stored: int
    already_stored: int
    new_ids: tuple[int, ...] = ()


def external_id_of(mention: Mention) -> str:
    """Return the key a mention is stored under: its id, or its URL when it has none."""
    return (mention.id or mention.url)[:MAX_EXTERNAL_ID]


def _existing_ids(source: ListeningSource, keys: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), BATCH_SIZE):
        chunk = keys[start : start + BATCH_SIZE]
        found.update(StoredMention.objects.filter(source=source, external_id__in=chunk).values_list("external_id", flat=True))
    return found


def _known_stories(urls: Iterable[str]) -> dict[str, str]:
    """Return the story id already stored for each canonical URL (syndicated copies across runs)."""
    wanted = sorted({url for url in urls if url})
    stories: dict[str, str] = {}
    for start in range(0, len(wanted), BATCH_SIZE):
        rows = StoredMention.objects.filter(url__in=wanted[start : start + BATCH_SIZE], is_copy=False)
        stories.update(rows.values_list("url", "story_id"))
    return stories


def _row(source: ListeningSource, item: ProcessedMention, fetched_at: datetime, story: str | None) -> StoredMention:
    mention = item.mention
    return StoredMention(
        source=source,
        external_id=external_id_of(mention),
        url=mention.url[:1000],
        site=mention.site[:200],
        title=mention.title[:500],
        text=mention.text,
        author=mention.author[:200],
        lang=item.lang[:8],
        published_at=mention.published,
        fetched_at=fetched_at,
        story_id=story or item.story_id,
        is_copy=item.is_copy or story is not None,
        sentiment=item.sentiment,
    )


def new_mentions(source: ListeningSource, mentions: Sequence[Mention]) -> list[Mention]:
    """Return the mentions not yet stored for ``source``, each once."""
    unique = list({external_id_of(m): m for m in mentions if external_id_of(m)}.values())
    existing = _existing_ids(source, [external_id_of(m) for m in unique])
    return [m for m in unique if external_id_of(m) not in existing]


def store_processed(source: ListeningSource, processed: Sequence[ProcessedMention], fetched_at: datetime) -> list[int]:
    """Insert processed mentions and their matches in batches; return the ids of the rows inserted."""
    stories = _known_stories(item.mention.url for item in processed)
    new_ids: list[int] = []
    for start in range(0, len(processed), BATCH_SIZE):
        chunk = processed[start : start + BATCH_SIZE]
        rows = [_row(source, item, fetched_at, stories.get(item.mention.url)) for item in chunk]
        StoredMention.objects.bulk_create(rows, ignore_conflicts=True)
        keys = [row.external_id for row in rows]
        ids = dict(StoredMention.objects.filter(source=source, external_id__in=keys, fetched_at=fetched_at)
                   .values_list("external_id", "pk"))
        matches = [
            MentionMatch(mention_id=ids[external_id_of(item.mention)], query_id=int(query_id),
                         published_at=item.mention.published, sentiment=item.sentiment)
            for item in chunk if external_id_of(item.mention) in ids
            for query_id in item.query_ids
        ]  # fmt: skip
        MentionMatch.objects.bulk_create(matches, ignore_conflicts=True)
        new_ids.extend(ids.values())
    return new_ids


def process_and_store(
    source: ListeningSource, mentions: Sequence[Mention], query_set: QuerySet, fetched_at: datetime
) -> StoreReport:
    """Run the pipeline over the mentions this source has not stored yet and store them."""
    fresh = new_mentions(source, mentions)
    processed = process(fresh, query_set, deduplicator=Deduplicator(), scorer=default_scorer())
    new_ids = store_processed(source, processed, fetched_at)
    if new_ids:
        ListeningSource.objects.filter(pk=source.pk).update(mention_count=StoredMention.objects.filter(source=source).count())
    return StoreReport(len(mentions), len(new_ids), len(mentions) - len(new_ids), tuple(new_ids))
