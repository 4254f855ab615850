"""The review flow through the REST API: create, submit, my tasks, decisions, status, revisions, audit, comments."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils.timezone import now

from socialrx.server.models import Post, PostStatus
from tests.server.test_reviews_support import active_task, approve_until, draft, submitted, team_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def api_of(api_token_for):
    """Return a function giving an API client with a bearer token for a person."""
    return lambda user: api_token_for(user)[0]


def post_json(client, url: str, body: dict | None = None):
    return client.post(url, data=json.dumps(body or {}), content_type="application/json")


def put_json(client, url: str, body: dict):
    return client.put(url, data=json.dumps(body), content_type="application/json")


NEW_POST = {
    "title": "AI sepsis alerts: what the evidence says",
    "pillar": "",
    "variants": {
        "linkedin": {"text": "Sepsis alerts driven by machine learning are spreading. Here is what published studies report."},
        "x": {"thread": ["What do published studies say about ML sepsis alerts? A short thread.", "1. Alert fatigue matters."]},
    },
}


def test_create_post_with_variants(team, api_of):
    """A creator creates a draft with two variants; the answer shows both and the draft status."""
    response = post_json(api_of(team["author"]), "/api/posts", NEW_POST)
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "draft"
    assert sorted(v["channel"] for v in body["variants"]) == ["linkedin", "x"]
    assert body["author"] == "author"
    assert body["current_revision"] is None


def test_create_refused_without_compose(team, api_of):
    """A viewer cannot create posts through the API."""
    response = post_json(api_of(team["viewer"]), "/api/posts", NEW_POST)
    assert response.status_code == 403
    assert "compose posts" in response.json()["detail"]
    assert Post.objects.count() == 0


def test_bad_channel_is_a_clear_error(team, api_of):
    """An unknown channel is refused with a detail naming it."""
    response = post_json(api_of(team["author"]), "/api/posts", {"title": "x", "variants": {"myspace": {"text": "hi"}}})
    assert response.status_code == 400
    assert "'myspace'" in response.json()["detail"]


def test_naive_time_is_refused(team, api_of):
    """A scheduled time without a timezone offset is refused."""
    body = NEW_POST | {"scheduled_at": "2030-01-01T09:00:00"}
    response = post_json(api_of(team["author"]), "/api/posts", body)
    assert response.status_code == 400
    assert "timezone" in response.json()["detail"]


def test_full_flow_through_the_api(team, api_of):
    """Create, submit, decide every task as the right people, then schedule; the status says so at each step."""
    author, specialist, manager = api_of(team["author"]), api_of(team["healthcare_content_specialist"]), api_of(team["social_media_manager"])
    post_id = post_json(author, "/api/posts", NEW_POST).json()["id"]
    submitted_body = post_json(author, f"/api/posts/{post_id}/submit").json()
    assert submitted_body["status"] == "in_review"
    assert [t["key"] for t in submitted_body["review"]["tasks"]] == ["clinical", "regulatory", "final"]
    assert submitted_body["current_revision"]["number"] == 1
    for client, key in ((specialist, "clinical"), (specialist, "regulatory"), (manager, "final")):
        tasks = client.get("/api/reviews/tasks").json()
        assert [t["key"] for t in tasks] == [key]
        response = post_json(client, f"/api/reviews/tasks/{tasks[0]['id']}/approve", {"comment": ""})
        assert response.status_code == 200, response.content
    status = author.get(f"/api/posts/{post_id}").json()
    assert status["status"] == "approved"
    assert status["approved_revision"]["content_hash"] == status["current_revision"]["content_hash"]
    assert [t["approvals"] for t in status["review"]["tasks"]] == [["healthcare_content_specialist"]] * 2 + [["social_media_manager"]]
    when = (now() + timedelta(days=2)).isoformat()
    scheduled = post_json(manager, f"/api/posts/{post_id}/schedule", {"scheduled_at": when})
    assert scheduled.json()["status"] == "scheduled"


def test_request_changes_needs_a_comment(team, api_of):
    """Requesting changes without a comment is a 400 with a clear detail; with one it returns the post to its author."""
    post = submitted(team["author"])
    client = api_of(team["healthcare_content_specialist"])
    task = active_task(post)
    response = post_json(client, f"/api/reviews/tasks/{task.pk}/request-changes", {"comment": " "})
    assert response.status_code == 400
    assert "comment is required" in response.json()["detail"]
    response = post_json(client, f"/api/reviews/tasks/{task.pk}/request-changes", {"comment": "Cite the validation study."})
    assert response.json()["status"] == "changes_requested"
    comments = api_of(team["author"]).get(f"/api/posts/{post.pk}/comments").json()
    assert [c["body"] for c in comments] == ["Cite the validation study."]


def test_reject_with_comment(team, api_of):
    """Rejecting with a comment ends the review as rejected."""
    post = submitted(team["author"])
    response = post_json(api_of(team["healthcare_content_specialist"]), f"/api/reviews/tasks/{active_task(post).pk}/reject",
                         {"comment": "We do not comment on a competitor's recall."})
    assert response.json()["status"] == "rejected"


def test_self_approval_is_403(team, api_of, make_user):
    """A specialist who also writes cannot approve their own post: 403 with the reason."""
    writer = make_user("content_creator", "healthcare_content_specialist", username="writer")
    post = submitted(writer)
    response = post_json(api_of(writer), f"/api/reviews/tasks/{active_task(post).pk}/approve")
    assert response.status_code == 403
    assert "own post" in response.json()["detail"]


def test_wrong_capability_is_403(team, api_of):
    """The manager cannot do the clinical task: 403."""
    post = submitted(team["author"])
    response = post_json(api_of(team["social_media_manager"]), f"/api/reviews/tasks/{active_task(post).pk}/approve")
    assert response.status_code == 403
    assert "Clinical accuracy" in response.json()["detail"]


def test_unknown_task_is_404(team, api_of):
    """Deciding a task that does not exist is a 404 with a detail."""
    response = post_json(api_of(team["healthcare_content_specialist"]), "/api/reviews/tasks/999/approve")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_waiting_task_is_400(team, api_of):
    """Deciding a task that is not active yet is refused with the reason."""
    post = submitted(team["author"])
    later = post.workflows.first().tasks.get(key="regulatory")
    response = post_json(api_of(team["healthcare_content_specialist"]), f"/api/reviews/tasks/{later.pk}/approve")
    assert response.status_code == 400
    assert "not waiting for a decision" in response.json()["detail"]


def test_submit_twice_is_400(team, api_of):
    """A post already in review cannot be submitted again."""
    post = submitted(team["author"])
    response = post_json(api_of(team["author"]), f"/api/posts/{post.pk}/submit")
    assert response.status_code == 400
    assert "in review" in response.json()["detail"]


def test_edit_after_approval_reopens_review_via_api(team, api_of):
    """PUT with changed content on an approved post makes revision 2 and restarts review; the approval is gone."""
    post = submitted(team["author"])
    approve_until(post, "final", team)
    from socialrx.server.actions.reviews import decide

    decide(team["social_media_manager"], active_task(post).pk, "approve")
    body = NEW_POST | {"title": post.title, "variants": {"linkedin": {"text": "A changed sentence, with a comma."}}}
    response = put_json(api_of(team["author"]), f"/api/posts/{post.pk}", body)
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["status"] == "in_review"
    assert data["current_revision"]["number"] == 2
    assert data["approved_revision"] is None
    assert data["review"]["tasks"][0]["status"] == "active"
    revisions = api_of(team["viewer"]).get(f"/api/posts/{post.pk}/revisions").json()
    assert [r["number"] for r in revisions] == [2, 1]
    assert revisions[0]["content"]["variants"][0]["text"] == "A changed sentence, with a comma."
    assert revisions[0]["content_hash"] != revisions[1]["content_hash"]
    assert [r["approved"] for r in revisions] == [False, False]


def test_revisions_and_audit_trail(team, api_of):
    """Revisions carry content and hash; the audit trail lists the post's events in order with their labels."""
    post = submitted(team["author"])
    viewer = api_of(team["viewer"])
    revisions = viewer.get(f"/api/posts/{post.pk}/revisions").json()
    assert len(revisions) == 1 and len(revisions[0]["content_hash"]) == 64
    trail = viewer.get(f"/api/posts/{post.pk}/audit").json()
    assert [e["action"] for e in trail] == ["socialrx.post.create", "socialrx.post.submit"]
    assert trail[1]["revision_hash"] == revisions[0]["content_hash"]
    assert trail[1]["label"] == "Submitted a post for review"


