"""Two nodes, each with its own index folder, on one PostgreSQL (issue 14): an
approval on one is in the other's results within a second, and so are an edit and
a withdrawal, with both indexes equal to the database at the end."""
from __future__ import annotations

import time
from datetime import datetime

import pytest

from directory.extensions import db
from directory.listings.models import Service, ServiceStatus
from directory.listings.operations import save_service
from directory.moderation import operations
from directory.moderation.models import Submission
from directory.search import engine, index
from directory.search.query import Filters
from tests.conftest import make_app
from tests.faults.postgres import ADMIN_URL, dispose, fresh_schema, requires_postgres
from tests.moderation.world import build_world, pending_submission

pytestmark = requires_postgres
WITHIN = 1.0  # seconds from a commit on one node to the other node's results


@pytest.fixture
def nodes(tmp_path):
    with fresh_schema() as options:
        settings = dict(SQLALCHEMY_DATABASE_URI=ADMIN_URL, SQLALCHEMY_ENGINE_OPTIONS=options)
        first = make_app(tmp_path / "first", **settings)
        second = make_app(tmp_path / "second", **settings)
        assert first.config["SEARCH_INDEX_DIR"] != second.config["SEARCH_INDEX_DIR"]
        yield first, second
        dispose(first, second)


def _ids(app, text: str) -> set[str]:
    with app.app_context():
        results = engine.find(text, Filters(), origin=None, now=datetime(2026, 1, 5, 12), page=1, page_size=50)
        return {hit.id for hit in results.hits}


def _seconds_until(app, text: str, expected: set[str]) -> float:
    """How long until ``app``'s search for ``text`` gives ``expected`` (or fails)."""
    started = time.perf_counter()
    while _ids(app, text) != expected:
        assert time.perf_counter() - started < 5, f"{text!r} never became {expected}"
        time.sleep(0.02)
    return time.perf_counter() - started


def test_an_approval_on_one_node_is_found_on_the_other(nodes):
    first, second = nodes
    with first.app_context():
        world = build_world()
        sid = pending_submission(world.users["contributor"], name="Zumba for teens")
    assert _ids(second, "zumba") == set(), "not public until approved"
    with first.app_context():
        submission = db.session.get(Submission, sid)
        moderator = db.session.merge(world.users["moderator"])
        operations.decide(moderator, submission, "approve", submission.lock_version)
        service_id = submission.target.id
    assert _seconds_until(second, "zumba", {service_id}) < WITHIN

    with first.app_context():
        service = db.session.get(Service, service_id)
        service.name = "Salsa for teens"
        save_service(service)
    assert _seconds_until(second, "salsa", {service_id}) < WITHIN
    assert _ids(second, "zumba") == set()

    with first.app_context():
        service = db.session.get(Service, service_id)
        service.status = ServiceStatus.INACTIVE
        save_service(service)
    assert _seconds_until(second, "salsa", set()) < WITHIN
    for app in nodes:
        with app.app_context():
            engine.catch_up()
            assert index.check(engine.index_root()).ok
