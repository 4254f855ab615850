"""The KPI commands as a new user runs them: a fresh data folder, `socialrx migrate`, imports, `kpi`, `forecast`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parents[1] / "core" / "analytics" / "fixtures"
SOCIALRX = Path(sys.executable).parent / "socialrx"


@pytest.fixture
def fresh(tmp_path):
    """Return a function running `socialrx ARGS…` in its own process against a new data folder."""
    env = {name: value for name, value in os.environ.items()
           if name not in ("DJANGO_SETTINGS_MODULE", "SOCIALRX_DATABASE_URL", "SOCIALRX_REDIS_URL")}
    env.update({"SOCIALRX_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "250"})

    def run(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([str(SOCIALRX), *args], env=env, capture_output=True, text=True, timeout=180,
                              cwd=tmp_path)

    return run


def test_without_a_strategy_kpi_and_forecast_say_how_to_get_one(fresh):
    """Before `socialrx migrate` (which activates a strategy), kpi and forecast exit 1 saying to run it, no traceback."""
    for command in (("kpi",), ("forecast",)):
        done = fresh(*command)
        assert done.returncode == 1, done.stderr
        assert "Run `socialrx migrate` first." in done.stderr
        assert "Traceback" not in done.stderr


def test_new_user_imports_exports_and_reads_kpis(fresh):
    """migrate activates the default strategy; X and GA4 exports give KPI values; leads name the CRM import."""
    migrated = fresh("migrate")
    assert migrated.returncode == 0, migrated.stderr
    assert "activated the bundled default strategy as v1 (Healthcare AI)" in migrated.stdout
    assert "activated" not in fresh("migrate").stdout  # a second migrate leaves the active strategy alone
    for kind, name in (("x", "x_tweet_activity_2025_09.csv"), ("ga4", "ga4_traffic_acquisition.csv")):
        imported = fresh("import", kind, str(FIXTURES / name))
        assert imported.returncode == 0, imported.stderr
    entered = fresh("kpi-entry", "manual.doximity_cme", "2025-09", "340")
    assert entered.returncode == 0 and "Saved manual.doximity_cme for September 2025: 340" in entered.stdout
    shown = fresh("kpi", "--month", "2025-09")
    assert shown.returncode == 0, shown.stderr
    lines = [line.strip() for line in shown.stdout.splitlines()]
    assert "KPIs for September 2025, strategy v1" in shown.stdout
    engagement = next(line for line in lines if line.startswith("X ") and "Engagement rate" in line)
    assert "2.5%" in engagement and "off track" in engagement
    share = next(line for line in lines if "Social media to website traffic" in line)
    assert f"{4_520 / 14_670 * 100:.1f}%" in share
    leads = next(line for line in lines if "Social media qualified leads" in line)
    assert "no data" in leads and "needs a CRM export: socialrx import crm FILE" in leads
    cme = next(line for line in lines if "CME content consumption" in line)
    assert "340" in cme


def test_kpi_entry_refuses_a_series_that_is_not_manual(fresh):
    """Only manual.<name> series can be entered; the message says how to name one."""
    fresh("migrate")
    done = fresh("kpi-entry", "x.impressions", "2025-09", "5")
    assert done.returncode == 1 and "cannot be entered by hand" in done.stderr
