"""Post endpoints: create and edit posts with their variants, submit, override, schedule; read status,
revisions, comments and the audit trail."""

from __future__ import annotations

from datetime import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import (
    PostInput,
    check_content,
    create_post,
    do_override_findings,
    do_schedule_post,
    update_post,
)
from socialrx.server.actions.reviews import add_comment, do_submit_post
from socialrx.server.lib.access import require_capability
from socialrx.server.lib.audit import ACTION_LABELS
from socialrx.server.models import AuditEvent, Comment, Post, ReviewWorkflow, Revision

router = Router(tags=["posts"])


class ErrorOut(Schema):
    detail: str


class MediaIn(Schema):
    name: str
    path: str = Field("", description="the id of a file uploaded to socialrx (uploads/YYYY/MM/<32 hex>.<ext>); "
                                        "any other path is refused")
    kind: str = "image"
    alt_text: str = ""


class VariantIn(Schema):
    text: str = ""
    thread: list[str] = Field(default_factory=list, description="X: the parts of a thread, in order")
    title: str = Field("", description="YouTube title, e-mail subject")
    tags: list[str] = Field(default_factory=list, description="YouTube tags")
    hashtags: list[str] = Field(default_factory=list)
    link_url: str = Field("", description="an http:// or https:// address; other schemes are refused")
    utm: dict[str, str] = Field(default_factory=dict)
    media: list[MediaIn] = Field(default_factory=list)


class PostIn(Schema):
    title: str
    variants: dict[str, VariantIn] = Field(description="one entry per channel: linkedin, x, doximity, youtube, email")
    pillar: str = ""
    series: str = ""
    content_type: str = ""
    monthly_theme: str = ""
    weekday_theme: str = ""
    slot_id: str = ""
    is_paid: bool = False
    is_patient_story: bool = False
    campaign: str = ""
    scheduled_at: datetime | None = Field(None, description="with a timezone offset")


class VariantOut(VariantIn):
    channel: str


class RevisionSummaryOut(Schema):
    number: int
    content_hash: str
    verdict: str
    created_at: datetime


class DecisionOut(Schema):
    user: str
    decision: str
    comment: str
    revision_hash: str
    created_at: datetime


class TaskOut(Schema):
    id: int
    key: str
    name: str
    capability: str
    mode: str
    status: str
    due_at: datetime | None
    approvals: list[str]
    decisions: list[DecisionOut]


class WorkflowOut(Schema):
    status: str
    revision: int
    revision_hash: str
    is_crisis: bool
    started_at: datetime
    finished_at: datetime | None
    tasks: list[TaskOut]


class PostFindingOut(Schema):
    channel: str
    field: str
    rule: str
    severity: str
    message: str
    start: int | None = None
    end: int | None = None
    fix: str = ""


class PostSummaryOut(Schema):
    id: int
    title: str
    status: str
    author: str
    channels: list[str]
    scheduled_at: datetime | None
    updated_at: datetime


class PostOut(PostSummaryOut):
    pillar: str
    series: str
    content_type: str
    campaign: str
    is_paid: bool
    is_patient_story: bool
    created_at: datetime
    variants: list[VariantOut]
    current_revision: RevisionSummaryOut | None
    approved_revision: RevisionSummaryOut | None
    review: WorkflowOut | None
    verdict: str
    findings: list[PostFindingOut]
    override_reason: str


class RevisionOut(RevisionSummaryOut):
    content: dict
    findings: list[PostFindingOut]
    override_reason: str
    override_by: str | None
    created_by: str | None
    approved: bool


class AuditOut(Schema):
    id: int
    action: str
    label: str
    actor: str
    occurred_at: datetime
    object_type: str
    object_id: str
    revision_hash: str
    data: dict
    entry_hash: str


class CommentIn(Schema):
    body: str
    parent_id: int | None = None
    channel: str = ""
    span_start: int | None = Field(None, description="first character of the commented span of the channel's text")
    span_end: int | None = None


