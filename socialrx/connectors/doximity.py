"""Doximity connector: a manual channel (Doximity has no public posting API).

``publish`` does no I/O: it returns a ``ManualTask`` with copy-ready text and a
checklist, and a person posts it or hands it to the Doximity account team.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from socialrx.connectors.base import (
    Account,
    Connector,
    ManualTask,
    PostMetrics,
    PublishRequest,
    PublishResult,
    RemotePost,
)

DOXIMITY_URL = "https://www.doximity.com/"


class DoximityConnector(Connector):
    """Prepare Doximity posts for a human to publish."""

    key = "doximity"
    supports_media = True
    manual = True

    def validate(self, request: PublishRequest) -> list[str]:
        """Return missing text or media files."""
        problems = [] if request.parts else ["A Doximity post needs text."]
        problems.extend(
            f"Media file {item.path} does not exist." for item in request.media if not item.path.is_file()
        )
        return problems

    def publish(self, request: PublishRequest) -> PublishResult:
        """Return a manual task with the copy and the steps to publish it."""
        copy_text = "\n\n".join(request.parts)
        if request.title:
            copy_text = f"{request.title}\n\n{copy_text}"
        checklist = [
            "Check the copy below is exactly the approved revision.",
            "Post it from the organisation's Doximity account, or send it to the Doximity account team.",
            "Check every link carries utm_source=doximity.",
        ]
        checklist.extend(
            f"Attach {item.path.name} (alt text: {item.alt_text or 'none'})." for item in request.media
        )
        checklist.append(
            "Record the post's URL and time in socialrx; enter results by hand or from portal exports."
        )
        task = ManualTask(copy_text=copy_text, checklist=tuple(checklist), destination_url=DOXIMITY_URL)
        return PublishResult(platform_post_id=f"manual:{request.idempotency_key}", manual_task=task)

    def fetch_metrics(self, account: Account, post_ids: Sequence[str]) -> list[PostMetrics]:
        """Return no metrics: Doximity results are entered by hand or imported."""
        return []

    def recent_posts(self, account: Account, since: datetime) -> list[RemotePost]:
        """Return nothing: there is no API to read posts back."""
        return []
