"""Small helpers every package may import; this module imports none of them.

Ids and clocks, the matching form of names, phone numbers to dial and the great-circle
distance. (Opening times have their own module, directory/opening.py.)
"""
from __future__ import annotations

import math
import re
import uuid
from datetime import datetime, timezone


def new_id() -> str:
    """HSDS 3.0 ids are UUIDs; we store them as their canonical text."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    """Now in UTC, without tzinfo (how every time is stored)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def place_key(name: str) -> str:
    """Matching form of a place name: "Upper Mill-on-Sea" -> "upper mill on sea"."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", name.lower()).split())


def slugify(name: str) -> str:
    return place_key(name).replace(" ", "-")


def dial(number: str) -> str:
    """A phone number as a tel:/sms: target: digits and a leading + only."""
    return "".join(ch for ch in number if ch.isdigit() or ch == "+")


def haversine(lat1: float, lon1: float, lat2: float, lon2: float, radius: float) -> float:
    """Great-circle (haversine) distance between two points, in the unit of ``radius``.

    The formula geopy's great_circle uses, without its object overhead."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * radius * math.asin(min(1.0, math.sqrt(h)))

