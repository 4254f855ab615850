"""Writes on repurposing: make a set of drafts from a source, rewrite one, turn the set into posts, submit it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from django.db import transaction
from django.utils.timezone import localdate, now

from socialrx.core.planning import plan_slots
from socialrx.core.platforms.x_thread import split_thread
from socialrx.core.repurpose.fetch import article_from_url
from socialrx.core.repurpose.ingest import IngestError, article_from_content
from socialrx.core.repurpose.llm import LlmError, LlmSettings, rewrite_text
from socialrx.core.repurpose.model import RepurposeResult
from socialrx.core.repurpose.recipes import recipes_for, repurpose_article, repurpose_video, with_issues
from socialrx.core.repurpose.scheduling import place_drafts
from socialrx.core.repurpose.serialise import draft_from_json, draft_to_json
from socialrx.core.repurpose.shaping import RepurposeOptions
from socialrx.core.repurpose.transcripts import video_from_transcript
from socialrx.core.strategy import Strategy, default_strategy
from socialrx.core.workflow import ReviewRefused
from socialrx.server.actions import ActionError, optional_http_url
from socialrx.server.actions.posts import CHANNEL_KEYS, PostInput, create_post
from socialrx.server.lib.access import active_strategy_version, require_capability
from socialrx.server.lib.audit import log
from socialrx.server.lib.compliance import check_variant
from socialrx.server.lib.fetching import fetch_policy
from socialrx.server.lib.mappers import strategy_of
from socialrx.server.models import Post, PostStatus, RepurposeDraft, RepurposeSource

MAX_WEEKS = 12
FORMAT_LABELS = {"article_excerpt": "LinkedIn excerpt", "thread": "X thread", "professional_summary": "Doximity summary",
                 "video_breakdown": "YouTube breakdown", "newsletter": "Newsletter", "full_video": "YouTube video",
                 "video_post": "LinkedIn video post", "video_clips": "X clips", "embedded_player": "Website embed",
                 "video_thumbnail": "E-mail thumbnail"}  # fmt: skip


@dataclass(frozen=True)
class RepurposeInput:
    """What a person gives: an article (text, a file, or a URL to fetch) or a video's captions, and labels."""

    text: str = ""
    name: str = ""
    url: str = ""
    fetch: bool = False
    transcript: str = ""
    transcript_name: str = ""
    title: str = ""
    pillar: str = ""
    series: str = ""
    campaign: str = ""
    weeks: int = 0


def current_strategy() -> Strategy:
    """Return the active strategy, or the default one before any is loaded."""
    version = active_strategy_version()
    return strategy_of(version) if version else default_strategy()


def _options(strategy: Strategy, data: RepurposeInput) -> RepurposeOptions:
    sets = {name: list(getattr(strategy.hashtags, name)) for name in ("primary", "secondary", "event")}
    return RepurposeOptions(link_url=data.url, campaign=data.campaign, pillar=data.pillar, series=data.series, hashtag_sets=sets)


def check_repurpose(user, data: RepurposeInput) -> tuple[RepurposeResult, str]:
    """Authorise, read the source and run the strategy's recipes; return the drafts and the source text."""
    require_capability(user, "compose_posts")
    strategy = current_strategy()
    if data.pillar and data.pillar not in {p.key for p in strategy.content_pillars}:
        raise ActionError(f"pillar: {data.pillar!r} is not a pillar of the active strategy")
    if data.series and data.series not in {s.key for s in strategy.series}:
        raise ActionError(f"series: {data.series!r} is not a series of the active strategy")
    optional_http_url(data.url)
    if not 0 <= data.weeks <= MAX_WEEKS:
        raise ActionError(f"weeks: schedule into the next 0 to {MAX_WEEKS} weeks")
    options = _options(strategy, data)
    try:
        if data.transcript.strip():
            video = video_from_transcript(data.transcript, name=data.transcript_name, title=data.title, url=data.url)
            return repurpose_video(video, recipes_for(strategy, "video"), options), data.transcript
        if data.fetch and data.url:
            article = article_from_url(data.url, policy=fetch_policy())
        elif data.text.strip():
            article = article_from_content(data.text, name=data.name, url=data.url)
        else:
            raise ActionError("Give an article (paste it, upload it or fetch its URL) or a video transcript.")
    except IngestError as exc:
        raise ActionError(str(exc)) from None
    if data.title:
        article = replace(article, title=data.title)
    return repurpose_article(article, recipes_for(strategy, "blog_post"), options), data.text


