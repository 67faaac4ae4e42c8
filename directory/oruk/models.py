"""Which of our listings came from which record of which feed."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from directory.core import utcnow
from directory.extensions import db


class ImportLink(db.Model):
    """One feed record and the listing it became (or the submission that will make it).

    Keyed by (feed, the feed's own id), so a second run of the same feed changes
    nothing, and a record's changes are recognised by ``record_hash``. A listing
    edited here since it was imported (its version moved on from
    ``imported_version``) is never overwritten: the next run reports a conflict.
    """

    __tablename__ = "import_link"

    feed: Mapped[str] = mapped_column(String(100), primary_key=True)
    external_id: Mapped[str] = mapped_column(String(300), primary_key=True)
    service_id: Mapped[str | None] = mapped_column(ForeignKey("service.id", ondelete="SET NULL"))
    submission_id: Mapped[str | None] = mapped_column(ForeignKey("submission.id", ondelete="SET NULL"))
    record_hash: Mapped[str] = mapped_column(String(64))
    imported_version: Mapped[int | None]
    # When the feed's own directory last checked the record (kept and shown).
    source_checked: Mapped[date | None]
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)
    missing_since: Mapped[datetime | None]
