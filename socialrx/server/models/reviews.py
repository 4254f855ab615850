"""Review workflows bound to a revision, their tasks and decisions, comments and notifications."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WorkflowStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    APPROVED = "approved", "Approved"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    CANCELLED = "cancelled", "Cancelled (new revision)"
    EXPIRED = "expired", "Expired"


class ReviewWorkflow(models.Model):
    """One run of the review workflow over one revision of a post."""

    post = models.ForeignKey("socialrx.Post", on_delete=models.CASCADE, related_name="workflows")
    revision = models.ForeignKey("socialrx.Revision", on_delete=models.CASCADE, related_name="workflows")
    status = models.CharField(max_length=20, choices=WorkflowStatus.choices, default=WorkflowStatus.IN_PROGRESS, db_index=True)
    is_crisis = models.BooleanField(default=False)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"Review of {self.revision}"


class ReviewTask(models.Model):
    """One ordered step of a workflow, done by the holders of a capability."""

    workflow = models.ForeignKey(ReviewWorkflow, on_delete=models.CASCADE, related_name="tasks")
    order = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=60)
    name = models.CharField(max_length=120)
    capability = models.CharField(max_length=40)
    mode = models.CharField(max_length=3, default="any")
    status = models.CharField(max_length=20, default="waiting", db_index=True)
    required_user_ids = models.JSONField(default=list, blank=True)
    approval_user_ids = models.JSONField(default=list, blank=True)
    due_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["workflow", "order"]
        constraints = [models.UniqueConstraint(fields=["workflow", "order"], name="task_order_per_workflow")]

    def __str__(self) -> str:
        return f"{self.name} ({self.status})"


class ReviewDecision(models.Model):
    """A reviewer's decision on a task, bound to the revision's content hash."""

    task = models.ForeignKey(ReviewTask, on_delete=models.CASCADE, related_name="decisions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(max_length=20)
    comment = models.TextField(blank=True)
    revision_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at"]


class Comment(models.Model):
    """A threaded comment on a post, optionally on a span of one variant's text."""

    post = models.ForeignKey("socialrx.Post", on_delete=models.CASCADE, related_name="comments")
    revision = models.ForeignKey("socialrx.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies")
    channel = models.CharField(max_length=20, blank=True)
    span_start = models.PositiveIntegerField(null=True, blank=True)
    span_end = models.PositiveIntegerField(null=True, blank=True)
    quoted = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField()
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]


class Notification(models.Model):
    """An in-app notification (and the record of its e-mail)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(max_length=40)
    message = models.CharField(max_length=300)
    url = models.CharField(max_length=300, blank=True)
    post = models.ForeignKey("socialrx.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
