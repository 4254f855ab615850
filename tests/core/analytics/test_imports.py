"""Export parsers: header aliases, numbers, format detection and all-or-nothing problems."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from socialrx.core.analytics.imports.ads import parse_ad_spend, parse_linkedin_campaign_manager
from socialrx.core.analytics.imports.crm import parse_crm_export
from socialrx.core.analytics.imports.formats import detect_format, parse_export
from socialrx.core.analytics.imports.ga4 import parse_ga4_events, parse_ga4_traffic
from socialrx.core.analytics.imports.linkedin import (
    parse_linkedin_content_metrics,
    parse_linkedin_followers,
    parse_linkedin_posts,
    parse_linkedin_visitors,
)
from socialrx.core.analytics.imports.tabular import ExportFormatError, parse_cell
from socialrx.core.analytics.imports.x import (
    parse_x_account_overview,
    parse_x_content,
    parse_x_tweet_activity,
)
from socialrx.core.analytics.imports.youtube import parse_youtube_daily, parse_youtube_studio

FIXTURES = Path(__file__).parent / "fixtures"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_linkedin_followers_read_thousands_separators_and_blank_counts():
    """The followers export skips its description line, reads "1,204" and treats blank counts as 0."""
    rows = parse_linkedin_followers(fixture("linkedin_followers.csv"), file_name="followers.csv")
    assert [row.total for row in rows] == [43, 39, 1209, 27]
    assert rows[2].organic == 1204
    assert rows[3].sponsored == 0
    assert rows[0].day == date(2025, 9, 1)
    assert rows[0].natural_key == ("linkedin_followers", date(2025, 9, 1))


def test_broken_number_is_reported_with_file_row_and_column():
    """A bad cell is named by file, spreadsheet row and column header."""
    with pytest.raises(ExportFormatError) as caught:
        parse_linkedin_followers(fixture("linkedin_followers_broken.csv"), file_name="followers.csv")
    assert str(caught.value) == 'followers.csv, row 5, column "Total followers": "12,4x0" is not a number'
    assert caught.value.problems[0].row == 5


def test_linkedin_visitors_and_content_metrics():
    """Visitor and content-metric sheets read their totals; old "Shares" headers count as reposts."""
    visitors = parse_linkedin_visitors(fixture("linkedin_visitors.csv"), file_name="visitors.csv")
    assert [(v.page_views, v.unique_visitors) for v in visitors] == [(500, 260), (415, 225)]
    content = parse_linkedin_content_metrics(fixture("linkedin_content_metrics.csv"), file_name="content.csv")
    assert content[1].impressions == 4480
    assert content[1].reposts == 5
    assert content[0].unique_impressions_organic == 2102


def test_linkedin_posts_are_keyed_by_link():
    """Each LinkedIn post is keyed by its link so a re-import updates it."""
    posts = parse_linkedin_posts(fixture("linkedin_posts.csv"), file_name="posts.csv")
    assert posts[0].natural_key == ("linkedin_post", "https://www.linkedin.com/feed/update/urn:li:activity:7101")
    assert (posts[0].impressions, posts[0].clicks, posts[0].likes, posts[0].follows) == (4812, 201, 156, 4)
    assert posts[1].views == 640


def test_x_legacy_export_reads_float_counts_and_offsets():
    """The legacy tweet-activity file's "424.0" counts and "+0000" times are read exactly."""
    posts = parse_x_tweet_activity(fixture("x_tweet_activity.csv"), file_name="tweets.csv")
    assert posts[0].post_id == "649339476513513472"
    assert posts[0].impressions == 424
    assert posts[1].impressions == 1210
    assert posts[1].posted_at == datetime(2015, 9, 30, 18, 42, tzinfo=UTC)
    assert posts[1].likes == 11


def test_x_current_exports():
    """The current content and account-overview exports are read by header name."""
    posts = parse_x_content(fixture("x_content.csv"), file_name="content.csv")
    assert (posts[0].impressions, posts[0].engagements, posts[0].follows) == (2904, 118, 3)
    assert posts[0].posted_at.date() == date(2025, 9, 2)
    days = parse_x_account_overview(fixture("x_account_overview.csv"), file_name="overview.csv")
    assert [(d.day, d.new_follows, d.unfollows) for d in days] == [(date(2025, 9, 2), 12, 2), (date(2025, 9, 3), 6, 1)]


def test_youtube_export_skips_total_row_and_reads_percent_and_durations():
    """YouTube's Total row is skipped; percent columns become fractions and H:MM:SS becomes seconds."""
    videos = parse_youtube_studio(fixture("youtube_table_data.csv"), file_name="Table data.csv")
    assert [v.video_id for v in videos] == ["dQw4w9WgXcQ", "M7lc1UVf-VE"]
    assert videos[0].impressions_ctr == pytest.approx(0.046)
    assert videos[0].average_percentage_viewed == pytest.approx(0.33)
    assert videos[0].average_view_duration_seconds == 301
    assert videos[1].watch_time_hours == pytest.approx(309.9)


