"""GET /api/v1/search: the issue's "done when" checks, through HTTP."""
from __future__ import annotations

import pytest


def api(client, **args):
    response = client.get("/api/v1/search", query_string=args)
    return response, response.get_json()


def test_counseling_finds_counselling_services(client):
    response, body = api(client, q="counseling")
    assert response.status_code == 200
    assert body["total"] > 0
    first = body["results"][0]
    assert {"id", "name", "url", "summary", "categories", "areas", "min_age", "max_age"} <= set(first)
    assert "distance_miles" not in first


@pytest.mark.parametrize("near", ["CM1", "Harlow", "cm20 1ab", "Clacton-on-Sea"])
def test_near_sorts_by_increasing_distance(client, near):
    response, body = api(client, near=near)
    assert response.status_code == 200
    distances = [r["distance_miles"] for r in body["results"]]
    assert distances and distances[0] is not None
    located = [d for d in distances if d is not None]
    assert located == sorted(located)
    # Services with no fixed place (helplines) come after every located one.
    assert distances == located + [None] * (len(distances) - len(located))
    assert located[0] < 5


def test_near_by_browser_coordinates(client):
    response, body = api(client, lat="51.77", lon="0.09")
    assert response.status_code == 200
    assert body["results"][0]["distance_miles"] < 5


def test_age_returns_only_services_that_accept_it(client):
    response, body = api(client, age="15")
    assert response.status_code == 200 and body["total"] > 0
    for page in range(1, body["pages"] + 1):
        for item in api(client, age="15", page=page)[1]["results"]:
            assert (item["min_age"] or 0) <= 15 <= (item["max_age"] if item["max_age"] is not None else 200)


def test_empty_query_lists_everything_with_every_area(client):
    response, body = api(client)
    assert body["total"] >= 150
    assert len(body["facets"]["area"]) == 14
    assert all(count > 0 for count in body["facets"]["area"].values())
    assert len(body["facets"]["category"]) >= 15


@pytest.mark.parametrize("args", [{"q": '"(['}, {"near": "ZZ99"}, {"q": "\x00\ud7ff"},
                                  {"age": "fifteen"}, {"lat": "nan", "lon": "0"},
                                  {"lat": "51"}, {"page": "0"}, {"category": "nope"},
                                  {"mode": "teleport"}, {"free": "maybe"}])
def test_odd_input_answers_200_or_400_with_a_message(client, args):
    response, body = api(client, **args)
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert body["error"]


def test_unknown_place_gets_suggestions(client):
    response, body = api(client, near="Harlw")
    assert response.status_code == 400
    assert "Harlow" in body["suggestions"]
