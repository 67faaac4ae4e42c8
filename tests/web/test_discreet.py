"""Safe to search on a phone others look at (issue 12): nothing about what someone
needed is kept in a cache, saved by autofill, or named in a page title."""
from __future__ import annotations

import re

import pytest

from directory.counties.pack import load_pack
from directory.demo.data import demo_data


def _service_url(client, name: str) -> str:
    answer = client.get("/api/v1/search", query_string={"q": name}).get_json()
    hit = next(r for r in answer["results"] if r["name"] == name)
    return "/services/" + hit["url"].split("/services/", 1)[1]


@pytest.mark.parametrize("url", ["/search?q=someone+is+making+me+sell+drugs&near=CM20+1AB",
                                 "/api/v1/search?q=drugs", "/categories/drugs-alcohol"])
def test_results_are_never_cached(client, url):
    assert client.get(url).headers["Cache-Control"] == "no-store"


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
