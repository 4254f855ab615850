"""People: capabilities (permissions held by roles) and API tokens."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models

CAPABILITIES: tuple[tuple[str, str], ...] = (
    ("view_dashboards", "See dashboards, the calendar and reports"),
    ("manage_strategy", "Upload and activate strategy versions"),
    ("manage_calendar", "Plan the calendar and move posts"),
    ("compose_posts", "Draft and edit posts"),
    ("comment_posts", "Comment on posts and reply to comments"),
    ("review_clinical", "Review clinical accuracy"),
    ("review_regulatory", "Review regulatory compliance"),
    ("approve_final", "Give final approval"),
    ("override_compliance", "Override a blocking compliance finding with a reason"),
    ("manage_publishing", "Schedule, publish now and retry channels"),
    ("pause_publishing", "Pause and resume all scheduled publishing"),
    ("manage_accounts", "Connect and disconnect network accounts"),
    ("manage_listening", "Manage listening sources, queries and alerts"),
    ("answer_inbox", "Assign and answer inbox items"),
    ("manage_relationships", "Manage contacts, groups and events"),
    ("manage_crisis", "Open, run and close incidents"),
    ("sign_off_legal", "Sign off crisis steps for legal"),
    ("sign_off_executive", "Sign off crisis steps for the executive team"),
    ("import_analytics", "Import analytics, ad spend and CRM exports"),
    ("view_audit", "Read and export the audit log"),
    ("manage_team", "Add people and change their roles"),
)


class Capability(models.Model):
    """Holds the product's permissions; it has no table of its own."""

    class Meta:
        managed = False
        default_permissions = ()
        permissions = CAPABILITIES


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_raw(self, raw: str) -> ApiToken | None:
        return self.select_related("user").filter(key_hash=_hash_token(raw), revoked_at__isnull=True).first()


class ApiToken(models.Model):
    """A bearer token for the REST API. Only its hash is stored; the token is shown once."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=8)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_raw_token() -> str:
        return "srx_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash_of(raw: str) -> str:
        return _hash_token(raw)


class Profile(models.Model):
    """A person's preferences."""

    class EmailMode(models.TextChoices):
        IMMEDIATE = "immediate", "Each notification"
        DIGEST = "digest", "Daily digest"
        OFF = "off", "No e-mail"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    email_mode = models.CharField(max_length=10, choices=EmailMode.choices, default=EmailMode.IMMEDIATE)
    digest_sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"Preferences of {self.user}"
