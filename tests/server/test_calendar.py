"""The Calendar pages: views, filters, writing from a slot, moving posts, and who may do what."""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import parse_qs, urlparse
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils.timezone import localdate, now

from socialrx.server.actions.posts import PostInput, create_post
from socialrx.server.actions.publishing import do_connect_sandbox_account
from socialrx.server.demo_calendar import load_calendar_demo
from socialrx.server.lib.calendar import active_plan, calendar_health
from socialrx.server.models import AuditEvent, Post, PostStatus
from socialrx.server.views.calendar import MONTH_CELL_ENTRIES

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")
MONTH = date(2027, 1, 1)


def first_slot(platform: str = "linkedin", day: date = date(2027, 1, 12)):
    plan = active_plan()
    return next(s for s in plan.slots_between(day, day) if s.platform == platform)


def slot_post(author, slot, *, title: str = "Sepsis alerts in practice", status: str = PostStatus.DRAFT) -> Post:
    post = create_post(author, PostInput(title=title, variants={slot.platform: {"text": f"{title}: what the studies say."}},
                                         pillar=slot.pillar, slot_id=slot.id, scheduled_at=slot.start))  # fmt: skip
    if status != PostStatus.DRAFT:
        Post.objects.filter(pk=post.pk).update(status=status)
        post.refresh_from_db()
    return post


@pytest.fixture
def stranger_client(db) -> Client:
    """A signed-in person with no role at all."""
    user = get_user_model().objects.create_user("stranger", password="x-unused-password-1")
    client = Client()
    client.force_login(user)
    return client


def test_month_view_shows_the_plan_labels_and_at_most_three_entries_a_day(seed_strategy, viewer_client):
    """The month view shows each day's first entries with network, pillar and themes, then "+N more" linking to the day."""
    response = viewer_client.get("/calendar/?month=2027-01")
    assert response.status_code == 200
    html = response.content.decode()
    plan = active_plan()
    slots = plan.slots_between(date(2027, 1, 1), date(2027, 1, 31))
    days = response.context["days"]
    assert all(len(d.shown) <= MONTH_CELL_ENTRIES for d in days)
    in_month = [d for d in days if d.in_month]
    assert sum(len(d.shown) + d.more for d in in_month) == len(slots)
    busy = next(d for d in in_month if d.more)
    assert f'+{busy.more} more</a>' in html and f"?view=week&amp;day={busy.iso}&amp;month=2027-01" in html
    assert "Monthly theme: <strong>" + plan.strategy.theme_for_month(1) in html
    assert "AI in Healthcare Spotlight" in html and "Thought Leadership" in html
    assert slots[0].weekday_theme in html
    assert "pillar-0" in html and 'data-day="2027-01-31"' in html


def test_week_and_list_views(seed_strategy, viewer_client):
    """The week view shows seven days; the list view one row per slot or post of the month."""
    week = viewer_client.get("/calendar/?view=week&month=2027-01&day=2027-01-13")
    assert week.status_code == 200
    assert week.content.decode().count('role="gridcell"') == 7
    listing = viewer_client.get("/calendar/?view=list&month=2027-01")
    slots = active_plan().slots_between(date(2027, 1, 1), date(2027, 1, 31))
    assert listing.content.decode().count('class="cal-row') == len(slots)


def test_any_month_of_any_year(seed_strategy, viewer_client):
    """Far months plan on the fly; a malformed month is a clear 404."""
    assert viewer_client.get("/calendar/?month=2031-07").status_code == 200
    bad = viewer_client.get("/calendar/?month=July")
    assert bad.status_code == 404


def test_calendar_refused_without_view_dashboards(seed_strategy, stranger_client, client):
    """Someone without the view permission is refused; someone signed out is sent to sign in."""
    assert stranger_client.get("/calendar/").status_code == 403
    assert client.get("/calendar/").status_code == 302


def test_slot_with_post_shows_the_post_and_ad_hoc_posts_show_too(seed_strategy, manager, manager_client):
    """A slot that holds a post shows the post and its status instead of the open slot; posts without slot appear."""
    slot = first_slot()
    post = slot_post(manager, slot, status=PostStatus.SCHEDULED)
    ad_hoc = create_post(manager, PostInput(title="Conference recap", variants={"x": {"text": "Recap"}},
                                            scheduled_at=datetime(2027, 1, 14, 10, 0, tzinfo=NEW_YORK)))  # fmt: skip
    html = manager_client.get("/calendar/?view=list&month=2027-01").content.decode()
    assert f'data-entry="post-{post.pk}"' in html and f'data-entry="slot-{slot.id}"' not in html
    assert "Scheduled" in html and f'data-entry="post-{ad_hoc.pk}"' in html


