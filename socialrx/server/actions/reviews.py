"""Writes on reviews: submit (start a workflow on a revision), decide, comment, expire."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.timezone import now

from socialrx.core.strategy.schema import ReviewSettings
from socialrx.core.workflow import (
    PostFacts,
    ReviewRefused,
    TaskState,
    apply_decision,
    check_decision,
    start_tasks,
    tasks_for,
)
from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import _cancel_running_workflows, check_submit, next_revision
from socialrx.server.actions.publishing import sync_post_jobs
from socialrx.server.lib.access import active_strategy_version, current_capabilities, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.notify import holders_of, notify
from socialrx.server.models import (
    AuditEvent,
    Comment,
    IncidentStatement,
    IncidentStatus,
    Post,
    PostStatus,
    Profile,
    ReviewDecision,
    ReviewTask,
    ReviewWorkflow,
    WorkflowStatus,
)

logger = logging.getLogger(__name__)
SUBMITTABLE = {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED, PostStatus.EXPIRED}


def _post_url(post: Post) -> str:
    return reverse("post-detail", args=[post.pk])


def _facts(post: Post) -> PostFacts:
    return PostFacts(
        pillar=post.pillar,
        channels=frozenset(post.variants.values_list("channel", flat=True)),
        content_type=post.content_type,
        paid=post.is_paid,
        patient_story=post.is_patient_story,
    )


def is_open_statement(post: Post) -> bool:
    """Return whether the post is a holding statement of an incident still open (it takes the crisis review)."""
    return IncidentStatement.objects.filter(post=post, incident__status=IncidentStatus.OPEN).exists()


def do_submit_post(user, post: Post, *, reopened: bool = False, crisis: bool = False,
                   at: datetime | None = None) -> ReviewWorkflow:
    """Freeze the post as a new revision and start its review workflow at ``at`` (default: now; raises ReviewRefused).

    A holding statement of an open incident always takes the strategy's expedited crisis review,
    whether it is submitted from the incident, the editor or the API.
    """
    if user.pk != post.author_id or not reopened:
        require_capability(user, "compose_posts")
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        crisis = crisis or is_open_statement(post)
        if not reopened and post.status not in SUBMITTABLE:
            raise ReviewRefused(f"This post is {post.get_status_display().lower()}; only drafts and returned posts can be submitted.")
        verdict, findings = check_submit(post)
        _cancel_running_workflows(post)
        stamp = at or now()
        revision = next_revision(user, post, verdict=verdict, findings=findings, at=stamp)
        version = post.strategy_version or active_strategy_version()
        settings = strategy_of(version).review if version else ReviewSettings()
        specs = tasks_for(settings, _facts(post), crisis=crisis)
        holders = {s.capability: frozenset(holders_of(s.capability).values_list("pk", flat=True)) for s in specs}
        states = start_tasks(specs, holders)
        workflow = ReviewWorkflow.objects.create(post=post, revision=revision, is_crisis=crisis, started_by=user, started_at=stamp)
        for order, (spec, state) in enumerate(zip(specs, states, strict=True)):
            due = stamp + timedelta(hours=spec.due_hours)
            if post.scheduled_at is not None:
                due = min(due, post.scheduled_at)
            ReviewTask.objects.create(workflow=workflow, order=order, key=spec.key, name=spec.name,
                                      capability=spec.capability, mode=spec.mode, status=state.status,
                                      required_user_ids=sorted(state.required), due_at=due)
        post.status, post.current_revision, post.approved_revision = PostStatus.IN_REVIEW, revision, None
        post.updated_at = stamp
        post.save(update_fields=["status", "current_revision", "approved_revision", "updated_at"])
        log("socialrx.post.resubmit" if reopened else "socialrx.post.submit", actor=user, obj=post,
            revision_hash=revision.content_hash,
            data={"revision": revision.number, "verdict": verdict, "tasks": [s.key for s in specs],
                  "override": revision.override_reason or None}, at=stamp)
        _notify_active_task(workflow, post, stamp)
    return workflow


def submit_post(user, post: Post) -> ReviewWorkflow:
    try:
        return do_submit_post(user, post)
    except ReviewRefused as exc:
        raise ActionError(str(exc)) from None


def _notify_active_task(workflow: ReviewWorkflow, post: Post, at: datetime) -> None:
    task = workflow.tasks.filter(status="active").first()
    if task is None:
        return
    notify(holders_of(task.capability).exclude(pk=post.author_id), kind="review.assigned",
           message=f"'{post.title}' needs {task.name.lower()}", url=_post_url(post), post=post, at=at)


def content_author_ids(post: Post) -> frozenset[int]:
    """Return everyone who wrote any of the post's content: its author, each revision's maker, each editor.

    An edit counts when it changed the content (a label-only save does not), whether it made a revision or not.
    """
    makers = set(post.revisions.exclude(created_by=None).values_list("created_by_id", flat=True))
    editors = set(
        AuditEvent.objects.filter(action="socialrx.post.edit", object_type=Post._meta.model_name, object_id=str(post.pk),
                                  data__content_changed=True, actor__isnull=False).values_list("actor_id", flat=True)
    )
    return frozenset({post.author_id} | makers | editors)


def _state(task: ReviewTask) -> TaskState:
    return TaskState(key=task.key, name=task.name, capability=task.capability, mode=task.mode, status=task.status,
                     required=frozenset(task.required_user_ids), approvals=frozenset(task.approval_user_ids))


def decide(user, task_id: int, decision: str, comment: str = "", *, at: datetime | None = None) -> ReviewWorkflow:
    """Record a decision on the active task of a workflow, with every rule checked at ``at`` (default: now)."""
    with transaction.atomic():
        task = ReviewTask.objects.select_related("workflow").get(pk=task_id)
        workflow = ReviewWorkflow.objects.select_for_update().get(pk=task.workflow_id)
        post = Post.objects.select_for_update().get(pk=workflow.post_id)
        tasks = list(workflow.tasks.order_by("order"))
        task = next(t for t in tasks if t.pk == task_id)
        if workflow.status != WorkflowStatus.IN_PROGRESS or post.current_revision_id != workflow.revision_id:
            raise ReviewRefused("This review is over: the post changed or the workflow finished. Open the post again.")
        check_decision(_state(task), actor_id=user.pk, actor_capabilities=current_capabilities(user),
                       author_ids=content_author_ids(post), decision=decision, comment=comment)
        new_states, outcome = apply_decision(tuple(_state(t) for t in tasks), actor_id=user.pk, decision=decision)
        stamp = at or now()
        for row, state in zip(tasks, new_states, strict=True):
            if (row.status, sorted(row.approval_user_ids)) != (state.status, sorted(state.approvals)):
                row.status, row.approval_user_ids = state.status, sorted(state.approvals)
                row.finished_at = stamp if state.status not in {"active", "waiting"} else None
                row.save(update_fields=["status", "approval_user_ids", "finished_at"])
        ReviewDecision.objects.create(task=task, user=user, decision=decision, comment=comment.strip(),
                                      revision_hash=workflow.revision.content_hash, created_at=stamp)
        if comment.strip():
            Comment.objects.create(post=post, revision=workflow.revision, author=user, body=comment.strip(), created_at=stamp)
        _finish(workflow, post, outcome, user, task, decision, comment, at=stamp)
    logger.info("review of post %s: person %s decided %s on %s (revision %s, outcome %s)", post.pk, user.pk,
                decision, task.key, workflow.revision.number, outcome)
    return workflow


def _finish(workflow: ReviewWorkflow, post: Post, outcome: str, user, task: ReviewTask, decision: str, comment: str,
            *, at: datetime) -> None:
    action = {"approve": "socialrx.review.approve", "request_changes": "socialrx.review.request_changes",
              "reject": "socialrx.review.reject"}[decision]
    log(action, actor=user, obj=post, revision_hash=workflow.revision.content_hash,
        data={"task": task.key, "revision": workflow.revision.number, "comment": comment.strip()}, at=at)
    author = post.author
    if outcome == "in_progress":
        _notify_active_task(workflow, post, at)
        return
    workflow.status = {"approved": WorkflowStatus.APPROVED, "changes_requested": WorkflowStatus.CHANGES_REQUESTED,
                       "rejected": WorkflowStatus.REJECTED}[outcome]
    workflow.finished_at = at
    workflow.save(update_fields=["status", "finished_at"])
    if outcome == "approved":
        post.approved_revision = workflow.revision
        post.status = PostStatus.SCHEDULED if post.scheduled_at else PostStatus.APPROVED
        log("socialrx.post.approve", actor=user, obj=post, revision_hash=workflow.revision.content_hash,
            data={"revision": workflow.revision.number}, at=at)
        message = f"'{post.title}' is approved" + (" and scheduled" if post.scheduled_at else "")
    elif outcome == "changes_requested":
        post.status = PostStatus.CHANGES_REQUESTED
        message = f"Changes requested on '{post.title}': {comment.strip()[:150]}"
    else:
        post.status = PostStatus.REJECTED
        message = f"'{post.title}' was rejected: {comment.strip()[:150]}"
    post.updated_at = at
    post.save(update_fields=["approved_revision", "status", "updated_at"])
    sync_post_jobs(post, at=at)
    notify([author], kind=f"review.{outcome}", message=message, url=_post_url(post), post=post, exclude=user, at=at)
    if outcome == "approved" and is_open_statement(post):
        statement = post.incident_statement
        notify(holders_of("manage_crisis"), kind="crisis", url=reverse("crisis-incident", args=[statement.incident_id]),
               message=f"Holding statement approved: release it from incident #{statement.incident_id}", post=post, at=at)


def decide_or_error(user, task_id: int, decision: str, comment: str = "") -> ReviewWorkflow:
    try:
        return decide(user, task_id, decision, comment)
    except ReviewRefused as exc:
        raise ActionError(str(exc)) from None


def expire_overdue_reviews() -> int:
    """Move posts whose review is unfinished at their scheduled time to the expired list; return how many."""
    stamp = now()
    expired = 0
    overdue = ReviewWorkflow.objects.filter(status=WorkflowStatus.IN_PROGRESS, post__scheduled_at__lte=stamp)
    for workflow_id in overdue.values_list("pk", flat=True):
        with transaction.atomic():
            workflow = ReviewWorkflow.objects.select_for_update().filter(pk=workflow_id, status=WorkflowStatus.IN_PROGRESS).first()
            if workflow is None:
                continue
            post = Post.objects.select_for_update().get(pk=workflow.post_id)
            workflow.status, workflow.finished_at = WorkflowStatus.EXPIRED, stamp
            workflow.save(update_fields=["status", "finished_at"])
            workflow.tasks.filter(status__in=["active", "waiting"]).update(status="expired", finished_at=stamp)
            post.status, post.updated_at = PostStatus.EXPIRED, stamp
            post.save(update_fields=["status", "updated_at"])
            log("socialrx.review.expire", obj=post, revision_hash=workflow.revision.content_hash,
                data={"scheduled_at": post.scheduled_at.isoformat()})
            notify([post.author, *holders_of("approve_final")], kind="review.expired",
                   message=f"Review of '{post.title}' did not finish by its time; it was not published",
                   url=_post_url(post), post=post)
            expired += 1
    return expired


CRISIS_SIGN_OFF_CAPABILITIES = frozenset({"sign_off_legal", "sign_off_executive"})


def may_comment(user, post: Post) -> bool:
    """Return whether this person may comment on this post.

    The comment capability allows it everywhere; legal and executive sign-off allow it only on posts in a
    crisis review (holding statements). Viewers never comment.
    """
    capabilities = current_capabilities(user)
    if "comment_posts" in capabilities:
        return True
    if not capabilities & CRISIS_SIGN_OFF_CAPABILITIES:
        return False
    in_crisis_review = post.workflows.filter(is_crisis=True).exists()
    return in_crisis_review or hasattr(post, "incident_statement")


def add_comment(user, post: Post, body: str, *, parent: Comment | None = None, channel: str = "",
                span: tuple[int, int] | None = None) -> Comment:
    """Add a comment to a post, or to a span of one variant's text, or reply to a comment."""
    if not may_comment(user, post):
        raise PermissionDenied("You need the 'comment posts' permission for this; legal and executive sign-off "
                               "comment only on crisis statements.")
    if not body.strip():
        raise ActionError("comment: write something")
    if parent is not None and parent.post_id != post.pk:
        raise ActionError("comment: the reply belongs to another post")
    quoted = ""
    if span is not None:
        variant = post.variants.filter(channel=channel).first()
        start, end = span
        if variant is None or not (0 <= start < end <= len(variant.text)):
            raise ActionError(f"comment: characters {start}-{end} are not in the {channel or '?'} text")
        quoted = variant.text[start:end]
    with transaction.atomic():
        comment = Comment.objects.create(post=post, revision=post.current_revision, parent=parent, channel=channel,
                                         span_start=span[0] if span else None, span_end=span[1] if span else None,
                                         quoted=quoted, author=user, body=body.strip(), created_at=now())
        log("socialrx.comment.add", actor=user, obj=post, data={"comment": comment.pk, "channel": channel})
        people = [post.author, *(c.author for c in post.comments.select_related("author"))]
        notify(people, kind="comment", message=f"{user.get_username()} commented on '{post.title}'",
               url=_post_url(post), post=post, exclude=user)
    return comment


