"""Crisis management through the actions: crisis mode, sign-offs by role, statements, drills, close."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils.timezone import now

from socialrx.connectors import sandbox
from socialrx.server.actions import ActionError
from socialrx.server.actions.crisis import (
    close_incident_now,
    complete_incident_step,
    crisis_mode_off,
    draft_statement,
    open_incident,
    sign_off_step,
    submit_statement,
)
from socialrx.server.actions.listening import add_manual_mention, ensure_default_queries
from socialrx.server.actions.posts import next_revision
from socialrx.server.actions.publishing import enqueue_post_jobs
from socialrx.server.models import (
    Alert,
    AuditEvent,
    Incident,
    JobStatus,
    OutboxEntry,
    Post,
    PostStatus,
    PublishAccount,
    PublishingSwitch,
    PublishJob,
    Variant,
)
from socialrx.server.worker.publishing import publish_due_jobs, try_publish_one_due_job

ROLES = ("social_media_manager", "community_manager", "legal", "executive", "healthcare_content_specialist",
         "content_creator", "viewer")  # fmt: skip


@pytest.fixture
def team(make_user, seed_strategy):
    """One person per role, keyed by role."""
    return {role: make_user(role, username=role) for role in ROLES}


@pytest.fixture(autouse=True)
def empty_sandbox():
    sandbox.reset()
    yield
    sandbox.reset()


def due_post(author) -> Post:
    """An approved post due a second ago with its publish job queued on the sandbox X account."""
    stamp = now()
    PublishAccount.objects.get_or_create(network="x", sandbox=True, defaults={
        "name": "Sandbox x", "external_id": "sandbox-x", "connected_at": stamp, "updated_at": stamp})
    post = Post.objects.create(title="Flu clinic", author=author, created_at=stamp, updated_at=stamp,
                               scheduled_at=stamp - timedelta(seconds=1), status=PostStatus.SCHEDULED)
    Variant.objects.create(post=post, channel="x", text="Flu clinics open Saturday.")
    post.current_revision = post.approved_revision = next_revision(author, post, verdict="pass", findings=[])
    post.save()
    enqueue_post_jobs(post, due_at=post.scheduled_at)
    return post


def open_real(team, **fields) -> Incident:
    values = {"title": "Misread scan claim", "summary": "A viral post says our triage tool misread a scan.",
              "reported_by": "Dr Kim (on-call)"} | fields
    return open_incident(team["social_media_manager"], **values)


def run_step(team, incident: Incident, order: int) -> None:
    step = incident.steps.get(order=order)
    for role in step.sign_off_roles:
        sign_off_step(team[role], incident, order, role)
    complete_incident_step(team[step.owner_roles[0]], incident, order)


def test_crisis_mode_pauses_a_due_post_and_closing_resumes_it(team):
    """An incident pauses publishing: the due post stays queued; closing it lifts crisis mode and the post goes out."""
    post = due_post(team["content_creator"])
    incident = open_real(team)
    switch = PublishingSwitch.objects.get(pk=1)
    assert switch.paused and switch.crisis and switch.incident_id == incident.pk
    assert try_publish_one_due_job() is False
    assert PublishJob.objects.get(post=post).status == JobStatus.QUEUED and not OutboxEntry.objects.exists()
    for order in range(1, 6):
        run_step(team, incident, order)
    close_incident_now(team["social_media_manager"], incident)
    assert not PublishingSwitch.objects.get(pk=1).paused
    publish_due_jobs()
    assert PublishJob.objects.get(post=post).status == JobStatus.SENT and OutboxEntry.objects.count() == 1
    actions = list(AuditEvent.objects.filter(object_type="incident").values_list("action", flat=True))
    assert actions.count("socialrx.crisis.sign_off") == 7 and actions.count("socialrx.crisis.step_complete") == 5
    assert "socialrx.crisis.open" in actions and "socialrx.crisis.close" in actions


def test_a_drill_runs_the_protocol_without_pausing_anything(team):
    """A drill opens with every step but publishing stays on and the due post is published."""
    post = due_post(team["content_creator"])
    drill = open_real(team, drill=True, title="Quarterly drill")
    assert drill.steps.count() == 5 and not drill.paused_publishing
    assert not PublishingSwitch.objects.filter(pk=1, paused=True).exists()
    assert try_publish_one_due_job() is True
    assert PublishJob.objects.get(post=post).status == JobStatus.SENT
    for order in range(1, 6):
        run_step(team, drill, order)
    close_incident_now(team["social_media_manager"], drill)
    assert Incident.objects.get(pk=drill.pk).status == "closed"


@pytest.mark.parametrize("order", [1, 2, 3, 4, 5])
def test_every_step_sign_off_is_refused_for_the_wrong_role(team, order):
    """Each sign-off of each step is refused for every person holding another role; the right one succeeds."""
    incident = open_real(team)
    for earlier in range(1, order):
        run_step(team, incident, earlier)
    step = incident.steps.get(order=order)
    for role in step.sign_off_roles:
        for wrong in set(ROLES) - {role}:
            with pytest.raises(PermissionDenied):
                sign_off_step(team[wrong], incident, order, role)
        sign_off_step(team[role], incident, order, role)
    assert step.sign_offs.count() == len(step.sign_off_roles)


def test_step_two_needs_legal_clinical_and_executive(team):
    """Step 2 is not completed with only the legal sign-off."""
    incident = open_real(team)
    run_step(team, incident, 1)
    sign_off_step(team["legal"], incident, 2, "legal")
    with pytest.raises(ActionError, match="healthcare_content_specialist, executive"):
        complete_incident_step(team["social_media_manager"], incident, 2)


def test_only_the_crisis_permission_opens_closes_and_lifts(team):
    """A community manager cannot open an incident or lift crisis mode; closing early is refused."""
    with pytest.raises(PermissionDenied):
        open_real(team | {"social_media_manager": team["community_manager"]})
    incident = open_real(team)
    with pytest.raises(PermissionDenied):
        crisis_mode_off(team["community_manager"])
    with pytest.raises(ActionError, match="not completed"):
        close_incident_now(team["social_media_manager"], incident)


def test_an_incident_from_a_listening_alert(team):
    """A crisis alert from listening is the incident's trigger."""
    ensure_default_queries(team["community_manager"])
    add_manual_mention(team["community_manager"], text="Patient harmed: Healthcare AI gave an unsafe dose recommendation")
    alert = Alert.objects.get()
    incident = open_incident(team["social_media_manager"], title="Unsafe dose claim", summary="See alert", alert_id=alert.pk)
    assert incident.alert == alert


