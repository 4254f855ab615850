"""Publishing: the switch that pauses everything scheduled (crisis mode uses it too)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class PublishingSwitch(models.Model):
    """A single row: while `paused`, no scheduled post is sent to any network."""

    paused = models.BooleanField(default=False)
    reason = models.CharField(max_length=300, blank=True)
    crisis = models.BooleanField(default=False, help_text="paused by crisis mode")
    incident_id = models.BigIntegerField(null=True, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    changed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return "Publishing paused" if self.paused else "Publishing on"
