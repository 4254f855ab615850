"""KPIs from real exports: per-post and daily figures, GA4 views counted once, listening, relationships,
custom KPIs over named series and monthly values entered by hand. Expected values are computed by hand."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.analytics.imports.tabular import ExportFormatError
from socialrx.core.strategy import default_strategy_text
from socialrx.server.actions import ActionError
from socialrx.server.actions.analytics import import_export, set_monthly_value
from socialrx.server.actions.strategy import ensure_default_strategy, upload_strategy
from socialrx.server.lib.analytics import KpiQuery, KpiRunner
from socialrx.server.models import (
    AdSpend,
    AnalyticsImport,
    AuditEvent,
    Event,
    ListeningQuery,
    ListeningSource,
    MediaMention,
    MentionMatch,
    NetworkDay,
    SeriesValue,
    SpeakingRequest,
    StoredMention,
)

FIXTURES = Path(__file__).parents[1] / "core" / "analytics" / "fixtures"
SEPTEMBER = date(2025, 9, 1)
BOOKING_KPI = ("  - {key: booking_clicks, name: Booking link clicks, group: roi, metric: custom, "
               "series: ga4_event.booking_click, target: 450, unit: count, period: month}\n"
               "  - {key: cme_hours, name: CME hours, group: brand, metric: custom, series: manual.cme_hours, "
               "target: 300, unit: count, period: month}\n")
pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(db):
    return ensure_default_strategy()


def _import(user, name: str, kind: str):
    return import_export(user, (FIXTURES / name).read_bytes(), file_name=name, kind=kind)


def _kpis(month: date = SEPTEMBER) -> dict:
    return {k.key: k for k in KpiRunner(KpiQuery(month=month)).run().kpis}


def test_per_post_x_and_youtube_exports_feed_engagement_and_video_kpis(strategy, manager):
    """X per-tweet and YouTube per-video exports give the month's engagement, watch time, completion and CTR."""
    _import(manager, "x_tweet_activity_2025_09.csv", "x")
    _import(manager, "youtube_table_data.csv", "youtube")
    kpis = _kpis()
    assert kpis["x_engagement"].actual == pytest.approx((310 + 243 + 99) / (12_400 + 8_100 + 5_500) * 100)
    assert kpis["x_engagement"].state == "off_track"  # 2.5 % against 5 %
    assert kpis["x_engagement"].note == "engagements / impressions; engagements = X's own engagements count: " \
        "all clicks, reposts, replies, follows and likes"
    assert kpis["youtube_watch_time"].actual == pytest.approx(702.5 + 309.9)
    assert kpis["youtube_completion"].actual == pytest.approx((33.0 * 8_400 + 41.3 * 4_480) / 12_880)
    assert kpis["youtube_ctr"].actual == pytest.approx((6_905 + 1_990) / 210_400 * 100)
    assert kpis["youtube_ctr"].state == "on_track"


def test_daily_youtube_figures_are_not_added_to_per_video_ones(strategy, manager):
    """With both a table by date and a table by content for September, the daily rows alone count."""
    _import(manager, "youtube_table_data.csv", "youtube")
    outcome = _import(manager, "youtube_table_by_date.csv", "youtube")
    assert outcome.format == "youtube_daily"
    kpis = _kpis()
    assert kpis["youtube_watch_time"].actual == pytest.approx(80.5 + 170.0)
    assert kpis["youtube_completion"].actual == pytest.approx((30.0 * 1_000 + 37.5 * 2_000) / 3_000)
    assert NetworkDay.objects.get(network="youtube", day=date(2025, 9, 2)).video_views == 2_000


def test_ga4_period_export_feeds_traffic_shares_and_a_second_view_does_not_double_it(strategy, manager):
    """A standard GA4 export (period in `#` lines) counts; a channel-group view of the same period adds nothing."""
    _import(manager, "ga4_traffic_acquisition.csv", "ga4")
    before = _kpis()
    _import(manager, "ga4_channel_groups.csv", "ga4")
    after = _kpis()
    social = 1_640 + 410 + 1_200 + 520 + 300 + 450
    for kpis in (before, after):
        assert kpis["social_traffic_share"].actual == pytest.approx(social / 14_670 * 100)
        assert kpis["linkedin_traffic_share"].actual == pytest.approx((1_640 + 410 + 1_200) / social * 100)


