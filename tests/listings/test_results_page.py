"""The results page a young person reads on a phone (issue 13), through the test
client and the one search function: national lines grouped apart under a distance
sort, only the searched area's own hub, filters after the results with empty
choices left out, the kept list, and errors that say so in the title."""
from __future__ import annotations

import re
import uuid

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.geo.lookup import Point
from directory.listings.models import Service
from directory.listings.operations import MAX_KEPT, search_directory
from directory.listings.params import SearchParams
from directory.search import engine
from directory.search.query import Filters, Origin
from tests.search.test_query import MONDAY_NOON
from tests.web.helpers import post

HARLOW = Point(51.7727, 0.1023)


@pytest.fixture
def ctx(demo_app):
    with demo_app.app_context(), demo_app.test_request_context():
        yield


def _search(client, **form) -> str:
    response = client.post("/search", data=form)
    assert response.status_code == 303
    return client.get(response.headers["Location"]).get_data(as_text=True)


def _names(ids: list[str]) -> list[str]:
    by_id = {s.id: s.name for s in db.session.scalars(select(Service).where(Service.id.in_(ids)))}
    return [by_id[i] for i in ids]


def test_near_a_place_the_best_national_lines_form_their_own_group(ctx):
    origin = Origin(HARLOW, "harlow")
    grouped = engine.find("someone to talk to", Filters(), origin=origin, now=MONDAY_NOON, page=1,
                          page_size=20, wherever_size=3)
    plain = engine.find("someone to talk to", Filters(), origin=origin, now=MONDAY_NOON, page=1,
                        page_size=500)
    assert len(grouped.wherever) == 3
    assert "Childline" in _names([h.id for h in grouped.wherever])
    # Every one of them has no place to go to, and is not also in the list.
    assert all(hit.distance_miles is None for hit in grouped.wherever)
    assert not {h.id for h in grouped.wherever} & {h.id for h in grouped.hits}
    # Without grouping they sink below every service with a place.
    plain_ids = [h.id for h in plain.hits]
    located = [h for h in plain.hits if h.distance_miles is not None]
    assert all(plain_ids.index(h.id) > plain_ids.index(located[-1].id) for h in grouped.wherever)
    # The group is of the type of help the words asked for, not the first by name:
    # a bereavement line that happens to say "talk" waits in the list.
    categories = {s.id: {c.slug for c in s.categories} for s in db.session.scalars(select(Service))}
    assert all("mental-health" in categories[h.id] for h in grouped.wherever)
    assert "Winston's Wish" not in _names([h.id for h in grouped.wherever])
    # Nothing is lost: the total counts them, and later pages do not repeat them.
    assert grouped.total == plain.total
    second = engine.find("someone to talk to", Filters(), origin=origin, now=MONDAY_NOON, page=2,
                         page_size=20, wherever_size=3)
    assert second.wherever == []
    assert not {h.id for h in grouped.wherever} & {h.id for h in second.hits}


def test_an_outreach_team_with_no_address_is_not_grouped_as_national(ctx):
    origin = Origin(HARLOW, "harlow")
    results = engine.find("", Filters(category=frozenset({"youth-clubs", "mental-health"})), origin=origin,
                          now=MONDAY_NOON, page=1, page_size=20, wherever_size=50)
    modes = {s.id: s.modes for s in db.session.scalars(select(Service))}
    assert results.wherever
    assert all("in_person" not in modes[hit.id] for hit in results.wherever)


def test_without_a_place_nothing_is_grouped(ctx):
    page = search_directory(SearchParams(q="someone to talk to"), now=MONDAY_NOON, results_page=True)
    assert page.wherever == [] and page.found


def test_the_api_keeps_one_plain_list(client):
    body = client.get("/api/v1/search?q=someone+to+talk+to&near=Harlow").get_json()
    assert "wherever" not in body
    assert len(body["results"]) == min(body["total"], 20)
    names = [r["name"] for page in range(1, body["pages"] + 1)
             for r in client.get(f"/api/v1/search?q=someone+to+talk+to&near=Harlow&page={page}").get_json()["results"]]
    assert len(names) == body["total"] and "Childline" in names


def test_browsing_near_a_place_with_no_words_groups_nothing(ctx):
    results = engine.find("", Filters(), origin=Origin(HARLOW, "harlow"), now=MONDAY_NOON, page=1,
                          page_size=20, wherever_size=3)
    assert results.wherever == []
    chosen = engine.find("", Filters(category=frozenset({"crisis"})), origin=Origin(HARLOW, "harlow"),
                         now=MONDAY_NOON, page=1, page_size=20, wherever_size=3)
    assert chosen.wherever


def test_a_district_hub_is_offered_only_in_its_own_district(client):
    harlow = _search(client, q="county lines", near="Harlow")
    hubs = set(re.findall(r'href="(/areas/[a-z-]+)[/"]', harlow.split('class="related-pages"', 1)[-1].split("</section>", 1)[0]))
    assert hubs <= {"/areas/harlow"}
    anywhere = _search(client, q="county lines")
    related = anywhere.split('class="related-pages"', 1)
    if len(related) == 2:
        assert "/areas/" not in related[1].split("</section>", 1)[0]