def test_filters_by_network_pillar_series_and_status(seed_strategy, manager, viewer_client):
    """Each filter narrows the entries; the open-slot status shows only slots without posts."""
    slot = first_slot()
    post = slot_post(manager, slot)
    html = viewer_client.get("/calendar/?view=list&month=2027-01&network=x").content.decode()
    assert 'net-linkedin">linkedin' not in html and 'net-x">x' in html
    html = viewer_client.get(f"/calendar/?view=list&month=2027-01&pillar={slot.pillar}").content.decode()
    assert all(f"pillar-{active_plan().pillar_colours[slot.pillar]}" in row for row in html.split('<tr class="cal-row')[1:])
    html = viewer_client.get("/calendar/?view=list&month=2027-01&series=implementation_tuesday").content.decode()
    assert "Implementation Tuesday" in html and "AI in Healthcare Spotlight</td>" not in html
    html = viewer_client.get("/calendar/?view=list&month=2027-01&status=draft").content.decode()
    assert html.count('class="cal-row') == 1 and f"post-{post.pk}" in html
    html = viewer_client.get("/calendar/?view=list&month=2027-01&status=open").content.decode()
    assert f"post-{post.pk}" not in html and html.count('class="cal-row') > 100


def test_write_this_post_prefills_the_editor(seed_strategy, client_for):
    """Writing from a slot opens the editor with title idea, labels, channel, time and suggested hashtags."""
    slot = first_slot()
    response = client_for("content_creator").get(f"/calendar/write/?slot={slot.id}")
    assert response.status_code == 302
    target = urlparse(response["Location"])
    query = parse_qs(target.query)
    assert target.path == "/posts/new/"
    assert query["slot_id"] == [slot.id] and query["channel"] == ["linkedin"] and query["pillar"] == [slot.pillar]
    assert query["monthly_theme"] == [slot.monthly_theme] and query["weekday_theme"] == [slot.weekday_theme]
    assert query["scheduled_at"] == [slot.start.strftime("%Y-%m-%dT%H:%M")]
    assert "#" in query["linkedin-text"][0]
    editor = client_for("social_media_manager").get(response["Location"]).content.decode()
    assert f'value="{slot.id}"' in editor and slot.start.strftime("%Y-%m-%dT%H:%M") in editor


def test_write_refused_without_compose_and_unknown_slot_is_404(seed_strategy, viewer_client, manager_client):
    """A viewer cannot write from a slot; a slot id the plan does not have is a 404."""
    assert viewer_client.get(f"/calendar/write/?slot={first_slot().id}").status_code == 403
    assert manager_client.get("/calendar/write/?slot=linkedin/nothing/2027-01-12/0").status_code == 404


def move(client, post: Post, day: str, at: str = "", *, as_json: bool = True):
    headers = {"Accept": "application/json"} if as_json else {}
    return client.post(f"/calendar/posts/{post.pk}/move/", {"day": day, "time": at, "next": "/calendar/?view=list"},
                       headers=headers)  # fmt: skip


def test_manager_moves_a_post_and_it_is_audited(seed_strategy, manager, manager_client):
    """Dropping a post on another day keeps its time of day, saves it and writes socialrx.post.schedule."""
    slot = first_slot()
    post = slot_post(manager, slot)
    response = move(manager_client, post, "2027-01-15")
    assert response.status_code == 200, response.content
    post.refresh_from_db()
    local = post.scheduled_at.astimezone(NEW_YORK)
    assert local.date() == date(2027, 1, 15) and local.time() == slot.start.time()
    event = AuditEvent.objects.filter(action="socialrx.post.schedule", object_id=str(post.pk)).get()
    assert event.data["to"].startswith("2027-01-15")
    assert response.json()["day"] == "2027-01-15"


def test_move_form_sets_day_and_time_and_redirects_back(seed_strategy, manager, manager_client):
    """The keyboard form moves a post to a day and time and goes back to the calendar with a message."""
    post = slot_post(manager, first_slot())
    response = move(manager_client, post, "2027-01-20", "16:45", as_json=False)
    assert response.status_code == 302 and response["Location"] == "/calendar/?view=list"
    post.refresh_from_db()
    assert post.scheduled_at.astimezone(NEW_YORK) == datetime(2027, 1, 20, 16, 45, tzinfo=NEW_YORK)


