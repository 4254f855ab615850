"""Analytics through the server: imports, KPI and forecast runners, attribution, pages, API, CLI and the PDF."""

from __future__ import annotations

import io
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pypdf
import pytest
from django.core import mail
from typer.testing import CliRunner

from socialrx.core.analytics.imports.tabular import ExportFormatError
from socialrx.server.actions.analytics import import_export
from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.lib import analytics_store as store
from socialrx.server.lib.analytics import (
    AttributionQuery,
    AttributionRunner,
    ForecastQuery,
    ForecastRunner,
    KpiQuery,
    KpiRunner,
    PacingQuery,
    PacingRunner,
)
from socialrx.server.models import AdSpend, AnalyticsImport, Lead, LeadTouch, NetworkDay, Notification

FIXTURES = Path(__file__).parents[1] / "core" / "analytics" / "fixtures"
pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy(db):
    return ensure_default_strategy()


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def test_ad_spend_import_stores_rows_and_reimport_changes_nothing(strategy, manager):
    """Importing an ad-spend export stores each platform/campaign/day once; the same file again changes nothing."""
    first = import_export(manager, _read("ad_spend.csv"), file_name="ad_spend.csv", kind="ads")
    count = AdSpend.objects.count()
    assert first.created == count > 0
    again = import_export(manager, _read("ad_spend.csv"), file_name="ad_spend.csv", kind="ads")
    assert again.already_imported is True
    assert AdSpend.objects.count() == count
    assert AnalyticsImport.objects.count() == 1


def test_same_rows_in_a_renamed_file_are_unchanged(strategy, manager):
    """Re-importing the same rows under another name (a different file hash) updates nothing."""
    import_export(manager, _read("ad_spend.csv"), file_name="ad_spend.csv", kind="ads")
    outcome = import_export(manager, _read("ad_spend.csv") + b"\n", file_name="copy.csv", kind="ads")
    assert (outcome.created, outcome.updated) == (0, 0)
    assert outcome.unchanged == AdSpend.objects.count()


def test_missing_column_names_file_row_and_column_and_saves_nothing(strategy, manager):
    """A wrong header is refused with the file, the header row and the missing column; nothing is saved."""
    with pytest.raises(ExportFormatError) as caught:
        import_export(manager, _read("ad_spend_missing_column.csv"), file_name="spend.csv", kind="ads")
    assert any(p.file_name == "spend.csv" and p.row == 1 and p.column == "Spend" for p in caught.value.problems)
    assert AdSpend.objects.count() == 0
    assert AnalyticsImport.objects.count() == 0


def test_bad_number_in_any_row_saves_no_row(strategy, manager):
    """One bad number anywhere rejects the whole file, naming its row and column."""
    text = "Platform,Campaign,Day,Spend,Impressions,Clicks\nlinkedin,a,2025-09-01,10,100,5\nx,b,2025-09-01,ten,100,5\n"
    with pytest.raises(ExportFormatError) as caught:
        import_export(manager, text.encode(), file_name="s.csv", kind="ads")
    assert [(p.row, p.column) for p in caught.value.problems] == [(3, "Spend")]
    assert AdSpend.objects.count() == 0


def test_duplicate_rows_are_refused(strategy, manager):
    """Two rows with the same natural key are refused, naming the repeated row."""
    text = "Platform,Campaign,Day,Spend,Impressions,Clicks\nlinkedin,a,2025-09-01,10,100,5\nlinkedin,a,2025-09-01,11,100,5\n"
    with pytest.raises(ExportFormatError, match="row 3"):
        import_export(manager, text.encode(), file_name="s.csv", kind="ads")
    assert AdSpend.objects.count() == 0


def test_export_of_another_kind_is_refused(strategy, manager):
    """A CRM export imported as LinkedIn is refused with what it really is."""
    with pytest.raises(ExportFormatError, match="CRM touch export"):
        import_export(manager, _read("crm_touches.csv"), file_name="crm.csv", kind="linkedin")


def test_import_needs_the_import_permission(strategy, viewer):
    """A viewer cannot import."""
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_export(viewer, _read("ad_spend.csv"), file_name="ad_spend.csv", kind="ads")


def test_crm_import_stores_leads_touches_and_social_flag(strategy, manager):
    """CRM touches become leads with their touches in time order and channels; re-import leaves them alone."""
    import_export(manager, _read("crm_touches.csv"), file_name="crm.csv", kind="crm")
    lead = Lead.objects.get(lead_id="L-1001")
    assert lead.is_social is True
    assert [t.channel for t in lead.touches.all()] == ["linkedin_organic", "linkedin_paid", "email"]
    touches = LeadTouch.objects.count()
    outcome = import_export(manager, _read("crm_touches.csv") + b"\n", file_name="crm2.csv", kind="crm")
    assert outcome.updated == 0 and LeadTouch.objects.count() == touches


