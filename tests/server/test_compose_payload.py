"""The editor and API work on what each network receives: hashtags field, link in the count, YouTube needs a video."""

from __future__ import annotations

import json

import pytest

from socialrx.server.models import Post, PostStatus
from tests.server.test_compose import form


@pytest.fixture
def creator(make_user, seed_strategy):
    return make_user("content_creator", username="creator")


@pytest.fixture
def creator_client(client, creator):
    client.force_login(creator)
    return client


pytestmark = pytest.mark.django_db


def test_hashtags_field_is_saved_shown_and_previewed(creator_client):
    """Hashtags typed in the field are saved without repeats, shown again, and previewed at the end of the post."""
    data = form({"x": {"text": "Flu shots on Saturday.", "hashtags": "FluSeason #fluseason, #HealthcareAI"}})
    assert creator_client.post("/posts/new/", data).status_code == 302
    post = Post.objects.get()
    assert post.variants.get(channel="x").hashtags == ["#FluSeason", "#HealthcareAI"]
    assert (
        'value="#FluSeason #HealthcareAI"' in creator_client.get(f"/posts/{post.pk}/edit/").content.decode()
    )
    html = creator_client.post("/posts/check/", data).content.decode()
    assert 'Flu shots on Saturday.\n\n<span class="sn-tag">#FluSeason</span> <span class="sn-tag">#HealthcareAI</span>' in html


def test_the_link_counts_in_the_x_length_check(creator_client):
    """A post that fits alone is too long once its link (a blank line and 23 weighted characters) is appended."""
    text = "a" * 270
    html = creator_client.post("/posts/check/", form({"x": {"text": text}})).content.decode()
    assert "platform.x.too_long" not in html
    with_link = form({"x": {"text": text, "link_url": "https://www.cdc.gov/flu"}})
    html = creator_client.post("/posts/check/", with_link).content.decode()
    assert "platform.x.too_long" in html and "295 / 280" in html


def test_youtube_without_video_is_refused_at_submit_from_the_form(creator_client):
    """Saving and submitting a YouTube post without a video is refused with the field named; it stays a draft."""
    data = form({"youtube": {"title": "Flu shots explained", "text": "What to expect."}}) | {"then": "submit"}
    response = creator_client.post("/posts/new/", data, follow=True)
    post = Post.objects.get()
    assert post.status == PostStatus.DRAFT and post.revisions.count() == 0
    assert "youtube: media: a YouTube post is a video" in response.content.decode()
    html = creator_client.post("/posts/check/", data).content.decode()
    assert "platform.youtube.video_missing" in html


def test_youtube_with_a_kept_video_passes_the_live_check(creator_client):
    """The live check counts a saved video the editor keeps, so the missing-video finding goes away."""
    data = form(
        {"youtube": {"title": "Flu shots explained", "text": "What to expect.", "media_path": "m/clip.mp4",
                     "media_alt": "A nurse explains the flu shot"}}
    )
    html = creator_client.post("/posts/check/", data).content.decode()
    assert "platform.youtube.video_missing" not in html


def test_youtube_without_video_is_refused_at_submit_through_the_api(creator, api_token_for):
    """The API refuses to submit a YouTube post without a video with a 400 naming the field."""
    client = api_token_for(creator)[0]
    body = {
        "title": "Video",
        "variants": {"youtube": {"title": "Flu shots explained", "text": "What to expect."}},
    }
    created = client.post("/api/posts", data=json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    response = client.post(
        f"/api/posts/{created.json()['id']}/submit", data="{}", content_type="application/json"
    )
    assert response.status_code == 400 and "youtube: media:" in response.json()["detail"]
    assert Post.objects.get().status == PostStatus.DRAFT


def test_hashtags_on_the_newsletter_block_submission(creator_client):
    """The newsletter carries no hashtags: a hashtag in its field is a blocking finding on that field."""
    data = form({"email": {"title": "News", "text": "Hello.", "hashtags": "#Flu"}})
    html = creator_client.post("/posts/check/", data).content.decode()
    assert "platform.email.hashtags" in html


def test_api_revision_shows_the_payload_each_network_receives(creator, api_token_for):
    """The API's revision content carries the rendered payload, hashtags and link included, under its hash."""
    client = api_token_for(creator)[0]
    link = "https://www.cdc.gov/flu?utm_source=x&utm_medium=social&utm_campaign=flu"
    body = {"title": "Flu", "variants": {"x": {"text": "Flu shots on Saturday.", "hashtags": ["FluSeason"], "link_url": link}}}
    post_id = client.post("/api/posts", data=json.dumps(body), content_type="application/json").json()["id"]
    assert client.post(f"/api/posts/{post_id}/submit", data="{}", content_type="application/json").status_code == 200
    [revision] = client.get(f"/api/posts/{post_id}/revisions").json()
    [variant] = revision["content"]["variants"]
    assert variant["rendered"]["parts"] == [f"Flu shots on Saturday.\n\n#FluSeason {link}"]
