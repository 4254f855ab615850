"""Drafts and results as JSON-friendly dicts, and drafts back from them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from socialrx.core.platforms.issues import PlatformIssue
from socialrx.core.platforms.youtube import Chapter
from socialrx.core.repurpose.model import Clip, Draft, RepurposeResult


def draft_to_json(draft: Draft) -> dict[str, Any]:
    """Return a draft as plain data (lists for tuples, dicts for chapters, clips and issues)."""
    data = asdict(draft)
    data["thread"] = list(draft.thread)
    data["tags"] = list(draft.tags)
    data["hashtags"] = list(draft.hashtags)
    return data


def draft_from_json(data: dict[str, Any]) -> Draft:
    """Return the draft written by ``draft_to_json``."""
    return Draft(
        key=data["key"], recipe=data["recipe"], channel=data["channel"], format=data["format"], title=data.get("title", ""),
        text=data.get("text", ""), thread=tuple(data.get("thread") or ()), tags=tuple(data.get("tags") or ()),
        hashtags=tuple(data.get("hashtags") or ()), link_url=data.get("link_url", ""), utm=dict(data.get("utm") or {}),
        chapters=tuple(Chapter(**c) for c in data.get("chapters") or ()), clips=tuple(Clip(**c) for c in data.get("clips") or ()),
        duration_seconds=data.get("duration_seconds"), issues=tuple(PlatformIssue(**i) for i in data.get("issues") or ()),
    )


def result_to_json(result: RepurposeResult) -> dict[str, Any]:
    """Return a whole repurposing result as plain data."""
    return {
        "title": result.title,
        "source_kind": result.source_kind,
        "drafts": [draft_to_json(draft) for draft in result.drafts],
        "problems": list(result.problems),
    }
