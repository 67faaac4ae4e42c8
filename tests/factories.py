"""Test data made through the same operation the app uses to publish a change."""
from __future__ import annotations

import itertools

from directory.listings.models import Area, Category, Location, Organization, Service
from directory.listings.operations import save_service

_counter = itertools.count(1)


def make_area(slug: str = "harlow", name: str = "Harlow", ons_code: str = "E07000073") -> Area:
    return Area(slug=slug, name=name, ons_code=ons_code, official_name=f"{name} Council",
                authority_type="district", postcode_districts="")


def make_service(**fields) -> Service:
    n = next(_counter)
    organization = fields.pop("organization", None) or Organization(
        name=f"Test organisation {n}", is_fictional=True
    )
    defaults = dict(
        name=f"Test service {n}",
        slug=f"test-service-{n}",
        summary="A test service",
        description="Somewhere to go after school.",
        minimum_age=11,
        maximum_age=19,
        delivery_modes="in_person",
    )
    defaults.update(fields)
    return save_service(Service(organization=organization, **defaults))


def make_location(lat: float, lon: float, **fields) -> Location:
    defaults = dict(name="Youth centre", address_1="1 Test Street", city="Harlow",
                    postal_code="CM20 1AB", latitude=lat, longitude=lon)
    defaults.update(fields)
    return Location(**defaults)


def make_category(slug: str = "sport", name: str = "Sport", keywords: str = "") -> Category:
    return Category(slug=slug, name=name, keywords=keywords)
