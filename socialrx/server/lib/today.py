"""What needs a person today: the home page's role-aware list of work waiting for them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import now

from socialrx.server.actions.reviews import tasks_waiting_for
from socialrx.server.lib.access import current_capabilities
from socialrx.server.models import InboxItem, Incident, JobStatus, Post, PostStatus, PublishJob
from socialrx.server.models.crisis import IncidentStatus
from socialrx.server.models.inbox import OPEN_STATUSES

EXPIRY_WINDOW = timedelta(hours=24)  # a review unfinished at the post's time expires then
SHOWN = 5
REVIEW_CAPABILITIES = frozenset({"review_clinical", "review_regulatory", "approve_final"})


@dataclass(frozen=True)
class NeedLine:
    """One thing to open: its title, address and, for timed work, when it is due."""

    title: str
    url: str
    due_at: object = None


@dataclass(frozen=True)
class Need:
    """One kind of work waiting for the person, with how many and the first few."""

    key: str
    heading: str
    count: int
    url: str
    lines: tuple[NeedLine, ...]
    urgent: bool = False


def _post_line(post: Post) -> NeedLine:
    return NeedLine(post.title, reverse("post-detail", args=[post.pk]), post.scheduled_at)


def _reviews(user) -> Need:
    tasks = tasks_waiting_for(user)
    lines = tuple(NeedLine(f"{t.workflow.post.title} · {t.name}", reverse("post-detail", args=[t.workflow.post_id]), t.due_at)
                  for t in tasks[:SHOWN])  # fmt: skip
    return Need("reviews", "Reviews waiting for you", len(tasks), reverse("reviews"), lines)


def _returned(user) -> Need:
    posts = Post.objects.filter(author=user, status__in=[PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED])
    return Need("returned", "Your posts sent back with changes requested", posts.count(), reverse("reviews"),
                tuple(_post_line(p) for p in posts[:SHOWN]))  # fmt: skip


def _inbox(user) -> Need:
    items = InboxItem.objects.filter(status__in=OPEN_STATUSES).filter(
        Q(assignee=user) | Q(assignee__isnull=True, due_at__lt=now())
    )
    lines = tuple(NeedLine(f"{i.author or 'someone'}: {i.text[:80]}", reverse("inbox-item", args=[i.pk]), i.due_at)
                  for i in items[:SHOWN])  # fmt: skip
    overdue = items.filter(due_at__lt=now()).exists()
    return Need("inbox", "Inbox: assigned to you or overdue", items.count(), f"{reverse('inbox')}?assignee=me", lines,
                urgent=overdue)  # fmt: skip


def _failed(_user) -> Need:
    jobs = PublishJob.objects.filter(status=JobStatus.FAILED).select_related("post").order_by("-due_at")
    lines = tuple(NeedLine(f"{j.post.title} · {j.get_channel_display()}", reverse("post-detail", args=[j.post_id]), j.due_at)
                  for j in jobs[:SHOWN])  # fmt: skip
    return Need("failed", "Failed publishes", jobs.count(), reverse("publishing"), lines, urgent=True)


def _expiring(_user) -> Need:
    posts = Post.objects.filter(status=PostStatus.IN_REVIEW, scheduled_at__lte=now() + EXPIRY_WINDOW).order_by("scheduled_at")
    return Need("expiring", "Reviews that expire within 24 hours", posts.count(), reverse("reviews"),
                tuple(_post_line(p) for p in posts[:SHOWN]), urgent=True)  # fmt: skip


def _incidents(_user) -> Need:
    incidents = Incident.objects.filter(status=IncidentStatus.OPEN).order_by("-opened_at")
    lines = tuple(NeedLine(f"{i.title}{' (drill)' if i.is_drill else ''}", reverse("crisis-incident", args=[i.pk]), i.opened_at)
                  for i in incidents[:SHOWN])  # fmt: skip
    return Need("incident", "Active incident", incidents.count(), reverse("crisis"), lines, urgent=True)


def needs_for(user) -> list[Need]:
    """Return the kinds of work waiting for this person today (only those with something in them)."""
    capabilities = current_capabilities(user)
    sources = [_incidents]
    if capabilities & REVIEW_CAPABILITIES:
        sources += [_reviews, _expiring]
    if "compose_posts" in capabilities:
        sources.append(_returned)
    if "answer_inbox" in capabilities:
        sources.append(_inbox)
    if "manage_publishing" in capabilities:
        sources.append(_failed)
    return [need for need in (source(user) for source in sources) if need.count]
