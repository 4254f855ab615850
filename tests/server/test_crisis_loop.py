"""The crisis loop end to end through the actions: a non-manager drafts, other people review, the statement
goes out while everything else stays paused, and the report tells each statement's true state."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.test import Client

from socialrx.core.workflow import ReviewForbidden
from socialrx.server.actions import ActionError
from socialrx.server.actions.crisis import draft_statement, submit_statement
from socialrx.server.actions.publishing import check_publish_now, publish_now
from socialrx.server.actions.reviews import decide, submit_post
from socialrx.server.lib.relationships import statement_rows
from socialrx.server.models import JobStatus, OutboxEntry, PostStatus, PublishAccount, PublishJob
from socialrx.server.worker.publishing import publish_due_jobs, try_publish_one_due_job
from tests.server.test_crisis import due_post, empty_sandbox, open_real, team  # noqa: F401

pytestmark = pytest.mark.django_db


def sandbox_linkedin() -> None:
    from django.utils.timezone import now

    stamp = now()
    PublishAccount.objects.create(network="linkedin", name="Sandbox linkedin", sandbox=True,
                                  external_id="sandbox-linkedin", connected_at=stamp, updated_at=stamp)  # fmt: skip


def approve_all(people: dict, post) -> None:
    """Decide every crisis task as the role that owns it."""
    deciders = {"review_clinical": "healthcare_content_specialist", "sign_off_legal": "legal",
                "approve_final": "social_media_manager"}  # fmt: skip
    workflow = post.workflows.get(status="in_progress")
    for task in workflow.tasks.order_by("order"):
        decide(people[deciders[task.capability]], task.pk, "approve")


def test_community_manager_drafts_and_the_editor_submit_takes_the_crisis_review(team):  # noqa: F811
    """A community manager drafts a statement; submitting it from the editor starts the expedited crisis tasks."""
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge", update_by="5 pm")
    assert statement.post.author == team["community_manager"]
    workflow = submit_post(team["community_manager"], statement.post)
    assert workflow.is_crisis
    assert [t.key for t in workflow.tasks.order_by("order")] == ["crisis_clinical", "crisis_legal", "crisis_final"]
    assert all((t.due_at - workflow.started_at).total_seconds() <= 3600 for t in workflow.tasks.all())


def test_viewer_and_legal_may_not_draft_statements(team):  # noqa: F811
    """Drafting needs the compose permission: a viewer or legal is refused."""
    incident = open_real(team)
    for role in ("viewer", "legal"):
        with pytest.raises(PermissionDenied):
            draft_statement(team[role], incident, "acknowledge")


def test_the_drafter_cannot_approve_their_own_statement(team):  # noqa: F811
    """The manager drafts; the manager's final approval is refused as self-approval."""
    incident = open_real(team)
    statement = draft_statement(team["social_media_manager"], incident, "acknowledge")
    workflow = submit_statement(team["social_media_manager"], statement)
    tasks = list(workflow.tasks.order_by("order"))
    decide(team["healthcare_content_specialist"], tasks[0].pk, "approve")
    decide(team["legal"], tasks[1].pk, "approve")
    with pytest.raises(ReviewForbidden, match="own post"):
        decide(team["social_media_manager"], tasks[2].pk, "approve")


def test_approved_statement_is_released_while_other_posts_stay_paused(team):  # noqa: F811
    """Publish now releases an approved statement during crisis mode; a due normal post stays queued until the lift."""
    sandbox_linkedin()
    paused_post = due_post(team["content_creator"])
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge")
    submit_statement(team["community_manager"], statement)
    approve_all(team, statement.post)
    statement.post.refresh_from_db()
    assert statement.post.status == PostStatus.APPROVED
    assert [r.state for r in statement_rows(incident)] == ["approved, not published"]
    publish_now(team["social_media_manager"], statement.post)
    publish_due_jobs()
    statement.post.refresh_from_db()
    assert statement.post.status == PostStatus.PUBLISHED
    assert PublishJob.objects.get(post=paused_post).status == JobStatus.QUEUED
    assert try_publish_one_due_job() is False
    [row] = statement_rows(incident)
    assert row.state == "published" and {channel for channel, _ in row.links} == {"X", "LinkedIn"}
    assert OutboxEntry.objects.filter(job__post=statement.post).count() == 2


