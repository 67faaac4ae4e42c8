"""Backup and restore (issue 14): real SQLite files, real archives, the real CLI."""
from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import stat
import tarfile
import threading
import time
from contextlib import closing
from datetime import datetime
from pathlib import Path

import pytest
from flask import Flask
from sqlalchemy import text
from werkzeug.datastructures import FileStorage

from directory import create_app
from directory.backup import check_backup, create_backup
from directory.extensions import db
from directory.search import engine
from directory.search.query import Filters
from tests import conftest
from tests.factories import make_service, make_user

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TABLES = ("service", "organization", '"user"', "upload")


@pytest.fixture(autouse=True)
def _sqlite_even_on_postgres(monkeypatch):
    """These backups are of SQLite files, so no test schema is made when the rest of
    the suite runs on PostgreSQL (TEST_DATABASE_URL)."""
    monkeypatch.setattr(conftest, "PG_URL", "")


def _instance(app_factory, folder: Path) -> Flask:
    """An empty migrated app on its own SQLite file, uploads folder and index folder."""
    folder.mkdir(parents=True)
    return app_factory(SQLALCHEMY_DATABASE_URI=f"sqlite:///{folder / 'site.db'}",
                       UPLOAD_DIR=str(folder / "uploads"), SEARCH_INDEX_DIR=str(folder / "index"))


def _fill(app: Flask) -> dict:
    from content.uploads import store

    with app.app_context():
        service = make_service(name="Quillfeather Boxing Club", summary="Boxing for 11 to 18 year olds")
        make_service()
        user = make_user()
        upload = store(None, FileStorage(io.BytesIO(PDF), filename="poster.pdf"))
        return {"service": service.id, "user": user.email, "upload": upload.stored_name}


def _rows(app: Flask) -> dict[str, list]:
    with app.app_context():
        rows = {t: db.session.execute(text(f"SELECT * FROM {t} ORDER BY id")).all() for t in TABLES}
        db.session.remove()
        return rows


def _cli(app: Flask, *args: str):
    return app.test_cli_runner().invoke(args=["backup", *args])


def _found(app: Flask, words: str) -> set[str]:
    with app.app_context():
        results = engine.find(words, Filters(), origin=None, now=datetime(2026, 1, 5, 12), page=1, page_size=50)
        return {hit.id for hit in results.hits}


def _fails_plainly(result, *phrases: str) -> None:
    assert result.exit_code == 1, result.output
    assert isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    for phrase in phrases:
        assert phrase in result.output, result.output