class CommentOut(Schema):
    id: int
    parent_id: int | None
    author: str
    body: str
    channel: str
    span_start: int | None
    span_end: int | None
    quoted: str
    revision: int | None
    created_at: datetime


class OverrideIn(Schema):
    reason: str = Field(description="why the post may go to review despite its blocking findings")


class ScheduleIn(Schema):
    scheduled_at: datetime | None = Field(description="with a timezone offset; null clears the time")


def access_post_by_id(user, post_id: int) -> Post:
    """Return a post the person may read, or raise."""
    require_capability(user, "view_dashboards")
    return get_object_or_404(Post.objects.select_related("author", "current_revision", "approved_revision"), pk=post_id)


def _aware(when: datetime | None) -> datetime | None:
    if when is not None and when.tzinfo is None:
        raise ActionError("scheduled_at: give the time with a timezone offset, e.g. 2025-10-01T09:00:00-04:00")
    return when


def _input(payload: PostIn) -> PostInput:
    data = payload.dict()
    data["scheduled_at"] = _aware(payload.scheduled_at)
    return PostInput(**data)


def _summary(post: Post) -> dict:
    return {"id": post.pk, "title": post.title, "status": post.status, "author": post.author.get_username(),
            "channels": [v.channel for v in post.variants.all()], "scheduled_at": post.scheduled_at,
            "updated_at": post.updated_at}


def _revision_summary(revision: Revision | None) -> dict | None:
    if revision is None:
        return None
    return {"number": revision.number, "content_hash": revision.content_hash, "verdict": revision.verdict,
            "created_at": revision.created_at}


def _workflow(workflow: ReviewWorkflow | None) -> dict | None:
    if workflow is None:
        return None
    tasks = []
    for task in workflow.tasks.prefetch_related("decisions__user").order_by("order"):
        decisions = [{"user": d.user.get_username(), "decision": d.decision, "comment": d.comment,
                      "revision_hash": d.revision_hash, "created_at": d.created_at} for d in task.decisions.all()]
        approvers = [d["user"] for d in decisions if d["decision"] == "approve"]
        tasks.append({"id": task.pk, "key": task.key, "name": task.name, "capability": task.capability,
                      "mode": task.mode, "status": task.status, "due_at": task.due_at, "approvals": approvers,
                      "decisions": decisions})
    return {"status": workflow.status, "revision": workflow.revision.number,
            "revision_hash": workflow.revision.content_hash, "is_crisis": workflow.is_crisis,
            "started_at": workflow.started_at, "finished_at": workflow.finished_at, "tasks": tasks}


def post_out(post: Post) -> dict:
    verdict, findings, _ = check_content(post)
    variants = [v.snapshot() for v in post.variants.all()]
    workflow = post.workflows.select_related("revision").first()
    return _summary(post) | {
        "pillar": post.pillar, "series": post.series, "content_type": post.content_type, "campaign": post.campaign,
        "is_paid": post.is_paid, "is_patient_story": post.is_patient_story, "created_at": post.created_at,
        "variants": variants, "current_revision": _revision_summary(post.current_revision),
        "approved_revision": _revision_summary(post.approved_revision), "review": _workflow(workflow),
        "verdict": verdict, "findings": findings, "override_reason": post.override_reason,
    }


@router.get("", response=list[PostSummaryOut], summary="Posts, most recently changed first")
def list_posts(request, status: str = "", mine: bool = False, limit: int = 100):
    require_capability(request.user, "view_dashboards")
    posts = Post.objects.select_related("author").prefetch_related("variants")
    if status:
        posts = posts.filter(status=status)
    if mine:
        posts = posts.filter(author=request.user)
    return [_summary(p) for p in posts[: max(1, min(limit, 500))]]


@router.post("", response={201: PostOut, 400: ErrorOut, 403: ErrorOut}, summary="Create a draft post with its variants")
def create(request, payload: PostIn):
    post = create_post(request.user, _input(payload))
    return Status(201, post_out(post))


