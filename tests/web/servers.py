"""Starting the real gunicorn server on a test app's database and index."""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.engine import make_url

from directory.config import PROJECT_ROOT
from tests.conftest import free_port

REDIS = "redis://127.0.0.1:6379"


def database_url(app) -> str:
    """The app's database as a DATABASE_URL, with its test schema on PostgreSQL."""
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    schema = app.config.get("TEST_SCHEMA")
    if schema:
        url = url.update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


@contextmanager
def gunicorn(app, log_path: Path, workers: int = 2, **settings: str):
    """Run gunicorn with the project's config; yields (base URL, open log file)."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url(app),
        "SEARCH_INDEX_DIR": app.config["SEARCH_INDEX_DIR"],
        "SECRET_KEY": "test",
        "PORT": str(port),
        "WEB_CONCURRENCY": str(workers),
        # Several workers must share their rate limits (gunicorn.conf.py insists).
        "RATELIMIT_STORAGE_URI": REDIS,
        "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
        **settings,
    }
    log = log_path.open("w+")
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
