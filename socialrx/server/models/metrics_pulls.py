"""Scheduled metric pulls: when each connected account's post metrics were last fetched and what happened."""

from __future__ import annotations

from django.db import models

METRICS_NETWORKS = ("linkedin", "x", "youtube")
"""Networks whose connectors report post metrics (Doximity and the newsletter have no metrics API)."""


class PullStatus(models.TextChoices):
    WAITING = "waiting", "Waiting for the first pull"
    OK = "ok", "Pulled"
    RETRYING = "retrying", "Retrying after an error"
    RATE_LIMITED = "rate_limited", "Rate limited"
    NEEDS_RECONNECT = "needs_reconnect", "Needs reconnecting"
    FAILED = "failed", "Failed"


class MetricsPull(models.Model):
    """The metric-pull schedule of one connected account: next due time, last success, last outcome.

    A worker claims a due row by moving ``next_pull_at`` a lease ahead, so a crashed pull is retried.
    """

    account = models.OneToOneField("socialrx.PublishAccount", on_delete=models.CASCADE, related_name="metrics_pull")
    status = models.CharField(max_length=20, choices=PullStatus.choices, default=PullStatus.WAITING)
    message = models.CharField(max_length=500, blank=True)
    next_pull_at = models.DateTimeField(null=True, blank=True, help_text="None while the account needs reconnecting")
    attempts = models.PositiveIntegerField(default=0, help_text="failed attempts since the last success")
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_pulled_at = models.DateTimeField(null=True, blank=True, help_text="last successful pull")
    posts_pulled = models.PositiveIntegerField(default=0, help_text="posts measured by the last successful pull")
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["next_pull_at"], name="metrics_pull_due")]

    def __str__(self) -> str:
        return f"Metric pulls of {self.account}"