def test_without_a_crm_export_leads_and_revenue_say_what_they_need(strategy, manager):
    """No CRM file: leads, conversion and revenue show no value and no status, and name the import they need."""
    _import(manager, "ga4_traffic_acquisition.csv", "ga4")
    kpis = _kpis()
    for key in ("linkedin_leads", "social_leads", "lead_to_opportunity", "influenced_revenue"):
        assert kpis[key].actual is None and kpis[key].state is None
        assert kpis[key].note == "needs a CRM export: socialrx import crm FILE"


def test_every_seed_kpi_has_a_value_or_says_what_supplies_it(strategy):
    """With nothing imported, none of the 24 seed KPIs is 0 or off track; each names its source."""
    kpis = _kpis()
    assert len(kpis) == 24
    for kpi in kpis.values():
        assert kpi.actual is None and kpi.state is None
        assert kpi.note.startswith(("needs ", "doximity has no export")), kpi
    assert "socialrx kpi-entry manual.doximity_cme" in kpis["doximity_cme"].note
    assert "socialrx kpi-entry manual.industry_recognition" in kpis["industry_recognition"].note


def _mention(query, number: int, when: datetime, sentiment: float, text: str = "Acme Health AI") -> None:
    source = ListeningSource.objects.get_or_create(name="alerts", defaults={"kind": "rss", "created_at": when})[0]
    mention = StoredMention.objects.create(source=source, external_id=f"m{number}", text=text, published_at=when,
                                           fetched_at=when, story_id=f"s{number}", sentiment=sentiment)
    MentionMatch.objects.create(mention=mention, query=query, published_at=when, sentiment=sentiment)


def test_listening_and_relationships_feed_brand_kpis(strategy):
    """Sentiment share, mention growth, event hashtag use, speaking requests per quarter and media mention growth."""
    at = datetime(2025, 1, 1, tzinfo=UTC)
    brand = ListeningQuery.objects.create(key="acme", name="Acme", text='"Acme Health AI"', is_own_brand=True,
                                          created_at=at, updated_at=at)
    for number, sentiment in enumerate((0.6, 0.4, -0.5, 0.0)):
        _mention(brand, number, datetime(2025, 9, 10 + number, 15, tzinfo=UTC), sentiment,
                 "Acme Health AI at #HIMSS25" if number == 0 else "Acme Health AI")
    for number in range(2):
        _mention(brand, 10 + number, datetime(2024, 9, 10, 15, tzinfo=UTC), 0.1)
    for received in (date(2025, 7, 3), date(2025, 8, 20), date(2025, 9, 2), date(2025, 6, 30)):
        SpeakingRequest.objects.create(received_on=received, requester="HIMSS", created_at=at)
    for number, published in enumerate([date(2024, 9, 5)] * 2 + [date(2025, 9, 5)] * 5):
        MediaMention.objects.create(published_on=published, outlet="STAT", title=f"story {number}", created_at=at)
    assert _kpis()["x_hashtag_performance"].actual == 0  # the seed's hashtags are not #HIMSS25
    Event.objects.create(name="HIMSS", start=date(2025, 9, 9), end=date(2025, 9, 12), hashtags=["#HIMSS25"],
                         created_at=at)
    kpis = _kpis()
    assert kpis["x_hashtag_performance"].actual == 1  # the event's own hashtag, used while it ran
    assert kpis["x_mention_sentiment"].actual == pytest.approx(2 / 4 * 100)
    assert kpis["brand_mentions"].actual == pytest.approx((4 / 2 - 1) * 100)
    assert kpis["media_mentions"].actual == pytest.approx((5 / 2 - 1) * 100)
    assert kpis["speaking_requests"].actual == 3  # July, August and September: the third quarter


def test_custom_kpi_reads_ga4_events_and_manual_series(strategy, manager):
    """A custom KPI over `ga4_event.booking_click` counts the GA4 events export; `manual.*` reads entered values."""
    text = default_strategy_text().replace("\nkpis:\n", "\nkpis:\n" + BOOKING_KPI, 1)
    upload_strategy(manager, text, filename="with-custom.yaml")
    outcome = _import(manager, "ga4_events.csv", "ga4")
    assert outcome.format == "ga4_events"
    kpis = _kpis()
    assert (kpis["booking_clicks"].actual, kpis["booking_clicks"].state) == (1_234, "on_track")
    assert kpis["cme_hours"].actual is None
    assert kpis["cme_hours"].note.startswith("needs a value entered by hand: socialrx kpi-entry manual.cme_hours")
    set_monthly_value(manager, "manual.cme_hours", SEPTEMBER, 120)
    assert (_kpis()["cme_hours"].actual, _kpis()["cme_hours"].state) == (120, "off_track")


