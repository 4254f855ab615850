"""Training: a person's completion of one of the strategy's training topics."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class TrainingCompletion(models.Model):
    """One topic completed by one person, on a date, recorded by them or their manager."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_completions")
    area = models.CharField(max_length=200)
    topic = models.CharField(max_length=200)
    completed_on = models.DateField()
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    recorded_at = models.DateTimeField()

    class Meta:
        ordering = ["area", "topic"]
        constraints = [models.UniqueConstraint(fields=["user", "area", "topic"], name="one_completion_per_user_topic")]

    def __str__(self) -> str:
        return f"{self.user} completed {self.topic}"
