"""Backup and restore of one instance: the SQLite database and the uploads folder.

A backup is one ``.tar.gz`` file holding::

    database.sqlite3    a consistent snapshot (sqlite3's online backup API)
    uploads/...         every file of UPLOAD_DIR
    manifest.json       written last: created-at, Alembic revision, row counts,
                        and the size and sha256 of the database and each upload

One file rather than a folder because a single file is renamed into place
atomically (a half-written backup only ever exists under a ``.partial`` name),
is copied off the machine in one step, and gets one set of permissions (0600:
it holds password hashes and two-factor secrets). The manifest is the last
member, so a truncated archive has none and never passes as complete.

The search index is derived data and is never in a backup; a restore rebuilds
it. PostgreSQL is backed up with ``pg_dump``, which knows far more about a live
PostgreSQL than this module could (``POSTGRES_ADVICE``).
"""
from __future__ import annotations

import dataclasses
import gzip
import hashlib
import io
import json
import os
import secrets
import shutil
import sqlite3
import tarfile
import tempfile
import zlib
from contextlib import closing
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath
from typing import IO, Any

from flask import current_app
from sqlalchemy import func, inspect, select

from directory.accounts.models import User
from directory.extensions import db
from directory.listings.models import Service

FORMAT = "signpost-backup"
VERSION = 1
MANIFEST = "manifest.json"
DATABASE = "database.sqlite3"
UPLOADS = "uploads"
CHUNK = 1024 * 1024

POSTGRES_ADVICE = """\
This instance uses PostgreSQL: back its database up with pg_dump, not with this command.
  Back up:  pg_dump --format=custom --file=signpost-$(date -u +%Y%m%dT%H%M%SZ).dump "$DATABASE_URL"
  Restore:  pg_restore --no-owner --exit-on-error --dbname="$DATABASE_URL" signpost-....dump
            (into an empty database), then: flask db upgrade && flask search rebuild
Back up the uploads folder with: flask backup create --uploads-only DEST"""


class BackupError(Exception):
    """Bad input or a failed check, with a message meant for the operator."""


@dataclass
class Manifest:
    created_at: str
    alembic_revision: str | None
    row_counts: dict[str, int] | None  # None in an uploads-only backup
    database: dict[str, Any] | None  # {"file", "size", "sha256"}
    uploads: list[dict[str, Any]]  # [{"name", "size", "sha256"}]

    @property
    def has_database(self) -> bool:
        return self.database is not None

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": VERSION, **dataclasses.asdict(self)},
                          indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        try:
            data = json.loads(text)
        except ValueError:
            raise BackupError("The backup's manifest.json is not valid JSON") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise BackupError("Not a Signpost backup (its manifest.json is someone else's)")
        if data.get("version") != VERSION:
            raise BackupError(f"This backup has format version {data.get('version')}; "
                              f"this version of Signpost reads version {VERSION}")
        try:
            uploads = [{"name": str(_safe_upload_name(str(entry["name"]))), "size": int(entry["size"]),
                        "sha256": str(entry["sha256"])} for entry in data["uploads"]]
            database = data["database"]
            if database is not None:
                database = {"file": DATABASE, "size": int(database["size"]), "sha256": str(database["sha256"])}
            counts = data["row_counts"]
            if database is not None or counts is not None:
                counts = {str(table): int(n) for table, n in dict(counts).items()}
            revision = data["alembic_revision"]
            return cls(created_at=str(data["created_at"]), alembic_revision=None if revision is None else str(revision),
                       row_counts=counts, database=database, uploads=uploads)
        except (KeyError, TypeError, ValueError, AttributeError):
            raise BackupError("The backup's manifest.json is incomplete or malformed") from None


@dataclass
class CheckReport:
    manifest: Manifest
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class RestoreReport:
    manifest: Manifest
    restored_database: bool
    restored_uploads: int
    index_folder: Path | None  # None when the index could not be rebuilt yet
    advice: list[str] = field(default_factory=list)


# --- Where things are ------------------------------------------------------------------


def _sqlite_path() -> Path | None:
    """The live SQLite file, or None when the database is not SQLite."""
    url = db.engine.url
    if url.get_backend_name() != "sqlite":
        return None
    if not url.database or url.database == ":memory:" or url.database.startswith("file:"):
        raise BackupError(f"Cannot back up the SQLite database {url.database or '(in memory)'!r}: "
                          "it is not a plain file")
    return Path(url.database)


def _upload_dir() -> Path:
    return Path(current_app.config["UPLOAD_DIR"])


def _upload_files(folder: Path) -> list[tuple[str, Path]]:
    """(name relative to the folder, path) of every regular file, symlinks left out."""
    if not folder.is_dir():
        return []
    found = []
    for parent, dirs, files in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in sorted(files):
            path = Path(parent) / name
            if path.is_file() and not path.is_symlink():
                found.append((path.relative_to(folder).as_posix(), path))
    return found


