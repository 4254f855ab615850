"""The monthly PDF as a CMO reads it: cover, executive summary in words, formatted figures, month-scoped sections."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdf
import pytest
from django.utils.timezone import now

from socialrx.core.analytics.overview import FollowerOutlookResult, KpiResult
from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.lib import analytics_store as store
from socialrx.server.lib.analytics_report import render_monthly_report
from socialrx.server.lib.analytics_report_text import (
    channel_label,
    kpi_bucket,
    kpi_sentence,
    outlook_sentence,
    plain_need,
)
from socialrx.server.models import AdSpend, Lead, LeadTouch, MediaMention, SpeakingRequest

SOCIALRX = os.path.join(os.path.dirname(sys.executable), "socialrx")
pytestmark = pytest.mark.django_db


def kpi(**fields) -> KpiResult:
    values = {"key": "k", "name": "Follower growth rate", "group": "platform", "network": "linkedin",
              "unit": "percent", "period": "month", "target": 15.0, "actual": 5.1, "state": "off_track",
              "attainment": 0.34, "trend": "down", "improving": False, "history": (), "note": ""}
    return KpiResult(**(values | fields))


def test_kpi_sentences_state_where_each_kpi_stands_and_why():
    """Off-track KPIs give actual, target, share of target and trend; met ones actual and target; labels not keys."""
    assert kpi_sentence(kpi(), "USD") == ("LinkedIn: Follower growth rate: 5.1% against 15.0% a month, 34% of target; "
                                          "worse than recent months.")
    met = kpi(group="roi", network=None, name="Social media influenced revenue", unit="money", period="year",
              target=2_000_000.0, actual=2_150_000.0, state="on_track", attainment=1.07)
    assert kpi_sentence(met, "USD") == "Social media influenced revenue: $2,150,000 against a target of $2,000,000 for the year."
    pace = kpi(period="quarter", unit="count", target=12.0, actual=5.0, state="on_track", attainment=1.2)
    assert kpi_bucket(pace) == "on_pace" and "on pace to reach it" in kpi_sentence(pace, "USD")


def test_no_data_reason_names_the_needed_import_without_commands():
    """A KPI without data says what it needs in words: no command line, no underscore keys, network names."""
    note = ("needs linkedin follower totals at the end of this and last month: socialrx import linkedin FILE --total N")
    assert plain_need(note) == "Needs LinkedIn follower totals at the end of this and last month"
    by_hand = ("doximity has no export socialrx reads; needs a value entered by hand: socialrx kpi-entry "
               "manual.doximity_cme YYYY-MM VALUE (or Analytics > Imports)")
    assert plain_need(by_hand) == ("Doximity has no export socialrx reads; needs a value entered by hand "
                                   "(Analytics > Imports page)")
    line = kpi_sentence(kpi(actual=None, state=None, attainment=None, note=note), "USD")
    assert line.startswith("LinkedIn: Follower growth rate: no data this month. Needs LinkedIn follower totals")
    assert "_" not in line and "socialrx import" not in line


def test_forecast_sentence_reads_as_words():
    """A follower outlook says the count, the growth needed against recent growth, the forecast and its odds."""
    outlook = FollowerOutlookResult("linkedin", "followers", 25_000, date(2025, 12, 31), 18_780, date(2025, 9, 30),
                                    0.099, 0.055, 22_597.5, 22_394.0, 22_802.8, 0.0, "off_track", "holt_damped", "")
    assert outlook_sentence(outlook, {"linkedin": "LinkedIn"}) == (
        "LinkedIn has 18,780 followers. Reaching 25,000 by December 31, 2025 needs 9.9% growth a month against "
        "5.5% a month recently; the forecast is 22,598 (likely between 22,394 and 22,803), so meeting the target "
        "is unlikely (0% chance).")
    passed = FollowerOutlookResult("doximity", "followers", 8_000, date(2025, 12, 31), 4_832, date(2026, 11, 30),
                                   None, None, None, None, None, 0.0, "off_track", "none", "")
    assert outlook_sentence(passed, {"doximity": "Doximity"}) == (
        "Doximity has 4,832 followers: the target of 8,000 for December 31, 2025 was missed (the date has passed; "
        "set a new target in the strategy).")
    assert channel_label("linkedin_organic") == "LinkedIn (organic)" and channel_label("google_search") == "Google search"


def _lead(lead_id: str, created: datetime, network: str, *, opportunity: bool) -> None:
    lead = Lead.objects.create(lead_id=lead_id, created_at=created, opportunity_id="opp-" + lead_id if opportunity
                               else "", opportunity_created_at=created if opportunity else None, is_social=True)
    LeadTouch.objects.create(lead=lead, at=created, source=network, medium="social", channel=f"{network}_organic",
                             network=network)


@pytest.fixture
def september(db):
    """A September 2025 with LinkedIn figures, LinkedIn ad spend, one lead per month and relationship news."""
    ensure_default_strategy()
    for month, followers, impressions, engagements in ((8, 10_000, 9_000, 700), (9, 11_500, 10_000, 600)):
        store.store_network_days("linkedin", [{"day": date(2025, month, 28), "followers": followers,
                                               "impressions": impressions, "engagements": engagements, "clicks": 0}])
    for day in range(1, 31):
        AdSpend.objects.create(platform="linkedin", campaign="Awareness", day=date(2025, 9, day),
                               spend=Decimal("412.50"), clicks=20, leads=1)
    _lead("aug-1", datetime(2025, 8, 12, 15, tzinfo=UTC), "x", opportunity=True)
    _lead("sep-1", datetime(2025, 9, 10, 15, tzinfo=UTC), "linkedin", opportunity=True)
    SpeakingRequest.objects.create(received_on=date(2025, 9, 4), requester="HIMSS", event_name="HIMSS AI Forum",
                                   created_at=now())
    MediaMention.objects.create(published_on=date(2025, 9, 18), outlet="Fierce Healthcare",
                                title="Hospitals try AI triage", created_at=now())


def _text(pdf: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages), len(reader.pages)


def _without_zone(text: str) -> str:
    """Return the text without the time zone's own name (America/New_York is a name, not a key)."""
    return text.replace("America/New_York", "")