def open_review_tasks():
    """Return every active task of a running workflow, soonest due first."""
    return (
        ReviewTask.objects.filter(status="active", workflow__status=WorkflowStatus.IN_PROGRESS)
        .select_related("workflow__post__author", "workflow__revision")
        .order_by("due_at", "pk")
    )


def tasks_waiting_for(user) -> list[ReviewTask]:
    """Return the active tasks this person may decide now: their capability, not their post, not yet approved."""
    capabilities = current_capabilities(user)
    waiting = []
    for task in open_review_tasks():
        if task.capability not in capabilities or user.pk in task.approval_user_ids:
            continue
        named = task.mode != "all" or not task.required_user_ids or user.pk in task.required_user_ids
        if named and user.pk not in content_author_ids(task.workflow.post):
            waiting.append(task)
    return waiting


def set_email_mode(user, mode: str) -> Profile:
    """Set how this person gets notifications by e-mail: each one, a daily digest, or none."""
    require_capability(user, "view_dashboards")
    if mode not in Profile.EmailMode.values:
        raise ActionError(f"e-mail: choose one of {', '.join(Profile.EmailMode.values)}")
    with transaction.atomic():
        profile, _ = Profile.objects.select_for_update().get_or_create(user=user)
        previous = profile.email_mode
        profile.email_mode = mode
        profile.save(update_fields=["email_mode"])
        log("socialrx.profile.email_mode", actor=user, obj=user, data={"from": previous, "to": mode})
    return profile
