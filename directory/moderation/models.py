"""Proposals waiting for a second person, and problems reported by the public."""
from __future__ import annotations

import enum
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.core import new_id, utcnow
from directory.extensions import db, text_enum
from directory.listings.models import Service


class State(str, enum.Enum):
    DRAFT = "draft"
    PENDING = "pending"
    CHANGES_REQUESTED = "changes_requested"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# The only ways a submission's state may change (AC-6).
TRANSITIONS: dict[State, frozenset[State]] = {
    State.DRAFT: frozenset({State.PENDING, State.WITHDRAWN}),
    State.PENDING: frozenset({State.APPROVED, State.REJECTED, State.CHANGES_REQUESTED,
                              State.WITHDRAWN}),
    State.CHANGES_REQUESTED: frozenset({State.PENDING, State.WITHDRAWN}),
    State.APPROVED: frozenset(),
    State.REJECTED: frozenset(),
    State.WITHDRAWN: frozenset(),
}
EDITABLE = frozenset({State.DRAFT, State.CHANGES_REQUESTED})


class Submission(db.Model):
    """A proposed new listing, or a proposed edit to one, held as data until approved."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    target_id: Mapped[str | None] = mapped_column(ForeignKey("service.id"))
    # The listing's version when the submission was made: a later change is a conflict.
    base_version: Mapped[int | None]
    data: Mapped[dict] = mapped_column(JSON)
    state: Mapped[State] = mapped_column(text_enum(State), default=State.DRAFT)
    author_id: Mapped[str] = mapped_column(ForeignKey("user.id"))
    reviewer_id: Mapped[str | None] = mapped_column(ForeignKey("user.id"))
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None]
    decided_at: Mapped[datetime | None]
    # Bumped on every change: a decision names the version it reviewed (AC-5, AC-6).
    lock_version: Mapped[int] = mapped_column(default=1)

    target: Mapped[Service | None] = relationship()
    author: Mapped[User] = relationship(foreign_keys=[author_id])
    reviewer: Mapped[User | None] = relationship(foreign_keys=[reviewer_id])

    __table_args__ = (Index("ix_submission_state", "state"),)

    @property
    def is_new_listing(self) -> bool:
        return self.target_id is None

    def permission_areas(self) -> set[str] | None:
        """An edit belongs to the live listing's areas; a new listing to its proposed ones."""
        if self.target is not None:
            return self.target.permission_areas()
        if self.data.get("county_wide"):
            return None
        return set(self.data.get("areas", []))


class ProblemReport(db.Model):
    """Someone told us a listing is wrong. No account needed; contact is optional."""

    __tablename__ = "problem_report"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    service_id: Mapped[str] = mapped_column(ForeignKey("service.id"))
    message: Mapped[str] = mapped_column(Text)
    contact: Mapped[str] = mapped_column(String(254), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None]
    resolved_by_id: Mapped[str | None] = mapped_column(ForeignKey("user.id"))

    service: Mapped[Service] = relationship()

    def permission_areas(self) -> set[str] | None:
        return self.service.permission_areas()
