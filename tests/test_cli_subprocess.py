"""Every `socialrx` command run as people run it: a separate process, the production settings, a fresh data folder.

Each command has a run that works and a run with bad input. Bad input ends with a clear message on standard
error, a non-zero exit and never a traceback.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from socialrx.core.strategy import default_strategy_text

TESTS = Path(__file__).resolve().parent
SECRET = "k8Qz1vR7mW3xT5yB9nC2dF6gH0jL4pS8aE1uI7oY3qZ5wX9vB2nM6"
PASSWORD = "a-long-unusual-passphrase"
TEAM = {"manager": "social_media_manager", "community": "community_manager", "legal": "legal",
        "executive": "executive", "specialist": "healthcare_content_specialist", "viewer": "viewer"}  # fmt: skip
CONTACTS_CSV = "name,kind,tier,organisation,x,topics,consent\nDr Ana Ruiz,influencer,2,St Mary's,@DrAnaRuiz,sepsis,yes\n"
ANALYTICS = TESTS / "core" / "analytics" / "fixtures"


def environment(data_dir: Path, **extra: str) -> dict[str, str]:
    """Return a production environment: no test settings, no database or Redis URL unless given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALRX_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"SOCIALRX_DATA_DIR": str(data_dir), "SOCIALRX_SECRET_KEY": SECRET,
                "SOCIALRX_EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
                "SOCIALRX_TOKEN_KEY": "3n3dRZp0t3Z2mYbQ1s4Qk0yqg6c8b5e2a9d7f1h4j6k=", "COLUMNS": "200", **extra})  # fmt: skip
    return env