def do_repurpose(user, data: RepurposeInput, result: RepurposeResult, content: str) -> RepurposeSource:
    """Save the source and its drafts with their findings, placed into empty slots when asked."""
    strategy = current_strategy()
    placed = _placements(strategy, result, data) if data.weeks else {}
    with transaction.atomic():
        source = RepurposeSource.objects.create(
            title=result.title[:300], kind=result.source_kind, input_name=(data.transcript_name or data.name or "pasted text")[:200],
            url=data.url, content=content, pillar=data.pillar, series=data.series, campaign=data.campaign,
            problems=list(result.problems), author=user, created_at=now(),
        )
        for order, draft in enumerate(result.drafts):
            slot = placed.get(draft.key)
            RepurposeDraft.objects.create(source=source, order=order, key=draft.key, channel=draft.channel, format=draft.format,
                                          content=draft_to_json(draft), findings=_findings(draft_to_json(draft), strategy),
                                          slot_id=slot.id if slot else "", scheduled_at=slot.start if slot else None)
        log("socialrx.repurpose.create", actor=user, obj=source,
            data={"kind": source.kind, "drafts": [d.key for d in result.drafts], "scheduled": sorted(k for k, s in placed.items() if s)})
    return source


def repurpose(user, data: RepurposeInput) -> RepurposeSource:
    result, content = check_repurpose(user, data)
    return do_repurpose(user, data, result, content)


def _findings(draft: dict, strategy: Strategy) -> list[dict]:
    """Return compliance and platform findings for a draft on a channel socialrx publishes to."""
    if draft["channel"] not in CHANNEL_KEYS:
        return []
    return check_variant(draft, strategy)


def _placements(strategy: Strategy, result: RepurposeResult, data: RepurposeInput) -> dict:
    today = localdate()
    slots = plan_slots(strategy, today, today + timedelta(weeks=data.weeks))
    taken = set(Post.objects.exclude(slot_id="").exclude(status=PostStatus.CANCELLED).values_list("slot_id", flat=True))
    taken |= set(RepurposeDraft.objects.filter(post__isnull=True).exclude(slot_id="").values_list("slot_id", flat=True))
    return place_drafts(result.drafts, slots, taken=taken, after=now(), pillar=data.pillar, series=data.series)


def rewrite_draft(user, draft: RepurposeDraft, settings: LlmSettings | None) -> RepurposeDraft:
    """Rewrite a draft with the configured language model (PHI redacted) and check it again."""
    require_capability(user, "compose_posts")
    if settings is None:
        raise ActionError("No language model is configured (set SOCIALRX_LLM_URL and SOCIALRX_LLM_MODEL).")
    if draft.post_id is not None:
        raise ActionError("This draft is already a post: edit the post instead.")
    core = draft_from_json(draft.content)
    original = "\n\n".join(core.thread) if core.thread else core.text
    try:
        answer = rewrite_text(original, channel=core.channel, settings=settings)
    except LlmError as exc:
        raise ActionError(str(exc)) from None
    core = replace(core, thread=tuple(split_thread(answer)), text="") if core.thread else replace(core, text=answer)
    core = with_issues(core)
    with transaction.atomic():
        draft.content = draft_to_json(core)
        draft.findings = _findings(draft.content, current_strategy())
        draft.save(update_fields=["content", "findings"])
        log("socialrx.repurpose.rewrite", actor=user, obj=draft.source, data={"draft": draft.key, "model": settings.model})
    return draft


def create_posts(user, source: RepurposeSource) -> list[Post]:
    """Turn each draft on a publishing channel into a draft post linked to the source (once)."""
    require_capability(user, "compose_posts")
    created = []
    with transaction.atomic():
        for draft in source.drafts.select_for_update().filter(post__isnull=True, channel__in=CHANNEL_KEYS):
            core = draft_from_json(draft.content)
            label = FORMAT_LABELS.get(draft.format, draft.format.replace("_", " "))
            data = PostInput(title=f"{source.title[:170]} · {label}", variants={draft.channel: core.variant_fields()},
                             pillar=source.pillar, series=source.series, content_type=draft.format, slot_id=draft.slot_id,
                             campaign=source.campaign, scheduled_at=draft.scheduled_at)
            draft.post = create_post(user, data)
            draft.save(update_fields=["post"])
            created.append(draft.post)
        log("socialrx.repurpose.posts", actor=user, obj=source, data={"posts": [p.pk for p in created]})
    return created


def submit_all(user, source: RepurposeSource) -> tuple[list[Post], list[tuple[Post, str]]]:
    """Send every draft post of the set to review; return those submitted and those refused with the reason."""
    from socialrx.server.actions.reviews import submit_post

    require_capability(user, "compose_posts")
    submitted, refused = [], []
    for draft in source.drafts.select_related("post").filter(post__isnull=False):
        if draft.post.status != PostStatus.DRAFT:
            continue
        try:
            submit_post(user, draft.post)
            submitted.append(draft.post)
        except (ReviewRefused, ActionError) as exc:
            refused.append((draft.post, str(exc)))
    log("socialrx.repurpose.submit", actor=user, obj=source,
        data={"submitted": [p.pk for p in submitted], "refused": [p.pk for p, _ in refused]})
    return submitted, refused
