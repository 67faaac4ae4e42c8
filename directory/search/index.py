"""The node-local Whoosh index: where it lives, rebuild-and-swap, and the outbox drain.

The database is the source of truth; the index is a derived copy any node can
rebuild. Layout under SEARCH_INDEX_DIR::

    CURRENT                 name of the live index folder (swapped with os.replace)
    index-<time>-<rand>/    Whoosh files plus outbox_state.json

outbox_state.json records the last outbox id this index applied and the ids below
it that were missing when it was read: on PostgreSQL a transaction can commit a
lower id after a higher one, so those "gaps" are re-checked for GAP_TTL seconds.
"""
from __future__ import annotations

import fcntl
import io
import json
import logging
import os
import secrets
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.structfile import StructFile
from whoosh.index import FileIndex, LockError
from whoosh.query import Every

from directory.extensions import db
from directory.search.models import SearchOutbox
from directory.search.schema import SCHEMA
from directory.search.sources import SOURCES, area_slugs

log = logging.getLogger(__name__)

POINTER = "CURRENT"
REBUILD_LOCK = ".rebuild.lock"
STATE_FILE = "outbox_state.json"
GAP_TTL = 600.0
REBUILD_GAP_WINDOW = 1000

_open_indexes: dict[str, FileIndex] = {}


@dataclass
class OutboxState:
    applied: int = 0
    gaps: dict[int, float] = field(default_factory=dict)  # id -> first seen missing

    def pending_ids(self) -> list[int]:
        return sorted(self.gaps)


def _read_state(folder: Path) -> OutboxState:
    try:
        raw = json.loads((folder / STATE_FILE).read_text())
    except (FileNotFoundError, ValueError):
        return OutboxState()
    return OutboxState(raw["applied"], {int(k): v for k, v in raw["gaps"].items()})


def _write_state(folder: Path, state: OutboxState) -> None:
    tmp = folder / f"{STATE_FILE}.{secrets.token_hex(4)}"
    tmp.write_text(json.dumps({"applied": state.applied, "gaps": state.gaps}))
    os.replace(tmp, folder / STATE_FILE)


class _Storage(FileStorage):
    """Whoosh's folder storage, reading each table of contents (a few KB) into
    memory: Whoosh leaves the file open when a damaged one fails to read, and a
    readiness probe retrying every few seconds would run out of file handles."""

    def open_file(self, name: str, **kwargs) -> StructFile:
        if name.endswith(".toc"):
            with open(self._fpath(name), "rb") as handle:
                return StructFile(io.BytesIO(handle.read()), name=name, **kwargs)
        return super().open_file(name, **kwargs)


def forget_open_indexes() -> None:
    _open_indexes.clear()


def current_folder(root: Path) -> Path | None:
    try:
        name = (root / POINTER).read_text().strip()
    except FileNotFoundError:
        return None
    folder = root / name
    return folder if folder.is_dir() else None


def open_index(root: Path) -> tuple[FileIndex, Path] | None:
    """The live index of this node, or None when none has been built yet (or it
    was built with another schema, after an upgrade).

    Index objects are cached per process by folder; searchers are not (Whoosh
    readers are snapshots and not thread-safe), so callers open one per search.
    """
    folder = current_folder(root)
    if folder is None:
        return None
    key = str(folder)
    ix = _open_indexes.get(key)
    if ix is None:
        ix = _Storage(key).open_index()
        if sorted(ix.schema.names()) != sorted(SCHEMA.names()):
            # Built by an older release: callers rebuild rather than write into it.
            return None
        _open_indexes.clear()
        _open_indexes[key] = ix
    return ix, folder


def _max_outbox_id(session: Session | None = None) -> int:
    return (session or db.session).scalar(select(func.max(SearchOutbox.id))) or 0


