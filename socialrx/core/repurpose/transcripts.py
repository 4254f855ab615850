"""Read a video transcript from SubRip (SRT) or WebVTT captions into cues."""

from __future__ import annotations

import io
import re
from pathlib import Path

import srt
import webvtt

from socialrx.core.repurpose.ingest import IngestError
from socialrx.core.repurpose.model import Cue, Video

_TAGS = re.compile(r"<[^>]+>")


def cues_from_srt(text: str) -> tuple[Cue, ...]:
    """Return the cues of SubRip captions, in time order."""
    try:
        subtitles = list(srt.parse(text))
    except srt.SRTParseError as exc:
        raise IngestError(f"the SRT captions cannot be read: {exc}") from None
    return _ordered(Cue(s.start.total_seconds(), s.end.total_seconds(), _clean(s.content)) for s in subtitles)


def cues_from_vtt(text: str) -> tuple[Cue, ...]:
    """Return the cues of WebVTT captions, in time order (voice and styling tags removed)."""
    try:
        captions = webvtt.from_buffer(io.StringIO(text), format="vtt")
    except Exception as exc:  # webvtt-py raises its own MalformedFileError and plain ValueErrors
        raise IngestError(f"the WebVTT captions cannot be read: {exc}") from None
    return _ordered(Cue(c.start_in_seconds + c.start_time.milliseconds / 1000, c.end_in_seconds + c.end_time.milliseconds / 1000,
                        _clean(c.raw_text)) for c in captions)


def cues_from_content(text: str, *, name: str = "") -> tuple[Cue, ...]:
    """Return the cues of captions, read as WebVTT or SRT by the file name or the content."""
    if name.lower().endswith(".vtt") or text.lstrip("\ufeff").startswith("WEBVTT"):
        return cues_from_vtt(text)
    if name.lower().endswith(".srt") or re.match(r"\s*\d+\s*\n\d\d:\d\d:\d\d,\d{3}", text):
        return cues_from_srt(text)
    raise IngestError(f"{name or 'the transcript'}: captions must be SRT or WebVTT")


def video_from_transcript(text: str, *, name: str = "", title: str = "", url: str = "", description: str = "") -> Video:
    """Return a video from its captions and metadata; without a title the file name is used."""
    cues = cues_from_content(text, name=name)
    if not cues:
        raise IngestError(f"{name or 'the transcript'}: no captions found")
    fallback = Path(name).stem.replace("-", " ").replace("_", " ").strip().capitalize() if name else "Video"
    return Video(title=title or fallback, cues=cues, url=url, description=description)


def _clean(text: str) -> str:
    return " ".join(_TAGS.sub("", text).split())


def _ordered(cues) -> tuple[Cue, ...]:
    return tuple(sorted((cue for cue in cues if cue.text), key=lambda cue: (cue.start, cue.end)))
