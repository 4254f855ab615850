"""Publishing throughput and scheduling lateness: 4 worker processes on PostgreSQL and Redis.

Creates a fresh PostgreSQL database, 10,000 due jobs (5,000 approved posts × X and LinkedIn)
through sandbox accounts, and starts 4 worker processes, each a real Huey consumer on Redis
(db 15) running ``publish_due_jobs_task``, the loop around ``try_publish_one_due_job``. Every
sandbox send is counted in Redis by idempotency key from inside the workers, so duplicates
and losses are counted at the connector, not inferred from our own records.

Phase 1 (burst): all 10,000 jobs due at the same instant: jobs per second.
Phase 2 (steady): 1,000 more jobs due evenly over 20 seconds: lateness at a steady load.
Lateness = time sent - time due, median and p99. Target: ≥ 100 jobs/s, zero duplicates, zero lost,
steady-state p99 lateness ≤ 2 s.

Run: .venv/bin/python bench/publishing_throughput.py   (PostgreSQL on 127.0.0.1:5432, Redis on :6379)
"""

from __future__ import annotations

import hashlib
import os
import signal
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

DATABASE = "socialrx_bench_publishing"
ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
os.environ["SOCIALRX_DATABASE_URL"] = f"postgresql://postgres@127.0.0.1:5432/{DATABASE}"
os.environ["SOCIALRX_REDIS_URL"] = "redis://127.0.0.1:6379/15"
os.environ.setdefault("SOCIALRX_DATA_DIR", "/tmp/socialrx-bench-publishing")
os.environ.setdefault("SOCIALRX_TOKEN_KEY", "3n3dRZp0t3Z2mYbQ1s4Qk0yqg6c8b5e2a9d7f1h4j6k=")
os.environ["DJANGO_SETTINGS_MODULE"] = "socialrx.settings.dev"

WORKERS = 4
BURST_JOBS = int(os.environ.get("BENCH_JOBS", "10000"))
STEADY_JOBS = 1_000
STEADY_SECONDS = 20
TARGET_PER_SECOND = 100
TARGET_P99_SECONDS = 2.0
SEND_COUNTS = "bench:publishing:sends"

WORKER_SCRIPT = r"""
import redis
from socialrx.cli import setup_django, _run_worker
setup_django()
from socialrx.connectors.sandbox import SandboxConnector
counter = redis.Redis.from_url("redis://127.0.0.1:6379/15")
real_publish = SandboxConnector.publish
def counted_publish(self, request):
    result = real_publish(self, request)
    counter.hincrby("bench:publishing:sends", request.idempotency_key, 1)
    return result
SandboxConnector.publish = counted_publish
_run_worker(1)
"""


def reset_database() -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {DATABASE}")


def create_jobs(count: int, *, first_due, spread: timedelta, prefix: str) -> None:
    """Bulk-create ``count`` jobs over ``count // 2`` approved posts, due evenly from ``first_due``.

    One transaction: a running worker's tick must never see a scheduled post without its jobs
    (it would create them itself and the bulk insert would collide with them).
    """
    from django.db import transaction

    with transaction.atomic():
        _create_jobs(count, first_due=first_due, spread=spread, prefix=prefix)


