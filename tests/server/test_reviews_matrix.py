"""Permission matrix: every role against every review action, through the pages and through the API."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils.timezone import now

from socialrx.server.actions.reviews import decide
from socialrx.server.models import Comment, Post, PostStatus
from tests.server.test_reviews_support import (  # noqa: F401
    ROLE_KEYS,
    active_task,
    approve_until,
    client_of,
    draft,
    submitted,
    team_fixture,
)

pytestmark = pytest.mark.django_db

BLOCKED_TEXT = "Patient John Smith, DOB 03/04/1961, was triaged by our AI in four minutes."
REASON = "Quoted with the patient's signed HIPAA authorization, reference A-1043."
COMMENT = "Please cite the validation study for this figure."


@dataclass(frozen=True)
class Case:
    """One review action: how to set it up, do it by page and by API, and see whether it happened."""

    prepare: Callable[[dict], Post]
    page: Callable[[object, Post], tuple[str, dict]]
    api: Callable[[Post], tuple[str, dict]]
    done: Callable[[Post], bool]


def _task_url(post: Post, suffix: str) -> str:
    return f"/api/reviews/tasks/{active_task(post).pk}/{suffix}"


def _decide_page(decision: str, comment: str = ""):
    return lambda client, post: (f"/reviews/tasks/{active_task(post).pk}/decide/", {"decision": decision, "comment": comment})


def _at_task(key: str):
    def prepare(people: dict) -> Post:
        post = submitted(people["author"])
        approve_until(post, key, people)
        return post
    return prepare


def _task_status(key: str, status: str):
    return lambda post: post.workflows.first().tasks.get(key=key).status == status


def _local_time(post: Post) -> str:
    return (now() + timedelta(days=3)).astimezone(ZoneInfo("America/New_York")).strftime("%Y-%m-%dT%H:%M")


CASES: dict[str, Case] = {
    "submit": Case(
        prepare=lambda people: draft(people["author"]),
        page=lambda client, post: (f"/posts/{post.pk}/submit/", {}),
        api=lambda post: (f"/api/posts/{post.pk}/submit", {}),
        done=lambda post: Post.objects.get(pk=post.pk).status == PostStatus.IN_REVIEW,
    ),
    "clinical approve": Case(
        prepare=_at_task("clinical"),
        page=_decide_page("approve"),
        api=lambda post: (_task_url(post, "approve"), {}),
        done=_task_status("clinical", "approved"),
    ),
    "regulatory approve": Case(
        prepare=_at_task("regulatory"),
        page=_decide_page("approve"),
        api=lambda post: (_task_url(post, "approve"), {}),
        done=_task_status("regulatory", "approved"),
    ),
    "final approve": Case(
        prepare=_at_task("final"),
        page=_decide_page("approve"),
        api=lambda post: (_task_url(post, "approve"), {}),
        done=lambda post: Post.objects.get(pk=post.pk).status == PostStatus.APPROVED,
    ),
    "request changes": Case(
        prepare=_at_task("clinical"),
        page=_decide_page("request_changes", COMMENT),
        api=lambda post: (_task_url(post, "request-changes"), {"comment": COMMENT}),
        done=lambda post: Post.objects.get(pk=post.pk).status == PostStatus.CHANGES_REQUESTED,
    ),
    "reject": Case(
        prepare=_at_task("clinical"),
        page=_decide_page("reject", COMMENT),
        api=lambda post: (_task_url(post, "reject"), {"comment": COMMENT}),
        done=lambda post: Post.objects.get(pk=post.pk).status == PostStatus.REJECTED,
    ),
    "override": Case(
        prepare=lambda people: draft(people["author"], text=BLOCKED_TEXT),
        page=lambda client, post: (f"/posts/{post.pk}/override/", {"reason": REASON}),
        api=lambda post: (f"/api/posts/{post.pk}/override", {"reason": REASON}),
        done=lambda post: Post.objects.get(pk=post.pk).override_reason == REASON,
    ),
    "comment": Case(
        prepare=_at_task("clinical"),
        page=lambda client, post: (f"/posts/{post.pk}/comment/", {"body": COMMENT}),
        api=lambda post: (f"/api/posts/{post.pk}/comments", {"body": COMMENT}),
        done=lambda post: Comment.objects.filter(post=post, body=COMMENT).exists(),
    ),
    "schedule": Case(
        prepare=lambda people: draft(people["author"]),
        page=lambda client, post: (f"/posts/{post.pk}/schedule/", {"scheduled_at": _local_time(post)}),
        api=lambda post: (f"/api/posts/{post.pk}/schedule", {"scheduled_at": (now() + timedelta(days=3)).isoformat()}),
        done=lambda post: Post.objects.get(pk=post.pk).scheduled_at is not None,
    ),
}

ALLOWED: dict[str, set[str]] = {
    "submit": {"social_media_manager", "content_creator", "community_manager"},
    "clinical approve": {"healthcare_content_specialist"},
    "regulatory approve": {"healthcare_content_specialist"},
    "final approve": {"social_media_manager"},
    "request changes": {"healthcare_content_specialist"},
    "reject": {"healthcare_content_specialist"},
    "override": {"healthcare_content_specialist"},
    "comment": {"social_media_manager", "content_creator", "healthcare_content_specialist", "community_manager"},
    "schedule": {"social_media_manager"},
}

MATRIX = [(role, action) for action in CASES for role in ROLE_KEYS]


def _id(value) -> str:
    return value.replace(" ", "_")


@pytest.mark.parametrize(("role", "action"), MATRIX, ids=[f"{r}-{_id(a)}" for r, a in MATRIX])
def test_page_matrix(team, role, action):
    """Through the pages, each role can do exactly the review actions its capabilities allow."""
    case = CASES[action]
    post = case.prepare(team)
    client = client_of(team[role])
    url, data = case.page(client, post)
    response = client.post(url, data)
    allowed = role in ALLOWED[action]
    assert case.done(post) is allowed, f"{role} {action}: {response.status_code}"
    if allowed:
        assert response.status_code == 302
    else:
        assert response.status_code in {302, 403}
        if response.status_code == 302:
            follow = client.get(response["Location"])
            assert [m.level_tag for m in follow.context["messages"]] == ["error"]


@pytest.mark.parametrize(("role", "action"), MATRIX, ids=[f"{r}-{_id(a)}" for r, a in MATRIX])
def test_api_matrix(team, api_token_for, role, action):
    """Through the API, the same actions are allowed and refused (403 with a detail) as on the pages."""
    case = CASES[action]
    post = case.prepare(team)
    client = api_token_for(team[role])[0]
    url, body = case.api(post)
    response = client.post(url, data=json.dumps(body), content_type="application/json")
    allowed = role in ALLOWED[action]
    assert case.done(post) is allowed, f"{role} {action}: {response.status_code} {response.content!r}"
    if allowed:
        assert response.status_code in {200, 201}
    else:
        assert response.status_code == 403
        assert response.json()["detail"]


def test_author_cannot_approve_even_holding_every_role(team, make_user):
    """A person holding every role still cannot approve any task of their own post."""
    everyone = make_user(*ROLE_KEYS, username="everything")
    post = submitted(everyone)
    response = client_of(everyone).post(f"/reviews/tasks/{active_task(post).pk}/decide/", {"decision": "approve"})
    assert response.status_code == 302
    assert active_task(post).key == "clinical"
    decide(team["healthcare_content_specialist"], active_task(post).pk, "approve")
    assert active_task(post).key == "regulatory"
