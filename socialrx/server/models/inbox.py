"""The engagement inbox: items that need a response, their replies, and the team's business hours."""

from __future__ import annotations

from datetime import time

from django.conf import settings
from django.db import models


class ItemKind(models.TextChoices):
    MENTION = "mention", "Mention"
    COMMENT = "comment", "Comment"
    MESSAGE = "message", "Message"


class Priority(models.TextChoices):
    URGENT = "urgent", "Urgent"
    HIGH = "high", "High"
    NORMAL = "normal", "Normal"
    LOW = "low", "Low"


PRIORITY_ORDER = {Priority.URGENT: 0, Priority.HIGH: 1, Priority.NORMAL: 2, Priority.LOW: 3}


class ItemStatus(models.TextChoices):
    NEW = "new", "New"
    ASSIGNED = "assigned", "Assigned"
    WAITING = "waiting", "Waiting"
    ANSWERED = "answered", "Answered"
    CLOSED = "closed", "Closed"


OPEN_STATUSES = (ItemStatus.NEW, ItemStatus.ASSIGNED, ItemStatus.WAITING)


class Queue(models.TextChoices):
    ENGAGEMENT = "engagement", "Engagement"
    SAFETY = "safety", "Safety (possible adverse event)"


class InboxItem(models.Model):
    """A mention, comment or message that needs a response, with its SLA deadline in business hours."""

    kind = models.CharField(max_length=10, choices=ItemKind.choices, default=ItemKind.MENTION)
    queue = models.CharField(max_length=12, choices=Queue.choices, default=Queue.ENGAGEMENT)
    mention = models.ForeignKey("socialrx.StoredMention", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="inbox_items")
    alert = models.ForeignKey("socialrx.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="inbox_items")
    channel = models.CharField(max_length=20, default="x")
    author = models.CharField(max_length=200, blank=True)
    text = models.TextField()
    url = models.CharField(max_length=1000, blank=True)
    external_id = models.CharField(max_length=300, blank=True, help_text="the platform id to reply to")
    received_at = models.DateTimeField()
    priority = models.CharField(max_length=8, choices=Priority.choices, default=Priority.NORMAL)
    status = models.CharField(max_length=10, choices=ItemStatus.choices, default=ItemStatus.NEW, db_index=True)
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="inbox_items")
    due_at = models.DateTimeField(help_text="first response due (business hours)")
    first_response_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["due_at"]
        constraints = [models.UniqueConstraint(fields=["mention", "queue"], name="one_inbox_item_per_mention_queue")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.author or 'someone'}: {self.text[:60]}"


class ReplyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    SENT = "sent", "Sent"


class InboxReply(models.Model):
    """A reply drafted in the inbox, its compliance findings, and where it went (review or the network)."""

    item = models.ForeignKey(InboxItem, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    verdict = models.CharField(max_length=10, default="pass")
    findings = models.JSONField(default=list, blank=True)
    status = models.CharField(max_length=10, choices=ReplyStatus.choices, default=ReplyStatus.DRAFT)
    post = models.ForeignKey("socialrx.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                             help_text="the post that carries the reply through review")
    platform_post_id = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=500, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"Reply to #{self.item_id}: {self.text[:60]}"


def _weekdays() -> list[int]:
    return [0, 1, 2, 3, 4]


def _default_sla_hours() -> dict[str, float]:
    return {}


class InboxSettings(models.Model):
    """Business hours (in the strategy's time zone) and response targets per priority; one row."""

    opens_at = models.TimeField(default=time(9))
    closes_at = models.TimeField(default=time(17))
    weekdays = models.JSONField(default=_weekdays, help_text="0 = Monday")
    sla_hours = models.JSONField(default=_default_sla_hours, blank=True,
                                 help_text="business hours per priority; normal defaults to the strategy's response time")
    updated_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Inbox business hours"
