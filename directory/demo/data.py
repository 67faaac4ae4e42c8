"""A county pack's taxonomy and demo directory, read from its JSON files and checked.

``categories.json`` is the taxonomy with the words young people use for each need;
``demo/organisations.json`` and ``demo/services.json`` are the demo directory:
real national helplines with their real published numbers, and fictional local
services (their organisation has ``is_fictional``) so every area and category has
something to show. Fictional phone numbers come only from Ofcom's drama ranges,
e-mails and websites use example.org, and postcodes are real ones in the right
area so distance search works. No coordinates are stored: they come from the
postcode when the demo is seeded.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from directory.counties.pack import CountyPack, PackError

OPTIONAL_TEXT = (str, type(None))
OPTIONAL_INT = (int, type(None))

CATEGORY_FIELDS = {"slug": str, "name": str, "description": str, "keywords": str}
ORGANISATION_FIELDS = {"key": str, "name": str, "description": str, "url": OPTIONAL_TEXT,
                       "email": OPTIONAL_TEXT, "is_fictional": bool}
SERVICE_FIELDS = {
    "org": str, "name": str, "summary": str, "description": str, "url": OPTIONAL_TEXT,
    "email": OPTIONAL_TEXT, "categories": list, "areas": (list, str), "min_age": OPTIONAL_INT,
    "max_age": OPTIONAL_INT, "eligibility": str, "free": bool, "fees": str, "modes": list,
    "languages": list, "commissioned_by": OPTIONAL_TEXT, "phones": list, "contacts": list,
    "schedule": (list, str), "schedule_notes": str, "open_on_bank_holidays": bool, "locations": list,
    "safeguarding": dict,
    "assured_days_ago": int, "alert": str, "status": str,
}
PART_FIELDS = {
    "locations": {"name": str, "address_1": str, "city": str, "postal_code": str, "confidential": bool},
    "phones": {"number": str, "type": str, "description": str},
    "contacts": {"name": str, "title": str, "email": OPTIONAL_TEXT},
}
SAFEGUARDING_FIELDS = {"policy": bool, "dbs": bool, "lead": str}
# A service may leave these out (packs written before them): open_on_bank_holidays is false.
OPTIONAL_SERVICE_FIELDS = frozenset({"open_on_bank_holidays"})


@dataclass(frozen=True)
class DemoData:
    categories: list[dict]
    organisations: list[dict]
    services: list[dict]


def _check(record, fields: dict, where: str, optional: frozenset[str] = frozenset()) -> None:
    if not isinstance(record, dict):
        raise PackError(f"{where}: must be an object")
    missing = sorted(set(fields) - set(record) - optional)
    unknown = sorted(set(record) - set(fields))
    if missing or unknown:
        raise PackError(f"{where}: missing {', '.join(missing) or 'nothing'}; unknown {', '.join(unknown) or 'nothing'}")
    for name, kind in fields.items():
        if name in record and not isinstance(record[name], kind):
            raise PackError(f"{where}: {name} has the wrong type ({type(record[name]).__name__})")


def _records(path: Path, fields: dict, label: str, optional: frozenset[str] = frozenset()) -> list[dict]:
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise PackError(f"{path}: not valid JSON ({error})") from None
    if not isinstance(records, list):
        raise PackError(f"{path}: must be a list of records")
    for number, record in enumerate(records, start=1):
        name = record.get(label, "?") if isinstance(record, dict) else "?"
        _check(record, fields, f"{path}, record {number} ({name})", optional)
    return records


def categories(pack: CountyPack) -> list[dict]:
    """The taxonomy, in the order it is shown."""
    return _records(pack.file("categories.json"), CATEGORY_FIELDS, "slug")


def has_demo(pack: CountyPack) -> bool:
    return (pack.folder / "demo" / "services.json").is_file()


def demo_data(pack: CountyPack) -> DemoData:
    """The pack's demo directory, every record and every reference checked."""
    cats = categories(pack)
    orgs = _records(pack.file("demo/organisations.json"), ORGANISATION_FIELDS, "key")
    path = pack.file("demo/services.json")
    services = _records(path, SERVICE_FIELDS, "name", OPTIONAL_SERVICE_FIELDS)
    known = {"org": {o["key"] for o in orgs}, "categories": {c["slug"] for c in cats},
             "areas": {a.slug for a in pack.areas()}}
    for number, service in enumerate(services, start=1):
        where = f"{path}, record {number} ({service['name']})"
        if service["org"] not in known["org"]:
            raise PackError(f"{where}: org {service['org']!r} is not in demo/organisations.json")
        unknown = set(service["categories"]) - known["categories"]
        if unknown:
            raise PackError(f"{where}: categories {', '.join(sorted(unknown))} are not in categories.json")
        if service["areas"] != "county" and (isinstance(service["areas"], str)
                                             or set(service["areas"]) - known["areas"]):
            raise PackError(f"{where}: areas must be \"county\" or slugs from areas.csv")
        _check(service["safeguarding"], SAFEGUARDING_FIELDS, f"{where}, safeguarding")
        for part, fields in PART_FIELDS.items():
            for index, item in enumerate(service[part], start=1):
                _check(item, fields, f"{where}, {part} {index}", optional=frozenset({"confidential"}))
    return DemoData(cats, orgs, services)