def test_publish_now_of_a_normal_post_is_refused_in_crisis_mode(team):  # noqa: F811
    """Publish now during crisis mode refuses a normal post with a clear message and queues nothing."""
    post = due_post(team["content_creator"])
    PublishJob.objects.filter(post=post).delete()
    open_real(team)
    with pytest.raises(ActionError, match="Crisis mode is on .* nothing was queued"):
        publish_now(team["social_media_manager"], post)
    assert not PublishJob.objects.filter(post=post).exists()


def test_releasing_a_statement_in_crisis_needs_the_crisis_permission(team):  # noqa: F811
    """Someone who may publish but not manage the crisis cannot release a statement during crisis mode."""
    from django.contrib.auth.models import Permission

    publisher = team["content_creator"]
    publisher.user_permissions.add(Permission.objects.get(codename="manage_publishing"))
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge")
    submit_statement(team["community_manager"], statement)
    approve_all(team, statement.post)
    statement.post.refresh_from_db()
    with pytest.raises(PermissionDenied):
        check_publish_now(publisher, statement.post)


def test_incident_page_and_report_show_statement_states(team):  # noqa: F811
    """The incident page and the report list a drafted statement as drafted and not published."""
    incident = open_real(team)
    draft_statement(team["community_manager"], incident, "acknowledge")
    client = Client()
    client.force_login(team["community_manager"])
    html = client.get(f"/crisis/{incident.pk}/").content.decode()
    assert 'class="status statement-state">drafted<' in html and "Send to crisis review" in html
    assert "Publish statement now" not in html
    report = client.get(f"/crisis/{incident.pk}/report.pdf")
    assert report.status_code == 200 and report["Content-Type"] == "application/pdf"
    report_html = render_to_string("socialrx/incident_report.html", {"incident": incident, "steps": [], "timeline": [],
                                                                       "statements": statement_rows(incident)})
    assert '<span class="statement-state">drafted</span>' in report_html and "(not published)" in report_html


def test_viewer_is_refused_drafting_and_submitting_on_the_incident_page(team):  # noqa: F811
    """The statement views refuse a viewer with 403 and change nothing."""
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge")
    client = Client()
    client.force_login(team["viewer"])
    assert client.post(f"/crisis/{incident.pk}/statements/", {"template": "acknowledge"}).status_code == 403
    assert client.post(f"/crisis/{incident.pk}/statements/{statement.pk}/submit/").status_code == 403
    assert incident.statements.count() == 1 and not statement.post.workflows.exists()


def test_approval_tells_the_crisis_team_and_the_api_release_works_while_others_are_refused(team, api_token_for):  # noqa: F811
    """The approved statement notifies who may release it; the API's publish-now releases it and refuses a normal post."""
    from socialrx.server.models import Notification

    sandbox_linkedin()
    normal = due_post(team["content_creator"])
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge")
    submit_statement(team["community_manager"], statement)
    approve_all(team, statement.post)
    assert Notification.objects.filter(user=team["social_media_manager"], message__startswith="Holding statement approved").exists()
    client = api_token_for(team["social_media_manager"])[0]
    refused = client.post(f"/api/publishing/posts/{normal.pk}/publish-now")
    assert refused.status_code == 400 and "nothing was queued" in refused.json()["detail"]
    released = client.post(f"/api/publishing/posts/{statement.post_id}/publish-now")
    assert released.status_code == 200, released.content
    assert {job["channel"] for job in released.json()} == {"x", "linkedin"}


def test_only_the_drafter_sends_a_statement_to_review(team):  # noqa: F811
    """The manager cannot submit the community manager's statement (that would bar the manager from approving it)."""
    incident = open_real(team)
    statement = draft_statement(team["community_manager"], incident, "acknowledge")
    with pytest.raises(ActionError, match="Only the statement's drafter"):
        submit_statement(team["social_media_manager"], statement)
    assert not statement.post.workflows.exists()
    client = Client()
    client.force_login(team["social_media_manager"])
    assert "Send to crisis review" not in client.get(f"/crisis/{incident.pk}/").content.decode()
