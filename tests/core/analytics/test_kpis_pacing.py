"""KPI arithmetic, social traffic shares and paid pacing over imported rows."""

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from socialrx.core.analytics.imports.ads import AdSpendDay
from socialrx.core.analytics.imports.crm import parse_crm_export
from socialrx.core.analytics.imports.ga4 import parse_ga4_traffic
from socialrx.core.analytics.imports.linkedin import parse_linkedin_followers, parse_linkedin_posts
from socialrx.core.analytics.imports.youtube import parse_youtube_studio
from socialrx.core.analytics.kpis import (
    PostPerformance,
    average_percentage_viewed,
    best_posting_hours,
    engagement_rate_by_followers,
    engagement_rate_by_impressions,
    follower_totals_from_gains,
    growth_rate,
    impressions_click_through_rate,
    influenced_revenue,
    lead_to_opportunity_rate,
    leads_per_month,
    linkedin_performance,
    monthly_growth_rates,
    pillar_mix,
    ratio,
    series_performance,
    watch_time_hours,
)
from socialrx.core.analytics.pacing import pace_budget
from socialrx.core.analytics.traffic import classify_traffic, social_network_shares, social_traffic_share

FIXTURES = Path(__file__).parent / "fixtures"
NEW_YORK = ZoneInfo("America/New_York")


def read(name):
    return (FIXTURES / name).read_text()


def post(impressions, engagements, *, at=datetime(2025, 9, 2, 13, tzinfo=UTC), **labels):
    return PostPerformance("linkedin", f"p{impressions}-{engagements}-{at}", at, impressions, engagements, **labels)


def test_monthly_growth_uses_each_month_last_value():
    """Monthly growth compares month-end values: 10,000 -> 11,500 is 15 %."""
    points = [(date(2025, 8, 15), 9_000), (date(2025, 8, 31), 10_000), (date(2025, 9, 30), 11_500)]
    assert monthly_growth_rates(points)[0].rate == pytest.approx(0.15)
    assert growth_rate(200, 500) == pytest.approx(1.5)


def test_follower_totals_are_rebuilt_from_linkedin_gains():
    """Daily gains and today's total give each day's closing total."""
    gains = parse_linkedin_followers(read("linkedin_followers.csv"), file_name="f.csv")
    totals = follower_totals_from_gains(20_000, gains)
    assert totals[-1] == (date(2025, 9, 4), 20_000)
    assert totals[0] == (date(2025, 9, 1), 20_000 - 27 - 1209 - 39)


def test_engagement_rate_is_a_ratio_of_sums():
    """Σ engagements / Σ impressions, not the mean of per-post rates."""
    posts = [post(1000, 100), post(9000, 90)]
    assert engagement_rate_by_impressions(posts) == pytest.approx(190 / 10_000)
    assert engagement_rate_by_impressions([]) == 0.0
    with_followers = [post(1000, 100, followers_at_post=5000), post(10, 1)]
    assert engagement_rate_by_followers(with_followers) == pytest.approx(0.02)


def test_linkedin_engagements_count_clicks_reactions_comments_reposts_follows():
    """LinkedIn engagements include follows gained from the post."""
    first = parse_linkedin_posts(read("linkedin_posts.csv"), file_name="p.csv")[0]
    assert linkedin_performance(first, pillar="research").engagements == 201 + 156 + 23 + 11 + 4


def test_video_kpis_are_weighted_by_views_and_impressions():
    """Completion and CTR are weighted by views and impressions; watch time adds up."""
    videos = parse_youtube_studio(read("youtube_table_data.csv"), file_name="t.csv")
    assert watch_time_hours(videos) == pytest.approx(702.5 + 309.9)
    assert average_percentage_viewed(videos) == pytest.approx((0.33 * 8400 + 0.413 * 4480) / 12880)
    assert impressions_click_through_rate(videos) == pytest.approx((0.046 * 150100 + 0.033 * 60300) / 210400)
    assert ratio(15, 100) == 0.15
    assert ratio(1, 0) == 0.0


def test_social_share_of_web_traffic_and_by_network():
    """linkedin, lnkd.in, t.co, x and youtube.com count as social; LinkedIn has most of it."""
    rows = parse_ga4_traffic(read("ga4_traffic_acquisition.csv"), file_name="ga4.csv")
    social = 1640 + 410 + 1200 + 520 + 300 + 450
    assert social_traffic_share(rows) == pytest.approx(social / 14_670)
    shares = social_network_shares(rows)
    assert shares["linkedin"] == pytest.approx((1640 + 410 + 1200) / social)
    assert shares["x"] == pytest.approx((520 + 300) / social)
    assert sum(shares.values()) == pytest.approx(1)


