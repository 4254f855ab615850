"""Storing mentions into PostgreSQL in batches: mentions per second against the 5,000/s target.

Creates a scratch database (``socialrx_bench_listening``), migrates it, processes 20,000 synthetic
mentions with the listening pipeline (not timed), then times ``store_processed`` (rows plus their
query matches, in batches of 1,000) and a re-run of the same batch (every row already stored).

    .venv/bin/python bench/listening_store.py [postgresql://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import os
import random
import sys
import time
from datetime import UTC, datetime, timedelta

ADMIN_URL = sys.argv[1] if len(sys.argv) > 1 else "postgresql://postgres@127.0.0.1:5432/postgres"
BENCH_DB = "socialrx_bench_listening"
COUNT = int(os.environ.get("BENCH_COUNT", "20000"))
TARGET = 5_000.0


def _recreate_database() -> str:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
        connection.execute(f"CREATE DATABASE {BENCH_DB}")
    return ADMIN_URL.rsplit("/", 1)[0] + f"/{BENCH_DB}"


def _mentions(count: int):
    from socialrx.core.listening.mention import Mention

    rng = random.Random(5)
    subjects = ("Healthcare AI", "Clinical AI", "IBM Watson Health", "Google Cloud Healthcare", "Philips Healthcare AI",
                "Digital health", "Medical AI", "Amazon Healthcare", "Microsoft Healthcare", "HealthTech")
    tones = ("is helping nurses a lot", "raises bias concerns", "announced a new pilot", "outage frustrates clinicians",
             "publishes an ROI study", "wins an award")
    start = datetime(2024, 1, 1, tzinfo=UTC)
    return [
        Mention(id=f"bench-{n}", text=f"{rng.choice(subjects)} {rng.choice(tones)} #{n % 97} @{rng.choice('abcdef')}x",
                published=start + timedelta(seconds=97 * n), author=f"@user{n % 500}",
                url=f"https://news{n % 40}.example/story/{n}")
        for n in range(count)
    ]  # fmt: skip


def main() -> int:
    os.environ["SOCIALRX_DATABASE_URL"] = _recreate_database()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings.test")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction
    from django.utils.timezone import now

    call_command("migrate", verbosity=0)
    from socialrx.core.listening.pipeline import process
    from socialrx.server.actions.listening import ensure_default_queries
    from socialrx.server.actions.strategy import ensure_default_strategy
    from socialrx.server.lib.listening_queries import active_query_set
    from socialrx.server.lib.listening_store import new_mentions, store_processed
    from socialrx.server.models import ListeningSource, MentionMatch, SourceKind, StoredMention

    ensure_default_strategy()
    ensure_default_queries()
    source = ListeningSource.objects.create(name="bench", kind=SourceKind.CSV, created_at=now())
    processed = process(_mentions(COUNT), active_query_set())
    started = time.perf_counter()
    with transaction.atomic():
        ids = store_processed(source, processed, now())
    elapsed = time.perf_counter() - started
    started = time.perf_counter()
    fresh = new_mentions(source, [item.mention for item in processed])
    rerun = time.perf_counter() - started
    rate = len(ids) / elapsed
    print(f"stored {len(ids):,} mentions and {MentionMatch.objects.count():,} query matches in {elapsed:.2f} s "
          f"(PostgreSQL, batches of 1,000)")
    print(f"store rate: {rate:,.0f} mentions/s; target {TARGET:,.0f}/s; ratio {rate / TARGET:.2f}x")
    print(f"re-run check: {len(fresh)} of {COUNT:,} would be stored again; {COUNT / rerun:,.0f} mentions/s checked")
    assert StoredMention.objects.count() == COUNT
    from django.db import connections

    connections.close_all()
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {BENCH_DB}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