def test_linkedin_content_import_counts_engagements_as_linkedin_does(strategy, manager):
    """Daily LinkedIn engagements are clicks + reactions + comments + reposts."""
    import_export(manager, _read("linkedin_content_metrics.csv"), file_name="content.csv", kind="linkedin")
    day = NetworkDay.objects.get(network="linkedin", day=date(2025, 9, 1))
    assert (day.impressions, day.engagements, day.clicks) == (3410, 88 + 120 + 14 + 9, 88)


def _month_of_figures(network: str, month: date, followers: int, impressions: int, engagements: int) -> None:
    store.store_network_days(network, [{"day": month.replace(day=28), "followers": followers,
                                        "impressions": impressions, "engagements": engagements, "clicks": 0}])


def test_kpis_match_hand_computed_values(strategy):
    """Growth = 11,500 / 10,000 - 1 = 15 % (on track); engagement 600 / 10,000 = 6 % against 8 % (off track)."""
    _month_of_figures("linkedin", date(2025, 8, 1), 10_000, 9_000, 700)
    _month_of_figures("linkedin", date(2025, 9, 1), 11_500, 10_000, 600)
    report = KpiRunner(KpiQuery(month=date(2025, 9, 1))).run()
    kpis = {k.key: k for k in report.kpis}
    assert kpis["linkedin_follower_growth"].actual == pytest.approx(15.0)
    assert kpis["linkedin_follower_growth"].state == "on_track"
    assert kpis["linkedin_engagement"].actual == pytest.approx(6.0)
    assert kpis["linkedin_engagement"].state == "off_track"
    assert kpis["linkedin_engagement"].history == pytest.approx((700 / 9000 * 100, 6.0))
    assert kpis["brand_mentions"].state is None and kpis["brand_mentions"].note.startswith("needs own-brand")
    assert report.strategy_label.startswith("v1")


def test_leads_traffic_share_and_influenced_revenue(strategy, manager):
    """Social leads, LinkedIn's share of social sessions and revenue won after a social touch."""
    import_export(manager, _read("crm_touches.csv"), file_name="crm.csv", kind="crm")
    store.store_network_days("linkedin", [{"day": date(2025, 10, 31), "impressions": 1}])
    report = KpiRunner(KpiQuery(month=date(2025, 10, 1))).run()
    kpis = {k.key: k for k in report.kpis}
    won = Lead.objects.filter(won_at__year=2025, is_social=True)
    assert kpis["influenced_revenue"].actual == pytest.approx(float(sum(lead.revenue for lead in won)))


def test_forecast_on_a_known_series_says_what_growth_is_needed(strategy):
    """Steady 5 % growth from 10,000 cannot reach 25,000 by Dec 31 2025: required growth and a low probability."""
    days = [date(2025, m, 28) for m in range(1, 10)]
    store.store_network_days("linkedin", [{"day": d, "followers": round(10_000 * 1.05 ** i)}
                                          for i, d in enumerate(days)])
    outlook = next(o for o in ForecastRunner(ForecastQuery(as_of=date(2025, 9, 28))).run().outlooks
                   if o.network == "linkedin")
    current = round(10_000 * 1.05**8)
    assert outlook.current == current
    months_left = 3 + 3 / 30.436875
    assert outlook.required_growth == pytest.approx((25_000 / current) ** (1 / months_left) - 1)
    assert outlook.probability < 0.05 and outlook.state == "off_track"
    assert outlook.text.startswith(f"needs {outlook.required_growth * 100:.1f}%/month to reach 25,000 by Dec 31 2025")


def test_attribution_from_the_database_credits_channels_networks_and_campaigns(strategy, manager):
    """Every model credits all opportunities; networks and campaigns are credited too."""
    import_export(manager, _read("crm_touches.csv"), file_name="crm.csv", kind="crm")
    for model in ("first", "last", "linear", "time_decay", "position", "markov"):
        report = AttributionRunner(AttributionQuery(model)).run()
        assert sum(c.conversions for c in report.channels.credits) == pytest.approx(report.total_conversions)
        assert sum(c.conversions for c in report.networks.credits) == pytest.approx(report.total_conversions)
        assert report.campaigns is not None and report.posts is not None


def test_over_pacing_alerts_the_managers_once(strategy, manager):
    """X spending 3x its budget's daily rate is flagged over; the alert is sent once."""
    from socialrx.server.worker.analytics import check_pacing

    store.store_ad_spend([store.AdSpendDay("x", "promo", date(2025, 9, d), 500.0, 1000, 10, 1) for d in (1, 2)])
    summary = PacingRunner(PacingQuery(as_of=date(2025, 9, 2))).run()
    assert {p.platform: p.report.flag for p in summary.platforms}["x"] == "over"
    assert check_pacing(date(2025, 9, 2)) >= 1
    assert check_pacing(date(2025, 9, 2)) == 0
    assert Notification.objects.filter(user=manager, kind="pacing", message__startswith="x ads").count() == 1


