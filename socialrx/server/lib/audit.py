"""One audit function for every state change, the chain check, and anchors kept outside the database.

Each entry's hash is an HMAC-SHA256 keyed with the audit key (``SOCIALRX_AUDIT_KEY``, else
derived from ``SOCIALRX_SECRET_KEY``), so a person who can write to the database but does not
hold the key cannot rewrite an entry and recompute the chain. Removing the newest entries, or
all of them, is caught by anchors: the head's id and hash appended to a file outside the
database (``socialrx audit anchor``, and hourly by the worker), which ``verify_chain`` checks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.conf import settings
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


def audit_key() -> bytes:
    """Return the key of the chain's HMAC (read lazily: the setting, else derived from the secret key)."""
    explicit = getattr(settings, "SOCIALRX_AUDIT_KEY", None)
    if explicit:
        return explicit.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"socialrx.audit.chain.v2", hashlib.sha256).digest()


def _entry_hash(event: AuditEvent, key: bytes | None = None) -> str:
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
    message = json.dumps(payload, sort_keys=True, separators=(",", ":")).encode()
    if event.scheme == 1:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key or audit_key(), message, hashlib.sha256).hexdigest()


def log(
    action: str,
    *,
    actor=None,
    obj: models.Model | None = None,
    revision_hash: str = "",
    data: dict | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to the audit log (inside the caller's transaction, if any), at ``at`` (default: now)."""
    if action not in ACTION_LABELS:
        raise ValueError(f"unknown audit action {action!r}: register it in ACTION_LABELS")
    with transaction.atomic():
        head, _ = AuditHead.objects.select_for_update().get_or_create(pk=1, defaults={"last_hash": GENESIS_HASH})
        event = AuditEvent(
            action=action,
            actor=actor if actor is not None and actor.is_authenticated else None,
            actor_label=actor.get_username() if actor is not None and actor.is_authenticated else "system",
            occurred_at=at.astimezone(UTC) if at else now(),  # stored and hashed in UTC, as read back
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
    anchors: int = 0
    legacy: int = 0
    """Entries written before the chain was keyed (unkeyed SHA-256); they come first or not at all."""


def verify_chain(*, anchors: list[Anchor] | None = None) -> ChainReport:
    """Recompute every entry's hash in order and check the head and every anchor.

    Report the first entry that does not match, a head that the entries do not reach, and an
    anchor (an id and hash recorded outside the database) that the chain no longer holds.
    """
    key = audit_key()
    anchors = read_anchors() if anchors is None else anchors
    wanted = {anchor.entry_id: anchor for anchor in anchors}
    previous, checked, legacy, seen_keyed = GENESIS_HASH, 0, 0, False
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != previous:
            return ChainReport(False, checked, event.id, f"entry {event.id} does not follow the entry before it")
        if event.scheme == 1 and seen_keyed:
            return ChainReport(False, checked, event.id, f"entry {event.id} is unkeyed but follows keyed entries")
        if not hmac.compare_digest(_entry_hash(event, key), event.entry_hash):
            return ChainReport(False, checked, event.id, f"entry {event.id} was changed after it was written")
        anchor = wanted.pop(event.id, None)
        if anchor is not None and anchor.entry_hash != event.entry_hash:
            return ChainReport(False, checked, event.id, f"entry {event.id} differs from the anchor of {anchor.at}")
        seen_keyed = seen_keyed or event.scheme != 1
        legacy += event.scheme == 1
        previous = event.entry_hash
        checked += 1
    if wanted:
        missing = min(wanted.values(), key=lambda anchor: anchor.entry_id)
        return ChainReport(False, checked, None, f"entry {missing.entry_id}, anchored at {missing.at}, is missing "
                                                 "from the log")  # fmt: skip
    head = AuditHead.objects.filter(pk=1).first()
    if head is not None and head.last_hash != previous:
        return ChainReport(False, checked, None, "the newest entries are missing from the log")
    return ChainReport(True, checked, anchors=len(anchors), legacy=legacy)


@dataclass(frozen=True)
class Anchor:
    """The chain's head at one moment, kept outside the database."""

    entry_id: int
    entry_hash: str
    at: str

    def to_line(self) -> str:
        return json.dumps({"id": self.entry_id, "hash": self.entry_hash, "at": self.at}, sort_keys=True)


class AnchorFileError(ValueError):
    """The anchor file cannot be read; the message names the file and line."""


def anchor_file() -> Path:
    """Return the anchor file (``SOCIALRX_AUDIT_ANCHOR_FILE``, else ``audit-anchors.jsonl`` in the data folder)."""
    configured = getattr(settings, "SOCIALRX_AUDIT_ANCHOR_FILE", None)
    return Path(configured) if configured else Path(settings.DATA_DIR) / "audit-anchors.jsonl"


def read_anchors(path: Path | None = None) -> list[Anchor]:
    """Return the anchors recorded so far (none when the file does not exist)."""
    path = path or anchor_file()
    if not path.exists():
        return []
    anchors = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            anchors.append(Anchor(int(record["id"]), str(record["hash"]), str(record["at"])))
        except (ValueError, KeyError, TypeError):
            raise AnchorFileError(f"{path}, line {number}: not an anchor (expected id, hash and at)") from None
    return anchors


def parse_anchor(text: str) -> Anchor:
    """Parse an anchor given by hand as ``ID:HASH`` (as ``socialrx audit anchor`` prints it)."""
    entry_id, _, entry_hash = text.strip().partition(":")
    if not entry_id.isdigit() or len(entry_hash) != 64:
        raise AnchorFileError(f"{text!r} is not an anchor like 1234:<64 hex digits>")
    return Anchor(int(entry_id), entry_hash.lower(), "the given anchor")


def write_anchor(path: Path | None = None) -> Anchor | None:
    """Append the current head to the anchor file; return it (None while the log is empty)."""
    newest = AuditEvent.objects.order_by("-id").only("id", "entry_hash").first()
    if newest is None:
        return None
    anchor = Anchor(newest.id, newest.entry_hash, now().isoformat(timespec="seconds"))
    path = path or anchor_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    known = read_anchors(path)
    if known and known[-1].entry_id == anchor.entry_id:
        return known[-1]
    with path.open("a", encoding="utf-8") as handle:
        handle.write(anchor.to_line() + "\n")
    return anchor
