"""Review queue, decisions, and notifications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.timezone import now
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.reviews import decide_or_error
from socialrx.server.lib.access import current_capabilities, require_capability
from socialrx.server.models import Notification, Post, PostStatus, ReviewTask, WorkflowStatus


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """Show the tasks waiting for me, for each of my roles' capabilities, and the expired approvals."""
    require_capability(request.user, "view_dashboards")
    capabilities = current_capabilities(request.user)
    active = (
        ReviewTask.objects.filter(status="active", workflow__status=WorkflowStatus.IN_PROGRESS)
        .select_related("workflow__post__author", "workflow__revision")
        .order_by("due_at")
    )
    mine = [t for t in active if t.capability in capabilities and t.workflow.post.author_id != request.user.pk
            and request.user.pk not in t.approval_user_ids]
    others = [t for t in active if t not in mine]
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
    notes = Notification.objects.filter(user=request.user)[:100]
    return render(request, "socialrx/notifications.html", {"notes": notes})


@login_required
@require_POST
def notifications_read(request: HttpRequest) -> HttpResponse:
    Notification.objects.filter(user=request.user, read_at__isnull=True).update(read_at=now())
    return redirect("notifications")
