"""The audit log: one append-only, hash-chained record of every state change."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditLogIsAppendOnly(Exception):
    """Raised when code tries to change or delete an audit event."""


class AuditEvent(models.Model):
    """One state change: who did what to which object, on which revision, and when.

    `entry_hash` is an HMAC, keyed with a secret kept outside the database, over every
    field and the previous entry's hash: editing or removing any entry breaks the chain,
    and nobody with only database access can write a chain that verifies (see
    `socialrx audit verify`). The actor is a plain reference, never nulled: deleting a
    person leaves their id and name on the events they caused.
    """

    action = models.CharField(max_length=100, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.DO_NOTHING,
                              db_constraint=False, related_name="+")
    actor_label = models.CharField(max_length=150)
    occurred_at = models.DateTimeField(db_index=True)
    object_type = models.CharField(max_length=60, blank=True, db_index=True)
    object_id = models.CharField(max_length=64, blank=True, db_index=True)
    object_repr = models.CharField(max_length=255, blank=True)
    revision_hash = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)
    scheme = models.PositiveSmallIntegerField(default=2)
    """1: unkeyed SHA-256 (entries written before the key existed); 2: HMAC-SHA256 with the audit key."""

    class Meta:
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None:
            raise AuditLogIsAppendOnly("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditLogIsAppendOnly("audit events cannot be deleted")


class AuditHead(models.Model):
    """A single row locked while appending, so concurrent writers extend the chain in turn."""

    last_hash = models.CharField(max_length=64)
