"""Backup and restore of what must survive: the database and the files under MEDIA_ROOT (docs/backup.md).

A backup directory holds ``manifest.json``, the database (``database.sqlite3``, made with SQLite's online
backup API, or ``database.pgdump``, pg_dump's custom format) and ``media/``. The database is copied first,
in one consistent snapshot taken while the application keeps writing; the files afterwards: an evidence
file is stored before the row that names it commits and is never deleted, so every file the snapshot
names is already there. The manifest records the SHA-256 of every file, the row count of every table in
the snapshot and fingerprints of the keys. The keys themselves are never written into a backup: the
reporter identities in the database are encrypted with REPORTER_ENCRYPTION_KEYS, and a backup holding
both would hold them in clear. ``keys_write`` saves them to a file of their own, which refuses to live
inside a backup or under MEDIA_ROOT.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connections, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_FILE = "database.sqlite3"
PG_FILE = "database.pgdump"
MEDIA_DIR = "media"
KEYS_MARKER = "netralitas-keys"
# Rows in any of these tables make a database "not empty": restoring over it needs --force.
DATA_MODELS = ("cases.Case", "audit.AuditEvent", "accounts.User", "registry.Employee")
_CHECK_MESSAGE = b"netralitas backup key check"


DAMAGED = gettext_noop("%(path)s hilang atau rusak (SHA-256 berbeda dari manifes).")


class BackupError(Exception):
    """A backup or restore that cannot be done safely; the message says why and what to do."""


# --- keys ------------------------------------------------------------------------------------------


def key_settings() -> list[str]:
    """The settings holding key material: the Django secret (sessions, receipt-code hashes), the reporter
    identity keys, and any ``*_SIGNING_KEY(S)`` a later module adds."""
    names = ["SECRET_KEY", "REPORTER_ENCRYPTION_KEYS"]
    names += sorted(
        n for n in dir(settings) if n.endswith(("_SIGNING_KEY", "_SIGNING_KEYS")) and n not in names
    )
    return names


def _values(name: str) -> list[str]:
    value = getattr(settings, name, "")
    return [str(v) for v in value] if isinstance(value, list | tuple) else [str(value)]


def _fingerprint(secret: str) -> str:
    """An HMAC of a constant keyed by the secret: equal for equal keys, and says nothing about the key."""
    return hmac.new(secret.encode(), _CHECK_MESSAGE, hashlib.sha256).hexdigest()[:24]


def key_fingerprints() -> dict[str, list[str]]:
    return {name: [_fingerprint(v) for v in _values(name)] for name in key_settings()}


def key_mismatches(recorded: dict[str, list[str]]) -> list[str]:
    """The key settings of the backup that the current settings cannot stand in for. A key may have been
    added since (rotation puts the new key first); every recorded one must still be there."""
    current = key_fingerprints()
    return [name for name, prints in recorded.items() if not set(prints) <= set(current.get(name, []))]


def _inside(path: Path, parent: Path) -> bool:
    return path == parent or parent in path.parents


def _backup_root_of(path: Path) -> Path | None:
    for candidate in [path, *path.parents]:
        if (candidate / MANIFEST).is_file():
            return candidate
    return None


def keys_write(target: Path, *, force: bool = False) -> list[str]:
    """Writes the key material to ``target`` (mode 0600); returns the names written."""
    target = target.resolve()
    if _backup_root_of(target.parent) is not None:
        raise BackupError(
            _("%(target)s berada di dalam cadangan data: simpan kunci terpisah dari basis data.")
            % {"target": target}
        )
    if _inside(target, Path(settings.MEDIA_ROOT).resolve()):
        raise BackupError(
            _("%(target)s berada di bawah MEDIA_ROOT, yang ikut disalin cadangan data: pilih tempat lain.")
            % {"target": target}
        )
    if target.exists() and not force:
        raise BackupError(_("%(target)s sudah ada; gunakan --force untuk menggantinya.") % {"target": target})
    target.parent.mkdir(parents=True, exist_ok=True)
    body = {
        "format": FORMAT,
        "kind": KEYS_MARKER,
        "created_at": timezone.now().isoformat(),  # noqa: TID251 (real time: an operations fact)
        "keys": {name: getattr(settings, name) for name in key_settings()},
    }
    partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(body, out, indent=2)
    os.replace(partial, target)
    return key_settings()


def keys_check(source: Path) -> list[str]:
    """The key settings whose value in ``source`` differs from the running settings."""
    body = json.loads(Path(source).read_text(encoding="utf-8"))
    if body.get("kind") != KEYS_MARKER:
        raise BackupError(_("%(source)s bukan berkas kunci Netralitas.") % {"source": source})
    differ = []
    for name, value in body["keys"].items():
        saved = value if isinstance(value, list) else [value]
        if [_fingerprint(str(v)) for v in saved] != key_fingerprints().get(name):
            differ.append(name)
    return differ


# --- files -----------------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tree(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file())


def _copy_media(source: Path, target: Path) -> dict[str, str]:
    files = {}
    for path in _tree(source):
        relative = path.relative_to(source).as_posix()
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, destination)
        files[relative] = sha256_of(destination)
    return files


# --- database --------------------------------------------------------------------------------------


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(_("Mesin basis data tidak didukung: %(vendor)s.") % {"vendor": vendor})
    return vendor


def _tables() -> list[str]:
    return sorted({m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed})


def _sqlite_counts(path: Path) -> tuple[dict[str, int], list[list[str]]]:
    with sqlite3.connect(path) as db:
        present = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        counts = {
            t: db.execute(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0]  # noqa: S608 (model table names)
            for t in _tables()
            if t in present
        }
        migrations = [list(r) for r in db.execute("SELECT app, name FROM django_migrations ORDER BY id")]
    return counts, migrations


def _pg_env(using: str) -> dict[str, str]:
    db = connections[using].settings_dict
    env = dict(os.environ)
    for var, key in (("PGHOST", "HOST"), ("PGPORT", "PORT"), ("PGUSER", "USER"), ("PGPASSWORD", "PASSWORD")):
        if db.get(key):
            env[var] = str(db[key])
    env["PGDATABASE"] = str(db["NAME"])
    return env


def _pg_tool(name: str) -> str:
    tool = shutil.which(name)
    if tool is None:
        raise BackupError(
            _("%(name)s tidak terpasang; pasang klien PostgreSQL versi server.") % {"name": name}
        )
    return tool


def _pg_run(args: list[str], using: str) -> None:
    # The arguments are the tool's path, fixed options and paths of our own: no shell, no user input.
    done = subprocess.run(args, env=_pg_env(using), capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(
            _("%(program)s gagal: %(error)s")
            % {"program": Path(args[0]).name, "error": done.stderr.strip()[-2000:]}
        )


def _snapshot_sqlite(using: str, staging: Path) -> tuple[dict[str, int], list[list[str]]]:
    connection = connections[using]
    connection.ensure_connection()
    target = staging / SQLITE_FILE
    with sqlite3.connect(target) as copy:
        # One step (pages=-1): the whole file is read inside one read transaction, a consistent snapshot;
        # in WAL mode writers carry on meanwhile.
        connection.connection.backup(copy)
        copy.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
        if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise BackupError(_("Salinan basis data tidak lolos pemeriksaan integritas SQLite."))
    copy.close()
    return _sqlite_counts(target)


def _snapshot_postgresql(using: str, staging: Path) -> tuple[dict[str, int], list[list[str]]]:
    """pg_dump runs in the snapshot of our own REPEATABLE READ transaction, so the row counts recorded in
    the manifest are exactly those of the dump."""
    tool = _pg_tool("pg_dump")
    connection = connections[using]
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        options = ["--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}"]
        _pg_run([tool, *options, "--file", str(staging / PG_FILE)], using)
        present = set(connection.introspection.table_names(cursor))
        counts = {}
        for table in _tables():
            if table in present:
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 (model table names)
                counts[table] = cursor.fetchone()[0]
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY id")
        migrations = [list(row) for row in cursor.fetchall()]
    return counts, migrations


# --- backup ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Summary:
    path: Path
    engine: str
    tables: int
    rows: int
    files: int


def backup_create(target: Path, *, using: str = "default") -> Summary:
    """Writes a complete backup to ``target``. Run again, it replaces the previous backup there whole
    (built beside it, then swapped), so a crash half-way never leaves a half backup under that name."""
    target = target.resolve()
    engine = _engine(using)
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if _inside(target, media_root):
        raise BackupError(
            _("%(target)s berada di bawah MEDIA_ROOT: cadangan akan menyalin dirinya sendiri.")
            % {"target": target}
        )
    if target.is_dir() and any(_is_keys_file(p) for p in target.iterdir() if p.is_file()):
        raise BackupError(
            _("%(target)s berisi berkas kunci: simpan kunci terpisah dari basis data.") % {"target": target}
        )
    if target.exists() and any(target.iterdir()) and not (target / MANIFEST).is_file():
        raise BackupError(
            _("%(target)s tidak kosong dan tidak berisi cadangan: pilih direktori kosong atau baru.")
            % {"target": target}
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f".{target.name}.partial-{secrets.token_hex(4)}")
    staging.mkdir()
    try:
        snapshot = _snapshot_sqlite if engine == "sqlite" else _snapshot_postgresql
        counts, migrations = snapshot(using, staging)
        database_file = staging / (SQLITE_FILE if engine == "sqlite" else PG_FILE)
        files = _copy_media(media_root, staging / MEDIA_DIR)
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),  # noqa: TID251 (real time: an operations fact)
            "engine": engine,
            "database": {"file": database_file.name, "sha256": sha256_of(database_file)},
            "migrations": migrations,
            "rows": counts,
            "files": files,
            "keys": key_fingerprints(),
            "keys_note": "Keys are not in this backup; restore them from the separate keys backup.",
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
        if target.exists():
            old = target.with_name(f".{target.name}.old-{secrets.token_hex(4)}")
            target.rename(old)
            staging.rename(target)
            shutil.rmtree(old)
        else:
            staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return Summary(target, engine, len(counts), sum(counts.values()), len(files))


def _is_keys_file(path: Path) -> bool:
    try:
        return path.stat().st_size < 1 << 20 and KEYS_MARKER in path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False


# --- restore ---------------------------------------------------------------------------------------


def read_manifest(source: Path) -> dict[str, Any]:
    path = Path(source) / MANIFEST
    if not path.is_file():
        raise BackupError(
            _("%(source)s tidak berisi %(manifest)s: bukan cadangan Netralitas.")
            % {"source": source, "manifest": MANIFEST}
        )
    manifest: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("Format cadangan %(found)s tidak didukung (seharusnya %(expected)s).")
            % {"found": manifest.get("format"), "expected": FORMAT}
        )
    return manifest


def backup_check(source: Path) -> dict[str, Any]:
    """The manifest, once every file of the backup matches its recorded SHA-256."""
    source = Path(source)
    manifest = read_manifest(source)
    database = source / manifest["database"]["file"]
    if not database.is_file() or sha256_of(database) != manifest["database"]["sha256"]:
        raise BackupError(_(DAMAGED) % {"path": database})
    for relative, digest in manifest["files"].items():
        path = source / MEDIA_DIR / relative
        if not path.is_file() or sha256_of(path) != digest:
            raise BackupError(_(DAMAGED) % {"path": path})
    return manifest


def database_has_data(using: str = "default") -> bool:
    connection = connections[using]
    with connection.cursor() as cursor:
        present = set(connection.introspection.table_names(cursor))
    for label in DATA_MODELS:
        model = apps.get_model(label)
        if model._meta.db_table in present and model._base_manager.using(using).exists():
            return True
    return False


def _unknown_migrations(recorded: list[list[str]]) -> list[str]:
    from django.db.migrations.loader import MigrationLoader

    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    ours = {config.label for config in apps.get_app_configs()}
    return [f"{app}.{name}" for app, name in recorded if app in ours and (app, name) not in known]


def _media_conflicts(source: Path, files: dict[str, str], media_root: Path) -> list[str]:
    return [
        relative
        for relative, digest in files.items()
        if (media_root / relative).is_file() and sha256_of(media_root / relative) != digest
    ]


@contextmanager
def _closed(using: str) -> Iterator[None]:
    connections[using].close()
    try:
        yield
    finally:
        connections[using].close()


def _restore_sqlite(database: Path, using: str) -> None:
    name = str(connections[using].settings_dict["NAME"])
    with _closed(using):
        Path(name).parent.mkdir(parents=True, exist_ok=True)
        with sqlite3.connect(database) as backup, sqlite3.connect(name) as live:
            backup.backup(live)  # page by page into the live file, under its own write lock
            live.execute("PRAGMA journal_mode=WAL")
        backup.close()
        live.close()


def _restore_postgresql(database: Path, using: str) -> None:
    tool = _pg_tool("pg_restore")
    with _closed(using):
        # One transaction: a failure leaves the database as it was. --clean drops what the dump recreates.
        options = ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction"]
        name = str(connections[using].settings_dict["NAME"])
        _pg_run([tool, *options, "--exit-on-error", "--dbname", name, str(database)], using)


def backup_restore(
    source: Path, *, using: str = "default", force: bool = False, allow_key_mismatch: bool = False
) -> Summary:
    """Restores the backup in ``source`` into the configured database and MEDIA_ROOT, then checks that
    every table holds the row count of the snapshot. Refuses a database that holds data unless ``force``."""
    source = Path(source).resolve()
    manifest = backup_check(source)
    engine = _engine(using)
    if manifest["engine"] != engine:
        raise BackupError(
            _("Cadangan ini dari basis data %(source)s; tujuannya %(target)s.")
            % {"source": manifest["engine"], "target": engine}
        )
    if unknown := _unknown_migrations(manifest["migrations"]):
        raise BackupError(
            _("Cadangan dibuat oleh versi yang lebih baru (migrasi %(migrations)s).")
            % {"migrations": ", ".join(unknown[:5])}
        )
    if (mismatched := key_mismatches(manifest["keys"])) and not allow_key_mismatch:
        raise BackupError(
            f"The running settings lack keys this backup was made with: {', '.join(mismatched)}. "
            "Restore them from the keys backup first (without REPORTER_ENCRYPTION_KEYS the reporter "
            "identities cannot be read, without SECRET_KEY no receipt code matches)."
        )
    media_root = Path(settings.MEDIA_ROOT).resolve()
    if not force:
        if database_has_data(using):
            raise BackupError(_("Basis data tujuan sudah berisi data; gunakan --force untuk menggantinya."))
        if conflicts := _media_conflicts(source, manifest["files"], media_root):
            raise BackupError(
                _("MEDIA_ROOT berisi versi lain dari %(count)s berkas; gunakan --force.")
                % {"count": len(conflicts)}
            )
    database = source / manifest["database"]["file"]
    (_restore_sqlite if engine == "sqlite" else _restore_postgresql)(database, using)
    files = _copy_media(source / MEDIA_DIR, media_root)
    differ = restored_row_differences(manifest["rows"], using)
    if differ:
        raise BackupError(
            _("Jumlah baris yang dipulihkan berbeda dari cadangan: %(differ)s") % {"differ": differ}
        )
    return Summary(media_root, engine, len(manifest["rows"]), sum(manifest["rows"].values()), len(files))


def restored_row_differences(expected: dict[str, int], using: str = "default") -> dict[str, tuple[int, int]]:
    by_table = {m._meta.db_table: m for m in apps.get_models(include_auto_created=True)}
    differ = {}
    for table, count in expected.items():
        model = by_table.get(table)
        if model is None:
            continue
        actual = model._base_manager.using(using).count()
        if actual != count:
            differ[table] = (count, actual)
    return differ
