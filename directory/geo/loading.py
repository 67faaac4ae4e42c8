"""Load a county pack's place tables (and, where given, full postcodes) into the database.

Look-ups then need no file and no network. The pack's SOURCE.md says where the
data comes from.
"""
from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select

from directory.core import place_key
from directory.counties.pack import CountyPack
from directory.extensions import db
from directory.geo.models import Area, Place, Postcode, PostcodeDistrict

BATCH = 5000


@dataclass
class LoadReport:
    postcodes: int = 0
    districts: int = 0
    places: int = 0
    areas: int = 0


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        yield from csv.DictReader(fh)


def _insert_batches(model: type, rows: Iterable[dict]) -> int:
    count = 0
    batch: list[dict] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            db.session.execute(insert(model), batch)
            count += len(batch)
            batch = []
    if batch:
        db.session.execute(insert(model), batch)
        count += len(batch)
    return count


def _postcodes(path: Path) -> Iterator[dict]:
    for row in _rows(path):
        if not row["latitude"]:
            continue  # non-geographic postcodes have no position
        yield {
            "postcode": row["postcode"],
            "outcode": row["outcode"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
            "lad_code": row["lad_code"],
        }


def upsert_areas(pack: CountyPack) -> dict[str, Area]:
    """Create or update the pack's council areas (matched on ONS code), by slug."""
    areas = {}
    for row in pack.areas():
        area = db.session.scalar(select(Area).where(Area.ons_code == row.ons_code))
        if area is None:
            area = Area(ons_code=row.ons_code)
            db.session.add(area)
        area.name = row.name
        area.slug = row.slug
        area.official_name = row.official_name
        area.authority_type = row.authority_type
        area.postcode_districts = ";".join(row.postcode_districts)
        areas[row.slug] = area
    return areas


def _places(pack: CountyPack) -> Iterator[dict]:
    for row in pack.places():
        yield {**row, "key": place_key(row["name"])}


def full_postcodes_file(pack: CountyPack, folder: Path | None) -> Path | None:
    """The full-postcode file in ``folder`` that the pack names, if it is there."""
    if folder is None or not pack.full_postcodes_file:
        return None
    path = Path(folder) / pack.full_postcodes_file
    return path if path.is_file() else None


def load_places(pack: CountyPack, folder: Path | None = None) -> LoadReport:
    """Replace all place data, in one transaction: the pack's postcode districts,
    places and areas, and full postcodes from ``folder`` if it holds the pack's
    full-postcode file (without it a full postcode resolves to its district)."""
    report = LoadReport()
    for model in (Postcode, PostcodeDistrict, Place):
        db.session.execute(delete(model))
    postcodes = full_postcodes_file(pack, folder)
    if postcodes is not None:
        report.postcodes = _insert_batches(Postcode, _postcodes(postcodes))
    report.districts = _insert_batches(PostcodeDistrict, pack.postcode_districts())
    report.places = _insert_batches(Place, _places(pack))
    report.areas = len(upsert_areas(pack))
    db.session.commit()
    return report
