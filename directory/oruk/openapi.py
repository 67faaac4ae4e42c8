"""The OpenAPI 3.0 document of our ORUK 3.0 API, served at /api/oruk/v3/openapi.json.

Written here rather than copied: it describes exactly the endpoints and filters we
serve, and points at the official ORUK 3.0 compiled schemas for the records.
"""
from __future__ import annotations

from directory.counties.pack import current_pack
from directory.links import public_url
from directory.oruk.queries import DEFAULT_PER_PAGE, MAX_PER_PAGE

SCHEMAS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/compiled/"
RECORDS = "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/"

PAGE = {"type": "object", "properties": {
    "total_items": {"type": "integer"}, "total_pages": {"type": "integer"}, "page_number": {"type": "integer"},
    "size": {"type": "integer"}, "first_page": {"type": "boolean"}, "last_page": {"type": "boolean"},
    "empty": {"type": "boolean"}}}

PARAMETERS = {
    "page": ("integer", "Page number, from 1. A page past the end is empty."),
    "per_page": ("integer", f"Results a page, 1 to {MAX_PER_PAGE} (default {DEFAULT_PER_PAGE})."),
    "search": ("string", "Full text search, as on the site (stemming and spelling help)."),
    "taxonomy_term_id": ("string", "Services with this taxonomy term (ours, or an esd term mapped to ours)."),
    "taxonomy_id": ("string", "Services with any term of this taxonomy."),
    "organization_id": ("string", "Services this organisation provides."),
    "modified_after": ("string", "Services changed on or after this date-time (RFC 3339)."),
    "minimum_age": ("number", "Services open to someone at least this old."),
    "maximum_age": ("number", "Services open to someone at most this old."),
    "postcode": ("string", "A UK postcode: services covering its council area, or near it with proximity."),
    "proximity": ("number", "With postcode: services with a place within this many metres."),
    "day": ("string", "Services open on this day: MO, TU, WE, TH, FR, SA or SU."),
    "start_time": ("string", "With or without day: open after this time (HH:MM)."),
    "end_time": ("string", "With or without day: open before this time (HH:MM)."),
}


def _parameter(name: str) -> dict:
    kind, description = PARAMETERS[name]
    return {"name": name, "in": "query", "required": False, "description": description, "schema": {"type": kind}}


def _list(schema: str, description: str, names: tuple[str, ...], base: str = SCHEMAS) -> dict:
    return {"get": {"summary": description, "parameters": [_parameter(n) for n in names], "responses": {"200": {
        "description": description, "content": {"application/json": {"schema": {
            "allOf": [{"$ref": "#/components/schemas/Page"}],
            "properties": {"contents": {"type": "array", "items": {"$ref": base + schema}}}}}}}}}}


def _one(schema: str, description: str, base: str = SCHEMAS) -> dict:
    return {"parameters": [{"in": "path", "name": "id", "required": True, "schema": {"type": "string"}}],
            "get": {"summary": description, "responses": {
                "200": {"description": description,
                        "content": {"application/json": {"schema": {"$ref": base + schema}}}},
                "404": {"description": "No public record has that id."}}}}


SERVICE_FILTERS = ("page", "per_page", "search", "taxonomy_term_id", "taxonomy_id", "organization_id",
                   "modified_after", "minimum_age", "maximum_age", "postcode", "proximity", "day", "start_time",
                   "end_time")


def document() -> dict:
    pack = current_pack()
    return {
        "openapi": "3.0.0",
        "info": {"title": f"{pack.site_name}: Open Referral UK 3.0 API", "version": "3.0",
                 "description": "Public youth services, read only. No sign-in. Open Government Licence v3.0.",
                 "license": {"name": "Open Government Licence v3.0",
                             "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}},
        "servers": [{"url": public_url("oruk.root").rstrip("/")}],
        "paths": {
            "/": {"get": {"summary": "About this API", "responses": {"200": {"description": "version and links"}}}},
            "/services": _list("service_list.json", "Public services", SERVICE_FILTERS),
            "/services/{id}": _one("service.json", "One service, fully nested"),
            "/organizations": _list("organization_list.json", "Organisations with public services", ("page", "per_page")),
            "/organizations/{id}": _one("organization.json", "One organisation with its public services"),
            "/service_at_locations": _list("service_at_location_list.json", "Services at their places",
                                           SERVICE_FILTERS),
            "/service_at_locations/{id}": _one("service_at_location.json", "One service at one place"),
            "/locations": _list("location.json", "Places where public services happen", ("page", "per_page"),
                                RECORDS),
            "/locations/{id}": _one("location.json", "One place", RECORDS),
            "/taxonomies": _list("taxonomy.json", "Our taxonomy and the esd lists mapped to it",
                                 ("page", "per_page"), RECORDS),
            "/taxonomies/{id}": _one("taxonomy.json", "One taxonomy", RECORDS),
            "/taxonomy_terms": _list("taxonomy_term.json", "Every term", ("page", "per_page"), RECORDS),
            "/taxonomy_terms/{id}": _one("taxonomy_term.json", "One term", RECORDS),
        },
        "components": {"schemas": {"Page": PAGE}},
    }
