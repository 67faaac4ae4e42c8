"""Services with the same name rank in id order (search/table.py), so every node,
whatever order its index holds them in, gives the same pages."""
from __future__ import annotations

from datetime import datetime

from directory.search import engine, index
from directory.search.query import Filters
from tests.factories import make_service


def _ids() -> list[str]:
    found = engine.find("", Filters(), origin=None, now=datetime(2026, 3, 10, 18), page=1, page_size=50)
    return [hit.id for hit in found.hits]


def test_same_names_are_listed_in_id_order_however_they_were_indexed(app):
    with app.app_context():
        made = [make_service(name="Youth club", slug=f"youth-club-{n}").id for n in range(6)]
        # Indexed one by one in the order they were saved (ids are random).
        assert _ids() == sorted(made)
        index.rebuild(engine.index_root())  # all at once, in id order
        engine.clear_caches()
        assert _ids() == sorted(made)
