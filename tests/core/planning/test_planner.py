"""The planner honours cadences, themes, the pillar mix, series, routines, events and blackouts."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, timedelta

import pytest
from pydantic import ValidationError

from socialrx.core.planning import EngagementRow, ExistingPost, Slot, plan_slots
from socialrx.core.planning.periods import FORTNIGHT_EPOCH
from socialrx.core.strategy import Strategy

WEEKDAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _with(strategy: Strategy, **changes: object) -> Strategy:
    return Strategy.model_validate({**strategy.model_dump(mode="json"), **changes})


def _weekdays(slots: list[Slot], content_type: str) -> Counter:
    return Counter(WEEKDAY[s.day.weekday()] for s in slots if s.content_type == content_type and s.source == "cadence")


def test_every_slot_carries_its_month_and_weekday_theme(seed: Strategy, seed_year: list[Slot]) -> None:
    """Each slot names the monthly theme of its month and the weekday theme of its day and platform."""
    for slot in seed_year:
        assert slot.monthly_theme == seed.theme_for_month(slot.day.month)
        assert slot.weekday_theme == seed.theme_for_weekday(slot.day.weekday(), slot.platform)
        assert slot.strategy_version == "7"
    weekend = [s for s in seed_year if s.day.weekday() >= 5]
    assert weekend and all(s.weekday_theme == "" for s in weekend)


def test_slots_are_in_the_strategy_timezone_and_ids_are_unique(seed_year: list[Slot]) -> None:
    """Slot starts are aware datetimes in the strategy's zone and no two slots share an id."""
    assert all(str(s.start.tzinfo) == "America/New_York" for s in seed_year)
    assert len({s.id for s in seed_year}) == len(seed_year)
    assert seed_year == sorted(seed_year, key=lambda s: (s.start, s.platform, s.id))


def test_weekly_content_lands_on_the_day_whose_theme_fits(seed_year: list[Slot]) -> None:
    """Case studies go to Wednesday (customer success), trends to Monday, thought leadership to Thursday."""
    assert set(_weekdays(seed_year, "case_study_spotlights")) == {"Wed"}
    assert set(_weekdays(seed_year, "healthcare_ai_trends")) == {"Mon"}
    assert _weekdays(seed_year, "thought_leadership_articles")["Thu"] >= 50


def test_weekday_themes_apply_only_to_the_networks_they_name(seed_year: list[Slot]) -> None:
    """The seed's weekday schedule is LinkedIn's: X, Doximity and YouTube slots carry no weekday theme."""
    linkedin_weekdays = [s for s in seed_year if s.platform == "linkedin" and s.day.weekday() < 5]
    assert linkedin_weekdays and all(s.weekday_theme for s in linkedin_weekdays)
    others = [s for s in seed_year if s.platform in {"x", "doximity", "youtube"}]
    assert others and {s.weekday_theme for s in others} == {""}


def test_a_network_may_have_its_own_weekday_theme(seed: Strategy) -> None:
    """X's own Monday theme wins on X; the every-network Monday theme fills the networks without their own."""
    themes = [{"weekday": "monday", "theme": "Industry news commentary", "platforms": ["linkedin"]},
              {"weekday": "monday", "theme": "Healthcare chat night", "platforms": ["x"]},
              {"weekday": "monday", "theme": "Clinical research roundup"}]  # fmt: skip
    strategy = _with(seed, weekday_themes=themes)
    slots = plan_slots(strategy, date(2026, 3, 1), date(2026, 3, 31))
    by_platform = {s.platform: s.weekday_theme for s in slots if s.day.weekday() == 0}
    assert by_platform == {"linkedin": "Industry news commentary", "x": "Healthcare chat night",
                           "doximity": "Clinical research roundup"}
    assert strategy.theme_for_weekday(0, "youtube") == "Clinical research roundup"
    assert strategy.theme_for_weekday(1, "x") == ""


def test_a_network_has_one_theme_per_weekday(seed: Strategy) -> None:
    """Two Monday themes for X are refused, naming the weekday and the network."""
    themes = [{"weekday": "monday", "theme": "One", "platforms": ["x"]},
              {"weekday": "monday", "theme": "Two", "platforms": ["linkedin", "x"]}]  # fmt: skip
    with pytest.raises(ValidationError, match=r"weekday_themes: weekday and platform \('monday', 'x'\) appears more"):
        _with(seed, weekday_themes=themes)


