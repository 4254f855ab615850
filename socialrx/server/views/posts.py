"""Compose and post pages: the list, the editor with its live check, and one post's page."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import (
    CHANNEL_KEYS,
    PostInput,
    check_content,
    create_post,
    do_override_findings,
    do_schedule_post,
    update_post,
)
from socialrx.server.actions.reviews import add_comment, submit_post
from socialrx.server.lib.access import (
    active_strategy_version,
    current_capabilities,
    has_capability,
    require_capability,
)
from socialrx.server.lib.compliance import check_variant
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import CHANNELS, Comment, Post, PostStatus

THREAD_SEPARATOR = "\n---\n"


def _strategy():
    version = active_strategy_version()
    return strategy_of(version) if version else None


def _timezone() -> ZoneInfo:
    strategy = _strategy()
    return ZoneInfo(strategy.organisation.timezone if strategy else "UTC")


def _parse_when(value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=_timezone())
    except ValueError:
        raise ActionError(f"scheduled time: {value!r} is not a date and time") from None


def _variant_fields(post_data, channel: str) -> dict:
    get = lambda name: post_data.get(f"{channel}-{name}", "")  # noqa: E731
    thread_text = get("thread").strip()
    fields = {
        "text": get("text").strip(),
        "title": get("title").strip(),
        "tags": [t.strip() for t in get("tags").split(",") if t.strip()],
        "thread": [p.strip() for p in thread_text.split(THREAD_SEPARATOR.strip()) if p.strip()] if thread_text else [],
        "link_url": get("link_url").strip(),
    }
    return fields


def _input_from(request: HttpRequest) -> PostInput:
    data = request.POST
    channels = [c for c in data.getlist("channels") if c]
    return PostInput(
        title=data.get("title", ""),
        variants={c: _variant_fields(data, c) for c in channels},
        pillar=data.get("pillar", ""),
        series=data.get("series", ""),
        content_type=data.get("content_type", ""),
        monthly_theme=data.get("monthly_theme", ""),
        weekday_theme=data.get("weekday_theme", ""),
        slot_id=data.get("slot_id", ""),
        is_paid=data.get("is_paid") == "on",
        is_patient_story=data.get("is_patient_story") == "on",
        campaign=data.get("campaign", ""),
        scheduled_at=_parse_when(data.get("scheduled_at", "")),
    )


def _form_values(post: Post | None, request: HttpRequest | None = None) -> dict:
    """Return what the editor shows: the request's values after an error, else the post's."""
    if request is not None and request.method == "POST":
        values = {k: request.POST.get(k, "") for k in request.POST}
        values["channels"] = request.POST.getlist("channels")
        return values
    if post is None:
        initial = {k: request.GET.get(k, "") for k in request.GET} if request else {}
        initial.setdefault("channels", request.GET.getlist("channel") if request else [])
        return initial
    values = {f: getattr(post, f) for f in ("title", "pillar", "series", "content_type", "monthly_theme",
                                            "weekday_theme", "slot_id", "campaign")}
    values |= {"is_paid": "on" if post.is_paid else "", "is_patient_story": "on" if post.is_patient_story else ""}
    if post.scheduled_at:
        values["scheduled_at"] = post.scheduled_at.astimezone(_timezone()).strftime("%Y-%m-%dT%H:%M")
    values["channels"] = []
    for v in post.variants.all():
        values["channels"].append(v.channel)
        values |= {f"{v.channel}-text": v.text, f"{v.channel}-title": v.title, f"{v.channel}-tags": ", ".join(v.tags),
                   f"{v.channel}-thread": THREAD_SEPARATOR.join(v.thread), f"{v.channel}-link_url": v.link_url}
    return values


def _editor(request: HttpRequest, post: Post | None, *, errors=(), status: int = 200) -> HttpResponse:
    values = _form_values(post, request)
    context = {"post": post, "values": values, "channels": CHANNELS, "strategy": _strategy(), "errors": errors,
               "statuses": PostStatus.choices}
    return render(request, "socialrx/post_edit.html", context, status=status)


@login_required
def post_list(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    posts = Post.objects.select_related("author").prefetch_related("variants")
    status = request.GET.get("status", "")
    if status:
        posts = posts.filter(status=status)
    if request.GET.get("mine"):
        posts = posts.filter(author=request.user)
    context = {"posts": posts[:200], "status": status, "statuses": PostStatus.choices,
               "can_compose": has_capability(request.user, "compose_posts")}
    return render(request, "socialrx/post_list.html", context)


@login_required
def post_new(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    if request.method != "POST":
        return _editor(request, None)
    try:
        post = create_post(request.user, _input_from(request))
    except ActionError as exc:
        return _editor(request, None, errors=[str(exc)], status=400)
    messages.success(request, "Draft saved.")
    return redirect("post-detail", post.pk)


@login_required
def post_edit(request: HttpRequest, post_id: int) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    post = get_object_or_404(Post, pk=post_id)
    if request.method != "POST":
        return _editor(request, post)
    was = post.status
    try:
        post = update_post(request.user, post, _input_from(request))
    except ActionError as exc:
        return _editor(request, post, errors=[str(exc)], status=400)
    if was in {PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED} and post.status != was:
        messages.warning(request, "The content changed, so review starts again on a new revision.")
    else:
        messages.success(request, "Saved.")
    return redirect("post-detail", post.pk)


@login_required
@require_POST
def live_check(request: HttpRequest) -> HttpResponse:
    """Return the findings and counters of the editor's current text (htmx, debounced)."""
    require_capability(request.user, "compose_posts")
    strategy = _strategy()
    results = []
    for channel in [c for c in request.POST.getlist("channels") if c in CHANNEL_KEYS]:
        fields = _variant_fields(request.POST, channel)
        findings = check_variant({"channel": channel, **fields, "media": []}, strategy) if strategy else []
        results.append({"channel": channel, "findings": findings, "counter": _counter(channel, fields),
                        "highlighted": _highlight(fields["text"], [f for f in findings if f["field"] == "text"])})
    return render(request, "socialrx/_findings.html", {"results": results})


