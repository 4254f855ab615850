"""Publishing: the pause switch, connected accounts, one job per channel of an approved revision,
manual (Doximity) tasks, the sandbox outbox and the newsletter's subscribers."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

NETWORKS: tuple[tuple[str, str], ...] = (
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("youtube", "YouTube"),
    ("email", "E-mail newsletter"),
    ("doximity", "Doximity"),
)
"""Networks an account can be connected to, keyed like the post channels."""

CONNECTOR_KEY_BY_CHANNEL = {"linkedin": "linkedin", "x": "x", "youtube": "youtube", "email": "newsletter",
                            "doximity": "doximity"}  # fmt: skip
"""The connector registered for each post channel."""


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


class AccountStatus(models.TextChoices):
    CONNECTED = "connected", "Connected"
    NEEDS_RECONNECT = "needs_reconnect", "Needs reconnecting"
    DISCONNECTED = "disconnected", "Disconnected"


class PublishAccount(models.Model):
    """A network account we publish as. Tokens are Fernet-encrypted and never shown.

    Sandbox accounts (the demo default) publish to the outbox and need no tokens.
    """

    network = models.CharField(max_length=20, choices=NETWORKS)
    name = models.CharField(max_length=120)
    external_id = models.CharField(max_length=200, help_text="X user id, LinkedIn organisation URN, channel id, sender address")
    sandbox = models.BooleanField(default=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    base_url = models.CharField(max_length=300, blank=True, help_text="API host override (proxies, tests)")
    access_token_encrypted = models.TextField(blank=True, editable=False)
    refresh_token_encrypted = models.TextField(blank=True, editable=False)
    token_expires_at = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=20, choices=AccountStatus.choices, default=AccountStatus.CONNECTED)
    status_message = models.CharField(max_length=500, blank=True)
    rate_limited_until = models.DateTimeField(null=True, blank=True)
    quota = models.JSONField(default=dict, blank=True)  # YouTube QuotaLedger.to_dict()
    last_published_at = models.DateTimeField(null=True, blank=True)
    connected_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["network", "name"]

    def __str__(self) -> str:
        return f"{self.get_network_display()}: {self.name}{' (sandbox)' if self.sandbox else ''}"

    def __repr__(self) -> str:
        return f"<PublishAccount {self.pk} {self.network} {self.name!r} {self.status}>"

    @property
    def usable(self) -> bool:
        return self.status == AccountStatus.CONNECTED


class OAuthConnection(models.Model):
    """A pending OAuth authorisation: the state and PKCE verifier live only on the server."""

    state = models.CharField(max_length=100, unique=True)
    network = models.CharField(max_length=20, choices=NETWORKS)
    code_verifier = models.TextField(blank=True, editable=False)
    redirect_uri = models.CharField(max_length=500)
    account_name = models.CharField(max_length=120)
    external_id = models.CharField(max_length=200)
    base_url = models.CharField(max_length=300, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    account = models.ForeignKey(PublishAccount, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"OAuth {self.network} for {self.user}"

    def __repr__(self) -> str:
        return f"<OAuthConnection {self.pk} {self.network}>"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    SENDING = "sending", "Sending"
    SENT = "sent", "Sent"
    FAILED = "failed", "Failed"
    MANUAL_PENDING = "manual_pending", "Waiting for a person"
    CANCELLED = "cancelled", "Cancelled"


OPEN_JOB_STATUSES = (JobStatus.QUEUED, JobStatus.SENDING, JobStatus.MANUAL_PENDING)


def new_idempotency_key() -> str:
    return "srx-" + secrets.token_hex(12)


class PublishJob(models.Model):
    """Send one channel variant of one approved revision, at most once.

    The idempotency key is committed before the platform is called; ``posted_ids``
    holds every id created so far (thread parts, newsletter messages).
    """

    post = models.ForeignKey("socialrx.Post", on_delete=models.CASCADE, related_name="publish_jobs")
    revision = models.ForeignKey("socialrx.Revision", on_delete=models.PROTECT, related_name="publish_jobs")
    channel = models.CharField(max_length=20, choices=NETWORKS)
    account = models.ForeignKey(PublishAccount, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs")
    status = models.CharField(max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED)
    due_at = models.DateTimeField()
    next_attempt_at = models.DateTimeField()
    lease_until = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    first_attempt_at = models.DateTimeField(null=True, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True, default=new_idempotency_key)
    last_error = models.TextField(blank=True)
    error_kind = models.CharField(max_length=30, blank=True)
    platform_post_id = models.CharField(max_length=200, blank=True)
    url = models.CharField(max_length=500, blank=True)
    posted_ids = models.JSONField(default=list, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["-due_at", "channel"]
        constraints = [models.UniqueConstraint(fields=["revision", "channel"], name="one_job_per_channel_revision")]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="publishjob_due")]

    def __str__(self) -> str:
        return f"{self.post} · {self.get_channel_display()} r{self.revision.number if self.revision_id else '?'}"


class ManualTaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class ManualPublishTask(models.Model):
    """Copy-ready content for a person to post by hand (Doximity), closed with the live URL."""

    job = models.OneToOneField(PublishJob, on_delete=models.CASCADE, related_name="manual_task")
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    copy_text = models.TextField()
    checklist = models.JSONField(default=list)
    destination_url = models.CharField(max_length=300)
    status = models.CharField(max_length=12, choices=ManualTaskStatus.choices, default=ManualTaskStatus.OPEN)
    live_url = models.URLField(max_length=500, blank=True)
    completed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    completed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["status", "-created_at"]

    def __str__(self) -> str:
        return f"Post by hand: {self.job}"


class OutboxEntry(models.Model):
    """Exactly what a sandbox account would have sent for one job (one row per job)."""

    job = models.OneToOneField(PublishJob, on_delete=models.CASCADE, related_name="outbox_entry")
    channel = models.CharField(max_length=20, choices=NETWORKS)
    account_name = models.CharField(max_length=120)
    parts = models.JSONField(default=list)  # the texts, in thread order
    title = models.CharField(max_length=300, blank=True)
    payload = models.JSONField(default=dict)  # the rest of the request: tags, media, recipients, html
    posted_ids = models.JSONField(default=list)
    sent_at = models.DateTimeField()

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"Outbox: {self.job}"


def new_unsubscribe_token() -> str:
    return secrets.token_urlsafe(24)


class NewsletterSubscriber(models.Model):
    """A person on the newsletter list; the token in their unsubscribe link identifies them."""

    email = models.EmailField(unique=True)
    name = models.CharField(max_length=120, blank=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True, default=new_unsubscribe_token, editable=False)
    subscribed_at = models.DateTimeField()
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return self.unsubscribed_at is None
