"""The crisis protocol state machine: steps in order, sign-offs by role, owners, overdue steps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from socialrx.core.relationships import (
    CrisisForbidden,
    CrisisRefused,
    close_incident,
    complete_step,
    sign_off,
    start_protocol,
)
from socialrx.core.strategy import default_strategy

PROTOCOL = default_strategy().crisis.protocol
T0 = datetime(2026, 3, 1, 9, tzinfo=UTC)
ALL_ROLES = {"social_media_manager", "community_manager", "legal", "executive", "healthcare_content_specialist",
             "content_creator", "viewer"}  # fmt: skip


def _run_to(step_order: int):
    state = start_protocol(PROTOCOL, T0)
    for step in PROTOCOL[: step_order - 1]:
        for role in step.sign_off_roles:
            state = sign_off(state, step.order, role, {role}, role, T0)
        state = complete_step(state, step.order, set(step.owner_roles), "owner", T0)
    return state


def test_the_first_step_starts_with_the_incident_and_has_a_deadline():
    """Step 1 starts at once and is due 60 minutes later; later steps wait."""
    state = start_protocol(PROTOCOL, T0)
    assert state.current.order == 1 and state.current.due_at == T0 + timedelta(minutes=60)
    assert state.steps[1].started_at is None
    assert state.current.is_overdue(T0 + timedelta(minutes=61)) and not state.current.is_overdue(T0)


@pytest.mark.parametrize("step", PROTOCOL, ids=lambda s: f"step{s.order}")
def test_every_sign_off_is_refused_for_every_wrong_role(step):
    """Each required sign-off is refused for people holding any other role, and accepted for the right one."""
    state = _run_to(step.order)
    for role in step.sign_off_roles:
        for wrong in ALL_ROLES - {role}:
            with pytest.raises(CrisisForbidden):
                sign_off(state, step.order, role, {wrong}, wrong, T0)
        state = sign_off(state, step.order, role, {role}, role, T0)
    assert state.current.missing_roles == ()


def test_step_two_needs_legal_clinical_and_executive_before_it_completes():
    """Step 2 cannot be completed until legal, clinical and executive have all signed off."""
    state = _run_to(2)
    assert state.current.missing_roles == ("legal", "healthcare_content_specialist", "executive")
    state = sign_off(state, 2, "legal", {"legal"}, "lee", T0)
    with pytest.raises(CrisisRefused, match="healthcare_content_specialist, executive"):
        complete_step(state, 2, {"social_media_manager"}, "sam", T0)


def test_only_an_owner_completes_a_step():
    """A community manager cannot complete step 1 (owned by the social media manager)."""
    state = sign_off(start_protocol(PROTOCOL, T0), 1, "social_media_manager", {"social_media_manager"}, "sam", T0)
    with pytest.raises(CrisisForbidden):
        complete_step(state, 1, {"community_manager"}, "cam", T0)


def test_a_role_not_asked_for_and_a_step_out_of_turn_are_refused():
    """Signing for a role the step does not need, or a later step, is refused; so is signing twice."""
    state = start_protocol(PROTOCOL, T0)
    with pytest.raises(CrisisRefused):
        sign_off(state, 1, "legal", {"legal"}, "lee", T0)
    with pytest.raises(CrisisRefused, match="not the current step"):
        sign_off(state, 2, "legal", {"legal"}, "lee", T0)
    state = sign_off(state, 1, "social_media_manager", {"social_media_manager"}, "sam", T0)
    with pytest.raises(CrisisRefused, match="already"):
        sign_off(state, 1, "social_media_manager", {"social_media_manager"}, "sam", T0)


def test_completing_a_step_starts_the_next_and_the_incident_closes_after_the_last():
    """Closing needs every step completed; once closed nothing more can be signed."""
    state = _run_to(5)
    assert state.current.order == 5 and state.current.started_at == T0
    with pytest.raises(CrisisRefused):
        close_incident(state, T0)
    state = _run_to(6)
    closed = close_incident(state, T0 + timedelta(days=8))
    assert closed.closed_at is not None
    with pytest.raises(CrisisRefused):
        close_incident(closed, T0)
