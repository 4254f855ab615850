"""Review queue, decisions, and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import now
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.reviews import (
    decide_or_error,
    open_review_tasks,
    set_email_mode,
    tasks_waiting_for,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.models import Notification, Post, PostStatus, Profile, ReviewTask


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Show the tasks waiting for me, the other open reviews, and the expired approvals."""
    require_capability(request.user, "view_dashboards")
    mine = tasks_waiting_for(request.user)
    others = [t for t in open_review_tasks() if t not in mine]
    context = {
        "mine": mine,
        "others": others,
        "expired": Post.objects.filter(status=PostStatus.EXPIRED).select_related("author").order_by("-scheduled_at")[:50],
        "returned": Post.objects.filter(author=request.user, status__in=[PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED]),
        "now": now(),
    }
    return render(request, "socialrx/review_queue.html", context)


@login_required
@require_POST
def review_decide(request: HttpRequest, task_id: int) -> HttpResponse:
    task = get_object_or_404(ReviewTask.objects.select_related("workflow"), pk=task_id)
    decision = request.POST.get("decision", "")
    try:
        decide_or_error(request.user, task.pk, decision, request.POST.get("comment", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        done = {"approve": "Approved.", "request_changes": "Sent back to the author with your comments.",
                "reject": "Rejected."}[decision]
        messages.success(request, done)
    return redirect("post-detail", task.workflow.post_id)


@login_required
def notifications(request: HttpRequest) -> HttpResponse:
    """Show my notifications and my e-mail preference."""
    require_capability(request.user, "view_dashboards")
    notes = Notification.objects.filter(user=request.user)[:100]
    profile = Profile.objects.filter(user=request.user).first()
    context = {"notes": notes, "email_mode": profile.email_mode if profile else Profile.EmailMode.IMMEDIATE,
               "email_modes": Profile.EmailMode.choices}
    return render(request, "socialrx/notifications.html", context)


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=now())
    return redirect("notifications")


@login_required
@require_POST
def notifications_email(request: HttpRequest) -> HttpResponse:
    """Save how I get notifications by e-mail."""
    try:
        profile = set_email_mode(request.user, request.POST.get("email_mode", ""))
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"E-mail: {profile.get_email_mode_display().lower()}.")
    return redirect("notifications")
