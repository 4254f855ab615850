"""Exactly once across a crash: kill the worker process mid-publish, restart it, find one post.

The worker runs in a real subprocess against its own SQLite database and a fake X server in
this process, with a one-second lease. The fake delays its answer to ``POST /2/tweets``; we kill the worker (SIGKILL)
while it waits, after X has the request but before we record the id. The fake then finishes
creating the post. A restarted worker finds the job ``sending`` past its lease, asks X what the
account posted, matches the post, and records it instead of posting again.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.connectors.fakes import FakeXServer

SCRIPT = r"""
import json, sys
from datetime import timedelta
import django
django.setup()
from django.core.management import call_command
from django.utils.timezone import now
mode = sys.argv[1]
if mode == "setup":
    call_command("migrate", verbosity=0)
from socialrx.server.models import PublishJob
if mode == "setup":
    from socialrx.server.actions.team import create_user
    from socialrx.server.lib.secrets import encrypt_token
    from socialrx.server.models import Post, PostStatus, PublishAccount, Variant
    from socialrx.server.actions.posts import next_revision
    from socialrx.server.actions.publishing import enqueue_post_jobs
    stamp = now()
    author = create_user(None, "author", "correct-horse-battery", ["content_creator"])
    PublishAccount.objects.create(network="x", name="Clinic", external_id="2244994945", sandbox=False,
        base_url=sys.argv[2], access_token_encrypted=encrypt_token("access-1"),
        refresh_token_encrypted=encrypt_token("refresh-1"), token_expires_at=stamp + timedelta(hours=2),
        connected_at=stamp, updated_at=stamp)
    post = Post.objects.create(title="Crash", author=author, created_at=stamp, updated_at=stamp,
        scheduled_at=stamp, status=PostStatus.SCHEDULED)
    Variant.objects.create(post=post, channel="x", text="Posted exactly once, even through a crash.")
    revision = next_revision(author, post, verdict="pass", findings=[])
    post.current_revision = post.approved_revision = revision
    post.save()
    enqueue_post_jobs(post, due_at=stamp)
elif mode == "work":
    from socialrx.server.worker.publishing import try_publish_one_due_job
    try_publish_one_due_job()
elif mode == "restart":
    from socialrx.server.worker.publishing import publish_due_jobs
    publish_due_jobs()
elif mode == "gated":
    import os, time
    from socialrx.server.worker.publishing import publish_due_jobs
    while not os.path.exists(sys.argv[2]):
        time.sleep(0.02)
    publish_due_jobs()
job = PublishJob.objects.get()
print(json.dumps({"status": job.status, "key": job.idempotency_key, "id": job.platform_post_id,
                  "attempts": job.attempts}))
"""


def _environment(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items()
           if key not in ("SOCIALRX_DATABASE_URL", "SOCIALRX_REDIS_URL")}  # fmt: skip
    env.update({"DJANGO_SETTINGS_MODULE": "socialrx.settings.dev", "SOCIALRX_DATA_DIR": str(data_dir),
                "SOCIALRX_TOKEN_KEY": "3n3dRZp0t3Z2mYbQ1s4Qk0yqg6c8b5e2a9d7f1h4j6k=",
                "SOCIALRX_X_CLIENT_ID": "x-client", "SOCIALRX_X_CLIENT_SECRET": "x-secret",
                "SOCIALRX_PUBLISH_TIMEOUT": "30", **extra})  # fmt: skip
    return env


def _run(mode: str, env: dict[str, str], *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", SCRIPT, mode, *args], env=env, capture_output=True, text=True,
                          timeout=120, check=True)  # fmt: skip
    return json.loads(done.stdout.strip().splitlines()[-1])


def _wait_for(condition, *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}")
        time.sleep(0.05)


def test_killed_worker_is_reconciled_and_the_post_exists_once(tmp_path):
    """The worker dies after X created the post; the restarted worker records it and posts nothing more."""
    with FakeXServer() as server:
        env = _environment(tmp_path, SOCIALRX_PUBLISH_LEASE_SECONDS="1")
        queued = _run("setup", env, server.url)
        assert queued["status"] == "queued"
        server.delay_next("/2/tweets", 2.0, method="POST")
        worker = subprocess.Popen([sys.executable, "-c", SCRIPT, "work"], env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
        _wait_for(lambda: server.requests_to("/2/tweets", "POST"), timeout=60, what="the worker's POST")
        worker.kill()
        worker.wait(timeout=10)
        _wait_for(lambda: len(server.posts) == 1, timeout=10, what="the fake to create the post")

        interrupted = _run("show", env)
        assert interrupted["status"] == "sending" and interrupted["key"] == queued["key"]

        time.sleep(1.0)  # the dead worker's one-second lease runs out
        restarted = _run("restart", env)
        assert len(server.posts) == 1
        assert restarted["status"] == "sent" and restarted["id"] == server.posts[0]["id"]
        assert len(server.requests_to("/2/tweets", "POST")) == 1


def test_send_slower_than_the_lease_is_not_taken_over(tmp_path):
    """A send that outlasts the lease keeps it renewed: a second worker finds nothing to do, X gets one post."""
    with FakeXServer() as server:
        env = _environment(tmp_path, SOCIALRX_PUBLISH_LEASE_SECONDS="1")
        _run("setup", env, server.url)
        server.delay_next("/2/tweets", 6.0, method="POST")
        gate = tmp_path / "go"
        second = subprocess.Popen([sys.executable, "-c", SCRIPT, "gated", str(gate)], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        slow = subprocess.Popen([sys.executable, "-c", SCRIPT, "work"], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip
        _wait_for(lambda: server.requests_to("/2/tweets", "POST"), timeout=60, what="the first worker's POST")
        time.sleep(1.5)  # longer than the lease: without renewal the job would look abandoned
        gate.touch()  # the second worker is already started, so it tries while the first still waits for X
        out, errors = second.communicate(timeout=60)
        assert second.returncode == 0, errors
        assert json.loads(out.strip().splitlines()[-1])["status"] == "sending"
        out, errors = slow.communicate(timeout=60)
        assert slow.returncode == 0, errors
        finished = json.loads(out.strip().splitlines()[-1])
        assert finished["status"] == "sent" and finished["attempts"] == 1
        assert len(server.requests_to("/2/tweets", "POST")) == 1
        assert len(server.posts) == 1