@router.get("/{post_id}", response={200: PostOut, 404: ErrorOut}, summary="A post: content, status, review, findings")
def detail(request, post_id: int):
    return post_out(access_post_by_id(request.user, post_id))


@router.put("/{post_id}", response={200: PostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
            summary="Edit a post (content changed under review or after approval restarts review on a new revision)")
def edit(request, post_id: int, payload: PostIn):
    post = update_post(request.user, access_post_by_id(request.user, post_id), _input(payload))
    return post_out(post)


@router.post("/{post_id}/submit", response={200: PostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Freeze the post as a revision and start its review")
def submit(request, post_id: int):
    post = access_post_by_id(request.user, post_id)
    do_submit_post(request.user, post)
    return post_out(Post.objects.get(pk=post.pk))


@router.post("/{post_id}/override", response={200: PostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Override the blocking compliance findings of the current content, with a reason")
def override(request, post_id: int, payload: OverrideIn):
    post = do_override_findings(request.user, access_post_by_id(request.user, post_id), payload.reason)
    return post_out(post)


@router.post("/{post_id}/schedule", response={200: PostOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Set or clear the time a post goes out (an approved post becomes scheduled)")
def schedule(request, post_id: int, payload: ScheduleIn):
    post = do_schedule_post(request.user, access_post_by_id(request.user, post_id), _aware(payload.scheduled_at))
    return post_out(post)


@router.get("/{post_id}/revisions", response={200: list[RevisionOut], 404: ErrorOut},
            summary="Every revision of a post, newest first, with its content and content hash")
def revisions(request, post_id: int):
    post = access_post_by_id(request.user, post_id)
    rows = post.revisions.select_related("created_by", "override_by")
    return [_revision_summary(r) | {
        "content": r.content, "findings": r.findings, "override_reason": r.override_reason,
        "override_by": r.override_by.get_username() if r.override_by else None,
        "created_by": r.created_by.get_username() if r.created_by else None,
        "approved": r.pk == post.approved_revision_id,
    } for r in rows]


@router.get("/{post_id}/audit", response={200: list[AuditOut], 404: ErrorOut},
            summary="The audit trail of a post, oldest first")
def audit_trail(request, post_id: int):
    post = access_post_by_id(request.user, post_id)
    events = AuditEvent.objects.filter(object_type="post", object_id=str(post.pk)).order_by("id")
    return [{"id": e.id, "action": e.action, "label": ACTION_LABELS.get(e.action, e.action), "actor": e.actor_label,
             "occurred_at": e.occurred_at, "object_type": e.object_type, "object_id": e.object_id,
             "revision_hash": e.revision_hash, "data": e.data, "entry_hash": e.entry_hash} for e in events]


def _comment(c: Comment) -> dict:
    return {"id": c.pk, "parent_id": c.parent_id, "author": c.author.get_username(), "body": c.body,
            "channel": c.channel, "span_start": c.span_start, "span_end": c.span_end, "quoted": c.quoted,
            "revision": c.revision.number if c.revision else None, "created_at": c.created_at}


@router.get("/{post_id}/comments", response={200: list[CommentOut], 404: ErrorOut}, summary="A post's comments, oldest first")
def comments(request, post_id: int):
    post = access_post_by_id(request.user, post_id)
    return [_comment(c) for c in post.comments.select_related("author", "revision").order_by("created_at", "pk")]


@router.post("/{post_id}/comments", response={201: CommentOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Comment on a post, on a span of one variant's text, or reply to a comment")
def comment(request, post_id: int, payload: CommentIn):
    post = access_post_by_id(request.user, post_id)
    parent = get_object_or_404(Comment, pk=payload.parent_id, post=post) if payload.parent_id else None
    if (payload.span_start is None) != (payload.span_end is None):
        raise ActionError("comment: give both span_start and span_end, or neither")
    span = (payload.span_start, payload.span_end) if payload.span_start is not None else None
    created = add_comment(request.user, post, payload.body, parent=parent, channel=payload.channel, span=span)
    return Status(201, _comment(created))
