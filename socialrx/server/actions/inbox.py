"""Writes on the engagement inbox: open items, assign, change status, draft, check and send replies."""

from __future__ import annotations

import hashlib
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.timezone import now

from socialrx.connectors.base import Account, PublishRequest
from socialrx.connectors.errors import ConnectorError
from socialrx.connectors.registry import get_connector
from socialrx.core.http_urls import http_url_or_blank
from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.actions.reviews import submit_post
from socialrx.server.lib.access import active_strategy_version, current_capabilities, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.compliance import SEVERITY_RANK, check_variant
from socialrx.server.lib.listening_sla import BusinessHours, add_business_hours
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.notify import notify
from socialrx.server.models import (
    CONNECTOR_KEY_BY_CHANNEL,
    Alert,
    InboxItem,
    InboxReply,
    InboxSettings,
    ItemKind,
    ItemStatus,
    Priority,
    Queue,
    ReplyStatus,
    StoredMention,
)

PRIORITY_SLA_FACTORS = {Priority.URGENT: 0.25, Priority.HIGH: 0.5, Priority.NORMAL: 1.0, Priority.LOW: 2.0}
REPLY_CHANNELS = ("x", "linkedin", "youtube")


def inbox_settings() -> InboxSettings:
    """Return the one business-hours row, creating it with the defaults."""
    row, _ = InboxSettings.objects.get_or_create(pk=1)
    return row


def business_hours() -> BusinessHours:
    """Return the configured business hours in the strategy's time zone."""
    version = active_strategy_version()
    zone = strategy_of(version).organisation.timezone if version else "UTC"
    row = inbox_settings()
    return BusinessHours(zone, row.opens_at, row.closes_at, frozenset(int(day) for day in row.weekdays))


def sla_hours(priority: str) -> float:
    """Return the response target in business hours for a priority (normal = the strategy's response time)."""
    configured = inbox_settings().sla_hours or {}
    if priority in configured:
        return float(configured[priority])
    version = active_strategy_version()
    base = strategy_of(version).listening.response_time_hours if version else 4.0
    return base * PRIORITY_SLA_FACTORS[priority]


def due_for(received_at: datetime, priority: str) -> datetime:
    """Return when the first response to an item received at ``received_at`` is due."""
    return add_business_hours(received_at, sla_hours(priority), business_hours())


def update_business_hours(user, *, opens_at: time, closes_at: time, weekdays: list[int], sla: dict[str, float]) -> InboxSettings:
    """Change business hours and response targets; open items keep the deadline they were given."""
    require_capability(user, "manage_listening")
    if not weekdays:
        raise ActionError("weekdays: choose at least one working day")
    if closes_at <= opens_at:
        raise ActionError("hours: closing time must be after opening time")
    bad = [key for key, hours in sla.items() if key not in Priority.values or hours <= 0]
    if bad:
        raise ActionError(f"response targets: {', '.join(bad)} must be a priority with a positive number of hours")
    with transaction.atomic():
        row = inbox_settings()
        row.opens_at, row.closes_at, row.weekdays, row.sla_hours = opens_at, closes_at, sorted(set(weekdays)), sla
        row.updated_at = now()
        row.save()
        log("socialrx.inbox.settings", actor=user, obj=row,
            data={"opens": str(opens_at), "closes": str(closes_at), "weekdays": row.weekdays, "sla": sla})
    return row


def _item_url(item: InboxItem) -> str:
    return reverse("inbox-item", args=[item.pk])


def do_open_item(actor, *, text: str, received_at: datetime, kind: str = ItemKind.MENTION, channel: str = "x",
                 author: str = "", url: str = "", external_id: str = "", priority: str = Priority.NORMAL,
                 queue: str = Queue.ENGAGEMENT, mention: StoredMention | None = None, alert: Alert | None = None,
                 due_at: datetime | None = None) -> InboxItem:
    """Create one inbox item with its SLA deadline and audit it."""
    if priority not in Priority.values or kind not in ItemKind.values:
        raise ActionError(f"priority/kind: {priority!r}/{kind!r} is not known")
    stamp = now()
    item = InboxItem.objects.create(kind=kind, queue=queue, mention=mention, alert=alert, channel=channel,
                                    author=author[:200], text=text, url=http_url_or_blank(url)[:1000], external_id=external_id[:300],
                                    received_at=received_at, priority=priority,
                                    due_at=due_at or due_for(received_at, priority), created_at=stamp, updated_at=stamp)
    log("socialrx.inbox.create", actor=actor, obj=item, data={"queue": queue, "priority": priority, "due": item.due_at})
    return item


