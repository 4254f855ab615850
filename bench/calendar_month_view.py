"""Benchmark the calendar's month view: server time with a month of posts, target 150 ms.

Builds a throw-away SQLite database (test settings) with the seed strategy and one post in
every slot of a month plus ad-hoc posts, then times GET /calendar/?month=… through Django's
test client (URL routing, middleware, queries, planning and template: everything the server
does). Prints the median CPU and wall time of several requests with the year's plan cached
(the steady state), the first request of a year (plan not cached yet), and the ratio to the
target (below 1.0 meets it). Ends by re-stating the planner's own figures (bench/planning_year.py).
"""

from __future__ import annotations

import os
import runpy
import statistics
import time
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

from socialrx.server.lib.calendar import _YEAR_CACHE  # noqa: E402

RUNS = 15
TARGET_MS = 150.0
MONTH = date(2027, 3, 1)
AD_HOC_POSTS = 40


def build_month() -> tuple[Client, int]:
    """Create the database, a manager, and a post in every slot of MONTH; return a signed-in client and the count."""
    from socialrx.server.actions.posts import PostInput, create_post
    from socialrx.server.actions.strategy import ensure_default_strategy
    from socialrx.server.actions.team import create_user
    from socialrx.server.lib.calendar import active_plan

    ensure_default_strategy()
    manager = create_user(None, "bench-manager", "bench-password-123", ["social_media_manager"])
    plan = active_plan()
    slots = plan.slots_between(MONTH, date(MONTH.year, MONTH.month, 31))
    for slot in slots:
        create_post(manager, PostInput(title=f"Post for {slot.id}", variants={slot.platform: {"text": "Text."}},
                                       pillar=slot.pillar, slot_id=slot.id, scheduled_at=slot.start))  # fmt: skip
    for n in range(AD_HOC_POSTS):
        when = datetime(MONTH.year, MONTH.month, 1 + n % 28, 10 + n % 8, tzinfo=plan.zone)
        create_post(manager, PostInput(title=f"Ad hoc {n}", variants={"x": {"text": "Ad hoc."}}, scheduled_at=when))
    client = Client()
    client.force_login(manager)
    return client, len(slots) + AD_HOC_POSTS


def time_request(client: Client, url: str) -> tuple[float, float]:
    """Return the CPU and wall milliseconds of one request (refusing anything but a 200)."""
    cpu, wall = time.process_time(), time.perf_counter()
    response = client.get(url)
    elapsed = (time.process_time() - cpu) * 1000, (time.perf_counter() - wall) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{url} answered {response.status_code}")
    return elapsed


def main() -> None:
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        client, posts = build_month()
        url = f"/calendar/?month={MONTH:%Y-%m}"
        time_request(client, url)  # imports the URL conf, API and templates once
        _YEAR_CACHE.clear()
        cold = time_request(client, url)
        times = [time_request(client, url) for _ in range(RUNS)]
        cpu, wall = statistics.median(t[0] for t in times), statistics.median(t[1] for t in times)
        print(f"month view {MONTH:%B %Y}: {posts} posts in the month")
        print(f"  request with the year not planned yet: CPU {cold[0]:.1f} ms (wall {cold[1]:.1f} ms)")
        print(f"  median of {RUNS}: CPU {cpu:.1f} ms (wall {wall:.1f} ms), target {TARGET_MS:.0f} ms, ratio {cpu / TARGET_MS:.2f}")
        listing = statistics.median(time_request(client, f"{url}&view=list")[0] for _ in range(5))
        print(f"  list view of the month (a move form per post), median CPU {listing:.1f} ms")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    print("planner (bench/planning_year.py):")
    runpy.run_path(str(Path(__file__).with_name("planning_year.py")), run_name="__main__")


if __name__ == "__main__":
    main()
