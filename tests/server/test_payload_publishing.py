"""What reviewers approve is byte for byte what each network receives: text, link (with UTM) and hashtags."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.core.platforms.payload import payload_of
from socialrx.server.actions.publishing import do_add_subscriber
from socialrx.server.models import JobStatus, ManualPublishTask, OutboxEntry, PublishAccount
from socialrx.server.worker.publishing import publish_due_jobs
from tests.connectors.fakes import FakeLinkedInServer, FakeXServer, FakeYouTubeServer
from tests.server.test_worker_publishing import (
    job_of,
    make_approved_post,
    real_account,
    sandbox_account,
    schedule,
)

LINK = "https://healthcare-ai.example/flu?utm_source=x&utm_medium=social&utm_campaign=flu&utm_content=flu-clinic"
TAGS = ["#FluSeason", "HealthcareAI"]


@pytest.fixture
def author(make_user):
    return make_user("content_creator", username="author")


@pytest.fixture(autouse=True)
def apps(monkeypatch):
    for network in ("X", "LINKEDIN", "YOUTUBE"):
        monkeypatch.setenv(f"SOCIALRX_{network}_CLIENT_ID", f"{network.lower()}-client")
        monkeypatch.setenv(f"SOCIALRX_{network}_CLIENT_SECRET", "secret")
    sandbox.reset()
    yield
    sandbox.reset()


def rendered(post, channel: str):
    """Return the payload frozen in the post's approved revision for ``channel``."""
    variant = next(v for v in post.approved_revision.content["variants"] if v["channel"] == channel)
    assert "rendered" in variant
    return payload_of(variant)


def test_x_post_receives_the_approved_text_hashtags_and_link(author):
    """The fake X server receives the approved post with the hashtags and the UTM link appended."""
    with FakeXServer() as server:
        real_account("x", server)
        post = make_approved_post(author, {"x": {"text": "Flu shots this Saturday.", "link_url": LINK, "hashtags": TAGS}})
        schedule(post)
        publish_due_jobs()
        payload = rendered(post, "x")
        assert payload.parts == (f"Flu shots this Saturday.\n\n#FluSeason #HealthcareAI {LINK}",)
        assert [p["text"].encode() for p in server.posts] == [part.encode() for part in payload.parts]


def test_x_thread_receives_hashtags_first_and_link_last(author):
    """A thread gets the hashtags on its first post and the link on its last, exactly as approved."""
    with FakeXServer() as server:
        real_account("x", server)
        post = make_approved_post(author, {"x": {"thread": ["One 1/2", "Two 2/2"], "link_url": LINK, "hashtags": TAGS}})
        schedule(post)
        publish_due_jobs()
        payload = rendered(post, "x")
        assert payload.parts == ("One 1/2\n\n#FluSeason #HealthcareAI", f"Two 2/2\n\n{LINK}")
        assert tuple(p["text"] for p in server.posts) == payload.parts


def test_linkedin_receives_the_escaped_commentary_the_revision_froze(author):
    """LinkedIn receives the little-escaped commentary stored in the revision, link and hashtags included."""
    with FakeLinkedInServer() as server:
        real_account("linkedin", server)
        text = "Flu clinic (Saturday) for staff & families."
        post = make_approved_post(author, {"linkedin": {"text": text, "link_url": LINK, "hashtags": TAGS}})
        schedule(post)
        publish_due_jobs()
        payload = rendered(post, "linkedin")
        assert payload.body == f"{text}\n\n{LINK}\n\n#FluSeason #HealthcareAI"
        assert payload.commentary == f"Flu clinic \\(Saturday\\) for staff & families.\n\n{LINK}\n\n#FluSeason #HealthcareAI"
        [created] = server.posts
        assert created["commentary"].encode() == payload.commentary.encode()