def test_cadences_per_iso_week(seed_year: list[Slot]) -> None:
    """'3-4 per week' gives 3 or 4 per ISO week, 'daily' one a day, 'weekly' one a week."""
    weeks: Counter = Counter()
    days: Counter = Counter()
    for slot in seed_year:
        weeks[slot.source_key, slot.day.isocalendar()[:2]] += 1
        days[slot.source_key, slot.day] += 1
    full_weeks = {(2026, w) for w in range(2, 53)}
    for week in full_weeks:
        assert weeks["linkedin/thought_leadership_articles", week] in (3, 4)
        assert weeks["x/research_sharing", week] == 3
        assert weeks["linkedin/case_study_spotlights", week] == 1
    assert {n for (key, _), n in days.items() if key == "linkedin/industry_insights"} == {1}
    assert sum(1 for key, _ in days if key == "linkedin/industry_insights") == 365
    counts = [weeks["linkedin/thought_leadership_articles", w] for w in sorted(full_weeks)]
    assert 3 in counts and 4 in counts


def test_bi_weekly_follows_fixed_fortnights(seed_year: list[Slot]) -> None:
    """A bi-weekly item appears once in each fortnight counted from a fixed epoch."""
    fortnights = Counter((s.day - FORTNIGHT_EPOCH).days // 14 for s in seed_year if s.source_key == "youtube/live_q_and_a_sessions")
    inside = [f for f in fortnights if FORTNIGHT_EPOCH + timedelta(days=14 * f) >= date(2026, 1, 1)]
    assert inside and all(fortnights[f] == 1 for f in inside[:-1])


def test_monthly_quarterly_annual_and_weekday_series(seed_year: list[Slot]) -> None:
    """Series items follow their cadences and are labelled with the series."""
    series = [s for s in seed_year if s.series == "implementation_tuesday"]
    tuesdays = [s for s in series if s.format == "post"]
    assert len(tuesdays) == 52 and all(s.day.weekday() == 1 for s in tuesdays)
    assert all(s.series_item == "Tuesday LinkedIn posts with implementation tips" for s in tuesdays)
    assert Counter(s.day.month for s in series if s.format == "live") == Counter(range(1, 13))
    quarterly = [s for s in seed_year if s.source_key == "linkedin/implementation_tuesday.quarterly_document"]
    assert sorted((s.day.month - 1) // 3 for s in quarterly) == [0, 1, 2, 3]
    assert len([s for s in seed_year if s.source_key == "linkedin/ai_in_healthcare_spotlight.annual_event"]) == 1
    assert all(s.source == "series" for s in series)


def test_routines_go_to_owned_groups_unless_open_to_all(seed_year: list[Slot]) -> None:
    """An owned-groups-only routine posts in the owned group only; an open routine in every group."""
    starters = {s.group for s in seed_year if s.routine == "Weekly discussion starter posts"}
    assert starters == {"Healthcare AI Professionals"}
    sharing = {s.group for s in seed_year if s.routine == "Industry news sharing and commentary"}
    assert len(sharing) == 4
    assert all(s.source == "routine" for s in seed_year if s.routine)


def test_live_content_appears_only_during_events(seed: Strategy, seed_year: list[Slot]) -> None:
    """Live-tweeting has no slot without an event; an event gets live, promotion and recap slots."""
    assert not [s for s in seed_year if s.content_type == "conference_live_tweeting"]
    event = {"name": "HIMSS 2026", "start": "2026-03-09", "end": "2026-03-12", "platforms": ["x", "linkedin"]}
    slots = plan_slots(_with(seed, events=[event]), date(2026, 2, 1), date(2026, 3, 31))
    live = [s for s in slots if s.content_type == "conference_live_tweeting"]
    assert [s.day for s in live] == [date(2026, 3, d) for d in range(9, 13)]
    assert all(s.platform == "x" and s.event == "HIMSS 2026" and s.source == "event" for s in live)
    promos = [s for s in slots if s.content_type == "event_promotion"]
    recaps = [s for s in slots if s.content_type == "event_recap"]
    assert {s.platform for s in promos} == {s.platform for s in recaps} == {"x", "linkedin"}
    assert all(s.day == date(2026, 3, 2) for s in promos) and all(s.day == date(2026, 3, 13) for s in recaps)
    assert all(s.hashtags == ("#HealthcareAI", "#MedicalAI", "#HealthTech") for s in live + promos + recaps)
    assert {s.hashtags for s in slots if s.source != "event"} == {
        ("#HealthcareAI", "#MedicalAI", "#HealthTech", "#DigitalHealth", "#MedTech", "#HealthInnovation")}


def test_blackouts_and_holidays_have_no_slots_and_weekly_items_move(seed: Strategy) -> None:
    """No slot falls on a blackout or holiday; a weekly item of that week moves to another day."""
    strategy = _with(seed, blackouts=[{"start": "2026-12-24", "end": "2026-12-26", "reason": "Holidays"}])
    holiday = date(2026, 7, 1)  # a Wednesday, the case-study day
    slots = plan_slots(strategy, date(2026, 6, 1), date(2026, 12, 31), holidays=[holiday])
    blocked = {holiday, date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)}
    assert not [s for s in slots if s.day in blocked]
    week = [s for s in slots if s.content_type == "case_study_spotlights" and s.day.isocalendar()[1] == 27]
    assert len(week) == 1 and week[0].day != holiday


def test_posting_times_default_then_learned_from_history(seed: Strategy) -> None:
    """Slots use the platform's default times until 30 rows of history show better hours."""
    slots = plan_slots(seed, date(2026, 4, 6), date(2026, 4, 12))
    assert {s.start.strftime("%H:%M") for s in slots if s.content_type == "case_study_spotlights"} <= {
        "09:00", "09:45", "10:30", "11:15", "12:00",
    }  # fmt: skip
    good = [EngagementRow("linkedin", datetime(2026, 3, d, 19, 0, tzinfo=UTC), 1000, 120) for d in range(1, 29)]
    poor = [EngagementRow("linkedin", datetime(2026, 3, d, 14, 0, tzinfo=UTC), 1000, 10) for d in range(1, 29)]
    learned = plan_slots(seed, date(2026, 4, 6), date(2026, 4, 12), history=good + poor)
    first_linkedin = min((s for s in learned if s.platform == "linkedin"), key=lambda s: s.start)
    assert first_linkedin.start.hour == 15  # 19:00 UTC is 15:00 in New York in March (EDT)
    few = plan_slots(seed, date(2026, 4, 6), date(2026, 4, 12), history=good[:20])
    assert few == slots


def test_times_stay_on_the_wall_clock_across_dst(seed: Strategy) -> None:
    """A 09:00 slot is at 09:00 local on both sides of the spring change, at different UTC hours."""
    slots = [s for s in plan_slots(seed, date(2026, 3, 1), date(2026, 3, 14)) if s.content_type == "industry_insights"]
    before = {s.start.strftime("%H:%M") for s in slots if s.day < date(2026, 3, 8)}
    after = {s.start.strftime("%H:%M") for s in slots if s.day >= date(2026, 3, 8)}
    assert before == after and before <= {"09:00", "09:45"}
    assert {s.start.utcoffset() for s in slots} == {timedelta(hours=-5), timedelta(hours=-4)}


def test_existing_ad_hoc_posts_count_towards_the_cadence(seed: Strategy) -> None:
    """An ad-hoc case study already made that week replaces the planned one."""
    start = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)
    post = ExistingPost("p1", "linkedin", start=start, content_type="case_study_spotlights")
    slots = plan_slots(seed, date(2026, 5, 4), date(2026, 5, 10), existing=[post])
    assert not [s for s in slots if s.content_type == "case_study_spotlights"]


