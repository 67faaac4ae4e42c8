"""Which public records the ORUK API and the export publish, with the API's filters.

Everything goes through ``listed_services``: active, and not past the review grace
period (the same rule as ``freshness.is_listed``, written as SQL so that paging
counts are right).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import Select, and_, exists, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from directory.extensions import db
from directory.geo import lookup
from directory.geo.models import Area
from directory.listings.freshness import oldest_listed_check
from directory.listings.models import (
    WEEKDAYS,
    Category,
    Location,
    Schedule,
    Service,
    ServiceStatus,
    public_location,
    service_area,
    service_at_location,
    service_category,
)
from directory.oruk import serialise
from directory.oruk.taxonomy import external_terms, our_taxonomy_id

MAX_PER_PAGE = 200
DEFAULT_PER_PAGE = 50
FULL = ("categories", "areas", "locations", "phones", "contacts", "schedules")


class FilterError(ValueError):
    """A filter value we cannot use; the API answers 400 with the message."""


def listed_services(today: date | None = None, load: tuple[str, ...] = FULL) -> Select:
    cutoff = oldest_listed_check(today)
    return (select(Service)
            .where(Service.status == ServiceStatus.ACTIVE,
                   or_(Service.assured_date.is_(None), Service.assured_date >= cutoff))
            .options(joinedload(Service.organization), *(selectinload(getattr(Service, n)) for n in load)))


@dataclass(frozen=True)
class Filters:
    ids: frozenset[str] | None = None  # from a text search
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: datetime | None = None
    minimum_age: float | None = None
    maximum_age: float | None = None
    area_id: str = ""
    near: lookup.Point | None = None
    within_m: float | None = None
    day: int | None = None
    start_time: time | None = None
    end_time: time | None = None


def _term_condition(filters: Filters):
    conditions = []
    if filters.taxonomy_term_id:
        slugs = {t.category for t in external_terms() if t.id == filters.taxonomy_term_id}
        conditions.append(exists().where(
            service_category.c.service_id == Service.id, service_category.c.category_id == Category.id,
            or_(Category.id == filters.taxonomy_term_id, Category.slug.in_(slugs))))
    if filters.taxonomy_id and filters.taxonomy_id != our_taxonomy_id():
        slugs = {t.category for t in external_terms() if t.taxonomy_id == filters.taxonomy_id}
        conditions.append(exists().where(
            service_category.c.service_id == Service.id, service_category.c.category_id == Category.id,
            Category.slug.in_(slugs)))
    return conditions


def filtered(query: Select, filters: Filters) -> Select:
    if filters.ids is not None:
        query = query.where(Service.id.in_(filters.ids))
    query = query.where(*_term_condition(filters))
    if filters.organization_id:
        query = query.where(Service.organization_id == filters.organization_id)
    if filters.modified_after is not None:
        query = query.where(Service.updated_at >= filters.modified_after.replace(tzinfo=None))
    # "Services for someone of at least this age / at most this age": ranges that reach it.
    if filters.minimum_age is not None:
        query = query.where(or_(Service.maximum_age.is_(None), Service.maximum_age >= filters.minimum_age))
    if filters.maximum_age is not None:
        query = query.where(or_(Service.minimum_age.is_(None), Service.minimum_age <= filters.maximum_age))
    if filters.area_id and filters.within_m is None:
        query = query.where(or_(Service.county_wide.is_(True), exists().where(
            service_area.c.service_id == Service.id, service_area.c.area_id == filters.area_id)))
    if filters.day is not None or filters.start_time or filters.end_time:
        slot = [Schedule.service_id == Service.id]
        if filters.day is not None:
            slot.append(Schedule.weekday == filters.day)
        if filters.start_time:
            slot.append(Schedule.closes_at > filters.start_time)
        if filters.end_time:
            slot.append(Schedule.opens_at < filters.end_time)
        query = query.where(exists().where(and_(*slot)))
    if filters.near is not None and filters.within_m is not None:
        query = query.where(Service.id.in_(_services_within(filters.near, filters.within_m)))
    return query


def _services_within(point: lookup.Point, metres: float) -> set[str]:
    """Services with a public location within ``metres`` of ``point`` (checked exactly)."""
    degrees = metres / 111_000 + 0.01
    rows = db.session.execute(
        select(service_at_location.c.service_id, Location)
        .join(Location, Location.id == service_at_location.c.location_id)
        .where(Location.latitude.between(point.latitude - degrees, point.latitude + degrees))
    ).all()
    found = set()
    for service_id, loc in rows:
        shown = public_location(loc)
        if shown.latitude is None or shown.longitude is None:
            continue
        miles = lookup.distance_miles(point, lookup.Point(shown.latitude, shown.longitude))
        if miles * 1609.344 <= metres:
            found.add(service_id)
    return found


@dataclass
class Page:
    items: list
    total: int
    number: int
    per_page: int

    def envelope(self, contents: list[dict]) -> dict:
        pages = max(1, math.ceil(self.total / self.per_page)) if self.per_page else 1
        return {"total_items": self.total, "total_pages": pages, "page_number": self.number,
                "size": len(contents), "first_page": self.number == 1, "last_page": self.number >= pages,
                "empty": not contents, "contents": contents}


def page_of(records: list, number: int, per_page: int) -> Page:
    """One page of records already in hand."""
    start = (number - 1) * per_page
    return Page(records[start:start + per_page], len(records), number, per_page)


def taxonomy_records() -> tuple[list[dict], list[dict]]:
    """Our taxonomy and the esd ones mapped to it; our categories and those esd terms."""
    categories = db.session.scalars(select(Category).order_by(Category.sort_order, Category.name))
    terms = [*(serialise.taxonomy_term(c) for c in categories), *(serialise.external_term(t) for t in external_terms())]
    return [serialise.taxonomy(), *serialise.external_taxonomies()], terms


def paged(query: Select, number: int, per_page: int, order) -> Page:
    total = db.session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    items = list(db.session.scalars(query.order_by(*order).limit(per_page).offset((number - 1) * per_page))
                 .unique())
    return Page(items, total or 0, number, per_page)


def area_for_postcode(text: str) -> tuple[lookup.Point, str]:
    """(centre, area id or "") for a postcode, or FilterError."""
    try:
        place = lookup.resolve(text)
    except lookup.PlaceError:
        raise FilterError("postcode: we could not find that postcode") from None
    area_id = db.session.scalar(select(Area.id).where(Area.ons_code == place.lad_code)) if place.lad_code else None
    return place.point, area_id or ""


def weekday(text: str) -> int:
    code = text.strip().upper()[:2]
    if code not in WEEKDAYS:
        raise FilterError("day: use MO, TU, WE, TH, FR, SA or SU")
    return WEEKDAYS.index(code)
