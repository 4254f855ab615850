"""Repurpose pages: the source form and recent sets, one set's drafts with their checks, and its actions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from socialrx.core.platforms.validation import CHANNELS as COUNTED_CHANNELS
from socialrx.core.platforms.validation import counter
from socialrx.core.repurpose.llm import LlmSettings
from socialrx.server.actions import ActionError
from socialrx.server.actions.repurpose import (
    FORMAT_LABELS,
    RepurposeInput,
    create_posts,
    current_strategy,
    repurpose,
    rewrite_draft,
    submit_all,
)
from socialrx.server.lib.access import require_capability
from socialrx.server.models import RepurposeSource

MAX_UPLOAD_BYTES = 5_000_000


def _uploaded(request: HttpRequest, field: str) -> tuple[str, str]:
    upload = request.FILES.get(field)
    if upload is None:
        return "", ""
    if upload.size > MAX_UPLOAD_BYTES:
        raise ActionError(f"{upload.name}: files over {MAX_UPLOAD_BYTES:,} bytes are refused")
    try:
        return upload.read().decode("utf-8-sig"), upload.name
    except UnicodeDecodeError:
        raise ActionError(f"{upload.name}: the file is not UTF-8 text") from None


def _input_from(request: HttpRequest) -> RepurposeInput:
    data = request.POST
    text, name = _uploaded(request, "file")
    transcript, transcript_name = _uploaded(request, "transcript_file")
    try:
        weeks = int(data.get("weeks") or 0)
    except ValueError:
        raise ActionError("weeks: give a whole number") from None
    return RepurposeInput(
        text=text or data.get("text", ""), name=name, url=data.get("url", "").strip(), fetch=data.get("fetch") == "on",
        transcript=transcript or data.get("transcript", ""), transcript_name=transcript_name or ("captions.vtt" if "WEBVTT" in data.get("transcript", "")[:20] else "captions.srt"),
        title=data.get("title", "").strip(), pillar=data.get("pillar", ""), series=data.get("series", ""),
        campaign=data.get("campaign", "").strip(), weeks=weeks,
    )


def _page(request: HttpRequest, source: RepurposeSource | None, *, errors=(), status: int = 200) -> HttpResponse:
    context = {
        "source": source,
        "drafts": _draft_rows(source) if source else [],
        "recent": RepurposeSource.objects.select_related("author")[:10],
        "strategy": current_strategy(),
        "values": request.POST if request.method == "POST" else {},
        "errors": errors,
        "llm_on": LlmSettings.from_env() is not None,
    }
    return render(request, "socialrx/repurpose.html", context, status=status)


def _draft_rows(source: RepurposeSource) -> list[dict]:
    rows = []
    for draft in source.drafts.select_related("post"):
        content = draft.content
        parts = content.get("thread") or []
        counted = draft.channel in COUNTED_CHANNELS
        counters = [counter(draft.channel, part) for part in parts] if parts else ([counter(draft.channel, content["text"])] if counted else [])
        rows.append({"draft": draft, "content": content, "label": FORMAT_LABELS.get(draft.format, draft.format),
                     "parts": parts, "counters": counters,
                     "blocking": any(f["severity"] == "block" for f in draft.findings)})
    return rows


@login_required
def repurpose_page(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    if request.method != "POST":
        return _page(request, None)
    try:
        source = repurpose(request.user, _input_from(request))
    except ActionError as exc:
        return _page(request, None, errors=[str(exc)], status=400)
    messages.success(request, f"{source.drafts.count()} drafts made from “{source.title}”.")
    return redirect("repurpose-detail", source.pk)


@login_required
def repurpose_detail(request: HttpRequest, source_id: int) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    return _page(request, get_object_or_404(RepurposeSource, pk=source_id))


@login_required
@require_POST
def repurpose_posts(request: HttpRequest, source_id: int) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    source = get_object_or_404(RepurposeSource, pk=source_id)
    try:
        posts = create_posts(request.user, source)
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{len(posts)} draft posts created.")
    return redirect("repurpose-detail", source.pk)


@login_required
@require_POST
def repurpose_submit(request: HttpRequest, source_id: int) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    source = get_object_or_404(RepurposeSource, pk=source_id)
    submitted, refused = submit_all(request.user, source)
    messages.success(request, f"{len(submitted)} posts sent to review.")
    for post, reason in refused:
        messages.error(request, f"{post.title}: {reason}")
    return redirect("repurpose-detail", source.pk)


@login_required
@require_POST
def repurpose_rewrite(request: HttpRequest, source_id: int, key: str) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    source = get_object_or_404(RepurposeSource, pk=source_id)
    draft = get_object_or_404(source.drafts, key=key)
    try:
        rewrite_draft(request.user, draft, LlmSettings.from_env())
    except ActionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, f"{draft.key} rewritten by the model; check it again before review.")
    return redirect("repurpose-detail", source.pk)
