"""The editor: every channel, prefill from the calendar, media with alt text, UTM and hashtag helpers, live check."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from socialrx.core.platforms.hashtags import HASHTAG_LIMITS
from socialrx.server.models import Post
from tests.server.images import jpeg_with_exif, png_bytes, png_with_text

pytestmark = pytest.mark.django_db
PNG = png_bytes()
PATIENT = "Our patient Jane Doe was admitted on March 3, 2024 after a stroke."


@pytest.fixture
def creator(make_user, seed_strategy):
    return make_user("content_creator", username="creator")


@pytest.fixture
def creator_client(creator) -> Client:
    client = Client()
    client.force_login(creator)
    return client


def form(channels: dict[str, dict], **meta) -> dict:
    data = {"title": "AI triage in the ED", "channels": list(channels)} | meta
    for channel, fields in channels.items():
        data |= {f"{channel}-{name}": value for name, value in fields.items()}
    return data


def variant(post: Post, channel: str):
    return post.variants.get(channel=channel)


def test_create_with_each_channel(creator_client):
    """One post carries a variant per channel: X thread, LinkedIn text, YouTube title and tags, Doximity, e-mail."""
    data = form({
        "x": {"text": "What to ask before buying AI triage.", "thread": "First part.\n---\nSecond part."},
        "linkedin": {"text": "Five questions for AI triage vendors."},
        "youtube": {"title": "AI triage explained", "text": "0:00 Intro\n0:30 Data\n1:10 Drift", "tags": "ai, triage tools"},
        "doximity": {"text": "A summary for clinicians."},
        "email": {"title": "This month in clinical AI", "text": "Dear reader, here is our digest."},
    })
    response = creator_client.post("/posts/new/", data)
    assert response.status_code == 302
    post = Post.objects.get()
    assert sorted(post.variants.values_list("channel", flat=True)) == ["doximity", "email", "linkedin", "x", "youtube"]
    assert variant(post, "x").thread == ["First part.", "Second part."]
    assert variant(post, "youtube").tags == ["ai", "triage tools"]
    assert variant(post, "email").title == "This month in clinical AI"


def test_editor_is_prefilled_from_get_parameters(creator_client):
    """The calendar's link fills title, labels, time, channel and text."""
    response = creator_client.get("/posts/new/", {"title": "Tuesday tip", "series": "implementation_tuesday",
                                                  "slot_id": "slot-42", "channel": "x", "x-text": "#HealthcareAI",
                                                  "scheduled_at": "2030-01-08T12:30"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="Tuesday tip"' in html and 'value="slot-42"' in html and 'value="2030-01-08T12:30"' in html
    assert 'value="x" checked' in html
    assert "#HealthcareAI</textarea>" in html
    assert '<option value="implementation_tuesday" selected>' in html


def test_media_upload_without_alt_text_is_refused_and_nothing_is_written(creator_client):
    """An image without alt text is refused with a message, no post is created and no file is left behind."""
    upload = SimpleUploadedFile("chart.png", PNG, content_type="image/png")
    data = form({"linkedin": {"text": "Our new chart.", "media_new_alt": "  "}}) | {"linkedin-media_file": upload}
    response = creator_client.post("/posts/new/", data)
    assert response.status_code == 400
    assert "needs alt text" in response.content.decode()
    assert Post.objects.count() == 0
    assert not list((Path(settings.MEDIA_ROOT) / "uploads").rglob("*.png"))


def test_media_upload_with_alt_text_is_stored_and_served(creator_client, viewer_client):
    """An image with alt text is saved under MEDIA_ROOT and recorded in the variant; people who may read posts can open it."""
    upload = SimpleUploadedFile("chart.png", PNG, content_type="image/png")
    data = form({"linkedin": {"text": "Our new chart.", "media_new_alt": "Bar chart of triage times"}})
    creator_client.post("/posts/new/", data | {"linkedin-media_file": upload})
    [item] = variant(Post.objects.get(), "linkedin").media
    assert item["alt_text"] == "Bar chart of triage times" and item["kind"] == "image" and item["name"] == "chart.png"
    stored = (Path(settings.MEDIA_ROOT) / item["path"]).read_bytes()
    assert stored.startswith(b"\x89PNG") and item["text_in_image"] is False
    response = viewer_client.get(f"/posts/media/{item['path']}")
    assert response.status_code == 200 and b"".join(response.streaming_content) == stored
    assert viewer_client.get("/posts/media/../socialrx.sqlite3").status_code == 404


def test_kept_media_keeps_alt_text_rules_and_can_be_removed(creator_client):
    """On edit, saved media stay with edited alt text; clearing the alt text is refused; removing drops the item."""
    upload = SimpleUploadedFile("chart.png", PNG, content_type="image/png")
    creator_client.post("/posts/new/", form({"x": {"text": "Chart.", "media_new_alt": "A chart"}}) | {"x-media_file": upload})
    post = Post.objects.get()
    path = variant(post, "x").media[0]["path"]
    keep = form({"x": {"text": "Chart.", "media_path": path, "media_alt": "A bar chart"}})
    assert creator_client.post(f"/posts/{post.pk}/edit/", keep).status_code == 302
    assert variant(post, "x").media[0]["alt_text"] == "A bar chart"
    cleared = form({"x": {"text": "Chart.", "media_path": path, "media_alt": ""}})
    assert "needs alt text" in creator_client.post(f"/posts/{post.pk}/edit/", cleared).content.decode()
    forged = form({"x": {"text": "Chart.", "media_path": "uploads/other.png", "media_alt": "x"}})
    assert "does not belong to this post" in creator_client.post(f"/posts/{post.pk}/edit/", forged).content.decode()
    removed = keep | {"x-media_remove": path}
    creator_client.post(f"/posts/{post.pk}/edit/", removed)
    assert variant(post, "x").media == []


@pytest.mark.parametrize(("name", "content", "message"), [
    ("notes.png", b"just text, not an image", "is not a PNG, JPEG, GIF or WebP image"),
    ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "is not a readable image"),
    ("big.png", PNG + b"\x00" * (5 * 1024 * 1024), "images may be at most 5 MB"),
])
def test_media_type_and_size_are_checked(creator_client, name, content, message):
    """Files are recognised by their bytes, and images over 5 MB are refused."""
    upload = SimpleUploadedFile(name, content, content_type="image/png")
    data = form({"x": {"text": "Look.", "media_new_alt": "Something"}}) | {"x-media_file": upload}
    response = creator_client.post("/posts/new/", data)
    assert response.status_code == 400 and message in response.content.decode()


def test_uploaded_images_lose_their_exif(creator_client):
    """GPS position, camera and capture time are stripped from an uploaded photo before it is stored."""
    from PIL import Image

    upload = SimpleUploadedFile("ward.jpg", jpeg_with_exif(), content_type="image/jpeg")
    data = form({"x": {"text": "Our new ward.", "media_new_alt": "A bright ward"}}) | {"x-media_file": upload}
    creator_client.post("/posts/new/", data)
    [item] = variant(Post.objects.get(), "x").media
    stored = Path(settings.MEDIA_ROOT) / item["path"]
    with Image.open(stored) as image:
        assert not image.getexif() and "exif" not in image.info
        assert image.size == (64, 48)
    assert b"Canon" not in stored.read_bytes() and b"0423118" not in stored.read_bytes()


def test_image_with_text_goes_to_review_unless_its_alt_text_quotes_the_words(creator_client):
    """An image that shows printed text gets a review finding at submission; quoting its words in the alt text clears it."""
    upload = SimpleUploadedFile("note.png", png_with_text(), content_type="image/png")
    data = form({"x": {"text": "A note from the ward.", "media_new_alt": "A printed note"}}, then="submit")
    creator_client.post("/posts/new/", data | {"x-media_file": upload})
    post = Post.objects.get()
    assert variant(post, "x").media[0]["text_in_image"] is True
    revision = post.revisions.get()
    assert [f["rule"] for f in revision.findings if f["field"] == "media[0]"] == ["media.image_text"]
    assert revision.verdict == "review"
    from socialrx.server.lib.compliance import media_findings

    declared = [{"kind": "image", "text_in_image": True, "alt_text": 'Text: "Thank you, night shift"'}]
    assert media_findings("x", declared) == []


def test_utm_helper_tags_the_link(creator_client):
    """The link is tagged: source = network, medium = social or paid_social, campaign from series, content from the post."""
    data = form({"linkedin": {"text": "Read more.", "link_url": "https://healthcare-ai.example/guide?ref=1#top"},
                 "x": {"text": "Read more.", "link_url": "https://healthcare-ai.example/guide"}},
                series="implementation_tuesday", is_paid="on")
    creator_client.post("/posts/new/", data)
    post = Post.objects.get()
    link = variant(post, "linkedin").link_url
    query = parse_qs(urlsplit(link).query)
    assert query == {"ref": ["1"], "utm_source": ["linkedin"], "utm_medium": ["paid_social"],
                     "utm_campaign": ["implementation_tuesday"], "utm_content": ["ai-triage-in-the-ed"]}
    assert link.endswith("#top")
    assert variant(post, "x").utm["utm_source"] == "x"


def test_utm_campaign_falls_back_to_the_theme_and_medium_is_social(creator_client):
    """Without a series the campaign is the monthly theme; an organic post is medium 'social'."""
    data = form({"x": {"text": "Read.", "link_url": "https://healthcare-ai.example/a"}}, monthly_theme="AI Ethics Month")
    creator_client.post("/posts/new/", data)
    utm = variant(Post.objects.get(), "x").utm
    assert (utm["utm_campaign"], utm["utm_medium"]) == ("ai-ethics-month", "social")


def test_link_without_scheme_is_refused(creator_client):
    """A link that is not a full web address is refused with the channel named."""
    response = creator_client.post("/posts/new/", form({"x": {"text": "Read.", "link_url": "healthcare-ai.example"}}))
    assert response.status_code == 400 and "x: the link" in response.content.decode()


def live(client: Client, channels: dict[str, dict], **meta) -> str:
    response = client.post("/posts/check/", form(channels, **meta))
    assert response.status_code == 200
    return response.content.decode()


def test_live_check_highlights_findings_with_message_and_fix(creator_client):
    """The live check marks the patient's name and date in the preview and lists the message and fix."""
    html = live(creator_client, {"x": {"text": PATIENT}})
    assert '<mark class="sev-block" data-rule="phi.name"' in html and ">Jane Doe<sup>" in html
    assert 'data-rule="phi.date"' in html and "March 3, 2024<sup>" in html
    assert "Fix:" in html and "Blocked:" in html and 'data-verdict="block"' in html


def test_live_check_shows_thread_parts_with_counts(creator_client):
    """An X thread is previewed part by part with each part's weighted count."""
    html = live(creator_client, {"x": {"text": "", "thread": "One 🚀\n---\nTwo"}})
    assert "1/2 · 6 / 280" in html and "2/2 · 3 / 280" in html


def test_live_check_linkedin_fold_and_youtube_chapters_and_tags(creator_client):
    """LinkedIn folds after about 210 characters; YouTube lists chapters and counts tags with quotes."""
    long_text = ("Clinical AI needs evidence from real wards. " * 8).strip()
    html = live(creator_client, {
        "linkedin": {"text": long_text},
        "youtube": {"title": "Drift", "text": "0:00 Intro\n0:45 Drift\n2:00 Monitoring", "tags": "ai, model drift"},
    })
    assert "<summary>…see more</summary>" in html
    assert "<code>0:45</code> Drift" in html
    assert '<code>ai,&quot;model drift&quot;</code>' in html and "tags 16 / 500" in html


def test_hashtag_suggestions_stay_within_each_network_limit(creator_client, seed_strategy):
    """Suggestions come from the strategy's sets and never exceed a channel's recommended most."""
    import re

    text = "Healthcare AI and medical AI in health tech and digital health innovation"
    html = live(creator_client, {"x": {"text": text}, "linkedin": {"text": text}, "email": {"title": "s", "text": text}})
    for channel in ("x", "linkedin", "email"):
        block = html.split(f'data-channel="{channel}"', 1)[1].split("</section>", 1)[0]
        tags = re.findall(r'data-add-hashtag="(#\w+)"', block)
        assert len(tags) <= HASHTAG_LIMITS[channel][1]
        assert set(tags) <= {"#HealthcareAI", "#MedicalAI", "#HealthTech", "#DigitalHealth", "#MedTech", "#HealthInnovation"}
    assert 'data-add-hashtag="#HealthcareAI"' in html.split('data-channel="x"', 1)[1]


def test_live_check_shows_the_tagged_link(creator_client):
    """The UTM helper shows the tagged link with a button to put it in the text."""
    html = live(creator_client, {"x": {"text": "Read", "link_url": "https://healthcare-ai.example/a"}}, is_paid="on")
    assert "utm_source=x&amp;utm_medium=paid_social" in html and "data-insert-link=" in html


def test_split_into_thread_numbers_the_parts(creator_client):
    """The split button returns the thread box with numbered parts, each within 280 weighted characters."""
    text = " ".join(f"Sentence number {n} explains one careful point about clinical AI." for n in range(12))
    response = creator_client.post("/posts/split-thread/", {"x-text": text})
    body = response.content.decode()
    assert response.status_code == 200 and 'name="x-thread"' in body
    assert " 1/3" in body and " 3/3" in body and response["HX-Trigger"] == "editor-changed"


def test_save_and_submit_with_a_blocking_finding_returns_to_the_editor(creator_client):
    """'Save and submit' saves the draft but refuses review while a blocking finding stands, and says why."""
    response = creator_client.post("/posts/new/", form({"x": {"text": PATIENT}}, then="submit"), follow=True)
    post = Post.objects.get()
    assert post.status == "draft"
    html = response.content.decode()
    assert "not submitted for review" in html and "blocking finding" in html
    assert response.redirect_chain[-1][0] == f"/posts/{post.pk}/edit/"


def test_save_and_submit_clean_post_goes_to_review(creator_client):
    """A post without blocking findings goes straight to review from the editor."""
    creator_client.post("/posts/new/", form({"linkedin": {"text": "Five questions to ask an AI vendor."}}, then="submit"))
    assert Post.objects.get().status == "in_review"


@pytest.mark.parametrize("url", ["/posts/new/", "/posts/check/", "/posts/split-thread/"])
def test_people_without_compose_permission_are_refused(viewer_client, seed_strategy, url):
    """A viewer cannot open the editor, run the live check or split a thread."""
    response = viewer_client.post(url, form({"x": {"text": "hi"}}))
    assert response.status_code == 403
    assert viewer_client.get("/posts/new/").status_code == 403


def test_media_needs_sign_in():
    """Media files are not served to anonymous visitors."""
    response = Client().get("/posts/media/uploads/2030/01/x.png")
    assert response.status_code == 302


