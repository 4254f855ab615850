"""Importing Markdown strategies: the seed gives the default strategy back, other documents import too."""

from __future__ import annotations

from pathlib import Path

import pytest

from socialrx.core.strategy import Strategy, StrategyError, default_strategy, load_strategy
from socialrx.core.strategy.markdown import MarkdownImport, import_markdown
from socialrx.core.strategy.markdown.reader import read_document

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "healthcare-ai-social-strategy.md"
FIXTURES = Path(__file__).parent / "fixtures"


def read_fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def line_of(text: str, fragment: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if fragment in line)


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed document is not at {SEED} (/work/shared is absent on this machine)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seed_import(seed_text: str) -> MarkdownImport:
    return import_markdown(seed_text, source="seed.md")


# Sections the seed import must reproduce exactly. `platforms` and `repurposing` are compared
# below without the few identifiers the default strategy's authors chose by hand.
EXACT_SECTIONS = list(Strategy.model_fields)


@pytest.mark.parametrize("section", EXACT_SECTIONS)
def test_seed_import_equals_the_default_strategy(seed_import: MarkdownImport, section: str) -> None:
    """Every section of the imported seed equals the default strategy's, socialrx defaults included."""
    assert getattr(seed_import.validate(), section) == getattr(default_strategy(), section)


def test_seed_import_is_the_default_strategy(seed_import: MarkdownImport) -> None:
    """Importing the seed document yields exactly the default strategy, every section included."""
    assert seed_import.validate() == default_strategy()


def test_seed_import_leaves_only_the_closing_sentence_unplaced(seed_import: MarkdownImport, seed_text: str) -> None:
    """The only line of the seed no field takes is its closing sentence, reported with its line number."""
    assert len(seed_import.unplaced) == 1
    unplaced = seed_import.unplaced[0]
    assert unplaced.line == line_of(seed_text, "This comprehensive social media strategy")
    assert unplaced.reason == "paragraph outside any strategy field"
    assert seed_import.report() == [f"seed.md:{unplaced.line}: {unplaced.reason}: {unplaced.text}"]


def test_to_yaml_loads_back_to_the_same_strategy(seed_import: MarkdownImport) -> None:
    """The YAML file written by an import loads to the imported strategy; its header lists unplaced lines."""
    text = seed_import.to_yaml()
    assert load_strategy(text, source="imported.yaml") == seed_import.validate()
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert "not placed" in header[2] and "This comprehensive social media strategy" in header[3]


@pytest.mark.parametrize("name", ["riverside-health.md", "acme-cardio.md"])
def test_no_line_is_silently_dropped(name: str) -> None:
    """Every non-blank line that is not a heading is either placed in a field or listed as unplaced."""
    text = read_fixture(name)
    draft = read_document(text)
    unplaced = {u.line for u in draft.unplaced}
    content = {n for n, line in enumerate(text.splitlines(), 1) if line.strip() and not line.startswith("#")}
    assert content <= draft.placed | unplaced
    assert not (draft.placed & unplaced)


