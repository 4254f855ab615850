"""The shell of every page: one display zone and format, navigation, home, post list paging, labels, team roles."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.lib.labels import display_label, pacing_label
from socialrx.server.lib.roles import role_keys_of
from socialrx.server.models import AuditEvent, Post, PostStatus
from socialrx.server.views.posts import POSTS_PER_PAGE
from tests.server.test_reviews_support import client_of, fully_approved, submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db
UTC = ZoneInfo("UTC")
# 14:00 UTC on a January Tuesday is 09:00 in New York, the seed strategy's zone.
INSTANT = datetime(2027, 1, 12, 14, 0, tzinfo=UTC)
SHOWN = "Tue Jan 12, 2027 09:00"


def text_of(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def stranger_client(db) -> Client:
    """A signed-in person with no role at all."""
    client = Client()
    client.force_login(get_user_model().objects.create_user("stranger", password="x-unused-password-1"))
    return client


def test_the_same_instant_reads_the_same_on_every_page_that_shows_it(team):
    """A scheduled post's time is the same string, in the strategy's zone, on every page that shows it."""
    post = fully_approved(submitted(team["author"], scheduled_at=INSTANT), team)
    assert post.status == PostStatus.SCHEDULED
    manager = client_of(team["social_media_manager"])
    pages = {
        "post page": f"/posts/{post.pk}/",
        "post list": "/posts/",
        "calendar list": "/calendar/?view=list&month=2027-01",
        "publishing": "/publishing/",
    }
    for name, url in pages.items():
        page = text_of(manager.get(url))
        assert SHOWN in page, f"{name} does not show {SHOWN}"
        assert "Jan 12, 2027 14:00" not in page, f"{name} shows the UTC time"
    for view in ("month", "week"):
        grid = text_of(manager.get(f"/calendar/?view={view}&month=2027-01&day=2027-01-12"))
        entry = re.search(rf'data-entry="post-{post.pk}".*?<span class="cal-time">([0-9:]+)</span>', grid, re.S)
        assert entry is not None and entry.group(1) == SHOWN[-5:], view
    api = manager.get(f"/api/posts/{post.pk}").json()
    assert datetime.fromisoformat(api["scheduled_at"]) == INSTANT
    assert re.search(r"(Z|[+-]\d\d:\d\d)$", api["scheduled_at"]), "the API states the offset"


def test_every_page_names_the_zone_its_times_are_in(seed_strategy, manager_client):
    """The header line names the one zone every time of the page is in, with its abbreviation."""
    for url in ("/", "/posts/", "/calendar/", "/audit/", "/team/"):
        page = text_of(manager_client.get(url))
        assert re.search(r"Times in America/New_York \((EST|EDT)\)", page), url


def test_typed_times_are_read_in_the_display_zone(seed_strategy, manager, manager_client):
    """A time typed into the scheduling form is the strategy zone's wall-clock time."""
    post = create_post(manager, PostInput(title="Flu clinic hours", variants={"x": {"text": "Open late on Tuesday."}}))
    manager_client.post(f"/posts/{post.pk}/schedule/", {"scheduled_at": "2027-01-12T09:00"})
    post.refresh_from_db()
    assert post.scheduled_at == INSTANT


def test_calendar_csv_names_its_zone(seed_strategy, manager, manager_client):
    """The calendar export file, whose rows carry no zone, names the zone in its file name."""
    create_post(manager, PostInput(title="Flu clinic hours", variants={"x": {"text": "Open late."}}, scheduled_at=INSTANT))
    response = manager_client.get("/calendar/export.csv?flavour=buffer&network=x&month=2027-01")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-2027-01-America_New_York.csv"')


def test_navigation_is_grouped_and_admin_is_for_superusers_only(seed_strategy, manager, manager_client):
    """Areas sit in a few groups; the Django admin appears, labelled, only for a superuser."""
    response = manager_client.get("/")
    groups = [g["label"] for g in response.context["nav_groups"]]
    assert groups == ["Plan", "Create", "Publish", "Engage", "Measure", "Team"]
    assert "/admin/" not in text_of(response)
    manager.is_staff = True
    manager.save()
    assert "/admin/" not in text_of(manager_client.get("/")), "staff is not enough"
    manager.is_superuser = True
    manager.save()
    assert '<a href="/admin/" class="">Site admin (superusers)</a>' in text_of(manager_client.get("/"))