def test_services_come_before_advice_and_filters_come_last(client):
    html = _search(client, q="drugs", near="CM20 1AA")
    main = html.split('id="main"', 1)[1]
    first_card = main.index('class="card"')
    assert first_card < main.index('class="filters"')
    if 'class="related-pages"' in main:
        assert first_card < main.index('class="related-pages"')
    # The search form is folded into a one-line summary that opens without JavaScript.
    assert '<details class="change-search">' in main
    assert main.index("<details") < first_card


def test_filter_choices_with_no_results_are_left_out_unless_chosen(client):
    html = _search(client, q="football")
    filters = html.split('class="filters"', 1)[1]
    counts = re.findall(r'<span class="count">\((\d+)\)</span>', filters.split("More choices", 1)[0])
    assert counts and "0" not in counts
    # A chosen area with no football stays on screen, so it can be unticked.
    chosen = _search(client, q="football", area="uttlesford")
    if "0 services found" in chosen:
        assert 'id="area-uttlesford"' in chosen and "checked" in chosen.split('id="area-uttlesford"', 1)[1][:40]


def test_results_are_numbered_to_match_the_map(client):
    html = _search(client, q="youth club", near="Harlow")
    numbers = re.findall(r'id="result-(\d+)"', html)
    assert numbers[:3] == ["1", "2", "3"]
    markers = re.findall(r'<a href="#result-(\d+)"', html.split('class="results-map"', 1)[1])
    assert markers and set(markers) <= set(numbers)


def test_the_kept_list_shows_services_in_the_order_kept(client, ctx):
    ids = [s.id for s in db.session.scalars(select(Service).where(Service.status == "active").limit(3))]
    response = client.get("/saved?" + "&".join(f"id={i}" for i in reversed(ids)))
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert "noindex" in response.headers["X-Robots-Tag"]
    assert "Set-Cookie" not in response.headers
    positions = [html.index(f"/services/{i}/") for i in reversed(ids)]
    assert positions == sorted(positions)
    assert "<title>My list" in html


def test_a_kept_list_says_when_a_service_has_gone(client, ctx):
    kept = db.session.scalars(select(Service).where(Service.status == "active")).first()
    html = client.get(f"/saved?id={kept.id}&id={uuid.uuid4()}").get_data(as_text=True)
    assert "1 service in this list is no longer in the directory." in html
    assert kept.name in html


@pytest.mark.parametrize("query", ["id=not-a-uuid", "id=" + "&id=".join(str(uuid.uuid4()) for _ in range(MAX_KEPT + 1)),
                                   "id=%3Cscript%3E"])
def test_a_broken_list_link_is_a_clear_400(client, query):
    response = client.get("/saved?" + query)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert "<script>" not in html
    assert "list" in html


def test_an_empty_list_explains_how_to_keep_services(client):
    html = client.get("/saved").get_data(as_text=True)
    assert "Your list is empty." in html and "Keep in my list" in html


def test_a_failed_search_says_error_in_the_title_and_points_at_the_field(client):
    response = client.post("/search", data={"q": "football", "age": "abc"})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert re.search(r"<title>Error: ", html)
    assert 'href="#age"' in html and "autofocus" in html.split('class="error-summary"', 1)[1][:200]
    place = client.get(client.post("/search", data={"q": "football", "near": "Nowhereville Upon Sea"})
                       .headers.get("Location", "/search?near=Nowhereville+Upon+Sea"))
    if place.status_code == 400:
        assert 'href="#near"' in place.get_data(as_text=True)


def test_a_form_with_errors_says_error_in_the_title(client):
    html = client.get("/account/login").get_data(as_text=True)
    assert not re.search(r"<title>Error: ", html)
    response = post(client, "/account/login", {"email": "", "password": ""})
    html = response.get_data(as_text=True)
    assert response.status_code in (400, 200)
    assert re.search(r"<title>Error: ", html), html[:500]


def test_a_confidential_place_is_drawn_only_at_its_rounded_position(app):
    from directory.listings import mapping
    from tests.factories import make_location, make_service

    with app.app_context(), app.test_request_context():
        service = make_service(name="Safe House", delivery_modes="in_person",
                               locations=[make_location(51.776543, 0.111987, confidential=True)])
        svg = str(mapping.service_map(service))
        assert mapping._points(service) == [(51.78, 0.11)]
        assert "51.776543" not in svg and "0.111987" not in svg
        open_place = make_service(name="Open Door", delivery_modes="in_person",
                                  locations=[make_location(51.776543, 0.111987)])
        assert mapping._points(open_place) == [(51.776543, 0.111987)]
        assert "<svg" in str(mapping.service_map(open_place))
