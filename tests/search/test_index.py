"""The Whoosh index stays equal to the database across processes (DESIGN.md)."""
from __future__ import annotations

import multiprocessing
from pathlib import Path

from sqlalchemy import func, select

from directory.extensions import db
from directory.listings.models import Service, ServiceStatus
from directory.listings.operations import save_service
from directory.search import engine, index
from directory.search.models import SearchOutbox
from directory.search.query import Filters
from tests.factories import make_service
from tests.search.workers import publish_services


def _ids(text: str = "") -> set[str]:
    from datetime import datetime

    results = engine.find(text, Filters(), origin=None, now=datetime(2026, 1, 5, 12), page=1,
                          page_size=10_000)
    return {hit.id for hit in results.hits}


def _db_config(app) -> dict:
    keys = ("SQLALCHEMY_DATABASE_URI", "SQLALCHEMY_ENGINE_OPTIONS")
    return {k: app.config[k] for k in keys if k in app.config}


def test_several_processes_writing_at_once_lose_nothing(app):
    with app.app_context():
        index.rebuild(engine.index_root())
    ctx = multiprocessing.get_context("spawn")
    workers = [
        ctx.Process(
            target=publish_services,
            args=(_db_config(app), app.config["SEARCH_INDEX_DIR"], n, 8),
        )
        for n in range(4)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
        assert worker.exitcode == 0
    with app.app_context():
        engine.catch_up()  # anything a worker left for the next drain
        report = index.check(engine.index_root())
        assert report.ok, report
        assert len(_ids("club")) == 32


def test_a_stale_searcher_does_not_see_later_commits_but_the_next_search_does(app):
    with app.app_context():
        index.rebuild(engine.index_root())  # on an empty database: the empty-index edge
        assert _ids() == set()
        ix, _folder = index.open_index(engine.index_root())
        with ix.searcher() as stale:
            service = make_service(name="Canoe club")
            assert stale.document(id=service.id) is None
        assert _ids("canoe") == {service.id}


def test_change_is_searchable_after_commit_and_retired_service_disappears(app):
    with app.app_context():
        service = make_service(name="Skate park sessions")
        assert _ids("skate") == {service.id}
        service.status = ServiceStatus.INACTIVE
        save_service(service)
        assert _ids("skate") == set()
        assert index.check(engine.index_root()).ok


def test_outbox_written_in_the_same_transaction_survives_a_busy_index(app):
    with app.app_context():
        root = engine.index_root()
        index.rebuild(root)
        ix, _folder = index.open_index(root)
        holder = ix.writer()  # another process holding the lock
        try:
            app.config["SEARCH_WRITE_TIMEOUT"] = 0.05
            service = make_service(name="Drama workshop")
            assert db.session.scalar(
                select(func.count()).where(SearchOutbox.record_id == service.id)
            ) == 1
            assert index.is_behind(root)
        finally:
            holder.cancel()
        # The lock is free again: the next search drains the outbox first.
        assert _ids("drama") == {service.id}
        assert not index.is_behind(root)


def test_rebuild_equals_database_and_swaps_atomically(app):
    with app.app_context():
        root = engine.index_root()
        for n in range(5):
            make_service(name=f"Football {n}")
        hidden = make_service(name="Football closed", status=ServiceStatus.TEMPORARILY_CLOSED)
        first = index.rebuild(root)
        second = index.rebuild(root)
        assert first != second and index.current_folder(root) == second
        assert index.check(root).ok
        expected = set(db.session.scalars(
            select(Service.id).where(Service.status == ServiceStatus.ACTIVE)
        ))
        assert _ids() == expected and hidden.id not in expected
        # Only the live index and one spare are kept on disk.
        assert len([p for p in Path(root).glob("index-*")]) <= 2


def test_drain_replays_rows_that_committed_below_the_applied_id(app):
    """On PostgreSQL a lower outbox id can commit after a higher one."""
    with app.app_context():
        root = engine.index_root()
        late = make_service(name="Late archery")
        index.rebuild(root)
        # Pretend the row for `late` had not committed when the index was built.
        ix, folder = index.open_index(root)
        with ix.writer() as writer:
            writer.delete_by_term("id", late.id)
        row_id = db.session.scalar(select(SearchOutbox.id).where(SearchOutbox.record_id == late.id))
        state = index._read_state(folder)
        state.applied = row_id + 1
        state.gaps = {row_id: 10**10}
        index._write_state(folder, state)
        assert index.is_behind(root)
        assert _ids("archery") == {late.id}


def test_unpublished_sentinel_is_nowhere_public(app):
    """SAFE-8 / SRCH-1: a listing that is not active never reaches the public."""
    with app.app_context():
        make_service(name="Visible club")
        hidden = make_service(name="Zebracorn sentinel", description="zebracorn",
                              status=ServiceStatus.INACTIVE)
        ix, _folder = index.open_index(engine.index_root())
        with ix.searcher() as searcher:
            stored = list(searcher.all_stored_fields())
        assert stored and not any("zebracorn" in str(fields).lower() for fields in stored)
        hidden_id, hidden_slug = hidden.id, hidden.slug
    client = app.test_client()
    assert client.get("/api/v1/search?q=zebracorn").get_json()["total"] == 0
    assert "Zebracorn" not in client.get("/search?q=zebracorn", follow_redirects=True).get_data(as_text=True)
    assert client.get(f"/services/{hidden_id}/{hidden_slug}").status_code == 404


def test_confidential_location_is_rounded_in_the_index(app):
    from tests.factories import make_location

    with app.app_context():
        refuge = make_service(
            name="Safe house",
            locations=[make_location(51.776612, 0.111623, confidential=True)],
        )
        ix, _folder = index.open_index(engine.index_root())
        with ix.searcher() as searcher:
            points = searcher.document(id=refuge.id)["points"]
    assert points == "51.780000,0.110000"


def test_an_edit_replaces_the_cached_document_in_filters_and_counts(app):
    """The per-process table is reused segment by segment; an edit must still win."""
    from datetime import datetime

    def find(**filters):
        return engine.find("", Filters(**filters), origin=None, now=datetime(2026, 1, 5, 12),
                           page=1, page_size=50)

    with app.app_context():
        service = make_service(name="Chess club", minimum_age=11, maximum_age=19)
        make_service(name="Board games")
        assert find(age=20).total == 0 and find().total == 2
        service.maximum_age = 25
        save_service(service)
        assert [hit.id for hit in find(age=20).hits] == [service.id]
        assert find().total == 2
        assert find().facets["age"]["18-25"] == 2


def test_an_index_from_an_older_release_is_rebuilt_not_written_into(app):
    from whoosh.fields import ID, Schema

    with app.app_context():
        root = engine.index_root()
        old = root / "index-old"
        old.mkdir(parents=True)
        from whoosh import index as whoosh_index

        whoosh_index.create_in(str(old), Schema(id=ID(stored=True, unique=True), legacy=ID()))
        (root / "CURRENT").write_text(old.name)
        index.forget_open_indexes()
        service = make_service(name="Upgraded club")
        assert index.current_folder(root) != old
        assert _ids("upgraded") == {service.id}