def test_ga4_export_reads_period_from_comments_and_stops_at_blank_line():
    """GA4 comment lines give the period; the second table after a blank line is not read."""
    rows = parse_ga4_traffic(fixture("ga4_traffic_acquisition.csv"), file_name="ga4.csv")
    assert len(rows) == 9
    assert rows[0].period_start == date(2025, 9, 1)
    assert rows[0].period_end == date(2025, 9, 30)
    assert (rows[2].source, rows[2].medium, rows[2].sessions) == ("linkedin", "social", 1640)
    assert rows[1].source == "(direct)"


def test_ad_spend_reads_currency_and_lowercases_platform():
    """Ad spend reads "$512.40" and keys rows by platform, campaign and day."""
    rows = parse_ad_spend(fixture("ad_spend.csv"), file_name="ads.csv")
    assert rows[0].spend == pytest.approx(512.40)
    assert rows[0].natural_key == ("ad_spend", "linkedin", "exec-sponsored-content-q3", date(2025, 9, 1))


def test_missing_column_is_reported_at_the_header_row():
    """A file without a required column names the missing column at the header row."""
    with pytest.raises(ExportFormatError) as caught:
        parse_ad_spend(fixture("ad_spend_missing_column.csv"), file_name="ads.csv")
    assert str(caught.value) == 'ads.csv, row 1, column "Spend": column is missing'


def test_crm_export_groups_touches_by_lead():
    """CRM rows become leads with time-ordered touches, opportunities and revenue."""
    leads = parse_crm_export(fixture("crm_touches.csv"), file_name="crm.csv")
    by_id = {lead.lead_id: lead for lead in leads}
    assert len(by_id["L-1001"].touches) == 3
    assert by_id["L-1001"].touches[1].medium == "paid_social"
    assert by_id["L-1001"].revenue == 48000
    assert by_id["L-1001"].won_at == datetime(2025, 10, 30, 16, tzinfo=UTC)
    assert by_id["L-1003"].has_opportunity is True
    assert by_id["L-1002"].has_opportunity is False
    assert by_id["L-1004"].touches == ()


def test_crm_export_rejects_a_bad_date():
    """A bad date stops the import before any lead is built."""
    with pytest.raises(ExportFormatError) as caught:
        parse_crm_export(fixture("crm_touches_broken.csv"), file_name="crm.csv")
    messages = [str(problem) for problem in caught.value.problems]
    assert messages == [
        'crm.csv, row 4, column "Lead created": "yesterday" is not a date and time',
    ]


def test_crm_lead_fields_must_agree():
    """Two rows of one lead with different revenue are rejected naming the later row."""
    text = fixture("crm_touches_broken.csv").replace("L-1002,yesterday", "L-1002,2025-09-11 09:30")
    with pytest.raises(ExportFormatError) as caught:
        parse_crm_export(text, file_name="crm.csv")
    assert str(caught.value) == 'crm.csv, row 3, column "Revenue": differs from row 2 for lead L-1001'


def test_duplicate_rows_in_one_file_are_rejected():
    """Two rows with the same natural key in one file are a problem."""
    text = fixture("ad_spend.csv") + "LinkedIn,exec-sponsored-content-q3,2025-09-01,1.00,1,1,0\n"
    with pytest.raises(ExportFormatError, match="row 6: repeats row 2"):
        parse_ad_spend(text, file_name="ads.csv")


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("linkedin_followers.csv", "linkedin_followers"),
        ("linkedin_visitors.csv", "linkedin_visitors"),
        ("linkedin_content_metrics.csv", "linkedin_content"),
        ("linkedin_posts.csv", "linkedin_posts"),
        ("x_tweet_activity.csv", "x_tweet_activity"),
        ("x_content.csv", "x_content"),
        ("x_account_overview.csv", "x_account_overview"),
        ("youtube_table_data.csv", "youtube_studio"),
        ("ga4_traffic_acquisition.csv", "ga4_traffic"),
        ("ad_spend.csv", "ad_spend"),
        ("crm_touches.csv", "crm_touches"),
        ("x_tweet_activity_2025_09.csv", "x_tweet_activity"),
        ("youtube_table_by_date.csv", "youtube_daily"),
        ("youtube_table_by_date_eu.csv", "youtube_daily"),
        ("ga4_channel_groups.csv", "ga4_traffic"),
        ("ga4_events.csv", "ga4_events"),
    ],
)
def test_each_sample_is_detected_and_parsed(name, key):
    """Every sample export is recognised from its headers and parses without problems."""
    parsed = parse_export(fixture(name), file_name=name)
    assert parsed.format == key
    assert parsed.rows


