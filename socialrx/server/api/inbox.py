"""Inbox endpoints: items with their SLA deadlines, assignment, status, priority, replies and the response report."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime, timedelta

from django.shortcuts import get_object_or_404
from django.utils.timezone import now
from ninja import Router, Schema

from socialrx.server.actions.inbox import (
    assign_item,
    business_hours,
    draft_reply,
    send_reply,
    set_item_priority,
    set_item_status,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.listening_inbox import access_inbox_item_by_id, first_response_report, inbox_items
from socialrx.server.models import InboxItem, InboxReply

router = Router(tags=["inbox"])


class InboxFindingOut(Schema):
    rule: str
    severity: str
    message: str
    fix: str = ""
    start: int | None = None
    end: int | None = None


class ReplyOut(Schema):
    id: int
    item_id: int
    author: str
    text: str
    verdict: str
    findings: list[InboxFindingOut]
    status: str
    post_id: int | None
    platform_post_id: str
    url: str
    sent_at: datetime | None


class ItemOut(Schema):
    id: int
    kind: str
    queue: str
    channel: str
    author: str
    text: str
    url: str
    received_at: datetime
    priority: str
    status: str
    assignee: str | None
    due_at: datetime
    first_response_at: datetime | None
    closed_at: datetime | None
    mention_id: int | None
    alert_id: int | None


class ItemDetailOut(ItemOut):
    replies: list[ReplyOut]


class AssignIn(Schema):
    assignee_id: int | None = None


class StatusIn(Schema):
    status: str


class PriorityIn(Schema):
    priority: str


class ReplyIn(Schema):
    text: str


class ReportRowOut(Schema):
    priority: str
    items: int
    answered: int
    median_hours: float | None
    within_target: float | None
    overdue_open: int


class ReportOut(Schema):
    days: int
    zone: str
    opens: str
    closes: str
    rows: list[ReportRowOut]


ITEM_FIELDS = ("kind", "queue", "channel", "author", "text", "url", "received_at", "priority", "status", "due_at",
               "first_response_at", "closed_at", "mention_id", "alert_id")


def _item_out(item: InboxItem) -> ItemOut:
    return ItemOut(id=item.pk, assignee=item.assignee.get_username() if item.assignee else None,
                   **{field: getattr(item, field) for field in ITEM_FIELDS})


def _reply_out(reply: InboxReply) -> ReplyOut:
    findings = [InboxFindingOut(rule=f.get("rule", ""), severity=f.get("severity", ""), message=f.get("message", ""),
                           fix=f.get("fix") or "", start=f.get("start"), end=f.get("end"))
                for f in reply.findings]
    return ReplyOut(id=reply.pk, item_id=reply.item_id, author=reply.author.get_username(), text=reply.text,
                    verdict=reply.verdict, findings=findings, status=reply.status, post_id=reply.post_id,
                    platform_post_id=reply.platform_post_id, url=reply.url, sent_at=reply.sent_at)


def _detail(user, item_id: int) -> ItemDetailOut:
    item = access_inbox_item_by_id(user, item_id)
    replies = [_reply_out(r) for r in item.replies.select_related("author")]
    return ItemDetailOut(replies=replies, **_item_out(item).dict())


def _existing(user, item_id: int) -> int:
    """Return the id of an item the person may see (404 when there is none)."""
    return access_inbox_item_by_id(user, item_id).pk


@router.get("/items", response=list[ItemOut])
def list_items(request, status: str = "", priority: str = "", queue: str = "", assignee: str = ""):
    """Return open items soonest due first (or those with ``status``); ``assignee`` is ``me`` or ``nobody``."""
    return [_item_out(i) for i in inbox_items(request.user, status=status, priority=priority, queue=queue,
                                              assignee=assignee)[:500]]  # fmt: skip


@router.get("/items/{item_id}", response=ItemDetailOut)
def item_detail(request, item_id: int):
    """Return one item with its replies and their compliance findings."""
    return _detail(request.user, item_id)


@router.post("/items/{item_id}/assign", response=ItemOut)
def item_assign(request, item_id: int, payload: AssignIn):
    """Assign an item to someone who may answer the inbox, or unassign it with no ``assignee_id`` (answer_inbox)."""
    return _item_out(assign_item(request.user, _existing(request.user, item_id), payload.assignee_id))


@router.post("/items/{item_id}/status", response=ItemOut)
def item_status(request, item_id: int, payload: StatusIn):
    """Set the status: new, assigned, waiting, answered or closed (answer_inbox)."""
    return _item_out(set_item_status(request.user, _existing(request.user, item_id), payload.status))


@router.post("/items/{item_id}/priority", response=ItemOut)
def item_priority(request, item_id: int, payload: PriorityIn):
    """Set the priority; an unanswered item's deadline follows it (answer_inbox)."""
    return _item_out(set_item_priority(request.user, _existing(request.user, item_id), payload.priority))


@router.post("/items/{item_id}/reply", response=ReplyOut)
def item_draft_reply(request, item_id: int, payload: ReplyIn):
    """Save the item's draft reply and return it with its compliance verdict and findings (answer_inbox)."""
    return _reply_out(draft_reply(request.user, _existing(request.user, item_id), payload.text))


@router.post("/replies/{reply_id}/send", response=ReplyOut)
def reply_send(request, reply_id: int):
    """Send a draft: blocked replies are refused (400), flagged ones go to review, clean ones are published."""
    require_capability(request.user, "answer_inbox")
    reply = get_object_or_404(InboxReply, pk=reply_id)
    return _reply_out(send_reply(request.user, reply.pk))


@router.get("/report", response=ReportOut)
def response_report(request, days: int = 30):
    """Return first-response times per priority in business hours over the last ``days`` days."""
    require_capability(request.user, "view_dashboards")
    days = max(1, min(days, 3650))
    at, hours = now(), business_hours()
    rows = [ReportRowOut(**asdict(row)) for row in first_response_report(at - timedelta(days=days), at, hours)]
    return ReportOut(days=days, zone=hours.zone, opens=hours.opens.strftime("%H:%M"), closes=hours.closes.strftime("%H:%M"),
                     rows=rows)
