"""`socialrx backup` and `restore`, run as commands: a backup taken while others write restores and verifies."""

from __future__ import annotations

import io
import tarfile
import time

WRITER = """
import os, sys, time
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "socialrx.settings.dev")
import django
django.setup()
from socialrx.server.lib.audit import log
deadline = time.monotonic() + float(sys.argv[1])
n = 0
while time.monotonic() < deadline:
    log("socialrx.token.create", data={"n": n})
    n += 1
print(n)
"""


def count_entries(site) -> int:
    done = site.run("audit", "verify")
    return int(done.stdout.split("(")[1].split(" ")[0].replace(",", ""))


def test_backup_during_writes_restores_and_verifies(make_site, tmp_path):
    """A backup taken while the audit log grows restores elsewhere with an intact chain and its media."""
    source = make_site("source")
    source.run("migrate")
    source.run("createuser", "alice", "--role", "social_media_manager", "--password", "a-long-password-1")
    (source.data_dir / "media" / "uploads").mkdir(parents=True)
    (source.data_dir / "media" / "uploads" / "photo.png").write_bytes(b"\x89PNG fake bytes")
    writer = source.python(WRITER, "6")
    time.sleep(2)
    archive = tmp_path / "backup.tar"
    done = source.run("backup", "-o", str(archive))
    assert "Wrote" in done.stdout
    out, errors = writer.communicate(timeout=60)
    assert writer.returncode == 0, errors
    with tarfile.open(archive) as opened:
        names = opened.getnames()
    assert "manifest.json" in names and "media/uploads/photo.png" in names

    target = make_site("target")
    restored = target.run("restore", str(archive))
    assert "The restored audit log is intact" in restored.stdout
    assert (target.data_dir / "media" / "uploads" / "photo.png").read_bytes() == b"\x89PNG fake bytes"
    restored_count = count_entries(target)
    assert 0 < restored_count <= count_entries(source)


def test_restore_refuses_to_overwrite_data_without_force(make_site, tmp_path):
    """Restoring over a database that holds data is refused, and changes nothing, unless --force is given."""
    source = make_site("source")
    source.run("migrate")
    source.run("createuser", "alice", "--role", "viewer", "--password", "a-long-password-1")
    archive = tmp_path / "backup.tar"
    source.run("backup", "-o", str(archive))
    source.run("createuser", "bob", "--role", "viewer", "--password", "a-long-password-2")
    before = count_entries(source)
    refused = source.run("restore", str(archive), check=False)
    assert refused.returncode == 1
    assert "the database already holds data" in refused.stderr
    assert count_entries(source) == before
    source.run("restore", str(archive), "--force")
    assert count_entries(source) == before - 1


def test_damaged_backup_is_refused(make_site, tmp_path):
    """A backup whose database does not match its checksum is refused before anything is replaced."""
    source = make_site("source")
    source.run("migrate")
    archive = tmp_path / "backup.tar"
    source.run("backup", "-o", str(archive))
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as original, tarfile.open(damaged, "w") as copy:
        for member in original.getmembers():
            data = original.extractfile(member).read()
            if member.name.startswith("database."):
                data = data[:-10] + b"0123456789"
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    target = make_site("target")
    refused = target.run("restore", str(damaged), check=False)
    assert refused.returncode == 1
    assert "is damaged (its checksum does not match the manifest)" in refused.stderr
    missing = target.run("restore", str(tmp_path / "nope.tar"), check=False)
    assert missing.returncode == 1 and "no such backup file" in missing.stderr
    exists = source.run("backup", "-o", str(archive), check=False)
    assert exists.returncode == 1 and "exists already" in exists.stderr


def test_audit_anchor_and_verify_commands(make_site):
    """`audit anchor` prints ID:HASH; `audit verify --anchor` checks it and fails on a wrong one."""
    site = make_site("site")
    site.run("migrate")
    site.run("createuser", "alice", "--role", "viewer", "--password", "a-long-password-1")
    printed = site.run("audit", "anchor").stdout.strip().splitlines()[-1]
    assert ":" in printed
    ok = site.run("audit", "verify", "--anchor", printed)
    assert "intact" in ok.stdout and "anchor(s) checked" in ok.stdout
    entry_id = printed.split(":")[0]
    bad = site.run("audit", "verify", "--anchor", f"{entry_id}:{'f' * 64}", check=False)
    assert bad.returncode == 1 and "differs from the anchor" in bad.stderr
    malformed = site.run("audit", "verify", "--anchor", "nonsense", check=False)
    assert malformed.returncode == 2 and "is not an anchor like" in malformed.stderr
