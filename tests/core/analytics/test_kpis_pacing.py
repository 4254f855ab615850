"""KPI formulas, counting a month's web sessions once, traffic classification and paid pacing."""

from datetime import date
from pathlib import Path

import pytest

from socialrx.core.analytics.formulas import (
    click_through_rate,
    engagement_rate,
    growth_rate,
    linkedin_engagements,
    ratio,
    share,
    weighted_share,
    youtube_engagements,
)
from socialrx.core.analytics.imports.ads import AdSpendDay
from socialrx.core.analytics.imports.ga4 import parse_ga4_traffic
from socialrx.core.analytics.imports.youtube import parse_youtube_studio
from socialrx.core.analytics.pacing import pace_budget
from socialrx.core.analytics.traffic import TrafficSums, classify_traffic, month_traffic

FIXTURES = Path(__file__).parent / "fixtures"
SEPTEMBER = (date(2025, 9, 1), date(2025, 9, 30))


def read(name):
    return (FIXTURES / name).read_text()


def test_rates_are_ratios_of_sums_and_none_without_a_denominator():
    """Engagement rate and CTR divide sums; with no impressions there is no rate (None, never 0)."""
    assert engagement_rate(100 + 90, 1000 + 9000) == pytest.approx(0.019)
    assert engagement_rate(5, 0) is None
    assert click_through_rate(3, 100) == pytest.approx(0.03)
    assert share(1, 0) is None
    assert ratio(1, 0) == 0.0


def test_growth_is_end_over_start_and_undefined_from_nothing():
    """10,000 -> 11,500 is 15 %; growth from zero or an unknown count is None."""
    assert growth_rate(10_000, 11_500) == pytest.approx(0.15)
    assert growth_rate(0, 5) is None
    assert growth_rate(None, 5) is None


def test_network_engagement_definitions():
    """LinkedIn counts clicks, reactions, comments, reposts and follows; YouTube likes, comments and shares."""
    assert linkedin_engagements(clicks=201, reactions=156, comments=23, reposts=11, follows=4) == 395
    assert youtube_engagements(likes=390, comments=61, shares=102) == 553


def test_video_completion_and_ctr_are_weighted_by_views_and_impressions():
    """Completion is weighted by views and impressions CTR by impressions, over a YouTube Studio table."""
    videos = parse_youtube_studio(read("youtube_table_data.csv"), file_name="t.csv")
    assert weighted_share((v.average_percentage_viewed, v.views) for v in videos) == pytest.approx(
        (0.33 * 8400 + 0.413 * 4480) / 12880)
    assert weighted_share((v.impressions_ctr, v.impressions) for v in videos) == pytest.approx(
        (0.046 * 150100 + 0.033 * 60300) / 210400)
    assert weighted_share([]) is None


def _sums(rows, period=SEPTEMBER):
    return [TrafficSums(r.source, r.medium, r.channel_group, r.sessions, period) for r in rows]


def test_social_share_of_web_traffic_and_by_network():
    """linkedin, lnkd.in, t.co, x and youtube.com count as social; LinkedIn has most of it."""
    rows = parse_ga4_traffic(read("ga4_traffic_acquisition.csv"), file_name="ga4.csv")
    counted = month_traffic(_sums(rows))
    social = 1640 + 410 + 1200 + 520 + 300 + 450
    assert (counted.total, counted.social) == (14_670, social)
    assert counted.by_network["linkedin"] == 1640 + 410 + 1200
    assert counted.by_network["x"] == 520 + 300


def test_two_views_of_one_period_are_counted_once():
    """A channel-group view of the same period adds no sessions to the source / medium view."""
    rows = parse_ga4_traffic(read("ga4_traffic_acquisition.csv"), file_name="ga4.csv")
    groups = [TrafficSums("", "", "Organic Search", 6_200, SEPTEMBER), TrafficSums("", "", "Direct", 3_050, SEPTEMBER),
              TrafficSums("", "", "Organic Social", 4_520, SEPTEMBER)]
    assert month_traffic(_sums(rows) + groups).total == 14_670
    assert month_traffic(groups).social == 4_520


def test_daily_rows_win_over_period_totals_and_the_longest_period_wins():
    """Daily rows of a month are used over period exports; of two periods in a month the longer one counts."""
    daily = [TrafficSums("linkedin", "social", "", 10), TrafficSums("google", "organic", "", 30)]
    half = [TrafficSums("linkedin", "social", "", 500, (date(2025, 9, 1), date(2025, 9, 15)))]
    whole = [TrafficSums("linkedin", "social", "", 900, SEPTEMBER)]
    assert month_traffic(daily + half + whole).total == 40
    assert month_traffic(half + whole).total == 900
    assert month_traffic([]) is None


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
