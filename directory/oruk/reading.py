"""Reading another directory's feed into one shape: ORUK 3.0 services, fully nested.

A source is an ORUK 3.0 or 1.0 JSON file or API base URL, or an HSDS/ORUK CSV data
package (a folder or zip with datapackage.json). ORUK 1.0 records (including the
``eligibilitys``/``service_taxonomys`` spellings of the reference API) are turned
into the 3.0 shape here, so everything after this sees one format.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import urllib.parse
import urllib.request
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

USER_AGENT = "Signpost ORUK importer"
MAX_BYTES = 50 * 1024 * 1024
MAX_PAGES = 2000
ORUK1_MARKERS = {"service_taxonomys", "service_taxonomies", "eligibilitys", "eligibilities", "regular_schedules",
                 "deliverable_type", "attending_type", "holiday_schedules", "reviews"}


class FeedError(ValueError):
    """The source cannot be read at all; the message says why."""


@dataclass
class Feed:
    source: str
    kind: str  # oruk3, oruk1 or csv
    records: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


Fetch = Callable[[str], object]


def fetch_json(url: str) -> object:
    """GET a URL and parse JSON (http and https only, size capped)."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise FeedError(f"{url}: only http and https feeds can be read")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 (scheme checked above)
            body = response.read(MAX_BYTES + 1)
    except OSError as error:
        raise FeedError(f"{url}: could not be read ({error})") from None
    if len(body) > MAX_BYTES:
        raise FeedError(f"{url}: more than {MAX_BYTES // 1024 // 1024} MB")
    try:
        return json.loads(body)
    except ValueError:
        raise FeedError(f"{url}: is not JSON") from None


# --- ORUK 1.0 into the 3.0 shape ---------------------------------------------------------

def is_oruk1(record: dict) -> bool:
    if ORUK1_MARKERS & set(record) or any(key.startswith("pc_") for key in record):
        return True
    return any("physical_addresses" in (link.get("location") or {}) for link in record.get("service_at_locations") or [])


def _list(record: dict, *names: str) -> list:
    for name in names:
        value = record.get(name)
        if isinstance(value, list):
            return value
    return []


def from_oruk1(record: dict) -> dict:
    """An ORUK 1.0 service (list or detail level) as a 3.0-shaped one."""
    out = {k: v for k, v in record.items() if not isinstance(v, (list, dict))}
    organization = record.get("organization")
    if isinstance(organization, dict):
        out["organization"] = {**organization, "website": organization.get("url") or organization.get("website")}
    eligibility = _list(record, "eligibilitys", "eligibilities")
    if eligibility and isinstance(eligibility[0], dict):
        out.setdefault("minimum_age", eligibility[0].get("minimum_age"))
        out.setdefault("maximum_age", eligibility[0].get("maximum_age"))
        out["eligibility_description"] = eligibility[0].get("eligibility") or ""
    out["attributes"] = [{"taxonomy_term": {"id": (t.get("taxonomy") or {}).get("id"),
                                            "name": (t.get("taxonomy") or {}).get("name"),
                                            "taxonomy": (t.get("taxonomy") or {}).get("vocabulary")}}
                         for t in _list(record, "service_taxonomys", "service_taxonomies") if isinstance(t, dict)]
    out["schedules"] = [{"byday": s.get("byday") or s.get("weekday"), "opens_at": s.get("opens_at"),
                         "closes_at": s.get("closes_at"), "description": s.get("description")}
                        for s in _list(record, "regular_schedules") if isinstance(s, dict)]
    out["service_at_locations"] = []
    for link in _list(record, "service_at_locations"):
        location = (link or {}).get("location") or {}
        addresses = _list(location, "physical_addresses", "addresses")
        out["service_at_locations"].append({"location": {**{k: v for k, v in location.items()
                                                              if not isinstance(v, (list, dict))},
                                                           "addresses": addresses}})
    out["contacts"] = [c for c in _list(record, "contacts") if isinstance(c, dict)]
    out["phones"] = [p for c in out["contacts"] for p in _list(c, "phones") if isinstance(p, dict)]
    out["languages"] = [{"name": lang.get("language") or lang.get("name")} for lang in _list(record, "languages")
                        if isinstance(lang, dict)]
    out["cost_options"] = [c for c in _list(record, "cost_options") if isinstance(c, dict)]
    out["service_areas"] = [a for a in _list(record, "service_areas") if isinstance(a, dict)]
    for key in ("pc_targetAudience", "deliverable_type", "attending_type"):
        if key in record:
            out[key] = record[key]
    return out