def _rewrite(archive: Path, out: Path, change) -> Path:
    """Copy a backup, letting ``change`` edit its members (name -> bytes) on the way."""
    with tarfile.open(archive, "r:gz") as tar:
        members = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    change(members)
    with tarfile.open(out, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return out


@pytest.fixture
def source(app_factory, tmp_path) -> tuple[Flask, dict]:
    app = _instance(app_factory, tmp_path / "source")
    return app, _fill(app)


def test_a_backup_restores_into_an_empty_instance_with_everything_in_it(source, app_factory, tmp_path):
    app, made = source
    folder = tmp_path / "backups"
    folder.mkdir()
    result = _cli(app, "create", str(folder))
    assert result.exit_code == 0, result.output
    [archive] = folder.iterdir()  # a dated name, and no partial file left behind
    assert archive.name.startswith("signpost-backup-") and archive.name.endswith(".tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes, TOTP secrets
    assert "1 upload" in result.output

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert names[0] == "database.sqlite3" and names[-1] == "manifest.json"
    assert not any("index" in name for name in names)  # the search index is derived data
    assert manifest["row_counts"]["service"] == 2 and manifest["row_counts"]["user"] == 1
    assert manifest["alembic_revision"] and manifest["created_at"].endswith("Z")
    assert manifest["uploads"] == [{"name": made["upload"], "size": len(PDF),
                                    "sha256": hashlib.sha256(PDF).hexdigest()}]

    checked = _cli(app, "check", str(archive))
    assert checked.exit_code == 0 and "complete backup" in checked.output, checked.output

    fresh = _instance(app_factory, tmp_path / "fresh")
    assert _found(fresh, "Quillfeather") == set()
    result = _cli(fresh, "restore", str(archive))
    assert result.exit_code == 0, result.output
    assert "row counts verified" in result.output and "Rebuilt search index" in result.output
    assert "flask search rebuild" in result.output  # for the other nodes

    assert _rows(fresh) == _rows(app)
    uploaded = Path(fresh.config["UPLOAD_DIR"]) / made["upload"]
    assert uploaded.read_bytes() == (Path(app.config["UPLOAD_DIR"]) / made["upload"]).read_bytes() == PDF
    assert made["service"] in _found(fresh, "Quillfeather boxing")
    with fresh.app_context():
        from directory.accounts.operations import find_user

        assert find_user(made["user"]) is not None
    assert fresh.test_cli_runner().invoke(args=["search", "check"]).exit_code == 0


def test_restore_refuses_an_instance_that_is_not_empty(source, app_factory, tmp_path):
    app, _ = source
    archive, _ = _create(app, tmp_path / "b.tar.gz")
    before = _rows(app)
    _fails_plainly(_cli(app, "restore", str(archive)), "empty instance", "2 services", "1 user account,",
                   "1 file in", "--force")
    assert _rows(app) == before

    only_a_file = _instance(app_factory, tmp_path / "stray")
    Path(only_a_file.config["UPLOAD_DIR"]).mkdir()
    (Path(only_a_file.config["UPLOAD_DIR"]) / "left-over.pdf").write_bytes(PDF)
    _fails_plainly(_cli(only_a_file, "restore", str(archive)), "1 file in")
    assert _rows(only_a_file)["service"] == []

    result = _cli(only_a_file, "restore", "--force", str(archive))
    assert result.exit_code == 0, result.output
    assert _rows(only_a_file) == before


def _create(app: Flask, dest: Path, **options):
    with app.app_context():
        return create_backup(dest, **options)


@pytest.mark.parametrize("member", ["upload", "database.sqlite3"])
def test_check_finds_a_tampered_file_and_restore_will_not_use_it(source, app_factory, tmp_path, member):
    app, made = source
    archive, _ = _create(app, tmp_path / "b.tar.gz")
    name = f"uploads/{made['upload']}" if member == "upload" else member

    def flip_a_byte(members):
        data = bytearray(members[name])
        data[len(data) // 2] ^= 0xFF
        members[name] = bytes(data)

    tampered = _rewrite(archive, tmp_path / "tampered.tar.gz", flip_a_byte)
    with app.app_context():
        assert check_backup(archive).ok
        report = check_backup(tampered)
    assert not report.ok and any("sha256 differs" in p for p in report.problems), report.problems
    _fails_plainly(_cli(app, "check", str(tampered)), "failed its checks", "sha256 differs")

    fresh = _instance(app_factory, tmp_path / "fresh")
    _fails_plainly(_cli(fresh, "restore", str(tampered)), "nothing was restored")
    assert not any(Path(fresh.config["UPLOAD_DIR"]).iterdir()) and _rows(fresh)["service"] == []


def test_check_notices_missing_and_extra_uploads_and_wrong_row_counts(source, tmp_path):
    app, made = source
    archive, _ = _create(app, tmp_path / "b.tar.gz")

    def meddle(members):
        del members[f"uploads/{made['upload']}"]
        members["uploads/stowaway.pdf"] = PDF
        manifest = json.loads(members["manifest.json"])
        manifest["row_counts"]["service"] = 3
        members["manifest.json"] = json.dumps(manifest).encode()

    with app.app_context():
        problems = check_backup(_rewrite(archive, tmp_path / "m.tar.gz", meddle)).problems
    assert f"upload {made['upload']}: missing" in problems
    assert "upload stowaway.pdf: not in the manifest" in problems
    assert "table service: 2 rows, manifest says 3" in problems


def test_a_damaged_or_foreign_file_gets_a_plain_error(source, tmp_path):
    app, _ = source
    archive, _ = _create(app, tmp_path / "b.tar.gz")
    data = archive.read_bytes()
    (tmp_path / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    (tmp_path / "scribbled.tar.gz").write_bytes(data[:200] + b"\x00" * 300 + data[500:])
    (tmp_path / "notes.txt").write_text("not a backup at all\n")
    foreign = _rewrite(archive, tmp_path / "foreign.tar.gz", lambda members: members.pop("manifest.json"))
    other = _rewrite(archive, tmp_path / "other.tar.gz",
                     lambda members: members.update({"manifest.json": b'{"format": "something-else"}'}))

    for command in ("check", "restore"):
        _fails_plainly(_cli(app, command, str(tmp_path / "cut.tar.gz")), "not a readable backup")
        _fails_plainly(_cli(app, command, str(tmp_path / "scribbled.tar.gz")), "not a readable backup")
        _fails_plainly(_cli(app, command, str(tmp_path / "notes.txt")), "not a readable backup")
        _fails_plainly(_cli(app, command, str(foreign)), "no manifest.json")
        _fails_plainly(_cli(app, command, str(other)), "Not a Signpost backup")
        _fails_plainly(_cli(app, command, str(tmp_path / "nowhere.tar.gz")), "There is no backup at")
    _fails_plainly(_cli(app, "create", str(archive)), "already exists")
    _fails_plainly(_cli(app, "create", str(tmp_path / "no" / "such" / "b.tar.gz")), "There is no folder")


def _evil_archive(path: Path, member: tarfile.TarInfo, data: bytes = b"gotcha") -> Path:
    with tarfile.open(path, "w:gz") as tar:
        if member.isfile():
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
        else:
            tar.addfile(member)
        manifest = json.dumps({"format": "signpost-backup", "version": 1, "created_at": "x",
                               "alembic_revision": None, "row_counts": None, "database": None, "uploads": []})
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest.encode()))
    return path


def _link(name: str, target: str, kind=tarfile.SYMTYPE) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info


@pytest.mark.parametrize("member", [
    tarfile.TarInfo("../escaped.txt"),
    tarfile.TarInfo("uploads/../../escaped.txt"),
    tarfile.TarInfo("/tmp/escaped.txt"),
    tarfile.TarInfo("somewhere-else.txt"),
    _link("uploads/link.pdf", "/etc/passwd"),
    _link("uploads/hard.pdf", "/etc/passwd", tarfile.LNKTYPE),
], ids=["dotdot", "uploads-dotdot", "absolute", "unexpected", "symlink", "hardlink"])
def test_names_that_point_outside_the_backup_are_refused(app_factory, tmp_path, member):
    app = _instance(app_factory, tmp_path / "target")
    archive = _evil_archive(tmp_path / "evil.tar.gz", member)
    for command in ("check", "restore"):
        _fails_plainly(_cli(app, command, str(archive)), "backup")
    assert not list(tmp_path.rglob("escaped.txt")) and not Path("/tmp/escaped.txt").exists()
    assert not Path(app.config["UPLOAD_DIR"]).exists() or not any(Path(app.config["UPLOAD_DIR"]).iterdir())


def test_a_backup_taken_while_another_connection_writes_is_consistent(source, tmp_path):
    app, _ = source
    database = tmp_path / "source" / "site.db"
    with sqlite3.connect(database) as conn:
        conn.execute("CREATE TABLE ledger (id INTEGER PRIMARY KEY, batch INTEGER NOT NULL, pad BLOB)")
        conn.execute("CREATE TABLE batches (n INTEGER PRIMARY KEY)")
    stop, errors, batches = threading.Event(), [], [0]

    def write() -> None:
        """Each transaction adds ten ledger rows and one batch; a torn copy breaks 10:1."""
        try:
            with sqlite3.connect(database, timeout=30, isolation_level=None) as conn:
                while not stop.is_set():
                    batches[0] += 1
                    conn.execute("BEGIN IMMEDIATE")
                    conn.executemany("INSERT INTO ledger (batch, pad) VALUES (?, randomblob(4000))",
                                     [(batches[0],)] * 10)
                    conn.execute("INSERT INTO batches (n) VALUES (?)", (batches[0],))
                    conn.execute("COMMIT")
        except Exception as error:  # reported by the test below
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while batches[0] < 50:
            time.sleep(0.01)
        counts = []
        for n in range(4):
            path, manifest = _create(app, tmp_path / f"b{n}.tar.gz")
            counts.append(manifest.row_counts)
            assert manifest.row_counts["ledger"] == 10 * manifest.row_counts["batches"]
            with app.app_context():
                assert check_backup(path).problems == []
            with tarfile.open(path) as tar:
                tar.extract("database.sqlite3", tmp_path / f"x{n}", filter="data")
            with sqlite3.connect(tmp_path / f"x{n}" / "database.sqlite3") as copy:
                assert copy.execute("SELECT MAX(n) = COUNT(*) FROM batches").fetchone() == (1,)
                assert copy.execute("SELECT COUNT(*) FROM ledger l LEFT JOIN batches b ON b.n = l.batch "
                                    "WHERE b.n IS NULL").fetchone() == (0,)
    finally:
        stop.set()
        writer.join()
    assert errors == []
    assert counts[0]["batches"] < counts[-1]["batches"] < batches[0]  # writing went on throughout


def _postgres_app(tmp_path: Path) -> Flask:
    """An app configured for PostgreSQL; the backup commands refuse before connecting."""
    return create_app({"TESTING": True, "SECRET_KEY": "x", "SEARCH_INDEX_DIR": str(tmp_path / "index"),
                       "UPLOAD_DIR": str(tmp_path / "uploads"),
                       "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://signpost@127.0.0.1:1/signpost"})


def test_postgres_is_left_to_pg_dump_but_its_uploads_can_be_backed_up(source, tmp_path):
    sqlite_app, made = source
    sqlite_archive, _ = _create(sqlite_app, tmp_path / "sqlite.tar.gz")
    app = _postgres_app(tmp_path / "pg")
    Path(app.config["UPLOAD_DIR"]).mkdir(parents=True)
    (Path(app.config["UPLOAD_DIR"]) / "poster.pdf").write_bytes(PDF)

    _fails_plainly(_cli(app, "create", str(tmp_path / "pg.tar.gz")),
                   "PostgreSQL", "pg_dump --format=custom", "pg_restore", "--uploads-only")
    assert not (tmp_path / "pg.tar.gz").exists()

    result = _cli(app, "create", "--uploads-only", str(tmp_path / "uploads.tar.gz"))
    assert result.exit_code == 0 and "uploads only" in result.output, result.output
    checked = _cli(app, "check", str(tmp_path / "uploads.tar.gz"))
    assert checked.exit_code == 0 and "no database" in checked.output, checked.output

    other = _postgres_app(tmp_path / "pg2")
    _fails_plainly(_cli(other, "restore", str(sqlite_archive)), "uses PostgreSQL", "pg_restore")
    result = _cli(other, "restore", str(tmp_path / "uploads.tar.gz"))
    assert result.exit_code == 0 and "pg_restore" in result.output, result.output
    assert (Path(other.config["UPLOAD_DIR"]) / "poster.pdf").read_bytes() == PDF


def _at_revision(archive: Path, out: Path, revision: str, work: Path) -> Path:
    """A copy of a backup whose database says it is at another Alembic revision."""
    def change(members):
        work.write_bytes(members["database.sqlite3"])
        with closing(sqlite3.connect(work)) as conn, conn:
            conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        members["database.sqlite3"] = work.read_bytes()
        manifest = json.loads(members["manifest.json"])
        manifest["alembic_revision"] = revision
        manifest["database"].update(size=work.stat().st_size,
                                    sha256=hashlib.sha256(members["database.sqlite3"]).hexdigest())
        members["manifest.json"] = json.dumps(manifest).encode()

    return _rewrite(archive, out, change)


def test_a_backup_from_a_newer_schema_is_refused_and_an_older_one_needs_an_upgrade(source, app_factory, tmp_path):
    app, _ = source
    archive, _ = _create(app, tmp_path / "b.tar.gz")
    newer = _at_revision(archive, tmp_path / "newer.tar.gz", "ffffffffffff", tmp_path / "n.db")
    fresh = _instance(app_factory, tmp_path / "fresh")
    assert _cli(fresh, "check", str(newer)).exit_code == 0  # a sound backup, just not for this code
    _fails_plainly(_cli(fresh, "restore", str(newer)), "ffffffffffff", "does not know")
    assert _rows(fresh)["service"] == []

    from alembic.script import ScriptDirectory

    with fresh.app_context():
        script = ScriptDirectory(fresh.extensions["migrate"].directory)
        previous = script.get_revision(script.get_current_head()).down_revision
    older = _at_revision(archive, tmp_path / "older.tar.gz", previous, tmp_path / "o.db")
    result = _cli(fresh, "restore", str(older))
    assert result.exit_code == 0, result.output
    assert "flask db upgrade" in result.output and "Rebuilt search index" not in result.output
