"""Strategy versions: every uploaded strategy file, one of them active."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class StrategyVersion(models.Model):
    """One uploaded, validated strategy file. Plans and reports name the version they used."""

    number = models.PositiveIntegerField(unique=True)
    name = models.CharField(max_length=200)
    yaml_text = models.TextField()
    content_hash = models.CharField(max_length=64)
    source_filename = models.CharField(max_length=255, blank=True)
    note = models.CharField(max_length=500, blank=True)
    is_active = models.BooleanField(default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["is_active"], condition=models.Q(is_active=True), name="one_active_strategy"),
        ]

    def __str__(self) -> str:
        return f"v{self.number} {self.name}"

    @property
    def label(self) -> str:
        return f"v{self.number}"
