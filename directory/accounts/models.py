"""People who sign in: volunteers (contributors) and staff, with their roles."""
from __future__ import annotations

import enum
import hashlib
import secrets
from datetime import datetime, timedelta

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.core import new_id, utcnow
from directory.extensions import db, text_enum
from directory.geo.models import Area


class Role(str, enum.Enum):
    """The roles of DESIGN.md; the public has no account."""

    CONTRIBUTOR = "contributor"
    DISTRICT_OFFICER = "district_officer"
    COMMS = "comms"
    MODERATOR = "moderator"
    ADMIN = "admin"

    @property
    def is_staff(self) -> bool:
        """Staff accounts are invited, and sign in with a second factor."""
        return self is not Role.CONTRIBUTOR


user_area = db.Table(
    "user_area",
    db.Column("user_id", ForeignKey("user.id", ondelete="CASCADE"), primary_key=True),
    db.Column("area_id", ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)


class User(UserMixin, db.Model):
    """An account. District officers are scoped to the areas they cover."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(text_enum(Role), default=Role.CONTRIBUTOR)
    is_enabled: Mapped[bool] = mapped_column(default=True)
    email_confirmed_at: Mapped[datetime | None]
    must_change_password: Mapped[bool] = mapped_column(default=False)
    # TOTP second factor; last_totp_step makes each code single-use.
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    last_totp_step: Mapped[int] = mapped_column(default=0)
    # Lockout is counted here, in the database, so it holds across workers.
    failed_logins: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]
    # Bumped to end every session of this user on the server (SESS-3).
    session_version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]
    # The language they last used the site in ("" for the default): their e-mails use it.
    locale: Mapped[str] = mapped_column(String(16), default="")

    areas: Mapped[list[Area]] = relationship(secondary=user_area, order_by=Area.name)

    def get_id(self) -> str:
        """Flask-Login's session key; includes the version so old sessions stop working."""
        return f"{self.id}:{self.session_version}"

    @property
    def is_active(self) -> bool:  # Flask-Login: disabled accounts cannot sign in
        return self.is_enabled

    @property
    def area_slugs(self) -> set[str]:
        return {a.slug for a in self.areas}

    def __repr__(self) -> str:
        return f"<User {self.role.value}>"


class TokenPurpose(str, enum.Enum):
    CONFIRM_EMAIL = "confirm_email"
    RESET_PASSWORD = "reset_password"


TOKEN_LIFETIMES = {
    TokenPurpose.CONFIRM_EMAIL: timedelta(days=2),
    TokenPurpose.RESET_PASSWORD: timedelta(hours=1),
}


def hash_token(token: str) -> str:
    """Tokens are random, so a fast hash is enough; only the hash is stored (AUTH-3)."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(32)


class UserToken(db.Model):
    """A single-use, short-lived link token (confirm e-mail, reset password)."""

    __tablename__ = "user_token"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    user_id: Mapped[str] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"))
    purpose: Mapped[str] = mapped_column(String(20))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship()


invitation_area = db.Table(
    "invitation_area",
    db.Column("invitation_id", ForeignKey("invitation.id", ondelete="CASCADE"), primary_key=True),
    db.Column("area_id", ForeignKey("area.id", ondelete="CASCADE"), primary_key=True),
)


class Invitation(db.Model):
    """An admin's invitation to a staff role; accepting it creates the account."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[Role] = mapped_column(text_enum(Role))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[str] = mapped_column(ForeignKey("user.id"))
    expires_at: Mapped[datetime]
    accepted_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    areas: Mapped[list[Area]] = relationship(secondary=invitation_area)
    invited_by: Mapped[User] = relationship()

    __table_args__ = (Index("ix_invitation_email", "email"),)
