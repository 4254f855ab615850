"""Repurpose endpoint: make a set of drafts from an article or a video transcript, optionally as draft posts."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema, Status

from socialrx.server.actions.repurpose import RepurposeInput, create_posts, repurpose
from socialrx.server.lib.access import require_capability
from socialrx.server.models import RepurposeSource

router = Router(tags=["repurpose"])


class RepurposeIn(Schema):
    text: str = Field("", description="the article: HTML, Markdown or plain text")
    name: str = Field("", description="its file name, which tells HTML from Markdown (article.md)")
    url: str = Field("", description="link to the full piece or the video, tagged with UTM in every draft")
    fetch: bool = Field(False, description="fetch the article from url instead of text")
    transcript: str = Field("", description="video captions in SRT or WebVTT")
    transcript_name: str = ""
    title: str = ""
    pillar: str = ""
    series: str = ""
    campaign: str = ""
    weeks: int = Field(0, description="place drafts into empty slots in this many weeks (0: unscheduled)")
    create_posts: bool = Field(False, description="also turn the drafts into draft posts")


class RepurposeDraftOut(Schema):
    key: str
    channel: str
    format: str
    content: dict
    findings: list[dict]
    slot_id: str
    scheduled_at: str | None
    post_id: int | None


class RepurposeSourceOut(Schema):
    id: int
    title: str
    kind: str
    problems: list[str]
    drafts: list[RepurposeDraftOut]


def _out(source: RepurposeSource) -> dict:
    drafts = [{"key": d.key, "channel": d.channel, "format": d.format, "content": d.content, "findings": d.findings,
               "slot_id": d.slot_id, "scheduled_at": d.scheduled_at.isoformat() if d.scheduled_at else None, "post_id": d.post_id}
              for d in source.drafts.all()]
    return {"id": source.pk, "title": source.title, "kind": source.kind, "problems": source.problems, "drafts": drafts}


@router.post("", response={201: RepurposeSourceOut}, summary="Repurpose a long piece into drafts")
def repurpose_source(request, payload: RepurposeIn):
    data = RepurposeInput(**payload.dict(exclude={"create_posts"}))
    source = repurpose(request.user, data)
    if payload.create_posts:
        create_posts(request.user, source)
    return Status(201, _out(source))


@router.get("/{source_id}", response=RepurposeSourceOut, summary="One repurposed set with its drafts")
def get_source(request, source_id: int):
    require_capability(request.user, "compose_posts")
    return _out(get_object_or_404(RepurposeSource, pk=source_id))
