"""Safe to search on a phone others look at (issue 12): nothing about what someone
needed is kept in a cache, saved by autofill, or named in a page title."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest
import time_machine
from sqlalchemy import select

from directory.counties.pack import load_pack
from directory.demo.data import demo_data
from directory.extensions import db
from directory.listings.search_tokens import SearchToken


def _service_url(client, name: str) -> str:
    answer = client.get("/api/v1/search", query_string={"q": name}).get_json()
    hit = next(r for r in answer["results"] if r["name"] == name)
    return "/services/" + hit["url"].split("/services/", 1)[1]


@pytest.mark.parametrize("url", ["/search?q=someone+is+making+me+sell+drugs&near=CM20+1AB",
                                 "/api/v1/search?q=drugs", "/categories/drugs-alcohol",
                                 "/areas/harlow/services"])
def test_results_are_never_cached(client, url):
    response = client.get(url)
    assert response.headers["Cache-Control"] == "no-store"
    if response.status_code == 303:
        assert client.get(response.headers["Location"]).headers["Cache-Control"] == "no-store"


def test_service_pages_are_never_cached(client):
    assert client.get(_service_url(client, "FRANK")).headers["Cache-Control"] == "no-store"


def test_search_fields_are_not_saved_by_autofill(client):
    html = client.get("/").get_data(as_text=True)
    for name in ("q", "near", "age"):
        field = re.search(rf'<input id="{name}"[^>]*>', html).group(0)
        assert 'autocomplete="off"' in field, name


@pytest.mark.parametrize("name, discreet", [("FRANK", True), ("Childline", True), ("Shout", True),
                                            ("Scouts", False), ("junior parkrun", False)])
def test_sensitive_services_have_neutral_titles(client, name, discreet):
    html = client.get(_service_url(client, name)).get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S).group(1)
    assert heading == name  # the page itself still says what it is
    assert (name not in title) is discreet and ("Service details" in title) is discreet


def test_discreet_categories_are_the_packs_own():
    pack = load_pack("essex")
    slugs = {c["slug"] for c in demo_data(pack).categories}
    assert set(pack.discreet_categories) <= slugs
    assert {"drugs-alcohol", "exploitation", "domestic-abuse", "sexual-health", "crisis"} <= set(
        pack.discreet_categories)


# --- Discreet search: what was typed and where never reach an address ---

SEARCH = {"q": "counselling sentinelword", "near": "CM20 1AB", "age": "15"}
RESULTS = re.compile(r"^/results/[A-Za-z0-9_-]{20,32}$")


def _search(client, data=SEARCH):
    response = client.post("/search", data=data)
    assert response.status_code == 303
    return response.headers["Location"]


def _hidden(html: str, name: str) -> list[str]:
    return re.findall(rf'<input type="hidden" name="{name}" value="([^"]*)">', html)


def test_the_search_form_posts(client):
    html = client.get("/").get_data(as_text=True)
    form = re.search(r'<form class="search-form[^>]*>', html).group(0)
    assert 'method="post"' in form and 'action="/search"' in form


def test_a_search_answers_with_an_opaque_address(client):
    first, second = _search(client), _search(client)
    assert RESULTS.match(first) and RESULTS.match(second) and first != second
    response = client.get(first)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "services found" in html
    assert "nearest first" in html and "aged 15" in html
    assert "sentinelword" not in re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_an_anonymous_search_sets_no_cookie(client):
    location = _search(client)
    assert "Set-Cookie" not in client.get(location).headers
    assert not client.get_cookie("session")


def test_old_links_move_to_a_token_address(client):
    response = client.get("/search", query_string=SEARCH)
    assert response.status_code == 303 and RESULTS.match(response.headers["Location"])


def test_pages_carry_only_the_page_number(client):
    location = _search(client, {"q": "support"})
    html = client.get(location).get_data(as_text=True)
    following = re.search(r'rel="next" href="([^"]+)"', html).group(1)
    assert following == location + "?page=2"
    assert "Page 2 of" in client.get(following).get_data(as_text=True)


def test_filters_post_and_keep_the_words_out_of_the_address(client):
    html = client.get(_search(client)).get_data(as_text=True)
    filters = re.search(r'<form class="filters"[^>]*>', html).group(0)
    assert 'method="post"' in filters
    assert _hidden(html, "q") == ["counselling sentinelword"] and _hidden(html, "near") == ["CM20 1AB"]
    data = {"q": "counselling", "near": "CM20 1AB", "age": "15", "category": "mental-health"}
    filtered = client.get(_search(client, data)).get_data(as_text=True)
    assert 'value="mental-health" checked' in filtered


def test_did_you_mean_is_a_search_of_its_own(demo_app):
    from flask import render_template_string

    from directory.listings.params import SearchParams

    with demo_app.test_request_context():
        html = render_template_string(
            '{% from "macros/search_form.html" import search_button %}{{ search_button(params, "football", q="football") }}',
            params=SearchParams(q="footbal", near="CM20 1AB", category=("sport",), page=3))
    assert 'method="post" action="/search"' in html and ">football</button>" in html
    assert _hidden(html, "q") == ["football"] and _hidden(html, "near") == ["CM20 1AB"]
    assert _hidden(html, "category") == ["sport"] and _hidden(html, "page") == []


def test_use_my_location_keeps_the_coordinates_out_of_the_address(client):
    location = _search(client, {"lat": "51.774", "lon": "0.095"})
    assert "51" not in location
    assert "near your location" in client.get(location).get_data(as_text=True)


def test_a_location_is_kept_only_to_about_a_kilometre(app):
    location = _search(app.test_client(), {"lat": "51.7742", "lon": "0.0948"})
    with app.app_context():
        kept = db.session.get(SearchToken, location.rsplit("/", 1)[1]).params
    assert (kept["lat"], kept["lon"]) == (51.77, 0.09)


def test_an_ended_search_gives_a_kind_page_with_the_search_box(app, client):
    location = _search(client)
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(minutes=61), tick=False):
        response = client.get(location)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "This one has ended" in html and 'name="q"' in html
    assert "sentinelword" not in html
    unknown = client.get("/results/" + "x" * 22)
    assert unknown.status_code == 200 and "Search again" in unknown.get_data(as_text=True)
    assert client.get("/results/" + "x" * 200).status_code == 200


def test_ended_searches_are_deleted(app):
    client = app.test_client()
    _search(client)
    with time_machine.travel(datetime.now(timezone.utc) + timedelta(minutes=61), tick=False):
        _search(client, {"q": "football"})
        with app.app_context():
            kept = db.session.scalars(select(SearchToken.params)).all()
    assert kept == [{"q": "football"}]


def test_a_refused_search_keeps_what_was_typed(client):
    response = client.post("/search", data={"q": "football sentinelword", "age": "fifteen"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400 and "Age must be a whole number" in html
    assert 'value="football sentinelword"' in html and 'value="fifteen"' in html


def test_a_search_from_another_site_is_refused(client):
    assert client.post("/search", data=SEARCH, headers={"Sec-Fetch-Site": "cross-site"}).status_code == 403


def test_a_bad_page_number_is_explained(client):
    location = _search(client)
    assert client.get(location + "?page=abc").status_code == 400


def test_browse_pages_keep_readable_addresses(client):
    assert client.get("/categories/sport").status_code == 200
    assert client.get("/categories/sport?page=2").status_code in (200, 400)
    moved = client.get("/categories/sport", query_string={"near": "CM20 1AB"})
    assert moved.status_code == 303 and RESULTS.match(moved.headers["Location"])
    html = client.get(moved.headers["Location"]).get_data(as_text=True)
    assert 'value="sport" checked' in html and "nearest first" in html


def test_each_area_has_a_page_of_its_services(client):
    response = client.get("/areas/harlow/services")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "Services in Harlow" in html
    assert 'value="harlow" checked' in html
    assert client.get("/areas/nowhere/services").status_code == 404
    assert "/areas/harlow/services" in client.get("/areas/harlow").get_data(as_text=True)