def open_item_for_mention(user, mention_id: int, *, priority: str = Priority.NORMAL) -> InboxItem:
    """Put a stored mention in the engagement inbox (once)."""
    require_capability(user, "answer_inbox")
    mention = StoredMention.objects.select_related("source").get(pk=mention_id)
    existing = InboxItem.objects.filter(mention=mention, queue=Queue.ENGAGEMENT).first()
    if existing is not None:
        return existing
    channel = "x" if mention.source.kind == "x_search" else "web"
    with transaction.atomic():
        return do_open_item(user, text=mention.text, received_at=mention.published_at, channel=channel,
                            author=mention.author, url=mention.url, external_id=mention.external_id,
                            priority=priority, mention=mention)


def open_safety_item(mention: StoredMention, alert: Alert, *, hours: int) -> InboxItem | None:
    """Put a mention with watched safety words in the safety queue, due in ``hours`` calendar hours."""
    try:
        with transaction.atomic():
            item = do_open_item(None, text=mention.text, received_at=mention.published_at, channel="web",
                                author=mention.author, url=mention.url, external_id=mention.external_id,
                                priority=Priority.URGENT, queue=Queue.SAFETY, mention=mention, alert=alert,
                                due_at=max(mention.published_at, alert.raised_at) + timedelta(hours=hours))
    except IntegrityError:
        return None
    from socialrx.server.lib.notify import holders_of

    notify(holders_of("answer_inbox"), kind="safety_queue", message=f"Possible adverse event to assess: {mention.text[:120]}",
           url=_item_url(item))
    return item


def _locked_item(item_id: int) -> InboxItem:
    return InboxItem.objects.select_for_update().get(pk=item_id)


def assign_item(user, item_id: int, assignee_id: int | None) -> InboxItem:
    """Assign an item to a person who may answer the inbox (or unassign it)."""
    require_capability(user, "answer_inbox")
    assignee = None
    if assignee_id:
        assignee = get_user_model().objects.filter(pk=assignee_id, is_active=True).first()
        if assignee is None or "answer_inbox" not in current_capabilities(assignee):
            raise ActionError("assignee: choose a person who may answer the inbox")
    with transaction.atomic():
        item = _locked_item(item_id)
        item.assignee = assignee
        if item.status in (ItemStatus.NEW, ItemStatus.ASSIGNED):
            item.status = ItemStatus.ASSIGNED if assignee else ItemStatus.NEW
        item.updated_at = now()
        item.save(update_fields=["assignee", "status", "updated_at"])
        log("socialrx.inbox.assign", actor=user, obj=item, data={"assignee": assignee.get_username() if assignee else None})
    if assignee is not None and assignee.pk != user.pk:
        notify([assignee], kind="inbox_assigned", message=f"Inbox item assigned to you: {item.text[:120]}", url=_item_url(item))
    return item


def set_item_status(user, item_id: int, status: str) -> InboxItem:
    """Move an item to waiting, answered, closed, or back to new/assigned."""
    require_capability(user, "answer_inbox")
    if status not in ItemStatus.values:
        raise ActionError(f"status: {status!r} is not one of {', '.join(ItemStatus.values)}")
    with transaction.atomic():
        item = _locked_item(item_id)
        stamp = now()
        item.status, item.updated_at = status, stamp
        item.closed_at = stamp if status == ItemStatus.CLOSED else None
        if status == ItemStatus.ANSWERED and item.first_response_at is None:
            item.first_response_at = stamp
        item.save(update_fields=["status", "updated_at", "closed_at", "first_response_at"])
        log("socialrx.inbox.status", actor=user, obj=item, data={"status": status})
    return item


def set_item_priority(user, item_id: int, priority: str) -> InboxItem:
    """Change an item's priority; an unanswered item's deadline follows the new target."""
    require_capability(user, "answer_inbox")
    if priority not in Priority.values:
        raise ActionError(f"priority: {priority!r} is not one of {', '.join(Priority.values)}")
    with transaction.atomic():
        item = _locked_item(item_id)
        item.priority, item.updated_at = priority, now()
        if item.first_response_at is None and item.queue == Queue.ENGAGEMENT:
            item.due_at = due_for(item.received_at, priority)
        item.save(update_fields=["priority", "due_at", "updated_at"])
        log("socialrx.inbox.priority", actor=user, obj=item, data={"priority": priority, "due": item.due_at})
    return item


