"""Writing, scheduling, publishing and restoring awareness content.

Officers edit their own areas' hub pages; comms staff edit any hub, the guides and
the campaigns; admins everything (DESIGN.md roles table). Every save is a revision.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func, select, update
from werkzeug.exceptions import NotFound

from content.models import Event, Page, PageKind, PageStatus, Resource, Revision, Upload
from directory import audit
from directory.accounts.models import User
from directory.accounts.permissions import Permission, can, require
from directory.core import utcnow
from directory.extensions import db
from directory.geo.models import Area
from directory.search import engine
from directory.search.models import enqueue


def edit_permission(kind: PageKind) -> Permission:
    return Permission.CAMPAIGN_EDIT if kind is PageKind.CAMPAIGN else Permission.AREA_CONTENT_EDIT


def may_edit(user, page: Page) -> bool:
    return can(user, edit_permission(page.kind), page)


@dataclass(frozen=True)
class _AreaScope:
    slug: str

    def permission_areas(self) -> set[str]:
        return {self.slug}


def may_write_hub(user, area: Area) -> bool:
    return can(user, Permission.AREA_CONTENT_EDIT, _AreaScope(area.slug))


def state_label(page: Page, now: datetime | None = None) -> str:
    from flask_babel import gettext as _

    now = now or utcnow()
    if page.status is PageStatus.PUBLISHED:
        if page.is_scheduled(now):
            return _("Scheduled")
        return _("Published") if page.is_visible(now) else _("Taken down (time passed)")
    return {PageStatus.DRAFT: _("Draft"), PageStatus.ARCHIVED: _("Archived")}[page.status]


def require_edit(user, page: Page) -> None:
    require(user, edit_permission(page.kind), page)


@dataclass
class Draft:
    """What an author sends: the words (a revision) and the page's settings."""

    title: str
    summary: str = ""
    body: str = ""
    contacts: str = ""
    key_messages: str = ""
    calls_to_action: str = ""
    hero_alt: str = ""
    status: PageStatus = PageStatus.DRAFT
    publish_at: datetime | None = None
    unpublish_at: datetime | None = None
    audience: object = None
    categories: list[str] = field(default_factory=list)
    starts_on: date | None = None
    ends_on: date | None = None
    featured: bool = False
    events: list[tuple[date, str, str]] = field(default_factory=list)


REVISION_FIELDS = ("title", "summary", "body", "contacts", "key_messages", "calls_to_action", "hero_alt")


def new_page(actor: User, kind: PageKind, slug: str, draft: Draft, area: Area | None = None) -> Page:
    page = Page(kind=kind, slug=slug, area=area)
    require_edit(actor, page)
    if db.session.scalar(select(Page.id).where(Page.kind == kind, Page.slug == slug)):
        raise ValueError("slug taken")
    db.session.add(page)
    db.session.flush()
    return save(actor, page, draft)


def next_revision_number(page: Page) -> int:
    """The number of the page's next revision, with the page locked until the
    commit, so two people saving at the same moment get one number after the other
    (the second waits) rather than the same one and a failed save. The lock is a
    write that changes nothing: a row lock on PostgreSQL, the write lock on SQLite
    (where SELECT ... FOR UPDATE would be ignored)."""
    db.session.execute(update(Page).where(Page.id == page.id).values(id=Page.id)
                       .execution_options(synchronize_session=False))
    return (db.session.scalar(select(func.max(Revision.number)).where(Revision.page_id == page.id)) or 0) + 1


def save(actor: User, page: Page, draft: Draft) -> Page:
    """Save a new revision and the page's settings; re-index it."""
    require_edit(actor, page)
    before = {"status": page.status.value, "revision": page.current.number if page.current else 0}
    number = next_revision_number(page)
    revision = Revision(page=page, number=number, author_id=actor.id,
                        **{name: getattr(draft, name) for name in REVISION_FIELDS})
    db.session.add(revision)
    page.current = revision
    page.status = draft.status
    page.publish_at = draft.publish_at
    page.unpublish_at = draft.unpublish_at
    page.audience = draft.audience
    page.categories = list(draft.categories)
    page.starts_on = draft.starts_on
    page.ends_on = draft.ends_on
    page.featured = draft.featured
    if page.kind is PageKind.HUB:
        page.events = [Event(starts_on=day, title=title, place=place) for day, title, place in draft.events]
    db.session.flush()
    audit.record(actor, "content.saved", "page", page.id, before=before,
                 after={"status": page.status.value, "revision": number})
    _commit_and_index(page)
    return page


