"""Pure relationship rules: tier plays and due dates, health, counters, routines, contacts CSV."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from socialrx.core.planning import plan_slots
from socialrx.core.relationships import (
    ContactImportError,
    ContactRow,
    InteractionFact,
    contacts_csv,
    media_mention_growth_counter,
    next_plays,
    normalise_handle,
    parse_contacts_csv,
    relationship_health,
    routine_occurrences,
    speaking_requests_counter,
)
from socialrx.core.strategy import default_strategy
from socialrx.core.strategy.schema import CommunityGroup

STRATEGY = default_strategy()
TIER_1, TIER_2, TIER_3 = STRATEGY.influencer_tiers
KPIS = {k.key: k for k in STRATEGY.kpis}


def test_first_play_is_due_one_interval_after_the_last_interaction():
    """Tier 3 (journalists, 21 days): the first play is due 21 days after the last interaction, the next 21 later."""
    plays = next_plays(TIER_3, date(2026, 3, 1), date(2026, 3, 10))
    assert [p.play for p in plays] == list(TIER_3.plays)
    assert plays[0].due == date(2026, 3, 22) and plays[1].due == date(2026, 4, 12)
    assert not plays[0].overdue


def test_plays_are_overdue_when_the_interval_has_passed():
    """Tier 1 (30 days): 40 days after the last interaction the first play is overdue."""
    plays = next_plays(TIER_1, date(2026, 1, 1), date(2026, 2, 10))
    assert plays[0].due == date(2026, 1, 31) and plays[0].overdue


def test_a_contact_without_interactions_is_due_today():
    """With no interaction yet, the first play is due today."""
    assert next_plays(TIER_2, None, date(2026, 5, 5))[0].due == date(2026, 5, 5)


def test_recent_plays_rotate_to_the_back():
    """A play done recently moves to the end of the queue."""
    plays = next_plays(TIER_2, date(2026, 3, 1), date(2026, 3, 2), recent_plays=[TIER_2.plays[0].upper()])
    assert [p.play for p in plays] == [*TIER_2.plays[1:], TIER_2.plays[0]]


def test_handles_are_normalised_from_urls_and_at_signs():
    """'@DrLee', 'https://x.com/DrLee' and 'drlee' compare equal."""
    assert normalise_handle("@DrLee") == normalise_handle("https://x.com/DrLee/") == "drlee"
    assert normalise_handle("https://www.linkedin.com/in/ana-ruiz") == "ana-ruiz"


def test_health_is_full_on_the_day_of_a_balanced_exchange():
    """A mutual interaction today gives recency 1, reciprocity 1, score 100."""
    health = relationship_health([InteractionFact(date(2026, 3, 1), "mutual")], date(2026, 3, 1), 30)
    assert (health.score, health.label) == (100, "strong")


def test_health_halves_recency_after_one_interval_and_penalises_one_sided_contact():
    """Only outbound contact, one interval ago: recency 0.5, reciprocity 0, score 30."""
    facts = [InteractionFact(date(2026, 1, 1), "outbound"), InteractionFact(date(2026, 1, 31), "outbound")]
    health = relationship_health(facts, date(2026, 3, 2), 30)
    assert health.recency == 0.5 and health.reciprocity == 0 and health.score == 30 and health.label == "cooling"


def test_no_interactions_is_cold():
    """A contact we never dealt with scores 0."""
    assert relationship_health([], date(2026, 3, 1), 30).label == "cold"


def test_speaking_requests_count_in_the_current_quarter():
    """12 a quarter: 12 requests in Q2 meet it; one in Q1 does not count."""
    days = [date(2026, 3, 30)] + [date(2026, 4, d) for d in range(1, 13)]
    counter = speaking_requests_counter(KPIS["speaking_requests"], days, date(2026, 5, 1))
    assert counter.value == 12 and counter.target == 12 and counter.met is True
    assert (counter.period_start, counter.period_end) == (date(2026, 4, 1), date(2026, 6, 30))
    assert speaking_requests_counter(KPIS["speaking_requests"], days[:5], date(2026, 5, 1)).met is False


def test_media_mentions_grow_against_the_year_before():
    """+200% a year: 9 mentions this year against 3 the year before is +200%, met."""
    today = date(2026, 6, 1)
    days = [date(2025, 1, 10)] * 3 + [date(2026, 1, 10)] * 9
    counter = media_mention_growth_counter(KPIS["media_mentions"], days, today)
    assert counter.value == 200.0 and counter.met is True
    assert media_mention_growth_counter(KPIS["media_mentions"], days[3:], today).value is None


def test_routines_of_owned_groups_appear_in_the_plan_and_are_tracked():
    """Two owned groups each get the weekly discussion starter; past slots not done are missed."""
    groups = (CommunityGroup(name="Healthcare AI Professionals", role="owner"),
              CommunityGroup(name="AI in Radiology Circle", role="owner"),
              CommunityGroup(name="Hospital CIO Network", role="contributor"))  # fmt: skip
    slots = plan_slots(STRATEGY, date(2026, 3, 2), date(2026, 3, 29), groups=groups)
    routine = [s for s in slots if s.source == "routine"]
    starters = {s.group for s in routine if s.routine == "Weekly discussion starter posts"}
    assert starters == {"Healthcare AI Professionals", "AI in Radiology Circle"}
    done = {routine[0].id}
    occurrences = routine_occurrences(slots, done, date(2026, 3, 16))
    by_id = {o.slot_id: o.status for o in occurrences}
    assert by_id[routine[0].id] == "done"
    assert {o.status for o in occurrences if o.start.date() < date(2026, 3, 16) and o.slot_id not in done} == {"missed"}
    assert {o.status for o in occurrences if o.start.date() >= date(2026, 3, 16)} == {"upcoming"}


def test_contacts_csv_round_trips():
    """Exported contacts import back unchanged."""
    rows = [ContactRow(name="Dr Ana Ruiz", kind="influencer", tier=2, organisation="Mercy Health", role="CMIO",
                       email="ana@mercy.example", handles=(("x", "anaruiz"), ("linkedin", "ana-ruiz")),
                       topics=("sepsis AI", "informatics"), consent=True, contact_preference="linkedin")]
    assert parse_contacts_csv(contacts_csv(rows), {1, 2, 3}) == rows


def test_contacts_csv_import_reports_every_bad_cell_and_returns_nothing():
    """Bad tier, e-mail and consent are all reported by row and column."""
    text = "name,tier,email,consent\nGood,1,a@b.example,yes\n,7,not-an-email,perhaps\n"
    with pytest.raises(ContactImportError) as caught:
        parse_contacts_csv(text, {1, 2, 3})
    assert [(e.row, e.column) for e in caught.value.errors] == [(3, "name"), (3, "tier"), (3, "email"), (3, "consent")]


def test_contacts_csv_rejects_unknown_columns():
    """An unknown column is named in the error."""
    with pytest.raises(ContactImportError, match="twitter"):
        parse_contacts_csv("name,twitter\nA,b\n", {1})


def test_slots_are_timezone_aware():
    """Routine slots carry aware times (stored as UTC)."""
    slots = plan_slots(STRATEGY, date(2026, 3, 2), date(2026, 3, 8))
    assert all(s.start.tzinfo is not None for s in slots)
    assert datetime(2026, 3, 2, tzinfo=UTC) < max(s.start for s in slots)
