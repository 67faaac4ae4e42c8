"""What readers tell us about a translation's wording."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from directory.core import new_id, utcnow
from directory.extensions import db


class WordingReport(db.Model):
    """A wrong, unkind or unclear translation, reported without an account."""

    __tablename__ = "wording_report"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    locale: Mapped[str] = mapped_column(String(16))
    page: Mapped[str] = mapped_column(String(500), default="")
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
