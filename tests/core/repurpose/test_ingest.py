"""Reading articles and transcripts: main text only, metadata, links, citations and cues."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator

import pytest

from socialrx.core.repurpose.fetch import article_from_url
from socialrx.core.repurpose.ingest import IngestError, article_from_content, article_from_text
from socialrx.core.repurpose.transcripts import cues_from_content, video_from_transcript
from socialrx.core.web_fetch import FetchPolicy
from tests.core.repurpose.conftest import SEPSIS_ARTICLE


def test_html_keeps_article_and_drops_boilerplate(html_article):
    """Navigation, cookie banner, related links and footer are gone; title, author, date and url stay."""
    body = " ".join(block.text for block in html_article.blocks)
    assert html_article.title == "What a year of AI sepsis alerts taught our emergency department"
    assert "Priya Raman" in html_article.author
    assert html_article.date == "2024-09-17"
    assert html_article.url == "https://northwindhealth.org/insights/ai-sepsis-alerts-year-one"
    for boilerplate in ("cookies", "All rights reserved", "Careers", "Subscribe to our newsletter", "AI-assisted triage"):
        assert boilerplate not in body
    assert "Seymour et al., 2017" in body


def test_html_keeps_headings_links_and_references(html_article):
    """Section headings, the JAMA link and the numbered reference list are kept."""
    assert "What changed in our department" in html_article.headings
    assert any("jamanetwork.com" in link.url for link in html_article.links)
    assert "Nature Medicine" in html_article.references["1"]
    assert "References" not in html_article.headings


def test_markdown_front_matter_and_footnotes(markdown_article):
    """Front matter gives metadata; [^n] footnotes become references."""
    assert markdown_article.author == "Dr. Marcus Feld"
    assert markdown_article.url.endswith("/ambient-ai-scribes")
    assert "Mayo Clinic Proceedings" in markdown_article.references["1"]
    assert any("ama-assn.org" in link.url for link in markdown_article.links)


def test_plain_text_first_short_line_is_title():
    """A short first line without a full stop is the title; paragraphs follow."""
    article = article_from_text("Why validation matters\n\nModels drift over time. Monitor them monthly.\n\nSecond paragraph here.")
    assert article.title == "Why validation matters"
    assert len(article.blocks) == 2


def test_empty_sources_are_refused():
    """Empty text and unreadable captions raise IngestError with a message."""
    with pytest.raises(IngestError, match="empty"):
        article_from_text("   ")
    with pytest.raises(IngestError, match="SRT or WebVTT"):
        cues_from_content("hello", name="notes.txt")


def test_srt_and_vtt_cues(srt_video, vtt_video):
    """Both caption formats give ordered cues with their times and clean text."""
    assert srt_video.cues[0].start == 0 and srt_video.cues[1].start == pytest.approx(4.25)
    assert vtt_video.duration_seconds > 300
    assert all(a.start <= b.start for a, b in zip(vtt_video.cues, vtt_video.cues[1:], strict=False))


def test_vtt_voice_tags_removed():
    """WebVTT voice tags are not part of the spoken text."""
    video = video_from_transcript("WEBVTT\n\n00:00:01.500 --> 00:00:04.000\n<v Dr Ruiz>Hello there\n", name="a.vtt")
    assert video.cues[0].text == "Hello there" and video.cues[0].start == 1.5


class _Handler(http.server.BaseHTTPRequestHandler):
    body = SEPSIS_ARTICLE.read_bytes()

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/big":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>" + b"x" * 50_000 + b"</p>")
            return
        self.send_response(200 if self.path == "/article" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, *args) -> None:
        pass


LOCAL = FetchPolicy(allow_private=True)


@pytest.fixture
def local_site() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def test_url_fetch_from_local_server(local_site):
    """A page fetched on request is read like a file; its address becomes the link."""
    article = article_from_url(f"{local_site}/article", policy=LOCAL)
    assert article.title.startswith("What a year of AI sepsis alerts")
    assert article.url == f"{local_site}/article"


def test_url_fetch_refuses_errors_and_large_pages(local_site):
    """A 404, a page over the size cap and a non-http address are refused with a message."""
    with pytest.raises(IngestError, match="404"):
        article_from_url(f"{local_site}/missing", policy=LOCAL)
    with pytest.raises(IngestError, match="larger than"):
        article_from_url(f"{local_site}/big", max_bytes=10_000, policy=LOCAL)
    with pytest.raises(IngestError, match="http"):
        article_from_url("file:///etc/passwd")


def test_url_fetch_refuses_the_local_network_unless_allowed(local_site):
    """Without an administrator's allowance a loopback or metadata address is refused before any request."""
    with pytest.raises(IngestError, match="refused.*private, loopback"):
        article_from_url(f"{local_site}/article")
    with pytest.raises(IngestError, match="refused"):
        article_from_url("http://169.254.169.254/latest/meta-data/")


def test_content_sniffing_without_a_name():
    """HTML and Markdown are recognised from the content when there is no file name."""
    assert article_from_content("# Title\n\nA paragraph with enough words to count here.").title == "Title"
    assert article_from_content("<html><body><article><h1>T</h1><p>" + "Words here. " * 30 + "</p></article></body></html>").title
