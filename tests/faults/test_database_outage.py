"""The database stops under a running site (issue 14): pages answer a calm 503
within two seconds, the quick exit still works, readiness says so while liveness
does not, and the site recovers by itself when the database is back.

A real PostgreSQL is reached through a TCP proxy the test cuts, so connections are
refused and pooled ones dropped exactly as when the server stops."""
from __future__ import annotations

import time

import pytest

from tests.conftest import make_app
from tests.factories import PASSWORD, make_service, make_user
from tests.faults.postgres import SERVER, dispose, fresh_schema, requires_postgres, url_through
from tests.faults.proxy import CuttableProxy
from tests.web.helpers import login

CALM = 2.0  # seconds a page may take to say the database is away
pytestmark = requires_postgres


@pytest.fixture
def outage(tmp_path):
    """An app on its own schema, reached only through a proxy the test can cut."""
    proxy = CuttableProxy(SERVER)
    with fresh_schema() as options:
        app = make_app(tmp_path / "app", SQLALCHEMY_DATABASE_URI=url_through(proxy.port),
                       SQLALCHEMY_ENGINE_OPTIONS=options)
        with app.app_context():
            service = make_service(name="Riverside Boxing Club", slug="riverside-boxing-club")
            app.config["TEST_SERVICE_ID"] = service.id
            app.config["TEST_USER"] = make_user(email="outage@example.org")
        yield app, proxy
        proxy.cut()
        dispose(app)


def _timed_get(client, path: str, **kwargs):
    started = time.perf_counter()
    response = client.get(path, **kwargs)
    return response, time.perf_counter() - started


def test_pages_answer_a_calm_503_while_the_database_is_away(outage):
    app, proxy = outage
    client = app.test_client()
    service_path = f"/services/{app.config['TEST_SERVICE_ID']}/riverside-boxing-club"
    assert client.get(service_path).status_code == 200
    proxy.cut()
    for path in (service_path, "/search?q=boxing", "/search?q=boxing&where=CM20+1AA", "/sitemap.xml"):
        response, took = _timed_get(client, path, follow_redirects=True)
        html = response.get_data(as_text=True)
        assert response.status_code == 503, (path, response.status_code)
        assert took < CALM, (path, took)
        assert response.headers["Retry-After"] == "30"
        assert "The directory is not working right now" in html
        assert 'href="/exit"' in html, "the quick exit is still there"
        assert 'href="tel:' in html, "helplines, one tap each"
        assert "Traceback" not in html
    assert client.get("/help-now").status_code == 200, "pages that need no database still work"
    response, took = _timed_get(client, service_path)
    assert response.status_code == 503 and took < CALM


def test_the_api_says_503_in_json(outage):
    app, proxy = outage
    client = app.test_client()
    proxy.cut()
    response = client.get("/api/v1/search?q=boxing")
    assert response.status_code == 503
    assert response.get_json()["status"] == 503


def test_liveness_stays_up_and_readiness_goes_down_then_up(outage):
    app, proxy = outage
    client = app.test_client()
    client.get("/search?q=boxing", follow_redirects=True)  # builds this node's index
    assert client.get("/healthz/ready").get_json() == {
        "status": "ready", "checks": {"database": "ok", "search": "ok"}}
    proxy.cut()
    assert client.get("/healthz").status_code == 200
    response = client.get("/healthz/ready")
    assert response.status_code == 503
    assert response.get_json()["checks"] == {"database": "failing", "search": "ok"}
    proxy.restore()
    assert client.get("/healthz/ready").status_code == 200


def test_the_site_recovers_by_itself(outage):
    app, proxy = outage
    client = app.test_client()
    service_path = f"/services/{app.config['TEST_SERVICE_ID']}/riverside-boxing-club"
    proxy.cut()
    assert client.get(service_path).status_code == 503
    proxy.restore()
    response = client.get(service_path)
    assert response.status_code == 200
    assert "Riverside Boxing Club" in response.get_data(as_text=True)
    results = client.get("/search?q=boxing", follow_redirects=True)
    assert "Riverside Boxing Club" in results.get_data(as_text=True)


def test_a_signed_in_person_can_still_leave_quickly(outage):
    app, proxy = outage
    client = app.test_client()
    login(client, app, app.config["TEST_USER"], PASSWORD)
    proxy.cut()
    response = client.get("/exit")
    assert response.status_code == 302
    assert response.headers["Location"] == app.config["EXIT_URL"]
    assert "cookies" in response.headers["Clear-Site-Data"]
    proxy.restore()
    assert client.get("/account").status_code == 302, "the session ended"


def test_a_signed_in_persons_pages_say_503_too(outage):
    app, proxy = outage
    client = app.test_client()
    login(client, app, app.config["TEST_USER"], PASSWORD)
    proxy.cut()
    response = client.get("/account")
    assert response.status_code == 503
    assert 'href="/exit"' in response.get_data(as_text=True)
    proxy.restore()
    assert client.get("/account").status_code == 200, "still signed in once it is back"
