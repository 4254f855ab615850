"""The `socialrx contacts`, `incident` and `crisis` commands, run in-process with Typer's CliRunner."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from typer.testing import CliRunner

from socialrx.cli import app
from socialrx.server.actions.listening import add_manual_mention, ensure_default_queries
from socialrx.server.lib.publishing import publishing_paused
from socialrx.server.models import Contact, Incident, Interaction, PublishingSwitch

runner = CliRunner()
TEAM = {"manager": "social_media_manager", "community": "community_manager", "legal": "legal",
        "executive": "executive", "specialist": "healthcare_content_specialist", "viewer": "viewer"}  # fmt: skip
GOOD_CSV = "name,kind,tier,organisation,x,topics,consent\n" \
           "Dr Ana Ruiz,influencer,2,St Mary's,@DrAnaRuiz,sepsis; ICU,yes\n" \
           "J. Lee,journalist,3,,jlee_reports,,no\n"  # fmt: skip
BAD_CSV = "name,tier,email\nA,1,a@example.org\nB,9,b@example.org\nC,1,not-an-address\n"


def run(*args: str):
    """Invoke the command and return the result (stdout and stderr together in .output)."""
    return runner.invoke(app, list(args), catch_exceptions=False)


def said(result) -> str:
    """Return the output with line wrapping undone."""
    return " ".join(result.output.split())


@pytest.fixture
def team(make_user, seed_strategy) -> dict:
    """One person per crisis role, keyed by username."""
    return {name: make_user(role, username=name) for name, role in TEAM.items()}


@pytest.fixture
def good_file(tmp_path: Path) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    return path


def open_incident_cli() -> Incident:
    result = run("incident", "open", "Misread scan claim", "--summary", "A viral post says our tool misread a scan.")
    assert result.exit_code == 0, result.output
    return Incident.objects.get()


def sign_and_advance(incident: Incident, order: int) -> None:
    """Sign off a step with each role it needs and complete it as its first owner, all through the CLI."""
    step = incident.steps.get(order=order)
    by_role = {role: name for name, role in TEAM.items()}
    for role in step.sign_off_roles:
        result = run("incident", "sign-off", str(incident.pk), str(order), role, "--as", by_role[role])
        assert result.exit_code == 0, result.output
    result = run("incident", "advance", str(incident.pk), str(order), "--as", by_role[step.owner_roles[0]])
    assert result.exit_code == 0, result.output


# Contacts


def test_import_of_a_valid_csv_creates_every_row(team, good_file):
    """`contacts import` of a good file exits 0, says how many, and stores each contact with its handle."""
    result = run("contacts", "import", str(good_file))
    assert result.exit_code == 0, result.output
    assert "2 contact(s) imported" in result.output
    ruiz = Contact.objects.get(name="Dr Ana Ruiz")
    assert ruiz.tier == 2 and ruiz.organisation.name == "St Mary's" and ruiz.topics == ["sepsis", "ICU"]
    assert list(ruiz.handles.values_list("network", "handle")) == [("x", "dranaruiz")]
    assert Contact.objects.get(name="J. Lee").kind == "journalist"


def test_import_with_a_bad_row_creates_nothing_and_names_row_and_column(team, tmp_path):
    """A file with bad cells exits non-zero, names each bad row and column, and imports no row at all."""
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    result = run("contacts", "import", str(path))
    assert result.exit_code == 1
    text = said(result)
    assert "Nothing was imported" in text
    assert "row 3, column tier" in text and "row 4, column email" in text
    assert not Contact.objects.exists()


def test_import_of_a_missing_file_names_it(team, tmp_path):
    """`contacts import` of a file that does not exist exits non-zero naming the file, without a traceback."""
    result = run("contacts", "import", str(tmp_path / "missing.csv"))
    assert result.exit_code == 2
    # Typer draws the message in a box that may wrap a long path; compare without the frame.
    text = "".join(ch for ch in said(result) if ch.isalnum() or ch in ".'")
    assert "missing.csv" in text and "doesnotexist" in text


def test_import_is_refused_to_a_person_without_the_permission(team, good_file):
    """A viewer cannot import contacts: a clear message, exit 2, nothing stored."""
    result = run("contacts", "import", str(good_file), "--as", "viewer")
    assert result.exit_code == 2
    assert "manage relationships" in said(result)
    assert not Contact.objects.exists()


def test_export_prints_the_contacts_as_csv(team, good_file):
    """`contacts export` prints a CSV with the import's header and one row per contact, sorted by name."""
    assert run("contacts", "import", str(good_file)).exit_code == 0
    result = run("contacts", "export", "--as", "community")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["name"] for r in rows] == ["Dr Ana Ruiz", "J. Lee"]
    assert rows[0]["tier"] == "2" and rows[0]["organisation"] == "St Mary's" and rows[0]["consent"] == "yes"
    assert rows[0]["x"] == "dranaruiz" and rows[1]["kind"] == "journalist" and rows[1]["x"] == "jlee_reports"