def test_hospital_system_document_imports() -> None:
    """A hospital system on Instagram, Facebook and TikTok, posting Monday to Saturday, with three pillars."""
    result = import_markdown(read_fixture("riverside-health.md"), source="riverside-health.md")
    strategy = result.validate()
    assert strategy.organisation.name == "Riverside Health System"
    assert (strategy.organisation.timezone, strategy.organisation.domains) == ("America/Chicago", ("riversidehealth.example",))
    assert [p.key for p in strategy.platforms] == ["instagram", "facebook", "tiktok"]
    targets = {p.key: (p.follower_target.value, p.follower_target.by, p.engagement_goal.value) for p in strategy.platforms}
    assert targets == {"instagram": (12000, "Q2 2026", 4.5), "facebook": (40000, "December 2025", 3),
                       "tiktok": (6000, "2026", 9)}  # fmt: skip
    instagram = strategy.platform("instagram")
    assert [(c.name, str(c.cadence), c.format) for c in instagram.content_types] == [
        ("Caregiver Spotlights", "2 per week", "image"),
        ("Health Tips Reels", "weekly", "short_video"),
        ("Behind the Scenes", "monthly", "post"),
    ]
    assert strategy.platform("facebook").content_types[2].format == "live"
    assert [str(c.cadence) for c in strategy.platform("tiktok").content_types] == ["3-5 per week", "bi-weekly"]
    assert [w.weekday for w in strategy.weekday_themes][-1] == "saturday" and len(strategy.weekday_themes) == 6
    assert [(p.key, p.share) for p in strategy.content_pillars] == [
        ("caregiver_stories", 40), ("health_education", 35), ("community", 25)]  # fmt: skip
    assert [(m.month, m.theme, m.note) for m in strategy.monthly_themes] == [
        ("february", "Heart Health Month", ""), ("may", "Nurses Week", "recruiting"),
        ("october", "Breast Cancer Awareness", "")]  # fmt: skip
    assert strategy.hashtags.primary == ("#RiversideHealth", "#RiversideNurses")
    assert [(b.platform, b.monthly_budget) for b in strategy.paid] == [("facebook", 4500), ("tiktok", 2000)]
    assert strategy.budget_for("facebook").campaign_types[0].name == "Event promotion"
    assert {k.key: k.target for k in strategy.kpis} == {
        "instagram_follower_growth": 6, "instagram_engagement": 4.5, "facebook_follower_growth": 3,
        "facebook_net_promoter_score": 60, "social_leads": 40}
    assert [(r.key, r.employment) for r in strategy.roles] == [
        ("social_media_manager", "full-time"), ("nurse_ambassador", "part-time")]  # fmt: skip


def test_hospital_system_unusual_lines_are_listed() -> None:
    """Lines the schema has no place for are listed with their line numbers and a reason."""
    text = read_fixture("riverside-health.md")
    result = import_markdown(text, source="riverside-health.md")
    listed = {u.line: u.reason for u in result.unplaced}
    assert listed == {
        line_of(text, "**Funday:**"): "'Funday' is not a weekday",
        line_of(text, "Campaign: #HeartMonth2026"): "hashtags must be a primary, secondary or event-specific set",
        line_of(text, "**Q4:**"): "'Q4' is not a month",
        line_of(text, "**Brand Voice:**"): "no strategy field takes 'Brand Voice' under 'Content Creation Framework'",
        line_of(text, "sixth-grade"): "no strategy field takes 'Brand Voice' under 'Content Creation Framework'",
        line_of(text, "Story views"): "KPI periods are month, quarter, year or average; restate the target per month",
        line_of(text, "10 leads/week"): "KPI periods are month, quarter, year or average; restate the target per month",
    }
    assert result.report()[0] == f"riverside-health.md:{line_of(text, '**Funday:**')}: 'Funday' is not a weekday: " \
        "- **Funday:** Anything goes"


def test_device_maker_document_imports() -> None:
    """A device maker with five pillars, its own months, budgets, a podcast network and a four-step protocol."""
    result = import_markdown(read_fixture("acme-cardio.md"), source="acme-cardio.md")
    strategy = result.validate()
    assert strategy.organisation.name == "Acme CardioTech"
    assert [p.key for p in strategy.platforms] == ["linkedin", "youtube", "sermo", "spotify"]
    assert strategy.platform("sermo").publishing == "manual"
    assert strategy.platform("youtube").follower_target.metric == "subscribers"
    assert strategy.platform("youtube").engagement_goal.kind == "view_completion_rate"
    assert strategy.platform("youtube").content_types[0].duration_minutes == (5, 8)
    assert strategy.platform("spotify").content_types[0].duration_minutes == (25, 30)
    assert [p.share for p in strategy.content_pillars] == [30, 25, 20, 15, 10]
    assert strategy.content_pillars[4].key == "culture"
    assert [m.month for m in strategy.monthly_themes] == ["february", "april", "september", "november"]
    assert [(i.platform, str(i.cadence), i.format) for i in strategy.series[0].items] == [
        ("youtube", "bi-weekly", "video"), ("linkedin", "monthly", "article"), ("linkedin", "quarterly", "document")]  # fmt: skip
    assert [(b.platform, b.monthly_budget) for b in strategy.paid] == [("linkedin", 12500), ("youtube", 3000)]
    assert [(t.level, len(t.categories), len(t.plays)) for t in strategy.influencer_tiers] == [(1, 2, 2), (2, 1, 1)]
    assert [(g.network, g.role) for g in strategy.community.groups] == [("facebook", "moderator"), ("facebook", "member")]
    assert strategy.listening.key_terms == ("cardiac monitor", "Holter monitor", "ECG patch", "atrial fibrillation detection")
    kpis = {k.key: (k.target, k.unit, k.period) for k in strategy.kpis}
    assert kpis["influenced_revenue"] == (750_000, "money", "year")
    assert kpis["industry_recognition"] == (3, "rank", "year")
    assert [s.name for s in strategy.crisis.protocol][-1] == "Follow-up and Monitoring"
    assert strategy.crisis.protocol[1].sign_off_roles == ("legal", "healthcare_content_specialist", "executive")
    recipe = strategy.repurposing[0]
    assert (recipe.source, [o.channel for o in recipe.outputs]) == ("webinar", ["youtube", "linkedin", "email"])
    assert [o.format for o in recipe.outputs] == ["full_recording", "three_key_slides", "digest"]


