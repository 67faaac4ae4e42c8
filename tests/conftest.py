"""Shared fixtures: real databases, migrated schemas, real place data.

Set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run the suite
against PostgreSQL; each app gets its own schema there. Otherwise SQLite files in
a temporary folder are used.
"""
from __future__ import annotations

import atexit
import os
import re
import socket
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from flask import Flask
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from directory import create_app
from directory.config import PROJECT_ROOT

PLACES_DIR = Path(os.environ.get("PLACES_DATA_DIR", PROJECT_ROOT.parent / "shared" / "data" / "geo"))
PG_URL = os.environ.get("TEST_DATABASE_URL", "")
# The full-postcode file is open data kept outside the project (../shared in CI).
# Without it the county pack alone gives district-precision postcodes, and the
# few tests about exact postcodes skip, saying so.
HAS_FULL_POSTCODES = (PLACES_DIR / "postcodes_essex_area.csv").is_file()
needs_full_postcodes = pytest.mark.skipif(
    not HAS_FULL_POSTCODES,
    reason=f"needs the full-postcode file in {PLACES_DIR} (../shared/data/geo; CI always has it)")


def _database_config(folder: Path) -> dict:
    if not PG_URL:
        return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'test.db'}"}
    url = PG_URL.replace("postgresql://", "postgresql+psycopg://", 1)
    schema = f"t_{uuid.uuid4().hex[:12]}"
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    return {
        "SQLALCHEMY_DATABASE_URI": url,
        "SQLALCHEMY_ENGINE_OPTIONS": {
            "pool_pre_ping": True,
            "connect_args": {"options": f"-csearch_path={schema}"},
        },
        "TEST_SCHEMA": schema,
    }


def _drop(app: Flask) -> None:
    from directory.extensions import db

    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    schema = app.config.get("TEST_SCHEMA")
    if schema:
        engine = create_engine(app.config["SQLALCHEMY_DATABASE_URI"])
        with engine.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        engine.dispose()


class SMTPCollector:
    """An aiosmtpd handler that keeps every message it receives."""

    def __init__(self):
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted"

    def last_to(self, address: str) -> EmailMessage:
        found = [m for m in self.messages if m["To"] == address]
        assert found, f"no e-mail to {address}"
        return found[-1]

    def links_to(self, address: str) -> list[str]:
        return re.findall(r"https?://\S+", self.last_to(address).get_content())


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start_smtp() -> tuple[Controller, SMTPCollector]:
    collector = SMTPCollector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    atexit.register(controller.stop)
    return controller, collector


_SMTP, SMTP = _start_smtp()


@pytest.fixture
def mailbox() -> SMTPCollector:
    """The real SMTP server every test app sends to; emptied for each test."""
    SMTP.messages.clear()
    return SMTP


def make_app(folder: Path, **overrides) -> Flask:
    """A migrated, empty app using its own database and index folder."""
    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "TESTING": True,
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": _SMTP.port,
        "SECRET_KEY": "test-secret-not-for-production",
        "SEARCH_INDEX_DIR": str(folder / "index"),
        "PLACES_DATA_DIR": str(PLACES_DIR),
        "RATELIMIT_ENABLED": False,
        "SERVER_NAME": "localhost",
        "PUBLIC_BASE_URL": "http://localhost",
        **_database_config(folder),
        **overrides,
    }
    app = create_app(config)
    with app.app_context():
        upgrade(directory=str(PROJECT_ROOT / "migrations"))
    return app


@pytest.fixture(scope="session")
def demo_app(tmp_path_factory) -> Flask:
    """The full demo directory with the county pack's place data (and full postcodes
    where they are there), shared read-only by many tests."""
    from content.demo import seed_content
    from directory.counties.pack import current_pack
    from directory.demo.seed import seed
    from directory.geo.loading import load_places

    app = make_app(tmp_path_factory.mktemp("demo"))
    with app.app_context():
        load_places(current_pack(), PLACES_DIR)
        seed()
        seed_content()
    yield app
    _drop(app)


@pytest.fixture
def client(demo_app):
    return demo_app.test_client()


@pytest.fixture
def app_factory(tmp_path):
    """Make empty migrated apps with their own settings; all are cleaned up after."""
    made: list[Flask] = []

    def factory(**overrides) -> Flask:
        made.append(make_app(tmp_path / f"app{len(made)}", **overrides))
        return made[-1]

    yield factory
    for app in made:
        _drop(app)


@pytest.fixture
def app(app_factory) -> Flask:
    """An empty migrated app of its own, for tests that change data."""
    return app_factory()
