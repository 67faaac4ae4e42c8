"""Public pages through the test client: content, safety and escaping."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from directory.extensions import db
from directory.listings.models import Service, ServiceStatus


def title_and_h1(html: str) -> str:
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    return title + h1


def test_home_has_search_categories_and_help_now(client):
    html = client.get("/").get_data(as_text=True)
    assert 'name="q"' in html and 'name="near"' in html
    assert "Need help now?" in html and 'href="tel:08001111"' in html
    assert "/categories/exploitation" in html


def test_results_page_lists_services_and_never_echoes_the_query_in_title(client):
    response = client.get("/search", query_string={"q": "football sentinelword"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "sentinelword" not in title_and_h1(html)
    response = client.get("/search", query_string={"q": "football"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert "services found" in html and "football" not in title_and_h1(html).lower()


def test_search_words_are_escaped(client):
    html = client.get("/search", query_string={"q": "<script>alert(1)</script>"}, follow_redirects=True).get_data(as_text=True)
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_unknown_place_is_explained_with_suggestions(client):
    response = client.get("/search", query_string={"near": "Harlw"}, follow_redirects=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "We could not find that place" in html and ">Harlow</button>" in html


def test_service_page_shows_contact_links_and_last_checked(client, demo_app):
    with demo_app.app_context():
        service = db.session.scalar(select(Service).where(Service.name == "Childline"))
        url = f"/services/{service.id}/{service.slug}"
    html = client.get(url).get_data(as_text=True)
    assert 'href="tel:08001111"' in html
    assert "Last checked" in html


def test_service_without_slug_redirects_to_canonical_url(client, demo_app):
    with demo_app.app_context():
        service = db.session.scalar(select(Service).where(Service.status == ServiceStatus.ACTIVE))
        sid, slug = service.id, service.slug
    response = client.get(f"/services/{sid}")
    assert response.status_code == 301 and response.headers["Location"].endswith(f"/{sid}/{slug}")


def test_vvu_badge_shown_on_commissioned_services(client, demo_app):
    with demo_app.app_context():
        service = db.session.scalar(
            select(Service).where(Service.commissioned_by == "VVU", Service.status == ServiceStatus.ACTIVE)
        )
        url = f"/services/{service.id}/{service.slug}"
    assert "Violence and Vulnerability Unit" in client.get(url).get_data(as_text=True)


def test_confidential_location_shows_only_town_and_district(client, demo_app):
    from directory.listings.models import Location

    with demo_app.app_context():
        location = db.session.scalar(select(Location).where(Location.confidential.is_(True)))
        service = db.session.scalar(
            select(Service).where(Service.locations.contains(location))
        )
        url = f"/services/{service.id}/{service.slug}"
        api_url = "/api/v1/search"
        address, postcode = location.address_1, location.postal_code
        exact = f"{location.latitude:.4f}"
    html = client.get(url).get_data(as_text=True)
    assert address not in html and postcode not in html
    assert postcode.split(" ")[0] in html
    body = client.get(api_url, query_string={"q": service.name}).get_data(as_text=True)
    assert address not in body and exact not in body


def test_inactive_service_page_is_not_found(client, demo_app):
    with demo_app.app_context():
        hidden = db.session.scalar(select(Service).where(Service.status != ServiceStatus.ACTIVE))
        url = f"/services/{hidden.id}/{hidden.slug}"
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/categories", "/categories/sport", "/areas", "/areas/harlow",
                                 "/help-now", "/about/data"])
def test_browse_pages(client, url):
    assert client.get(url).status_code == 200


def test_data_page_and_footer_show_attribution(client):
    html = client.get("/about/data").get_data(as_text=True)
    assert "Contains OS data © Crown copyright" in html and "GeoNames" in html
    assert "Contains Royal Mail data" in client.get("/").get_data(as_text=True)


def test_unknown_pages_are_friendly_404s(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)
    assert client.get("/categories/nope").status_code == 404
    assert client.get("/services/not-a-uuid").status_code == 404


def test_exit_clears_the_session_and_leaves(client):
    response = client.get("/exit")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("https://www.bbc.co.uk/")
    assert "cookies" in response.headers["Clear-Site-Data"]


def test_without_place_data_the_site_says_so_and_location_still_works(app):
    from tests.factories import make_location, make_service

    with app.app_context():
        make_service(name="Youth club", locations=[make_location(51.7682, 0.0953)])
    client = app.test_client()
    assert "not working at the moment" in client.get("/").get_data(as_text=True)
    response = client.get("/search?near=Harlow", follow_redirects=True)
    assert response.status_code == 400
    assert "Searching by town or postcode is not working" in response.get_data(as_text=True)
    body = client.get("/api/v1/search?lat=51.77&lon=0.09").get_json()
    assert body["total"] == 1 and body["results"][0]["distance_miles"] < 1


@pytest.mark.parametrize("url, words", [
    ("/privacy", "without telling us who you are"), ("/cookies", "__Host-signpost"),
    ("/accessibility", "(WCAG) 2.2"), ("/cover-your-tracks", "does not delete your history"),
])
def test_privacy_cookie_accessibility_and_safety_pages(client, url, words):
    response = client.get(url)
    assert response.status_code == 200 and words in response.get_data(as_text=True)
    assert f'href="{url}"' in client.get("/").get_data(as_text=True)


def test_security_txt(client):
    from datetime import datetime, timezone

    body = client.get("/.well-known/security.txt").get_data(as_text=True)
    contact = next(line for line in body.splitlines() if line.startswith("Contact: "))
    expires = next(line for line in body.splitlines() if line.startswith("Expires: "))
    assert contact.split(" ", 1)[1].startswith(("mailto:", "https://"))
    when = datetime.strptime(expires.split(" ", 1)[1], "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)
    assert when > datetime.now(timezone.utc)


def test_cover_your_tracks_is_linked_from_the_exit_and_the_footer(client):
    html = client.get("/").get_data(as_text=True)
    exit_bar = re.search(r'<section class="exit-bar".*?</section>', html, re.S).group(0)
    footer = re.search(r'<footer.*?</footer>', html, re.S).group(0)
    assert 'href="/cover-your-tracks"' in exit_bar and 'href="/cover-your-tracks"' in footer
    page = client.get("/cover-your-tracks").get_data(as_text=True)
    for words in ("Chrome on Android", "Safari on iPhone", "Samsung Internet", "Firefox",
                  "private window", "What this site keeps", "60 minutes", "Exit this page"):
        assert words in page, words
    moved = client.get("/staying-safe-online")
    assert moved.status_code == 301 and moved.headers["Location"].endswith("/cover-your-tracks")