def test_messages_are_coloured_by_level(seed_strategy, manager, manager_client):
    """An error message is shown as an error (red, announced at once), a success as a success."""
    post = create_post(manager, PostInput(title="Flu clinic hours", variants={"x": {"text": "Open late."}}, scheduled_at=INSTANT))
    failed = text_of(manager_client.post(f"/calendar/posts/{post.pk}/move/", {"day": "someday"}, follow=True))
    assert "<li class=\"error\" role=\"alert\">Flu clinic hours: day: 'someday' is not a date" in failed
    moved = text_of(manager_client.post(f"/calendar/posts/{post.pk}/move/", {"day": "2027-01-13"}, follow=True))
    assert '<li class="success" role="status">Moved “Flu clinic hours” to Wed Jan 13, 2027 09:00.</li>' in moved


def test_labels_replace_raw_codes(seed_strategy):
    """Pillars, statuses, actions, KPI and pacing states read as words people use."""
    assert display_label("pillar", "thought_leadership") == "Thought Leadership"
    assert display_label("status", "changes_requested") == "Changes requested"
    assert display_label("action", "socialrx.crisis.sign_off") == "Signed off a crisis protocol step"
    assert display_label("kpi", "on_track") == "on track"
    assert display_label("role", "customer_success") == "customer success", "unknown keys still read as words"
    assert pacing_label("on_pace", 0.99) == "on pace (99%)"
    with pytest.raises(ValueError, match="unknown label kind 'colour'"):
        display_label("colour", "red")


def make_posts(author, count: int, **fields) -> None:
    for n in range(count):
        create_post(author, PostInput(title=f"Post {n:03d}", variants={"x": {"text": f"Text {n}"}}, **fields))


def test_post_list_pages_and_finds(seed_strategy, manager, manager_client):
    """The post list pages through every post and finds them by words, channel, pillar, status and author."""
    make_posts(manager, POSTS_PER_PAGE + 5)
    create_post(manager, PostInput(title="Sepsis alerts", pillar="thought_leadership",
                                   variants={"linkedin": {"text": "What the sepsis studies say."}}))  # fmt: skip
    first = manager_client.get("/posts/")
    assert len(first.context["posts"]) == POSTS_PER_PAGE
    assert "Page 1 of 2 · 56 in all" in text_of(first)
    second = manager_client.get("/posts/?page=2")
    assert len(second.context["posts"]) == 6
    assert [p.title for p in manager_client.get("/posts/?q=studies").context["posts"]] == ["Sepsis alerts"]
    assert [p.title for p in manager_client.get("/posts/?channel=linkedin").context["posts"]] == ["Sepsis alerts"]
    found = manager_client.get("/posts/?pillar=thought_leadership&status=draft&mine=1")
    assert [p.title for p in found.context["posts"]] == ["Sepsis alerts"]
    assert "Thought Leadership" in text_of(found) and ">thought_leadership<" not in text_of(found)
    empty = manager_client.get("/posts/?q=nothing-like-this")
    assert "No posts match these filters." in text_of(empty)
    paged = text_of(manager_client.get("/posts/?q=Post&page=1"))
    assert 'href="?q=Post&page=2"' in paged


def test_post_list_refused_without_view_dashboards(seed_strategy, stranger_client):
    """Someone without a role cannot open the post list."""
    assert stranger_client.get("/posts/").status_code == 403


def test_manager_edits_a_persons_roles_on_the_team_page(seed_strategy, manager, viewer, manager_client):
    """A manager replaces a person's roles from the Team page; one audit event records it."""
    before = AuditEvent.objects.count()
    response = manager_client.post(f"/team/{viewer.pk}/roles/", {"roles": ["content_creator", "community_manager"]})
    assert response.status_code == 302 and response["Location"] == "/team/"
    assert role_keys_of(viewer) == ["content_creator", "community_manager"]
    assert AuditEvent.objects.count() == before + 1
    assert AuditEvent.objects.order_by("-id").first().action == "socialrx.user.roles"
    again = manager_client.post(f"/team/{viewer.pk}/roles/", {"roles": ["content_creator", "community_manager"]}, follow=True)
    assert "roles were already these" in text_of(again) and AuditEvent.objects.count() == before + 1


