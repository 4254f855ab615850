"""In-app notifications and their e-mails (immediately, as a daily digest, or not at all)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.timezone import now

from socialrx.server.models import Notification, Profile


def holders_of(capability: str):
    """Return the active people who hold a capability through their roles."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__permissions__codename=capability)
        .distinct()
        .order_by("username")
    )


def _email_mode(user) -> str:
    profile = Profile.objects.filter(user=user).first()
    return profile.email_mode if profile else Profile.EmailMode.IMMEDIATE


def notify(users: Iterable, *, kind: str, message: str, url: str = "", post=None, exclude=None,
           at: datetime | None = None) -> list[Notification]:
    """Create one notification per person (at ``at``, default now) and e-mail those who want each one, after commit."""
    created = []
    stamp = at or now()
    for user in {u.pk: u for u in users}.values():
        if exclude is not None and user.pk == exclude.pk:
            continue
        note = Notification.objects.create(user=user, kind=kind, message=message[:300], url=url, post=post, created_at=stamp)
        created.append(note)
        if user.email and _email_mode(user) == Profile.EmailMode.IMMEDIATE:
            transaction.on_commit(lambda n=note: _send_one(n.pk))
    return created


def _send_one(notification_id: int) -> None:
    note = Notification.objects.select_related("user").get(pk=notification_id)
    body = f"{note.message}\n\n{note.url}\n\nsocialrx"
    send_mail(f"[socialrx] {note.message[:80]}", body, None, [note.user.email])
    Notification.objects.filter(pk=note.pk).update(emailed_at=now())


def send_digests() -> int:
    """E-mail each digest reader the notifications they have not had by e-mail; return the count sent."""
    sent = 0
    for profile in Profile.objects.filter(email_mode=Profile.EmailMode.DIGEST).select_related("user"):
        pending = list(Notification.objects.filter(user=profile.user, emailed_at__isnull=True).order_by("created_at"))
        if not pending or not profile.user.email:
            continue
        lines = [f"- {n.created_at:%b %d %H:%M} {n.message} {n.url}" for n in pending]
        send_mail(f"[socialrx] {len(pending)} update(s)", "\n".join(lines), None, [profile.user.email])
        Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now())
        Profile.objects.filter(pk=profile.pk).update(digest_sent_at=now())
        sent += 1
    return sent
