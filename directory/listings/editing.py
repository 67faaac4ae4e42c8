"""A listing as plain data, for submissions: read from a service, compared, applied.

A moderation submission stores this dictionary; the live tables change only when a
submission is applied, in the approving transaction.

A confidential location (a refuge) is read out only for people allowed to see its
details. Everyone else gets ``KEPT_PRIVATE`` in its place: a submission carrying it
leaves the live address as it is, so they can suggest changes to the rest of the
listing, or type a new address, without ever being shown the old one.
"""
from __future__ import annotations

from datetime import time

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from directory.accounts.permissions import Permission, can
from directory.core import slugify
from directory.extensions import db
from directory.geo import lookup
from directory.geo.models import Area
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
)

# Field -> label, in the order a diff shows them.
FIELD_LABELS = {
    "organization_name": _l("Organisation"),
    "name": _l("Name"),
    "summary": _l("Summary"),
    "description": _l("Description"),
    "url": _l("Website"),
    "email": _l("E-mail"),
    "categories": _l("Types of help"),
    "county_wide": _l("Covers the whole county"),
    "areas": _l("Areas"),
    "minimum_age": _l("Youngest age"),
    "maximum_age": _l("Oldest age"),
    "eligibility_description": _l("Who can go"),
    "is_free": _l("Free"),
    "fees_description": _l("Cost"),
    "delivery_modes": _l("How people get help"),
    "languages": _l("Languages"),
    "phones": _l("Phone numbers"),
    "contact_name": _l("Contact name"),
    "contact_title": _l("Contact job title"),
    "contact_email": _l("Contact e-mail"),
    "schedule": _l("Opening times"),
    "open_on_bank_holidays": _l("Open on bank holidays"),
    "schedule_notes": _l("Notes on opening times"),
    "location": _l("Address"),
    "safeguarding_policy": _l("Has a safeguarding policy"),
    "staff_dbs_checked": _l("Staff are DBS checked"),
    "safeguarding_lead": _l("Safeguarding lead"),
    "alert": _l("Short notice"),
}


# The location of a submission made without sight of a confidential address.
KEPT_PRIVATE = {"kept_private": True}


def is_kept_private(location) -> bool:
    return isinstance(location, dict) and location.get("kept_private") is True


def hides_location(user, service: Service | None) -> bool:
    """Does ``service`` have a confidential address that ``user`` may not see?"""
    if service is None or not service.locations or not service.locations[0].confidential:
        return False
    return not can(user, Permission.LOCATION_DETAILS_VIEW, service)


def data_for(user, service: Service) -> dict:
    """The editable content of a live service, as ``user`` may see it."""
    return service_to_data(service, reveal=not hides_location(user, service))


def _slot_text(slot: Schedule) -> str:
    if slot.opens_at == slot.closes_at:
        return "all day"
    return f"{slot.opens_at:%H:%M}-{slot.closes_at:%H:%M}"


def service_to_data(service: Service, reveal: bool = True) -> dict:
    """The editable content of a live service; ``reveal=False`` hides a confidential address.

    Only ``data_for`` decides ``reveal`` for a person; the full form is for the
    approving transaction and the audit trail."""
    contact = service.contacts[0] if service.contacts else None
    location = service.locations[0] if service.locations else None
    schedule = {day: "" for day in WEEKDAYS}
    for slot in service.schedules:
        day = WEEKDAYS[slot.weekday]
        schedule[day] = ", ".join(p for p in (schedule[day], _slot_text(slot)) if p)
    return {
        "organization_name": service.organization.name,
        "name": service.name,
        "summary": service.summary,
        "description": service.description,
        "url": service.url or "",
        "email": service.email or "",
        "categories": sorted(c.slug for c in service.categories),
        "county_wide": service.county_wide,
        "areas": sorted(a.slug for a in service.areas),
        "minimum_age": service.minimum_age,
        "maximum_age": service.maximum_age,
        "eligibility_description": service.eligibility_description,
        "is_free": service.is_free,
        "fees_description": service.fees_description,
        "delivery_modes": service.modes,
        "languages": service.languages,
        "phones": [{"number": p.number, "type": p.type, "description": p.description}
                   for p in service.phones],
        "contact_name": contact.name if contact else "",
        "contact_title": contact.title if contact else "",
        "contact_email": (contact.email or "") if contact else "",
        "schedule": schedule,
        "open_on_bank_holidays": bool(service.open_on_bank_holidays),
        "schedule_notes": service.schedule_notes,
        "location": _location_data(location, reveal),
        "safeguarding_policy": service.safeguarding_policy,
        "staff_dbs_checked": service.staff_dbs_checked,
        "safeguarding_lead": service.safeguarding_lead,
        "alert": service.alert,
    }


