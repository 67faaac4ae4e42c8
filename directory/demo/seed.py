"""Load the county pack's demo directory (demo/*.json, read by directory/demo/data.py).

Local services in it are fictional and say so; national lines are real. Locations
get coordinates from the loaded place data, so load places first for distances.
"""
from __future__ import annotations

from datetime import date, time, timedelta

from sqlalchemy import select

from directory.core import slugify
from directory.counties.pack import current_pack
from directory.demo.data import demo_data, has_demo
from directory.extensions import db
from directory.geo.loading import upsert_areas
from directory.geo.models import Area
from directory.listings.editing import locate
from directory.listings.languages import codes_from
from directory.listings.models import (
    WEEKDAYS,
    Category,
    Contact,
    Location,
    Organization,
    Phone,
    Schedule,
    Service,
    ServiceStatus,
)
from directory.search import engine
from directory.search.models import enqueue


def _upsert_categories(rows: list[dict]) -> dict[str, Category]:
    categories = {}
    for order, row in enumerate(rows):
        category = db.session.scalar(select(Category).where(Category.slug == row["slug"]))
        if category is None:
            category = Category(slug=row["slug"])
            db.session.add(category)
        category.name = row["name"]
        category.description = row["description"]
        category.keywords = row["keywords"]
        category.sort_order = order
        categories[row["slug"]] = category
    return categories


def _hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def _schedules(spec) -> list[Schedule]:
    if spec == "24/7":
        return [Schedule(weekday=day, opens_at=time(0), closes_at=time(0)) for day in range(7)]
    return [
        Schedule(weekday=WEEKDAYS.index(day), opens_at=_hhmm(opens), closes_at=_hhmm(closes))
        for day, opens, closes in spec
    ]


def _location(row: dict, fallback: Area | None) -> Location:
    return locate(
        Location(
            name=row["name"],
            address_1=row["address_1"],
            city=row["city"],
            postal_code=row["postal_code"],
            confidential=row.get("confidential", False),
        ),
        fallback,
    )


def _service(row: dict, orgs, areas, categories, today: date) -> Service:
    county = row["areas"] == "county"
    service_areas = [] if county else [areas[slug] for slug in row["areas"]]
    safeguarding = row["safeguarding"]
    return Service(
        organization=orgs[row["org"]],
        name=row["name"],
        slug=slugify(row["name"])[:120],
        summary=row["summary"],
        description=row["description"],
        url=row["url"],
        email=row["email"],
        status=ServiceStatus(row["status"]),
        minimum_age=row["min_age"],
        maximum_age=row["max_age"],
        eligibility_description=row["eligibility"],
        is_free=row["free"],
        fees_description=row["fees"],
        delivery_modes=",".join(row["modes"]),
        languages=",".join(codes_from(row["languages"])),
        county_wide=county,
        commissioned_by=row["commissioned_by"],
        assured_date=today - timedelta(days=row["assured_days_ago"]),
        alert=row["alert"],
        schedule_notes=row["schedule_notes"],
        open_on_bank_holidays=row.get("open_on_bank_holidays", False),
        safeguarding_policy=safeguarding["policy"],
        staff_dbs_checked=safeguarding["dbs"],
        safeguarding_lead=safeguarding["lead"],
        areas=service_areas,
        categories=[categories[slug] for slug in row["categories"]],
        locations=[
            _location(loc, service_areas[0] if service_areas else None)
            for loc in row["locations"]
        ],
        phones=[
            Phone(number=p["number"], type=p["type"], description=p["description"], position=i)
            for i, p in enumerate(row["phones"])
        ],
        contacts=[Contact(name=c["name"], title=c["title"], email=c["email"]) for c in row["contacts"]],
        schedules=_schedules(row["schedule"]),
    )


def seed(only_if_empty: bool = False, today: date | None = None) -> int:
    """Create the demo directory; returns how many services were created."""
    if only_if_empty and db.session.scalar(select(Service.id).limit(1)):
        return 0
    today = today or date.today()
    pack = current_pack()
    if not has_demo(pack):
        return 0
    demo = demo_data(pack)
    areas = upsert_areas(pack)
    categories = _upsert_categories(demo.categories)
    orgs = {}
    for row in demo.organisations:
        org = Organization(
            name=row["name"],
            description=row["description"],
            url=row["url"],
            email=row["email"],
            is_fictional=row["is_fictional"],
        )
        db.session.add(org)
        orgs[row["key"]] = org
    created = 0
    for row in demo.services:
        service = _service(row, orgs, areas, categories, today)
        db.session.add(service)
        db.session.flush()
        enqueue("service", service.id)
        created += 1
    db.session.commit()
    engine.catch_up()
    return created
