"""How a service becomes a search document, and the search source for services.

Registered with the index from create_app, as content/ registers its pages, so
directory/search/ stays generic.
"""
from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from directory.listings.freshness import is_listed
from directory.listings.models import Service, ServiceStatus, public_location
from directory.search.sources import BATCH, Source, batched


def service_document(service: Service, all_area_slugs: list[str]) -> dict:
    """The index document for a public service. Only public fields go in (SRCH-1)."""
    locations = [public_location(loc) for loc in service.locations]
    areas = all_area_slugs if service.county_wide else [a.slug for a in service.areas]
    points = [
        f"{loc.latitude:.6f},{loc.longitude:.6f}"
        for loc in locations
        if loc.latitude is not None and loc.longitude is not None
    ]
    category_words = " ".join(f"{c.name} {c.keywords}" for c in service.categories)
    places = " ".join(
        {loc.city for loc in locations if loc.city} | {a.name for a in service.areas}
    )
    return {
        "id": service.id,
        "kind": "service",
        "status": service.status.value,
        "name": service.name,
        "summary": service.summary,
        "categories_text": category_words,
        "body": " ".join(
            (service.description, service.organization.name if service.organization else "", places)
        ),
        "spelling": " ".join(
            (service.name, service.summary, service.description, category_words, places)
        ),
        "category": ",".join(c.slug for c in service.categories),
        "area": ",".join(areas),
        "mode": ",".join(service.modes),
        "language": ",".join(service.language_codes),
        "min_age": service.minimum_age if service.minimum_age is not None else 0,
        "max_age": service.maximum_age if service.maximum_age is not None else 200,
        "free": bool(service.is_free),
        "points": ";".join(points),
        "schedule": json.dumps([list(slot) for slot in service.weekly_slots]),
        "open_on_bank_holidays": bool(service.open_on_bank_holidays),
        "sort_name": service.name.lower(),
    }


def _service_query():
    return select(Service).options(
        selectinload(Service.organization),
        selectinload(Service.areas),
        selectinload(Service.categories),
        selectinload(Service.locations),
        selectinload(Service.schedules),
    )


def _load_services(session: Session, ids: list[str]) -> Iterator[Service]:
    for start in range(0, len(ids), BATCH):
        yield from session.scalars(_service_query().where(Service.id.in_(ids[start : start + BATCH])))


def _all_services(session: Session) -> Iterator[Service]:
    query = _service_query().where(Service.status == ServiceStatus.ACTIVE)
    return batched(session, query, Service.id)


SOURCE = Source("service", _load_services, _all_services, is_listed, service_document)
