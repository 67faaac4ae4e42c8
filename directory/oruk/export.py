"""The directory as open data: an ORUK 3.0 JSON file and an HSDS 3.0 CSV data package.

Both hold exactly what the ORUK API serves (``serialise``), so everything in them is
public. The CSV tables, their file names and their first columns are those of the
ORUK 3.0 data package (openreferral/uk-profile datapackage.json, CC BY-SA 4.0,
read to make RESOURCES below); columns only we have come after them.
"""
from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import date

from directory.counties.pack import current_pack
from directory.extensions import db
from directory.listings.models import Service
from directory.oruk import queries, serialise

OGL = {"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
       "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}

# (resource, file, the standard's fields) from the ORUK 3.0 data package.
RESOURCES = (
    ("organization", "organizations.csv", ("id", "name", "description", "email", "website", "logo", "uri",
                                           "parent_organization_id")),
    ("service", "services.csv", ("id", "organization_id", "name", "description", "url", "email", "status", "fees",
                                 "accreditations", "minimum_age", "maximum_age", "assured_date", "assurer_email",
                                 "alert", "last_modified")),
    ("attribute", "attribute.csv", ("id", "link_id", "taxonomy_term_id", "link_type")),
    ("service_at_location", "service_at_location.csv", ("id", "service_id", "location_id")),
    ("location", "locations.csv", ("id", "location_type", "name", "description", "latitude", "longitude",
                                   "external_identifier", "external_identifier_type")),
    ("phone", "phones.csv", ("id", "contact_id", "number", "description")),
    ("contact", "contacts.csv", ("id", "service_id", "name", "title")),
    ("address", "address.csv", ("id", "location_id", "attention", "address_1", "city", "region", "state_province",
                                "postal_code", "country", "address_type")),
    ("schedule", "schedule.csv", ("id", "service_id", "service_at_location_id", "valid_from", "valid_to", "dtstart",
                                  "freq", "interval", "byday", "bymonthday", "description", "opens_at", "closes_at",
                                  "schedule_link", "attending_type", "notes")),
    ("funding", "funding.csv", ("id", "service_id", "source")),
    ("service_area", "service_areas.csv", ("id", "service_id", "name", "extent", "extent_type", "uri",
                                           "service_area")),
    ("language", "languages.csv", ("id", "service_id", "phone_id")),
    ("accessibility", "accessibility.csv", ("id", "location_id", "description", "details", "url",
                                            "accessibility")),
    ("taxonomy_term", "taxonomy_terms.csv", ("id", "name", "description", "parent_id", "taxonomy", "taxonomy_id",
                                             "term_uri", "term")),
    ("cost_option", "cost_options.csv", ("id", "service_id", "valid_from", "valid_to", "option", "amount",
                                         "amount_description")),
    ("organization_identifier", "organization_identifiers.csv", ("id", "organization_id", "identifier_scheme",
                                                                 "identifier_type", "identifier")),
    ("taxonomy", "taxonomies.csv", ("id", "name", "description", "uri", "version")),
)
# Where each nested list of a full service goes.
NESTED = {"schedules": "schedule", "service_areas": "service_area", "languages": "language",
          "funding": "funding", "cost_options": "cost_option", "contacts": "contact", "phones": "phone",
          "attributes": "attribute"}


def services(today: date | None = None) -> list[dict]:
    """Every public service, fully nested, in a stable order."""
    query = queries.listed_services(today).order_by(Service.name, Service.id)
    return [serialise.service(s) for s in db.session.scalars(query).unique()]


def json_document(today: date | None = None) -> bytes:
    """The ORUK 3.0 service package: an array of fully nested services."""
    return json.dumps(services(today), ensure_ascii=False, indent=1).encode("utf-8")


def _scalars(record: dict) -> dict:
    return {k: v for k, v in record.items() if not isinstance(v, (dict, list))}


def _rows(records: list[dict]) -> Iterator[tuple[str, dict]]:
    """(resource, row) for everything in the nested services, each record once."""
    seen: set[tuple[str, str]] = set()

    def once(resource: str, row: dict) -> Iterator[tuple[str, dict]]:
        if (resource, row["id"]) not in seen:
            seen.add((resource, row["id"]))
            yield resource, row

    for record in records:
        yield from once("service", _scalars(record))
        if "organization" in record:
            yield from once("organization", _scalars(record["organization"]))
        for key, resource in NESTED.items():
            for item in record.get(key, []):
                yield from once(resource, _scalars(item))
        for link in record.get("service_at_locations", []):
            location = link["location"]
            yield from once("service_at_location", _scalars(link))
            yield from once("location", _scalars(location))
            for address in location.get("addresses", []):
                yield from once("address", _scalars(address))
            for access in location.get("accessibility", []):
                yield from once("accessibility", _scalars(access))
    taxonomies, terms = queries.taxonomy_records()
    for row in taxonomies:
        yield from once("taxonomy", row)
    for row in terms:
        yield from once("taxonomy_term", row)


def _type(value) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def csv_package(today: date | None = None) -> bytes:
    """A zip: datapackage.json and one CSV per table (header row even when empty)."""
    tables: dict[str, list[dict]] = {name: [] for name, _f, _c in RESOURCES}
    for resource, row in _rows(services(today)):
        tables[resource].append(row)
    pack = current_pack()
    described = []
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, path, standard in RESOURCES:
            rows = tables[name]
            extra = sorted({k for row in rows for k in row} - set(standard))
            columns = [*standard, *extra]
            types = {k: _type(v) for row in rows for k, v in row.items()}
            text = io.StringIO()
            writer = csv.DictWriter(text, fieldnames=columns, lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: ("true" if v is True else "false" if v is False else v)
                              for k, v in row.items()} for row in rows)
            package.writestr(path, text.getvalue())
            described.append({"name": name, "path": path, "profile": "tabular-data-resource",
                              "schema": {"fields": [{"name": c, "type": types.get(c, "string")} for c in columns]}})
        package.writestr("datapackage.json", json.dumps({
            "name": f"signpost-{pack.slug}", "title": f"{pack.site_name}: youth services", "profile":
            "tabular-data-package", "version": "3.0", "licenses": [OGL],
            "sources": [{"title": text} for text in pack.attributions], "resources": described}, indent=1))
    return out.getvalue()
