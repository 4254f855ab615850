"""A long piece being repurposed (article or video transcript) and the drafts made from it."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class RepurposeSource(models.Model):
    """One article or video a person repurposed, with what it was made of and where it belongs."""

    KINDS = (("blog_post", "Article"), ("video", "Video"))

    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=KINDS)
    input_name = models.CharField(max_length=200, blank=True)  # the uploaded file name, or "pasted text"
    url = models.URLField(max_length=1000, blank=True)
    content = models.TextField(blank=True)  # the article as given, or the video's captions
    pillar = models.CharField(max_length=60, blank=True)
    series = models.CharField(max_length=60, blank=True)
    campaign = models.CharField(max_length=120, blank=True)
    problems = models.JSONField(default=list, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="repurpose_sources")
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title


class RepurposeDraft(models.Model):
    """One draft of the set: its content (core ``Draft`` as JSON), its findings, its slot and its post."""

    source = models.ForeignKey(RepurposeSource, on_delete=models.CASCADE, related_name="drafts")
    order = models.PositiveIntegerField(default=0)
    key = models.CharField(max_length=80)
    channel = models.CharField(max_length=20)
    format = models.CharField(max_length=60)
    content = models.JSONField()
    findings = models.JSONField(default=list, blank=True)
    slot_id = models.CharField(max_length=200, blank=True)  # as Post.slot_id: routine slot ids pass 80 characters
    scheduled_at = models.DateTimeField(null=True, blank=True)
    post = models.OneToOneField("socialrx.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="repurpose_draft")

    class Meta:
        ordering = ["source", "order"]
        constraints = [models.UniqueConstraint(fields=["source", "key"], name="one_draft_per_key")]

    def __str__(self) -> str:
        return f"{self.source} · {self.key}"