@pytest.mark.parametrize(
    ("source", "medium", "kind", "network"),
    [("linkedin", "paid_social", "paid_social", "linkedin"), ("t.co", "referral", "organic_social", "x"),
     ("doximity", "social", "organic_social", "doximity"), ("google", "cpc", "paid_search", None),
     ("(direct)", "(none)", "direct", None), ("newsletter", "email", "email", None),
     ("example.org", "referral", "referral", None)],
)
def test_traffic_classification_follows_ga4_rules(source, medium, kind, network):
    """Source/medium pairs are classified as GA4's default channel group does."""
    assert classify_traffic(source, medium).kind == kind
    assert classify_traffic(source, medium).network == network


def test_leads_opportunities_and_influenced_revenue():
    """Leads per month, lead-to-opportunity rate and social-influenced won revenue come from the CRM rows."""
    leads = parse_crm_export(read("crm_touches.csv"), file_name="crm.csv")
    assert leads_per_month(leads, tz=NEW_YORK) == {date(2025, 9, 1): 4}
    assert lead_to_opportunity_rate(leads) == pytest.approx(0.5)
    october = (datetime(2025, 10, 1, tzinfo=UTC), datetime(2025, 11, 1, tzinfo=UTC))
    assert influenced_revenue(leads, start=october[0], end=october[1]) == 48_000
    assert influenced_revenue(leads, start=october[0] - timedelta(days=31), end=october[0]) == 0


def test_pillar_mix_against_plan():
    """Each pillar's share of posts is shown against its planned share, including planned but unused pillars."""
    posts = [post(100, 10, pillar="research"), post(100, 5, pillar="research"), post(100, 2, pillar="events")]
    mix = {group.name: group for group in pillar_mix(posts, {"research": 0.4, "events": 0.3, "culture": 0.3})}
    assert mix["research"].share == pytest.approx(2 / 3)
    assert mix["research"].engagement_rate == pytest.approx(0.075)
    assert (mix["culture"].posts, mix["culture"].planned_share) == (0, 0.3)
    series = series_performance([post(100, 10, series="Implementation Tuesday"), post(100, 1)])
    assert [(s.name, s.posts) for s in series] == [("Implementation Tuesday", 1)]


def test_best_hours_need_a_minimum_sample():
    """Hours of the week are ranked by engagement rate in local time, only with enough posts."""
    tuesday_9 = datetime(2025, 9, 2, 13, tzinfo=UTC)  # 09:00 in New York
    thursday_15 = datetime(2025, 9, 4, 19, tzinfo=UTC)
    posts = [post(1000, 50, at=tuesday_9 + timedelta(weeks=w)) for w in range(5)]
    posts += [post(1000, 80, at=thursday_15 + timedelta(weeks=w)) for w in range(5)]
    posts += [post(1000, 500, at=datetime(2025, 9, 6, 2, tzinfo=UTC))]
    hours = best_posting_hours(posts, tz=NEW_YORK, min_posts=5)
    assert [(h.weekday, h.hour, h.posts) for h in hours] == [(3, 15, 5), (1, 9, 5)]
    assert hours[0].engagement_rate == pytest.approx(0.08)


def spend_rows(days, daily):
    return [AdSpendDay("linkedin", "exec", date(2025, 9, d), daily, 1000, 20, 1) for d in days]


def test_pacing_on_budget():
    """Spending budget/30 a day is on pace and projects to the budget."""
    report = pace_budget(spend_rows(range(1, 16), 500.0), budget=15_000, as_of=date(2025, 9, 15))
    assert report.pacing_index == pytest.approx(1.0)
    assert report.flag == "on_pace"
    assert report.projected_linear == pytest.approx(15_000)
    assert report.projected_by_weekday == pytest.approx(15_000)
    assert report.cost_per_lead == pytest.approx(500)
    assert report.cost_per_click == pytest.approx(25)


def test_pacing_flags_over_and_under():
    """Spending 30 % too fast is over; half the pace is under."""
    assert pace_budget(spend_rows(range(1, 11), 650.0), budget=15_000, as_of=date(2025, 9, 10)).flag == "over"
    under = pace_budget(spend_rows(range(1, 11), 250.0), budget=15_000, as_of=date(2025, 9, 10))
    assert under.flag == "under"
    assert under.pacing_index == pytest.approx(0.5)


def test_weekday_projection_knows_weekends_are_dark():
    """A campaign dark at weekends is projected by the weekdays left, not by the daily run rate."""
    weekdays = [d for d in range(1, 15) if date(2025, 9, d).weekday() < 5]
    report = pace_budget(spend_rows(weekdays, 700.0), budget=15_000, as_of=date(2025, 9, 14))
    remaining_weekdays = sum(1 for d in range(15, 31) if date(2025, 9, d).weekday() < 5)
    assert report.projected_by_weekday == pytest.approx(700 * (len(weekdays) + remaining_weekdays))
    assert report.projected_by_weekday == pytest.approx(22 * 700)
    assert report.projected_linear == pytest.approx(7000 / 14 * 30)
    assert report.cost_per_lead == pytest.approx(700)
