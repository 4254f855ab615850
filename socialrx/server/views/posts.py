"""Compose and post pages: the list, the editor with its live check, and one post's page."""

from __future__ import annotations

import re
from datetime import datetime
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from socialrx.core.platforms.hashtags import suggest_hashtags
from socialrx.core.platforms.payload import normalised_hashtags, payload_of
from socialrx.core.platforms.utm import build_utm_url, utm_slug
from socialrx.core.platforms.validation import counter
from socialrx.core.platforms.x_thread import split_thread
from socialrx.core.platforms.youtube import (
    TAGS_MAX_CHARACTERS,
    TITLE_MAX_CHARACTERS,
    format_timestamp,
    parse_chapters,
    tags_length,
)
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
from socialrx.server.actions.reviews import add_comment, may_comment, submit_post
from socialrx.server.lib.access import (
    active_strategy_version,
    current_capabilities,
    has_capability,
    require_capability,
)
from socialrx.server.lib.compliance import SEVERITY_RANK, check_variant, rendered_variant
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.lib.media import check_upload, delete_saved, save_upload, uploaded_file_path
from socialrx.server.lib.zone import display_zone
from socialrx.server.models import CHANNELS, Comment, Post, PostStatus, PublishAccount, Variant

THREAD_SEPARATOR = "\n---\n"
LINKEDIN_FOLD = 210
"""LinkedIn shows about this many characters of the commentary before "…see more"."""
SUBMITTABLE = {PostStatus.DRAFT, PostStatus.CHANGES_REQUESTED, PostStatus.REJECTED, PostStatus.EXPIRED}


def _strategy():
    version = active_strategy_version()
    return strategy_of(version) if version else None


def _parse_when(value: str) -> datetime | None:
    if not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip()).replace(tzinfo=display_zone())
    except ValueError:
        raise ActionError(f"scheduled time: {value!r} is not a date and time") from None


def _variant_fields(post_data, channel: str) -> dict:
    """Return one channel's fields from the editor form; the link comes back tagged with its UTM parameters."""
    get = lambda name: post_data.get(f"{channel}-{name}", "")  # noqa: E731
    thread_text = get("thread").strip()
    link = get("link_url").strip()
    utm = utm_parameters(channel, post_data) if link else {}
    return {
        "text": get("text").strip(),
        "title": get("title").strip(),
        "tags": [t.strip() for t in get("tags").split(",") if t.strip()],
        "hashtags": list(normalised_hashtags(re.split(r"[\s,]+", get("hashtags")))),
        "thread": [p.strip() for p in thread_text.split(THREAD_SEPARATOR.strip()) if p.strip()] if thread_text else [],
        "link_url": _tagged_link(channel, link, utm) if link else "",
        "utm": utm,
    }


def utm_parameters(channel: str, post_data) -> dict[str, str]:
    """Return the UTM values of a channel's link: network, paid or organic, campaign (series or theme), post."""
    title = utm_slug(post_data.get("title", ""))[:60]
    campaign = next((utm_slug(post_data.get(k, "")) for k in ("campaign", "series", "monthly_theme", "weekday_theme",
                                                               "pillar") if utm_slug(post_data.get(k, ""))), "")
    medium = "email" if channel == "email" else "paid_social" if post_data.get("is_paid") == "on" else "social"
    return {"utm_source": channel, "utm_medium": medium, "utm_campaign": campaign or title or "post",
            "utm_content": title or "post"}


def _tagged_link(channel: str, link: str, utm: dict[str, str]) -> str:
    if not re.match(r"https?://[^\s/]+\.[^\s]+$", link):
        raise ActionError(f"{channel}: the link {link!r} must be a full web address starting with https://")
    return build_utm_url(link, source=utm["utm_source"], medium=utm["utm_medium"], campaign=utm["utm_campaign"],
                         content=utm["utm_content"])


