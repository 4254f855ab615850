"""Repurpose pages, API and actions: drafts saved with findings, posts created and submitted, refusals, model rewrite."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from django.urls import reverse

from socialrx.server.actions.repurpose import RepurposeInput, create_posts, repurpose, submit_all
from socialrx.server.models import AuditEvent, Post, PostStatus, RepurposeSource

FIXTURES = Path(__file__).parent.parent / "core" / "repurpose" / "fixtures"
HTML = (Path(__file__).resolve().parents[2] / "socialrx" / "server" / "demo_files" / "sepsis-article.html").read_text()
VTT = (FIXTURES / "radiology-interview.vtt").read_text()

pytestmark = pytest.mark.django_db


@pytest.fixture
def creator(make_user, seed_strategy):
    return make_user("content_creator", username="casey")


@pytest.fixture
def article_set(creator):
    return repurpose(creator, RepurposeInput(text=HTML, name="sepsis.html", series="ai_in_healthcare_spotlight"))


def test_repurpose_saves_drafts_with_findings(article_set):
    """One draft per recipe output is saved; the newsletter carries the blocking placeholder finding; audited."""
    keys = list(article_set.drafts.values_list("key", flat=True))
    assert keys == ["linkedin-article_excerpt", "x-thread", "doximity-professional_summary", "youtube-video_breakdown",
                    "email-newsletter"]
    newsletter = article_set.drafts.get(key="email-newsletter")
    assert any(f["rule"] == "platform.email.placeholder" and f["severity"] == "block" for f in newsletter.findings)
    assert AuditEvent.objects.filter(action="socialrx.repurpose.create").count() == 1


def test_create_posts_and_submit_all(creator, article_set):
    """Posts are created once per draft and linked; submit sends the clean ones and refuses the newsletter (placeholder)."""
    posts = create_posts(creator, article_set)
    assert len(posts) == 5 and create_posts(creator, article_set) == []
    assert all(p.series == "ai_in_healthcare_spotlight" for p in posts)
    submitted, refused = submit_all(creator, article_set)
    assert "email" in [p.variants.get().channel for p, _ in refused]
    assert all(p.refresh_from_db() or p.status == PostStatus.DRAFT for p, _ in refused)
    assert all(p.refresh_from_db() or p.status == PostStatus.IN_REVIEW for p in submitted) and len(submitted) + len(refused) == 5
    assert submitted, "drafts without blocking findings go to review"


def test_video_set_with_slots(creator):
    """A video transcript gives five drafts; asked for slots, drafts on planned networks get one in the window."""
    source = repurpose(creator, RepurposeInput(transcript=VTT, transcript_name="interview.vtt", title="Deploying AI in radiology",
                                               url="https://www.youtube.com/watch?v=radiology1", weeks=4))
    drafts = {d.key: d for d in source.drafts.all()}
    assert set(drafts) == {"youtube-full_video", "linkedin-video_post", "x-video_clips", "website-embedded_player",
                           "email-video_thumbnail"}
    assert drafts["linkedin-video_post"].slot_id and drafts["linkedin-video_post"].scheduled_at
    assert drafts["website-embedded_player"].findings == []


def test_bad_input_refused(creator):
    """Nothing given, or an unknown pillar, is refused with a message and saves nothing."""
    from socialrx.server.actions import ActionError

    with pytest.raises(ActionError, match="Give an article"):
        repurpose(creator, RepurposeInput())
    with pytest.raises(ActionError, match="pillar"):
        repurpose(creator, RepurposeInput(text=HTML, name="a.html", pillar="nope"))
    assert RepurposeSource.objects.count() == 0


def test_page_flow(client_for, creator):
    """The page makes drafts from pasted text, shows them with counters, and creates posts."""
    client = client_for("content_creator")
    assert client.get(reverse("repurpose")).status_code == 200
    response = client.post(reverse("repurpose"), {"text": HTML, "url": "https://northwindhealth.org/a", "weeks": "0"})
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert b"X thread" in page.content and b"weighted characters" in page.content
    source = RepurposeSource.objects.get()
    client.post(reverse("repurpose-posts", args=[source.pk]))
    assert Post.objects.count() == 5


def test_page_shows_errors(client_for):
    """An empty form answers 400 with the reason."""
    response = client_for("content_creator").post(reverse("repurpose"), {"text": ""})
    assert response.status_code == 400 and b"Give an article" in response.content


@pytest.mark.parametrize("role", ["viewer", "healthcare_content_specialist", "legal"])
def test_refused_without_compose(client_for, article_set, role, api_token_for, make_user):
    """People without the compose permission are refused on every page and endpoint."""
    client = client_for(role)
    assert client.get(reverse("repurpose")).status_code == 403
    assert client.get(reverse("repurpose-detail", args=[article_set.pk])).status_code == 403
    assert client.post(reverse("repurpose-posts", args=[article_set.pk])).status_code == 403
    assert client.post(reverse("repurpose-submit", args=[article_set.pk])).status_code == 403
    api_client, _ = api_token_for(make_user(role, username=f"{role}-api"))
    response = api_client.post("/api/repurpose", json.dumps({"text": HTML, "name": "a.html"}), content_type="application/json")
    assert response.status_code == 403
    assert RepurposeSource.objects.count() == 1


def test_api_repurpose_with_posts(api_token_for, creator):
    """POST /api/repurpose returns the drafts and, when asked, their draft posts."""
    client, _ = api_token_for(creator)
    body = {"text": (FIXTURES / "documentation-ai.md").read_text(), "name": "scribes.md", "create_posts": True}
    response = client.post("/api/repurpose", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert len(data["drafts"]) == 5 and all(d["post_id"] for d in data["drafts"])
    assert client.get(f"/api/repurpose/{data['id']}").json()["title"] == data["title"]


class _FakeModel(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        content = "Our AI guarantees a cure for sepsis in every patient. https://northwindhealth.org/a"
        data = json.dumps({"choices": [{"message": {"content": content}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


def test_rewrite_with_model_is_checked(client_for, article_set, monkeypatch):
    """A model rewrite replaces the draft text and goes through the same compliance check."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _FakeModel)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("SOCIALRX_LLM_URL", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setenv("SOCIALRX_LLM_MODEL", "fake")
    try:
        client = client_for("content_creator")
        client.post(reverse("repurpose-rewrite", args=[article_set.pk, "linkedin-article_excerpt"]))
    finally:
        server.shutdown()
    draft = article_set.drafts.get(key="linkedin-article_excerpt")
    assert draft.content["text"].startswith("Our AI guarantees")
    assert any(f["family"] == "claims" for f in draft.findings)


def test_rewrite_without_model_refused(client_for, article_set, monkeypatch):
    """Without a configured model the rewrite explains what to set and changes nothing."""
    monkeypatch.delenv("SOCIALRX_LLM_URL", raising=False)
    before = article_set.drafts.get(key="x-thread").content
    client_for("content_creator").post(reverse("repurpose-rewrite", args=[article_set.pk, "x-thread"]))
    assert article_set.drafts.get(key="x-thread").content == before


def test_demo_is_idempotent(seed_strategy, make_user):
    """The demo loader makes the article and interview sets once, with their posts; a second run adds nothing."""
    from socialrx.server.demo_repurpose import load_repurpose_demo

    make_user("content_creator", username="creator")
    assert "2 new set(s)" in load_repurpose_demo()
    posts = Post.objects.count()
    assert "0 new set(s), 2 in all" in load_repurpose_demo()
    assert Post.objects.count() == posts == 9  # the website embed is not a post
