"""One audit function for every state change, and the chain check."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils.timezone import now

from socialrx.server.models import AuditEvent, AuditHead

GENESIS_HASH = "0" * 64

# Every action name the product writes, with its label. Later areas add theirs here.
ACTION_LABELS: dict[str, str] = {
    "socialrx.strategy.upload": "Uploaded a strategy version",
    "socialrx.strategy.activate": "Activated a strategy version",
    "socialrx.user.create": "Added a person",
    "socialrx.user.roles": "Changed a person's roles",
    "socialrx.token.create": "Created an API token",
    "socialrx.token.revoke": "Revoked an API token",
    "socialrx.post.create": "Created a post",
    "socialrx.post.edit": "Edited a post",
    "socialrx.post.submit": "Submitted a post for review",
    "socialrx.post.resubmit": "Edited content under review; review restarted on a new revision",
    "socialrx.post.approve": "A post passed every review task",
    "socialrx.post.schedule": "Set a post's time",
    "socialrx.calendar.feed_rotate": "Made a new secret calendar feed address",
    "socialrx.repurpose.create": "Repurposed a long piece into drafts",
    "socialrx.repurpose.rewrite": "Rewrote a repurposed draft with the language model",
    "socialrx.repurpose.posts": "Turned a repurposed set into draft posts",
    "socialrx.repurpose.submit": "Sent a repurposed set to review",
    "socialrx.calendar.import": "Imported a calendar file as draft posts",
    "socialrx.compliance.override": "Overrode blocking compliance findings with a reason",
    "socialrx.review.approve": "Approved a review task",
    "socialrx.review.request_changes": "Requested changes",
    "socialrx.review.reject": "Rejected a post",
    "socialrx.review.expire": "A review did not finish by the post's time",
    "socialrx.comment.add": "Commented on a post",
    "socialrx.profile.email_mode": "Changed how notifications arrive by e-mail",
    "socialrx.publish.pause": "Paused all scheduled publishing",
    "socialrx.publish.resume": "Resumed scheduled publishing",
    "socialrx.publish.now": "Asked for a post to be published now",
    "socialrx.publish.retry": "Retried a failed channel",
    "socialrx.publish.sent": "A channel was published",
    "socialrx.publish.failed": "A channel failed to publish",
    "socialrx.publish.cancel": "A channel was not sent: the post changed after approval",
    "socialrx.publish.manual_task": "A post was handed to a person to publish by hand",
    "socialrx.publish.manual_done": "A post published by hand was recorded with its live URL",
    "socialrx.account.connect": "Connected a network account",
    "socialrx.account.disconnect": "Disconnected a network account",
    "socialrx.account.reauth": "A network account needs reconnecting",
    "socialrx.account.token_refresh": "Refreshed a network account's access",
    "socialrx.newsletter.subscribe": "Added a newsletter subscriber",
    "socialrx.newsletter.unsubscribe": "A subscriber left the newsletter",
    "socialrx.analytics.import": "Imported an analytics export",
    "socialrx.analytics.monthly_value": "Entered a monthly analytics value",
    "socialrx.analytics.report_opt_in": "Changed their monthly report subscription",
    "socialrx.analytics.report_recipient": "Added a monthly report recipient",
    "socialrx.analytics.report_sent": "Sent the monthly report",
    "socialrx.analytics.pacing_alert": "Alerted on ad-spend pacing",
    "socialrx.analytics.metrics_pull": "Pulled post metrics from a network",
    "socialrx.analytics.metrics_pull_failed": "A metric pull from a network failed",
    "socialrx.analytics.metrics_pull_requested": "Asked for a metric pull now",
    "socialrx.listening.source_add": "Added a listening source",
    "socialrx.listening.source_edit": "Paused or resumed a listening source",
    "socialrx.listening.fetch": "Fetched new mentions from a source",
    "socialrx.listening.import": "Imported mentions from a CSV file",
    "socialrx.listening.mention_add": "Added a mention by hand",
    "socialrx.listening.query_save": "Saved a listening query",
    "socialrx.listening.queries_default": "Created the strategy's default listening queries",
    "socialrx.listening.alert": "Raised a listening alert",
    "socialrx.listening.alert_ack": "Acknowledged a listening alert",
    "socialrx.listening.crisis": "Entered crisis mode from a listening alert",
    "socialrx.inbox.create": "Opened an inbox item",
    "socialrx.inbox.assign": "Assigned an inbox item",
    "socialrx.inbox.status": "Changed an inbox item's status",
    "socialrx.inbox.priority": "Changed an inbox item's priority",
    "socialrx.inbox.reply_draft": "Drafted an inbox reply",
    "socialrx.inbox.reply_review": "Sent an inbox reply to review",
    "socialrx.inbox.reply_send": "Sent an inbox reply",
    "socialrx.inbox.settings": "Changed the inbox business hours",
    "socialrx.contact.save": "Saved a contact",
    "socialrx.contact.import": "Imported contacts from a CSV file",
    "socialrx.contact.interaction": "Logged an interaction with a contact",
    "socialrx.contact.link": "Linked mentions and inbox items to contacts by handle",
    "socialrx.contact.collaboration": "Added or moved a collaboration",
    "socialrx.group.save": "Saved a community group",
    "socialrx.group.members": "Recorded a group's member count",
    "socialrx.group.routine_done": "Marked a group routine done",
    "socialrx.event.save": "Saved an event",
    "socialrx.event.speaking_request": "Logged a speaking request",
    "socialrx.event.media_mention": "Logged a media mention",
    "socialrx.crisis.open": "Opened an incident",
    "socialrx.crisis.sign_off": "Signed off a crisis protocol step",
    "socialrx.crisis.step_complete": "Completed a crisis protocol step",
    "socialrx.crisis.note": "Wrote on an incident's timeline",
    "socialrx.crisis.statement": "Drafted a holding statement",
    "socialrx.crisis.statement_submit": "Sent a holding statement to the crisis review",
    "socialrx.crisis.close": "Closed an incident",
    "socialrx.training.record": "Recorded a training topic",
}


def _canonical(value: Any) -> Any:
    return json.loads(json.dumps(value, default=str, sort_keys=True))


def _entry_hash(event: AuditEvent) -> str:
    payload = {
        "prev": event.prev_hash,
        "action": event.action,
        "actor_id": event.actor_id,
        "actor": event.actor_label,
        "at": event.occurred_at.isoformat(),
        "object_type": event.object_type,
        "object_id": event.object_id,
        "object_repr": event.object_repr,
        "revision_hash": event.revision_hash,
        "data": event.data,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def log(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    revision_hash: str = "",
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit log (inside the caller's transaction, if any)."""
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}: register it in ACTION_LABELS")
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        event = AuditEvent(
            action=action,
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=actor.get_username() if actor is not None and actor.is_authenticated else "system",
            occurred_at=now(),
            object_type=obj._meta.model_name if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            object_repr=str(obj)[:255] if obj is not None else "",
            revision_hash=revision_hash,
            data=_canonical(data or {}),
            prev_hash=head.last_hash,
        )
        event.entry_hash = _entry_hash(event)
        event.save()
        AuditHead.objects.filter(pk=1).update(last_hash=event.entry_hash)
    return event


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    first_bad_id: int | None = None
    problem: str = ""


def verify_chain() -> ChainReport:
    """Recompute every entry's hash in order; report the first entry that does not match."""
    previous = GENESIS_HASH
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != previous:
            return ChainReport(False, checked, event.id, f"entry {event.id} does not follow the entry before it")
        if _entry_hash(event) != event.entry_hash:
            return ChainReport(False, checked, event.id, f"entry {event.id} was changed after it was written")
        previous = event.entry_hash
        checked += 1
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and checked and head.last_hash != previous:
        return ChainReport(False, checked, None, "the newest entries are missing from the log")
    return ChainReport(True, checked)
