"""Review rules that must hold: revisions, self-approval, overrides, expiry, 'all' mode, fresh permissions,
the audit chain, notifications and e-mail."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.db import connection

from socialrx.core.strategy.loading import default_strategy_text
from socialrx.core.workflow import ReviewForbidden, ReviewRefused
from socialrx.server.actions import ActionError
from socialrx.server.actions.posts import PostInput, do_override_findings, update_post
from socialrx.server.actions.reviews import (
    decide,
    do_submit_post,
    expire_overdue_reviews,
    set_email_mode,
    submit_post,
)
from socialrx.server.actions.strategy import upload_strategy
from socialrx.server.actions.team import set_roles
from socialrx.server.lib.audit import verify_chain
from socialrx.server.lib.notify import send_digests
from socialrx.server.models import AuditEvent, Notification, Post, PostStatus, Profile, WorkflowStatus
from tests.server.test_reviews_support import (  # noqa: F401
    LINKEDIN_TEXT,
    X_THREAD,
    active_task,
    approve_until,
    client_of,
    draft,
    fully_approved,
    make_person,
    submitted,
    team_fixture,
)

pytestmark = pytest.mark.django_db
NEW_YORK = ZoneInfo("America/New_York")
BLOCKED_TEXT = "Patient John Smith, DOB 03/04/1961, was triaged by our AI in four minutes."
REASON = "Quoted with the patient's signed HIPAA authorization, reference A-1043."


def edit_text(user, post: Post, text: str, **changes) -> Post:
    """Edit the LinkedIn text of a post, keeping everything else."""
    variants = {v.channel: {k: val for k, val in v.snapshot().items() if k != "channel"} for v in post.variants.all()}
    variants["linkedin"]["text"] = text
    labels = {"title": post.title, "scheduled_at": post.scheduled_at, "is_paid": post.is_paid} | changes
    return update_post(user, post, PostInput(variants=variants, **labels))


# --- revisions ----------------------------------------------------------------------------------------------


def test_submit_freezes_a_revision_with_its_hash(team):
    """Submitting records revision 1 with the exact content and its hash, and starts clinical review."""
    post = submitted(team["author"])
    revision = post.current_revision
    assert (revision.number, post.status) == (1, PostStatus.IN_REVIEW)
    assert revision.content["variants"][0]["channel"] == "linkedin"
    assert len(revision.content_hash) == 64
    assert active_task(post).key == "clinical"
    assert AuditEvent.objects.filter(action="socialrx.post.submit", revision_hash=revision.content_hash).exists()


def test_edit_after_approval_reopens_review_on_a_new_revision(team):
    """Changing one comma after approval makes revision 2, restarts review, and the old approval no longer counts."""
    post = fully_approved(submitted(team["author"]), team)
    old_revision, old_workflow = post.approved_revision, post.workflows.first()
    assert post.status == PostStatus.APPROVED
    post = edit_text(team["author"], post, post.variants.get(channel="linkedin").text.replace(":", ","))
    assert post.status == PostStatus.IN_REVIEW
    assert post.approved_revision is None
    assert post.current_revision.number == 2
    assert post.current_revision.content_hash != old_revision.content_hash
    old_workflow.refresh_from_db()
    assert old_workflow.status == WorkflowStatus.APPROVED  # history stays, but it approved revision 1 only
    assert [t.status for t in post.workflows.first().tasks.order_by("order")] == ["active", "waiting", "waiting"]
    assert AuditEvent.objects.filter(action="socialrx.post.resubmit", revision_hash=post.current_revision.content_hash).exists()


def test_edit_of_a_scheduled_post_reopens_review(team):
    """A scheduled post whose content changes goes back to review and loses its approval."""
    post = submitted(team["author"], scheduled_at=datetime.now(NEW_YORK) + timedelta(days=5))
    post = fully_approved(post, team)
    assert post.status == PostStatus.SCHEDULED
    post = edit_text(team["author"], post, "A new opening line. " + post.variants.get(channel="linkedin").text)
    assert (post.status, post.approved_revision) == (PostStatus.IN_REVIEW, None)


def test_edit_under_review_cancels_the_running_workflow(team):
    """Editing content mid-review cancels the running workflow; a decision on its task is refused."""
    post = submitted(team["author"])
    old_task = active_task(post)
    post = edit_text(team["author"], post, "Completely rewritten text about AI triage validation.")
    assert post.workflows.get(pk=old_task.workflow_id).status == WorkflowStatus.CANCELLED
    with pytest.raises(ReviewRefused, match="not waiting|review is over"):
        decide(team["healthcare_content_specialist"], old_task.pk, "approve")
    assert post.current_revision.number == 2


def test_edit_without_content_change_keeps_the_approval(team):
    """Changing only a label (campaign) leaves the approved revision in force."""
    post = fully_approved(submitted(team["author"]), team)
    post = edit_text(team["author"], post, post.variants.get(channel="linkedin").text, campaign="Q4 validation series")
    assert post.status == PostStatus.APPROVED
    assert post.approved_revision.number == 1


def test_reviser_cannot_approve_the_revision_they_made(team, make_user):
    """A specialist who also composes and edits someone's approved post cannot approve the new revision."""
    editor = make_user("content_creator", "healthcare_content_specialist", username="editor")
    post = fully_approved(submitted(team["author"]), team)
    post = edit_text(editor, post, "An edited opening. " + post.variants.get(channel="linkedin").text)
    with pytest.raises(ReviewForbidden, match="own post"):
        decide(editor, active_task(post).pk, "approve")


