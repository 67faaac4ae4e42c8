"""The whole app on a second, made-up county: another county is data, not code.

Westmarch (tests/counties/westmarch/) has three councils, six postcode districts,
300 full postcodes, eight places, four demo services, an area page and a guide.
Its pack loads through the same commands and code as Essex's, and no page the
public sees mentions Essex.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from directory.geo import lookup
from tests.conftest import _drop, make_app

WESTMARCH = Path(__file__).resolve().parent / "westmarch"


@pytest.fixture(scope="module")
def westmarch(tmp_path_factory):
    """Set up as a deployer would: the same commands as for Essex, another pack."""
    app = make_app(tmp_path_factory.mktemp("westmarch"), COUNTY=str(WESTMARCH))
    runner = app.test_cli_runner()
    loaded = runner.invoke(args=["places", "load", str(WESTMARCH)])  # its full postcodes sit in the pack
    assert "6 postcode districts, 8 places and 3 areas" in loaded.output, loaded.output
    assert "Loaded 300 full postcodes" in loaded.output
    seeded = runner.invoke(args=["seed-demo"])
    assert "Seeded 4 services" in seeded.output and "Seeded 2 awareness pages" in seeded.output, seeded.output
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
                "/advice/asking-for-help", "/search?q=help",
                "/help-now", "/about/data", "/privacy", "/cookies", "/accessibility", "/cover-your-tracks",
                "/advice", "/campaigns", "/account/login", "/account/register"]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_no_page_mentions_essex_and_every_page_has_the_helpline(westmarch, url):
    response = westmarch.test_client().get(url, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Essex" not in html and "essex" not in html.lower()
    assert "Westmarch Youth Line" in html and "01632 960999" in html
    assert "Made-up place data for the Signpost tests." in html
    assert "Harlow" not in html and "CM1" not in html


def test_its_pages_and_services_came_from_the_pack(westmarch):
    client = westmarch.test_client()
    hub = client.get("/areas/corran").get_data(as_text=True)
    assert "Staying safe in Corran" in hub and "Corran Football Nights" in hub
    guide = client.get("/advice/asking-for-help").get_data(as_text=True)
    assert "Talk to someone you trust" in guide
    crisis = client.get("/api/v1/search?q=urgent").get_json()
    assert [r["name"] for r in crisis["results"]] == ["Westmarch Youth Line"]


def test_place_hints_and_messages_use_its_examples(westmarch):
    html = westmarch.test_client().get("/").get_data(as_text=True)
    assert "like Amberley or QX1" in html
    answer = westmarch.test_client().get("/api/v1/search?q=football&near=Nowhereville").get_json()
    assert "try a postcode like QX1" in answer["error"]
