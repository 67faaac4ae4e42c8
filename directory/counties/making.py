"""Computing a pack's small place tables from the open data files.

Run as ``flask places make-pack SOURCE`` with SOURCE a folder holding the OS
Code-Point Open derived ``postcode_districts_gb.csv`` and the GeoNames
``geonames_gb_postal_places.csv`` (see the pack's SOURCE.md). Keeps the postcode
districts where the pack's councils hold postcodes, every district whose centre
is within ``radius_km`` of one of those, and the gazetteer's places in them.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from directory.core import haversine
from directory.counties.pack import read_areas

DISTRICTS_SOURCE = "postcode_districts_gb.csv"
PLACES_SOURCE = "geonames_gb_postal_places.csv"
EARTH_KM = 6371.0088


@dataclass
class MadeTables:
    districts: int
    places: int


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return haversine(*a, *b, EARTH_KM)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _in_county(row: dict[str, str], codes: set[str]) -> bool:
    """Does one of the county's councils hold postcodes in this district?"""
    holders = {part.split(":")[0] for part in row["lad_breakdown"].split("|") if part}
    return row["lad_code"] in codes or bool(holders & codes)


def make_place_tables(folder: Path, source: Path, radius_km: float = 30.0) -> MadeTables:
    """Write the pack folder's postcode_districts.csv and places.csv from ``source``,
    for the councils in its areas.csv."""
    codes = {area.ons_code for area in read_areas(folder / "areas.csv")}
    districts = [r for r in _read(source / DISTRICTS_SOURCE) if r["latitude"]]
    centres = [(float(r["latitude"]), float(r["longitude"])) for r in districts if _in_county(r, codes)]
    kept = [r for r in districts
            if any(_km((float(r["latitude"]), float(r["longitude"])), c) <= radius_km for c in centres)]
    _write(folder / "postcode_districts.csv", ["outcode", "latitude", "longitude", "lad_code", "lad_name"],
           [{k: r[k] for k in ("outcode", "latitude", "longitude", "lad_code", "lad_name")} for r in kept])
    outcodes = {r["outcode"] for r in kept}
    places = [{"name": p["place_name"], "outcode": p["outcode"], "county": p["admin_name2"],
               "latitude": p["latitude"], "longitude": p["longitude"]}
              for p in _read(source / PLACES_SOURCE)
              if p["outcode"] in outcodes and p["place_name"] and p["latitude"]]
    _write(folder / "places.csv", ["name", "outcode", "county", "latitude", "longitude"], places)
    return MadeTables(len(kept), len(places))