# --- files -------------------------------------------------------------------------------

def _records_in(document: object) -> tuple[list[dict], str]:
    """The service records in a JSON document, and whether it is an ORUK 1.0 envelope."""
    if isinstance(document, list):
        return [r for r in document if isinstance(r, dict)], ""
    if isinstance(document, dict):
        if isinstance(document.get("contents"), list):
            return [r for r in document["contents"] if isinstance(r, dict)], "oruk3"
        if isinstance(document.get("content"), list):
            return [r for r in document["content"] if isinstance(r, dict)], "oruk1"
        if document.get("id") and document.get("name"):
            return [document], ""
    raise FeedError("no services found: expected a list of services or a paged list")


def _as_feed(source: str, records: list[dict], kind: str) -> Feed:
    oruk1 = kind == "oruk1" or (kind == "" and any(is_oruk1(r) for r in records))
    return Feed(source, "oruk1" if oruk1 else "oruk3", [from_oruk1(r) if oruk1 else r for r in records])


def read_json_file(path: Path) -> Feed:
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as error:
        raise FeedError(f"{path}: could not be read as JSON ({error})") from None
    records, kind = _records_in(document)
    return _as_feed(str(path), records, kind)


# --- CSV data packages -------------------------------------------------------------------

def _tables(path: Path) -> dict[str, list[dict]]:
    """Each resource of the package by name, as rows of text."""
    try:
        with contextlib.ExitStack() as stack:
            if path.is_dir():
                def read(name: str) -> str:
                    return (path / name).read_text(encoding="utf-8-sig")
            else:
                package = stack.enter_context(zipfile.ZipFile(path))
                names = package.namelist()
                root = next((n[: -len("datapackage.json")] for n in names if n.endswith("datapackage.json")), "")

                def read(name: str) -> str:
                    return package.read(root + name).decode("utf-8-sig")
            tables = {}
            for resource in json.loads(read("datapackage.json")).get("resources", []):
                try:
                    tables[resource["name"]] = list(csv.DictReader(io.StringIO(read(resource["path"]))))
                except (KeyError, OSError):
                    tables[resource.get("name", "?")] = []
            return tables
    except (OSError, ValueError, zipfile.BadZipFile, KeyError) as error:
        raise FeedError(f"{path}: not a data package with datapackage.json ({error})") from None


