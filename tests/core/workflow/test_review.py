"""Review workflow rules: task selection and order, who may decide, and what each decision does."""

from __future__ import annotations

import pytest

from socialrx.core.strategy.schema import ReviewRule, ReviewSelector, ReviewSettings, ReviewTaskSpec
from socialrx.core.workflow import (
    PostFacts,
    ReviewForbidden,
    ReviewRefused,
    TaskState,
    active_index,
    apply_decision,
    check_decision,
    check_override,
    check_submission,
    start_tasks,
    tasks_for,
)

CLINICAL = ReviewTaskSpec(key="clinical", name="Clinical accuracy", capability="review_clinical")
REGULATORY = ReviewTaskSpec(key="regulatory", name="Regulatory compliance", capability="review_regulatory")
FINAL = ReviewTaskSpec(key="final", name="Final approval", capability="approve_final", due_hours=8)
PATIENT = ReviewTaskSpec(key="patient_authorization", name="Patient authorization", capability="review_regulatory")
ADS = ReviewTaskSpec(key="ads_owner", name="Ads owner sign-off", capability="manage_publishing")
LEGAL = ReviewTaskSpec(key="crisis_legal", name="Legal sign-off", capability="sign_off_legal", due_hours=1)

SETTINGS = ReviewSettings(
    tasks=(CLINICAL, REGULATORY, FINAL),
    rules=(
        ReviewRule(name="Customer stories", when=ReviewSelector(pillars=("customer_success",), patient_story=True),
                   tasks=(PATIENT,)),
        ReviewRule(name="Paid posts", when=ReviewSelector(paid=True), tasks=(ADS,)),
        ReviewRule(name="X only", when=ReviewSelector(platforms=("x",), content_types=("thread",)), tasks=(LEGAL,)),
    ),
    crisis_tasks=(CLINICAL, LEGAL, FINAL),
)

AUTHOR, ALICE, BOB, CAROL = 1, 2, 3, 4
REVIEWER_CAPS = frozenset({"review_clinical", "review_regulatory"})


def keys(specs) -> list[str]:
    return [s.key for s in specs]


def task(*, mode: str = "any", status: str = "active", required=(), approvals=(), capability="review_clinical") -> TaskState:
    return TaskState(key="clinical", name="Clinical accuracy", capability=capability, mode=mode, status=status,
                     required=frozenset(required), approvals=frozenset(approvals))


def check(t: TaskState, *, actor=ALICE, caps=REVIEWER_CAPS, authors=frozenset({AUTHOR}), decision="approve", comment=""):
    check_decision(t, actor_id=actor, actor_capabilities=caps, author_ids=authors, decision=decision, comment=comment)


# --- which tasks, in which order -------------------------------------------------------------


def test_plain_post_gets_the_base_tasks_in_order():
    """A post no rule selects gets clinical, regulatory, then final approval."""
    assert keys(tasks_for(SETTINGS, PostFacts(pillar="thought_leadership"))) == ["clinical", "regulatory", "final"]


def test_default_settings_follow_the_seed_team_structure():
    """Without configuration the workflow is clinical accuracy, regulatory compliance, final approval."""
    assert keys(tasks_for(ReviewSettings(), PostFacts())) == ["clinical", "regulatory", "final"]


def test_rule_tasks_go_before_final_approval():
    """A patient story in the customer-success pillar gets its authorization check before final approval."""
    facts = PostFacts(pillar="customer_success", patient_story=True)
    assert keys(tasks_for(SETTINGS, facts)) == ["clinical", "regulatory", "patient_authorization", "final"]


def test_every_matching_rule_adds_its_tasks_in_rule_order():
    """A paid patient story gets both extra tasks, in the order the rules are written."""
    facts = PostFacts(pillar="customer_success", patient_story=True, paid=True)
    assert keys(tasks_for(SETTINGS, facts)) == ["clinical", "regulatory", "patient_authorization", "ads_owner", "final"]


