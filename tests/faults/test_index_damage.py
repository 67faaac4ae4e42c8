"""The search index folder is deleted or damaged under a running site (issue 14):
search keeps answering from an index rebuilt from the database, never a 500, with
no restart; a change committed meanwhile is found; readiness repairs it too."""
from __future__ import annotations

import shutil
from datetime import datetime
from pathlib import Path

import pytest

from directory.extensions import db
from directory.listings.models import Service
from directory.search import engine, index
from directory.search.query import Filters
from tests.factories import make_service

NAMES = ["Riverside Boxing Club", "Hilltop Drama Group", "Marsh Lane Youth Club"]


def _found(text: str) -> set[str]:
    """The names of the services a search finds."""
    results = engine.find(text, Filters(), origin=None, now=datetime(2026, 3, 10, 18), page=1, page_size=50)
    return {db.session.get(Service, hit.id).name for hit in results.hits}


@pytest.fixture
def running(app):
    """An app whose index is built, opened and cached, as in a worker that has served searches."""
    with app.app_context():
        for name in NAMES:
            make_service(name=name, slug=name.lower().replace(" ", "-"))
        assert _found("club") == {"Riverside Boxing Club", "Marsh Lane Youth Club"}
    return app


def _live(app) -> Path:
    with app.app_context():
        folder = index.current_folder(engine.index_root())
    assert folder is not None
    return folder


def _delete_folder(app):
    shutil.rmtree(_live(app))


def _delete_everything(app):
    shutil.rmtree(app.config["SEARCH_INDEX_DIR"])


def _overwrite_files(app):
    for path in _live(app).iterdir():
        if path.is_file():
            path.write_bytes(b"\x00garbage" * 64)


def _truncate_files(app):
    for path in _live(app).iterdir():
        if path.is_file() and path.suffix != ".json":
            with path.open("r+b") as handle:
                handle.truncate(path.stat().st_size // 3)


DAMAGE = [_delete_folder, _delete_everything, _overwrite_files, _truncate_files]


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_search_keeps_answering(running, damage):
    damage(running)
    with running.app_context():
        assert _found("club") == {"Riverside Boxing Club", "Marsh Lane Youth Club"}
        assert index.check(engine.index_root()).ok


@pytest.mark.parametrize("damage", DAMAGE, ids=lambda f: f.__name__.strip("_"))
def test_the_results_page_answers(running, damage):
    damage(running)
    response = running.test_client().get("/search?q=drama", follow_redirects=True)
    assert response.status_code == 200
    assert "Hilltop Drama Group" in response.get_data(as_text=True)


@pytest.mark.parametrize("damage", [_delete_folder, _overwrite_files], ids=["delete", "overwrite"])
def test_a_change_saved_while_it_is_damaged_is_found(running, damage):
    damage(running)
    with running.app_context():
        make_service(name="Canal Side Climbing", slug="canal-side-climbing")  # commits, then catches up
        assert _found("climbing") == {"Canal Side Climbing"}
        assert index.check(engine.index_root()).ok


def test_readiness_repairs_the_index_itself(running):
    _overwrite_files(running)
    client = running.test_client()
    response = client.get("/healthz/ready")
    assert response.status_code == 200
    assert response.get_json()["checks"]["search"] == "ok"
    with running.app_context():
        assert index.readable(engine.index_root())


def test_a_fault_in_the_search_itself_is_not_hidden_by_a_rebuild(running, monkeypatch):
    """A bug must still surface (as the 500 page), not loop through rebuilds."""
    from directory.search import query

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(query, "search", broken)
    monkeypatch.setattr(engine, "search", broken)
    with running.app_context():
        before = index.current_folder(engine.index_root())
        with pytest.raises(ZeroDivisionError):
            _found("club")
        assert index.current_folder(engine.index_root()) == before, "no rebuild for a bug"
