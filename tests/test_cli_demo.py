"""`socialrx demo`, run as users run it: a fresh data folder, stage progress, e-mail to files, not the console."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_demo_starts_on_a_fresh_folder_with_stages_and_mail_in_files(tmp_path):
    """The demo loads every stage on a fresh data folder and says where e-mail goes; no message reaches the console."""
    env = {**os.environ, "SOCIALRX_DATA_DIR": str(tmp_path), "COLUMNS": "200"}
    for name in ("DJANGO_SETTINGS_MODULE", "SOCIALRX_EMAIL_BACKEND", "SOCIALRX_DATABASE_URL"):
        env.pop(name, None)
    done = subprocess.run([str(Path(sys.executable).with_name("socialrx")), "demo", "--no-serve"], env=env,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    for stage in ("Database tables", "Strategy and people", "Posts through review and publishing", "Crisis incident"):
        assert stage in out
    assert f"E-mail: not sent; each message is a file in {tmp_path / 'email'}" in out
    assert "Content-Type:" not in out and "Subject: [socialrx]" not in out
    assert (tmp_path / "socialrx.sqlite3").is_file()
