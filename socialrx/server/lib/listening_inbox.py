"""Reads for the inbox: items a person may see, with filters, and the first-response-time report."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from socialrx.server.lib.access import require_capability
from socialrx.server.lib.listening_sla import BusinessHours, business_hours_between
from socialrx.server.models import InboxItem, ItemStatus, Priority


@dataclass(frozen=True)
class ResponseRow:
    """First responses for one priority: items, answered, median business hours, share within target."""

    priority: str
    items: int
    answered: int
    median_hours: float | None
    within_target: float | None
    overdue_open: int


def inbox_items(user, *, status: str = "", priority: str = "", queue: str = "", assignee: str = "") -> QuerySet[InboxItem]:
    """Return the inbox items a person may see, soonest due first (open ones unless a status is asked for)."""
    require_capability(user, "view_dashboards")
    rows = InboxItem.objects.select_related("assignee", "mention")
    rows = rows.filter(status=status) if status else rows.exclude(status=ItemStatus.CLOSED)
    if priority:
        rows = rows.filter(priority=priority)
    if queue:
        rows = rows.filter(queue=queue)
    if assignee == "me":
        rows = rows.filter(assignee=user)
    elif assignee == "nobody":
        rows = rows.filter(assignee__isnull=True)
    return rows.order_by("due_at", "pk")


def access_inbox_item_by_id(user, item_id: int) -> InboxItem:
    """Return one inbox item the person may see, or raise."""
    require_capability(user, "view_dashboards")
    return get_object_or_404(InboxItem.objects.select_related("assignee", "mention", "alert"), pk=item_id)


def first_response_report(since: datetime, at: datetime, business: BusinessHours) -> list[ResponseRow]:
    """Return per priority the business hours to first response of items received since ``since``."""
    rows = []
    for priority in Priority.values:
        items = list(InboxItem.objects.filter(priority=priority, received_at__gte=since))
        answered = [i for i in items if i.first_response_at is not None]
        hours = [business_hours_between(i.received_at, i.first_response_at, business) for i in answered]
        within = sum(1 for i in answered if i.first_response_at <= i.due_at)
        overdue = sum(1 for i in items if i.first_response_at is None and i.status != ItemStatus.CLOSED and i.due_at < at)
        rows.append(ResponseRow(priority, len(items), len(answered), statistics.median(hours) if hours else None,
                                within / len(answered) if answered else None, overdue))
    return rows
