"""Our records as Open Referral UK 3.0 JSON: what the API serves and the export writes.

Only public data: locations go through ``public_location`` (a refuge is its town
and postcode district), staff e-mails (the assurer's) are never published, and no
value is ``null``: absent values are left out, as the ORUK validator expects.
HSDS 3.0 fields that the UK profile leaves out (a service's phones, a contact's
e-mail, a language's name) are kept as extra properties, which the profile allows.
"""
from __future__ import annotations

from datetime import UTC, datetime

from directory.counties.pack import current_pack
from directory.links import public_url
from directory.listings.languages import name as language_name
from directory.listings.models import (
    WEEKDAYS,
    Category,
    Location,
    Organization,
    Service,
    public_location,
)
from directory.oruk.taxonomy import OUR_VOCABULARY, derived_id, external_terms, our_taxonomy_id

ONS_URI = "http://statistics.data.gov.uk/id/statistical-geography/{code}"


def _present(record: dict) -> dict:
    """Leave out what is absent: no null, no empty list, no empty optional string."""
    return {k: v for k, v in record.items() if v is not None and v != [] and v != ""}


def timestamp(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _https(url: str | None) -> str | None:
    return url if url and url.startswith(("https://", "http://")) else None


def taxonomy() -> dict:
    pack = current_pack()
    return {
        "id": our_taxonomy_id(),
        "name": OUR_VOCABULARY,
        "description": f"The types of help {pack.site_name} lists, in plain words.",
        "uri": public_url("listings.categories"),
        "version": "1",
    }


def external_taxonomies() -> list[dict]:
    seen: dict[str, dict] = {}
    for term in external_terms():
        seen.setdefault(term.vocabulary, {
            "id": term.taxonomy_id, "name": term.vocabulary,
            "description": f"The LGA's esd list {term.vocabulary}, for the categories that clearly match it.",
            "uri": "http://id.esd.org.uk/list/" + ("services" if term.vocabulary == "esdServiceTypes" else "needs"),
        })
    return list(seen.values())


def taxonomy_term(category: Category) -> dict:
    return _present({
        "id": category.id,
        "name": category.name,
        "description": category.description or category.name,
        "taxonomy": OUR_VOCABULARY,
        "taxonomy_id": our_taxonomy_id(),
        "term_uri": public_url("listings.category", slug=category.slug),
        "code": category.slug,
    })


def external_term(term) -> dict:
    return {"id": term.id, "name": term.name, "description": term.name, "taxonomy": term.vocabulary,
            "taxonomy_id": term.taxonomy_id, "term_uri": term.uri, "code": term.code}


def _attributes(service: Service) -> list[dict]:
    """One attribute per category, and one per esd term mapped to it."""
    mapped = external_terms()
    attributes = []
    for category in service.categories:
        attributes.append({"id": derived_id("attribute", service.id, category.id), "link_id": service.id,
                           "link_type": "service", "taxonomy_term_id": category.id,
                           "taxonomy_term": taxonomy_term(category)})
        for term in (t for t in mapped if t.category == category.slug):
            attributes.append({"id": derived_id("attribute", service.id, term.id), "link_id": service.id,
                               "link_type": "service", "taxonomy_term_id": term.id,
                               "taxonomy_term": external_term(term)})
    return attributes


def organization(org: Organization, services: list[Service] | None = None) -> dict:
    record = _present({
        "id": org.id,
        "name": org.name,
        "description": org.description or org.name,
        "email": org.email,
        "website": _https(org.url),
        "uri": _https(org.url),
    })
    if services is not None:
        record["services"] = [service(s, nested_organization=False) for s in services]
    return record


def location(loc: Location) -> dict:
    shown = public_location(loc)
    pack = current_pack()
    address = {
        "id": derived_id("address", loc.id),
        "location_id": loc.id,
        "address_1": ", ".join(shown.address_lines),
        "city": shown.city,
        "state_province": pack.name,
        "postal_code": shown.postal_code,
        "country": "GB",
        "address_type": "physical",
    }
    accessibility = ([{"id": derived_id("accessibility", loc.id), "location_id": loc.id,
                       "description": shown.accessibility}] if shown.accessibility else [])
    return _present({
        "id": loc.id,
        "location_type": "physical",
        "name": shown.name,
        "latitude": shown.latitude,
        "longitude": shown.longitude,
        "addresses": [address],
        "accessibility": accessibility,
    })


def service_at_location(svc: Service, loc: Location) -> dict:
    return {"id": derived_id("service_at_location", svc.id, loc.id), "service_id": svc.id,
            "location_id": loc.id, "location": location(loc)}


def _service_areas(svc: Service) -> list[dict]:
    pack = current_pack()
    if svc.county_wide:
        return [{"id": derived_id("service_area", svc.id, "county"), "service_id": svc.id,
                 "name": pack.name, "service_area": pack.name}]
    return [_present({"id": derived_id("service_area", svc.id, area.id), "service_id": svc.id,
                      "name": area.name, "service_area": area.official_name or area.name,
                      "uri": ONS_URI.format(code=area.ons_code) if area.ons_code else None})
            for area in svc.areas]


def _schedules(svc: Service) -> list[dict]:
    return [_present({
        "id": slot.id, "service_id": svc.id, "freq": "WEEKLY", "interval": 1,
        "byday": WEEKDAYS[slot.weekday], "opens_at": slot.opens_at.strftime("%H:%M:%S"),
        "closes_at": slot.closes_at.strftime("%H:%M:%S"), "notes": svc.schedule_notes,
    }) for slot in svc.schedules]


def _languages(svc: Service) -> list[dict]:
    return [_present({"id": derived_id("language", svc.id, language_name(code, "en").lower()), "service_id": svc.id,
                      "name": language_name(code, "en"), "code": code})
            for code in svc.language_codes]


def _cost_options(svc: Service) -> list[dict]:
    if svc.is_free:
        return [{"id": derived_id("cost_option", svc.id), "service_id": svc.id, "option": "Free", "amount": 0}]
    return [_present({"id": derived_id("cost_option", svc.id), "service_id": svc.id, "option": "Fees",
                      "amount_description": svc.fees_description})]


def _phones(svc: Service) -> list[dict]:
    return [_present({"id": phone.id, "service_id": svc.id, "number": phone.number, "type": phone.type,
                      "description": phone.description}) for phone in svc.phones]


def _contacts(svc: Service) -> list[dict]:
    return [_present({"id": c.id, "service_id": svc.id, "name": c.name, "title": c.title, "email": c.email})
            for c in svc.contacts]


def _funding(svc: Service) -> list[dict]:
    if not svc.commissioned_by:
        return []
    source = ("The Violence and Vulnerability Unit (Police, Fire and Crime Commissioner)"
              if svc.vvu_commissioned else svc.commissioned_by)
    return [{"id": derived_id("funding", svc.id), "service_id": svc.id, "source": source}]


def service(svc: Service, full: bool = True, nested_organization: bool = True) -> dict:
    """A service: the one-to-one fields, and with ``full`` everything nested."""
    record = _present({
        "id": svc.id,
        "organization_id": svc.organization_id,
        "name": svc.name,
        "description": svc.description or svc.summary,
        "url": _https(svc.url),
        "email": svc.email,
        "status": "active",
        "fees": None if svc.is_free else svc.fees_description,
        "minimum_age": svc.minimum_age,
        "maximum_age": svc.maximum_age,
        "assured_date": svc.assured_date.isoformat() if svc.assured_date else None,
        "alert": svc.alert,
        "last_modified": timestamp(svc.updated_at),
        # Ours, beside the standard's fields (the profile allows more): what our
        # pages show that ORUK has no field for, so an export imports back whole.
        "summary": svc.summary,
        "eligibility_description": svc.eligibility_description,
        "delivery_modes": ",".join(svc.modes),
        "schedule_notes": svc.schedule_notes,
        # HSDS 3.0 has no bank-holiday rule (ORUK 1's holiday_schedule lists dates).
        "open_on_bank_holidays": bool(svc.open_on_bank_holidays),
    })
    if not full:
        return record
    record.update(_present({
        "schedules": _schedules(svc),
        "service_areas": _service_areas(svc),
        "service_at_locations": [service_at_location(svc, loc) for loc in svc.locations],
        "languages": _languages(svc),
        "organization": organization(svc.organization) if nested_organization else None,
        "funding": _funding(svc),
        "cost_options": _cost_options(svc),
        "contacts": _contacts(svc),
        "phones": _phones(svc),
        "attributes": _attributes(svc),
    }))
    return record