def test_export_round_trips_through_import(team, good_file, tmp_path):
    """The exported file imports back: the same contacts are matched, none duplicated."""
    assert run("contacts", "import", str(good_file)).exit_code == 0
    exported = tmp_path / "exported.csv"
    exported.write_text(run("contacts", "export").output, encoding="utf-8")
    result = run("contacts", "import", str(exported))
    assert result.exit_code == 0, result.output
    assert Contact.objects.count() == 2


def test_link_backfills_interactions_from_stored_mentions(team, good_file):
    """`contacts link` records each unlinked mention by a contact's handle once; a second run finds nothing new."""
    assert run("contacts", "import", str(good_file)).exit_code == 0
    ensure_default_queries(team["community"])
    add_manual_mention(team["community"], text="Healthcare AI sepsis alerts helped our ICU", author="@DrAnaRuiz")
    add_manual_mention(team["community"], text="Healthcare AI news from someone else", author="@stranger")
    Interaction.objects.all().delete()  # as if the mention was stored before linking existed
    result = run("contacts", "link")
    assert result.exit_code == 0, result.output
    assert "1 new interaction(s)" in result.output
    linked = Interaction.objects.get()
    assert linked.contact.name == "Dr Ana Ruiz" and linked.direction == "inbound"
    assert "0 new interaction(s)" in run("contacts", "link").output


# Incidents


def test_open_pauses_publishing_and_prints_the_protocol(team):
    """`incident open` turns crisis mode on and prints the incident with its steps, the first current."""
    assert not publishing_paused()
    incident = open_incident_cli()
    assert publishing_paused()
    switch = PublishingSwitch.objects.get(pk=1)
    assert switch.crisis and switch.incident_id == incident.pk
    text = said(run("incident", "list"))
    assert f"#{incident.pk} Misread scan claim [open]" in text
    assert "1. Immediate Response: current, needs social_media_manager" in text
    assert "2. Internal Coordination: waiting" in text


def test_a_drill_does_not_pause_publishing(team):
    """`incident open --drill` runs the protocol but leaves publishing on."""
    result = run("incident", "open", "Quarterly drill", "--summary", "Practice run.", "--drill")
    assert result.exit_code == 0, result.output
    assert "(drill)" in result.output
    assert not publishing_paused()


def test_open_is_refused_to_a_viewer(team):
    """A viewer cannot open an incident: clear message, exit 2, nothing paused."""
    result = run("incident", "open", "Rumour", "--summary", "Something.", "--as", "viewer")
    assert result.exit_code == 2
    assert "manage crisis" in said(result)
    assert not Incident.objects.exists() and not publishing_paused()


def test_sign_off_without_the_role_is_refused(team):
    """Signing off for a role the person does not hold exits non-zero with a message naming the role; nothing is signed."""
    incident = open_incident_cli()
    result = run("incident", "sign-off", str(incident.pk), "1", "social_media_manager", "--as", "legal")
    assert result.exit_code == 2
    assert "Only a person holding the social_media_manager role can sign off step 1" in said(result)
    assert not incident.steps.get(order=1).sign_offs.exists()


def test_sign_off_and_advance_move_to_the_next_step(team):
    """A sign-off by the right role then `advance` by the owner completes step 1 and starts step 2."""
    incident = open_incident_cli()
    result = run("incident", "sign-off", str(incident.pk), "1", "social_media_manager")
    assert result.exit_code == 0, result.output
    assert "1. Immediate Response: current 2. Internal Coordination" in said(result)  # no sign-off missing
    result = run("incident", "advance", str(incident.pk), "1")
    assert result.exit_code == 0, result.output
    text = said(result)
    assert "1. Immediate Response: done" in text
    assert "2. Internal Coordination: current, needs legal, healthcare_content_specialist, executive" in text