def test_a_selector_needs_every_given_condition():
    """A customer-success post that is not a patient story does not get the authorization check."""
    assert "patient_authorization" not in keys(tasks_for(SETTINGS, PostFacts(pillar="customer_success")))
    assert "patient_authorization" not in keys(tasks_for(SETTINGS, PostFacts(pillar="education", patient_story=True)))


def test_platform_selector_matches_any_of_the_post_channels():
    """A platform selector matches when any of the post's channels is listed, with the content type too."""
    on_x = PostFacts(channels=frozenset({"linkedin", "x"}), content_type="thread")
    assert "crisis_legal" in keys(tasks_for(SETTINGS, on_x))
    assert "crisis_legal" not in keys(tasks_for(SETTINGS, PostFacts(channels=frozenset({"linkedin"}), content_type="thread")))
    assert "crisis_legal" not in keys(tasks_for(SETTINGS, PostFacts(channels=frozenset({"x"}), content_type="video")))


def test_unpaid_post_skips_the_paid_rule():
    """paid: true selects only paid posts."""
    assert "ads_owner" not in keys(tasks_for(SETTINGS, PostFacts(paid=False)))


def test_rule_tasks_go_last_without_a_final_approval():
    """Without a final-approval task, rule tasks follow the base tasks."""
    settings = ReviewSettings(tasks=(CLINICAL,), rules=SETTINGS.rules)
    assert keys(tasks_for(settings, PostFacts(paid=True))) == ["clinical", "ads_owner"]


def test_crisis_uses_the_crisis_workflow():
    """In a crisis the crisis tasks replace the normal workflow and its rules."""
    assert keys(tasks_for(SETTINGS, PostFacts(paid=True), crisis=True)) == ["clinical", "crisis_legal", "final"]


def test_crisis_without_crisis_tasks_uses_the_normal_workflow():
    """With no crisis workflow configured, a crisis post goes through the normal tasks."""
    assert keys(tasks_for(ReviewSettings(), PostFacts(), crisis=True)) == ["clinical", "regulatory", "final"]


def test_seed_strategy_review_section():
    """The seed strategy names the three tasks and its two extra rules."""
    from socialrx.core.strategy.loading import default_strategy

    review = default_strategy().review
    assert keys(review.tasks) == ["clinical", "regulatory", "final"]
    story = PostFacts(pillar="customer_success", patient_story=True, paid=True)
    assert keys(tasks_for(review, story)) == ["clinical", "regulatory", "patient_authorization", "ads_owner", "final"]
    assert keys(review.crisis_tasks) == ["crisis_clinical", "crisis_legal", "crisis_final"]


# --- starting a workflow ---------------------------------------------------------------------------


def test_start_activates_the_first_task_only():
    """A new workflow has its first task active and the others waiting."""
    states = start_tasks((CLINICAL, REGULATORY, FINAL), {})
    assert [s.status for s in states] == ["active", "waiting", "waiting"]
    assert active_index(states) == 0


def test_start_names_every_holder_for_all_mode():
    """A task in mode "all" records every holder of its capability at the start; "any" records none."""
    every = CLINICAL.model_copy(update={"mode": "all"})
    states = start_tasks((every, FINAL), {"review_clinical": frozenset({ALICE, BOB}), "approve_final": frozenset({CAROL})})
    assert states[0].required == frozenset({ALICE, BOB})
    assert states[1].required == frozenset()


def test_start_refuses_an_empty_workflow():
    """A workflow without tasks cannot start."""
    with pytest.raises(ReviewRefused, match="no tasks"):
        start_tasks((), {})


def test_active_index_is_none_when_nothing_waits():
    """A finished workflow has no active task."""
    assert active_index((task(status="approved"), task(status="approved"))) is None


# --- who may decide ----------------------------------------------------------------------------------


def test_a_holder_may_approve():
    """A reviewer with the capability who did not write the post may approve."""
    check(task())


def test_self_approval_is_refused():
    """Nobody approves their own post, even holding the capability."""
    with pytest.raises(ReviewRefused, match="own post"):
        check(task(), actor=AUTHOR, caps=REVIEWER_CAPS)