def test_holding_statement_goes_through_the_expedited_crisis_review(team):
    """A statement drafted from a template is a post whose review is the strategy's crisis tasks."""
    incident = open_real(team)
    statement = draft_statement(team["social_media_manager"], incident, "acknowledge", update_by="5 pm")
    assert "We are aware of reports about Misread scan claim" in statement.post.variants.get(channel="x").text
    workflow = submit_statement(team["social_media_manager"], statement)
    assert workflow.is_crisis
    assert list(workflow.tasks.values_list("key", flat=True)) == ["crisis_clinical", "crisis_legal", "crisis_final"]
    with pytest.raises(ActionError):
        draft_statement(team["social_media_manager"], incident, "no-such-template")


def test_api_runs_an_incident_and_refuses_the_wrong_role(team, api_token_for):
    """Open, sign off, advance over the API; a viewer's sign-off is 403; crisis mode status and lift."""
    manager_api = api_token_for(team["social_media_manager"])[0]
    viewer_api = api_token_for(team["viewer"])[0]
    opened = manager_api.post("/api/crisis/incidents", {"title": "Claim", "summary": "s", "reported_by": "Dr Kim"},
                              content_type="application/json").json()
    assert manager_api.get("/api/crisis/mode").json()["crisis"] is True
    url = f"/api/crisis/incidents/{opened['id']}/steps/1"
    assert viewer_api.post(f"{url}/sign-off", {"role": "social_media_manager"}, content_type="application/json").status_code == 403
    assert manager_api.post(f"{url}/sign-off", {"role": "social_media_manager"}, content_type="application/json").status_code == 200
    body = manager_api.post(f"{url}/complete").json()
    assert body["steps"][1]["started_at"] is not None
    assert viewer_api.post("/api/crisis/mode", {"on": False}, content_type="application/json").status_code == 403
    assert manager_api.post("/api/crisis/mode", {"on": False}, content_type="application/json").json()["paused"] is False
    assert viewer_api.get("/api/relationships/contacts").status_code == 403
    assert manager_api.post("/api/relationships/contacts/import", {"csv": "name,tier\nA,9\n"},
                            content_type="application/json").status_code == 400