def socialrx(env: dict[str, str], *args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    """Run `python -m socialrx ARGS` and return the finished process (text stdout and stderr)."""
    return subprocess.run([sys.executable, "-m", "socialrx", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=300)  # fmt: skip


def ok(done: subprocess.CompletedProcess) -> str:
    """Assert the command succeeded and return its standard output."""
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    assert "Traceback" not in done.stderr
    return done.stdout


def refused(done: subprocess.CompletedProcess, message: str, *, code: int | None = None, one_line: bool = True) -> None:
    """Assert the command failed with the message on standard error, no traceback, one line unless told."""
    assert done.returncode != 0 if code is None else done.returncode == code, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr
    said = " ".join(done.stderr.split())
    assert message in said, done.stderr
    if one_line:
        assert len([line for line in done.stderr.splitlines() if line.strip()]) == 1, done.stderr


def django_script(env: dict[str, str], script: str, *args: str) -> None:
    """Prepare data for a test with a Python script run against the same data folder (production settings)."""
    done = subprocess.run([sys.executable, "-c", script, *args], env={**env, "DJANGO_SETTINGS_MODULE": "socialrx.settings.prod"},
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr


SETUP_SCRIPT = """
import sys, django
django.setup()
from socialrx.server.actions.strategy import ensure_default_strategy
from socialrx.server.actions.team import create_user
ensure_default_strategy()
for username, role in (pair.split("=") for pair in sys.argv[1:]):
    create_user(None, username, "{password}", [role])
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> dict[str, str]:
    """A migrated data folder with the seed strategy and one person per crisis role (shared by this module)."""
    data_dir = tmp_path_factory.mktemp("site")
    env = environment(data_dir)
    ok(socialrx(env, "migrate"))
    django_script(env, SETUP_SCRIPT.format(password=PASSWORD), *(f"{name}={role}" for name, role in TEAM.items()))
    return env


@pytest.fixture(scope="module")
def unmigrated(tmp_path_factory) -> dict[str, str]:
    """An empty data folder nobody has migrated."""
    return environment(tmp_path_factory.mktemp("empty"))


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    path = tmp_path / "seed.yaml"
    path.write_text(default_strategy_text(), encoding="utf-8")
    return path


# --- strategy, audit, plan, check, repurpose (files in, no database for most) ----------------------------------


def test_strategy_validate(site, seed_file, tmp_path):
    """`strategy validate` accepts the seed and names a missing file."""
    assert "is valid" in ok(socialrx(site, "strategy", "validate", str(seed_file)))
    refused(socialrx(site, "strategy", "validate", str(tmp_path / "none.yaml")), "none.yaml: (document): cannot read the file",
            one_line=False)


def test_strategy_show(site, tmp_path):
    """`strategy show --json` prints the seed; a missing file is named."""
    assert json.loads(ok(socialrx(site, "strategy", "show", "--json")))["organisation"]["name"] == "Healthcare AI"
    refused(socialrx(site, "strategy", "show", str(tmp_path / "none.yaml")), "cannot read the file", one_line=False)


def test_strategy_import(site, tmp_path):
    """`strategy import` writes YAML from a Markdown strategy; a missing document is named."""
    output = tmp_path / "acme.yaml"
    socialrx(site, "strategy", "import", str(TESTS / "core" / "strategy" / "fixtures" / "acme-cardio.md"), "-o", str(output))
    assert output.exists()
    refused(socialrx(site, "strategy", "import", str(tmp_path / "none.md"), "-o", str(tmp_path / "x.yaml")),
            "none.md: cannot read the file: No such file or directory")


def test_strategy_upload(site, seed_file, tmp_path):
    """`strategy upload` refuses the active version again with the reason, and names a missing file."""
    refused(socialrx(site, "strategy", "upload", str(seed_file)), "same strategy as the active version")
    refused(socialrx(site, "strategy", "upload", str(tmp_path / "none.yaml")), "none.yaml: No such file or directory")


def test_audit_verify(site, unmigrated):
    """`audit verify` reports an intact log; on a database nobody migrated it says to run `socialrx migrate`."""
    assert "The audit log is intact" in ok(socialrx(site, "audit", "verify"))
    refused(socialrx(unmigrated, "audit", "verify"), "Run `socialrx migrate` first.")


def test_plan(site):
    """`plan` prints JSON slots; an impossible date is one line naming the option, exit 2."""
    assert json.loads(ok(socialrx(site, "plan", "--from", "2026-01-05", "--to", "2026-01-06", "--format", "json")))
    refused(socialrx(site, "plan", "--from", "2026-02-30", "--to", "2026-03-01"),
            "socialrx plan: Invalid value for '--from': '2026-02-30' is not a date like 2026-01-31", code=2)


def test_check(site):
    """`check` passes a clean post; an unknown platform exits 1 naming it."""
    result = json.loads(ok(socialrx(site, "check", "Five questions to ask an AI vendor.", "--platform", "x", "--json")))
    assert result["id"] == "1" and "verdict" in result
    refused(socialrx(site, "check", "Hello", "--platform", "myspace"), "myspace")


def test_repurpose(site, tmp_path):
    """`repurpose --json` turns an article into drafts; a missing article is named."""
    data = json.loads(ok(socialrx(site, "repurpose", str(TESTS / "core" / "repurpose" / "fixtures" / "documentation-ai.md"),
                                  "--json")))  # fmt: skip
    assert data["drafts"]
    refused(socialrx(site, "repurpose", str(tmp_path / "none.md")), "none.md")


# --- database set-up and processes ---------------------------------------------------------------------------


def test_migrate_refuses_unreadable_or_unreachable_databases(tmp_path):
    """A bad SOCIALRX_DATABASE_URL or a database nobody listens on gives one line and exit 1, never a traceback."""
    refused(socialrx(environment(tmp_path, SOCIALRX_DATABASE_URL="mysqlx://db/x"), "migrate"),
            "configuration: SOCIALRX_DATABASE_URL cannot be read")
    refused(socialrx(environment(tmp_path, SOCIALRX_DATABASE_URL="postgresql://app:hunter2-secret@127.0.0.1:1/x"),
                     "migrate"), "cannot use the database at postgresql://app:***@127.0.0.1:1/x")  # fmt: skip
    unreachable = socialrx(environment(tmp_path, SOCIALRX_DATABASE_URL="postgresql://app:hunter2-secret@127.0.0.1:1/x"),
                           "migrate")  # fmt: skip
    assert "hunter2-secret" not in unreachable.stderr


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("SOCIALRX_SECRET_KEY", "", "configuration: Set SOCIALRX_SECRET_KEY in production"),
    ("SOCIALRX_WORKER_THREADS", "many", "SOCIALRX_WORKER_THREADS='many' is not a whole number"),
    ("SOCIALRX_LOG_LEVEL", "LOUD", "SOCIALRX_LOG_LEVEL='LOUD'"),
    ("SOCIALRX_REDIS_URL", "http://cache:6379", "SOCIALRX_REDIS_URL must start with redis://"),
])  # fmt: skip
def test_bad_settings_are_one_line(tmp_path, variable, value, message):
    """A missing secret or an unreadable setting stops any database command with one line naming the variable."""
    refused(socialrx(environment(tmp_path, **{variable: value}), "migrate"), message)


def test_createuser(site):
    """`createuser` adds a person; a weak password is refused with the reason."""
    assert "nurse can now sign in" in ok(socialrx(site, "createuser", "nurse", "--role", "viewer", "--password", PASSWORD))
    refused(socialrx(site, "createuser", "robin", "--role", "viewer", "--password", "12345678901234"),
            "This password is entirely numeric")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str, headers: dict[str, str]) -> tuple[int, str]:
    request = urllib.request.Request(url, headers=headers)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
            return response.status, response.headers.get("Strict-Transport-Security", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Location", "")


def _wait_for_http(url: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"serve exited {process.returncode}: {process.stderr.read() if process.stderr else ''}")
        try:
            _get(url, {})
            return
        except OSError:
            time.sleep(0.2)
    pytest.fail("serve did not answer within 120 s")


def test_serve(site, unmigrated):
    """Behind its TLS proxy `serve` answers with HSTS and redirects plain HTTP; it refuses an unmigrated database."""
    port = _free_port()
    process = subprocess.Popen([sys.executable, "-m", "socialrx", "serve", "--port", str(port), "--trusted-proxy", "127.0.0.1"],
                               env=site,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        _wait_for_http(f"http://127.0.0.1:{port}/login/", process)
        assert _get(f"http://127.0.0.1:{port}/login/", {"X-Forwarded-Proto": "https"}) == (200, "max-age=31536000; includeSubDomains; preload")
        status, location = _get(f"http://127.0.0.1:{port}/login/", {})
        assert (status, location) == (301, f"https://127.0.0.1:{port}/login/")
    finally:
        process.terminate()
        process.wait(timeout=20)
    refused(socialrx(unmigrated, "serve", "--port", str(_free_port())),
            "The database is not up to date:")


def test_worker(site, unmigrated):
    """`worker` starts and stops on SIGTERM; it refuses an unmigrated database and an unreachable Redis."""
    process = subprocess.Popen([sys.executable, "-m", "socialrx", "worker", "--workers", "1"], env=site,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
    try:
        assert "worker started with 1 thread(s)" in process.stdout.readline()
    finally:
        process.terminate()
        process.wait(timeout=30)
    refused(socialrx(unmigrated, "worker"), "Run `socialrx migrate` first.")
    refused(socialrx({**site, "SOCIALRX_REDIS_URL": "redis://127.0.0.1:1/0"}, "worker"),
            "cannot reach Redis at redis://127.0.0.1:1/0 (SOCIALRX_REDIS_URL)")


def test_demo(tmp_path):
    """`demo --no-serve` sets up the demo on its own (it may migrate); a bad port is a usage error."""
    env = environment(tmp_path / "demo", SOCIALRX_SECRET_KEY="")
    assert "Demo sign-ins" in ok(socialrx(env, "demo", "--no-serve"))
    refused(socialrx(env, "demo", "--port", "eighty"), "Invalid value for '--port'", code=2)


# --- analytics ------------------------------------------------------------------------------------------------


def test_import(site, tmp_path):
    """`import` stores an export; a broken file lists its problems and a missing one is named."""
    assert "LinkedIn followers" in ok(socialrx(site, "import", "linkedin", str(ANALYTICS / "linkedin_followers.csv")))
    refused(socialrx(site, "import", "linkedin", str(ANALYTICS / "linkedin_followers_broken.csv")),
            "was not imported; nothing was saved", one_line=False)
    refused(socialrx(site, "import", "tiktok", str(ANALYTICS / "x_content.csv")), "'tiktok' is not one of", code=2)


def test_kpi(site):
    """`kpi --json` reports the strategy's KPIs; a month that does not exist is a usage error."""
    assert json.loads(ok(socialrx(site, "kpi", "--json")))["kpis"]
    refused(socialrx(site, "kpi", "--month", "2026-13"), "'2026-13' is not a month; write YYYY-MM", code=2)


def test_forecast(site):
    """`forecast --json` prints outlooks; an unknown option is a usage error."""
    assert "outlooks" in json.loads(ok(socialrx(site, "forecast", "--json")))
    refused(socialrx(site, "forecast", "--horizon", "9"), "No such option: --horizon", code=2)


def test_attribution(site):
    """`attribution --json` credits channels; an unknown model is a usage error."""
    assert json.loads(ok(socialrx(site, "attribution", "--model", "linear", "--json")))["model"] == "linear"
    refused(socialrx(site, "attribution", "--model", "magic"), "Invalid value for '--model'", code=2)


def test_report(site, tmp_path):
    """`report` writes the monthly PDF; a bad month is a usage error."""
    output = tmp_path / "report.pdf"
    ok(socialrx(site, "report", "--month", "2026-01", "-o", str(output)))
    assert output.read_bytes().startswith(b"%PDF")
    refused(socialrx(site, "report", "--month", "January", "-o", str(output)), "is not a month", code=2)


# --- listening ------------------------------------------------------------------------------------------------


def test_listen_parse(site):
    """`listen parse` prints the canonical query; a syntax error exits 1 with its position."""
    assert "sepsis" in ok(socialrx(site, "listen", "parse", "sepsis AND (AI OR algorithm)"))
    refused(socialrx(site, "listen", "parse", "sepsis AND ("), "error at character", one_line=False)


def test_listen_match(site, tmp_path):
    """`listen match` prints one line per mention; a line that is not JSON is named with its number."""
    good = tmp_path / "mentions.jsonl"
    good.write_text('{"id": "a", "text": "New sepsis AI model"}\n', encoding="utf-8")
    assert ok(socialrx(site, "listen", "match", "--query", "sepsis", "--file", str(good))).split() == ["a", "match"]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "a", "text": "x"}\n{not json\n', encoding="utf-8")
    refused(socialrx(site, "listen", "match", "--query", "sepsis", "--file", str(bad)), "bad.jsonl:2: not valid JSON")


def test_listen_fetch(site, unmigrated):
    """`listen fetch` polls the due sources; an unmigrated database is refused."""
    assert "source(s) polled" in ok(socialrx(site, "listen", "fetch"))
    refused(socialrx(unmigrated, "listen", "fetch"), "Run `socialrx migrate` first.")


def test_sentiment(site, tmp_path):
    """`sentiment` scores each line; a missing file is a usage error naming it."""
    text = tmp_path / "lines.txt"
    text.write_text("This AI tool is wonderful\n", encoding="utf-8")
    assert ok(socialrx(site, "sentiment", "--file", str(text))).startswith("1\t+")
    refused(socialrx(site, "sentiment", "--file", str(tmp_path / "none.txt")), "does not exist", code=2)


# --- contacts, incidents, crisis mode ---------------------------------------------------------------------------


def test_contacts_import(site, tmp_path):
    """`contacts import` stores a good CSV; a bad row names row and column and a missing file is named."""
    good = tmp_path / "contacts.csv"
    good.write_text(CONTACTS_CSV, encoding="utf-8")
    assert "1 contact(s) imported" in ok(socialrx(site, "contacts", "import", str(good)))
    bad = tmp_path / "bad.csv"
    bad.write_text("name,tier\nB,9\n", encoding="utf-8")
    refused(socialrx(site, "contacts", "import", str(bad)), "tier", one_line=False)
    refused(socialrx(site, "contacts", "import", str(tmp_path / "none.csv")), "does not exist", code=2)


def test_contacts_export(site):
    """`contacts export` prints CSV; an unknown acting person is named."""
    assert ok(socialrx(site, "contacts", "export", "--as", "community")).startswith("name,")
    refused(socialrx(site, "contacts", "export", "--as", "nobody"), "No active person named 'nobody'.")


def test_contacts_link(site):
    """`contacts link` reports new interactions; a viewer is refused (exit 2)."""
    assert "new interaction(s)" in ok(socialrx(site, "contacts", "link"))
    refused(socialrx(site, "contacts", "link", "--as", "viewer"), "permission", code=2)


def _open_drill(site: dict[str, str]) -> int:
    out = ok(socialrx(site, "incident", "open", "Misread scan claim", "--summary", "A viral post.", "--drill"))
    return int(out.split()[0].lstrip("#"))


def test_incident_open(site):
    """`incident open --drill` prints the protocol; an unknown severity is refused naming it."""
    number = _open_drill(site)
    assert number > 0
    refused(socialrx(site, "incident", "open", "X", "--summary", "Y", "--severity", "apocalyptic"),
            "severity: 'apocalyptic' is not one of")


def test_incident_sign_off(site):
    """`incident sign-off` records a role's sign-off; an unknown incident is named."""
    number = _open_drill(site)
    out = ok(socialrx(site, "incident", "sign-off", str(number), "1", "social_media_manager"))
    assert "1. Immediate Response: current" in out and "needs social_media_manager" not in out.split("\n")[1]
    refused(socialrx(site, "incident", "sign-off", "99999", "1", "legal", "--as", "legal"), "No incident #99999.")


def test_incident_advance(site):
    """`incident advance` completes the current step; a step number that is not a number is a usage error."""
    number = _open_drill(site)
    ok(socialrx(site, "incident", "sign-off", str(number), "1", "social_media_manager"))
    assert "1. Immediate Response: done" in ok(socialrx(site, "incident", "advance", str(number), "1"))
    refused(socialrx(site, "incident", "advance", str(number), "first"), "Invalid value for 'step'", code=2)


CLOSE_SCRIPT = """
import sys, django
django.setup()
from django.contrib.auth import get_user_model
from socialrx.server.actions.crisis import complete_incident_step, sign_off_step
from socialrx.server.models import Incident
people = {u.username: u for u in get_user_model().objects.all()}
by_role = {"social_media_manager": "manager", "legal": "legal", "executive": "executive",
           "healthcare_content_specialist": "specialist", "community_manager": "community"}
incident = Incident.objects.get(pk=int(sys.argv[1]))
for step in incident.steps.order_by("order"):
    for role in step.sign_off_roles:
        sign_off_step(people[by_role[role]], incident, step.order, role)
    complete_incident_step(people[by_role[step.owner_roles[0]]], Incident.objects.get(pk=incident.pk), step.order)
"""


def test_incident_close(site):
    """`incident close` closes a drill whose steps are done; closing one with open steps is refused."""
    unfinished = _open_drill(site)
    refused(socialrx(site, "incident", "close", str(unfinished)), "Step 1 (Immediate Response) is not completed yet.")
    finished = _open_drill(site)
    django_script(site, CLOSE_SCRIPT, str(finished))
    assert "[closed]" in ok(socialrx(site, "incident", "close", str(finished)))


def test_incident_list(site, unmigrated):
    """`incident list` lists incidents; an unmigrated database is refused."""
    _open_drill(site)
    assert "Misread scan claim" in ok(socialrx(site, "incident", "list"))
    refused(socialrx(unmigrated, "incident", "list"), "Run `socialrx migrate` first.")


def test_crisis_on_status_off(site):
    """`crisis on`, `status` and `off` switch crisis mode; a missing reason and a viewer are refused."""
    assert "crisis mode on: Viral claim" in ok(socialrx(site, "crisis", "on", "--reason", "Viral claim"))
    assert "crisis mode on" in ok(socialrx(site, "crisis", "status"))
    refused(socialrx(site, "crisis", "off", "--as", "viewer"), "permission", code=2)
    assert "crisis mode off" in ok(socialrx(site, "crisis", "off"))
    refused(socialrx(site, "crisis", "on"), "Missing option '--reason'", code=2)


def test_crisis_status_refuses_an_unmigrated_database(unmigrated):
    """`crisis status` on a database nobody migrated says to run `socialrx migrate`."""
    refused(socialrx(unmigrated, "crisis", "status"), "Run `socialrx migrate` first.")


def test_unknown_command_and_no_command(site):
    """An unknown command is one line, exit 2; no command prints the help."""
    refused(socialrx(site, "publish-everything"), "No such command 'publish-everything'", code=2)
    no_command = socialrx(site)
    assert "Usage" in no_command.stdout + no_command.stderr