def test_headers_match_case_and_space_insensitively():
    """Header aliases ignore case and repeated spaces."""
    assert detect_format(["  platform", "CAMPAIGN  NAME", "day", "cost", "impressions", "clicks"]) == "ad_spend"
    assert detect_format(["Name", "Email"]) is None


def test_unknown_file_is_rejected_clearly():
    """A file with no known header row raises one problem on row 1."""
    with pytest.raises(ExportFormatError, match="notes.csv, row 1: the header row matches no known export"):
        parse_export("Name,Email\nAda,ada@example.org\n", file_name="notes.csv")


@pytest.mark.parametrize(
    ("raw", "kind", "value"),
    [("1,234", "int", 1234), ("1.234,5", "float", 1234.5), ("1,234.5", "float", 1234.5), ("12,5", "float", 12.5),
     ("1.234.567", "int", 1234567), ("12.5%", "fraction", 0.125), ("0.05", "fraction", 0.05),
     ("4.6", "percent_points", 0.046), ("-", "int", 0), ("1:02:03", "duration", 3723.0), ("$1,200.50", "float", 1200.5)],
)
def test_cells_are_read_as_their_kind(raw, kind, value):
    """Numbers with separators, percents, dashes and durations read as expected."""
    assert parse_cell(raw, kind) == pytest.approx(value)


def test_fractional_count_is_not_a_whole_number():
    """A count of 2.5 is refused."""
    with pytest.raises(ValueError, match='"2.5" is not a whole number'):
        parse_cell("2.5", "int")


def test_youtube_table_by_date_is_read_per_day_without_its_total_row():
    """A YouTube Studio table grouped by Date gives one channel-wide row per day; the Total row is skipped."""
    rows = parse_youtube_daily(fixture("youtube_table_by_date.csv"), file_name="Table data.csv")
    assert [(row.day, row.views, row.watch_time_hours) for row in rows] == [
        (date(2025, 9, 1), 1_000, 80.5), (date(2025, 9, 2), 2_000, 170.0)]
    assert rows[1].average_percentage_viewed == pytest.approx(0.375)
    assert rows[0].impressions_ctr == pytest.approx(0.05)


def test_semicolon_export_with_decimal_commas_is_read():
    """A European spreadsheet's export (`;` cells, "1.234" thousands, "102,5" decimals) reads the same numbers."""
    row = parse_youtube_daily(fixture("youtube_table_by_date_eu.csv"), file_name="eu.csv")[0]
    assert (row.views, row.watch_time_hours, row.impressions) == (1_234, 102.5, 20_000)
    assert row.impressions_ctr == pytest.approx(0.045)


def test_broken_youtube_table_names_every_bad_cell():
    """Every bad cell is reported with file, spreadsheet row and column."""
    with pytest.raises(ExportFormatError) as caught:
        parse_youtube_daily(fixture("youtube_table_by_date_broken.csv"), file_name="Table data.csv")
    assert [str(p) for p in caught.value.problems] == [
        'Table data.csv, row 4, column "Views": "lots" is not a number',
        'Table data.csv, row 5, column "Date": "2025-13-02" is not a date',
    ]


def test_ga4_events_read_their_period_from_the_comment_header():
    """A GA4 events export sums each event over the `# Start date` / `# End date` period."""
    rows = {row.event_name: row for row in parse_ga4_events(fixture("ga4_events.csv"), file_name="events.csv")}
    booking = rows["booking_click"]
    assert (booking.period_start, booking.period_end, booking.day, booking.event_count) == (
        date(2025, 9, 1), date(2025, 9, 30), None, 1_234)


def test_ga4_export_without_dates_or_period_is_refused():
    """Sessions with neither a Date column nor a `#` period belong to no month, so the file is refused."""
    with pytest.raises(ExportFormatError, match="ga4.csv, row 1: the export has no Date column"):
        parse_ga4_traffic(fixture("ga4_without_period.csv"), file_name="ga4.csv")


def test_linkedin_campaign_manager_report_in_utf16_with_tabs():
    """A Campaign Manager report (UTF-16, tabs, description lines above the header) gives LinkedIn spend per day."""
    text = (FIXTURES / "linkedin_campaign_manager.csv").read_bytes().decode("utf-16")
    rows = parse_linkedin_campaign_manager(text, file_name="campaign_performance_report.csv")
    assert [(r.platform, r.campaign, r.day, r.spend, r.clicks, r.leads) for r in rows] == [
        ("linkedin", "Sepsis webinar", date(2025, 9, 1), 1250.40, 310, 12),
        ("linkedin", "Sepsis webinar", date(2025, 9, 2), 980.10, 270, 9),
        ("linkedin", "Exec thought leadership", date(2025, 9, 1), 400.0, 95, 2),
    ]
    assert parse_export(text, file_name="report.csv").format == "linkedin_campaign_manager"
