"""Periodic audit work: anchor the chain's head outside the database every hour.

An anchor lets `socialrx audit verify` notice entries removed from the end of the log (or the
whole log), which a chain alone cannot show.
"""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, lock_task

from socialrx.server.lib.audit import write_anchor


@db_periodic_task(crontab(minute="5"))
@lock_task("socialrx-audit-anchor")
def anchor_audit_log_hourly() -> int | None:
    anchor = write_anchor()
    return anchor.entry_id if anchor else None
