"""Periodic listening work: poll the sources that are due, and look for spikes.

Each Huey task is a thin wrapper over an action the tests call directly.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from socialrx.server.actions.listening import evaluate_spike_alerts, poll_due_sources


@db_periodic_task(crontab(minute="*"))
@lock_task("socialrx-poll-listening-sources")
def poll_listening_sources_every_minute() -> int:
    """Poll every due source (each has its own interval and back-off); return how many were polled."""
    return len(poll_due_sources())


@db_periodic_task(crontab(minute="*/10"))
@lock_task("socialrx-listening-spikes")
def look_for_spikes_every_ten_minutes() -> int:
    """Run spike detection on every rule, so spikes from imports and manual entries alert too."""
    return len(evaluate_spike_alerts())