def restore(actor: User, page: Page, revision_id: str) -> Page:
    """Bring back an earlier revision's words, as a new revision (history is kept)."""
    require_edit(actor, page)
    old = db.session.get(Revision, revision_id)
    if old is None or old.page_id != page.id or old.locale:
        raise NotFound()
    number = next_revision_number(page)
    revision = Revision(page=page, number=number, author_id=actor.id,
                        **{name: getattr(old, name) for name in REVISION_FIELDS})
    db.session.add(revision)
    page.current = revision
    db.session.flush()
    audit.record(actor, "content.restored", "page", page.id,
                 before={"revision": number - 1}, after={"revision": number, "from": old.number})
    _commit_and_index(page)
    return page


def set_hero(actor: User, page: Page, upload: Upload) -> None:
    require_edit(actor, page)
    page.hero_image = upload
    audit.record(actor, "content.hero_set", "page", page.id, after={"upload": upload.id})
    _commit_and_index(page)


def add_resource(actor: User, page: Page, upload: Upload, title: str) -> None:
    require_edit(actor, page)
    page.resources.append(Resource(upload=upload, title=title, position=len(page.resources)))
    audit.record(actor, "content.resource_added", "page", page.id, after={"upload": upload.id})
    _commit_and_index(page)


def _commit_and_index(page: Page) -> None:
    enqueue("page", page.id)
    db.session.commit()
    engine.catch_up()


# --- reading --------------------------------------------------------------------------


def visible(kind: PageKind, slug: str, now: datetime | None = None) -> Page:
    """A page the public may see now, or 404 (drafts and scheduled pages are not found)."""
    page = db.session.scalar(select(Page).where(Page.kind == kind, Page.slug == slug))
    if page is None or not page.is_visible(now or utcnow()):
        raise NotFound()
    return page


def file_audience(user, upload: Upload, now: datetime | None = None) -> str | None:
    """Who may fetch an uploaded file: "public" once a live page uses it; "staff"
    while only pages ``user`` may edit (or their own upload) do; otherwise None.

    So a draft campaign's poster is not out before the campaign is."""
    pages = [*db.session.scalars(select(Page).where(Page.hero_image_id == upload.id)),
             *db.session.scalars(select(Page).join(Resource).where(Resource.upload_id == upload.id))]
    now = now or utcnow()
    if any(page.is_visible(now) for page in pages):
        return "public"
    if not getattr(user, "is_authenticated", False):
        return None
    if upload.uploaded_by_id == user.id or any(may_edit(user, page) for page in pages):
        return "staff"
    return None


def visible_pages(kind: PageKind, now: datetime | None = None) -> list[Page]:
    now = now or utcnow()
    pages = db.session.scalars(select(Page).where(Page.kind == kind, Page.status == PageStatus.PUBLISHED))
    return sorted((p for p in pages if p.is_visible(now)), key=lambda p: p.title.lower())


def hub_for(area: Area, now: datetime | None = None) -> Page | None:
    page = db.session.scalar(select(Page).where(Page.kind == PageKind.HUB, Page.area_id == area.id))
    return page if page is not None and page.is_visible(now or utcnow()) else None


def campaigns(now: datetime | None = None) -> tuple[list[Page], list[Page]]:
    """(current, past) visible campaigns; current ones first by start date."""
    now = now or utcnow()
    today = now.date()
    live = visible_pages(PageKind.CAMPAIGN, now)
    current = [p for p in live if p.is_current_campaign(today)]
    past = [p for p in live if p.ends_on is not None and p.ends_on < today]
    return (sorted(current, key=lambda p: p.starts_on or date.min),
            sorted(past, key=lambda p: p.ends_on, reverse=True))


def featured_campaigns(now: datetime | None = None) -> list[Page]:
    return [p for p in campaigns(now)[0] if p.featured]


def editable_pages(user: User) -> list[Page]:
    pages = db.session.scalars(select(Page).order_by(Page.kind, Page.slug))
    return [p for p in pages if may_edit(user, p)]


def get_for_edit(user: User, page_id: str) -> Page:
    page = db.session.get(Page, page_id)
    if page is None or not may_edit(user, page):
        raise NotFound()
    return page
