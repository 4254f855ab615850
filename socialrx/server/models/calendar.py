"""Calendar sharing: each person's secret iCalendar feed address."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


class CalendarFeedToken(models.Model):
    """The secret in a person's calendar feed URL; rotating it replaces it, so old URLs stop working."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Calendar feed of {self.user}"

    @staticmethod
    def new_token() -> str:
        """Return a fresh unguessable token for a feed URL."""
        return secrets.token_urlsafe(32)
