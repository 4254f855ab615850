"""Writes on posts: create, edit variants, submit for review, override findings, schedule."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils.timezone import now

from socialrx.core.http_urls import require_http_url
from socialrx.core.platforms.payload import VariantSource, normalised_hashtags, render_variant
from socialrx.core.workflow import (
    ReviewForbidden,
    ReviewRefused,
    check_override,
    check_submission,
    content_hash,
)
from socialrx.server.actions import ActionError
from socialrx.server.actions.publishing import sync_post_jobs
from socialrx.server.lib.access import (
    active_strategy_version,
    current_capabilities,
    has_capability,
    require_capability,
)
from socialrx.server.lib.audit import log
from socialrx.server.lib.compliance import check_snapshot
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.media import check_media_items
from socialrx.server.models import CHANNELS, Post, PostStatus, Revision, Variant

CHANNEL_KEYS = tuple(key for key, _ in CHANNELS)
VARIANT_FIELDS = ("text", "thread", "title", "tags", "hashtags", "link_url", "utm", "media")
EDITABLE = {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED, PostStatus.EXPIRED}
REOPENS_REVIEW = {PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED}
FROZEN = {PostStatus.PUBLISHING, PostStatus.PUBLISHED, PostStatus.PARTIALLY_PUBLISHED, PostStatus.CANCELLED}
META_FIELDS = ("title", "pillar", "series", "content_type", "monthly_theme", "weekday_theme", "slot_id",
               "is_paid", "is_patient_story", "campaign")  # fmt: skip


@dataclass(frozen=True)
class PostInput:
    """What a person writes: the post's labels and one dict of fields per channel."""

    title: str
    variants: dict[str, dict]
    pillar: str = ""
    series: str = ""
    content_type: str = ""
    monthly_theme: str = ""
    weekday_theme: str = ""
    slot_id: str = ""
    is_paid: bool = False
    is_patient_story: bool = False
    campaign: str = ""
    scheduled_at: datetime | None = None


def _clean_variants(variants: dict[str, dict]) -> dict[str, dict]:
    unknown = [c for c in variants if c not in CHANNEL_KEYS]
    if unknown:
        raise ActionError(f"channel {unknown[0]!r} is not one of {', '.join(CHANNEL_KEYS)}")
    if not variants:
        raise ActionError("choose at least one channel for the post")
    cleaned = {}
    for channel, fields in variants.items():
        extra = set(fields) - set(VARIANT_FIELDS)
        if extra:
            raise ActionError(f"{channel}: unknown field(s) {', '.join(sorted(extra))}")
        check_media_items(channel, list(fields.get("media") or []))
        if fields.get("link_url"):
            try:
                fields = fields | {"link_url": require_http_url(fields["link_url"], field="link_url")}
            except ValueError as exc:
                raise ActionError(f"{channel}: {exc}") from None
        if "hashtags" in fields:
            fields = {**fields, "hashtags": list(normalised_hashtags(fields["hashtags"] or []))}
        cleaned[channel] = fields
    return cleaned


def _check_labels(data: PostInput) -> None:
    if not data.title.strip():
        raise ActionError("title: give the post a working title")
    version = active_strategy_version()
    if version is None:
        return
    strategy = strategy_of(version)
    if data.pillar and data.pillar not in {p.key for p in strategy.content_pillars}:
        raise ActionError(f"pillar: {data.pillar!r} is not a pillar of the active strategy")
    if data.series and data.series not in {s.key for s in strategy.series}:
        raise ActionError(f"series: {data.series!r} is not a series of the active strategy")


def check_create_post(user, data: PostInput) -> dict[str, dict]:
    """Authorise and validate a new post; return its cleaned variants."""
    require_capability(user, "compose_posts")
    _check_labels(data)
    return _clean_variants(data.variants)


def do_create_post(user, data: PostInput, variants: dict[str, dict], *, at: datetime | None = None) -> Post:
    """Create a draft post with its variants and audit it, at ``at`` (default: now)."""
    stamp = at or now()
    with transaction.atomic():
        post = Post.objects.create(
            author=user,
            strategy_version=active_strategy_version(),
            scheduled_at=data.scheduled_at,
            created_at=stamp,
            updated_at=stamp,
            **{f: getattr(data, f) for f in META_FIELDS},
        )
        for channel, fields in variants.items():
            Variant.objects.create(post=post, channel=channel, **fields)
        log("socialrx.post.create", actor=user, obj=post, data={"channels": sorted(variants)}, at=stamp)
    return post


def create_post(user, data: PostInput, *, at: datetime | None = None) -> Post:
    return do_create_post(user, data, check_create_post(user, data), at=at)


def snapshot_of(post: Post) -> dict:
    """Return the content a revision freezes: every variant with the payload its network receives
    (so the hash covers the exact bytes sent), and the flags that route review."""
    variants = []
    for variant in post.variants.order_by("channel"):
        snapshot = variant.snapshot()
        rendered = render_variant(variant.channel, VariantSource.from_snapshot(snapshot))
        variants.append(snapshot | {"rendered": rendered.to_dict()})
    return {"is_paid": post.is_paid, "is_patient_story": post.is_patient_story, "variants": variants}


def check_update_post(user, post: Post, data: PostInput) -> dict[str, dict]:
    """Authorise and validate an edit; refuse on posts that are being or have been published."""
    require_capability(user, "compose_posts")
    if post.status in FROZEN:
        raise ActionError(f"This post is {post.get_status_display().lower()}; it can no longer be edited.")
    _check_labels(data)
    return _clean_variants(data.variants)


