"""Load the open-data place files (see ../shared/data/geo/SOURCE.md) into the database."""
from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, insert, select

from directory.extensions import db
from directory.geo.models import Place, Postcode, PostcodeDistrict
from directory.listings.models import Area

POSTCODES_FILE = "postcodes_essex_area.csv"
DISTRICTS_FILE = "postcode_districts_gb.csv"
PLACES_FILE = "geonames_gb_postal_places.csv"
AREAS_FILE = "essex_districts.csv"
BATCH = 5000


class PlaceDataMissing(FileNotFoundError):
    """The folder does not hold the expected open-data files."""


@dataclass
class LoadReport:
    postcodes: int = 0
    districts: int = 0
    places: int = 0
    areas: int = 0


def place_key(name: str) -> str:
    """Matching form of a place name: "Clacton-on-Sea" -> "clacton on sea"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def slugify(name: str) -> str:
    return place_key(name).replace(" ", "-")


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


def _districts(path: Path) -> Iterator[dict]:
    for row in _rows(path):
        if not row["latitude"]:
            continue
        yield {
            "outcode": row["outcode"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
            "lad_code": row["lad_code"],
            "lad_name": row["lad_name"],
        }


def _places(path: Path) -> Iterator[dict]:
    for row in _rows(path):
        if not row["latitude"] or not row["place_name"]:
            continue
        yield {
            "name": row["place_name"],
            "key": place_key(row["place_name"]),
            "outcode": row["outcode"],
            "county": row["admin_name2"],
            "latitude": float(row["latitude"]),
            "longitude": float(row["longitude"]),
        }


def _load_areas(path: Path) -> int:
    """Create or update the council areas; names already set (e.g. by seed) are kept."""
    count = 0
    for row in _rows(path):
        area = db.session.scalar(select(Area).where(Area.ons_code == row["lad_code"]))
        if area is None:
            area = Area(
                ons_code=row["lad_code"],
                name=row["name"],
                slug=slugify(row["name"]),
                official_name=row["register_official_name"],
                authority_type="unitary" if "unitary" in row["authority_type"] else "district",
            )
            db.session.add(area)
        area.postcode_districts = row["postcode_districts_majority"]
        count += 1
    return count


def load_places(folder: Path) -> LoadReport:
    """Replace all place data with the files in ``folder``, in one transaction."""
    folder = Path(folder)
    missing = [
        name
        for name in (POSTCODES_FILE, DISTRICTS_FILE, PLACES_FILE, AREAS_FILE)
        if not (folder / name).is_file()
    ]
    if missing:
        raise PlaceDataMissing(f"{folder} is missing {', '.join(missing)}")
    report = LoadReport()
    for model in (Postcode, PostcodeDistrict, Place):
        db.session.execute(delete(model))
    report.postcodes = _insert_batches(Postcode, _postcodes(folder / POSTCODES_FILE))
    report.districts = _insert_batches(PostcodeDistrict, _districts(folder / DISTRICTS_FILE))
    report.places = _insert_batches(Place, _places(folder / PLACES_FILE))
    report.areas = _load_areas(folder / AREAS_FILE)
    db.session.commit()
    return report