def test_report_opens_with_a_cover_and_a_summary_in_words(september):
    """The cover names strategy, version, month and time zone; the summary counts KPIs and explains each group."""
    text, pages = _text(render_monthly_report(date(2025, 9, 1)).pdf)
    assert pages >= 5
    for phrase in ("Healthcare AI, version 1", "September 2025", "All dates and times are in America/New_York",
                   "Executive summary", "In September 2025, of the strategy's", "Off track",
                   "LinkedIn: Content engagement rate: 6.0% against 8.0%, 75% of target",
                   "LinkedIn: Follower growth rate: 15.0% against a target of 15.0% a month",
                   "No data this month", "Needs a GA4 traffic acquisition export", "Follower forecasts", "LinkedIn has 11,500 followers"):
        assert phrase in text, phrase


def test_report_formats_money_and_rates_and_shows_no_keys(september):
    """Money reads $12,375, rates 6.0%, networks and pillars by name; no underscore keys or commands anywhere."""
    text, _ = _text(render_monthly_report(date(2025, 9, 1)).pdf)
    assert "LinkedIn ads spent $12,375 of a $15,000 monthly budget" in text
    assert "$15,000" in text and "6.0%" in text and "Educational Content" in text
    assert "_" not in _without_zone(text)
    for developer_note in ("socialrx import", "kpi-entry", "FILE", "None", "on_track", "linkedin "):
        assert developer_note not in text, developer_note


def test_report_attribution_and_highlights_cover_the_month_only(september):
    """Only the lead created in September is attributed; September's speaking request and coverage are listed."""
    text, _ = _text(render_monthly_report(date(2025, 9, 1)).pdf)
    assert "1 lead created in September 2025 had recorded touches and 1 became opportunities" in text
    assert "LinkedIn (organic)" in text and "X (organic)" not in text
    assert "1 speaking request received: HIMSS AI Forum." in text
    assert "Fierce Healthcare, “Hospitals try AI triage”" in text
    assert "No mentions were collected in September 2025." in text


def test_cli_report_writes_the_pdf_as_users_run_it(tmp_path):
    """`socialrx report --month 2025-09 -o r.pdf` in a fresh folder writes a readable PDF and says where."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("DJANGO_SETTINGS_MODULE", "SOCIALRX_DATABASE_URL", "SOCIALRX_REDIS_URL")}
    env["SOCIALRX_DATA_DIR"] = str(tmp_path / "data")
    for args in (["migrate"], ["report", "--month", "2025-09", "-o", "r.pdf"]):
        done = subprocess.run([SOCIALRX, *args], env=env, capture_output=True, text=True, timeout=300, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    assert "Wrote r.pdf" in done.stdout
    text, pages = _text((tmp_path / "r.pdf").read_bytes())
    assert pages >= 4 and "Executive summary" in text and "_" not in _without_zone(text)
