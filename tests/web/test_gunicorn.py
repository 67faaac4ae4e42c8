"""The real server: several gunicorn workers see every change at once, and the
access log never records search words (LOG-2)."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from directory.config import PROJECT_ROOT
from directory.extensions import db
from directory.listings.models import Organization, Service
from directory.search.models import enqueue
from tests.factories import make_service


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(app) -> str:
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    schema = app.config.get("TEST_SCHEMA")
    if schema:
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@pytest.fixture
def server(app, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(app),
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "SECRET_KEY": "test",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    log = (tmp_path / "gunicorn.log").open("w+")
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "--config", "gunicorn.conf.py", "wsgi:app"],
        cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base, log
    finally:
        process.terminate()
        process.wait(10)
        log.close()


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