def test_the_last_manager_keeps_the_role_and_nothing_changes(seed_strategy, manager, manager_client):
    """Taking the manager role from the only manager is refused with a clear message; nothing changes."""
    before = AuditEvent.objects.count()
    response = manager_client.post(f"/team/{manager.pk}/roles/", {"roles": ["viewer"]})
    assert response.status_code == 400
    assert "only Social Media Manager" in text_of(response) and "Nothing was changed." in text_of(response)
    assert role_keys_of(manager) == ["social_media_manager"] and AuditEvent.objects.count() == before


def test_roles_cannot_be_edited_by_a_non_manager(seed_strategy, manager, viewer, viewer_client):
    """A viewer is refused and sees no role editor; the manager's roles stay."""
    assert viewer_client.post(f"/team/{manager.pk}/roles/", {"roles": ["viewer"]}).status_code == 403
    assert role_keys_of(manager) == ["social_media_manager"]
    page = text_of(viewer_client.get("/team/"))
    assert "Edit roles" not in page and "Add a person" not in page


def test_home_lists_what_needs_each_role(team):
    """The home page lists, with counts and links, the reviews waiting for a reviewer and the author's returned posts."""
    post = submitted(team["author"], scheduled_at=INSTANT)
    specialist = client_of(team["healthcare_content_specialist"])
    needs = {n.key: n for n in specialist.get("/").context["needs"]}
    assert needs["reviews"].count == 1 and needs["reviews"].lines[0].url == f"/posts/{post.pk}/"
    Post.objects.filter(pk=post.pk).update(status=PostStatus.CHANGES_REQUESTED)
    author_home = client_of(team["author"]).get("/")
    assert [n.key for n in author_home.context["needs"]] == ["returned"]
    assert "Your posts sent back with changes requested" in text_of(author_home)


def test_home_shows_an_empty_state_when_nothing_waits(team):
    """A viewer with nothing waiting sees the empty state."""
    response = client_of(team["viewer"]).get("/")
    assert response.context["needs"] == [] and 'id="nothing-needed"' in text_of(response)


def test_home_refused_without_view_dashboards(seed_strategy, stranger_client):
    """Someone without a role cannot open the home page."""
    assert stranger_client.get("/").status_code == 403


def test_buttons_are_shown_only_to_roles_that_may_use_them(seed_strategy, viewer_client, manager_client):
    """A viewer sees publishing and accounts without their buttons; a manager sees them."""
    for client, shown in ((viewer_client, False), (manager_client, True)):
        publishing = text_of(client.get("/publishing/"))
        accounts = text_of(client.get("/publishing/accounts/"))
        assert ("Pause all publishing" in publishing) is shown
        assert ("Connect a network account" in accounts) is shown
        assert ("Subscribe</button>" in accounts) is shown


def test_previews_look_like_each_networks_post(seed_strategy, manager_client):
    """The live check previews a post as the network shows it: author, styled hashtags and links, link card, YouTube frame."""
    data = {"channels": ["x", "linkedin", "youtube"], "x-text": "Sepsis alerts that work #HealthAI https://example.org/a",
            "linkedin-text": "What the studies say. #HealthAI", "linkedin-link_url": "https://example.org/study",
            "youtube-title": "Sepsis AI explained", "youtube-text": "Chapters below."}  # fmt: skip
    page = text_of(manager_client.post("/posts/check/", data))
    assert page.count('class="sn-author"') == 2 and "Healthcare AI" in page
    assert '<span class="sn-tag">#HealthAI</span>' in page
    assert '<span class="sn-link">https://example.org/a</span>' in page
    assert '<span class="sn-link-host">example.org</span>' in page
    assert 'class="yt-frame"' in page and "Sepsis AI explained" in page


def test_preview_text_is_escaped(seed_strategy, manager_client):
    """Markup typed into a post shows as text in the preview, never as HTML."""
    page = manager_client.post("/posts/check/", {"channels": ["x"], "x-text": "<b>bold</b> #tag"}).content.decode()
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page


def test_a_typed_mention_time_is_read_in_the_display_zone(seed_strategy, manager, manager_client):
    """A mention added by hand at 09:00 is stored as 09:00 in the strategy's zone, not the server's."""
    from socialrx.server.models import StoredMention

    manager_client.post("/listening/manual/", {"text": "Great webinar on sepsis AI", "published": "2027-01-12T09:00"})
    assert StoredMention.objects.get().published_at == INSTANT