# --- self-approval and decisions ----------------------------------------------------------------------------------


def test_self_approval_is_refused_on_the_page(team, make_user):
    """On the page, the author's own approval is refused with the reason, and the task stays open."""
    writer = make_user("content_creator", "healthcare_content_specialist", username="writer")
    post = submitted(writer)
    client = client_of(writer)
    assert b'name="decision" value="approve"' not in client.get(f"/posts/{post.pk}/").content
    response = client.post(f"/reviews/tasks/{active_task(post).pk}/decide/", {"decision": "approve"}, follow=True)
    assert "Nobody reviews or approves their own post." in [str(m) for m in response.context["messages"]]
    assert active_task(post).key == "clinical"


def test_changes_requested_then_resubmitted(team):
    """Changes requested return the post to its author with the comment; the edit and resubmission make revision 2."""
    post = submitted(team["author"])
    decide(team["healthcare_content_specialist"], active_task(post).pk, "request_changes", "Name the study you cite.")
    post.refresh_from_db()
    assert post.status == PostStatus.CHANGES_REQUESTED
    assert post.comments.get().body == "Name the study you cite."
    post = edit_text(team["author"], post, "Per the 2024 JAMA validation study, " + post.variants.get(channel="linkedin").text)
    assert post.status == PostStatus.CHANGES_REQUESTED
    submit_post(team["author"], post)
    post.refresh_from_db()
    assert (post.status, post.current_revision.number) == (PostStatus.IN_REVIEW, 2)


def test_paid_post_gets_the_ads_owner_task(team):
    """A paid post gets the ads-owner sign-off before final approval, done by someone who manages publishing."""
    post = submitted(team["author"], is_paid=True, text=LINKEDIN_TEXT + " #ad", thread=[part + " #ad" for part in X_THREAD])
    keys = list(post.workflows.first().tasks.order_by("order").values_list("key", flat=True))
    assert keys == ["clinical", "regulatory", "ads_owner", "final"]
    task = approve_until(post, "ads_owner", team)
    with pytest.raises(ReviewForbidden):
        decide(team["healthcare_content_specialist"], task.pk, "approve")
    decide(team["social_media_manager"], task.pk, "approve")
    assert active_task(post).key == "final"


# --- overrides ------------------------------------------------------------------------------------------------------


def test_blocking_finding_stops_submission(team):
    """Content with a blocking finding cannot be submitted until it is fixed or overridden."""
    post = draft(team["author"], text=BLOCKED_TEXT)
    with pytest.raises(ActionError, match="blocking compliance finding"):
        submit_post(team["author"], post)
    assert Post.objects.get(pk=post.pk).status == PostStatus.DRAFT


def test_override_needs_the_permission(team):
    """Only a role with override_compliance can override; the manager is refused."""
    from django.core.exceptions import PermissionDenied

    post = draft(team["author"], text=BLOCKED_TEXT)
    with pytest.raises(PermissionDenied, match="override permission"):
        do_override_findings(team["social_media_manager"], post, REASON)
    assert Post.objects.get(pk=post.pk).override_reason == ""