def _create_jobs(count: int, *, first_due, spread: timedelta, prefix: str) -> None:
    from django.contrib.auth import get_user_model
    from django.utils.timezone import now

    from socialrx.server.models import Post, PostStatus, PublishAccount, PublishJob, Revision

    author = get_user_model().objects.get_or_create(username="bench")[0]
    stamp = now()
    accounts = {a.network: a for a in PublishAccount.objects.all()}
    posts = Post.objects.bulk_create(
        Post(title=f"{prefix} {n}", author=author, status=PostStatus.SCHEDULED, scheduled_at=first_due,
             created_at=stamp, updated_at=stamp) for n in range(count // 2))  # fmt: skip
    revisions = Revision.objects.bulk_create(
        Revision(post=post, number=1, content_hash=hashlib.sha256(f"{prefix}{post.pk}".encode()).hexdigest(), created_at=stamp,
                 content={"variants": [{"channel": "x", "text": f"{prefix} post {post.pk} on X"},
                                       {"channel": "linkedin", "text": f"{prefix} post {post.pk} on LinkedIn"}]})
        for post in posts)  # fmt: skip
    for post, revision in zip(posts, revisions, strict=True):
        post.approved_revision = post.current_revision = revision
    Post.objects.bulk_update(posts, ["approved_revision", "current_revision"], batch_size=2000)
    jobs = []
    for index, (post, revision) in enumerate(zip(posts, revisions, strict=True)):
        for offset, channel in enumerate(("x", "linkedin")):
            due = first_due + spread * ((2 * index + offset) / count)
            jobs.append(PublishJob(post=post, revision=revision, channel=channel, account=accounts[channel],
                                   due_at=due, next_attempt_at=due, created_at=stamp, updated_at=stamp))  # fmt: skip
    PublishJob.objects.bulk_create(jobs, batch_size=2000)


def wake_workers(first_due, seconds: int) -> None:
    """Queue one drain per worker for every second jobs fall due (what publish-now and scheduling do)."""
    from socialrx.server.worker.publishing import publish_due_jobs_task

    for second in range(seconds + 1):
        for _ in range(WORKERS):
            publish_due_jobs_task.schedule(eta=first_due + timedelta(seconds=second))


def wait_until_done(expected: int, limit: float) -> float:
    from socialrx.server.models import JobStatus, PublishJob

    started = time.monotonic()
    while time.monotonic() - started < limit:
        if PublishJob.objects.filter(status=JobStatus.SENT).count() >= expected:
            return time.monotonic() - started
        time.sleep(0.25)
    return time.monotonic() - started


def lateness(prefix: str) -> list[float]:
    from socialrx.server.models import PublishJob

    rows = PublishJob.objects.filter(post__title__startswith=prefix, sent_at__isnull=False).values_list("due_at", "sent_at")
    return sorted((sent - due).total_seconds() for due, sent in rows)


def percentile(values: list[float], share: float) -> float:
    return values[min(len(values) - 1, int(share * len(values)))] if values else float("nan")


def main() -> int:
    import redis

    reset_database()
    redis.Redis.from_url(os.environ["SOCIALRX_REDIS_URL"]).flushdb()
    from socialrx.cli import _migrate, setup_django

    setup_django()
    _migrate()
    from django.utils.timezone import now

    from socialrx.server.models import JobStatus, PublishAccount, PublishJob

    for network in ("x", "linkedin"):
        PublishAccount.objects.create(network=network, name=f"Bench {network}", external_id=f"bench-{network}",
                                      sandbox=True, connected_at=now(), updated_at=now())  # fmt: skip
    workers = [subprocess.Popen([sys.executable, "-c", WORKER_SCRIPT], env=os.environ.copy(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
               for _ in range(WORKERS)]  # fmt: skip
    try:
        return run_phases()
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGTERM)
        for worker in workers:
            worker.wait(timeout=30)
        Path(os.environ["SOCIALRX_DATA_DIR"]).mkdir(exist_ok=True)
        print(f"(done; {PublishJob.objects.exclude(status=JobStatus.SENT).count()} jobs not sent)")


def run_phases() -> int:
    import redis
    from django.utils.timezone import now

    from socialrx.server.models import PublishJob

    time.sleep(3)  # let the consumers start
    burst_due = now() + timedelta(seconds=3)
    create_jobs(BURST_JOBS, first_due=burst_due, spread=timedelta(0), prefix="burst")
    wake_workers(burst_due, 0)
    elapsed = wait_until_done(BURST_JOBS, 900)
    burst = lateness("burst")
    first_sent = PublishJob.objects.filter(sent_at__isnull=False).order_by("sent_at").values_list("sent_at", flat=True).first()
    last_sent = PublishJob.objects.filter(sent_at__isnull=False).order_by("-sent_at").values_list("sent_at", flat=True).first()
    rate = len(burst) / max((last_sent - first_sent).total_seconds(), 1e-9) if burst else 0.0  # first to last send

    steady_due = now() + timedelta(seconds=2)
    create_jobs(STEADY_JOBS, first_due=steady_due, spread=timedelta(seconds=STEADY_SECONDS), prefix="steady")
    wake_workers(steady_due, STEADY_SECONDS)
    wait_until_done(BURST_JOBS + STEADY_JOBS, STEADY_SECONDS + 60)
    steady = lateness("steady")

    sends = {key.decode(): int(n) for key, n in redis.Redis.from_url(os.environ["SOCIALRX_REDIS_URL"]).hgetall(SEND_COUNTS).items()}
    keys = set(PublishJob.objects.values_list("idempotency_key", flat=True))
    duplicates = sum(1 for key in keys if sends.get(key, 0) > 1)
    lost = sum(1 for key in keys if sends.get(key, 0) == 0)
    total = BURST_JOBS + STEADY_JOBS
    print(f"Publishing with {WORKERS} worker processes on PostgreSQL + Redis, sandbox connector")
    print(f"  burst: {len(burst):,} of {BURST_JOBS:,} jobs sent in {elapsed:.1f} s wall; "
          f"{rate:,.0f} jobs/s (first send {(first_sent - burst_due).total_seconds():.2f} s after due)")
    print(f"  burst lateness (queueing behind {BURST_JOBS:,}): median {statistics.median(burst):.2f} s, p99 {percentile(burst, .99):.2f} s")
    print(f"  steady: {len(steady):,} jobs due over {STEADY_SECONDS} s; lateness median {statistics.median(steady):.2f} s, "
          f"p99 {percentile(steady, .99):.2f} s")
    print(f"  connector sends: {sum(sends.values()):,} for {total:,} jobs; duplicates {duplicates}, lost {lost}")
    print(f"  ratio vs target {TARGET_PER_SECOND} jobs/s: {rate / TARGET_PER_SECOND:.2f}x; "
          f"steady p99 vs {TARGET_P99_SECONDS:.0f} s target: {percentile(steady, .99) / TARGET_P99_SECONDS:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
