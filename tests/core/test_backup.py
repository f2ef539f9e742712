"""Backups (docs/backup.md): a backup taken while another process keeps filing cases restores into a
fresh database whose audit chain and evidence hashes verify; the restore refuses a database holding data;
keys never travel with the data."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from netralitas.core import backup
from netralitas.core.integrity import verify_files
from tests.cases.helpers import submit
from tests.portal.helpers import photo
from tests.races import shared_database_url
from tests.world import World

ROOT = Path(settings.BASE_DIR)
PG_TOOLS = all(shutil.which(tool) for tool in ("pg_dump", "pg_restore"))


def _manage(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def _pg_url(name: str) -> str:
    return shared_database_url().rsplit("/", 1)[0] + f"/{name}"


def _pg_admin(sql: str) -> None:
    with psycopg.connect(_pg_url("postgres"), autocommit=True) as admin:
        admin.execute(sql)


@pytest.fixture
def source_url(tmp_path: Path) -> Iterator[str]:
    """A database of the current schema that other processes can write: on SQLite a file copied from the
    (migrated) test database, on PostgreSQL the test database itself (the test is transactional)."""
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        path = tmp_path / "source.sqlite3"
        with sqlite3.connect(path) as copy:
            connection.connection.backup(copy)
        copy.close()
        yield f"sqlite:///{path}"
        return
    if not PG_TOOLS:
        pytest.skip("pg_dump and pg_restore are not installed")
    yield shared_database_url()


@pytest.fixture
def target_url(tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database to restore into."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    name = f"{connection.settings_dict['NAME']}_restore_{secrets.token_hex(3)}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _wait_for(process: subprocess.Popen[str], at_least: int) -> int:
    assert process.stdout is not None
    written = 0
    while written < at_least:
        line = process.stdout.readline()
        assert line, f"the writer stopped: {process.stderr.read() if process.stderr else ''}"
        written = int(line)
    return written


@pytest.mark.django_db(transaction=True)
def test_a_backup_taken_during_writes_restores_and_verifies(
    source_url: str, target_url: str, tmp_path: Path
) -> None:
    base = {**os.environ, "NETRALITAS_ENV": "test"}
    source = {**base, "DATABASE_URL": source_url, "MEDIA_ROOT": str(tmp_path / "media")}
    target = {**base, "DATABASE_URL": target_url, "MEDIA_ROOT": str(tmp_path / "restored-media")}
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.core.backup_writer", str(stop)],
        cwd=ROOT,
        env=source,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        before = _wait_for(writer, 3)
        made = _manage(source, "backup_create", "--to", str(tmp_path / "backup"))
        assert made.returncode == 0, made.stderr
        manifest = json.loads((tmp_path / "backup" / "manifest.json").read_text())
        in_backup = manifest["rows"]["cases_case"]
        after = _wait_for(writer, in_backup + 2)  # and it went on writing after the snapshot
    finally:
        stop.touch()
        writer.communicate(timeout=120)
    assert writer.returncode == 0
    assert before <= in_backup < after
    assert manifest["rows"]["cases_evidence"] in (in_backup - 1, in_backup)  # a case, then its photo
    photos = [name for name in manifest["files"] if name.startswith("evidence/")]
    assert len(photos) >= manifest["rows"]["cases_evidence"]
    assert "SECRET_KEY" in manifest["keys"] and settings.SECRET_KEY not in json.dumps(manifest)

    restored = _manage(target, "backup_restore", "--from", str(tmp_path / "backup"))
    assert restored.returncode == 0, restored.stderr + restored.stdout
    assert "audit chain: OK" in restored.stdout
    checked = _manage(target, "verify_integrity")
    assert checked.returncode == 0, checked.stderr
    assert f"{manifest['rows']['cases_evidence']} with SHA-256" in checked.stdout
    assert f"OK: {manifest['rows']['audit_auditevent']} events" in checked.stdout

    again = _manage(target, "backup_restore", "--from", str(tmp_path / "backup"))
    assert again.returncode != 0 and "sudah berisi data" in again.stderr
    forced = _manage(target, "backup_restore", "--from", str(tmp_path / "backup"), "--force")
    assert forced.returncode == 0, forced.stderr  # idempotent: the same state again


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


def test_an_altered_or_missing_evidence_file_is_reported(world: World, media: Path) -> None:
    from netralitas.cases.evidence import evidence_add

    case, _ = submit(world)
    first = evidence_add(case=case, upload=photo(), from_reporter=True)
    second = evidence_add(case=case, upload=photo("foto2.jpg"), from_reporter=True)
    assert verify_files().ok and verify_files().hashed == 2
    (media / first.file.name).write_bytes(b"diubah")
    (media / second.file.name).unlink()
    report = verify_files()
    assert not report.ok
    assert [first.file.name in a for a in report.altered] == [True]
    assert [second.file.name in m for m in report.missing] == [True]


def test_a_backup_directory_never_holds_the_keys(tmp_path: Path, media: Path) -> None:
    (tmp_path / "backup").mkdir()
    (tmp_path / "backup" / "manifest.json").write_text("{}")
    with pytest.raises(backup.BackupError, match="terpisah dari basis data"):
        backup.keys_write(tmp_path / "backup" / "keys.json")
    with pytest.raises(backup.BackupError, match="MEDIA_ROOT"):
        backup.keys_write(media / "keys.json")
    written = tmp_path / "safe" / "keys.json"
    backup.keys_write(written)
    assert written.stat().st_mode & 0o777 == 0o600
    assert json.loads(written.read_text())["keys"]["SECRET_KEY"] == settings.SECRET_KEY
    assert backup.keys_check(written) == []
    (tmp_path / "full").mkdir()
    shutil.copy(written, tmp_path / "full" / "keys.json")
    with pytest.raises(backup.BackupError, match="berkas kunci"):
        backup.backup_create(tmp_path / "full")


def test_a_restore_with_other_keys_is_refused_unless_asked() -> None:
    recorded = backup.key_fingerprints()
    rotated = ["bmV3LWtleS1uZXctdGhhdC1pcy0zMi1ieXRlcy1sb25nIQ=", *settings.REPORTER_ENCRYPTION_KEYS]
    with override_settings(REPORTER_ENCRYPTION_KEYS=rotated):
        assert backup.key_mismatches(recorded) == []  # a key added since, the old ones kept: fine
    with override_settings(REPORTER_ENCRYPTION_KEYS=rotated[:1], SECRET_KEY="another-secret-key-entirely"):
        assert backup.key_mismatches(recorded) == ["SECRET_KEY", "REPORTER_ENCRYPTION_KEYS"]


def test_a_damaged_backup_is_refused_before_anything_is_touched(tmp_path: Path) -> None:
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "database.sqlite3").write_bytes(b"x")
    manifest = {"format": 1, "database": {"file": "database.sqlite3", "sha256": "0" * 64}, "files": {}}
    (folder / "manifest.json").write_text(json.dumps(manifest))
    with pytest.raises(backup.BackupError, match="rusak"):
        backup.backup_check(folder)


def test_nothing_is_written_over_a_directory_that_is_not_a_backup(tmp_path: Path, media: Path) -> None:
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "thesis.txt").write_text("tidak boleh hilang")
    with pytest.raises(backup.BackupError, match="tidak berisi cadangan"):
        backup.backup_create(tmp_path / "other")
    assert (tmp_path / "other" / "thesis.txt").read_text() == "tidak boleh hilang"
