"""Demo data for repurposing: an article page and a 20-minute interview transcript, each with its set as draft posts."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth import get_user_model

from socialrx.server.actions.repurpose import RepurposeInput, create_posts, repurpose
from socialrx.server.models import RepurposeSource

DEMO_FILES = Path(__file__).parent / "demo_files"
DEMO_AUTHOR = "creator"


def _demo_inputs() -> list[RepurposeInput]:
    return [
        RepurposeInput(text=(DEMO_FILES / "sepsis-article.html").read_text(encoding="utf-8"), name="sepsis-article.html",
                       series="ai_in_healthcare_spotlight"),
        RepurposeInput(transcript=(DEMO_FILES / "radiology-interview.vtt").read_text(encoding="utf-8"),
                       transcript_name="radiology-interview.vtt", title="Deploying AI in radiology: an expert interview",
                       url="https://www.youtube.com/watch?v=nwhRadiology1", series="ai_in_healthcare_spotlight"),
    ]


def load_repurpose_demo() -> str:
    """Repurpose the demo article and interview once each and turn both sets into draft posts."""
    author = get_user_model().objects.filter(username=DEMO_AUTHOR).first()
    if author is None:
        return "Repurpose: no demo content creator, nothing loaded"
    made = 0
    for data in _demo_inputs():
        if RepurposeSource.objects.filter(input_name=data.transcript_name or data.name).exists():
            continue
        create_posts(author, repurpose(author, data))
        made += 1
    total = RepurposeSource.objects.count()
    return f"Repurpose: {made} new set(s), {total} in all, each with its draft posts"
