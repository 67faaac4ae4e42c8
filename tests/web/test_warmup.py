"""A fresh worker is made ready before its first visitor (directory/warmup.py,
called by gunicorn's post_worker_init)."""
from __future__ import annotations

import shutil

from sqlalchemy import func, select

from directory.extensions import db
from directory.insights.counting import flush
from directory.insights.models import SearchCount
from directory.search import engine, index, table
from directory.warmup import warm
from tests.factories import make_service


def _compiled(app) -> set[str]:
    return {name for (_loader, name) in app.jinja_env.cache.keys()}


def test_warm_opens_the_index_builds_the_table_and_compiles_templates(app):
    with app.app_context():
        make_service(name="Riverside Boxing Club")
    engine.clear_caches()
    app.jinja_env.cache.clear()
    warm(app)
    assert table._tables, "the document table is built"
    assert index._open_indexes, "the index is open"
    assert {"base.html", "listings/results.html", "listings/service.html", "errors/503.html"} <= _compiled(app)


def test_warm_builds_a_missing_index(app):
    with app.app_context():
        make_service(name="Riverside Boxing Club")
        root = engine.index_root()
    shutil.rmtree(root)
    engine.clear_caches()
    warm(app)
    with app.app_context():
        assert index.check(root).ok


def test_warm_is_not_counted_as_a_search(app):
    warm(app)
    flush(app)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SearchCount)) == 0


def test_a_failing_warm_up_does_not_stop_the_worker(app, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(engine, "find", broken)
    assert warm(app) >= 0
    assert app.test_client().get("/healthz").status_code == 200