@pytest.mark.parametrize("reason", ["", "ok", "         "])
def test_override_needs_a_reason(team, reason):
    """An override without a written reason is refused."""
    post = draft(team["author"], text=BLOCKED_TEXT)
    with pytest.raises(ActionError, match="reason"):
        do_override_findings(team["healthcare_content_specialist"], post, reason)


def test_override_lets_the_post_into_review_and_is_recorded(team):
    """With an override and its reason, the post enters review; the revision and audit log carry the reason."""
    post = draft(team["author"], text=BLOCKED_TEXT)
    do_override_findings(team["healthcare_content_specialist"], post, REASON)
    submit_post(team["author"], post)
    post.refresh_from_db()
    assert post.status == PostStatus.IN_REVIEW
    assert (post.current_revision.verdict, post.current_revision.override_reason) == ("block", REASON)
    event = AuditEvent.objects.get(action="socialrx.compliance.override")
    assert event.data["reason"] == REASON and "phi.name" in event.data["rules"]


def test_override_holds_only_for_the_content_it_was_given_on(team):
    """Changing blocked content after an override needs a new override."""
    post = draft(team["author"], text=BLOCKED_TEXT)
    do_override_findings(team["healthcare_content_specialist"], post, REASON)
    post = edit_text(team["author"], post, BLOCKED_TEXT + " Book a demo.")
    with pytest.raises(ActionError, match="blocking compliance finding"):
        submit_post(team["author"], post)


# --- expiry ----------------------------------------------------------------------------------------------------------


def test_review_expires_at_the_scheduled_time(team):
    """A review unfinished at the post's time moves it to expired approvals, not to publishing."""
    start = datetime(2025, 6, 2, 9, 0, tzinfo=NEW_YORK)
    with time_machine.travel(start, tick=False) as clock:
        post = submitted(team["author"], scheduled_at=start + timedelta(hours=6))
        decide(team["healthcare_content_specialist"], active_task(post).pk, "approve")
        assert active_task(post).due_at == start + timedelta(hours=6)  # due no later than the post's time
        clock.move_to(start + timedelta(hours=5, minutes=59))
        assert expire_overdue_reviews() == 0
        clock.move_to(start + timedelta(hours=6))
        assert expire_overdue_reviews() == 1
        assert expire_overdue_reviews() == 0
    post.refresh_from_db()
    assert post.status == PostStatus.EXPIRED
    workflow = post.workflows.first()
    assert workflow.status == WorkflowStatus.EXPIRED
    assert list(workflow.tasks.order_by("order").values_list("status", flat=True)) == ["approved", "expired", "expired"]
    event = AuditEvent.objects.get(action="socialrx.review.expire")
    assert (event.actor_label, event.revision_hash) == ("system", post.current_revision.content_hash)
    assert Notification.objects.filter(kind="review.expired", user=team["author"]).exists()
    assert Notification.objects.filter(kind="review.expired", user=team["social_media_manager"]).exists()


def test_finished_review_does_not_expire(team):
    """An approved, scheduled post is left alone when its time comes."""
    start = datetime(2025, 6, 2, 9, 0, tzinfo=NEW_YORK)
    with time_machine.travel(start, tick=False) as clock:
        post = fully_approved(submitted(team["author"], scheduled_at=start + timedelta(hours=2)), team)
        clock.move_to(start + timedelta(hours=3))
        assert expire_overdue_reviews() == 0
    assert Post.objects.get(pk=post.pk).status == PostStatus.SCHEDULED


def test_expired_post_can_be_resubmitted(team):
    """An expired post is edited to a new time and submitted again on a new revision."""
    start = datetime(2025, 6, 2, 9, 0, tzinfo=NEW_YORK)
    with time_machine.travel(start, tick=False) as clock:
        post = submitted(team["author"], scheduled_at=start + timedelta(hours=1))
        clock.move_to(start + timedelta(hours=1))
        expire_overdue_reviews()
        post = edit_text(team["author"], Post.objects.get(pk=post.pk), "Rewritten. " + post.variants.get(channel="linkedin").text,
                         scheduled_at=start + timedelta(days=2))
        submit_post(team["author"], post)
    post.refresh_from_db()
    assert (post.status, post.current_revision.number) == (PostStatus.IN_REVIEW, 2)


