"""The `socialrx plan` command: every format, a strategy file, and clear errors for bad dates."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from icalendar import Calendar
from typer.testing import CliRunner

from socialrx.cli import app

runner = CliRunner()
SEED_YAML = Path(__file__).resolve().parents[2] / "socialrx" / "core" / "strategy" / "healthcare-ai.yaml"


def plan(*args: str):
    return runner.invoke(app, ["plan", *args])


def test_json_lists_slots_with_the_promised_fields():
    """JSON is a list of slots with id, platform, start with offset, content type, pillar, themes and series."""
    result = plan("--from", "2026-01-05", "--to", "2026-01-11", "--format", "json")
    assert result.exit_code == 0, result.output
    slots = json.loads(result.stdout)
    assert len(slots) > 20
    for slot in slots:
        assert {"id", "platform", "start", "content_type", "pillar", "monthly_theme", "weekday_theme", "series"} <= set(slot)
        assert datetime.fromisoformat(slot["start"]).utcoffset() is not None
    assert {s["platform"] for s in slots} == {"linkedin", "x", "doximity", "youtube"}
    assert any(s["series"] == "implementation_tuesday" for s in slots)


def test_same_slots_in_every_format():
    """Table, CSV and iCalendar show the same slots as the JSON."""
    args = ("--from", "2026-03-02", "--to", "2026-03-03")
    ids = [s["id"] for s in json.loads(plan(*args, "--format", "json").stdout)]
    rows = list(csv.DictReader(io.StringIO(plan(*args, "--format", "csv").stdout)))
    assert [r["id"] for r in rows] == ids
    calendar = Calendar.from_ical(plan(*args, "--format", "ics").stdout_bytes)
    assert sorted(str(e["UID"]) for e in calendar.walk("VEVENT")) == sorted(f"{i}@socialrx" for i in ids)
    table = plan(*args)
    assert table.exit_code == 0 and f"{len(ids)} slots" in table.stdout


def test_strategy_file_is_planned(tmp_path):
    """--strategy plans from a file and names it as the strategy version."""
    target = tmp_path / "ours.yaml"
    target.write_text(SEED_YAML.read_text())
    result = plan("--from", "2026-01-05", "--to", "2026-01-05", "--strategy", str(target), "--format", "json")
    assert result.exit_code == 0, result.output
    assert {s["strategy_version"] for s in json.loads(result.stdout)} == {"ours.yaml"}


def test_bad_dates_are_usage_errors():
    """A malformed date or a range that ends before it starts exits 2 with the option named."""
    bad = plan("--from", "2026-02-30", "--to", "2026-03-01")
    assert bad.exit_code == 2 and "--from" in bad.output and "not a date" in bad.output
    backwards = plan("--from", "2026-03-01", "--to", "2026-01-01")
    assert backwards.exit_code == 2 and "before" in backwards.output
    missing = plan("--from", "2026-03-01")
    assert missing.exit_code == 2


def test_every_format_lists_hashtags_and_linkedin_only_weekday_themes(tmp_path):
    """Run as users run it, each format lists the hashtags themselves, and only LinkedIn slots carry a weekday theme."""
    command = [str(Path(sys.executable).with_name("socialrx")), "plan", "--from", "2026-03-02", "--to", "2026-03-06"]
    env = {**os.environ, "SOCIALRX_DATA_DIR": str(tmp_path), "COLUMNS": "300"}
    outputs = {
        form: subprocess.run([*command, "--format", form], capture_output=True, text=True, env=env, timeout=120, check=True)
        for form in ("json", "csv", "ics", "table")
    }
    slots = json.loads(outputs["json"].stdout)
    regular = [s for s in slots if not s["event"]]
    assert regular and all(s["hashtags"][:3] == ["#HealthcareAI", "#MedicalAI", "#HealthTech"] for s in regular)
    assert {s["weekday_theme"] != "" for s in slots if s["platform"] == "linkedin"} == {True}
    assert {s["weekday_theme"] for s in slots if s["platform"] != "linkedin"} == {""}
    rows = list(csv.DictReader(io.StringIO(outputs["csv"].stdout)))
    assert {r["hashtags"].split()[0] for r in rows} == {"#HealthcareAI"}
    assert "primary" not in outputs["csv"].stdout
    assert "Hashtags: #HealthcareAI #MedicalAI" in outputs["ics"].stdout.replace("\r\n ", "")
    assert "#HealthcareAI" in outputs["table"].stdout
