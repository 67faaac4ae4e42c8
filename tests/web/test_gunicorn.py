"""The real server: several gunicorn workers see every change at once, and the
access log never records search words (LOG-2)."""
from __future__ import annotations

import json
import urllib.request

import pytest

from directory.extensions import db
from directory.listings.models import Organization, Service
from directory.search.models import enqueue
from tests.factories import make_service
from tests.web.servers import gunicorn


@pytest.fixture
def server(app, tmp_path):
    with gunicorn(app, tmp_path / "gunicorn.log") as running:
        yield running


def _totals(base: str, q: str, times: int = 12) -> set[int]:
    totals = set()
    for _ in range(times):
        with urllib.request.urlopen(f"{base}/api/v1/search?q={q}", timeout=10) as response:
            totals.add(json.load(response)["total"])
    return totals


def test_every_worker_sees_each_change_and_the_log_keeps_no_search_words(app, server):
    base, log = server
    with app.app_context():
        make_service(name="Kayak club")
        assert _totals(base, "kayak") == {1}

        make_service(name="Climbing wall")  # committed and indexed by another process
        assert _totals(base, "climbing") == {1}

        # A writer that died after its commit but before draining the outbox:
        organization = db.session.scalar(db.select(Organization))
        service = Service(organization=organization, name="Archery range", slug="archery")
        db.session.add(service)
        db.session.flush()
        enqueue("service", service.id)
        db.session.commit()
        assert _totals(base, "archery") == {1}

    log.flush()
    log.seek(0)
    access_log = log.read()
    assert "/api/v1/search" in access_log
    assert "kayak" not in access_log and "archery" not in access_log
    assert "127.0.0.1 " not in access_log