def _location_data(location: Location | None, reveal: bool) -> dict | None:
    if location is None:
        return None
    if location.confidential and not reveal:
        return dict(KEPT_PRIVATE)
    return {"name": location.name, "address_1": location.address_1, "city": location.city,
            "postal_code": location.postal_code, "confidential": location.confidential}


def diff(before: dict | None, after: dict) -> list[tuple[str, str, object, object]]:
    """(field, label, before, after) for each field the submission changes.

    A location kept private is unchanged by definition."""
    before = before or {}
    return [
        (field, str(label), before.get(field), after.get(field))
        for field, label in FIELD_LABELS.items()
        if before.get(field) != after.get(field)
        and not (field == "location" and is_kept_private(after.get(field)))
    ]


def parse_slots(text: str) -> list[tuple[time, time]]:
    """"18:00-21:00, 09:00-12:00" or "all day" -> [(opens, closes), ...].

    Raises ValueError with a message for the person if it cannot be read.
    """
    slots = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        if part.lower() in {"all day", "24 hours", "24/7"}:
            slots.append((time(0), time(0)))
            continue
        try:
            opens, closes = (t.strip() for t in part.replace("–", "-").split("-"))
            slots.append((time.fromisoformat(opens.zfill(5)), time.fromisoformat(closes.zfill(5))))
        except ValueError:
            raise ValueError(str(_l("Write times like 18:00-21:00, or \"all day\"."))) from None
    return slots


def apply_data(service: Service, data: dict) -> Service:
    """Make ``service`` match ``data`` (the caller owns the transaction)."""
    # Look-ups below must not flush a half-filled new service.
    with db.session.no_autoflush:
        return _apply(service, data)


def _apply(service: Service, data: dict) -> Service:
    org_name = data["organization_name"].strip()
    if service.organization is None or service.organization.name != org_name:
        service.organization = db.session.scalar(
            select(Organization).where(Organization.name == org_name)
        ) or Organization(name=org_name)
    service.name = data["name"]
    service.slug = slugify(data["name"])[:120]
    # Codes; a submission saved before languages were codes says "English, Polish".
    data = {**data, "languages": ",".join(codes_from(data.get("languages") or "en")) or "en"}
    for field in ("summary", "description", "minimum_age", "maximum_age",
                  "eligibility_description", "is_free", "fees_description", "languages",
                  "schedule_notes", "safeguarding_policy", "staff_dbs_checked",
                  "safeguarding_lead", "alert", "county_wide"):
        setattr(service, field, data[field])
    service.url = data["url"] or None
    service.email = data["email"] or None
    service.delivery_modes = ",".join(data["delivery_modes"])
    service.categories = list(db.session.scalars(
        select(Category).where(Category.slug.in_(data["categories"]))))
    service.areas = [] if data["county_wide"] else list(db.session.scalars(
        select(Area).where(Area.slug.in_(data["areas"]))))
    service.phones = [Phone(number=p["number"], type=p["type"], description=p["description"],
                            position=i) for i, p in enumerate(data["phones"])]
    service.contacts = [] if not data["contact_name"] and not data["contact_email"] else [
        Contact(name=data["contact_name"], title=data["contact_title"],
                email=data["contact_email"] or None)]
    service.schedules = [
        Schedule(weekday=WEEKDAYS.index(day), opens_at=opens, closes_at=closes)
        for day, text in data["schedule"].items() if text
        for opens, closes in parse_slots(text)
    ]
    # A submission saved before the field existed leaves it as it is.
    if "open_on_bank_holidays" in data:
        service.open_on_bank_holidays = bool(data["open_on_bank_holidays"])
    _apply_location(service, data["location"])
    return service


def locate(location: Location, fallback_area: Area | None = None) -> Location:
    """Set a location's coordinates and council area from its postcode.

    Unknown postcodes (or no place data) leave it without coordinates; the area
    then falls back to ``fallback_area``."""
    found = lookup.postcode_point(location.postal_code)
    point, lad_code = found if found else (None, "")
    location.latitude = point.latitude if point else None
    location.longitude = point.longitude if point else None
    area = db.session.scalar(select(Area).where(Area.ons_code == lad_code)) if lad_code else None
    location.area = area or fallback_area
    return location


def _apply_location(service: Service, spec: dict | None) -> None:
    """Replace the first location; any further ones are kept as they are."""
    if is_kept_private(spec):
        return
    others = service.locations[1:]
    if spec is None:
        service.locations = others
        return
    location = service.locations[0] if service.locations else Location()
    location.name = spec["name"]
    location.address_1 = spec["address_1"]
    location.city = spec["city"]
    location.postal_code = spec["postal_code"]
    location.confidential = spec["confidential"]
    service.locations = [locate(location), *others]
