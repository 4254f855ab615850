"""Run `socialrx` as a user does: a subprocess with its own data folder and, on PostgreSQL, its own database."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


class Site:
    """One socialrx installation: a data folder and a database, and a way to run commands against it."""

    def __init__(self, data_dir: Path, database_url: str | None) -> None:
        self.data_dir = data_dir
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(("SOCIALRX_", "DJANGO_SETTINGS"))}
        self.env.update({"SOCIALRX_DATA_DIR": str(data_dir), "SOCIALRX_SECRET_KEY": "ops-test-key-7d3f9b1e5a2c8e4f6a0b2d4f6a8c0e2b4d6f8a0c",
                         "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "200"})  # fmt: skip
        if database_url:
            self.env["SOCIALRX_DATABASE_URL"] = database_url

    def run(self, *args: str, check: bool = True, timeout: float = 180) -> subprocess.CompletedProcess:
        done = subprocess.run([sys.executable, "-m", "socialrx", *args], env=self.env, capture_output=True,
                              text=True, timeout=timeout)  # fmt: skip
        if check and done.returncode != 0:
            raise AssertionError(f"socialrx {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done

    def python(self, code: str, *args: str) -> subprocess.Popen:
        return subprocess.Popen([sys.executable, "-c", code, *args], env=self.env, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)  # fmt: skip


def _postgres_admin_url() -> str | None:
    return os.environ.get("SOCIALRX_DATABASE_URL") if os.environ.get("SOCIALRX_DATABASE_URL", "").startswith(
        "postgres") else None  # fmt: skip


@pytest.fixture
def make_site(tmp_path) -> Iterator[Callable[[str], Site]]:
    """Return a function making a fresh installation; on PostgreSQL each gets a new database, dropped after."""
    admin_url = _postgres_admin_url()
    created: list[str] = []

    def make(name: str) -> Site:
        if admin_url is None:
            return Site(tmp_path / name, None)
        import psycopg

        database = f"socialrx_ops_{name}_{uuid.uuid4().hex[:8]}"
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        created.append(database)
        return Site(tmp_path / name, admin_url.rsplit("/", 1)[0] + "/" + database)

    yield make
    if admin_url is not None:
        import psycopg

        with psycopg.connect(admin_url, autocommit=True) as conn:
            for database in created:
                conn.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
