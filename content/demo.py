"""The county pack's starter awareness content (read by content/starter.py), loaded by seed-demo."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from content.models import Audience, Event, Page, PageKind, PageStatus, PageTranslation, Revision
from content.starter import starter_content
from directory.counties.pack import current_pack
from directory.extensions import db
from directory.geo.models import Area
from directory.search import engine
from directory.search.models import enqueue


def _page(kind: PageKind, slug: str, title: str, summary: str, body: str, **settings) -> Page:
    words = {k: settings.pop(k) for k in ("contacts", "key_messages", "calls_to_action", "hero_alt")
             if k in settings}
    page = Page(kind=kind, slug=slug, status=PageStatus.PUBLISHED, **settings)
    revision = Revision(page=page, number=1, title=title, summary=summary, body=body, **words)
    page.current = revision
    db.session.add_all([page, revision])
    return page


KINDS = {"hubs": PageKind.HUB, "guides": PageKind.GUIDE, "campaigns": PageKind.CAMPAIGN}


def _translate(pages: list[Page], translations: list[dict]) -> None:
    """The pack's translations, each made from its page's first revision."""
    by_key = {(page.kind, page.area.slug if page.kind is PageKind.HUB else page.slug): page for page in pages}
    numbers = dict.fromkeys(by_key.values(), 1)
    for item in translations:
        page = by_key[(KINDS[item["kind"]], item["slug"])]
        numbers[page] += 1
        revision = Revision(page=page, number=numbers[page], title=item["title"], summary=item["summary"],
                            body=item["body"], locale=item["locale"], source_revision_id=page.current.id)
        db.session.add_all([revision, PageTranslation(page=page, locale=item["locale"], current=revision)])


def seed_content(today: date | None = None) -> int:
    """Create the hubs, guides and campaigns unless pages exist already; returns how many."""
    if db.session.scalar(select(Page.id).limit(1)):
        return 0
    today = today or date.today()
    starter = starter_content(current_pack())
    areas = {a.slug: a for a in db.session.scalars(select(Area))}
    pages = []
    for hub in starter.hubs:
        page = _page(PageKind.HUB, hub["area"], hub["title"], hub["summary"], hub["body"],
                     contacts=hub["contacts"], area=areas[hub["area"]])
        page.events = [Event(title=e["title"], starts_on=today + timedelta(days=e["days_from_now"]),
                             place=e["place"], details=e["details"]) for e in hub["events"]]
        pages.append(page)
    for guide in starter.guides:
        pages.append(_page(PageKind.GUIDE, guide["slug"], guide["title"], guide["summary"], guide["body"],
                           audience=Audience(guide["audience"]), categories=guide["categories"]))
    for campaign in starter.campaigns:
        pages.append(_page(
            PageKind.CAMPAIGN, campaign["slug"], campaign["title"], campaign["summary"], campaign["body"],
            key_messages="\n".join(campaign["key_messages"]),
            calls_to_action="\n".join(f"{a['label']} | {a['url']}" for a in campaign["calls_to_action"]),
            hero_alt=campaign["hero_alt"], featured=campaign["featured"],
            starts_on=today + timedelta(days=campaign["starts_days_from_now"]),
            ends_on=today + timedelta(days=campaign["ends_days_from_now"]),
        ))
    db.session.flush()
    _translate(pages, starter.translations)
    for page in pages:
        enqueue("page", page.id)
    db.session.commit()
    engine.catch_up()
    return len(pages)
