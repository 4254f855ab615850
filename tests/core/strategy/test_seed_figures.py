"""The default strategy carries every figure of the seed document, number for number.

Figures are read out of the seed itself with plain patterns (independent of the Markdown
importer), and the few the seed states only in prose are asserted literally.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from socialrx.core.strategy import deadline_date, default_strategy

SEED = Path(__file__).resolve().parents[3].parent / "shared" / "seed" / "healthcare-ai-social-strategy.md"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip
KEYS = {"LinkedIn": "linkedin", "Twitter/X": "x", "Twitter": "x", "Doximity": "doximity", "YouTube": "youtube",
        "Email": "email", "Email Newsletter": "email", "Website": "website"}  # fmt: skip


@pytest.fixture(scope="module")
def seed() -> str:
    if not SEED.exists():
        pytest.skip(f"the seed document is not at {SEED} (/work/shared is absent on this machine)")
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def strategy():
    return default_strategy()


def items_after(seed: str, label: str, occurrence: int = 0) -> list[str]:
    """Return the list items (bold markers removed) that follow the n-th line containing `label`."""
    lines = seed.splitlines()
    starts = [n for n, line in enumerate(lines) if label in line]
    out: list[str] = []
    for line in lines[starts[occurrence] + 1 :]:
        match = re.match(r"^(?:- |\d+\. )(.*)$", line)
        if not match:
            if out or line.strip():
                break
            continue
        out.append(match.group(1).replace("**", ""))
    return out


def named(items: list[str]) -> list[tuple[str, str]]:
    return [tuple(part.strip() for part in item.split(":", 1)) for item in items]


def test_platform_audiences_targets_and_engagement(seed: str, strategy) -> None:
    """Each platform has the seed's audience, follower/subscriber target, Q4 2025 deadline and engagement goal."""
    pattern = re.compile(
        r"^#### (?P<name>\S+) - (?P<role>.+)\n\*\*Audience:\*\* (?P<audience>.+)\n"
        r"\*\*(?P<metric>Follower|Subscriber) Target:\*\* (?P<value>[\d,]+) by (?P<by>.+)\n"
        r"\*\*Engagement Goal:\*\* (?P<goal>\d+)% average (?P<kind>.+)$",
        re.M,
    )
    found = list(pattern.finditer(seed))
    assert [m["name"] for m in found] == ["LinkedIn", "Twitter/X", "Doximity", "YouTube"]
    for match in found:
        platform = strategy.platform(KEYS[match["name"]])
        assert (platform.name, platform.role) == (match["name"], match["role"])
        assert ", ".join(platform.audience) == match["audience"]
        target = platform.follower_target
        assert target.value == int(match["value"].replace(",", ""))
        assert target.metric == match["metric"].lower() + "s"
        assert target.by == match["by"] == "Q4 2025"
        assert target.deadline == deadline_date("2025-12-31")
        assert platform.engagement_goal.value == int(match["goal"])
        expected_kind = "view_completion_rate" if "completion" in match["kind"] else "engagement_rate"
        assert platform.engagement_goal.kind == expected_kind
    figures = {p.key: (p.follower_target.value, p.engagement_goal.value) for p in strategy.platforms}
    assert figures == {"linkedin": (25000, 8), "x": (15000, 5), "doximity": (8000, 12), "youtube": (5000, 15)}


def test_content_types_and_cadences(seed: str, strategy) -> None:
    """Every content type the seed lists is on its platform, and every stated frequency is its cadence."""
    stated = {"3-4 per week": "3-4 per week", "Daily": "daily", "Weekly": "weekly", "Bi-weekly": "bi-weekly",
              "Monthly": "monthly"}  # fmt: skip
    for occurrence, key in enumerate(["linkedin", "x", "doximity", "youtube"]):
        items = named(items_after(seed, "**Content Strategy:**", occurrence))
        types = strategy.platform(key).content_types
        assert [t.name for t in types] == [name for name, _ in items]
        for content_type, (_, text) in zip(types, items, strict=True):
            word = next((w for w in stated if text.startswith(w)), None)
            if word:
                assert str(content_type.cadence) == stated[word], content_type.name
            assert content_type.description in {text, content_type.name.capitalize()}
    assert strategy.platform("youtube").content_types[0].duration_minutes == (15, 20)


def test_weekday_themes(seed: str, strategy) -> None:
    """The five weekday themes are the seed's posting schedule."""
    seed_themes = dict(named(items_after(seed, "**Posting Schedule:**")))
    assert list(seed_themes) == list(WEEKDAYS)
    assert {w.weekday: w.theme for w in strategy.weekday_themes} == {d.lower(): t for d, t in seed_themes.items()}


def test_content_pillars(seed: str, strategy) -> None:
    """Four pillars at 30/35/20/15 percent, each with its four topics."""
    found = re.findall(r"^\*\*Pillar (\d): (.+?) \((\d+)% of content\)\*\*$", seed, re.M)
    assert [int(share) for _, _, share in found] == [30, 35, 20, 15]
    for (number, name, share), pillar in zip(found, strategy.content_pillars, strict=True):
        assert (pillar.name, pillar.share) == (name, float(share))
        assert list(pillar.topics) == items_after(seed, f"**Pillar {number}:")


