"""Reads about publishing."""

from __future__ import annotations

from socialrx.server.models import PublishingSwitch


def publishing_switch() -> PublishingSwitch:
    """Return the publishing switch (created, on, the first time)."""
    return PublishingSwitch.objects.get_or_create(pk=1)[0]


def publishing_paused() -> bool:
    """Return whether scheduled publishing is paused (by a person or by crisis mode)."""
    return PublishingSwitch.objects.filter(pk=1, paused=True).exists()
