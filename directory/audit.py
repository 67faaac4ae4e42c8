"""The audit trail: who changed what, when, with the state before and after.

Rows are only ever added; no route updates or deletes them (LOG-3).
"""
from __future__ import annotations

import json
import logging
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.core import utcnow
from directory.extensions import db

log = logging.getLogger("signpost.audit")


class AuditEvent(db.Model):
    __tablename__ = "audit_event"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    actor_id: Mapped[str | None] = mapped_column(ForeignKey("user.id"))
    action: Mapped[str] = mapped_column(String(40))
    record_kind: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(36))
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_audit_event_record", "record_kind", "record_id"),)


def record(actor, action: str, kind: str, record_id: str, before=None, after=None) -> AuditEvent:
    """Add an audit event to the current transaction (the caller commits) and log it."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        record_kind=kind,
        record_id=record_id,
        before=before,
        after=after,
    )
    db.session.add(event)
    log.info(
        json.dumps(
            {"event": action, "kind": kind, "record": record_id, "actor": event.actor_id},
            sort_keys=True,
        )
    )
    return event


def history(kind: str, record_id: str) -> list[AuditEvent]:
    return list(
        db.session.scalars(
            db.select(AuditEvent)
            .where(AuditEvent.record_kind == kind, AuditEvent.record_id == record_id)
            .order_by(AuditEvent.id)
        )
    )