def _by(rows: list[dict], key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        grouped[row.get(key) or ""].append(row)
    return grouped


def read_csv_package(path: Path) -> Feed:
    tables = _tables(path)
    organizations = {row["id"]: row for row in tables.get("organization", []) if row.get("id")}
    locations = {row["id"]: row for row in tables.get("location", []) if row.get("id")}
    terms = {row["id"]: row for row in tables.get("taxonomy_term", []) if row.get("id")}
    addresses = _by(tables.get("address", []), "location_id")
    accessibility = _by(tables.get("accessibility", []), "location_id")
    links = _by(tables.get("service_at_location", []), "service_id")
    contacts = _by(tables.get("contact", []), "service_id")
    contact_service = {c["id"]: c.get("service_id") for c in tables.get("contact", []) if c.get("id")}
    phones: dict[str, list[dict]] = defaultdict(list)
    for phone in tables.get("phone", []):
        owner = phone.get("service_id") or contact_service.get(phone.get("contact_id") or "")
        if owner:
            phones[owner].append(phone)
    attributes = _by([a for a in tables.get("attribute", []) if (a.get("link_type") or "service") == "service"],
                     "link_id")
    nested = {name: _by(tables.get(resource, []), "service_id") for name, resource in (
        ("schedules", "schedule"), ("languages", "language"), ("cost_options", "cost_option"),
        ("service_areas", "service_area"), ("funding", "funding"))}
    records = []
    for row in tables.get("service", []):
        sid = row.get("id") or ""
        record = dict(row)
        if row.get("organization_id") in organizations:
            record["organization"] = organizations[row["organization_id"]]
        record["service_at_locations"] = [
            {"id": link.get("id"), "location": {**locations[link["location_id"]],
                                                "addresses": addresses.get(link["location_id"], []),
                                                "accessibility": accessibility.get(link["location_id"], [])}}
            for link in links.get(sid, []) if link.get("location_id") in locations]
        record["contacts"] = contacts.get(sid, [])
        record["phones"] = phones.get(sid, [])
        record["attributes"] = [{**a, "taxonomy_term": terms.get(a.get("taxonomy_term_id") or "", {})}
                                for a in attributes.get(sid, [])]
        for name, grouped in nested.items():
            record[name] = grouped.get(sid, [])
        records.append(record)
    if not records:
        raise FeedError(f"{path}: the package has no services")
    return Feed(str(path), "csv", records)


# --- APIs --------------------------------------------------------------------------------

def _is_last(document: object, records: list[dict], per_page: int, number: int) -> bool:
    """Whether this page is the feed's last: its own flags first, then its size."""
    if isinstance(document, dict):
        for flag in ("last_page", "last"):
            if isinstance(document.get(flag), bool):
                return document[flag]
        pages = document.get("total_pages") or document.get("totalPages")
        if isinstance(pages, int):
            return number >= pages
    return len(records) < per_page


def _pages(base: str, fetch: Fetch, per_page: int) -> Iterator[tuple[list[dict], str]]:
    for number in range(1, MAX_PAGES + 1):
        query = urllib.parse.urlencode({"page": number, "per_page": per_page})
        document = fetch(f"{base}/services?{query}")
        records, kind = _records_in(document)
        if not records:
            return
        yield records, kind
        if _is_last(document, records, per_page, number):
            return


def read_api(base: str, fetch: Fetch = fetch_json, per_page: int = 100) -> Feed:
    """Every service of an ORUK API, each read in full from /services/{id}."""
    base = base.rstrip("/")
    records: list[dict] = []
    kind = ""
    notes: list[str] = []
    for page, page_kind in _pages(base, fetch, per_page):
        kind = kind or page_kind
        for item in page:
            try:
                detail = fetch(f"{base}/services/{urllib.parse.quote(str(item.get('id', '')), safe='')}")
                if not isinstance(detail, dict) or not detail.get("id"):
                    detail = item
                elif str(detail.get("name") or "").strip() != str(item.get("name") or "").strip():
                    # One id used for two services: the detail is the other one's.
                    notes.append(f"{item.get('id')}: the feed uses this id for more than one service; "
                                 f"the list's record of \"{item.get('name')}\" is used")
                    detail = item
                records.append(detail)
            except FeedError as error:
                notes.append(f"{item.get('id')}: the full record could not be read, the list's is used ({error})")
                records.append(item)
    feed = _as_feed(base, records, kind)
    feed.notes.extend(notes)
    return feed


def read(source: str, fetch: Fetch = fetch_json) -> Feed:
    """Read any supported source; FeedError says why one cannot be."""
    if source.startswith(("http://", "https://")):
        return read_api(source, fetch)
    path = Path(source)
    if path.is_dir() or path.suffix.lower() == ".zip":
        return read_csv_package(path)
    if path.suffix.lower() == ".json":
        return read_json_file(path)
    raise FeedError(f"{source}: give an ORUK API base URL, a .json file, or a CSV data package (folder or .zip)")
