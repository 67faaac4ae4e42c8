"""The whole app on a second, made-up county: another county is data, not code.

Westmarch (tests/counties/westmarch/) has three councils, six postcode districts,
300 full postcodes and eight places. Its pack loads through the same code as
Essex's, and no page the public sees mentions Essex.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from directory.counties.pack import load_pack
from directory.extensions import db
from directory.geo import lookup
from directory.geo.loading import load_places
from directory.geo.models import Area
from tests.conftest import _drop, make_app
from tests.factories import make_category, make_location, make_service

WESTMARCH = Path(__file__).resolve().parent / "westmarch"


@pytest.fixture(scope="module")
def westmarch(tmp_path_factory):
    app = make_app(tmp_path_factory.mktemp("westmarch"), COUNTY=str(WESTMARCH))
    with app.app_context():
        pack = load_pack(str(WESTMARCH))
        report = load_places(pack, WESTMARCH)  # its full postcodes live beside the pack
        assert (report.postcodes, report.districts, report.places, report.areas) == (300, 6, 8, 3)
        areas = {a.slug: a for a in db.session.scalars(db.select(Area))}
        sport = make_category("sport", "Sport and fitness", keywords="football")
        db.session.add(sport)
        db.session.commit()
        make_service(name="Amberley Football Club", areas=[areas["amberley-vale"]], categories=[sport],
                     locations=[make_location(54.101, -4.901, city="Amberley", postal_code="QX1 2AB")])
        make_service(name="Corran Football Nights", areas=[areas["corran"]], categories=[sport],
                     locations=[make_location(54.300, -4.700, city="Corran", postal_code="QX3 4CD")])
        make_service(name="Dunmere Youth Football", areas=[areas["dunmere"]], categories=[sport],
                     locations=[make_location(54.500, -4.950, city="Dunmere", postal_code="QX5 6EF")])
    yield app
    _drop(app)


def test_settings_come_from_the_pack(westmarch):
    assert westmarch.config["SITE_NAME"] == "Signpost Westmarch"
    assert westmarch.config["COUNTY_NAME"] == "Westmarch"
    assert westmarch.config["PREFERRED_COUNTIES"] == ("Westmarch", "Eastmarch")


def test_its_areas_are_listed(westmarch):
    html = westmarch.test_client().get("/areas").get_data(as_text=True)
    assert all(name in html for name in ("Amberley Vale", "Corran", "Dunmere"))
    assert "Harlow" not in html and "Basildon" not in html


@pytest.mark.parametrize("text, kind, label", [
    ("qx3 5ae", "postcode", "QX3 5AE"),
    ("QX4", "district", "QX4"),
    ("Amberley", "place", "Amberley"),
    ("Fenwick", "place", "Fenwick"),  # Westmarch's, not Eastmarch's
    ("Dunmere", "place", "Dunmere"),
])
def test_its_postcodes_and_towns_are_found(westmarch, text, kind, label):
    with westmarch.app_context():
        found = lookup.resolve(text)
    assert (found.kind, found.label) == (kind, label)
    if text == "Fenwick":
        assert found.point.latitude < 54.2  # the one in QX2, not QY1


def test_a_misspelt_town_gets_a_suggestion(westmarch):
    with westmarch.app_context(), pytest.raises(lookup.PlaceNotFound) as raised:
        lookup.resolve("Amberly")
    assert "Amberley" in raised.value.suggestions


@pytest.mark.parametrize("near", ["QX1 6AE", "QX1", "Amberley"])
def test_results_near_a_place_come_nearest_first(westmarch, near):
    answer = westmarch.test_client().get(f"/api/v1/search?q=football&near={near}").get_json()
    names = [r["name"] for r in answer["results"]]
    assert names == ["Amberley Football Club", "Corran Football Nights", "Dunmere Youth Football"]
    distances = [r["distance_miles"] for r in answer["results"]]
    assert distances == sorted(distances)


PUBLIC_PAGES = ["/", "/search?q=football&near=Amberley", "/areas", "/areas/corran", "/categories",
                "/help-now", "/about/data", "/privacy", "/cookies", "/accessibility", "/staying-safe-online",
                "/advice", "/campaigns", "/account/login", "/account/register"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_mentions_essex_and_every_page_has_the_helpline(westmarch, url):
    response = westmarch.test_client().get(url)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Essex" not in html and "essex" not in html.lower()
    assert "Westmarch Youth Line" in html and "01632 960999" in html
    assert "Made-up place data for the Signpost tests." in html
