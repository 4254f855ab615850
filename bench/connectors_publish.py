"""Benchmark the connectors' own overhead against a local fake X server.

Prints posts per second for XConnector.publish versus a bare httpx POST of the
same body (the baseline), the sandbox connector's throughput, and LinkedIn
little-text escaping speed. Exits 0.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from socialrx.connectors import sandbox  # noqa: E402
from socialrx.connectors.base import Account, PublishRequest  # noqa: E402
from socialrx.connectors.linkedin import _escape_little_text  # noqa: E402
from socialrx.connectors.registry import get_connector  # noqa: E402
from socialrx.connectors.x import XConnector  # noqa: E402
from tests.connectors.fakes import FakeXServer  # noqa: E402

POSTS = 300


def rate(count: int, seconds: float) -> float:
    """Return operations per second."""
    return count / seconds if seconds else float("inf")


def bench_x(server: FakeXServer) -> tuple[float, float]:
    """Return (connector posts/s, bare httpx posts/s), interleaved; both open one connection per post."""
    account, connector = server.account(), XConnector()
    ssl_context = httpx.create_ssl_context()
    connector_seconds = bare_seconds = 0.0
    for n in range(POSTS):
        start = time.perf_counter()
        connector.publish(PublishRequest(f"job-{n}", account, text=f"Connector post {n}"))
        connector_seconds += time.perf_counter() - start
        start = time.perf_counter()
        with httpx.Client(verify=ssl_context) as client:
            headers = {"Authorization": "Bearer access-1"}
            client.post(f"{server.url}/2/tweets", json={"text": f"Bare post {n}"}, headers=headers).raise_for_status()
        bare_seconds += time.perf_counter() - start
    return rate(POSTS, connector_seconds), rate(POSTS, bare_seconds)


def bench_sandbox() -> float:
    """Return sandbox thread publishes per second."""
    connector = get_connector("x", sandbox=True)

    request_account = Account("x", "1")
    start = time.perf_counter()
    for n in range(5000):
        connector.publish(PublishRequest(f"job-{n}", request_account, thread_parts=("a", "b", "c")))
    sandbox.reset()
    return rate(5000, time.perf_counter() - start)


def bench_escaping() -> float:
    """Return MB/s of little-text escaping on post-like text."""
    text = "Knee pain (ACL) update #Ortho — see https://ex.org/a?utm_source=li & email me@x.org *now* " * 30
    start = time.perf_counter()
    for _ in range(2000):
        _escape_little_text(text)
    return len(text) * 2000 / (time.perf_counter() - start) / 1e6


def main() -> int:
    """Run the benchmarks and print figures and ratios."""
    with FakeXServer() as server:
        connector_rate, bare_rate = bench_x(server)
        assert len(server.posts) == 2 * POSTS
    print(f"X publish via connector: {connector_rate:8.1f} posts/s")
    print(f"X bare httpx baseline:   {bare_rate:8.1f} posts/s")
    print(f"connector / baseline:    {connector_rate / bare_rate:8.2f}x (1.00 = no overhead)")
    print(f"sandbox 3-part threads:  {bench_sandbox():8.0f} threads/s")
    escaping = bench_escaping()
    print(f"little-text escaping:    {escaping:8.2f} MB/s (target 1 MB/s: {escaping / 1.0:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