def _reply_findings(item: InboxItem, text: str) -> tuple[str, list[dict]]:
    version = active_strategy_version()
    if version is None:
        return "pass", []
    channel = item.channel if item.channel in REPLY_CHANNELS else "x"
    findings = check_variant({"channel": channel, "text": text}, strategy_of(version), is_reply=True)
    verdict = max((f["severity"] for f in findings), key=SEVERITY_RANK.__getitem__, default="pass")
    return verdict, findings


def draft_reply(user, item_id: int, text: str) -> InboxReply:
    """Save the draft reply of an item and check it with the compliance engine."""
    require_capability(user, "answer_inbox")
    if not text.strip():
        raise ActionError("reply: write the reply first")
    with transaction.atomic():
        item = _locked_item(item_id)
        if item.status == ItemStatus.CLOSED:
            raise ActionError("This item is closed; reopen it to reply.")
        verdict, findings = _reply_findings(item, text)
        stamp = now()
        reply = item.replies.filter(status=ReplyStatus.DRAFT).first()
        if reply is None:
            reply = InboxReply(item=item, author=user, created_at=stamp)
        reply.text, reply.verdict, reply.findings, reply.updated_at = text.strip(), verdict, findings, stamp
        reply.save()
        log("socialrx.inbox.reply_draft", actor=user, obj=item, data={"reply": reply.pk, "verdict": verdict})
    return reply


def _send_to_network(reply: InboxReply) -> tuple[str, str]:
    """Publish the reply through the channel's connector in sandbox mode; return (post id, url)."""
    item = reply.item
    key = CONNECTOR_KEY_BY_CHANNEL.get(item.channel, "x") if item.channel in REPLY_CHANNELS else "x"
    connector = get_connector(key, sandbox=True)
    idempotency_key = hashlib.sha256(f"inbox-reply:{reply.pk}".encode()).hexdigest()[:32]
    request = PublishRequest(idempotency_key=idempotency_key, account=Account(platform=key, external_id="inbox"),
                             text=reply.text)
    problems = connector.validate(request)
    if problems:
        raise ActionError(f"reply: {problems[0]}")
    try:
        result = connector.publish(request)
    except ConnectorError as error:
        raise ActionError(f"The network refused the reply: {error.message}") from None
    return result.platform_post_id, result.url


def _route_to_review(user, reply: InboxReply) -> None:
    item = reply.item
    channel = item.channel if item.channel in REPLY_CHANNELS else "x"
    post = create_post(user, PostInput(title=f"Inbox reply to {item.author or 'a mention'}"[:200],
                                       variants={channel: {"text": reply.text}}, content_type="reply"))
    submit_post(user, post)
    reply.post, reply.status = post, ReplyStatus.IN_REVIEW


def send_reply(user, reply_id: int) -> InboxReply:
    """Send a checked reply: blocked ones are refused, flagged ones go through review, clean ones are published."""
    require_capability(user, "answer_inbox")
    with transaction.atomic():
        reply = InboxReply.objects.select_for_update().select_related("item").get(pk=reply_id)
        if reply.status != ReplyStatus.DRAFT:
            raise ActionError("This reply was already sent or submitted.")
        reply.verdict, reply.findings = _reply_findings(reply.item, reply.text)
        if reply.verdict == "block":
            reply.save(update_fields=["verdict", "findings"])
            raise ActionError("The reply has blocking compliance findings; fix them before sending.")
        stamp = now()
        if reply.verdict == "review":
            _route_to_review(user, reply)
            item_status, action = ItemStatus.WAITING, "socialrx.inbox.reply_review"
        else:
            reply.platform_post_id, reply.url = _send_to_network(reply)
            reply.status, reply.sent_at = ReplyStatus.SENT, stamp
            item_status, action = ItemStatus.ANSWERED, "socialrx.inbox.reply_send"
        reply.updated_at = stamp
        reply.save()
        item = _locked_item(reply.item_id)
        item.status, item.updated_at = item_status, stamp
        if item_status == ItemStatus.ANSWERED and item.first_response_at is None:
            item.first_response_at = stamp
        item.save(update_fields=["status", "updated_at", "first_response_at"])
        log(action, actor=user, obj=item, data={"reply": reply.pk, "verdict": reply.verdict,
                                                "post": reply.post_id, "platform_id": reply.platform_post_id})
    return reply