def _kept_media(request: HttpRequest, channel: str, post: Post | None) -> list[dict]:
    """Return the channel's saved media the editor keeps, with their (possibly edited) alt text."""
    saved = {}
    if post is not None:
        variant = post.variants.filter(channel=channel).first()
        saved = {m.get("path"): m for m in (variant.media if variant else [])}
    removed = set(request.POST.getlist(f"{channel}-media_remove"))
    paths, alts = request.POST.getlist(f"{channel}-media_path"), request.POST.getlist(f"{channel}-media_alt")
    kept = []
    for path, alt in zip(paths, alts, strict=False):
        if path in removed:
            continue
        if path not in saved:
            raise ActionError(f"{channel}: the media file {path!r} does not belong to this post")
        kept.append({**saved[path], "alt_text": alt.strip()})
    return kept


def _checked_uploads(request: HttpRequest, channels: list[str]) -> dict[str, tuple]:
    """Return each channel's new upload with its alt text and type, refusing before anything is written."""
    uploads = {}
    for channel in channels:
        upload = request.FILES.get(f"{channel}-media_file")
        if upload is not None:
            alt = request.POST.get(f"{channel}-media_new_alt", "")
            uploads[channel] = (upload, alt, check_upload(upload, alt, channel=channel))
    return uploads


