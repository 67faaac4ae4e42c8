"""Test data made through the same operation the app uses to publish a change."""
from __future__ import annotations

import itertools

from directory.geo.models import Area
from directory.listings.models import Category, Location, Organization, Service
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


PASSWORD = "correct horse battery staple"


def make_user(role=None, areas=(), email=None, password=PASSWORD, confirmed=True, name="Test Person"):
    """An account made directly (as an admin's invitation would end up)."""
    import pyotp

    from directory.accounts.models import Role, User
    from directory.accounts.passwords import hash_password
    from directory.core import utcnow
    from directory.extensions import db

    role = role or Role.CONTRIBUTOR
    n = next(_counter)
    user = User(
        email=email or f"person{n}@example.org",
        display_name=f"{name} {n}",
        password_hash=hash_password(password),
        role=role,
        email_confirmed_at=utcnow() if confirmed else None,
        totp_secret=pyotp.random_base32() if role.is_staff else None,
        areas=list(areas),
    )
    db.session.add(user)
    db.session.commit()
    # Usable after the app context ends (tests read its e-mail and id later).
    db.session.refresh(user)
    _ = user.areas
    db.session.expunge(user)
    return user