@contextmanager
def _rebuild_lock(root: Path):
    """One rebuild at a time per index folder, across processes: another one's
    clean-up must never remove a folder that is still being built."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / REBUILD_LOCK, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def rebuild(root: Path) -> Path:
    """Build a fresh index from the database in a new folder and swap it in."""
    with _rebuild_lock(root):
        return _rebuild_locked(root)


def _rebuild_locked(root: Path) -> Path:
    with Session(db.engine) as session:
        folder = _build(root, session)
    tmp = root / f"{POINTER}.{secrets.token_hex(4)}"
    tmp.write_text(folder.name)
    os.replace(tmp, root / POINTER)
    _remove_old_folders(root, keep={folder.name})
    return folder


def readable(root: Path, *, thorough: bool = True) -> bool:
    """Can the live index be opened and read right through? False when it is
    missing, from another schema, or damaged (files deleted or overwritten).
    ``thorough=False`` skips reading every stored document (cheap enough for a
    readiness probe; a search that then fails still repairs the index)."""
    try:
        opened = open_index(root)
        if opened is None:
            return False
        with opened[0].searcher() as searcher:
            if thorough:
                for _fields in searcher.all_stored_fields():
                    pass
            searcher.search(Every(), limit=1)
    except Exception as error:  # any damage reads as "not readable", never as a crash
        # Formatted now: a record holding the error would keep its open files alive.
        log.warning("search index in %s is not readable: %s", root, repr(error))
        forget_open_indexes()
        return False
    return True


def repair(root: Path) -> bool:
    """Rebuild the index if it cannot be read; True when a rebuild was made.

    Processes that find the same damage queue on the lock, and all but the first
    find a readable index once they get it."""
    with _rebuild_lock(root):
        forget_open_indexes()
        if readable(root):
            return False
        if current_folder(root) is None:
            log.info("building the search index in %s", root)
        else:
            log.warning("rebuilding the search index in %s from the database", root)
        _rebuild_locked(root)
        return True


def _build(root: Path, session: Session) -> Path:
    # Read the outbox position first: anything committed later is replayed by drain.
    high = _max_outbox_id(session)
    present = set(
        session.scalars(
            select(SearchOutbox.id).where(SearchOutbox.id > high - REBUILD_GAP_WINDOW)
        )
    )
    now = time.time()
    window = range(max(1, high - REBUILD_GAP_WINDOW + 1), high)
    state = OutboxState(applied=high, gaps={i: now for i in window if i not in present})
    folder = root / f"index-{time.strftime('%Y%m%dT%H%M%S')}-{secrets.token_hex(4)}"
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), SCHEMA)
    areas = area_slugs(session)
    # One process: Whoosh can analyse in several (procs=2 built 10,000 services in
    # 10 s rather than 18), but its one segment per process made every search about
    # half as slow again (measured), and merging them costs what was saved.
    writer = ix.writer(limitmb=256)
    try:
        for source in SOURCES.values():
            for record in source.load_all(session):
                if source.listed(record):
                    writer.add_document(**source.document(record, areas))
        writer.commit()
    except BaseException:
        writer.cancel()
        shutil.rmtree(folder, ignore_errors=True)
        raise
    _write_state(folder, state)
    return folder


def _remove_old_folders(root: Path, keep: set[str], spare: int = 1) -> None:
    """Delete superseded index folders, keeping the newest ``spare`` in case a
    searcher in another process still reads one."""
    old = sorted(
        (p for p in root.glob("index-*") if p.is_dir() and p.name not in keep),
        key=lambda p: p.name,
        reverse=True,
    )
    for folder in old[spare:]:
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _writer(ix: FileIndex, timeout: float):
    writer = ix.writer(timeout=timeout, delay=0.02)
    try:
        yield writer
    except BaseException:
        writer.cancel()
        raise
    else:
        writer.commit()


def is_behind(root: Path) -> bool:
    """Cheap check made before each search: has the outbox moved past this index?"""
    opened = open_index(root)
    if opened is None:
        return True
    state = _read_state(opened[1])
    return bool(state.gaps) or _max_outbox_id() > state.applied


def drain(root: Path, timeout: float) -> int:
    """Apply outbox rows this node's index has not seen. Returns how many records
    were re-indexed, or -1 if another process holds the write lock (it will do
    the work, or the next request or `flask search drain` will)."""
    opened = open_index(root)
    if opened is None:
        repair(root)
        return 0
    ix, folder = opened
    try:
        with _writer(ix, timeout) as writer:
            # Re-read under the lock: another process may have drained meanwhile.
            state = _read_state(folder)
            high = _max_outbox_id()
            rows = db.session.execute(
                select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.record_id).where(
                    (SearchOutbox.id > state.applied) | SearchOutbox.id.in_(state.pending_ids())
                )
            ).all()
            seen = {row.id for row in rows}
            now = time.time()
            gaps = {i: t for i, t in state.gaps.items() if i not in seen and now - t < GAP_TTL}
            gaps.update(
                {i: now for i in range(state.applied + 1, high) if i not in seen}
            )
            changed: dict[str, set[str]] = {}
            for row in rows:
                changed.setdefault(row.kind, set()).add(row.record_id)
            applied = _apply(writer, changed)
            new_state = OutboxState(applied=max(high, state.applied), gaps=gaps)
    except LockError:
        return -1
    _write_state(folder, new_state)
    return applied


def _apply(writer, changed: dict[str, set[str]]) -> int:
    """Re-read each record and make the index agree: add, replace or remove.

    ``changed`` maps a record kind to ids; returns how many records were looked at."""
    areas = area_slugs(db.session) if changed else []
    for kind, ids in changed.items():
        source = SOURCES.get(kind)
        if source is None:
            continue
        listed = set()
        for record in source.load(db.session, sorted(ids)):
            if source.listed(record):
                writer.update_document(**source.document(record, areas))
                listed.add(record.id)
        for record_id in ids - listed:
            writer.delete_by_term("id", record_id)
    return sum(len(ids) for ids in changed.values())


@dataclass
class CheckReport:
    missing: list[str]  # public in the database, absent from the index
    extra: list[str]  # in the index, not public in the database

    @property
    def ok(self) -> bool:
        return not self.missing and not self.extra


def check(root: Path) -> CheckReport:
    """Compare the index with the database (used by `flask search check` and tests)."""
    with Session(db.engine) as session:
        in_db = {
            record.id
            for source in SOURCES.values()
            for record in source.load_all(session)
            if source.listed(record)
        }
    opened = open_index(root)
    in_index: set[str] = set()
    if opened is not None:
        with opened[0].searcher() as searcher:
            in_index = {fields["id"] for fields in searcher.all_stored_fields()}
    return CheckReport(missing=sorted(in_db - in_index), extra=sorted(in_index - in_db))
