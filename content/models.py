"""Awareness content: district hub pages, advice guides and VVU campaigns.

A Page holds what is live; every save adds a Revision, and restoring an old
revision saves it again as a new one. Uploads (hero images, posters) are stored
outside the static folder under random names.
"""
from __future__ import annotations

import enum
from datetime import date, datetime

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from directory.accounts.models import User
from directory.core import new_id, utcnow
from directory.extensions import db, text_enum
from directory.geo.models import Area


class PageKind(str, enum.Enum):
    HUB = "hub"
    GUIDE = "guide"
    CAMPAIGN = "campaign"


class PageStatus(str, enum.Enum):
    DRAFT = "draft"
    PUBLISHED = "published"  # live from publish_at (if set) until unpublish_at (if set)
    ARCHIVED = "archived"


class Audience(str, enum.Enum):
    YOUNG_PEOPLE = "young_people"
    PARENTS = "parents"


class Page(db.Model):
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[PageKind] = mapped_column(text_enum(PageKind))
    slug: Mapped[str] = mapped_column(String(120))
    status: Mapped[PageStatus] = mapped_column(text_enum(PageStatus), default=PageStatus.DRAFT)
    publish_at: Mapped[datetime | None]
    unpublish_at: Mapped[datetime | None]
    area_id: Mapped[str | None] = mapped_column(ForeignKey("area.id"))
    audience: Mapped[Audience | None] = mapped_column(text_enum(Audience))
    categories: Mapped[list] = mapped_column(JSON, default=list)
    # Campaigns: the period the campaign runs, and whether the home page features it.
    starts_on: Mapped[date | None]
    ends_on: Mapped[date | None]
    featured: Mapped[bool] = mapped_column(default=False)
    hero_image_id: Mapped[str | None] = mapped_column(ForeignKey("upload.id"))
    current_revision_id: Mapped[str | None] = mapped_column(
        ForeignKey("revision.id", use_alter=True, name="fk_page_current_revision_id_revision")
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    area: Mapped[Area | None] = relationship()
    hero_image: Mapped[Upload | None] = relationship(foreign_keys=[hero_image_id])
    current: Mapped[Revision | None] = relationship(foreign_keys=[current_revision_id], post_update=True)
    revisions: Mapped[list[Revision]] = relationship(
        back_populates="page", foreign_keys="Revision.page_id", order_by="Revision.number.desc()"
    )
    resources: Mapped[list[Resource]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="Resource.position"
    )
    events: Mapped[list[Event]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="Event.starts_on"
    )
    translations: Mapped[list[PageTranslation]] = relationship(
        back_populates="page", cascade="all, delete-orphan", order_by="PageTranslation.locale"
    )

    __table_args__ = (UniqueConstraint("kind", "slug", name="kind_slug"),)

    def permission_areas(self) -> set[str] | None:
        """Hubs belong to their area; guides and campaigns to the whole county."""
        return {self.area.slug} if self.kind is PageKind.HUB and self.area else None

    def is_visible(self, now: datetime) -> bool:
        """Published, and inside its publishing window (checked on every request)."""
        return (
            self.status is PageStatus.PUBLISHED
            and (self.publish_at is None or self.publish_at <= now)
            and (self.unpublish_at is None or now < self.unpublish_at)
        )

    def is_scheduled(self, now: datetime) -> bool:
        return self.status is PageStatus.PUBLISHED and self.publish_at is not None and self.publish_at > now

    def is_current_campaign(self, today: date) -> bool:
        return (self.starts_on is None or self.starts_on <= today) and (
            self.ends_on is None or today <= self.ends_on
        )

    @property
    def title(self) -> str:
        return self.current.title if self.current else ""

    @property
    def summary(self) -> str:
        return self.current.summary if self.current else ""

    def translation(self, locale: str) -> PageTranslation | None:
        return next((t for t in self.translations if t.locale == locale), None)

    def own_revisions(self) -> list[Revision]:
        """The page's revisions in its own language (newest first); not translations."""
        return [r for r in self.revisions if not r.locale]


class Revision(db.Model):
    """One saved version of a page's words; never changed after it is written."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    page_id: Mapped[str] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    body: Mapped[str] = mapped_column(Text, default="")  # Markdown
    contacts: Mapped[str] = mapped_column(Text, default="")  # Markdown (hubs)
    key_messages: Mapped[str] = mapped_column(Text, default="")  # one a line (campaigns)
    calls_to_action: Mapped[str] = mapped_column(Text, default="")  # "label | url" a line
    hero_alt: Mapped[str] = mapped_column(String(300), default="")
    # A translation's words: its locale, and the revision in the page's own language
    # it was translated from ("" and None for the page's own revisions).
    locale: Mapped[str] = mapped_column(String(16), default="")
    source_revision_id: Mapped[str | None] = mapped_column(ForeignKey("revision.id"))
    author_id: Mapped[str | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    page: Mapped[Page] = relationship(back_populates="revisions", foreign_keys=[page_id])
    source: Mapped[Revision | None] = relationship(remote_side=[id], foreign_keys=[source_revision_id])
    author: Mapped[User | None] = relationship()

    __table_args__ = (UniqueConstraint("page_id", "number", name="page_number"),)

    def messages(self) -> list[str]:
        return [line.strip() for line in self.key_messages.splitlines() if line.strip()]


class PageTranslation(db.Model):
    """A page in another language: its live revision, kept in the page's history.

    Out of date as soon as the page's own words change after the revision it was
    translated from; the public page then says so until someone updates it."""

    __tablename__ = "page_translation"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    page_id: Mapped[str] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    current_revision_id: Mapped[str] = mapped_column(ForeignKey("revision.id"))
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    page: Mapped[Page] = relationship(back_populates="translations")
    current: Mapped[Revision] = relationship(foreign_keys=[current_revision_id])

    __table_args__ = (UniqueConstraint("page_id", "locale", name="page_locale"),)

    @property
    def out_of_date(self) -> bool:
        return self.current.source_revision_id != self.page.current_revision_id

    def revisions(self) -> list[Revision]:
        return [r for r in self.page.revisions if r.locale == self.locale]


class Upload(db.Model):
    """An image or PDF, checked by content, stored under a random name (FILE-1, FILE-2)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    download_name: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int]
    width: Mapped[int | None]
    height: Mapped[int | None]
    uploaded_by_id: Mapped[str | None] = mapped_column(ForeignKey("user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Resource(db.Model):
    """A downloadable poster or leaflet attached to a campaign."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    page_id: Mapped[str] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    upload_id: Mapped[str] = mapped_column(ForeignKey("upload.id"))
    title: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)

    page: Mapped[Page] = relationship(back_populates="resources")
    upload: Mapped[Upload] = relationship()


class Event(db.Model):
    """An upcoming awareness event on a district hub."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    page_id: Mapped[str] = mapped_column(ForeignKey("page.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    starts_on: Mapped[date]
    place: Mapped[str] = mapped_column(String(200), default="")
    details: Mapped[str] = mapped_column(Text, default="")

    page: Mapped[Page] = relationship(back_populates="events")

    __table_args__ = (Index("ix_event_starts_on", "starts_on"),)
