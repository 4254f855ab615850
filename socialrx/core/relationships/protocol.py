"""The crisis protocol as a state machine: steps in order, owners, time targets and sign-offs by role.

Step N starts when step N-1 is completed. A step is signed off once per role in its
``sign_off_roles``, each time by a person holding that role; it is completed by a person
holding one of its ``owner_roles`` once every sign-off is in. The incident closes when
every step is completed.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from socialrx.core.strategy.schema import CrisisStep


class CrisisForbidden(Exception):
    """The person does not hold the role this protocol action needs."""


class CrisisRefused(Exception):
    """The protocol action does not fit the incident's state (wrong step, missing sign-offs, closed)."""


@dataclass(frozen=True, slots=True)
class SignOff:
    role: str
    by: str
    at: datetime


@dataclass(frozen=True, slots=True)
class StepState:
    order: int
    name: str
    owner_roles: tuple[str, ...]
    sign_off_roles: tuple[str, ...]
    target_minutes: int | None = None
    started_at: datetime | None = None
    completed_at: datetime | None = None
    completed_by: str = ""
    sign_offs: tuple[SignOff, ...] = ()

    @property
    def due_at(self) -> datetime | None:
        """Return when the step should be completed, if it has started and has a time target."""
        if self.started_at is None or self.target_minutes is None:
            return None
        return self.started_at + timedelta(minutes=self.target_minutes)

    @property
    def missing_roles(self) -> tuple[str, ...]:
        """Return the sign-off roles still missing, in the protocol's order."""
        signed = {s.role for s in self.sign_offs}
        return tuple(r for r in self.sign_off_roles if r not in signed)

    def is_overdue(self, at: datetime) -> bool:
        """Return whether the step is past its time target (open steps at ``at``, done steps when completed)."""
        due = self.due_at
        return due is not None and (self.completed_at or at) > due


@dataclass(frozen=True, slots=True)
class IncidentState:
    steps: tuple[StepState, ...]
    closed_at: datetime | None = None

    @property
    def current(self) -> StepState | None:
        """Return the step being worked on, or None when every step is completed."""
        return next((s for s in self.steps if s.completed_at is None), None)


def start_protocol(protocol: Sequence[CrisisStep], at: datetime) -> IncidentState:
    """Return a new incident's state: every step of the protocol, the first one started at ``at``."""
    if not protocol:
        raise CrisisRefused("The strategy has no crisis protocol: add crisis.protocol steps first.")
    steps = tuple(
        StepState(order=s.order, name=s.name, owner_roles=s.owner_roles, sign_off_roles=s.sign_off_roles,
                  target_minutes=s.target_minutes, started_at=at if i == 0 else None)
        for i, s in enumerate(protocol)
    )  # fmt: skip
    return IncidentState(steps)


def _open_step(state: IncidentState, order: int) -> StepState:
    if state.closed_at is not None:
        raise CrisisRefused("The incident is closed.")
    current = state.current
    if current is None or current.order != order:
        where = f"step {current.order} ({current.name})" if current else "no step"
        raise CrisisRefused(f"Step {order} is not the current step; the incident is at {where}.")
    return current


def _with_step(state: IncidentState, step: StepState) -> IncidentState:
    return replace(state, steps=tuple(step if s.order == step.order else s for s in state.steps))


def sign_off(state: IncidentState, order: int, role: str, held_roles: Collection[str], by: str, at: datetime) -> IncidentState:
    """Record ``by``'s sign-off for ``role`` on the current step; raise if not theirs to give."""
    step = _open_step(state, order)
    if role not in step.sign_off_roles:
        needed = ", ".join(step.sign_off_roles) or "none"
        raise CrisisRefused(f"Step {order} ({step.name}) needs no {role} sign-off (it needs: {needed}).")
    if role not in held_roles:
        raise CrisisForbidden(f"Only a person holding the {role} role can sign off step {order} for {role}.")
    if role not in step.missing_roles:
        raise CrisisRefused(f"Step {order} already has its {role} sign-off.")
    return _with_step(state, replace(step, sign_offs=step.sign_offs + (SignOff(role, by, at),)))


def complete_step(state: IncidentState, order: int, held_roles: Collection[str], by: str, at: datetime) -> IncidentState:
    """Complete the current step (an owner, every sign-off in) and start the next one."""
    step = _open_step(state, order)
    if step.owner_roles and not set(step.owner_roles) & set(held_roles):
        raise CrisisForbidden(f"Step {order} ({step.name}) is completed by: {', '.join(step.owner_roles)}.")
    if step.missing_roles:
        raise CrisisRefused(f"Step {order} ({step.name}) still needs sign-off by: {', '.join(step.missing_roles)}.")
    state = _with_step(state, replace(step, completed_at=at, completed_by=by))
    following = state.current
    if following is not None:
        state = _with_step(state, replace(following, started_at=at))
    return state


def close_incident(state: IncidentState, at: datetime) -> IncidentState:
    """Close the incident once every step is completed."""
    if state.closed_at is not None:
        raise CrisisRefused("The incident is already closed.")
    if state.current is not None:
        raise CrisisRefused(f"Step {state.current.order} ({state.current.name}) is not completed yet.")
    return replace(state, closed_at=at)
