"""Production settings: safe by default, `check --deploy` clean, and timeouts on PostgreSQL.

Each check runs in a fresh interpreter, because the test process already runs with the test settings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from socialrx.settings.base import database_config

SECRET = "k8Qz1vR7mW3xT5yB9nC2dF6gH0jL4pS8aE1uI7oY3qZ5wX9vB2nM6"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def production_env(data_dir: Path, **extra: str) -> dict[str, str]:
    """Return the environment of a production process: no test settings, no database or Redis URL unless given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SOCIALRX_") and k != "DJANGO_SETTINGS_MODULE"}
    env.update({"SOCIALRX_DATA_DIR": str(data_dir), "SOCIALRX_SECRET_KEY": SECRET, **extra})
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_under_the_production_settings(tmp_path):
    """`django-admin check --deploy` with socialrx.settings.prod reports no issue at all."""
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="socialrx.settings.prod")
    done = subprocess.run([sys.executable, "-m", "django", "check", "--deploy"], env=env, capture_output=True,
                          text=True, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout
    assert "WARNING" not in done.stderr and "?: (security" not in done.stderr


WSGI_SETTINGS = """
import json
from socialrx.server.wsgi import application
from django.conf import settings as s
print(json.dumps({"module": s.SETTINGS_MODULE, "debug": s.DEBUG, "hsts": s.SECURE_HSTS_SECONDS,
    "ssl_redirect": s.SECURE_SSL_REDIRECT, "secure_cookies": s.SESSION_COOKIE_SECURE and s.CSRF_COOKIE_SECURE,
    "session_age": s.SESSION_COOKIE_AGE, "min_length": s.AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"]["min_length"],
    "validators": [v["NAME"].rsplit(".", 1)[1] for v in s.AUTH_PASSWORD_VALIDATORS]}))
"""


def test_wsgi_defaults_to_the_production_settings(tmp_path):
    """Importing the WSGI application without DJANGO_SETTINGS_MODULE runs production: DEBUG off, HTTPS, HSTS, 12 h sessions."""
    done = run_python(WSGI_SETTINGS, production_env(tmp_path))
    assert done.returncode == 0, done.stderr
    facts = json.loads(done.stdout.strip().splitlines()[-1])
    assert facts == {
        "module": "socialrx.settings.prod", "debug": False, "hsts": 31_536_000, "ssl_redirect": True,
        "secure_cookies": True, "session_age": 12 * 3600, "min_length": 12,
        "validators": ["UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator",
                       "NumericPasswordValidator"],
    }  # fmt: skip


@pytest.mark.parametrize(("extra", "message"), [
    ({"SOCIALRX_SECRET_KEY": ""}, "Set SOCIALRX_SECRET_KEY in production"),
    ({"SOCIALRX_DEBUG": "1"}, "production never runs with DEBUG"),
])  # fmt: skip
def test_production_refuses_a_missing_secret_or_debug(tmp_path, extra, message):
    """Production settings stop with the reason when the secret key is missing or DEBUG is asked for."""
    done = run_python(WSGI_SETTINGS, production_env(tmp_path, **extra))
    assert done.returncode != 0
    assert message in done.stderr


def test_postgresql_gets_statement_and_lock_timeouts(monkeypatch, tmp_path):
    """A PostgreSQL URL gets connect, statement and lock timeouts, configurable by environment variables."""
    monkeypatch.setenv("SOCIALRX_DATABASE_URL", POSTGRES_URL)
    monkeypatch.setenv("SOCIALRX_DB_STATEMENT_TIMEOUT_MS", "15000")
    options = database_config(tmp_path)["OPTIONS"]
    assert options["options"] == "-c statement_timeout=15000 -c lock_timeout=10000"
    assert options["connect_timeout"] == 10


def _postgres_reachable() -> bool:
    try:
        import psycopg

        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except Exception:
        return False
    return True


@pytest.mark.postgres
@pytest.mark.skipif(not _postgres_reachable(), reason="PostgreSQL is not running on 127.0.0.1:5432")
def test_postgresql_sessions_run_with_the_timeouts(tmp_path):
    """A real connection through the settings reports the configured statement and lock timeouts."""
    code = ("import django; django.setup(); from django.db import connection; c = connection.cursor(); "
            "c.execute('SHOW statement_timeout'); a = c.fetchone()[0]; c.execute('SHOW lock_timeout'); "
            "print(a, c.fetchone()[0])")  # fmt: skip
    env = production_env(tmp_path, DJANGO_SETTINGS_MODULE="socialrx.settings.prod", SOCIALRX_DATABASE_URL=POSTGRES_URL,
                         SOCIALRX_DB_STATEMENT_TIMEOUT_MS="4500", SOCIALRX_DB_LOCK_TIMEOUT_MS="1500")  # fmt: skip
    done = run_python(code, env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["4500ms", "1500ms"]
