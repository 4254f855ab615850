"""Store processed mentions in batches: one row per source and external id, matches in a join table.

Called by the listening actions inside their transaction. Re-running a source stores nothing
twice: rows already present are skipped before processing and the insert ignores conflicts,
so two workers polling the same feed at once are safe too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db import connection, transaction

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


def _row(source: ListeningSource, item: ProcessedMention, fetched_at: datetime, story: str | None) -> tuple:
    """Return the column values (MENTION_COLUMNS order) of one processed mention."""
    mention = item.mention
    return (source.pk, external_id_of(mention), mention.url[:1000], mention.site[:200], mention.title[:500], mention.text,
            mention.author[:200], item.lang[:8], mention.published, fetched_at, story or item.story_id,
            item.is_copy or story is not None, item.sentiment)


def new_mentions(source: ListeningSource, mentions: Sequence[Mention]) -> list[Mention]:
    """Return the mentions not yet stored for ``source``, each once."""
    unique = list({external_id_of(m): m for m in mentions if external_id_of(m)}.values())
    existing = _existing_ids(source, [external_id_of(m) for m in unique])
    return [m for m in unique if external_id_of(m) not in existing]


MENTION_COLUMNS = ("source_id", "external_id", "url", "site", "title", "text", "author", "lang", "published_at",
                   "fetched_at", "story_id", "is_copy", "sentiment")
MATCH_COLUMNS = ("mention_id", "query_id", "published_at", "sentiment")


def _insert_orm(rows: list[tuple], source: ListeningSource, fetched_at: datetime) -> dict[str, int]:
    StoredMention.objects.bulk_create([StoredMention(**dict(zip(MENTION_COLUMNS, row, strict=True))) for row in rows],
                                      ignore_conflicts=True)
    keys = [row[1] for row in rows]
    found = StoredMention.objects.filter(source=source, external_id__in=keys, fetched_at=fetched_at)
    return dict(found.values_list("external_id", "pk"))


def _insert_copy(rows: list[tuple]) -> dict[str, int]:
    """Insert with PostgreSQL COPY into a session table, then INSERT … ON CONFLICT DO NOTHING RETURNING."""
    table, columns = StoredMention._meta.db_table, ", ".join(MENTION_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE IF NOT EXISTS srx_incoming_mentions ON COMMIT DELETE ROWS AS "
                       f"SELECT {columns} FROM {table} WITH NO DATA")
        with cursor.cursor.copy(f"COPY srx_incoming_mentions ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        cursor.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM srx_incoming_mentions "
                       "ON CONFLICT (source_id, external_id) DO NOTHING RETURNING external_id, id")
        inserted = dict(cursor.fetchall())
        cursor.execute("TRUNCATE srx_incoming_mentions")
    return inserted


def _insert_matches(matches: list[tuple], *, use_copy: bool) -> None:
    if not use_copy:
        MentionMatch.objects.bulk_create([MentionMatch(**dict(zip(MATCH_COLUMNS, m, strict=True))) for m in matches],
                                         ignore_conflicts=True)
        return
    with connection.cursor() as cursor:
        columns = ", ".join(MATCH_COLUMNS)
        with cursor.cursor.copy(f"COPY {MentionMatch._meta.db_table} ({columns}) FROM STDIN") as copy:
            for match in matches:
                copy.write_row(match)


def store_processed(source: ListeningSource, processed: Sequence[ProcessedMention], fetched_at: datetime) -> list[int]:
    """Insert processed mentions and their matches in batches; return the ids of the rows inserted.

    PostgreSQL gets COPY (about ten times faster than multi-row INSERT); other databases get bulk_create.
    Only rows that were really inserted get matches, so a concurrent run cannot double them.
    """
    stories = _known_stories(item.mention.url for item in processed)
    use_copy = connection.vendor == "postgresql"
    new_ids: list[int] = []
    with transaction.atomic():
        for start in range(0, len(processed), BATCH_SIZE):
            chunk = processed[start : start + BATCH_SIZE]
            rows = [_row(source, item, fetched_at, stories.get(item.mention.url)) for item in chunk]
            ids = _insert_copy(rows) if use_copy else _insert_orm(rows, source, fetched_at)
            matches = [
                (ids[row[1]], int(query_id), row[8], row[12])
                for item, row in zip(chunk, rows, strict=True) if row[1] in ids
                for query_id in item.query_ids
            ]  # fmt: skip
            _insert_matches(matches, use_copy=use_copy)
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
