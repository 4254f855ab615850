"""The `socialrx` command, run in-process with Typer's CliRunner against the test database."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from rich.console import Console
from typer.testing import CliRunner

from socialrx import cli
from socialrx.cli import DEMO_PASSWORD, DEMO_USERS, app
from socialrx.core.strategy import default_strategy_text
from socialrx.server.lib.roles import role_keys_of
from socialrx.server.models import AuditEvent, StrategyVersion

runner = CliRunner()


def run(*args: str, **kwargs):
    """Invoke the command and return the result (stdout and stderr together in .output)."""
    return runner.invoke(app, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_text(default_strategy_text(), encoding="utf-8")
    return path


@pytest.fixture
def broken_file(tmp_path: Path) -> Path:
    """A strategy file with an unknown field and an unreadable cadence."""
    text = (
        default_strategy_text()
        .replace("  currency: USD\n", "  currency: USD\n  colour: blue\n", 1)
        .replace("cadence: 3-4 per week", "cadence: whenever we like", 1)
    )
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, fragment: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(fragment)].count("\n") + 1


def test_validate_accepts_the_seed(seed_file):
    """`strategy validate` on the seed exits 0 and summarises it."""
    result = run("strategy", "validate", str(seed_file))
    assert result.exit_code == 0, result.output
    assert "is valid: Healthcare AI, 4 networks, 4 pillars, 24 KPIs." in " ".join(result.output.split())


def test_validate_lists_every_problem_with_file_and_line(broken_file):
    """`strategy validate` on a broken file exits 1 and prints one `file:line: path: message` line per problem."""
    result = run("strategy", "validate", str(broken_file))
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "2 problem(s):" in lines[0]
    assert lines[1].strip().startswith(f"{broken_file}:{line_of(broken_file, 'colour: blue')}: organisation.colour: unknown field")
    assert lines[2].strip().startswith(
        f"{broken_file}:{line_of(broken_file, 'whenever we like')}: platforms[0].content_types[0].cadence: "
        "cannot read cadence 'whenever we like'"
    )


def test_validate_names_a_missing_file(tmp_path):
    """`strategy validate` on a file that does not exist exits 1 and names the file."""
    missing = tmp_path / "nowhere.yaml"
    result = run("strategy", "validate", str(missing))
    assert result.exit_code == 1
    assert f"{missing}: (document): cannot read the file" in result.output


def test_show_prints_targets_pillars_and_themes(monkeypatch, db):
    """`strategy show` (the seed by default) prints targets, budgets, pillars, weekday and monthly themes."""
    monkeypatch.setattr(cli, "console", Console(width=200))  # wide enough that no table cell wraps
    result = run("strategy", "show")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Healthcare AI · time zone America/New_York" in out
    assert "25,000 followers" in out and "Q4 2025" in out and "8% engagement rate" in out
    assert "15,000 USD" in out
    assert "Thought Leadership 30%, Educational Content 35%, Customer Success 20%, Industry News and Updates 15%" in out
    assert "Monday (linkedin): Industry news commentary and weekly trends" in out
    assert "December: Year in Review and Predictions" in out
    assert "Social media influenced revenue" in out


def test_show_json_prints_the_whole_strategy(seed_file):
    """`strategy show --json` prints the whole strategy as JSON."""
    result = run("strategy", "show", str(seed_file), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["organisation"]["name"] == "Healthcare AI"
    assert data["platforms"][0]["follower_target"] == {"metric": "followers", "value": 25000, "by": "Q4 2025"}
    assert [p["share"] for p in data["content_pillars"]] == [30, 35, 20, 15]
    assert len(data["monthly_themes"]) == 12


def test_show_of_a_broken_file_exits_1(broken_file):
    """`strategy show` on a broken file lists the problems and exits 1."""
    result = run("strategy", "show", str(broken_file), "--json")
    assert result.exit_code == 1
    assert "2 problem(s):" in result.output


@pytest.mark.django_db
def test_createuser_adds_a_person_with_roles():
    """`createuser` adds a person with the given roles who can sign in."""
    result = run(
        "createuser", "sam", "--role", "healthcare_content_specialist", "--role", "viewer",
        "--name", "Sam Patel", "--password", "a-long-unusual-passphrase",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "sam can now sign in" in result.output
    sam = get_user_model().objects.get(username="sam")
    assert role_keys_of(sam) == ["healthcare_content_specialist", "viewer"]
    assert sam.check_password("a-long-unusual-passphrase")
    assert (sam.first_name, sam.is_staff) == ("Sam", False)


@pytest.mark.django_db
def test_createuser_staff_flag():
    """`createuser --staff` lets the person use the Django admin."""
    result = run("createuser", "ops", "--role", "social_media_manager", "--staff", "--password", "a-long-unusual-passphrase")
    assert result.exit_code == 0, result.output
    assert get_user_model().objects.get(username="ops").is_superuser is True


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--role", "wizard"], "unknown role(s): wizard"),
        (["--role", "viewer", "--password", "short"], "password: This password is too short."),
    ],
)
def test_createuser_refuses_bad_input(args, message):
    """`createuser` with an unknown role or a weak password exits 1 with the reason and creates nobody."""
    args = args if "--password" in args else [*args, "--password", "a-long-unusual-passphrase"]
    result = run("createuser", "robin", *args)
    assert result.exit_code == 1
    assert message in result.output
    assert not get_user_model().objects.filter(username="robin").exists()


@pytest.mark.django_db
def test_createuser_asks_for_the_password_when_not_given():
    """Without --password the command asks for it twice."""
    result = run("createuser", "kim", "--role", "viewer", input="a-long-unusual-passphrase\na-long-unusual-passphrase\n")
    assert result.exit_code == 0, result.output
    assert get_user_model().objects.get(username="kim").check_password("a-long-unusual-passphrase")


@pytest.mark.django_db
def test_upload_makes_a_file_the_active_version(seed_file, tmp_path):
    """`strategy upload` stores and activates a valid file, and refuses the same file again."""
    assert run("strategy", "upload", str(seed_file)).exit_code == 0
    assert StrategyVersion.objects.get(is_active=True).source_filename == "seed.yaml"
    again = run("strategy", "upload", str(seed_file))
    assert again.exit_code == 1
    assert "same strategy as the active version v1" in again.output
    assert StrategyVersion.objects.count() == 1


@pytest.mark.django_db
def test_upload_of_a_broken_file_changes_nothing(broken_file):
    """`strategy upload` of a broken file exits 1, lists the problems and stores nothing."""
    result = run("strategy", "upload", str(broken_file))
    assert result.exit_code == 1
    assert "2 problem(s):" in result.output
    assert StrategyVersion.objects.count() == 0


def test_audit_verify_intact(seed_strategy, manager):
    """`audit verify` exits 0 and counts the entries of an intact log."""
    result = run("audit", "verify")
    assert result.exit_code == 0, result.output
    assert f"The audit log is intact ({AuditEvent.objects.count()} entries)." in result.output


def test_audit_verify_tampered(seed_strategy, manager):
    """`audit verify` exits 1 and names the entry after someone edits it in the database."""
    first = AuditEvent.objects.order_by("id").first()
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {AuditEvent._meta.db_table} SET actor_label = %s WHERE id = %s", ["mallory", first.pk])
    result = run("audit", "verify")
    assert result.exit_code == 1
    assert f"The audit log was tampered with: entry {first.pk} was changed after it was written" in result.output


@pytest.mark.django_db
def test_demo_is_idempotent():
    """`demo --no-serve` run twice creates the demo people and the seed strategy once."""
    first = run("demo", "--no-serve")
    assert first.exit_code == 0, first.output
    assert f"password: {DEMO_PASSWORD}" in first.output
    assert f"People: {len(DEMO_USERS)} created, {len(DEMO_USERS)} in all" in first.output
    events = AuditEvent.objects.count()
    second = run("demo", "--no-serve")
    assert second.exit_code == 0, second.output
    assert f"People: 0 created, {len(DEMO_USERS)} in all" in second.output
    assert StrategyVersion.objects.count() == 1
    assert get_user_model().objects.count() == len(DEMO_USERS)
    assert AuditEvent.objects.count() == events
    for username, _, role in DEMO_USERS:
        assert role_keys_of(get_user_model().objects.get(username=username)) == [role]
    manager = get_user_model().objects.get(username="manager")
    assert manager.is_staff and manager.check_password(DEMO_PASSWORD)


def test_no_arguments_prints_help():
    """Running `socialrx` alone prints the commands."""
    result = run()
    assert "strategy" in result.output and "createuser" in result.output and "demo" in result.output
