"""Results pages keep the services they show per index generation (listings/cards.py):
a repeated page loads no service from the database, any change is shown at once,
and being listed is still judged every time."""
from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from directory.extensions import db
from directory.listings import cards
from directory.listings.models import Service
from directory.listings.operations import save_service
from tests.factories import make_location, make_service


@contextmanager
def _service_queries(app):
    """Counts the SELECTs that read the service table."""
    seen: list[str] = []

    def count(conn, cursor, statement, *args):
        if statement.lstrip().upper().startswith("SELECT") and "FROM service" in statement:
            seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _results(client, words: str) -> str:
    response = client.get(f"/search?q={words}", follow_redirects=True)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _boxing(app) -> str:
    with app.app_context():
        return make_service(name="Riverside Boxing Club", slug="riverside-boxing-club",
                            locations=[make_location(51.77, 0.09)]).id


def test_a_repeated_results_page_loads_no_service(app):
    _boxing(app)
    cards.clear()
    client = app.test_client()
    assert "Riverside Boxing Club" in _results(client, "boxing")
    with _service_queries(app) as seen:
        html = _results(client, "boxing")
    assert "Riverside Boxing Club" in html
    assert seen == [], "every card came from memory"


def test_a_change_is_shown_at_once(app):
    service_id = _boxing(app)
    client = app.test_client()
    _results(client, "boxing")
    with app.app_context():
        service = db.session.get(Service, service_id)
        service.name = "Riverside Boxing and Fitness"
        save_service(service)
    assert "Riverside Boxing and Fitness" in _results(client, "boxing")


def test_being_listed_is_judged_every_time(app, monkeypatch):
    _boxing(app)
    client = app.test_client()
    assert "Riverside Boxing Club" in _results(client, "boxing")
    monkeypatch.setattr(cards, "is_listed", lambda service: False)  # as when its review is long overdue
    assert "Riverside Boxing Club" not in _results(client, "boxing")


def test_a_cached_service_outlives_the_request_that_loaded_it(app):
    """Detached with everything a card reads: no lazy load after the session ends."""
    _boxing(app)
    client = app.test_client()
    first = _results(client, "boxing")
    second = _results(client, "boxing")
    assert first.count("Riverside Boxing Club") == second.count("Riverside Boxing Club") > 0
    assert "<svg" in second, "the map drew the cached service's place"