def test_advance_before_every_sign_off_is_refused(team):
    """`advance` on a step still missing a sign-off exits 1 and says which roles are missing."""
    incident = open_incident_cli()
    result = run("incident", "advance", str(incident.pk), "1")
    assert result.exit_code == 1
    assert "still needs sign-off by: social_media_manager" in said(result)
    assert incident.steps.get(order=1).completed_at is None


def test_close_before_the_last_step_is_refused(team):
    """`incident close` with steps still open exits 1; crisis mode stays on."""
    incident = open_incident_cli()
    result = run("incident", "close", str(incident.pk))
    assert result.exit_code == 1
    assert "is not completed yet" in said(result)
    assert publishing_paused()


def test_close_lifts_crisis_mode(team):
    """After every step is done through the CLI, `incident close` closes it and publishing resumes."""
    incident = open_incident_cli()
    for order in range(1, 6):
        sign_and_advance(incident, order)
    result = run("incident", "close", str(incident.pk))
    assert result.exit_code == 0, result.output
    assert f"#{incident.pk} Misread scan claim [closed]" in said(result)
    assert not publishing_paused()
    assert "crisis mode off" in run("crisis", "status").output


def test_an_unknown_incident_number_is_named(team):
    """Commands on an incident that does not exist exit 1 and name the number."""
    for args in (("sign-off", "99", "1", "legal"), ("advance", "99", "1"), ("close", "99")):
        result = run("incident", *args)
        assert result.exit_code == 1
        assert "No incident #99." in result.output


# Crisis mode


def test_crisis_on_status_off(team):
    """`crisis on` pauses publishing with the reason, `status` shows it, `off` lifts it."""
    assert "crisis mode off" in run("crisis", "status").output
    result = run("crisis", "on", "--reason", "Data breach rumour")
    assert result.exit_code == 0, result.output
    assert "crisis mode on: Data breach rumour" in result.output
    assert publishing_paused()
    assert "crisis mode on: Data breach rumour" in run("crisis", "status").output
    result = run("crisis", "off")
    assert result.exit_code == 0, result.output
    assert "crisis mode off" in result.output
    assert not publishing_paused()


def test_crisis_off_when_not_on_is_refused(team):
    """`crisis off` when crisis mode is off exits 1 with a clear message."""
    result = run("crisis", "off")
    assert result.exit_code == 1
    assert "Crisis mode is not on." in result.output


def test_crisis_on_and_off_are_refused_without_the_permission(team):
    """An executive may pause publishing but not turn crisis mode on or off: exit 2, a clear message."""
    result = run("crisis", "on", "--reason", "Rumour", "--as", "executive")
    assert result.exit_code == 2
    assert "manage crisis" in said(result)
    assert not publishing_paused()
    assert run("crisis", "on", "--reason", "Rumour").exit_code == 0
    result = run("crisis", "off", "--as", "viewer")
    assert result.exit_code == 2
    assert publishing_paused()


# The acting person


@pytest.mark.parametrize("args", [
    ("contacts", "export"), ("contacts", "link"), ("incident", "open", "T", "--summary", "S"),
    ("incident", "advance", "1", "1"), ("crisis", "on", "--reason", "R"), ("crisis", "off"),
])  # fmt: skip
def test_an_unknown_acting_person_is_named(team, args):
    """`--as` someone who does not exist exits 1 naming them, before anything is done."""
    result = run(*args, "--as", "nobody")
    assert result.exit_code == 1
    assert "No active person named 'nobody'." in result.output
    assert not Incident.objects.exists() and not publishing_paused()


def test_an_inactive_acting_person_is_refused(team, good_file):
    """A deactivated person cannot act through the CLI."""
    team["manager"].is_active = False
    team["manager"].save()
    result = run("contacts", "import", str(good_file))
    assert result.exit_code == 1
    assert "No active person named 'manager'." in result.output
    assert not Contact.objects.exists()
