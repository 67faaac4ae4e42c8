"""The search outbox: one row per change that may alter what the public index holds."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from directory.core import utcnow
from directory.extensions import db


class SearchOutbox(db.Model):
    """Written in the same transaction as the change; drained into every node's index.

    Rows are not deleted when drained: each node's index remembers the last id it
    applied, so several nodes can drain the same outbox independently.
    """

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))
    record_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


def enqueue(kind: str, record_id: str) -> None:
    """Add an outbox row to the current session; the caller owns the commit."""
    db.session.add(SearchOutbox(kind=kind, record_id=record_id))
