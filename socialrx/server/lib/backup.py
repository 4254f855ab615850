"""Backups that can be restored: a consistent copy of the database, the media and the audit anchors.

A backup is one ``.tar`` archive:

- ``manifest.json``: format, engine, when, the newest migration, the audit head and a SHA-256
  of every other member (checked before anything is restored);
- ``database.sqlite3`` (SQLite's online backup API: a consistent snapshot while others write)
  or ``database.pgdump`` (``pg_dump --format=custom``, one transaction snapshot);
- ``media/…`` (uploaded files) and ``audit-anchors.jsonl`` (the chain's anchors).

A restore checks the archive, refuses to overwrite a database that holds data unless forced,
replaces the database, media and anchors (the anchors it replaces are kept beside them), and
then verifies the audit chain.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.db import connection, connections
from django.db.migrations.recorder import MigrationRecorder
from django.utils.timezone import now

from socialrx.server.lib.audit import ChainReport, anchor_file, verify_chain

FORMAT = "socialrx-backup/1"
MANIFEST = "manifest.json"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why and what to do. Nothing was changed."""


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    engine: str
    members: int
    audit_entries: int
    size: int


@dataclass(frozen=True)
class RestoreSummary:
    engine: str
    created_at: str
    media_files: int
    chain: ChainReport


def _engine() -> str:
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"backups support SQLite and PostgreSQL, not {vendor}")
    return vendor


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_env_and_url() -> tuple[dict[str, str], str]:
    """Return the environment and connection URL for pg_dump / pg_restore (password in the environment only)."""
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    user = quote(str(db.get("USER") or ""), safe="")
    host = db.get("HOST") or "localhost"
    port = db.get("PORT") or 5432
    url = f"postgresql://{user + '@' if user else ''}{host}:{port}/{quote(str(db['NAME']), safe='')}"
    return env, url


def _run(command: list[str], env: dict[str, str]) -> None:
    try:
        done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed; install the PostgreSQL client tools "
                          "(Debian: apt-get install postgresql-client)") from None
    if done.returncode != 0:
        raise BackupError(f"{command[0]} failed: {done.stderr.strip() or done.stdout.strip()}")


def _dump_database(engine: str, target: Path) -> None:
    if engine == "sqlite":
        source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
        copy = sqlite3.connect(target)
        try:
            with copy:
                source.backup(copy)
        finally:
            copy.close()
            source.close()
        return
    env, url = _pg_env_and_url()
    _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", url], env)


def _audit_head_of_sqlite_copy(path: Path) -> tuple[int | None, str]:
    copy = sqlite3.connect(path)
    try:
        row = copy.execute("SELECT id, entry_hash FROM socialrx_auditevent ORDER BY id DESC LIMIT 1").fetchone()
        count = copy.execute("SELECT count(*) FROM socialrx_auditevent").fetchone()[0]
    finally:
        copy.close()
    return count, (f"{row[0]}:{row[1]}" if row else "")


def _audit_head_now() -> tuple[int, str]:
    from socialrx.server.models import AuditEvent

    newest = AuditEvent.objects.order_by("-id").only("id", "entry_hash").first()
    return AuditEvent.objects.count(), (f"{newest.id}:{newest.entry_hash}" if newest else "")


def create_backup(output: Path) -> BackupSummary:
    """Write a backup archive to ``output`` (refuses to overwrite an existing file)."""
    engine = _engine()
    if output.exists():
        raise BackupError(f"{output} exists already; choose another file name")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder")
    with tempfile.TemporaryDirectory(prefix="socialrx-backup-") as work:
        folder = Path(work)
        database = folder / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        _dump_database(engine, database)
        count, head = _audit_head_of_sqlite_copy(database) if engine == "sqlite" else _audit_head_now()
        members: dict[str, Path] = {database.name: database}
        media_root = Path(settings.MEDIA_ROOT)
        if media_root.is_dir():
            for path in sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink()):
                members[f"media/{path.relative_to(media_root).as_posix()}"] = path
        anchors = anchor_file()
        if anchors.is_file():
            members["audit-anchors.jsonl"] = anchors
        latest = MigrationRecorder.Migration.objects.filter(app="socialrx").order_by("-id").first()
        manifest = {
            "format": FORMAT, "engine": engine, "created_at": now().isoformat(timespec="seconds"),
            "migration": latest.name if latest else "", "audit_entries": count, "audit_head": head,
            "members": {name: _sha256(path) for name, path in members.items()},
        }  # fmt: skip
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, indent=2, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(now().timestamp())
            archive.addfile(info, io.BytesIO(data))
            for name, path in members.items():
                archive.add(path, arcname=name, recursive=False)
        partial.replace(output)
    return BackupSummary(output, engine, len(members), count or 0, output.stat().st_size)


