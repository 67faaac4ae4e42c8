"""Turn what someone typed in "near" into a point on the map, offline.

Order: full postcode, then its district; a district on its own; then a town or
village from the gazetteer, preferring the county and then its neighbours (the
pack's ``preferred_counties``); then a council area by name.
"""
from __future__ import annotations

import difflib
import math
from dataclasses import dataclass

from flask import current_app
from geopy import units
from geopy.distance import EARTH_RADIUS, great_circle
from sqlalchemy import func, select

from directory.core import haversine, place_key
from directory.extensions import db
from directory.geo import postcodes
from directory.geo.models import Area, Place, Postcode, PostcodeDistrict

MAX_NEAR_LENGTH = 100


def _preferred_counties() -> tuple[str, ...]:
    """Counties searched for a place name, best first (from the county pack), so a
    name shared with a far-away county goes to the nearby one."""
    return tuple(current_app.config["PREFERRED_COUNTIES"])


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ResolvedPlace:
    """Where "near" points: a label fit to show back, and coordinates."""

    label: str
    point: Point
    kind: str  # postcode, district, place, area or coordinates
    lad_code: str = ""


class PlaceError(ValueError):
    """Base for "near" problems that the page explains to the person."""


class PlaceNotFound(PlaceError):
    def __init__(self, text: str, suggestions: list[str]):
        super().__init__(text)
        self.suggestions = suggestions


class PlacesUnavailable(PlaceError):
    """No place data is loaded, so only browser coordinates can work."""


class BadCoordinates(PlaceError):
    pass


def places_loaded() -> bool:
    return db.session.scalar(select(PostcodeDistrict.outcode).limit(1)) is not None


def from_coordinates(latitude: float, longitude: float) -> ResolvedPlace:
    """Validate browser coordinates (ENC-5): finite and on the globe."""
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise BadCoordinates("coordinates must be numbers")
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise BadCoordinates("coordinates are off the map")
    return ResolvedPlace("your location", Point(latitude, longitude), "coordinates")


def _district(outcode: str) -> PostcodeDistrict | None:
    return db.session.get(PostcodeDistrict, outcode)


def _from_district(district: PostcodeDistrict) -> ResolvedPlace:
    return ResolvedPlace(
        district.outcode,
        Point(district.latitude, district.longitude),
        "district",
        district.lad_code,
    )


def _resolve_postcode(canonical: str) -> ResolvedPlace | None:
    row = db.session.get(Postcode, canonical)
    if row is not None:
        return ResolvedPlace(canonical, Point(row.latitude, row.longitude), "postcode", row.lad_code)
    # Terminated or out-of-area postcode: fall back to its district.
    district = _district(canonical.split(" ")[0])
    return _from_district(district) if district else None


def _county_rank(county: str) -> int:
    preferred = _preferred_counties()
    return preferred.index(county) if county in preferred else len(preferred)


def _resolve_place_name(key: str) -> ResolvedPlace | None:
    rows = db.session.scalars(select(Place).where(Place.key == key)).all()
    if not rows:
        return None
    best = min(_county_rank(r.county) for r in rows)
    chosen = [r for r in rows if _county_rank(r.county) == best]
    lat = sum(r.latitude for r in chosen) / len(chosen)
    lon = sum(r.longitude for r in chosen) / len(chosen)
    district = _district(chosen[0].outcode)
    return ResolvedPlace(
        chosen[0].name, Point(lat, lon), "place", district.lad_code if district else ""
    )


def _resolve_area_name(key: str) -> ResolvedPlace | None:
    for area in db.session.scalars(select(Area)).all():
        if place_key(area.name) != key:
            continue
        outcodes = [o for o in area.postcode_districts.split(";") if o]
        districts = [d for d in (_district(o) for o in outcodes) if d]
        if not districts:
            return None
        lat = sum(d.latitude for d in districts) / len(districts)
        lon = sum(d.longitude for d in districts) / len(districts)
        return ResolvedPlace(area.name, Point(lat, lon), "area", area.ons_code)
    return None


def resolve(text: str) -> ResolvedPlace:
    """Resolve a postcode, postcode district, town or council name.

    Raises PlacesUnavailable when no place data is loaded, PlaceNotFound (with
    suggestions) when nothing matches.
    """
    text = text.strip()[:MAX_NEAR_LENGTH]
    if not places_loaded():
        raise PlacesUnavailable(text)
    canonical = postcodes.parse_full_postcode(text)
    if canonical:
        found = _resolve_postcode(canonical)
        if found:
            return found
    outcode = postcodes.parse_district(text)
    if outcode:
        district = _district(outcode)
        if district:
            return _from_district(district)
    key = place_key(text)
    if key:
        found = _resolve_place_name(key) or _resolve_area_name(key)
        if found:
            return found
    raise PlaceNotFound(text, suggest(text))


def _known_names() -> dict[str, str]:
    """Matching key -> display name for places in the preferred counties and areas."""
    names: dict[str, str] = {}
    rows = db.session.execute(
        select(Place.key, func.min(Place.name))
        .where(Place.county.in_(_preferred_counties()[:1]))
        .group_by(Place.key)
    )
    for key, name in rows:
        names[key] = name
    for area in db.session.scalars(select(Area)).all():
        names[place_key(area.name)] = area.name
    return names


def suggest(text: str, limit: int = 3) -> list[str]:
    """Close matches for a misspelt place name (a letter or two out)."""
    key = place_key(text)
    if not key:
        return []
    names = _known_names()
    close = difflib.get_close_matches(key, list(names), n=limit, cutoff=0.7)
    if len(close) < limit:
        close += [k for k in sorted(names) if k.startswith(key) and k not in close]
    return [names[k] for k in close[:limit]]


EARTH_RADIUS_MILES = units.miles(kilometers=EARTH_RADIUS)


def distance_miles(a: Point, b: Point) -> float:
    """Great-circle distance in miles, via geopy (used for every figure shown)."""
    return great_circle((a.latitude, a.longitude), (b.latitude, b.longitude)).miles


def fast_distance_miles(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """The same great-circle formula as geopy, without its object overhead.

    Used only to rank thousands of candidates; tests check it agrees with geopy.
    """
    return haversine(lat1, lon1, lat2, lon2, EARTH_RADIUS_MILES)


def postcode_point(postcode: str) -> tuple[Point, str] | None:
    """Coordinates and council code for an address's postcode, falling back to its
    district; None if no place data is loaded or the postcode is unknown."""
    canonical = postcodes.parse_full_postcode(postcode)
    if not canonical:
        return None
    found = _resolve_postcode(canonical)
    return (found.point, found.lad_code) if found else None
