"""Crisis management: incidents running the strategy's protocol, step sign-offs, statements and notes."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models


class Severity(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class IncidentStatus(models.TextChoices):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


class Incident(models.Model):
    """One incident (or practice drill): its trigger, severity and the protocol it runs."""

    title = models.CharField(max_length=200)
    summary = models.TextField()
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.HIGH)
    alert = models.ForeignKey("socialrx.Alert", null=True, blank=True, on_delete=models.SET_NULL, related_name="incidents")
    reported_by = models.CharField(max_length=200, blank=True, help_text="the person who raised it, when not an alert")
    is_drill = models.BooleanField(default=False, help_text="practice: runs the protocol without pausing publishing")
    status = models.CharField(max_length=8, choices=IncidentStatus.choices, default=IncidentStatus.OPEN, db_index=True)
    paused_publishing = models.BooleanField(default=False)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField()
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    closed_at = models.DateTimeField(null=True, blank=True)
    strategy_label = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ["-opened_at"]

    def __str__(self) -> str:
        return f"{'Drill' if self.is_drill else 'Incident'} #{self.pk}: {self.title}"


class IncidentStep(models.Model):
    """One step of an incident's protocol, copied from the strategy when the incident opened."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)
    owner_roles = models.JSONField(default=list)
    sign_off_roles = models.JSONField(default=list)
    target_minutes = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["incident", "order"]
        constraints = [models.UniqueConstraint(fields=["incident", "order"], name="one_step_per_incident_order")]

    def __str__(self) -> str:
        return f"Step {self.order}: {self.name}"

    @property
    def due_at(self) -> datetime | None:
        if self.started_at is None or self.target_minutes is None:
            return None
        return self.started_at + timedelta(minutes=self.target_minutes)


class StepSignOff(models.Model):
    """A sign-off of one step for one role, by a person holding it."""

    step = models.ForeignKey(IncidentStep, on_delete=models.CASCADE, related_name="sign_offs")
    role = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField()
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["signed_at"]
        constraints = [models.UniqueConstraint(fields=["step", "role"], name="one_sign_off_per_step_role")]


class IncidentStatement(models.Model):
    """A holding statement drafted from a template for an incident; the post goes through the crisis review."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="statements")
    post = models.OneToOneField("socialrx.Post", on_delete=models.CASCADE, related_name="incident_statement")
    template = models.CharField(max_length=40)
    created_at = models.DateTimeField()


class IncidentNote(models.Model):
    """A line on the incident's timeline written by a person (what was decided, who was called)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at"]
