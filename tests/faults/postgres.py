"""A real PostgreSQL for the fault tests, reached directly (not only when the suite
runs with TEST_DATABASE_URL), each test on a schema of its own."""
from __future__ import annotations

import os
import uuid
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from tests.conftest import PG_URL

SERVER = (os.environ.get("FAULT_PG_HOST", "127.0.0.1"), int(os.environ.get("FAULT_PG_PORT", "5432")))
ADMIN_URL = (PG_URL or f"postgresql://postgres@{SERVER[0]}:{SERVER[1]}/test").replace(
    "postgresql://", "postgresql+psycopg://", 1)


def _reachable() -> bool:
    try:
        engine = create_engine(ADMIN_URL, connect_args={"connect_timeout": 2})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        engine.dispose()
    except OperationalError:
        return False
    return True


requires_postgres = pytest.mark.skipif(
    not _reachable(), reason=f"needs PostgreSQL on {SERVER[0]}:{SERVER[1]} (CI starts it before the suite)")


def url_through(port: int) -> str:
    """The database address, reached through a local proxy's port instead."""
    return ADMIN_URL.replace(f"@{SERVER[0]}:{SERVER[1]}/", f"@127.0.0.1:{port}/")


@contextmanager
def fresh_schema():
    """Engine options that put an app on a new, empty schema (dropped afterwards)."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(ADMIN_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield {"connect_args": {"options": f"-csearch_path={schema}"}}
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def dispose(*apps) -> None:
    """Close the apps' connections, and drop the schema make_app made for each of
    them when the whole suite runs on PostgreSQL (these apps use fresh_schema's)."""
    from directory.extensions import db

    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        unused = app.config.get("TEST_SCHEMA")
        if unused:
            admin = create_engine(ADMIN_URL)
            with admin.begin() as conn:
                conn.execute(text(f'DROP SCHEMA IF EXISTS "{unused}" CASCADE'))
            admin.dispose()
