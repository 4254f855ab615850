"""Chapters on synthetic topic shifts, the language-model path against a local fake, and slot placement."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from socialrx.core.planning import Slot
from socialrx.core.platforms.youtube import validate_chapters
from socialrx.core.repurpose.chapters import segment_transcript
from socialrx.core.repurpose.llm import LlmError, LlmSettings, redact_phi, rewrite_text
from socialrx.core.repurpose.model import Cue, Draft
from socialrx.core.repurpose.scheduling import place_drafts

TOPICS = [
    "insulin glucose diabetes pump dosing sensor",
    "radiology scanner imaging haemorrhage worklist contrast",
    "billing claims coding reimbursement payer invoice",
    "pathology slides biopsy staining microscope tissue",
]


def _topic_cues(seconds_per_topic: int) -> list[Cue]:
    cues = []
    for index, words in enumerate(TOPICS):
        for t in range(0, seconds_per_topic, 5):
            start = index * seconds_per_topic + t
            cues.append(Cue(start, start + 4.5, f"we talk about {words} today"))
    return cues


def test_chapters_found_at_topic_shifts():
    """Four topics of two and a half minutes give chapters starting within a block (ten seconds) of each shift."""
    chapters = segment_transcript(_topic_cues(150), max_chapters=4)
    starts = [c.start_seconds for c in chapters]
    assert len(starts) == 4 and all(abs(found - expected) <= 10 for found, expected in zip(starts, [0, 150, 300, 450], strict=True))
    assert validate_chapters(chapters, duration_seconds=600) == []
    assert set(chapters[0].title.lower().split()) & set(TOPICS[0].split())


def test_short_video_has_no_chapters():
    """A video under thirty seconds cannot have three chapters of ten seconds."""
    assert segment_transcript([Cue(0, 10, "hello"), Cue(10, 20, "world"), Cue(20, 25, "bye")]) == []


class _FakeModel(BaseHTTPRequestHandler):
    requests: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        _FakeModel.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
        answer = {"choices": [{"message": {"role": "assistant", "content": "Rewritten: " + body["messages"][1]["content"]}}]}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def fake_model():
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeModel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _FakeModel.requests.clear()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_settings_from_environment():
    """Without URL and model there is no model; with them the endpoint is /v1/chat/completions."""
    assert LlmSettings.from_env({}) is None
    settings = LlmSettings.from_env({"SOCIALRX_LLM_URL": "http://h:1", "SOCIALRX_LLM_MODEL": "m", "SOCIALRX_LLM_KEY": "k"})
    assert settings.endpoint == "http://h:1/v1/chat/completions" and settings.key == "k"


def test_rewrite_against_fake_endpoint_redacts_phi(fake_model):
    """The prompt carries the draft without PHI; the answer comes back as the new text."""
    text = "Patient John Smith, MRN 12345678, was treated on 03/04/2024. Sepsis alerts cut time to antibiotics."
    assert "12345678" not in redact_phi(text)
    answer = rewrite_text(text, channel="linkedin", settings=LlmSettings(fake_model, "local-model", "secret"))
    sent = _FakeModel.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer secret"
    assert sent["body"]["model"] == "local-model"
    prompt = sent["body"]["messages"][1]["content"]
    assert "12345678" not in prompt and "[redacted]" in prompt
    assert answer.startswith("Rewritten: ")


def test_rewrite_unreachable_endpoint_raises():
    """A closed port gives LlmError with the address."""
    with pytest.raises(LlmError, match="cannot be reached"):
        rewrite_text("Hello", channel="x", settings=LlmSettings("http://127.0.0.1:9", "m"), timeout=2)


def _slot(slot_id: str, platform: str, days: int, *, pillar: str = "education", series: str | None = None, fmt: str = "post") -> Slot:
    start = datetime(2025, 3, 3, 9, tzinfo=UTC) + timedelta(days=days)
    return Slot(id=slot_id, platform=platform, start=start, content_type="c", format=fmt, pillar=pillar,
                monthly_theme="", weekday_theme="", source="content_type", series=series)


def test_place_drafts_in_empty_matching_slots():
    """Each draft takes the earliest free slot of its network, preferring its series and pillar; none left means unscheduled."""
    slots = [_slot("x/1", "x", 1, pillar="news"), _slot("x/2", "x", 2), _slot("li/1", "linkedin", 1),
             _slot("li/2", "linkedin", 3, series="ai_in_healthcare_spotlight", fmt="article"), _slot("yt/1", "youtube", 1)]
    drafts = [Draft("x-thread", "r", "x", "thread"), Draft("linkedin-article_excerpt", "r", "linkedin", "article_excerpt"),
              Draft("youtube-full_video", "r", "youtube", "full_video"), Draft("email-newsletter", "r", "email", "newsletter")]
    placed = place_drafts(drafts, slots, taken={"yt/1"}, after=datetime(2025, 3, 3, tzinfo=UTC),
                          pillar="education", series="ai_in_healthcare_spotlight")
    assert placed["x-thread"].id == "x/2"
    assert placed["linkedin-article_excerpt"].id == "li/2"
    assert placed["youtube-full_video"] is None and placed["email-newsletter"] is None
