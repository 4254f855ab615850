"""The listening demo: thousands of mentions, a negative spike with its alert, a safety item, every inbox status."""

from __future__ import annotations

import time

from django.urls import reverse

from socialrx.server.demo_listening import load_listening_demo
from socialrx.server.models import Alert, AlertKind, InboxItem, Queue, StoredMention


def test_demo_is_fast_complete_and_idempotent(seed_strategy, make_user):
    """The demo loads in under 10 s; a second run adds nothing."""
    make_user("community_manager", username="community")
    reverse("inbox")  # import the URL configuration (every page module) before timing
    started = time.perf_counter()
    load_listening_demo()
    assert time.perf_counter() - started < 10
    mentions, alerts, items = StoredMention.objects.count(), Alert.objects.count(), InboxItem.objects.count()
    assert mentions > 2000
    assert Alert.objects.filter(kind=AlertKind.NEGATIVE_SPIKE).exists()
    assert InboxItem.objects.filter(queue=Queue.SAFETY).exists()
    assert set(InboxItem.objects.values_list("status", flat=True)) == {"new", "assigned", "waiting", "answered", "closed"}
    load_listening_demo()
    assert (StoredMention.objects.count(), Alert.objects.count(), InboxItem.objects.count()) == (mentions, alerts, items)
