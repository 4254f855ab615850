"""Fixtures for repurposing: the seed strategy's recipes and hashtags, and real-shaped source files."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx.core.repurpose.ingest import article_from_file
from socialrx.core.repurpose.shaping import RepurposeOptions
from socialrx.core.repurpose.transcripts import video_from_transcript
from socialrx.core.strategy import default_strategy

FIXTURES = Path(__file__).parent / "fixtures"
# The HTML article is the one the demo ships, so tests and demo exercise the same page.
SEPSIS_ARTICLE = Path(__file__).resolve().parents[3] / "socialrx" / "server" / "demo_files" / "sepsis-article.html"


@pytest.fixture(scope="session")
def strategy():
    return default_strategy()


@pytest.fixture(scope="session")
def options(strategy) -> RepurposeOptions:
    sets = {"primary": list(strategy.hashtags.primary), "secondary": list(strategy.hashtags.secondary)}
    return RepurposeOptions(hashtag_sets=sets, series="ai_in_healthcare_spotlight", pillar="education")


@pytest.fixture(scope="session")
def html_article():
    return article_from_file(SEPSIS_ARTICLE)


@pytest.fixture(scope="session")
def markdown_article():
    return article_from_file(FIXTURES / "documentation-ai.md")


@pytest.fixture(scope="session")
def srt_video():
    text = (FIXTURES / "sepsis-talk.srt").read_text()
    return video_from_transcript(text, name="sepsis-talk.srt", title="A year of AI sepsis alerts", url="https://www.youtube.com/watch?v=sepsis01")


@pytest.fixture(scope="session")
def vtt_video():
    text = (FIXTURES / "radiology-interview.vtt").read_text()
    return video_from_transcript(text, name="radiology-interview.vtt", title="Deploying AI in radiology",
                                 url="https://www.youtube.com/watch?v=radiology1")
