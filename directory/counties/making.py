"""Computing a pack's small place tables from the open data files.

Run as ``flask places make-pack SOURCE`` with SOURCE a folder holding the OS
Code-Point Open derived ``postcode_districts_gb.csv`` and the GeoNames
``geonames_gb_postal_places.csv`` (see the pack's SOURCE.md). Keeps the postcode
districts where the pack's councils hold postcodes, every district whose centre
is within ``radius_km`` of one of those, and the gazetteer's places in them.

``flask places make-outlines SOURCE`` writes the pack's ``outlines.json`` (the
councils' boundaries for the server-drawn map) from a GeoJSON file with one
feature per council, its ``id`` or ``lad_code`` the ONS code: see
``make_outlines``.
"""
from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

from directory.core import haversine
from directory.counties.pack import OUTLINES_FILE, Projection, read_areas

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


@dataclass
class MadeOutlines:
    areas: int
    rings: int
    points: int
    source_points: int


Point = tuple[float, float]


def douglas_peucker(points: list[Point], tolerance: float) -> list[Point]:
    """The points of the line that stay more than ``tolerance`` from the simplified line,
    ends always kept (Douglas and Peucker, 1973). Iterative, so long lines need no deep stack."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    spans = [(0, len(points) - 1)]
    while spans:
        first, last = spans.pop()
        farthest, distance = 0, tolerance
        for index in range(first + 1, last):
            away = _segment_distance(points[index], points[first], points[last])
            if away > distance:
                farthest, distance = index, away
        if farthest:
            keep[farthest] = True
            spans += [(first, farthest), (farthest, last)]
    return [point for point, kept in zip(points, keep, strict=True) if kept]


def _segment_distance(point: Point, start: Point, end: Point) -> float:
    (px, py), (ax, ay), (bx, by) = point, start, end
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    along = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - along * dx, py - ay - along * dy)


def ring_area(ring: list[Point] | tuple) -> float:
    """The area inside a closed ring (shoelace formula), whatever its direction."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))) / 2


def read_rings(source: Path) -> dict[str, list[list[tuple[float, float]]]]:
    """ONS code -> the feature's rings (outer and holes alike) as (longitude, latitude) lists."""
    found: dict[str, list[list[tuple[float, float]]]] = {}
    for feature in json.loads(source.read_text(encoding="utf-8"))["features"]:
        code = feature.get("id") or feature["properties"]["lad_code"]
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        found.setdefault(code, []).extend([(lon, lat) for lon, lat, *_ in ring] for polygon in polygons
                                          for ring in polygon)
    return found


def _shared_simplify(rings: list[list[Point]], tolerance: float) -> list[list[Point]]:
    """Douglas-Peucker on each stretch of boundary once, however many rings run along it,
    so neighbouring councils keep one shared border (no slivers or gaps between them).

    A ring is cut wherever the set of rings holding its points changes (where the border
    with one neighbour meets the next, or the coast); each stretch between cuts is
    simplified in one direction, so both sides of a border get the same points."""
    holders: dict[Point, set[int]] = {}
    opened = [ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring for ring in rings]
    for number, ring in enumerate(opened):
        for point in ring:
            holders.setdefault(point, set()).add(number)
    cuts = {ring[i] for ring in opened for i in range(len(ring))
            if holders[ring[i]] != holders[ring[i - 1]] or holders[ring[i]] != holders[ring[(i + 1) % len(ring)]]}
    done: dict[tuple[Point, ...], list[Point]] = {}
    simplified = []
    for ring in opened:
        starts = [i for i, point in enumerate(ring) if point in cuts]
        if not starts:  # an island or a ring of its own: cut at its least point and the one farthest off
            low = ring.index(min(ring))
            far = max(range(len(ring)), key=lambda i: math.dist(ring[low], ring[i]))
            starts = sorted({low, far})
        out: list[Point] = []
        for first, last in zip(starts, starts[1:] + [starts[0] + len(ring)], strict=True):
            stretch = tuple(ring[i % len(ring)] for i in range(first, last + 1))
            backwards = stretch[::-1]
            key = min(stretch, backwards)
            if key not in done:
                done[key] = douglas_peucker(list(key), tolerance)
            out += (done[key] if key == stretch else done[key][::-1])[:-1]
        simplified.append(out + out[:1])
    return simplified


def make_outlines(folder: Path, source: Path, tolerance_m: float = 150.0, unit_m: float = 50.0) -> MadeOutlines:
    """Write the pack folder's outlines.json from the GeoJSON ``source`` (WGS84), for
    the councils in its areas.csv.

    Points are projected onto a flat plane (equirectangular about the mean of all the
    points, ``Projection``), each stretch of border is simplified once with
    Douglas-Peucker to ``tolerance_m`` and the points rounded to a grid of ``unit_m``.
    A ring left with fewer than 4 points (3 corners) is dropped, except each council's
    largest, which is always kept."""
    areas = {area.ons_code: area for area in read_areas(folder / "areas.csv")}
    features = {code: rings for code, rings in read_rings(source).items() if code in areas}
    every = [point for rings in features.values() for ring in rings for point in ring]
    projection = Projection(round(sum(p[1] for p in every) / len(every), 4),
                            round(sum(p[0] for p in every) / len(every), 4))
    order = [(code, number) for code, rings in features.items() for number in range(len(rings))]
    flat = [[projection.metres(lat, lon) for lon, lat in features[code][number]] for code, number in order]
    simplified = dict(zip(order, _shared_simplify(flat, tolerance_m), strict=True))
    written, points = [], 0
    for code in [a for a in areas if a in features]:
        rings = []
        for number in range(len(features[code])):
            grid = [(round(x / unit_m), round(y / unit_m)) for x, y in simplified[(code, number)]]
            rings.append([list(p) for i, p in enumerate(grid) if i == 0 or p != grid[i - 1]])
        largest = max(rings, key=ring_area)
        rings = [ring for ring in rings if len(ring) >= 4 or ring is largest]
        points += sum(len(ring) for ring in rings)
        written.append({"ons_code": code, "name": areas[code].name, "rings": rings})
    data = {"projection": projection.as_json(), "unit_m": unit_m,
            "tolerance_m": tolerance_m, "areas": written}
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    # One area per line: small, and a change shows as a readable diff.
    text = text.replace(',"areas":[{', ',"areas":[\n{').replace('},{"ons_code"', '},\n{"ons_code"')
    (folder / OUTLINES_FILE).write_text(text + "\n", encoding="utf-8")
    return MadeOutlines(len(written), sum(len(a["rings"]) for a in written), points, len(every))