def test_expired_list_on_the_review_page(team):
    """The review page lists expired approvals."""
    post = submitted(team["author"])
    Post.objects.filter(pk=post.pk).update(status=PostStatus.EXPIRED)
    response = client_of(team["viewer"]).get("/reviews/")
    assert list(response.context["expired"]) == [Post.objects.get(pk=post.pk)]


# --- "all" mode ----------------------------------------------------------------------------------------------------


@pytest.fixture
def all_mode_strategy(team):
    """The seed strategy with clinical review needing every specialist."""
    text = default_strategy_text().replace(
        "{key: clinical, name: Clinical accuracy, capability: review_clinical, due_hours: 24}",
        "{key: clinical, name: Clinical accuracy, capability: review_clinical, due_hours: 24, mode: all}",
    )
    assert "mode: all" in text
    return upload_strategy(team["social_media_manager"], text, filename="all.yaml", note="every specialist")


def test_all_mode_needs_every_holder(team, all_mode_strategy):
    """In mode 'all' the clinical task waits for every specialist named at the start, each once."""
    second = make_person("second_specialist", "healthcare_content_specialist")
    post = submitted(team["author"])
    task = active_task(post)
    assert task.mode == "all"
    assert sorted(task.required_user_ids) == sorted([team["healthcare_content_specialist"].pk, second.pk])
    decide(team["healthcare_content_specialist"], task.pk, "approve")
    assert active_task(post).key == "clinical"
    with pytest.raises(ReviewRefused, match="already approved"):
        decide(team["healthcare_content_specialist"], task.pk, "approve")
    decide(second, task.pk, "approve")
    assert active_task(post).key == "regulatory"


def test_all_mode_ignores_holders_added_later(team, all_mode_strategy):
    """Someone given the role after review started is not one of the named approvers."""
    post = submitted(team["author"])
    late = make_person("late_specialist", "healthcare_content_specialist")
    with pytest.raises(ReviewForbidden, match="named when review started"):
        decide(late, active_task(post).pk, "approve")


# --- permissions at the moment of action --------------------------------------------------------------------------


def test_removed_role_is_refused_on_the_next_request(team):
    """A specialist whose role is removed between two requests is refused on the second (page and API)."""
    specialist = team["healthcare_content_specialist"]
    post = submitted(team["author"])
    client = client_of(specialist)
    assert b'value="approve"' in client.get(f"/posts/{post.pk}/").content
    set_roles(team["social_media_manager"], specialist, ["viewer"])
    response = client.post(f"/reviews/tasks/{active_task(post).pk}/decide/", {"decision": "approve"}, follow=True)
    assert any("do not allow" in str(m) for m in response.context["messages"])
    assert active_task(post).key == "clinical"


def test_removed_role_is_refused_on_the_same_user_object(team):
    """decide() reads capabilities afresh, even when the caller's user object has cached its permissions."""
    specialist = team["healthcare_content_specialist"]
    post = submitted(team["author"])
    assert specialist.has_perm("socialrx.review_clinical")  # caches permissions on this object
    set_roles(team["social_media_manager"], specialist, ["viewer"])
    with pytest.raises(ReviewForbidden):
        decide(specialist, active_task(post).pk, "approve")


def test_deactivated_reviewer_is_refused(team):
    """A person switched off cannot decide, even holding the role."""
    specialist = team["healthcare_content_specialist"]
    post = submitted(team["author"])
    type(specialist).objects.filter(pk=specialist.pk).update(is_active=False)
    with pytest.raises(ReviewForbidden):
        decide(specialist, active_task(post).pk, "approve")


# --- audit chain ------------------------------------------------------------------------------------------------------


def test_review_history_keeps_the_audit_chain_intact(team):
    """A full review writes chained events that verify, each decision naming the revision hash."""
    post = fully_approved(submitted(team["author"]), team)
    report = verify_chain()
    assert report.ok is True and report.checked == AuditEvent.objects.count()
    approvals = AuditEvent.objects.filter(action="socialrx.review.approve", object_id=str(post.pk))
    assert {e.revision_hash for e in approvals} == {post.approved_revision.content_hash}
    assert [e.data["task"] for e in approvals.order_by("id")] == ["clinical", "regulatory", "final"]


def test_audit_chain_detects_an_edited_approval(team):
    """Rewriting who approved in the database breaks the chain at that entry."""
    fully_approved(submitted(team["author"]), team)
    target = AuditEvent.objects.filter(action="socialrx.review.approve").order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET data = %s WHERE id = %s", ['{"task": "final"}', target.pk])
    report = verify_chain()
    assert (report.ok, report.first_bad_id) == (False, target.pk)


