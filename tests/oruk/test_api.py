"""The ORUK 3.0 API: every endpoint valid against the official schemas, paging, filters, masking.

The official schemas are read from ../shared/data/oruk/oruk-3.0 (never copied here);
without them those tests skip, saying so. The project's own checks of required
fields and formats run everywhere.
"""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.listings.freshness import is_listed
from directory.listings.models import Service

SCHEMA_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "oruk" / "oruk-3.0" / "schema"
BASE = "/api/oruk/v3"
ENVELOPE = {"total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty", "contents"}


def official(name: str):
    """A validator for one official schema, or a skip saying why."""
    if not (SCHEMA_DIR / name).exists():
        pytest.skip(f"the official ORUK 3.0 schemas are not beside the project ({SCHEMA_DIR}); CI has them")
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT202012

    # The record schemas refer to each other by file name ("address.json").
    registry = Registry().with_resources(
        (path.name, Resource.from_contents(json.loads(path.read_text(encoding="utf-8")),
                                           default_specification=DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json"))
    schema = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER)


def assert_valid(validator, record):
    errors = sorted(validator.iter_errors(record), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]


def no_nulls(value, path="") -> list[str]:
    """Our own check, everywhere: no null and no id that is not an RFC 4122 UUID."""
    found = []
    if value is None:
        found.append(path)
    elif isinstance(value, dict):
        for key, item in value.items():
            found += no_nulls(item, f"{path}.{key}")
            if key == "id" or key.endswith("_id"):
                if uuid.UUID(item).version not in (4, 5):
                    found.append(f"{path}.{key} not RFC 4122")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += no_nulls(item, f"{path}[{n}]")
    return found


def _get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.get_data(as_text=True)[:300])
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.get_json()


def test_the_root_says_which_version(client):
    root = _get(client, BASE + "/")
    assert root["version"] == "HSDS-UK-3.0"
    assert root["openapi_url"].startswith("http") and root["openapi_url"].endswith("/api/oruk/v3/openapi.json")
    document = _get(client, BASE + "/openapi.json")
    assert document["openapi"].startswith("3.") and "/services/{id}" in document["paths"]
    assert {p["name"] for p in document["paths"]["/services"]["get"]["parameters"]} >= {
        "search", "taxonomy_term_id", "taxonomy_id", "organization_id", "modified_after", "minimum_age",
        "maximum_age", "postcode", "proximity", "day", "start_time", "end_time"}


def test_every_page_of_services_is_valid_and_adds_up(client, demo_app):
    validator = official("compiled/service_list.json")
    seen, number = [], 1
    while True:
        page = _get(client, f"{BASE}/services?per_page=40&page={number}")
        assert set(page) == ENVELOPE and page["size"] == len(page["contents"]) and page["page_number"] == number
        for record in page["contents"]:
            assert_valid(validator, record)
            assert not no_nulls(record)
        seen += [r["id"] for r in page["contents"]]
        if page["last_page"]:
            break
        number += 1
    with demo_app.app_context():
        listed = {s.id for s in db.session.scalars(select(Service)) if is_listed(s)}
    assert len(seen) == len(set(seen)) == page["total_items"] and page["total_pages"] == number
    assert set(seen) == listed  # the same rule as the pages: active and not past its review
    past = _get(client, f"{BASE}/services?per_page=40&page={number + 5}")
    assert past["empty"] and past["contents"] == [] and past["size"] == 0
    assert _get(client, f"{BASE}/services/?per_page=1")["size"] == 1  # a trailing slash is fine
    assert client.get(f"{BASE}/services?per_page=500").status_code == 400


def _some(client, n=25):
    return [r["id"] for r in _get(client, f"{BASE}/services?per_page={n}")["contents"]]


def test_every_service_in_full_is_valid(client):
    validator = official("compiled/service.json")
    for service_id in _some(client, 200):
        record = _get(client, f"{BASE}/services/{service_id}")
        assert_valid(validator, record)
        assert not no_nulls(record), no_nulls(record)[:3]
        assert "assurer_email" not in record


def test_full_services_carry_everything_nested(client):
    records = [_get(client, f"{BASE}/services/{sid}") for sid in _some(client, 200)]
    for key in ("organization", "service_at_locations", "contacts", "phones", "schedules", "languages",
                "cost_options", "service_areas", "attributes"):
        assert any(key in r for r in records), key
    located = next(r for r in records if r.get("service_at_locations"))
    address = located["service_at_locations"][0]["location"]["addresses"][0]
    assert address["country"] == "GB" and address["postal_code"]
    term = next(a for r in records for a in r.get("attributes", []))["taxonomy_term"]
    assert term["taxonomy"] == "signpostCategories" and term["term_uri"].startswith("http")
    funded = [r for r in records if r.get("funding")]
    assert funded and "Violence and Vulnerability Unit" in funded[0]["funding"][0]["source"]


@pytest.mark.parametrize("path, schema", [
    ("organizations", "compiled/organization.json"), ("service_at_locations", "compiled/service_at_location.json"),
    ("locations", "location.json"), ("taxonomies", "taxonomy.json"), ("taxonomy_terms", "taxonomy_term.json")])
def test_every_other_endpoint_lists_and_answers_by_id(client, path, schema):
    validator = official(schema)
    page = _get(client, f"{BASE}/{path}?per_page=30")
    assert set(page) == ENVELOPE and page["size"] == len(page["contents"]) > 0
    for item in page["contents"][:10]:
        one = _get(client, f"{BASE}/{path}/{item['id']}")
        assert one["id"] == item["id"]
        assert_valid(validator, one)
        assert not no_nulls(one)
    assert client.get(f"{BASE}/{path}/{uuid.uuid4()}").status_code == 404
    missing = client.get(f"{BASE}/{path}/not-a-uuid")
    assert missing.status_code == 404 and missing.is_json


def test_unknown_services_answer_404_in_json(client):
    response = client.get(f"{BASE}/services/{uuid.uuid4()}")
    assert response.status_code == 404 and response.get_json()["status"] == 404


def every(client, path: str, query: str = "") -> list[dict]:
    """Every record of a paged endpoint, walking its pages."""
    records, number = [], 1
    while True:
        page = _get(client, f"{BASE}/{path}?per_page=200&page={number}&{query}")
        records += page["contents"]
        if page["last_page"]:
            return records
        number += 1


def _names(client, query):
    return {r["name"] for r in every(client, "services", query)}


def test_filters(client):
    everything = _names(client, "")
    assert "Childline" in _names(client, "search=childline") and len(_names(client, "search=childline")) < 10
    terms = _get(client, f"{BASE}/taxonomy_terms?per_page=200")["contents"]
    sport = next(t for t in terms if t.get("code") == "sport")
    sporty = _names(client, f"taxonomy_term_id={sport['id']}")
    assert sporty and sporty < everything
    ours = next(t for t in _get(client, f"{BASE}/taxonomies")["contents"] if t["name"] == "signpostCategories")
    assert _names(client, f"taxonomy_id={ours['id']}") == everything
    young = _names(client, "maximum_age=8")
    assert young and young < everything
    assert _names(client, "modified_after=2999-01-01T00:00:00Z") == set()
    assert _names(client, "modified_after=2000-01-01") == everything
    harlow = _names(client, "postcode=CM20+1AB")
    close = _names(client, "postcode=CM20+1AB&proximity=2000")
    assert close and close < harlow < everything
    tuesday_evening = _names(client, "day=TU&start_time=18:00&end_time=20:00")
    assert tuesday_evening and tuesday_evening < everything
    for bad in ("day=XX", "minimum_age=old", "start_time=late", "postcode=ZZ99+9ZZ", "page=0",
                "modified_after=yesterday"):
        response = client.get(f"{BASE}/services?{bad}")
        assert response.status_code == 400 and "error" in response.get_json(), bad


def test_searches_are_not_cached_but_listings_may_be(client):
    assert client.get(f"{BASE}/services?search=drugs").headers["Cache-Control"] == "no-store"
    assert "max-age" in client.get(f"{BASE}/services").headers["Cache-Control"]



def test_the_official_schemas_can_fail(client):
    validator = official("compiled/service.json")
    record = _get(client, f"{BASE}/services/{_some(client, 1)[0]}")
    for key, bad in (("id", "not-a-uuid"), ("email", "not an address"), ("last_modified", "yesterday"),
                     ("minimum_age", None), ("url", "not a url at all")):
        broken = {**record, key: bad}
        assert list(validator.iter_errors(broken)), key
    assert no_nulls({"id": str(uuid.uuid1())}) and no_nulls({"name": None})
