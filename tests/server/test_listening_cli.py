"""The listening CLI: `listen parse`, `listen match`, `sentiment` (pure) and `listen fetch` (database)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from socialrx.cli import app

runner = CliRunner()


def test_parse_prints_the_canonical_query_or_the_error_position():
    """A valid query prints in canonical form; an ambiguous one exits 1 with its position and a caret."""
    ok = runner.invoke(app, ["listen", "parse", '"Clinical AI" AND (bias OR ethic*)'])
    assert ok.exit_code == 0 and '"clinical ai" AND (bias OR ethic*)' in ok.output
    bad = runner.invoke(app, ["listen", "parse", "a AND b OR c"])
    assert bad.exit_code == 1 and "character 8" in bad.output and "^" in bad.output


def test_match_prints_one_line_per_input(tmp_path):
    """Each JSONL mention gets its id and whether the query matched; field filters use the optional fields."""
    file = tmp_path / "mentions.jsonl"
    lines = [{"id": "a", "text": "Clinical AI helps nurses", "lang": "en"}, {"id": 7, "text": "nothing here"},
             {"id": "c", "text": "Clinical AI in Spain", "lang": "es", "published": "2024-06-01T09:00:00Z"}]
    file.write_text("\n".join(json.dumps(line) for line in lines) + "\n")
    result = runner.invoke(app, ["listen", "match", "--query", '"clinical ai" AND lang:en', "--file", str(file), "--json"])
    assert result.exit_code == 0
    assert [json.loads(line) for line in result.output.splitlines()] == [
        {"id": "a", "matched": True}, {"id": 7, "matched": False}, {"id": "c", "matched": False}]
    file.write_text('{"id": 1}\n')
    assert runner.invoke(app, ["listen", "match", "--query", "ai", "--file", str(file)]).exit_code == 1


def test_sentiment_scores_plain_text_by_line_number(tmp_path):
    """Plain text lines are numbered; compound scores are in [-1, 1] with the right sign."""
    file = tmp_path / "texts.txt"
    file.write_text("I love how this AI helps our nurses\nThis outage is terrible\n")
    result = runner.invoke(app, ["sentiment", "--file", str(file), "--json"])
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [row["id"] for row in rows] == [1, 2]
    assert rows[0]["compound"] > 0.05 and -1 <= rows[1]["compound"] < -0.05