def _safe_upload_name(name: str) -> PurePosixPath:
    path = PurePosixPath(name)
    if not name or path.is_absolute() or any(part in ("", ".", "..") for part in name.split("/")) \
            or "\\" in name or "\x00" in name:
        raise BackupError(f"Refusing an unsafe file name in the backup: {name!r}")
    return path


def counted(n: int, noun: str) -> str:
    """'1 upload', '2 uploads'."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def default_name(now: datetime | None = None) -> str:
    now = now or datetime.now(timezone.utc)
    return f"signpost-backup-{now:%Y%m%dT%H%M%SZ}.tar.gz"


# --- SQLite ------------------------------------------------------------------------------


def _snapshot_sqlite(source: Path, target: Path) -> None:
    """Copy a live database with sqlite3's online backup API.

    One step (pages=-1): the copy is made under one read lock, so it is a single
    consistent moment even while the site writes; writers wait (busy timeout)
    for the few moments the copy takes instead of the copy restarting forever.
    """
    if not source.is_file():
        raise BackupError(f"There is no database file at {source}")
    # Not opened read-only: a read-only connection could not roll back a journal
    # left behind by a writer that crashed.
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _describe_sqlite(path: Path) -> tuple[str | None, dict[str, int]]:
    """The Alembic revision and the rows in every table of a SQLite file."""
    with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
        tables = [row[0] for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        counts = {name: conn.execute(f"SELECT COUNT(*) FROM {_quote(name)}").fetchone()[0] for name in tables}
        revision = None
        if "alembic_version" in tables:
            revision = ",".join(sorted(row[0] for row in conn.execute("SELECT version_num FROM alembic_version")))
    return revision or None, counts


def _integrity(path: Path) -> list[str]:
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)) as conn:
            rows = [row[0] for row in conn.execute("PRAGMA integrity_check")]
    except sqlite3.DatabaseError as error:
        return [f"{DATABASE}: not a usable SQLite database ({error})"]
    return [] if rows == ["ok"] else [f"{DATABASE}: integrity_check says {row}" for row in rows[:10]]


# --- Creating ----------------------------------------------------------------------------


class _HashingReader:
    """A file wrapper that hashes exactly the bytes tarfile reads from it."""

    def __init__(self, file: IO[bytes]):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def _add_file(tar: tarfile.TarFile, name: str, path: Path, mtime: float) -> dict[str, Any]:
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = size, mtime, 0o600
        reader = _HashingReader(file)
        tar.addfile(info, reader)  # type: ignore[arg-type]  # tarfile only calls read(size)
    return {"size": size, "sha256": reader.sha256.hexdigest()}


def _add_bytes(tar: tarfile.TarFile, name: str, data: bytes, mtime: float) -> None:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = len(data), mtime, 0o600
    tar.addfile(info, io.BytesIO(data))


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def create_backup(dest: Path, *, uploads_only: bool = False, now: datetime | None = None) -> tuple[Path, Manifest]:
    """Write one backup to ``dest`` (a file name, or a folder to put a dated file in).

    The database snapshot is taken before the uploads are read: an upload's row is
    committed only after its file is written, so every file the snapshot refers to
    is complete; files uploaded after the snapshot come along as harmless extras.
    """
    now = now or datetime.now(timezone.utc)
    dest = dest / default_name(now) if dest.is_dir() else dest
    if dest.exists():
        raise BackupError(f"{dest} already exists; choose another name")
    if not dest.parent.is_dir():
        raise BackupError(f"There is no folder {dest.parent}")
    source = None if uploads_only else _sqlite_path()
    if not uploads_only and source is None:
        raise BackupError(POSTGRES_ADVICE)
    mtime = now.timestamp()
    partial = dest.parent / f".{dest.name}.partial-{secrets.token_hex(4)}"
    try:
        with tempfile.TemporaryDirectory(dir=dest.parent, prefix=".signpost-backup-") as work:
            database = revision = counts = None
            snapshot = Path(work) / DATABASE
            if source is not None:
                _snapshot_sqlite(source, snapshot)
                revision, counts = _describe_sqlite(snapshot)
            fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w:gz", format=tarfile.PAX_FORMAT) as tar:
                    if source is not None:
                        database = {"file": DATABASE, **_add_file(tar, DATABASE, snapshot, mtime)}
                    uploads = [{"name": name, **_add_file(tar, f"{UPLOADS}/{name}", path, mtime)}
                               for name, path in _upload_files(_upload_dir())]
                    manifest = Manifest(created_at=now.strftime("%Y-%m-%dT%H:%M:%SZ"), alembic_revision=revision,
                                        row_counts=counts, database=database, uploads=uploads)
                    _add_bytes(tar, MANIFEST, manifest.to_json().encode(), mtime)
                raw.flush()
                os.fsync(raw.fileno())
        os.replace(partial, dest)
        _fsync_folder(dest.parent)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"Could not write the backup: {error}") from None
    finally:
        partial.unlink(missing_ok=True)
    return dest, manifest


# --- Reading -----------------------------------------------------------------------------


def _check_member(member: tarfile.TarInfo, seen: set[str]) -> None:
    name = member.name.rstrip("/") if member.isdir() else member.name
    if name in seen:
        raise BackupError(f"Not a Signpost backup: {name!r} appears twice")
    seen.add(name)
    if name in (MANIFEST, DATABASE):
        ok = member.isfile()
    elif name == UPLOADS:
        ok = member.isdir()
    elif name.startswith(UPLOADS + "/"):
        _safe_upload_name(name[len(UPLOADS) + 1:])
        ok = member.isfile() or member.isdir()
    else:
        ok = False
    if not ok:
        raise BackupError(f"Not a Signpost backup: unexpected or unsafe entry {member.name!r} "
                          "(a backup holds only manifest.json, database.sqlite3 and uploads/)")


def _extract(source: Path, into: Path) -> Manifest:
    """Unpack a backup into an empty folder and read its manifest.

    Every entry is vetted first (only the three expected kinds of name, no links,
    no ``..``), and tarfile's "data" filter is applied as well.
    """
    if not source.exists():
        raise BackupError(f"There is no backup at {source}")
    if not source.is_file():
        raise BackupError(f"{source} is not a file (a backup is one .tar.gz file)")
    seen: set[str] = set()
    try:
        with tarfile.open(source, mode="r:gz") as tar:
            for member in tar:
                _check_member(member, seen)
                tar.extract(member, into, filter="data")
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as error:
        raise BackupError(f"{source} is not a readable backup: the archive is damaged or "
                          f"not a .tar.gz ({error or type(error).__name__})") from None
    manifest_path = into / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{source} has no manifest.json: it is not a Signpost backup, "
                          "or it was cut short before it was finished")
    return Manifest.from_json(manifest_path.read_text(encoding="utf-8", errors="replace"))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _compare_uploads(manifest: Manifest, folder: Path, *, exact: bool) -> list[str]:
    """Problems with the uploads in ``folder`` against the manifest (``exact``: no extras)."""
    problems = []
    for entry in manifest.uploads:
        path = folder / entry["name"]
        if not path.is_file():
            problems.append(f"upload {entry['name']}: missing")
        elif path.stat().st_size != entry["size"]:
            problems.append(f"upload {entry['name']}: {path.stat().st_size} bytes, manifest says {entry['size']}")
        elif _sha256(path) != entry["sha256"]:
            problems.append(f"upload {entry['name']}: sha256 differs from the manifest")
    if exact:
        listed = {entry["name"] for entry in manifest.uploads}
        problems += [f"upload {name}: not in the manifest" for name, _ in _upload_files(folder) if name not in listed]
    return problems


def _compare_counts(manifest: Manifest, path: Path) -> list[str]:
    revision, counts = _describe_sqlite(path)
    problems = []
    if revision != manifest.alembic_revision:
        problems.append(f"database: Alembic revision {revision}, manifest says {manifest.alembic_revision}")
    expected = manifest.row_counts or {}
    for table in sorted(set(expected) | set(counts)):
        if counts.get(table) != expected.get(table):
            problems.append(f"table {table}: {counts.get(table)} rows, manifest says {expected.get(table)}")
    return problems


def _verify_unpacked(manifest: Manifest, folder: Path) -> list[str]:
    problems = []
    if manifest.database is not None:
        path = folder / DATABASE
        if not path.is_file():
            problems.append(f"{DATABASE}: missing")
        elif _sha256(path) != manifest.database["sha256"]:
            problems.append(f"{DATABASE}: sha256 differs from the manifest")
        else:
            problems += _integrity(path) or _compare_counts(manifest, path)
    elif (folder / DATABASE).exists():
        problems.append(f"{DATABASE}: present but the manifest says this backup has no database")
    return problems + _compare_uploads(manifest, folder / UPLOADS, exact=True)


def check_backup(source: Path) -> CheckReport:
    """Verify a backup without restoring it: manifest, integrity_check, hashes, row counts."""
    try:
        with tempfile.TemporaryDirectory(prefix=".signpost-check-") as work:
            manifest = _extract(source, Path(work))
            return CheckReport(manifest, _verify_unpacked(manifest, Path(work)))
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"Could not check {source}: {error}") from None


# --- Restoring ---------------------------------------------------------------------------


def instance_contents(database: bool = True) -> list[str]:
    """What a restore would overwrite: services and accounts, and uploaded files."""
    found = []
    if database:
        present = inspect(db.engine)
        for model, noun in ((Service, "service"), (User, "user account")):
            if present.has_table(model.__tablename__):
                count = db.session.scalar(select(func.count()).select_from(model))
                if count:
                    found.append(counted(count, noun))
        db.session.remove()
    files = len(_upload_files(_upload_dir()))
    if files:
        found.append(f"{counted(files, 'file')} in {_upload_dir()}")
    return found


def _known_revision(revision: str | None) -> tuple[bool, bool]:
    """(known to this code's migrations, is the head) for a backup's revision."""
    from alembic.script import ScriptDirectory
    from alembic.util import CommandError

    script = ScriptDirectory(current_app.extensions["migrate"].directory)
    heads = ",".join(sorted(script.get_heads()))
    if revision is None:
        return False, False
    try:
        known = all(script.get_revision(part) is not None for part in revision.split(","))
    except CommandError:
        known = False
    return known, revision == heads


def _restore_uploads(manifest: Manifest, staged: Path, folder: Path) -> None:
    for entry in manifest.uploads:
        target = folder / entry["name"]
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.parent / f".{target.name}.partial-{secrets.token_hex(4)}"
        try:
            shutil.copyfile(staged / entry["name"], partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)


def _restore_sqlite(snapshot: Path, target: Path) -> None:
    """Write the snapshot into the live file through the backup API, which takes the
    file's locks, rather than replacing the file under open connections."""
    db.session.remove()
    db.engine.dispose()
    target.parent.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(f"{snapshot.resolve().as_uri()}?mode=ro", uri=True)) as src, \
            closing(sqlite3.connect(target, timeout=30)) as dst:
        src.backup(dst)
    db.engine.dispose()