def _read_manifest(archive: tarfile.TarFile, source: Path) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, json.JSONDecodeError, TypeError):
        raise BackupError(f"{source}: not a socialrx backup (no readable {MANIFEST})") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: backup format {manifest.get('format')!r} is not {FORMAT!r}")
    return manifest


def _extract_checked(source: Path, folder: Path) -> dict:
    """Extract the archive into ``folder``, checking every member's name and checksum; return the manifest."""
    try:
        archive = tarfile.open(source, "r")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"{source}: cannot open the backup: {exc}") from None
    with archive:
        manifest = _read_manifest(archive, source)
        expected = manifest.get("members", {})
        names = {member.name for member in archive.getmembers() if member.isfile()} - {MANIFEST}
        if names != set(expected):
            raise BackupError(f"{source}: the archive's files do not match its manifest "
                              f"(missing: {sorted(set(expected) - names)}, unexpected: {sorted(names - set(expected))})")
        archive.extractall(folder, members=[m for m in archive.getmembers() if m.name in expected], filter="data")
    for name, digest in expected.items():
        if _sha256(folder / name) != digest:
            raise BackupError(f"{source}: {name} is damaged (its checksum does not match the manifest)")
    return manifest


def _database_holds_data() -> bool:
    from socialrx.server.models import AuditEvent

    tables = connection.introspection.table_names()
    return AuditEvent._meta.db_table in tables and AuditEvent.objects.exists()


def _restore_database(engine: str, dump: Path) -> None:
    if engine == "sqlite":
        target_path = settings.DATABASES["default"]["NAME"]
        connections.close_all()
        source = sqlite3.connect(dump)
        target = sqlite3.connect(target_path)
        try:
            source.backup(target)
        finally:
            target.close()
            source.close()
        return
    connections.close_all()
    env, url = _pg_env_and_url()
    _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
          f"--dbname={url}", str(dump)], env)  # fmt: skip


def _restore_files(folder: Path, manifest: dict) -> int:
    media_root = Path(settings.MEDIA_ROOT)
    media = [name for name in manifest["members"] if name.startswith("media/")]
    for name in media:
        target = media_root / name.removeprefix("media/")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / name, target)
    anchors = anchor_file()
    if anchors.exists():
        kept = anchors.with_name(f"{anchors.name}.before-restore-{now():%Y%m%dT%H%M%SZ}")
        anchors.replace(kept)
    if "audit-anchors.jsonl" in manifest["members"]:
        anchors.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(folder / "audit-anchors.jsonl", anchors)
    return len(media)


def restore_backup(source: Path, *, force: bool = False) -> RestoreSummary:
    """Restore a backup into the configured database and data folder, then verify the audit chain."""
    engine = _engine()
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    with tempfile.TemporaryDirectory(prefix="socialrx-restore-") as work:
        folder = Path(work)
        manifest = _extract_checked(source, folder)
        if manifest["engine"] != engine:
            raise BackupError(f"{source} is a {manifest['engine']} backup; this socialrx uses {engine}. "
                              "Restore it into the same kind of database.")
        if not force and _database_holds_data():
            raise BackupError("the database already holds data; restoring would replace it. "
                              "Run with --force to replace it (back it up first).")
        dump = folder / ("database.sqlite3" if engine == "sqlite" else "database.pgdump")
        _restore_database(engine, dump)
        media_files = _restore_files(folder, manifest)
    return RestoreSummary(engine, manifest["created_at"], media_files, verify_chain())
