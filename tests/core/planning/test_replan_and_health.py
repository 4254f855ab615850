"""Re-planning keeps what holds posts and changes only what changed; plan health reports gaps."""

from __future__ import annotations

from datetime import date

from socialrx.core.planning import ExistingPost, Slot, plan_health, plan_slots, replan
from socialrx.core.strategy import Strategy

MAY = (date(2026, 5, 1), date(2026, 5, 31))


def _weekly_case_studies_become_biweekly(strategy: Strategy) -> Strategy:
    data = strategy.model_dump(mode="json")
    data["platforms"][0]["content_types"][2]["cadence"] = "bi-weekly"
    return Strategy.model_validate(data)


def test_replan_of_an_unchanged_strategy_keeps_everything(seed: Strategy) -> None:
    """Re-planning with nothing changed adds and removes nothing."""
    slots = plan_slots(seed, *MAY)
    diff = replan(seed, *MAY, slots, {})
    assert diff.added == () and diff.removed == () and len(diff.kept) == len(slots)


def test_replan_changes_only_what_changed_and_keeps_slots_with_posts(seed: Strategy) -> None:
    """Halving a cadence removes the dropped slots, except one that holds a post.

    Other slots change only where the new mix moves their pillar or a freed time moves
    their start: those are removed and added again under the same id.
    """
    slots = plan_slots(seed, *MAY)
    case_studies = [s for s in slots if s.content_type == "case_study_spotlights"]
    changed = _weekly_case_studies_become_biweekly(seed)
    new_plan = {s.id for s in plan_slots(changed, *MAY)}
    dropped = [s for s in case_studies if s.id not in new_plan]
    holding = dropped[0]
    diff = replan(changed, *MAY, slots, {holding.id: [ExistingPost("p1", "linkedin", slot_id=holding.id)]})
    assert holding in diff.kept
    assert set(dropped) - {holding} <= set(diff.removed)
    added = {s.id: s for s in diff.added}
    for slot in set(diff.removed) - set(dropped):
        changed_fields = {f for f in Slot.__dataclass_fields__ if getattr(slot, f) != getattr(added[slot.id], f)}
        assert changed_fields and changed_fields <= {"pillar", "start"}
    assert not {s.id for s in diff.kept} & set(added)
    assert len(diff.kept) + len(diff.removed) == len(slots)


def test_replan_leaves_slots_outside_the_range_alone(seed: Strategy) -> None:
    """Slots outside the re-planned range are neither kept nor removed."""
    april = plan_slots(seed, date(2026, 4, 1), date(2026, 4, 30))
    diff = replan(seed, *MAY, april, {})
    assert diff.kept == () and diff.removed == () and diff.added


def test_health_of_a_fresh_plan_has_no_cadence_gaps(seed: Strategy, seed_year: list[Slot]) -> None:
    """A plan straight from the planner meets every cadence and carries the target mix."""
    health = plan_health(seed_year, [], seed, date(2026, 3, 2))
    assert health.cadence_gaps == ()
    assert health.months_without_theme == ()
    march = [m for m in health.pillar_mix if m.month == "2026-03"]
    assert {m.pillar for m in march} == {p.key for p in seed.content_pillars}
    assert all(abs(m.planned - m.target) <= 3 and m.written == 0 for m in march)


def test_health_names_a_missing_case_study_by_iso_week(seed: Strategy, seed_year: list[Slot]) -> None:
    """Deleting the LinkedIn case study of week 2026-W05 shows as a gap of that week."""
    slots = [s for s in seed_year if not (s.content_type == "case_study_spotlights" and s.day.isocalendar()[1] == 5)]
    health = plan_health(slots, [], seed, date(2026, 1, 1))
    assert [str(g) for g in health.cadence_gaps] == ["week 2026-W05: LinkedIn Case Study Spotlights missing"]
    assert "week 2026-W05: LinkedIn Case Study Spotlights missing" in health.messages()


def test_health_counts_written_posts_and_empty_slots_soon(seed: Strategy) -> None:
    """Written posts count in the written mix; unwritten slots of the next 14 days are listed."""
    slots = plan_slots(seed, date(2026, 6, 1), date(2026, 6, 30))
    posts = [ExistingPost(f"p{n}", s.platform, slot_id=s.id) for n, s in enumerate(slots[:10])]
    health = plan_health(slots, posts, seed, date(2026, 6, 1))
    june = [m for m in health.pillar_mix if m.month == "2026-06"]
    assert sum(m.written_count for m in june) == 10
    assert round(sum(m.written for m in june)) == 100
    soon = [s for s in slots[10:] if s.day < date(2026, 6, 15)]
    assert list(health.empty_soon) == soon


def test_health_reports_weekday_theme_coverage(seed: Strategy, seed_year: list[Slot]) -> None:
    """Each weekday theme reports how many of that day's slots on its networks speak to it.

    The seed's themes are LinkedIn's, so only LinkedIn slots count; no LinkedIn content type speaks to
    Friday's "weekend reading" theme, which the panel shows as uncovered.
    """
    coverage = {c.weekday: c for c in plan_health(seed_year, [], seed, date(2026, 1, 1)).theme_coverage}
    assert set(coverage) == {"monday", "tuesday", "wednesday", "thursday", "friday"}
    fridays = [s for s in seed_year if s.platform == "linkedin" and s.day.weekday() == 4]
    assert coverage["friday"].slots == len(fridays) and coverage["friday"].on_theme == 0
    assert all(0 < c.on_theme <= c.slots for day, c in coverage.items() if day != "friday")
