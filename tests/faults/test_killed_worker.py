"""A worker killed with SIGKILL in the middle of an approval (issue 14): the
approval is all or nothing, and search catches up with whatever was committed."""
from __future__ import annotations

import multiprocessing
import os
import signal
import time
from datetime import datetime

import pytest
from sqlalchemy import func, select

from directory.audit import AuditEvent
from directory.extensions import db
from directory.listings.models import Service
from directory.moderation import operations
from directory.moderation.models import State, Submission
from directory.search import engine, index
from directory.search.query import Filters
from tests.faults.killed import approve_then_hang
from tests.moderation.world import build_world, pending_submission


def _ids(text: str) -> set[str]:
    results = engine.find(text, Filters(), origin=None, now=datetime(2026, 1, 5, 12), page=1, page_size=50)
    return {hit.id for hit in results.hits}


def _kill_during_approval(app, tmp_path, stage: str) -> tuple[str, object]:
    with app.app_context():
        world = build_world()
        sid = pending_submission(world.users["contributor"], name="Zumba for teens")
        index.rebuild(engine.index_root())
    config = {k: app.config[k] for k in ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS") if k in app.config}
    marker = tmp_path / f"{stage}.reached"
    worker = multiprocessing.get_context("spawn").Process(
        target=approve_then_hang,
        args=(config, app.config["SEARCH_INDEX_DIR"], sid, world.users["moderator"].id, str(marker), stage))
    worker.start()
    deadline = time.monotonic() + 60
    while not marker.exists():
        assert worker.is_alive() and time.monotonic() < deadline, "the worker never reached the point"
        time.sleep(0.05)
    os.kill(worker.pid, signal.SIGKILL)
    worker.join(10)
    assert worker.exitcode == -signal.SIGKILL
    return sid, world


def _approvals(sid: str) -> int:
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "submission.approved", AuditEvent.record_id == sid))


def test_killed_before_the_commit_nothing_happened(app, tmp_path):
    sid, world = _kill_during_approval(app, tmp_path, "before-commit")
    with app.app_context():
        submission = db.session.get(Submission, sid)
        assert submission.state is State.PENDING and submission.target is None
        assert db.session.scalar(select(func.count()).select_from(Service).where(
            Service.name == "Zumba for teens")) == 0
        assert _approvals(sid) == 0
        assert _ids("zumba") == set()
        # Still whole and still pending: another moderator can decide it now.
        operations.decide(db.session.merge(world.users["moderator"]), submission, "approve",
                          submission.lock_version)
        assert _ids("zumba") == {submission.target.id}
        assert _approvals(sid) == 1
        assert index.check(engine.index_root()).ok


def test_killed_after_the_commit_search_catches_up(app, tmp_path):
    sid, _world = _kill_during_approval(app, tmp_path, "after-commit")
    with app.app_context():
        submission = db.session.get(Submission, sid)
        assert submission.state is State.APPROVED and submission.target is not None
        assert _approvals(sid) == 1
        assert _ids("zumba") == {submission.target.id}, "the next search applies the outbox"
        assert index.check(engine.index_root()).ok


@pytest.fixture(autouse=True)
def _no_lingering_workers():
    yield
    for child in multiprocessing.active_children():
        child.kill()
