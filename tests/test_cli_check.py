"""`socialrx check`: one text or a JSON Lines file, readable or JSON output, exit 2 when blocked, 1 on bad input."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from socialrx.cli import app
from socialrx.core.strategy import default_strategy_text

runner = CliRunner()
PATIENT = "Our patient Jane Doe was admitted on March 3, 2024 after a stroke."


def run(*args: str, **kwargs):
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


def write_lines(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_text_with_patient_details_is_blocked_and_explained():
    """A text naming a patient and a date exits 2 and prints each finding with its words, message and fix."""
    result = run("check", PATIENT)
    assert result.exit_code == 2
    assert "BLOCK" in result.output
    assert "phi.name “Jane Doe”" in result.output
    assert "phi.date “March 3, 2024”" in result.output
    assert "Fix:" in result.output


def test_clean_text_passes_with_exit_zero():
    """A harmless text exits 0 with a pass verdict."""
    result = run("check", "Join our webinar on how radiology teams evaluate AI tools.")
    assert result.exit_code == 0
    assert "PASS" in result.output


def test_platform_rules_apply_when_the_network_is_named():
    """With --platform x, a post over 280 weighted characters gets the X length finding."""
    result = run("check", "Evidence matters. " * 20, "--platform", "x", "--json")
    assert result.exit_code == 2
    rules = [f["rule"] for f in json.loads(result.output)["findings"]]
    assert "platform.x.too_long" in rules


def test_jsonl_gives_one_json_object_per_post(tmp_path: Path):
    """Each input line gives one output line with id, verdict and findings (rule, family, span, severity, message, fix)."""
    path = write_lines(
        tmp_path,
        json.dumps({"id": "p1", "text": PATIENT}),
        "",
        json.dumps({"text": "Read our guide to AI governance in hospitals.", "platform": "linkedin"}),
    )
    result = run("check", "--file", str(path), "--json")
    assert result.exit_code == 2
    first, second = (json.loads(line) for line in result.output.strip().splitlines())
    assert (first["id"], first["verdict"]) == ("p1", "block")
    assert (second["id"], second["verdict"]) == ("3", "pass")
    finding = first["findings"][0]
    assert set(finding) == {"rule", "family", "start", "end", "severity", "message", "fix"}
    assert PATIENT[finding["start"]:finding["end"]] == "Jane Doe"
    assert finding["family"] == "phi"


def test_jsonl_without_blocked_posts_exits_zero(tmp_path: Path):
    """A file whose posts need at most review exits 0."""
    path = write_lines(tmp_path, json.dumps({"id": 1, "text": "New episode of our AI in radiology podcast."}))
    result = run("check", "--file", str(path), "--json")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert set(record) == {"id", "verdict", "findings"} and record["id"] == "1"
    assert record["verdict"] in ("pass", "review")  # the learned claim reader may ask a reviewer; it never blocks here


def test_bad_line_is_named_and_nothing_is_checked(tmp_path: Path):
    """A malformed line exits 1 naming the file and line number, and no post is reported."""
    path = write_lines(tmp_path, json.dumps({"id": "ok", "text": PATIENT}), "{not json")
    result = run("check", "--file", str(path), "--json")
    assert result.exit_code == 1
    assert f"{path}:2: not valid JSON" in result.output
    assert '"verdict"' not in result.output


def test_missing_text_field_and_unknown_platform_are_bad_input(tmp_path: Path):
    """A line without a text, or with an unknown platform, exits 1 naming the line."""
    assert f"{tmp_path / 'posts.jsonl'}:1: 'text' must be a string" in run(
        "check", "--file", str(write_lines(tmp_path, '{"id": "a"}'))).output
    result = run("check", "--file", str(write_lines(tmp_path, '{"text": "hi", "platform": "myspace"}')))
    assert result.exit_code == 1
    assert ":1: 'platform' 'myspace' is not one of" in result.output


def test_text_and_file_together_or_neither_are_refused(tmp_path: Path):
    """Giving both a text and a file, or neither, exits 1 with a usage message."""
    path = write_lines(tmp_path, json.dumps({"text": "hi"}))
    assert run("check", "hi", "--file", str(path)).exit_code == 1
    result = run("check")
    assert result.exit_code == 1
    assert "give either a TEXT or --file" in result.output


def test_standard_input_is_read_with_file_dash():
    """`--file -` reads JSON Lines from standard input."""
    result = run("check", "--file", "-", "--json", input=json.dumps({"id": "s", "text": PATIENT}) + "\n")
    assert result.exit_code == 2
    assert json.loads(result.output)["id"] == "s"


def test_strategy_file_supplies_the_product_registry(tmp_path: Path):
    """With --strategy, 'FDA approved' for a registered 510(k)-cleared product is blocked."""
    text = "TriageAssist is FDA approved for emergency triage."
    assert json.loads(run("check", text, "--json").output)["verdict"] != "block"
    strategy = tmp_path / "strategy.yaml"
    strategy.write_text(default_strategy_text() + (
        "\nproducts:\n  - {name: TriageAssist, regulatory_status: 510k_cleared,"
        " cleared_indication: prioritising suspected stroke CT studies for radiologist review,"
        " risk_info_url: 'https://healthcare-ai.example/triageassist/safety'}\n"), encoding="utf-8")
    result = run("check", text, "--json", "--strategy", str(strategy))
    assert result.exit_code == 2
    assert "claims.fda_status" in {f["rule"] for f in json.loads(result.output)["findings"]}


def test_file_records_bring_their_registry_and_author_as_users_run_it(tmp_path: Path):
    """`socialrx check --file` (run as a subprocess) uses each record's products and author relationship."""
    import subprocess
    import sys

    claim = "RadiaScan AI is FDA approved for lung nodules."
    endorsement = "I love my new PulsePal tracker, you should try it!"
    path = write_lines(
        tmp_path,
        json.dumps({"id": "registered", "text": claim, "products": {"RadiaScan AI": "510k_cleared"}}),
        json.dumps({"id": "unregistered", "text": claim}),
        json.dumps({"id": "paid", "text": endorsement, "author_relationship": "paid_influencer"}),
        json.dumps({"id": "brand", "text": endorsement, "products": [{"name": "PulsePal", "regulatory_status": "not_a_device"}]}),
    )
    command = [str(Path(sys.executable).with_name("socialrx")), "check", "--file", str(path), "--json"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 2, result.stderr
    rows = {row["id"]: row for row in map(json.loads, result.stdout.splitlines())}
    verdicts = {key: row["verdict"] for key, row in rows.items()}
    assert {key: verdicts[key] for key in ("registered", "unregistered", "paid")} == {
        "registered": "block", "unregistered": "review", "paid": "block"}
    # The brand praising its own product has no material connection to disclose (the post-level reader may still ask a
    # reviewer to read it: that is its own decision, tested in tests/core/compliance/test_post_reader.py).
    assert verdicts["brand"] != "block"
    assert "disclosure.material_connection" not in {finding["rule"] for finding in rows["brand"]["findings"]}
    paid = subprocess.run([*command[:2], "--author-relationship", "paid_influencer", "--json", endorsement],
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert paid.returncode == 2 and '"disclosure.material_connection"' in paid.stdout


def test_file_with_a_bad_product_status_names_the_line(tmp_path: Path):
    """A record with an unknown regulatory status exits 1 naming its line and the field, before anything is checked."""
    path = write_lines(tmp_path, json.dumps({"text": "ok"}), json.dumps({"text": "ok", "products": {"X": "sort_of_cleared"}}))
    result = run("check", "--file", str(path))
    assert result.exit_code == 1
    assert f"{path}:2: 'products'" in result.output.replace("\n", "")