def test_move_refuses_the_past_and_published_posts(seed_strategy, manager, manager_client):
    """Moving to a past day or moving a published post is refused and changes nothing."""
    post = slot_post(manager, first_slot())
    before = post.scheduled_at
    past = move(manager_client, post, "2020-01-15")
    assert past.status_code == 400 and "past" in past.json()["detail"]
    published = slot_post(manager, first_slot("x"), title="Already out", status=PostStatus.PUBLISHED)
    refused = move(manager_client, published, "2027-01-20")
    assert refused.status_code == 400 and "published" in refused.json()["detail"]
    bad = move(manager_client, post, "15/01/2027")
    assert bad.status_code == 400 and "day" in bad.json()["detail"]
    post.refresh_from_db()
    assert post.scheduled_at == before
    assert not AuditEvent.objects.filter(action="socialrx.post.schedule").exists()


def test_who_may_move(seed_strategy, make_user, manager):
    """The manager and the post's author may move it; another creator and a viewer may not."""
    author = make_user("content_creator", username="author")
    post = slot_post(author, first_slot())
    for username, role, expected in (("other", "content_creator", 403), ("viewer2", "viewer", 403)):
        client = Client()
        client.force_login(make_user(role, username=username))
        assert move(client, post, "2027-01-16").status_code == expected
    client = Client()
    client.force_login(author)
    assert move(client, post, "2027-01-16").status_code == 200
    assert AuditEvent.objects.filter(action="socialrx.post.schedule").count() == 1


def test_movable_posts_are_draggable_for_those_who_may_move(seed_strategy, make_user, manager, viewer_client, manager_client):
    """Movable posts carry the drag handle and the move form for the manager, not for a viewer."""
    post = slot_post(manager, first_slot())
    assert f'data-move-url="/calendar/posts/{post.pk}/move/"' in manager_client.get("/calendar/?month=2027-01").content.decode()
    assert "data-move-url" not in viewer_client.get("/calendar/?month=2027-01").content.decode()


def test_health_panel_shows_mix_gaps_themes_and_open_slots(seed_strategy, manager, manager_client):
    """The health panel shows the pillar mix planned and written, weekday themes and open slots soon."""
    slot_post(manager, first_slot())
    html = manager_client.get("/calendar/?month=2027-01").content.decode()
    assert "Pillar mix" in html and "Thought Leadership" in html and "Written" in html
    assert "on theme" in html
    assert "Open slots in the next 14 days" in html and "without a post" in html


def test_move_time_is_kept_from_the_slot_when_the_post_has_none(seed_strategy, manager, manager_client):
    """A post bound to a slot but without its own time moves at its slot's time of day."""
    slot = first_slot()
    post = create_post(manager, PostInput(title="Slot only", variants={"linkedin": {"text": "x"}}, slot_id=slot.id))
    assert move(manager_client, post, "2027-01-21").status_code == 200
    post.refresh_from_db()
    assert post.scheduled_at.astimezone(NEW_YORK).time() == slot.start.astimezone(NEW_YORK).time()
    assert post.scheduled_at.astimezone(NEW_YORK).date() == date(2027, 1, 21)


def test_demo_fills_the_year_in_every_state_and_runs_twice(seed_strategy, make_user):
    """The calendar demo places posts in every state in slots, leaves gaps in the next 14 days, and adds nothing twice."""
    make_user("content_creator", username="creator")
    make_user("healthcare_content_specialist", username="specialist")
    make_user("social_media_manager", username="manager")
    for network in ("linkedin", "x", "doximity"):
        do_connect_sandbox_account(get_user_model().objects.get(username="manager"), network, f"Demo {network}")
    assert "published" in load_calendar_demo()
    count = Post.objects.count()
    states = set(Post.objects.values_list("status", flat=True))
    assert {PostStatus.DRAFT, PostStatus.IN_REVIEW, PostStatus.CHANGES_REQUESTED, PostStatus.SCHEDULED,
            PostStatus.PUBLISHED, PostStatus.FAILED} <= states
    assert not Post.objects.filter(slot_id="").exists()
    assert load_calendar_demo().startswith("Calendar: 0 posts")
    assert Post.objects.count() == count
    plan = active_plan()
    today = localdate(now(), plan.zone)
    assert calendar_health(plan, today.replace(day=1), today.replace(day=28), today).upcoming.empty_soon


def test_page_move_form_moves_the_chosen_post(seed_strategy, manager, manager_client):
    """The page's move form (the keyboard way) lists movable posts and moves the chosen one."""
    post = slot_post(manager, first_slot())
    html = manager_client.get("/calendar/?month=2027-01").content.decode()
    assert f'<option value="{post.pk}">' in html
    response = manager_client.post("/calendar/move/", {"post": post.pk, "day": "2027-01-22", "time": "08:05", "next": "/calendar/"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.scheduled_at.astimezone(NEW_YORK) == datetime(2027, 1, 22, 8, 5, tzinfo=NEW_YORK)