def test_reviser_counts_as_an_author():
    """Whoever made the revision (not only the original author) may not approve it."""
    with pytest.raises(ReviewRefused, match="own post"):
        check(task(), actor=ALICE, authors=frozenset({AUTHOR, ALICE}))


def test_missing_capability_is_refused():
    """A content creator cannot do clinical review."""
    with pytest.raises(ReviewRefused, match="do not allow 'Clinical accuracy'"):
        check(task(), caps=frozenset({"compose_posts", "view_dashboards"}))


def test_capability_of_another_task_does_not_count():
    """Final approval rights do not allow a clinical decision."""
    with pytest.raises(ReviewRefused, match="review clinical"):
        check(task(), caps=frozenset({"approve_final"}))


@pytest.mark.parametrize("decision", ["request_changes", "reject"])
def test_comment_is_required_to_send_back(decision):
    """Requesting changes or rejecting needs a comment; blank space is not one."""
    with pytest.raises(ReviewRefused, match="comment is required"):
        check(task(), decision=decision, comment="   ")
    check(task(), decision=decision, comment="Cite the study for the 30% figure.")


def test_approval_needs_no_comment():
    """Approving without a comment is fine."""
    check(task(), decision="approve", comment="")


def test_unknown_decision_is_refused():
    """Only approve, request_changes and reject are decisions."""
    with pytest.raises(ReviewRefused, match="Unknown decision 'maybe'"):
        check(task(), decision="maybe")


@pytest.mark.parametrize("status", ["waiting", "approved", "cancelled", "expired", "rejected"])
def test_only_the_active_task_takes_decisions(status):
    """A task that is waiting or finished refuses decisions and says what it is."""
    with pytest.raises(ReviewRefused, match="not waiting for a decision"):
        check(task(status=status))


def test_double_approval_is_refused():
    """A person who already approved a task in mode "all" cannot approve it again."""
    with pytest.raises(ReviewRefused, match="already approved"):
        check(task(mode="all", required={ALICE, BOB}, approvals={ALICE}))


def test_all_mode_refuses_people_not_named_at_the_start():
    """In mode "all" only the holders named when review started may approve."""
    with pytest.raises(ReviewRefused, match="named when review started"):
        check(task(mode="all", required={BOB, CAROL}), actor=ALICE)


# --- what a decision does -------------------------------------------------------------------------------


def states(*statuses: str, mode: str = "any", required=()) -> tuple[TaskState, ...]:
    return tuple(task(status=s, mode=mode, required=required) for s in statuses)


def test_approve_moves_to_the_next_task():
    """Approving the active task activates the next one; the workflow goes on."""
    after, outcome = apply_decision(states("active", "waiting", "waiting"), actor_id=ALICE, decision="approve")
    assert [t.status for t in after] == ["approved", "active", "waiting"]
    assert after[0].approvals == frozenset({ALICE})
    assert outcome == "in_progress"


def test_approving_the_last_task_approves_the_workflow():
    """Approving the final task approves the whole workflow."""
    after, outcome = apply_decision(states("approved", "approved", "active"), actor_id=CAROL, decision="approve")
    assert [t.status for t in after] == ["approved", "approved", "approved"]
    assert outcome == "approved"


def test_all_mode_waits_for_every_named_holder():
    """A task in mode "all" stays active until every named holder has approved."""
    start = (task(mode="all", required={ALICE, BOB}), task(status="waiting"))
    after, outcome = apply_decision(start, actor_id=ALICE, decision="approve")
    assert [t.status for t in after] == ["active", "waiting"]
    assert outcome == "in_progress"
    with pytest.raises(ReviewRefused, match="already approved"):
        check(after[0], actor=ALICE)
    check(after[0], actor=BOB)
    after, outcome = apply_decision(after, actor_id=BOB, decision="approve")
    assert [t.status for t in after] == ["approved", "active"]
    assert after[0].approvals == frozenset({ALICE, BOB})


def test_any_mode_finishes_on_the_first_approval():
    """A task in mode "any" is done with one approval."""
    after, _ = apply_decision(states("active", "waiting"), actor_id=ALICE, decision="approve")
    assert after[0].status == "approved"