def test_group_list_replaces_the_strategy_groups(seed: Strategy) -> None:
    """Groups passed in replace the strategy's community groups."""
    from socialrx.core.strategy.schema import CommunityGroup

    groups = [CommunityGroup(name="Radiology AI", network="linkedin", role="owner")]
    slots = plan_slots(seed, date(2026, 5, 1), date(2026, 5, 31), groups=groups)
    assert {s.group for s in slots if s.routine} == {"Radiology AI"}


def test_pillar_mix_of_the_seed_year(seed: Strategy, seed_year: list[Slot]) -> None:
    """Each month is within 3 points of every target share and the year within 1 point."""
    for month in range(1, 13):
        in_month = [s for s in seed_year if s.day.month == month]
        counts = Counter(s.pillar for s in in_month)
        for pillar in seed.content_pillars:
            assert abs(100 * counts[pillar.key] / len(in_month) - pillar.share) <= 3
    counts = Counter(s.pillar for s in seed_year)
    for pillar in seed.content_pillars:
        assert abs(100 * counts[pillar.key] / len(seed_year) - pillar.share) <= 1


def test_pillars_prefer_content_that_fits_them(seed_year: list[Slot]) -> None:
    """Case studies are customer success and thought leadership articles are thought leadership."""
    assert {s.pillar for s in seed_year if s.content_type == "case_study_spotlights"} == {"customer_success"}
    assert {s.pillar for s in seed_year if s.content_type == "thought_leadership_articles"} == {"thought_leadership"}


def test_fixed_pillar_of_a_content_type_is_kept(seed: Strategy) -> None:
    """A content type that names its pillar always gets it."""
    data = seed.model_dump(mode="json")
    data["platforms"][0]["content_types"][1]["pillar"] = "educational"
    slots = plan_slots(Strategy.model_validate(data), date(2026, 1, 1), date(2026, 1, 31))
    assert {s.pillar for s in slots if s.content_type == "industry_insights"} == {"educational"}


def test_a_month_planned_alone_equals_that_month_of_the_year(seed: Strategy, seed_year: list[Slot]) -> None:
    """Planning March alone gives exactly the March slots of the whole year's plan."""
    march = plan_slots(seed, date(2026, 3, 1), date(2026, 3, 31), strategy_version="7")
    assert march == [s for s in seed_year if s.day.month == 3]


def test_empty_range(seed: Strategy) -> None:
    """A range that ends before it starts has no slots."""
    assert plan_slots(seed, date(2026, 3, 2), date(2026, 3, 1)) == []