# --- notifications and e-mail --------------------------------------------------------------------------------------


def test_assignment_notifies_and_emails_the_reviewers(team, django_capture_on_commit_callbacks):
    """Submitting notifies the holders of the first task in the app and by e-mail, not the author."""
    with django_capture_on_commit_callbacks(execute=True):
        post = submitted(team["author"])
    note = Notification.objects.get(kind="review.assigned")
    assert note.user == team["healthcare_content_specialist"]
    assert note.url == f"/posts/{post.pk}/"
    assert [m.to for m in mail.outbox] == [["healthcare_content_specialist@example.org"]]
    assert "clinical accuracy" in mail.outbox[0].subject
    assert note.post == post and Notification.objects.get(pk=note.pk).emailed_at is not None


def test_each_outcome_notifies_the_author(team, django_capture_on_commit_callbacks):
    """Changes requested, rejection and approval each reach the author in the app and by e-mail."""
    with django_capture_on_commit_callbacks(execute=True):
        first = submitted(team["author"], title="One")
        decide(team["healthcare_content_specialist"], active_task(first).pk, "request_changes", "Cite the study.")
        second = submitted(team["author"], title="Two")
        decide(team["healthcare_content_specialist"], active_task(second).pk, "reject", "Off strategy.")
        fully_approved(submitted(team["author"], title="Three"), team)
    kinds = set(Notification.objects.filter(user=team["author"]).values_list("kind", flat=True))
    assert {"review.changes_requested", "review.rejected", "review.approved"} <= kinds
    to_author = [m.subject for m in mail.outbox if m.to == ["author@example.org"]]
    assert any("Changes requested on 'One': Cite the study." in s for s in to_author)
    assert any("'Two' was rejected" in s for s in to_author)
    assert any("'Three' is approved" in s for s in to_author)


def test_email_off_sends_nothing_but_notifies_in_app(team, django_capture_on_commit_callbacks):
    """With e-mail off, notifications still appear in the app."""
    set_email_mode(team["healthcare_content_specialist"], "off")
    with django_capture_on_commit_callbacks(execute=True):
        submitted(team["author"])
    assert Notification.objects.filter(user=team["healthcare_content_specialist"]).count() == 1
    assert mail.outbox == []


def test_digest_mode_batches(team, django_capture_on_commit_callbacks):
    """A digest reader gets no e-mail per event, then one e-mail listing everything pending."""
    set_email_mode(team["healthcare_content_specialist"], "digest")
    with django_capture_on_commit_callbacks(execute=True):
        submitted(team["author"], title="First")
        submitted(team["author"], title="Second")
    assert mail.outbox == []
    assert send_digests() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert "'First' needs clinical accuracy" in body and "'Second' needs clinical accuracy" in body
    assert mail.outbox[0].subject == "[socialrx] 2 update(s)"
    assert send_digests() == 0  # nothing new to send
    assert Profile.objects.get(user=team["healthcare_content_specialist"]).digest_sent_at is not None


def test_email_preference_page(team):
    """A person changes their e-mail preference on the notifications page; the change is audited."""
    client = client_of(team["viewer"])
    assert b"My settings" in client.get("/notifications/").content
    client.post("/notifications/email/", {"email_mode": "digest"})
    assert Profile.objects.get(user=team["viewer"]).email_mode == "digest"
    assert AuditEvent.objects.filter(action="socialrx.profile.email_mode", actor=team["viewer"]).exists()
    response = client.post("/notifications/email/", {"email_mode": "carrier-pigeon"}, follow=True)
    assert any("choose one of" in str(m) for m in response.context["messages"])
    assert Profile.objects.get(user=team["viewer"]).email_mode == "digest"


def test_comment_notifies_the_author(team):
    """A reviewer's comment reaches the author."""
    from socialrx.server.actions.reviews import add_comment

    post = submitted(team["author"])
    add_comment(team["healthcare_content_specialist"], post, "Which vendor?", channel="linkedin", span=(0, 6))
    assert Notification.objects.filter(user=team["author"], kind="comment").exists()


def test_do_submit_requires_compose(team):
    """Submitting needs the compose permission."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        do_submit_post(team["viewer"], draft(team["author"]))