def _counter(channel: str, fields: dict) -> dict:
    from socialrx.core.platforms.validation import counter

    c = counter(channel, fields["text"])
    return {"used": c.used, "limit": c.limit, "unit": c.unit, "over": c.over}


def _highlight(text: str, findings: list[dict]) -> list[dict]:
    """Split text into plain and flagged pieces for the preview (spans may overlap; the first wins)."""
    pieces, position = [], 0
    for f in sorted((f for f in findings if f["start"] is not None), key=lambda f: f["start"]):
        start, end = max(f["start"], position), f["end"]
        if end <= start:
            continue
        pieces.append({"text": text[position:start]})
        pieces.append({"text": text[start:end], "finding": f})
        position = end
    pieces.append({"text": text[position:]})
    return [p for p in pieces if p["text"]]


@login_required
def post_detail(request: HttpRequest, post_id: int) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    post = get_object_or_404(Post.objects.select_related("author", "current_revision", "approved_revision"), pk=post_id)
    verdict, findings, digest = check_content(post)
    workflow = post.workflows.prefetch_related("tasks__decisions__user").first()
    capabilities = current_capabilities(request.user)
    tasks = list(workflow.tasks.all()) if workflow else []
    context = {
        "post": post, "verdict": verdict, "findings": findings, "workflow": workflow, "tasks": tasks,
        "override_valid": post.override_hash == digest and bool(post.override_hash),
        "can_override": "override_compliance" in capabilities and verdict == "block",
        "can_compose": "compose_posts" in capabilities,
        "can_schedule": "manage_calendar" in capabilities or (post.author_id == request.user.pk and "compose_posts" in capabilities),
        "capabilities": capabilities,
        "revisions": post.revisions.select_related("created_by")[:20],
        "comments": Comment.objects.filter(post=post, parent__isnull=True).select_related("author").prefetch_related("replies__author"),
        "timezone": _timezone(),
        "audit": post_audit(post),
    }
    return render(request, "socialrx/post_detail.html", context)


def post_audit(post: Post):
    from socialrx.server.models import AuditEvent

    return AuditEvent.objects.filter(object_type="post", object_id=str(post.pk)).order_by("id")


def _redirect_with(request: HttpRequest, post_id: int, *, error: str = "", success: str = "") -> HttpResponse:
    if error:
        messages.error(request, error)
    if success:
        messages.success(request, success)
    return redirect("post-detail", post_id)


@login_required
@require_POST
def post_submit(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=post_id)
    try:
        submit_post(request.user, post)
    except ActionError as exc:
        return _redirect_with(request, post_id, error=str(exc))
    return _redirect_with(request, post_id, success="Submitted for review.")


@login_required
@require_POST
def post_override(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=post_id)
    try:
        do_override_findings(request.user, post, request.POST.get("reason", ""))
    except ActionError as exc:
        return _redirect_with(request, post_id, error=str(exc))
    return _redirect_with(request, post_id, success="Override recorded with your reason.")


@login_required
@require_POST
def post_schedule(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=post_id)
    try:
        do_schedule_post(request.user, post, _parse_when(request.POST.get("scheduled_at", "")))
    except ActionError as exc:
        return _redirect_with(request, post_id, error=str(exc))
    return _redirect_with(request, post_id, success="Time saved.")


@login_required
@require_POST
def post_comment(request: HttpRequest, post_id: int) -> HttpResponse:
    post = get_object_or_404(Post, pk=post_id)
    parent = Comment.objects.filter(pk=request.POST.get("parent") or 0, post=post).first()
    span = None
    if request.POST.get("span_start") and request.POST.get("span_end"):
        try:
            span = (int(request.POST["span_start"]), int(request.POST["span_end"]))
        except ValueError:
            return _redirect_with(request, post_id, error="comment: the span must be two character positions")
    try:
        add_comment(request.user, post, request.POST.get("body", ""), parent=parent,
                    channel=request.POST.get("channel", ""), span=span)
    except ActionError as exc:
        return _redirect_with(request, post_id, error=str(exc))
    return _redirect_with(request, post_id, success="Comment added.")