def test_monthly_themes(seed: str, strategy) -> None:
    """Twelve monthly themes; October's "(engagement)" is kept as its note."""
    seed_themes = dict(named(items_after(seed, "**Monthly Content Themes:**")))
    assert list(seed_themes) == list(MONTHS)
    for theme in strategy.monthly_themes:
        written = seed_themes[theme.month.capitalize()]
        assert written == (f"{theme.theme} ({theme.note})" if theme.note else theme.theme)
    assert strategy.theme_for_month(10) == "Halloween Spooky AI Stories"


def test_series(seed: str, strategy) -> None:
    """Both series carry every item the seed lists, with its frequency."""
    for series, label in zip(strategy.series, ['"AI in Healthcare Spotlight" Series', '"Implementation Tuesday" Series'],
                             strict=True):  # fmt: skip
        assert label.startswith(f'"{series.name}"')
        items = items_after(seed, label)
        assert [i.description for i in series.items] == items
        first_words = [item.split()[0].lower() for item in items]
        assert [str(i.cadence) for i in series.items] == first_words


def test_hashtags_and_video_categories(seed: str, strategy) -> None:
    """Primary and secondary hashtags as listed; five video categories with their descriptions."""
    sets = dict(named(items_after(seed, "**Hashtag Strategy:**")))
    assert list(strategy.hashtags.primary) == sets["Primary"].split(", ")
    assert list(strategy.hashtags.secondary) == sets["Secondary"].split(", ")
    assert strategy.hashtags.notes == f"Event-specific: {sets['Event-specific']}"
    categories = named(items_after(seed, "**Video Content Categories:**"))
    assert len(categories) == 5
    assert [(c.name, c.description) for c in strategy.video_categories] == categories


def test_paid_budgets_campaigns_and_audiences(seed: str, strategy) -> None:
    """$15,000 / $5,000 / $8,000 a month, with every campaign type and LinkedIn's target audiences."""
    budgets = re.findall(r"^#### (\S+) Advertising Strategy\n\*\*Budget Allocation:\*\* \$([\d,]+)/month$", seed, re.M)
    assert budgets == [("LinkedIn", "15,000"), ("Twitter/X", "5,000"), ("YouTube", "8,000")]
    for occurrence, (name, amount) in enumerate(budgets):
        budget = strategy.budget_for(KEYS[name])
        assert budget.monthly_budget == int(amount.replace(",", ""))
        campaigns = items_after(seed, "**Campaign Types:**", occurrence)
        written = [f"{c.name}: {c.description}" for c in budget.campaign_types]
        if ":" in campaigns[0]:
            assert written == campaigns
        else:
            assert [c.name for c in budget.campaign_types] == [re.split(r" (?:for|to) ", c)[0] for c in campaigns]
    assert list(strategy.budget_for("linkedin").target_audiences) == items_after(seed, "**Target Audiences:**")
    ads = named(items_after(seed, "**LinkedIn Ad Strategy:**"))
    assert [(a.name, a.description) for a in strategy.platform("linkedin").ad_strategy] == ads


def test_platform_kpis(strategy) -> None:
    """Every platform KPI with its target, unit and period as the seed states it."""
    figures = {k.key: (k.platform, k.target, k.unit, k.period) for k in strategy.kpis if k.group == "platform"}
    assert figures == {
        "linkedin_follower_growth": ("linkedin", 15, "percent", "month"),
        "linkedin_engagement": ("linkedin", 8, "percent", "average"),
        "linkedin_leads": ("linkedin", 50, "count", "month"),
        "linkedin_traffic_share": ("linkedin", 25, "percent", "month"),
        "x_follower_growth": ("x", 12, "percent", "month"),
        "x_engagement": ("x", 5, "percent", "average"),
        "x_mention_sentiment": ("x", 85, "percent", "month"),
        "x_hashtag_performance": ("x", None, "count", "none"),
        "doximity_follower_growth": ("doximity", 10, "percent", "month"),
        "doximity_engagement": ("doximity", 12, "percent", "average"),
        "doximity_connections": ("doximity", 100, "count", "month"),
        "doximity_cme": ("doximity", None, "count", "none"),
        "youtube_subscriber_growth": ("youtube", 20, "percent", "month"),
        "youtube_completion": ("youtube", 15, "percent", "average"),
        "youtube_watch_time": ("youtube", 10000, "hours", "month"),
        "youtube_ctr": ("youtube", 3, "percent", "average"),
    }