def test_youtube_receives_the_description_with_link_and_hashtags(author, settings):
    """The video's description on the fake YouTube server is the approved one, link and hashtags included."""
    upload_id = "uploads/2026/12/" + "ab" * 16 + ".mp4"  # media are named by upload id, never by a client path
    video = Path(settings.MEDIA_ROOT) / upload_id
    video.parent.mkdir(parents=True, exist_ok=True)
    video.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64)
    with FakeYouTubeServer() as server:
        real_account("youtube", server)
        post = make_approved_post(author, {"youtube": {
            "title": "Flu shots explained", "text": "What to expect.", "tags": ["flu"], "link_url": LINK,
            "hashtags": TAGS, "media": [{"name": "clip.mp4", "path": upload_id, "kind": "video", "alt_text": "A nurse"}]}})
        schedule(post)
        publish_due_jobs()
        assert job_of(post, "youtube").status == JobStatus.SENT, job_of(post, "youtube").last_error
        payload = rendered(post, "youtube")
        [uploaded] = server.videos
        assert uploaded["snippet"]["description"] == payload.body == f"What to expect.\n\n{LINK}\n\n#FluSeason #HealthcareAI"
        assert (uploaded["snippet"]["title"], tuple(uploaded["snippet"]["tags"])) == (payload.title, payload.tags)


def test_newsletter_body_and_html_are_the_approved_ones(author, manager, mailoutbox):
    """Each newsletter message carries the approved body and HTML (link in), then the unsubscribe footer."""
    stamp = now()
    PublishAccount.objects.create(network="email", name="Newsletter", external_id="news@clinic.example",
                                  sandbox=False, connected_at=stamp, updated_at=stamp)  # fmt: skip
    do_add_subscriber(manager, "a@example.org")
    post = make_approved_post(author, {"email": {"title": "November news", "text": "Hello **readers**.", "link_url": LINK}})
    schedule(post)
    publish_due_jobs()
    payload = rendered(post, "email")
    [message] = mailoutbox
    assert message.subject == payload.title and message.body.startswith(payload.body + "\n\nUnsubscribe: ")
    assert payload.body == f"Hello **readers**.\n\n{LINK}"
    assert message.alternatives[0][0].startswith(payload.html.removesuffix("</body></html>"))


def test_doximity_task_copy_is_the_approved_copy(author):
    """The Doximity task hands a person exactly the copy the revision froze, link included."""
    sandbox_account("doximity")
    post = make_approved_post(author, {"doximity": {"title": "Guideline", "text": "Summary for clinicians.", "link_url": LINK}})
    schedule(post)
    publish_due_jobs()
    payload = rendered(post, "doximity")
    assert ManualPublishTask.objects.get().copy_text == payload.copy_text == f"Guideline\n\nSummary for clinicians.\n\n{LINK}"


def test_sandbox_outbox_shows_the_approved_payload(author):
    """The sandbox outbox records the rendered parts and the LinkedIn commentary as sent."""
    sandbox_account("x")
    sandbox_account("linkedin")
    post = make_approved_post(author, {"x": {"text": "Flu shots.", "link_url": LINK, "hashtags": TAGS},
                                       "linkedin": {"text": "Flu (shots).", "hashtags": TAGS}})  # fmt: skip
    schedule(post)
    publish_due_jobs()
    entries = {e.channel: e for e in OutboxEntry.objects.all()}
    assert tuple(entries["x"].parts) == rendered(post, "x").parts
    assert tuple(entries["linkedin"].parts) == rendered(post, "linkedin").parts
    assert entries["linkedin"].payload["commentary"] == rendered(post, "linkedin").commentary


def test_revision_hash_changes_when_only_the_hashtags_change(author):
    """The revision's hash covers the payload, so changing the hashtags alone makes different approved content."""
    first = make_approved_post(author, {"x": {"text": "Same text.", "hashtags": ["#One"]}})
    second = make_approved_post(author, {"x": {"text": "Same text.", "hashtags": ["#Two"]}})
    assert first.approved_revision.content_hash != second.approved_revision.content_hash