def test_comment_on_a_span(team, api_of):
    """A reviewer comments on a span of the LinkedIn text; the quoted words are stored; replies thread."""
    post = submitted(team["author"])
    client = api_of(team["healthcare_content_specialist"])
    first = post_json(client, f"/api/posts/{post.pk}/comments",
                      {"body": "Say which tool.", "channel": "linkedin", "span_start": 0, "span_end": 6})
    assert first.status_code == 201
    assert first.json()["quoted"] == "How do"
    reply = post_json(api_of(team["author"]), f"/api/posts/{post.pk}/comments", {"body": "Done.", "parent_id": first.json()["id"]})
    assert reply.json()["parent_id"] == first.json()["id"]
    bad = post_json(client, f"/api/posts/{post.pk}/comments", {"body": "x", "channel": "linkedin", "span_start": 5, "span_end": 5000})
    assert bad.status_code == 400


def test_override_needs_permission_through_the_api(team, api_of):
    """Someone without the override permission is refused with 403; nothing to override is a 400 for the specialist."""
    post = draft(team["author"])
    assert post_json(api_of(team["social_media_manager"]), f"/api/posts/{post.pk}/override",
                     {"reason": "The figure is quoted from the label."}).status_code == 403
    response = post_json(api_of(team["healthcare_content_specialist"]), f"/api/posts/{post.pk}/override",
                         {"reason": "The figure is quoted from the label."})
    assert response.status_code == 400
    assert "no blocking finding" in response.json()["detail"]


def test_reads_need_sign_in(db, client):
    """Anonymous callers get 401 from every review endpoint."""
    assert client.get("/api/reviews/tasks").status_code == 401
    assert client.get("/api/posts").status_code == 401


def test_list_filters(team, api_of):
    """The post list filters by status and by author."""
    submitted(team["author"])
    draft(team["content_creator"], title="Another")
    client = api_of(team["content_creator"])
    assert [p["title"] for p in client.get("/api/posts?status=in_review").json()] == ["Validating AI triage tools"]
    assert [p["title"] for p in client.get("/api/posts?mine=true").json()] == ["Another"]


def test_expired_list(team, api_of):
    """The expired list names posts whose review ran out of time."""
    post = submitted(team["author"])
    Post.objects.filter(pk=post.pk).update(status=PostStatus.EXPIRED)
    assert [p["id"] for p in api_of(team["viewer"]).get("/api/reviews/expired").json()] == [post.pk]
