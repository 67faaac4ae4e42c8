import math

import pytest
from geopy.distance import great_circle
from hypothesis import given
from hypothesis import strategies as st

from directory.geo import lookup, postcodes
from tests.conftest import HAS_FULL_POSTCODES


@pytest.mark.parametrize(
    "text, expected",
    [("cm20 1ab", "CM20 1AB"), ("CM201AB", "CM20 1AB"), (" ss0  7aa ", "SS0 7AA"), ("CM1", None), ("hello", None)],
)
def test_full_postcodes_are_recognised_in_any_spacing(text, expected):
    assert postcodes.parse_full_postcode(text) == expected


def test_outward_code_of_full_postcode_and_district():
    assert postcodes.outward_code("CM20 1AB") == "CM20"
    assert postcodes.outward_code("co15") == "CO15"
    assert postcodes.outward_code("not a postcode") == ""


@pytest.mark.parametrize(
    "text, kind, lad_code",
    [
        ("CM1", "district", "E07000070"),
        # Without the full-postcode file a postcode resolves to its district's centre.
        ("cm20 1ab", "postcode" if HAS_FULL_POSTCODES else "district", "E07000073"),
        ("Harlow", "place", "E07000073"),
        ("Clacton-on-Sea", "place", "E07000076"),
        ("clacton on sea", "place", "E07000076"),
        ("Saffron Walden", "place", "E07000077"),
        ("Basildon", "place", "E07000066"),  # not the Basildon in Berkshire
        ("Thurrock", "area", "E06000034"),
    ],
)
def test_resolve_postcodes_districts_towns_and_areas(demo_app, text, kind, lad_code):
    with demo_app.app_context():
        place = lookup.resolve(text)
    assert place.kind == kind
    assert place.lad_code == lad_code
    assert 51.3 < place.point.latitude < 52.2 and -0.1 < place.point.longitude < 1.4


def test_unknown_place_suggests_close_names(demo_app):
    with demo_app.app_context():
        with pytest.raises(lookup.PlaceNotFound) as caught:
            lookup.resolve("Colchster")
    assert "Colchester" in caught.value.suggestions


def test_nonsense_postcode_is_not_found_not_an_error(demo_app):
    with demo_app.app_context():
        with pytest.raises(lookup.PlaceNotFound):
            lookup.resolve("ZZ99")


def test_without_place_data_lookup_says_unavailable(app):
    with app.app_context():
        assert not lookup.places_loaded()
        with pytest.raises(lookup.PlacesUnavailable):
            lookup.resolve("Harlow")
        # Browser coordinates still work.
        assert lookup.from_coordinates(51.77, 0.09).kind == "coordinates"


@pytest.mark.parametrize("lat, lon", [(91, 0), (0, 181), (math.nan, 0), (0, math.inf)])
def test_bad_coordinates_are_refused(lat, lon):
    with pytest.raises(lookup.BadCoordinates):
        lookup.from_coordinates(lat, lon)


@given(
    st.floats(-89, 89), st.floats(-179, 179), st.floats(-89, 89), st.floats(-179, 179)
)
def test_fast_distance_agrees_with_geopy(lat1, lon1, lat2, lon2):
    expected = great_circle((lat1, lon1), (lat2, lon2)).miles
    assert lookup.fast_distance_miles(lat1, lon1, lat2, lon2) == pytest.approx(expected, abs=1e-6, rel=1e-9)
