"""Review endpoints: the tasks waiting for me, open reviews, and decisions (approve, request changes, reject)."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from socialrx.server.actions.reviews import decide, open_review_tasks, tasks_waiting_for
from socialrx.server.api.posts import ErrorOut, PostOut, post_out
from socialrx.server.lib.access import require_capability
from socialrx.server.models import Post, PostStatus, ReviewTask

router = Router(tags=["reviews"])


class ReviewTaskOut(Schema):
    id: int
    post_id: int
    post_title: str
    author: str
    key: str
    name: str
    capability: str
    mode: str
    status: str
    due_at: datetime | None
    revision: int
    revision_hash: str


class DecisionIn(Schema):
    comment: str = Field("", description="required to request changes or reject")


class ExpiredOut(Schema):
    id: int
    title: str
    author: str
    scheduled_at: datetime | None


def _task(task: ReviewTask) -> dict:
    post = task.workflow.post
    return {"id": task.pk, "post_id": post.pk, "post_title": post.title, "author": post.author.get_username(),
            "key": task.key, "name": task.name, "capability": task.capability, "mode": task.mode,
            "status": task.status, "due_at": task.due_at, "revision": task.workflow.revision.number,
            "revision_hash": task.workflow.revision.content_hash}


@router.get("/tasks", response=list[ReviewTaskOut], summary="The review tasks I may decide now, soonest due first")
def my_tasks(request):
    require_capability(request.user, "view_dashboards")
    return [_task(t) for t in tasks_waiting_for(request.user)]


@router.get("/open", response=list[ReviewTaskOut], summary="Every open review task, soonest due first")
def open_tasks(request):
    require_capability(request.user, "view_dashboards")
    return [_task(t) for t in open_review_tasks()]


@router.get("/expired", response=list[ExpiredOut], summary="Posts whose review did not finish by their time")
def expired(request):
    require_capability(request.user, "view_dashboards")
    posts = Post.objects.filter(status=PostStatus.EXPIRED).select_related("author").order_by("-scheduled_at")
    return [{"id": p.pk, "title": p.title, "author": p.author.get_username(), "scheduled_at": p.scheduled_at}
            for p in posts[:200]]


def _decide(request, task_id: int, decision: str, comment: str) -> dict:
    require_capability(request.user, "view_dashboards")
    task = get_object_or_404(ReviewTask.objects.select_related("workflow"), pk=task_id)
    decide(request.user, task.pk, decision, comment)
    return post_out(Post.objects.select_related("author", "current_revision", "approved_revision").get(pk=task.workflow.post_id))


DECISION_RESPONSES = {200: PostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut}


@router.post("/tasks/{task_id}/approve", response=DECISION_RESPONSES, summary="Approve a review task")
def approve(request, task_id: int, payload: DecisionIn | None = None):
    return _decide(request, task_id, "approve", payload.comment if payload else "")


@router.post("/tasks/{task_id}/request-changes", response=DECISION_RESPONSES,
             summary="Send the post back to its author with a comment")
def request_changes(request, task_id: int, payload: DecisionIn):
    return _decide(request, task_id, "request_changes", payload.comment)


@router.post("/tasks/{task_id}/reject", response=DECISION_RESPONSES, summary="Reject the post, with a comment")
def reject(request, task_id: int, payload: DecisionIn):
    return _decide(request, task_id, "reject", payload.comment)