def test_manual_value_fills_a_kpi_no_import_measures_and_is_audited(strategy, manager):
    """`manual.<KPI key>` fills that KPI; entering it again replaces it, with one audit event per entry."""
    set_monthly_value(manager, "manual.doximity_engagement", SEPTEMBER, 13.5)
    row = set_monthly_value(manager, "manual.doximity_engagement", date(2025, 9, 17), 12.5)
    assert SeriesValue.objects.count() == 1 and (row.start, row.end) == (SEPTEMBER, date(2025, 9, 30))
    kpi = _kpis()["doximity_engagement"]
    assert (kpi.actual, kpi.state) == (12.5, "on_track")
    assert AuditEvent.objects.filter(action="socialrx.analytics.monthly_value").count() == 2


def test_manual_values_are_checked_and_need_the_import_permission(strategy, manager, viewer):
    """Only manual.* series may be entered, not future months; a viewer may not enter values."""
    with pytest.raises(ActionError, match="cannot be entered by hand"):
        set_monthly_value(manager, "ga4_event.booking_click", SEPTEMBER, 1)
    with pytest.raises(ActionError, match="has not started yet"):
        set_monthly_value(manager, "manual.cme_hours", date(2999, 1, 1), 1)
    with pytest.raises(PermissionDenied):
        set_monthly_value(viewer, "manual.cme_hours", SEPTEMBER, 1)
    assert SeriesValue.objects.count() == 0


def test_campaign_manager_report_is_linkedin_ad_spend(strategy, manager):
    """A LinkedIn Campaign Manager report (UTF-16, tabs) imports as LinkedIn spend per campaign and day."""
    outcome = _import(manager, "linkedin_campaign_manager.csv", "ads")
    assert outcome.format == "linkedin_campaign_manager" and outcome.created == 3
    assert sum(row.spend for row in AdSpend.objects.filter(platform="linkedin")) == Decimal("2630.50")


def test_broken_export_saves_nothing_and_names_rows_and_columns(strategy, manager):
    """A YouTube table with a bad number and a bad date is refused whole, naming both cells."""
    with pytest.raises(ExportFormatError) as caught:
        _import(manager, "youtube_table_by_date_broken.csv", "youtube")
    assert [(p.row, p.column) for p in caught.value.problems] == [(4, "Views"), (5, "Date")]
    assert NetworkDay.objects.count() == 0 and AnalyticsImport.objects.count() == 0


def test_monthly_value_page_and_api_refuse_a_viewer_and_save_for_a_manager(strategy, manager_client,
                                                                           viewer_client, api_token_for, manager,
                                                                           viewer):
    """The form and the endpoint store a value for someone who may import, and refuse a viewer."""
    form = {"series": "manual.doximity_cme", "month": "2025-09", "value": "340"}
    assert viewer_client.post("/analytics/monthly-values/", form).status_code == 403
    assert manager_client.post("/analytics/monthly-values/", form).status_code == 302
    bad = manager_client.post("/analytics/monthly-values/", {**form, "series": "doximity_cme"})
    assert bad.status_code == 400 and "cannot be entered by hand" in bad.content.decode()
    page = manager_client.get("/analytics/imports/")
    assert "manual.doximity_cme" in page.content.decode()
    body = json.dumps({"series": "manual.doximity_cme", "month": "2025-08", "value": 310})
    viewer_api, _ = api_token_for(viewer)
    assert viewer_api.post("/api/analytics/monthly-values", body, content_type="application/json").status_code == 403
    manager_api, _ = api_token_for(manager)
    answer = manager_api.post("/api/analytics/monthly-values", body, content_type="application/json")
    assert answer.status_code == 200 and answer.json() == {"series": "manual.doximity_cme", "month": "2025-08",
                                                           "value": 310.0}
    assert _kpis()["doximity_cme"].actual == 340
