"""Relationships, community, events and crisis: plays, health, counters, routines and the crisis protocol (pure)."""

from .contacts_csv import CellError, ContactImportError, ContactRow, contacts_csv, parse_contacts_csv
from .counters import Counter, media_mention_growth_counter, period_bounds, speaking_requests_counter
from .health import InteractionFact, RelationshipHealth, relationship_health
from .plays import SuggestedPlay, next_plays, normalise_handle, recent_window
from .protocol import (
    CrisisForbidden,
    CrisisRefused,
    IncidentState,
    SignOff,
    StepState,
    close_incident,
    complete_step,
    sign_off,
    start_protocol,
)
from .routines import RoutineOccurrence, routine_occurrences

__all__ = [
    "CellError",
    "ContactImportError",
    "ContactRow",
    "Counter",
    "CrisisForbidden",
    "CrisisRefused",
    "IncidentState",
    "InteractionFact",
    "RelationshipHealth",
    "RoutineOccurrence",
    "SignOff",
    "StepState",
    "SuggestedPlay",
    "close_incident",
    "complete_step",
    "contacts_csv",
    "media_mention_growth_counter",
    "next_plays",
    "normalise_handle",
    "parse_contacts_csv",
    "period_bounds",
    "recent_window",
    "relationship_health",
    "routine_occurrences",
    "sign_off",
    "speaking_requests_counter",
    "start_protocol",
]