def do_update_post(user, post: Post, data: PostInput, variants: dict[str, dict]) -> Post:
    """Save an edit. Editing content under review or after approval makes a new revision and restarts review."""
    from socialrx.server.actions.reviews import do_submit_post

    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        before = content_hash(snapshot_of(post))
        for f in META_FIELDS:
            setattr(post, f, getattr(data, f))
        post.scheduled_at = data.scheduled_at
        post.updated_at = now()
        post.save()
        post.variants.exclude(channel__in=list(variants)).delete()
        for channel, fields in variants.items():
            Variant.objects.update_or_create(post=post, channel=channel, defaults=fields)
        changed = content_hash(snapshot_of(post)) != before
        log("socialrx.post.edit", actor=user, obj=post, data={"content_changed": changed})
        if changed and post.status in REOPENS_REVIEW:
            try:
                do_submit_post(user, post, reopened=True)
            except ReviewRefused:
                post.status = PostStatus.DRAFT
                post.save(update_fields=["status"])
                _cancel_running_workflows(post)
        post.refresh_from_db()
        sync_post_jobs(post)
    return post


def update_post(user, post: Post, data: PostInput) -> Post:
    return do_update_post(user, post, data, check_update_post(user, post, data))


def _cancel_running_workflows(post: Post) -> None:
    from socialrx.server.models import ReviewWorkflow, WorkflowStatus

    for workflow in ReviewWorkflow.objects.filter(post=post, status=WorkflowStatus.IN_PROGRESS):
        workflow.status = WorkflowStatus.CANCELLED
        workflow.finished_at = now()
        workflow.save(update_fields=["status", "finished_at"])
        workflow.tasks.filter(status__in=["active", "waiting"]).update(status="cancelled")


def check_content(post: Post) -> tuple[str, list[dict], str]:
    """Return the verdict, findings and content hash of the post's current content."""
    snapshot = snapshot_of(post)
    version = post.strategy_version or active_strategy_version()
    verdict, findings = check_snapshot(snapshot, strategy_of(version)) if version else ("pass", [])
    return verdict, findings, content_hash(snapshot)


def next_revision(user, post: Post, *, verdict: str, findings: list[dict], at: datetime | None = None) -> Revision:
    """Freeze the post's current content as its next revision, made at ``at`` (default: now)."""
    snapshot = snapshot_of(post)
    number = (post.revisions.aggregate(n=Max("number"))["n"] or 0) + 1
    digest = content_hash(snapshot)
    has_override = post.override_hash == digest
    return Revision.objects.create(
        post=post,
        number=number,
        content=snapshot,
        content_hash=digest,
        verdict=verdict,
        findings=findings,
        override_reason=post.override_reason if has_override else "",
        override_by=post.override_by if has_override else None,
        created_by=user,
        created_at=at or now(),
    )


def do_override_findings(user, post: Post, reason: str) -> Post:
    """Record a written override of the blocking findings on the post's current content."""
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        verdict, findings, digest = check_content(post)
        capabilities = current_capabilities(user)
        try:
            check_override(actor_capabilities=capabilities, reason=reason, verdict=verdict)
        except ReviewForbidden as exc:
            raise PermissionDenied(str(exc)) from None
        except ReviewRefused as exc:
            raise ActionError(str(exc)) from None
        post.override_hash, post.override_reason, post.override_by = digest, reason.strip(), user
        post.save(update_fields=["override_hash", "override_reason", "override_by"])
        blocking = sorted({f["rule"] for f in findings if f["severity"] == "block"})
        log("socialrx.compliance.override", actor=user, obj=post, revision_hash=digest,
            data={"reason": reason.strip(), "rules": blocking})
    return post


def do_schedule_post(user, post: Post, when: datetime | None, *, at: datetime | None = None) -> Post:
    """Set or clear the time a post goes out, at ``at`` (default: now); an approved post becomes scheduled."""
    if not (has_capability(user, "manage_calendar") or (post.author_id == user.pk and has_capability(user, "compose_posts"))):
        require_capability(user, "manage_calendar")
    stamp = at or now()
    if when is not None and when <= stamp:
        raise ActionError("scheduled time: choose a time in the future")
    with transaction.atomic():
        post = Post.objects.select_for_update().get(pk=post.pk)
        if post.status in FROZEN:
            raise ActionError(f"This post is {post.get_status_display().lower()}; its time can no longer change.")
        previous = post.scheduled_at
        post.scheduled_at = when
        if post.status == PostStatus.APPROVED and when is not None:
            post.status = PostStatus.SCHEDULED
        elif post.status == PostStatus.SCHEDULED and when is None:
            post.status = PostStatus.APPROVED
        post.updated_at = stamp
        post.save(update_fields=["scheduled_at", "status", "updated_at"])
        log("socialrx.post.schedule", actor=user, obj=post,
            data={"from": previous.isoformat() if previous else None, "to": when.isoformat() if when else None}, at=stamp)
        sync_post_jobs(post, at=stamp)
    return post


def check_submit(post: Post) -> tuple[str, list[dict]]:
    """Return the verdict and findings, refusing while a blocking finding stands without override."""
    verdict, findings, digest = check_content(post)
    variants = snapshot_of(post)["variants"]
    if not any(v.get("text") or v.get("thread") or v.get("title") for v in variants):
        raise ReviewRefused("Write something first: every variant is empty.")
    for variant in variants:
        if variant["channel"] == "youtube" and not any(m.get("kind") == "video" for m in variant["media"]):
            raise ReviewRefused("youtube: media: a YouTube post is a video; attach the video file before submitting.")
    check_submission(verdict=verdict, has_override=post.override_hash == digest)
    return verdict, findings