def test_device_maker_unusual_lines_are_listed() -> None:
    """A series item without a frequency, a group role socialrx does not know and ads for an absent platform are listed."""
    text = read_fixture("acme-cardio.md")
    listed = {u.line for u in import_markdown(text).unplaced}
    assert listed == {line_of(text, "Sometimes a podcast"), line_of(text, "(Fan)"), line_of(text, "$1,000/month")}


@pytest.mark.parametrize(
    ("heading", "key"),
    [("LinkedIn", "linkedin"), ("Twitter/X", "x"), ("Instagram", "instagram"), ("Facebook", "facebook"),
     ("TikTok", "tiktok"), ("YouTube", "youtube"), ("Doximity", "doximity"), ("Figure One", "figure_one")],
)  # fmt: skip
def test_platform_keys_come_from_network_names(heading: str, key: str) -> None:
    """Known networks get their socialrx key; unknown names are slugified."""
    text = f"# Org Strategy\n## Platform Strategy\n#### {heading} - Main Channel\n**Audience:** Doctors\n"
    assert import_markdown(text).data["platforms"][0]["key"] == key


def test_validation_errors_name_the_markdown_line() -> None:
    """A document whose pillars do not add up fails validation with the Markdown file and line."""
    text = (
        "# Small Clinic Strategy\n## Platforms\n#### LinkedIn - Main\n**Audience:** Patients\n\n"
        "**Pillar 1: Care (50% of content)**\n- Tips\n\n**Pillar 2: News (45% of content)**\n- Updates\n"
    )
    result = import_markdown(text, source="clinic.md")
    with pytest.raises(StrategyError) as caught:
        result.validate()
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.path) == ("clinic.md", 6, "content_pillars")
    assert issue.message == "shares sum to 95%, must be 100%"


def test_missing_title_is_reported_as_a_missing_name() -> None:
    """Without a title the organisation has no name, which validation reports as missing."""
    result = import_markdown("#### LinkedIn - Main\n**Audience:** Patients\n**Pillar 1: Care (100% of content)**\n")
    with pytest.raises(StrategyError) as caught:
        result.validate()
    assert [i.path for i in caught.value.issues] == ["organisation.name"]
    assert "does not state it" in caught.value.issues[0].message


def test_kpi_lines_without_a_built_in_metric_become_custom_kpis() -> None:
    """"Booking link clicks: 450/month (ga4_event.booking_click)" reads that series; a bare line is entered by hand."""
    text = read_fixture("riverside-health.md").replace(
        "- Net promoter score: 60\n", "- Net promoter score: 60\n- Booking link clicks: 450/month (ga4_event.booking_click)\n")
    kpis = {k.key: k for k in import_markdown(text, source="riverside-health.md").validate().kpis}
    booking = kpis["facebook_booking_link_clicks"]
    assert (booking.metric, booking.series, booking.target, booking.unit, booking.period) == (
        "custom", "ga4_event.booking_click", 450, "count", "month")
    assert kpis["facebook_net_promoter_score"].series == "manual.facebook_net_promoter_score"