def test_request_changes_cancels_the_rest():
    """Requesting changes ends the workflow: the task is marked and the later tasks are cancelled."""
    after, outcome = apply_decision(states("approved", "active", "waiting"), actor_id=BOB, decision="request_changes")
    assert [t.status for t in after] == ["approved", "changes_requested", "cancelled"]
    assert outcome == "changes_requested"


def test_reject_cancels_the_rest():
    """Rejecting ends the workflow as rejected."""
    after, outcome = apply_decision(states("active", "waiting", "waiting"), actor_id=BOB, decision="reject")
    assert [t.status for t in after] == ["rejected", "cancelled", "cancelled"]
    assert outcome == "rejected"


def test_all_mode_request_changes_ends_at_once():
    """In mode "all" one holder requesting changes ends the task without waiting for the others."""
    start = (task(mode="all", required={ALICE, BOB}, approvals={ALICE}), task(status="waiting"))
    after, outcome = apply_decision(start, actor_id=BOB, decision="request_changes")
    assert [t.status for t in after] == ["changes_requested", "cancelled"]
    assert outcome == "changes_requested"


def test_apply_refuses_a_finished_workflow():
    """A workflow with no active task takes no decision."""
    with pytest.raises(ReviewRefused, match="No task is waiting"):
        apply_decision(states("approved", "approved"), actor_id=ALICE, decision="approve")


def test_decisions_do_not_change_the_input():
    """apply_decision returns new states and leaves the given ones as they were."""
    start = states("active", "waiting")
    apply_decision(start, actor_id=ALICE, decision="approve")
    assert [t.status for t in start] == ["active", "waiting"]


# --- submission and override -------------------------------------------------------------------------------


def test_blocking_verdict_stops_submission():
    """A blocking finding without an override stops the post from entering review."""
    with pytest.raises(ReviewRefused, match="blocking compliance finding"):
        check_submission(verdict="block", has_override=False)


@pytest.mark.parametrize(("verdict", "override"), [("block", True), ("review", False), ("info", False), ("pass", False)])
def test_other_verdicts_or_an_override_allow_submission(verdict, override):
    """Review-level findings, or a recorded override, let the post go to review."""
    check_submission(verdict=verdict, has_override=override)


def test_override_needs_the_permission():
    """Only a holder of override_compliance can override."""
    with pytest.raises(ReviewRefused, match="override permission"):
        check_override(actor_capabilities=frozenset({"approve_final"}), reason="Quoting the FDA label verbatim.", verdict="block")


@pytest.mark.parametrize("reason", ["", "   ", "ok fine"])
def test_override_needs_a_written_reason(reason):
    """An override without a sentence of reason is refused."""
    with pytest.raises(ReviewRefused, match="reason"):
        check_override(actor_capabilities=frozenset({"override_compliance"}), reason=reason, verdict="block")


def test_override_needs_a_blocking_finding():
    """There is nothing to override when nothing blocks."""
    with pytest.raises(ReviewRefused, match="no blocking finding"):
        check_override(actor_capabilities=frozenset({"override_compliance"}), reason="Quoting the label verbatim.", verdict="review")


def test_override_with_permission_and_reason_passes():
    """A holder with a written reason may override a blocking finding."""
    check_override(actor_capabilities=frozenset({"override_compliance"}), reason="Quoting the FDA label verbatim.", verdict="block")


def test_forbidden_refusals_are_told_apart_from_mistakes():
    """Missing rights and self-approval raise ReviewForbidden; a missing comment is a plain refusal."""
    with pytest.raises(ReviewForbidden):
        check(task(), actor=AUTHOR)
    with pytest.raises(ReviewForbidden):
        check(task(), caps=frozenset())
    with pytest.raises(ReviewForbidden):
        check_override(actor_capabilities=frozenset(), reason="Quoting the FDA label verbatim.", verdict="block")
    with pytest.raises(ReviewRefused) as refused:
        check(task(), decision="reject", comment="")
    assert not isinstance(refused.value, ReviewForbidden)