def test_pages_render_for_a_viewer_and_refuse_without_capability(strategy, viewer_client, client_for, manager):
    """The overview, a network page, attribution and CSV render for a viewer; imports need import_analytics."""
    import_export(manager, _read("ad_spend.csv"), file_name="ad_spend.csv", kind="ads")
    for url in ("/analytics/", "/analytics/networks/linkedin/", "/analytics/attribution/?model=linear",
                "/analytics/export/kpis.csv", "/analytics/export/pacing.csv"):
        assert viewer_client.get(url).status_code == 200, url
    assert viewer_client.get("/analytics/imports/").status_code == 403
    assert viewer_client.get("/analytics/export/imports.csv").status_code == 403
    body = viewer_client.get("/analytics/").content.decode()
    assert "Measured against strategy v1" in body and 'src="data:image/svg+xml;base64,' in body


def test_upload_page_lists_problems_and_saves_nothing(strategy, manager_client):
    """A broken upload is answered with every problem; a good one is listed on the imports page."""
    bad = io.BytesIO(_read("ad_spend_missing_column.csv"))
    bad.name = "spend.csv"
    response = manager_client.post("/analytics/imports/", {"file": bad, "kind": "ads"})
    assert response.status_code == 400 and "spend.csv, row 1" in response.content.decode()
    good = io.BytesIO(_read("ad_spend.csv"))
    good.name = "ad_spend.csv"
    assert manager_client.post("/analytics/imports/", {"file": good, "kind": "ads"}).status_code == 302
    assert "ad_spend.csv" in manager_client.get("/analytics/imports/").content.decode()


def test_api_checks_permissions(strategy, viewer, manager, api_token_for):
    """The API serves KPIs to a viewer but refuses a viewer's upload; a manager's upload is imported."""
    client, _ = api_token_for(viewer)
    assert client.get("/api/analytics/kpis").status_code == 200
    assert client.get("/api/analytics/imports").status_code == 403
    upload = io.BytesIO(_read("ad_spend.csv"))
    upload.name = "ad_spend.csv"
    assert client.post("/api/analytics/imports", {"file": upload}).status_code == 403
    manager_api, _ = api_token_for(manager)
    upload.seek(0)
    response = manager_api.post("/api/analytics/imports", {"file": upload, "kind": "ads"})
    assert response.status_code == 200 and response.json()["created"] > 0


def test_monthly_pdf_has_pages_and_kpi_names(strategy, manager):
    """The monthly report renders to a PDF of several pages naming the strategy's KPIs."""
    from socialrx.server.lib.analytics_report import render_monthly_report

    _month_of_figures("linkedin", date(2025, 8, 1), 10_000, 9_000, 700)
    _month_of_figures("linkedin", date(2025, 9, 1), 11_500, 10_000, 600)
    rendered = render_monthly_report(date(2025, 9, 1))
    reader = pypdf.PdfReader(io.BytesIO(rendered.pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) == rendered.pages >= 3
    for name in ("Follower growth rate", "Content engagement rate", "Social media qualified leads"):
        assert name in text


def test_monthly_report_is_mailed_once_on_the_first(strategy, manager):
    """On the 1st (New York time) last month's report goes to the opted-in people, once."""
    from socialrx.server.actions.analytics import do_set_report_opt_in
    from socialrx.server.worker.analytics import try_send_monthly_report

    manager.email = "morgan@example.org"
    manager.save()
    do_set_report_opt_in(manager, opted_in=True)
    assert try_send_monthly_report(datetime(2025, 10, 2, 15, tzinfo=UTC)) is None
    sent = try_send_monthly_report(datetime(2025, 10, 1, 15, tzinfo=UTC))
    assert sent is not None and sent.month == date(2025, 9, 1)
    assert mail.outbox[-1].to == ["morgan@example.org"] and mail.outbox[-1].attachments
    assert try_send_monthly_report(datetime(2025, 10, 1, 16, tzinfo=UTC)) is None


def test_cli_attribution_reads_a_reference_journeys_file(strategy, tmp_path):
    """`socialrx attribution --file` credits the file's conversions per channel."""
    from socialrx.cli import app

    path = tmp_path / "journeys.csv"
    path.write_text("path,total_conversions,total_conversion_value,total_null\n"
                    "a > b,2,20,1\nb,1,5,3\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["attribution", "--model", "linear", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    credits = {c["channel"]: c["conversions"] for c in json.loads(result.output)["channels"]}
    assert credits == pytest.approx({"a": 1.0, "b": 2.0})