def restore_backup(source: Path, *, force: bool = False, rebuild_index: bool = True) -> RestoreReport:
    """Restore a backup into this instance, which must be empty unless ``force``.

    Everything is verified before anything is written; uploads are put in place
    before the database, so a failure half-way leaves unreferenced files rather
    than rows that point at missing ones. Afterwards the result is checked again
    against the manifest, and the search index is rebuilt from the restored data.
    """
    try:
        return _restore(source, force, rebuild_index)
    except (OSError, sqlite3.Error) as error:
        raise BackupError(f"Could not restore {source}: {error}") from None


def _restore(source: Path, force: bool, rebuild_index: bool) -> RestoreReport:
    folder = _upload_dir()
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=".signpost-restore-") as work:
        staged = Path(work)
        manifest = _extract(source, staged)
        problems = _verify_unpacked(manifest, staged)
        if problems:
            raise BackupError("The backup failed its checks; nothing was restored:\n  " + "\n  ".join(problems))
        target = _sqlite_path() if manifest.has_database else None
        if manifest.has_database and target is None:
            raise BackupError("This backup holds a SQLite database but this instance uses PostgreSQL. "
                              "Restore a pg_dump file with pg_restore instead.\n" + POSTGRES_ADVICE)
        known, at_head = _known_revision(manifest.alembic_revision) if manifest.has_database else (True, True)
        if not known:
            raise BackupError(f"This backup's database is at Alembic revision {manifest.alembic_revision}, "
                              "which this version of Signpost does not know: restore it with the version "
                              "that made it (or a newer one)")
        existing = instance_contents(database=manifest.has_database)
        if existing and not force:
            raise BackupError("Restore only into an empty instance; this one has " + ", ".join(existing)
                              + ". Nothing was restored. Use --force to overwrite it.")
        _restore_uploads(manifest, staged / UPLOADS, folder)
        if target is not None:
            _restore_sqlite(staged / DATABASE, target)
    problems = _compare_uploads(manifest, folder, exact=False)
    if target is not None:
        problems += _compare_counts(manifest, target)
    if problems:
        raise BackupError("The restored instance does not match the backup:\n  " + "\n  ".join(problems))
    return RestoreReport(manifest, target is not None, len(manifest.uploads),
                         *_after_restore(manifest, at_head, rebuild_index))


def _after_restore(manifest: Manifest, at_head: bool, rebuild_index: bool) -> tuple[Path | None, list[str]]:
    from directory.search import engine, index

    if not manifest.has_database:
        return None, ["Uploads only: restore the database with pg_restore, then run: flask search rebuild"]
    if not at_head:
        return None, [f"The backup's database is at an older revision ({manifest.alembic_revision}). "
                      "Run: flask db upgrade, then: flask search rebuild"]
    advice = ["On every other node that serves this database, run: flask search rebuild"]
    if not rebuild_index:
        return None, ["Run: flask search rebuild (here and on every other node that serves this database)"]
    engine.clear_caches()
    return index.rebuild(engine.index_root()), advice
