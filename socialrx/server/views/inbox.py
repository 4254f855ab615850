"""Inbox pages: the queue with SLA timers, one item (assign, status, draft and send a reply), the response report."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.timezone import now
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.inbox import (
    assign_item,
    business_hours,
    draft_reply,
    inbox_settings,
    send_reply,
    set_item_priority,
    set_item_status,
    sla_hours,
    update_business_hours,
)
from socialrx.server.lib.access import has_capability, require_capability
from socialrx.server.lib.listening_inbox import access_inbox_item_by_id, first_response_report, inbox_items
from socialrx.server.lib.listening_sla import business_hours_between
from socialrx.server.lib.notify import holders_of
from socialrx.server.models import ItemStatus, Priority, Queue, ReplyStatus


def _run(request: HttpRequest, action: Callable[[], object], success: str) -> bool:
    try:
        action()
    except ActionError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, success)
    return True


@login_required
def inbox_page(request: HttpRequest) -> HttpResponse:
    """Show open items soonest due first, with filters and the time left in business hours."""
    filters = {key: request.GET.get(key, "") for key in ("status", "priority", "queue", "assignee")}
    items = list(inbox_items(request.user, **filters)[:200])
    at, business = now(), business_hours()
    # (item, business hours left or past due, overdue): an item due on Friday evening is overdue on Saturday
    # even though no business hour has passed since.
    rows = [(item, business_hours_between(at, item.due_at, business), False) if item.due_at > at else
            (item, business_hours_between(item.due_at, at, business), True) for item in items]
    context = {"rows": rows, "filters": filters, "statuses": ItemStatus.choices, "priorities": Priority.choices,
               "queues": Queue.choices, "now": at}
    return render(request, "socialrx/inbox.html", context)


@login_required
def inbox_item(request: HttpRequest, item_id: int) -> HttpResponse:
    """Show one item, its replies and the reply editor with the compliance findings of the draft."""
    item = access_inbox_item_by_id(request.user, item_id)
    draft = item.replies.filter(status=ReplyStatus.DRAFT).first()
    context = {"item": item, "draft": draft, "replies": item.replies.exclude(status=ReplyStatus.DRAFT),
               "people": holders_of("answer_inbox"), "statuses": ItemStatus.choices, "priorities": Priority.choices,
               "can_answer": has_capability(request.user, "answer_inbox"), "now": now()}
    return render(request, "socialrx/inbox_item.html", context)


@login_required
@require_POST
def inbox_assign(request: HttpRequest, item_id: int) -> HttpResponse:
    raw = request.POST.get("assignee", "")
    assignee = request.user.pk if raw == "me" else (int(raw) if raw.isdigit() else None)
    _run(request, lambda: assign_item(request.user, item_id, assignee), "Assigned." if assignee else "Unassigned.")
    return redirect("inbox-item", item_id)


@login_required
@require_POST
def inbox_status(request: HttpRequest, item_id: int) -> HttpResponse:
    status = request.POST.get("status", "")
    _run(request, lambda: set_item_status(request.user, item_id, status), "Status changed.")
    return redirect("inbox-item", item_id)


@login_required
@require_POST
def inbox_priority(request: HttpRequest, item_id: int) -> HttpResponse:
    priority = request.POST.get("priority", "")
    _run(request, lambda: set_item_priority(request.user, item_id, priority), "Priority changed.")
    return redirect("inbox-item", item_id)


@login_required
@require_POST
def inbox_reply(request: HttpRequest, item_id: int) -> HttpResponse:
    """Save and check the draft reply; with ``send`` also send it (through review when flagged)."""
    try:
        reply = draft_reply(request.user, item_id, request.POST.get("text", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
        return redirect("inbox-item", item_id)
    if request.POST.get("send"):
        _run(request, lambda: send_reply(request.user, reply.pk), "Reply sent.")
    else:
        messages.success(request, "Draft saved and checked." if reply.verdict == "pass" else
                         f"Draft saved; the compliance check says: {reply.verdict}.")
    return redirect("inbox-item", item_id)


@login_required
def inbox_report(request: HttpRequest) -> HttpResponse:
    """Show first-response times per priority in business hours over the last 30 days."""
    require_capability(request.user, "view_dashboards")
    days = int(request.GET.get("days", "30")) if request.GET.get("days", "30").isdigit() else 30
    at = now()
    rows = first_response_report(at - timedelta(days=days), at, business_hours())
    return render(request, "socialrx/inbox_report.html", {"rows": rows, "days": days, "business": business_hours()})


WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _time(value: str, field: str) -> time:
    try:
        return time.fromisoformat(value.strip())
    except ValueError:
        raise ActionError(f"{field}: use a time such as 09:00") from None


def _targets(post) -> dict[str, float]:
    """Return the response targets typed in per priority; an empty box keeps the strategy's default."""
    targets = {}
    for priority in Priority.values:
        raw = post.get(f"sla_{priority}", "").strip()
        if raw:
            try:
                targets[priority] = float(raw)
            except ValueError:
                raise ActionError(f"response target for {priority}: {raw!r} is not a number of hours") from None
    return targets


def _save_settings(request: HttpRequest) -> None:
    post = request.POST
    weekdays = [int(day) for day in post.getlist("weekdays") if day.isdigit() and int(day) < 7]
    update_business_hours(request.user, opens_at=_time(post.get("opens_at", ""), "opens"),
                          closes_at=_time(post.get("closes_at", ""), "closes"), weekdays=weekdays, sla=_targets(post))


@login_required
def inbox_settings_page(request: HttpRequest) -> HttpResponse:
    """Show business hours and response targets per priority; people who manage listening change them."""
    require_capability(request.user, "view_dashboards")
    error = None
    if request.method == "POST":
        require_capability(request.user, "manage_listening")
        try:
            _save_settings(request)
        except ActionError as exc:
            error = str(exc)
        else:
            messages.success(request, "Business hours saved; new items get deadlines from them.")
            return redirect("inbox-settings")
    row = inbox_settings()
    configured = row.sla_hours or {}
    targets = [(value, label, configured.get(value, ""), sla_hours(value)) for value, label in Priority.choices]
    context = {"row": row, "error": error, "targets": targets, "business": business_hours(),
               "weekdays": [(n, name, n in row.weekdays) for n, name in enumerate(WEEKDAY_NAMES)],
               "can_manage": has_capability(request.user, "manage_listening")}
    return render(request, "socialrx/inbox_settings.html", context, status=400 if error else 200)
