"""Posts, their per-channel variants, and revisions (immutable snapshots with a content hash)."""

from __future__ import annotations

from django.conf import settings
from django.db import models

CHANNELS: tuple[tuple[str, str], ...] = (
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("doximity", "Doximity"),
    ("youtube", "YouTube"),
    ("email", "E-mail newsletter"),
)


class PostStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in_review", "In review"
    CHANGES_REQUESTED = "changes_requested", "Changes requested"
    REJECTED = "rejected", "Rejected"
    APPROVED = "approved", "Approved"
    SCHEDULED = "scheduled", "Scheduled"
    PUBLISHING = "publishing", "Publishing"
    PUBLISHED = "published", "Published"
    PARTIALLY_PUBLISHED = "partially_published", "Partly published"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Approval expired"
    CANCELLED = "cancelled", "Cancelled"


class Post(models.Model):
    """One piece of content with a variant per channel."""

    title = models.CharField(max_length=200)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posts")
    status = models.CharField(max_length=24, choices=PostStatus.choices, default=PostStatus.DRAFT, db_index=True)
    pillar = models.CharField(max_length=60, blank=True)
    series = models.CharField(max_length=60, blank=True)
    content_type = models.CharField(max_length=60, blank=True)
    monthly_theme = models.CharField(max_length=200, blank=True)
    weekday_theme = models.CharField(max_length=200, blank=True)
    slot_id = models.CharField(max_length=200, blank=True, db_index=True)  # routine slot ids pass 80 characters
    scheduled_at = models.DateTimeField(null=True, blank=True, db_index=True)
    is_paid = models.BooleanField(default=False)
    is_patient_story = models.BooleanField(default=False)
    campaign = models.CharField(max_length=120, blank=True)
    strategy_version = models.ForeignKey("socialrx.StrategyVersion", null=True, blank=True, on_delete=models.SET_NULL)
    current_revision = models.ForeignKey("socialrx.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    approved_revision = models.ForeignKey("socialrx.Revision", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    # A written override of blocking findings, valid only for the content it was given on.
    override_hash = models.CharField(max_length=64, blank=True)
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-updated_at"]

    def __str__(self) -> str:
        return self.title


class Variant(models.Model):
    """What one channel receives: text (or a thread), title, description, tags, link, media."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="variants")
    channel = models.CharField(max_length=20, choices=CHANNELS)
    text = models.TextField(blank=True)
    thread = models.JSONField(default=list, blank=True)  # X: the parts of a thread, in order
    title = models.CharField(max_length=200, blank=True)  # YouTube title, e-mail subject
    tags = models.JSONField(default=list, blank=True)  # YouTube tags
    hashtags = models.JSONField(default=list, blank=True)
    link_url = models.URLField(max_length=1000, blank=True)
    utm = models.JSONField(default=dict, blank=True)
    media = models.JSONField(default=list, blank=True)  # [{"name", "path", "kind", "alt_text"}]

    class Meta:
        constraints = [models.UniqueConstraint(fields=["post", "channel"], name="one_variant_per_channel")]
        ordering = ["post", "channel"]

    def __str__(self) -> str:
        return f"{self.post} · {self.get_channel_display()}"

    def snapshot(self) -> dict:
        """Return the variant's content as plain data (what a revision freezes)."""
        return {
            "channel": self.channel,
            "text": self.text,
            "thread": list(self.thread),
            "title": self.title,
            "tags": list(self.tags),
            "hashtags": list(self.hashtags),
            "link_url": self.link_url,
            "utm": dict(self.utm),
            "media": list(self.media),
        }


class Revision(models.Model):
    """An immutable snapshot of a post's content at submission; reviews approve a revision."""

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    content = models.JSONField()
    content_hash = models.CharField(max_length=64, db_index=True)
    verdict = models.CharField(max_length=10, default="pass")  # worst compliance severity, or "pass"
    findings = models.JSONField(default=list, blank=True)
    override_reason = models.TextField(blank=True)
    override_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["post", "-number"]
        constraints = [models.UniqueConstraint(fields=["post", "number"], name="revision_number_per_post")]

    def __str__(self) -> str:
        return f"{self.post} r{self.number}"

    @property
    def short_hash(self) -> str:
        return self.content_hash[:10]
