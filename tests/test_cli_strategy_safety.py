"""`socialrx strategy validate` run as people run it: an alias bomb is refused at once, naming file and line."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from tests.core.strategy.test_loading import BILLION_LAUGHS

SOCIALRX = Path(sys.executable).parent / "socialrx"


def test_validate_refuses_an_alias_bomb_in_well_under_a_few_seconds(tmp_path):
    """The 28-second YAML alias bomb of issue 14 now exits 1 quickly with file:line and the reason."""
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text(BILLION_LAUGHS)
    env = {**os.environ, "SOCIALRX_DATA_DIR": str(tmp_path / "data"), "DJANGO_SETTINGS_MODULE": "socialrx.settings.dev"}
    started = time.monotonic()
    done = subprocess.run([str(SOCIALRX), "strategy", "validate", str(bomb)], env=env, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1, done.stdout + done.stderr
    assert time.monotonic() - started < 15  # the interpreter and Django start-up dominate; the check itself is ~ms
    line = next(n for n, text in enumerate(BILLION_LAUGHS.splitlines(), start=1) if text.startswith("f: &f"))
    output = " ".join((done.stdout + done.stderr).split())
    assert f"bomb.yaml:{line}" in output.replace(" ", "")  # Rich may wrap the long temporary path
    assert "aliases" in output