def _input_from(request: HttpRequest, post: Post | None = None, uploaded: dict[str, dict] | None = None) -> PostInput:
    data = request.POST
    channels = [c for c in data.getlist("channels") if c]
    variants = {}
    for c in channels:
        media = _kept_media(request, c, post) + ([uploaded[c]] if uploaded and c in uploaded else [])
        variants[c] = _variant_fields(data, c) | {"media": media}
    return PostInput(
        title=data.get("title", ""),
        variants=variants,
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


def _save_from_editor(request: HttpRequest, post: Post | None) -> Post:
    """Check uploads, write them, then create or update the post; remove the files again if the save is refused."""
    channels = [c for c in request.POST.getlist("channels") if c in CHANNEL_KEYS]
    uploads = _checked_uploads(request, channels)
    written = {c: save_upload(upload, alt, kind) for c, (upload, alt, kind) in uploads.items()}
    try:
        data = _input_from(request, post, written)
        return create_post(request.user, data) if post is None else update_post(request.user, post, data)
    except (ActionError, PermissionDenied):
        delete_saved(list(written.values()))
        raise


def _form_values(post: Post | None, request: HttpRequest | None = None) -> dict:
    """Return what the editor shows: the request's values after an error, else the post's, else the GET prefill."""
    if request is not None and request.method == "POST":
        values = {k: request.POST.get(k, "") for k in request.POST}
        values["channels"] = request.POST.getlist("channels")
        return values
    if post is None:
        initial = {k: request.GET.get(k, "") for k in request.GET} if request else {}
        initial["channels"] = request.GET.getlist("channel") if request else []
        return initial
    values = {f: getattr(post, f) for f in ("title", "pillar", "series", "content_type", "monthly_theme",
                                            "weekday_theme", "slot_id", "campaign")}
    values |= {"is_paid": "on" if post.is_paid else "", "is_patient_story": "on" if post.is_patient_story else ""}
    if post.scheduled_at:
        values["scheduled_at"] = post.scheduled_at.astimezone(display_zone()).strftime("%Y-%m-%dT%H:%M")
    values["channels"] = []
    for v in post.variants.all():
        values["channels"].append(v.channel)
        values |= {f"{v.channel}-text": v.text, f"{v.channel}-title": v.title, f"{v.channel}-tags": ", ".join(v.tags),
                   f"{v.channel}-thread": THREAD_SEPARATOR.join(v.thread), f"{v.channel}-link_url": v.link_url,
                   f"{v.channel}-hashtags": " ".join(v.hashtags)}
    return values


def _editor(request: HttpRequest, post: Post | None, *, errors=(), status: int = 200) -> HttpResponse:
    values = _form_values(post, request)
    capabilities = current_capabilities(request.user)
    saved = None
    if post is not None:
        verdict, findings, digest = check_content(post)
        saved = {"verdict": verdict, "blocking": [f for f in findings if f["severity"] == "block"],
                 "override_valid": bool(post.override_hash) and post.override_hash == digest}
    context = {"post": post, "values": values, "channels": CHANNELS, "strategy": _strategy(), "errors": errors,
               "statuses": PostStatus.choices, "saved": saved,
               "media": {v.channel: v.media for v in post.variants.all()} if post else {},
               "can_override": "override_compliance" in capabilities,
               "submittable": post is None or post.status in SUBMITTABLE}
    return render(request, "socialrx/post_edit.html", context, status=status)


def _submit_after_save(request: HttpRequest, post: Post) -> HttpResponse:
    """Submit the saved post for review when the editor asked to; a refusal returns to the editor, saying why."""
    try:
        submit_post(request.user, post)
    except (ActionError, PermissionDenied) as exc:
        messages.error(request, f"Saved, but not submitted for review: {exc}")
        return redirect("post-edit", post.pk)
    messages.success(request, "Saved and submitted for review.")
    return redirect("post-detail", post.pk)


POSTS_PER_PAGE = 50
POST_FILTERS = ("q", "status", "channel", "pillar", "mine")


def _listed_posts(user, params) -> QuerySet[Post]:
    """Return the posts a list request asks for: words in the title or any variant, status, channel, pillar, mine."""
    posts = Post.objects.select_related("author").prefetch_related("variants")
    words = params.get("q", "").strip()
    if words:
        found = Q(title__icontains=words) | Q(variants__text__icontains=words) | Q(variants__title__icontains=words)
        posts = posts.filter(pk__in=Post.objects.filter(found).values("pk"))
    for field in ("status", "pillar"):
        if params.get(field):
            posts = posts.filter(**{field: params[field]})
    if params.get("channel"):
        posts = posts.filter(pk__in=Variant.objects.filter(channel=params["channel"]).values("post_id"))
    if params.get("mine"):
        posts = posts.filter(author=user)
    return posts


@login_required
def post_list(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "view_dashboards")
    paginator = Paginator(_listed_posts(request.user, request.GET), POSTS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    filters = {k: request.GET.get(k, "").strip() for k in POST_FILTERS}
    strategy = _strategy()
    context = {"page": page, "posts": page.object_list, "filters": filters, "statuses": PostStatus.choices,
               "channels": CHANNELS, "pillars": strategy.content_pillars if strategy else (),
               "query": urlencode({k: v for k, v in filters.items() if v}),
               "can_compose": has_capability(request.user, "compose_posts")}  # fmt: skip
    return render(request, "socialrx/post_list.html", context)


@login_required
def post_new(request: HttpRequest) -> HttpResponse:
    require_capability(request.user, "compose_posts")
    if request.method != "POST":
        return _editor(request, None)
    try:
        post = _save_from_editor(request, None)
    except ActionError as exc:
        return _editor(request, None, errors=[str(exc)], status=400)
    if request.POST.get("then") == "submit":
        return _submit_after_save(request, post)
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
        post = _save_from_editor(request, post)
    except ActionError as exc:
        return _editor(request, post, errors=[str(exc)], status=400)
    if request.POST.get("then") == "submit" and post.status in SUBMITTABLE:
        return _submit_after_save(request, post)
    if was in {PostStatus.IN_REVIEW, PostStatus.APPROVED, PostStatus.SCHEDULED} and post.status != was:
        messages.warning(request, "The content changed, so review starts again on a new revision.")
    else:
        messages.success(request, "Saved.")
    return redirect("post-detail", post.pk)


@login_required
@require_POST
def live_check(request: HttpRequest) -> HttpResponse:
    """Return the previews, counters, findings and helpers of the editor's current text (htmx, debounced)."""
    require_capability(request.user, "compose_posts")
    strategy = _strategy()
    results = []
    for channel in [c for c in request.POST.getlist("channels") if c in CHANNEL_KEYS]:
        try:
            fields, link_error = _variant_fields(request.POST, channel), ""
        except ActionError as exc:
            without_link = request.POST.copy()
            without_link[f"{channel}-link_url"] = ""
            fields, link_error = _variant_fields(without_link, channel), str(exc)
        results.append(channel_preview(channel, fields, strategy, is_paid=request.POST.get("is_paid") == "on",
                                       media=_media_kinds(request.POST, channel)) | {"link_error": link_error})
    verdict = max((r["verdict"] for r in results), key=SEVERITY_RANK.__getitem__, default="pass")
    blocking = sum(1 for r in results for f in r["findings"] if f["severity"] == "block")
    return render(request, "socialrx/_findings.html", {"results": results, "verdict": verdict, "blocking": blocking})


def _media_kinds(post_data, channel: str) -> list[dict]:
    """Return the saved media the editor keeps, with their kind (from the stored extension) and alt text."""
    removed = set(post_data.getlist(f"{channel}-media_remove"))
    paths, alts = post_data.getlist(f"{channel}-media_path"), post_data.getlist(f"{channel}-media_alt")
    return [{"kind": "video" if path.lower().endswith((".mp4", ".mov")) else "image", "alt_text": alt}
            for path, alt in zip(paths, alts, strict=False) if path not in removed]


def channel_preview(channel: str, fields: dict, strategy, *, is_paid: bool, media: list[dict] = ()) -> dict:
    """Return one channel's live check on exactly what the network receives (link and hashtags in):
    findings (numbered), counter, network preview, suggested hashtags, tagged link."""
    sent = rendered_variant({"channel": channel, **fields})
    findings = check_variant({"channel": channel, **fields, "media": list(media)}, strategy, is_paid=is_paid) if strategy else []
    for number, finding in enumerate(findings, start=1):
        finding["number"] = number
    of_field = lambda name: [f for f in findings if f["field"] == name]  # noqa: E731
    result = {"channel": channel, "label": dict(CHANNELS)[channel], "findings": findings, "fields": fields,
              "verdict": max((f["severity"] for f in findings), key=SEVERITY_RANK.__getitem__, default="pass"),
              "counter": _counter(channel, sent["text"]), "text": _highlight(sent["text"], of_field("text")),
              "title": _highlight(fields["title"], of_field("title")), "hashtags": _hashtags(channel, fields, strategy),
              "author": _preview_author(channel, strategy), "link_host": urlsplit(fields["link_url"] or "").hostname or ""}
    if channel == "x":
        parts = sent["thread"] or [sent["text"]]
        result["parts"] = [{"pieces": _highlight(part, of_field(f"thread[{i}]") if fields["thread"] else of_field("text")),
                            "counter": _counter("x", part)} for i, part in enumerate(parts) if part]
        if fields["thread"]:
            result["counter"] = {}  # each part has its own count
    elif channel == "linkedin":
        result["fold"] = _fold(result["text"], LINKEDIN_FOLD)
    elif channel == "youtube":
        result["chapters"] = [{"at": format_timestamp(c.start_seconds), "title": c.title}
                              for c in parse_chapters(sent["text"])]
        result["tags"] = {"used": tags_length(fields["tags"]), "limit": TAGS_MAX_CHARACTERS,
                          "sent": ",".join(f'"{t}"' if " " in t else t for t in fields["tags"])}
        result["title_counter"] = {"used": len(fields["title"]), "limit": TITLE_MAX_CHARACTERS}
    return result


def _preview_author(channel: str, strategy) -> dict:
    """Return who the preview card shows as posting: the connected account of the network, else the organisation."""
    account = PublishAccount.objects.filter(network=channel).order_by("sandbox", "pk").first()
    name = account.name if account else (strategy.organisation.name if strategy else "Your organisation")
    handle = account.external_id if account and re.fullmatch(r"@?[A-Za-z_]\w{0,29}", account.external_id or "") else ""
    return {"name": name, "handle": handle and "@" + handle.lstrip("@")}


def _counter(channel: str, text: str) -> dict:
    c = counter(channel, text)
    return {"used": c.used, "limit": c.limit, "unit": c.unit, "over": c.over}


def _hashtags(channel: str, fields: dict, strategy) -> list[str]:
    if strategy is None:
        return []
    sets = {name: list(getattr(strategy.hashtags, name)) for name in ("primary", "secondary", "event")}
    return suggest_hashtags(" ".join([fields["text"], *fields["thread"]]), sets, channel)


def _highlight(text: str, findings: list[dict]) -> list[dict]:
    """Split text into plain and flagged pieces for the preview (spans may overlap; the first wins)."""
    pieces, position = [], 0
    for f in sorted((f for f in findings if f["start"] is not None), key=lambda f: f["start"]):
        start, end = max(f["start"], position), min(f["end"], len(text))
        if end <= start:
            continue
        pieces.append({"text": text[position:start]})
        pieces.append({"text": text[start:end], "finding": f})
        position = end
    pieces.append({"text": text[position:]})
    return [p for p in pieces if p["text"]]


def _fold(pieces: list[dict], at: int) -> dict:
    """Split highlighted pieces where LinkedIn folds the commentary behind "…see more" (at a word when one is near)."""
    text = "".join(p["text"] for p in pieces)
    if len(text) <= at:
        return {"shown": pieces, "hidden": []}
    space = text.rfind(" ", at - 30, at)
    cut = space if space > 0 else at
    shown, hidden, position = [], [], 0
    for piece in pieces:
        end = position + len(piece["text"])
        if end <= cut:
            shown.append(piece)
        elif position >= cut:
            hidden.append(piece)
        else:
            shown.append(piece | {"text": piece["text"][: cut - position]})
            hidden.append(piece | {"text": piece["text"][cut - position:]})
        position = end
    return {"shown": shown, "hidden": hidden}


@login_required
@require_POST
def split_into_thread(request: HttpRequest) -> HttpResponse:
    """Return the X thread box filled with the text split at sentences into numbered posts (htmx)."""
    require_capability(request.user, "compose_posts")
    text, problem = request.POST.get("x-text", ""), ""
    try:
        thread = THREAD_SEPARATOR.join(split_thread(text))
    except ValueError as exc:
        thread, problem = request.POST.get("x-thread", ""), str(exc)
    box = format_html('<textarea name="x-thread" id="x-thread" rows="{}">{}</textarea>', min(thread.count("\n") + 3, 24), thread)
    if problem:
        return HttpResponse(format_html('<p class="error-box" role="alert">{}</p>{}', problem, box))
    response = HttpResponse(box)
    response["HX-Trigger"] = "editor-changed"
    return response


@login_required
def post_media(request: HttpRequest, path: str) -> HttpResponse:
    """Send an uploaded media file to people who may read posts."""
    require_capability(request.user, "view_dashboards")
    file = uploaded_file_path(path)
    if file is None or not file.is_file():
        raise Http404("There is no such media file.")
    return FileResponse(file.open("rb"))


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
        "can_comment": may_comment(request.user, post),
        "can_schedule": "manage_calendar" in capabilities or (post.author_id == request.user.pk and "compose_posts" in capabilities),
        "capabilities": capabilities,
        "revisions": post.revisions.select_related("created_by")[:20],
        "comments": Comment.objects.filter(post=post, parent__isnull=True).select_related("author").prefetch_related("replies__author"),
        "timezone": display_zone(),
        "audit": post_audit(post),
        "sent": [payload_of(v) for v in post.current_revision.content.get("variants", [])] if post.current_revision else [],
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
