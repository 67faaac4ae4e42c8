"""What a load balancer asks: is this process alive, and is it ready for traffic?

Liveness (``/healthz``) needs nothing but the process, so a database outage never
gets healthy workers restarted. Readiness (``/healthz/ready``) checks what a page
needs: the database answers, and this node has a search index it can read
(rebuilt from the database first if it was missing or damaged)."""
from __future__ import annotations

import logging

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from directory.extensions import db
from directory.search import engine

log = logging.getLogger(__name__)


def database_ready() -> bool:
    try:
        db.session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        log.warning("readiness: database unavailable: %s", str(error).splitlines()[0])
        db.session.rollback()
        return False
    return True


def readiness() -> dict[str, bool]:
    """Each check by name; ready when all are True."""
    return {"database": database_ready(), "search": engine.index_ready()}