def test_roi_and_brand_kpis(seed: str, strategy) -> None:
    """ROI (35%, 150 leads, 25%, $2M a year) and brand awareness (150%, top 5, 12 a quarter, 200%) targets."""
    figures = {k.key: (k.group, k.target, k.unit, k.period, k.comparison) for k in strategy.kpis if k.group != "platform"}
    assert figures == {
        "social_traffic_share": ("roi", 35, "percent", "month", "at_least"),
        "social_leads": ("roi", 150, "count", "month", "at_least"),
        "lead_to_opportunity": ("roi", 25, "percent", "month", "at_least"),
        "influenced_revenue": ("roi", 2_000_000, "money", "year", "at_least"),
        "brand_mentions": ("brand", 150, "percent", "year", "at_least"),
        "industry_recognition": ("brand", 5, "rank", "year", "at_most"),
        "speaking_requests": ("brand", 12, "count", "quarter", "at_least"),
        "media_mentions": ("brand", 200, "percent", "year", "at_least"),
    }
    targets = {k.target for k in strategy.kpis if k.group != "platform"}
    for line in items_after(seed, "**Lead Generation Attribution:**") + items_after(seed, "**Brand Awareness Metrics:**"):
        value = line.split(":", 1)[1]
        written = int(re.search(r"\d[\d,]*", value).group(0).replace(",", ""))
        assert written * (1_000_000 if re.search(r"\$\d+M", value) else 1) in targets, line


def test_influencer_tiers(seed: str, strategy) -> None:
    """Three tiers, each with the seed's four categories and four engagement plays."""
    tiers = re.findall(r"^\*\*Tier (\d): (.+)\*\*$", seed, re.M)
    assert [(t.level, t.name) for t in strategy.influencer_tiers] == [(int(n), name) for n, name in tiers]
    for occurrence, (tier, (number, _)) in enumerate(zip(strategy.influencer_tiers, tiers, strict=True)):
        assert list(tier.categories) == items_after(seed, f"**Tier {number}:")
        assert list(tier.plays) == items_after(seed, "**Engagement Strategy:**", occurrence)


def test_community_groups_and_routines(seed: str, strategy) -> None:
    """Four LinkedIn groups with their roles (owner of 15,000 members) and the four routines."""
    groups = re.findall(r'^- "(.+?)" \((.+?)\)$', seed, re.M)
    assert [g.name for g in strategy.community.groups] == [name for name, _ in groups]
    assert [g.role for g in strategy.community.groups] == ["owner", "member", "contributor", "moderator"]
    assert strategy.community.groups[0].members == 15000 and "15,000 members" in groups[0][1]
    assert [r.name for r in strategy.community.routines] == items_after(seed, "**Community Engagement Strategy:**")
    assert str(strategy.community.routines[0].cadence) == "weekly"


def test_listening_terms_competitors_and_sentiment(seed: str, strategy) -> None:
    """Thirteen key terms, the five competitors and the four sentiment goals; 85% positive mentions."""
    terms = [t for line in items_after(seed, "**Key Terms to Monitor:**") for t in line.split(", ")]
    assert list(strategy.listening.key_terms) == terms and len(terms) == 13
    competitors = items_after(seed, "**Competitor Monitoring:**")
    assert [c.name for c in strategy.listening.competitors] == competitors and len(competitors) == 5
    assert list(strategy.listening.sentiment_goals) == items_after(seed, "**Sentiment Analysis:**")
    assert strategy.listening.positive_sentiment_target == 85


def test_crisis_sensitivities_protocol_and_tools(seed: str, strategy) -> None:
    """The four sensitivities, the five protocol steps in order, and the four monitoring tools."""
    crisis = strategy.crisis
    assert list(crisis.sensitivities) == items_after(seed, "#### Healthcare Industry Sensitivity Considerations")
    steps = named(items_after(seed, "#### Crisis Response Protocol"))
    assert [(s.order, s.name, s.description) for s in crisis.protocol] == [
        (n, name, text) for n, (name, text) in enumerate(steps, start=1)
    ]
    assert list(crisis.monitoring_tools) == items_after(seed, "#### Reputation Monitoring Tools")


def test_repurposing_recipes(seed: str, strategy) -> None:
    """Blog post and video recipes each send five outputs to the seed's channels."""
    for recipe, label in zip(strategy.repurposing, ["**Blog Post → Multi-Platform Distribution:**",
                                                    "**Video Content → Multi-Format Distribution:**"], strict=True):  # fmt: skip
        assert recipe.name == label.strip("*:")
        outputs = named(items_after(seed, label))
        assert [(o.channel, o.description) for o in recipe.outputs] == [(KEYS[c], d) for c, d in outputs]


def test_team_roles_and_training(seed: str, strategy) -> None:
    """Four team roles with employment and responsibilities, plus crisis-only legal and executive; two training areas."""
    roles = re.findall(r"^\*\*(.+?) \((Full-time|Part-time|Contract)\):\*\*$", seed, re.M)
    team = [r for r in strategy.roles if not r.crisis_only]
    assert [(r.name, r.employment) for r in team] == [(name, kind.lower()) for name, kind in roles]
    for role in team:
        assert list(role.responsibilities) == items_after(seed, f"**{role.name} (")
    assert {r.key for r in strategy.roles if r.crisis_only} == {"legal", "executive"}
    for area in strategy.training:
        assert list(area.topics) == items_after(seed, f"**{area.name}:**")
    assert [a.name for a in strategy.training] == ["Healthcare Industry Training", "Social Media Best Practices"]
