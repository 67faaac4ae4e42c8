"""Search engines and link previews (Open Referral issue, part 4): robots.txt, the
sitemap, canonical links, Open Graph and a service's schema.org data.

Only what the public may see is offered to crawlers; nothing anyone typed, and no
confidential address, reaches a preview or the structured data.
"""
from __future__ import annotations

import json
import re
import uuid
from datetime import date, timedelta
from xml.etree import ElementTree

import pytest
from sqlalchemy import select

from directory.accounts.models import User
from directory.accounts.permissions import PUBLIC, access_rule
from directory.extensions import db
from directory.geo.models import Area
from directory.listings.freshness import is_listed
from directory.listings.models import Category, Phone, Schedule, Service, ServiceStatus
from directory.seo import robots_allows, script_json
from tests.conftest import _drop, make_app
from tests.factories import make_location, make_service
from tests.moderation.world import build_world, pending_submission

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://find.example.org"
W3C_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(\+00:00|Z))?$")
SECRETS = ("Safe House Sentinel", "7 Hidden Lane", "CM20 2QP")
NASTY = '</script><script>alert(1)</script> & <!-- "Club"'


# --- a robots.txt reader of our own (RFC 9309), independent of directory/seo.py ------


def parse_robots(text: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The rules for every crawler (``User-agent: *``) and the Sitemap lines."""
    rules, sitemaps, ours = [], [], False
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        field, value = (part.strip() for part in line.split(":", 1))
        field = field.lower()
        if field == "user-agent":
            ours = value == "*"
        elif field == "sitemap":
            sitemaps.append(value)
        elif field in ("allow", "disallow") and ours and value:
            rules.append((field, value))
    return rules, sitemaps


def _matches(rule: str, path: str) -> bool:
    end = rule.endswith("$")
    pattern = "".join(".*" if ch == "*" else re.escape(ch) for ch in rule.rstrip("$"))
    return re.match(pattern + ("$" if end else ""), path) is not None


def allowed(rules: list[tuple[str, str]], path: str) -> bool:
    """Longest matching rule wins; on a tie, allow."""
    found = [(len(value), kind == "allow") for kind, value in rules if _matches(value, path)]
    return max(found)[1] if found else True


@pytest.fixture(scope="module")
def robots(demo_app):
    response = demo_app.test_client().get("/robots.txt")
    assert response.status_code == 200 and response.mimetype == "text/plain"
    return parse_robots(response.get_data(as_text=True))


def _service_url(client, name: str) -> str:
    answer = client.get("/api/v1/search", query_string={"q": name}).get_json()
    hit = next(r for r in answer["results"] if r["name"] == name)
    return "/services/" + hit["url"].split("/services/", 1)[1]


def _head(html: str) -> str:
    return html.split("</head>", 1)[0]


def _meta(html: str, key: str) -> str | None:
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)">', _head(html))
    return match.group(1) if match else None


def _canonical(html: str) -> str | None:
    match = re.search(r'<link rel="canonical" href="([^"]*)">', _head(html))
    return match.group(1) if match else None


def _json_ld(html: str) -> list[dict]:
    return [json.loads(block) for block in
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)]


def _sitemap(client) -> list[tuple[str, str | None]]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    root = ElementTree.fromstring(response.data)  # well-formed, or this raises
    assert root.tag == f"{SITEMAP_NS}urlset"
    entries = []
    for item in root:
        assert item.tag == f"{SITEMAP_NS}url"
        assert {child.tag for child in item} <= {f"{SITEMAP_NS}loc", f"{SITEMAP_NS}lastmod"}
        lastmod = item.find(f"{SITEMAP_NS}lastmod")
        entries.append((item.find(f"{SITEMAP_NS}loc").text, None if lastmod is None else lastmod.text))
    return entries


# --- robots.txt ----------------------------------------------------------------------


def test_robots_txt_allows_the_site_and_names_the_sitemap(demo_app, robots):
    rules, sitemaps = robots
    assert ("allow", "/") in rules
    assert sitemaps == ["http://localhost/sitemap.xml"]
    for path in ("/", "/categories", "/categories/sport", "/areas", "/areas/harlow", "/areas/harlow/services",
                 "/advice", "/advice/some-guide", "/campaigns", "/campaigns/a-campaign", "/help-now",
                 "/privacy", "/sitemap.xml", f"/files/{uuid.uuid4()}",
                 f"/services/{uuid.uuid4()}/youth-club",
                 # A slug that begins like a staff route's last part is still a listing.
                 f"/services/{uuid.uuid4()}/report-it", f"/services/{uuid.uuid4()}/history-club"):
        assert allowed(rules, path), path


def _sample_path(rule) -> str:
    return rule.build({name: uuid.uuid4() for name in rule.arguments})[1]


def test_every_route_that_is_not_public_is_disallowed(demo_app, robots):
    """A new staff route cannot be forgotten: give it a prefix robots.txt disallows."""
    rules, _ = robots
    private = [rule for rule in demo_app.url_map.iter_rules()
               if access_rule(demo_app, rule.endpoint) != PUBLIC]
    assert len(private) >= 20
    crawlable = [(rule.endpoint, _sample_path(rule)) for rule in private
                 if allowed(rules, _sample_path(rule))]
    assert crawlable == []


@pytest.mark.parametrize("path", ["/search", "/search?q=drugs&near=CM20+1AB", "/results/abcdefghijklmnopqrstuv",
                                  "/results/abc?page=2", "/api/v1/search?q=drugs", "/api/v1/search",
                                  "/account/login", "/admin/users", "/moderation", "/dashboard", "/content",
                                  "/content/new/campaign", "/suggest/new", "/suggestions", "/insights",
                                  "/insights.csv", "/exit"])
def test_search_results_and_staff_areas_are_disallowed(robots, path):
    assert not allowed(robots[0], path)


def test_service_side_routes_are_disallowed_but_the_listing_is_not(robots):
    rules, _ = robots
    listing = f"/services/{uuid.uuid4()}"
    assert allowed(rules, f"{listing}/a-slug")
    for tail in ("history", "suggest", "still-correct", "report", "contact/website", "contact/email"):
        assert not allowed(rules, f"{listing}/{tail}"), tail


@pytest.mark.parametrize("path, expected", [
    ("/", True), ("/search", False), ("/searching", False), ("/results/x", False), ("/results", True),
    (f"/services/{uuid.uuid4()}/report", False), (f"/services/{uuid.uuid4()}/report-it", True),
    (f"/services/{uuid.uuid4()}/contact/website", False),
])
def test_the_apps_own_reading_of_its_rules_agrees(robots, path, expected):
    """seo.robots_allows (which decides canonical links) reads the rules as a crawler does."""
    assert robots_allows(path) is expected is allowed(robots[0], path)


def test_robots_matching_follows_rfc_9309():
    assert robots_allows("/page", disallow=["/p"], allow=["/"]) is False
    assert robots_allows("/page", disallow=["/p"], allow=["/page"]) is True  # longest wins
    assert robots_allows("/folder/page", disallow=["/folder/"], allow=["/folder"]) is False
    assert robots_allows("/a", disallow=["/a"], allow=["/a"]) is True  # a tie goes to allow
    assert robots_allows("/x/y.gif", disallow=["/*.gif$"]) is False
    assert robots_allows("/x/y.gif?z=1", disallow=["/*.gif$"]) is True


# --- the sitemap: the demo directory ---------------------------------------------------


def test_sitemap_is_valid_and_lists_the_public_site(demo_app, client):
    from content import operations
    from content.models import PageKind

    entries = _sitemap(client)
    urls = [url for url, _ in entries]
    assert len(urls) == len(set(urls))
    assert all(url.startswith("http://localhost/") for url in urls)
    for path in ("/", "/categories", "/categories/drugs-alcohol", "/areas", "/areas/harlow/services",
                 "/advice", "/campaigns", "/help-now"):
        assert f"http://localhost{path}" in urls, path
    assert f"http://localhost{_service_url(client, 'FRANK')}" in urls
    assert f"http://localhost{_service_url(client, 'Scouts')}" in urls
    with demo_app.app_context():
        live = {f"http://localhost/areas/{p.area.slug}" for p in operations.visible_pages(PageKind.HUB)}
        live |= {f"http://localhost/advice/{p.slug}" for p in operations.visible_pages(PageKind.GUIDE)}
        live |= {f"http://localhost/campaigns/{p.slug}" for p in operations.visible_pages(PageKind.CAMPAIGN)}
        listed = {f"http://localhost/services/{s.id}/{s.slug}" for s in db.session.scalars(select(Service))
                  if is_listed(s)}
    assert live and live <= set(urls)
    assert {u for u in urls if "/services/" in u} == listed
    for _url, lastmod in entries:
        assert lastmod is None or W3C_DATE.match(lastmod), lastmod
    assert any(lastmod for url, lastmod in entries if "/services/" in url)


def test_everything_in_the_sitemap_may_be_crawled_and_is_there(client, robots):
    urls = [url for url, _ in _sitemap(client)]
    paths = [url.removeprefix("http://localhost") for url in urls]
    assert [p for p in paths if not allowed(robots[0], p)] == []
    # Every page other than the services, and a few services: all really there.
    sample = [p for p in paths if "/services/" not in p] + [p for p in paths if "/services/" in p][:5]
    assert {p: client.get(p).status_code for p in sample} == dict.fromkeys(sample, 200)


# --- a world with private things in it, on its own public address ------------------------


@pytest.fixture(scope="module")
def world_app(tmp_path_factory):
    from content import operations
    from content.models import PageKind, PageStatus
    from directory.core import utcnow

    app = make_app(tmp_path_factory.mktemp("seo"), PUBLIC_BASE_URL=BASE)
    with app.app_context():
        world = build_world()
        harlow = db.session.scalar(select(Area).where(Area.slug == "harlow"))
        drugs = Category(slug="drugs-alcohol", name="Drugs and alcohol")
        db.session.add(drugs)
        db.session.commit()
        grace = app.config["REVIEW_MONTHS"] * 31 + app.config["REVIEW_GRACE_DAYS"]
        made = {
            "public": make_service(name="Open Youth Club", areas=[harlow], assured_date=date.today(),
                                   url="https://club.example.org", email="club@example.org",
                                   phones=[Phone(number="01632 960000", type="voice"),
                                           Phone(number="60000", type="text", position=1)],
                                   locations=[make_location(51.77, 0.09)],
                                   schedules=[Schedule(weekday=4, opens_at=_time(18), closes_at=_time(21))]),
            "overdue": make_service(name="Due For A Check", areas=[harlow],
                                    assured_date=date.today() - timedelta(days=app.config["REVIEW_MONTHS"] * 31)),
            "hidden": make_service(name="Long Overdue", areas=[harlow],
                                   assured_date=date.today() - timedelta(days=grace + 10)),
            "inactive": make_service(name="Closed Down", areas=[harlow], status=ServiceStatus.INACTIVE),
            "closed": make_service(name="Shut For Now", areas=[harlow], status=ServiceStatus.TEMPORARILY_CLOSED),
            "refuge": make_service(name="Safe Space", areas=[harlow], is_free=False, fees_description="A small fee",
                                   locations=[make_location(51.7731, 0.0921, name=SECRETS[0], address_1=SECRETS[1],
                                                            city="Harlow", postal_code=SECRETS[2],
                                                            confidential=True)]),
            "nasty": make_service(name=NASTY, slug="nasty", areas=[harlow], summary=NASTY,
                                  organization=None, minimum_age=None, maximum_age=None),
            "discreet": make_service(name="Sentinel Drugs Project", slug="sentinel-drugs-project",
                                     summary="Support with drugs.", categories=[drugs], county_wide=True),
        }
        pending_submission(world.users["contributor"], name="Pending Skate Night")
        admin = db.session.get(User, world.users["admin"].id)
        draft = operations.Draft

        def page(kind, slug, status=PageStatus.PUBLISHED, area=None, **settings):
            return operations.new_page(admin, kind, slug, draft(title=f"Title {slug}", status=status, **settings),
                                       area).slug

        pages = {
            "hub": page(PageKind.HUB, "harlow", area=db.session.merge(harlow)),
            "guide": page(PageKind.GUIDE, "live-guide"),
            "campaign": page(PageKind.CAMPAIGN, "live-campaign"),
            "draft": page(PageKind.GUIDE, "draft-guide", status=PageStatus.DRAFT),
            "scheduled": page(PageKind.GUIDE, "scheduled-guide", publish_at=utcnow() + timedelta(days=2)),
            "ended": page(PageKind.CAMPAIGN, "ended-campaign", unpublish_at=utcnow() - timedelta(days=1)),
            "archived": page(PageKind.CAMPAIGN, "archived-campaign", status=PageStatus.ARCHIVED),
        }
        made["world"] = db.session.get(Service, world.service_id)
        app.config["SEO"] = {"services": {key: (s.id, s.slug) for key, s in made.items()}, "pages": pages}
    yield app
    _drop(app)


def _time(hour: int):
    from datetime import time

    return time(hour, 0)


def _service_path(app, key: str) -> str:
    service_id, slug = app.config["SEO"]["services"][key]
    return f"/services/{service_id}/{slug}"


def test_sitemap_lists_only_what_the_public_may_see(world_app):
    client = world_app.test_client()
    urls = {url for url, _ in _sitemap(client)}
    services = {url.removeprefix(BASE) for url in urls if "/services/" in url}
    public = {"world", "public", "overdue", "refuge", "nasty", "discreet"}
    assert services == {_service_path(world_app, key) for key in public}
    for key in public:
        assert client.get(_service_path(world_app, key)).status_code == 200, key
    for key in ("hidden", "inactive", "closed"):
        assert client.get(_service_path(world_app, key)).status_code == 404, key
    assert f"{BASE}/areas/harlow" in urls  # the live hub
    assert f"{BASE}/advice/live-guide" in urls and f"{BASE}/campaigns/live-campaign" in urls
    for path in ("/advice/draft-guide", "/advice/scheduled-guide", "/campaigns/ended-campaign",
                 "/campaigns/archived-campaign"):
        assert f"{BASE}{path}" not in urls, path
        assert client.get(path).status_code == 404, path
    assert "/areas/basildon" not in {url.removeprefix(BASE) for url in urls}  # no live hub there


def test_addresses_come_from_the_public_base_url_never_the_request(world_app):
    client = world_app.test_client()
    entries = _sitemap(client)
    assert entries and all(url.startswith(f"{BASE}/") for url, _ in entries)
    robots = client.get("/robots.txt").get_data(as_text=True)
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    html = client.get(_service_path(world_app, "public")).get_data(as_text=True)
    assert _canonical(html) == f"{BASE}{_service_path(world_app, 'public')}"
    assert _meta(html, "og:url") == _canonical(html)
    assert "localhost" not in _head(html) + "".join(url for url, _ in entries) + robots


def test_lastmod_is_a_w3c_date(world_app):
    entries = dict(_sitemap(world_app.test_client()))
    with world_app.app_context():
        service = db.session.get(Service, world_app.config["SEO"]["services"]["public"][0])
        expected = service.updated_at.replace(microsecond=0).isoformat() + "+00:00"
    assert entries[f"{BASE}{_service_path(world_app, 'public')}"] == expected
    assert all(W3C_DATE.match(lastmod) for lastmod in entries.values() if lastmod)
    assert entries[f"{BASE}/advice/live-guide"]  # pages carry their last change too


def test_sitemap_addresses_are_escaped(world_app):
    body = world_app.test_client().get("/sitemap.xml").get_data(as_text=True)
    assert "<script" not in body and " & " not in body
    assert body.startswith("<?xml version='1.0' encoding='utf-8'?>")


# --- schema.org data -------------------------------------------------------------------------


def test_a_service_page_describes_the_service_for_search_engines(world_app):
    path = _service_path(world_app, "public")
    html = world_app.test_client().get(path).get_data(as_text=True)
    [data] = _json_ld(html)
    assert data["@context"] == "https://schema.org" and data["@type"] == "Service"
    assert data["name"] == "Open Youth Club" and data["url"] == f"{BASE}{path}" == _canonical(html)
    assert data["provider"]["@type"] == "Organization" and data["provider"]["name"].startswith("Test organisation")
    assert data["areaServed"] == [{"@type": "AdministrativeArea", "name": "Harlow"}]
    assert data["audience"] == {"@type": "PeopleAudience", "suggestedMinAge": 11, "suggestedMaxAge": 19}
    channel = data["availableChannel"]
    assert channel["@type"] == "ServiceChannel"
    assert channel["servicePhone"] == [{"@type": "ContactPoint", "telephone": "01632 960000"}]
    assert channel["serviceSmsNumber"] == [{"@type": "ContactPoint", "telephone": "60000"}]
    assert channel["serviceUrl"] == "https://club.example.org"
    [place] = channel["serviceLocation"]
    assert place["@type"] == "Place" and place["address"]["streetAddress"] == "1 Test Street"
    assert place["geo"] == {"@type": "GeoCoordinates", "latitude": 51.77, "longitude": 0.09}
    assert data["offers"] == {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}
    assert data["hoursAvailable"] == [{"@type": "OpeningHoursSpecification",
                                       "dayOfWeek": "https://schema.org/Friday", "opens": "18:00", "closes": "21:00"}]


def test_county_wide_and_paid_services(world_app):
    client = world_app.test_client()
    [wide] = _json_ld(client.get(_service_path(world_app, "discreet")).get_data(as_text=True))
    assert wide["areaServed"] == [{"@type": "AdministrativeArea", "name": world_app.config["COUNTY_NAME"]}]
    [paid] = _json_ld(client.get(_service_path(world_app, "refuge")).get_data(as_text=True))
    assert paid["offers"] == {"@type": "Offer", "description": "A small fee"}


def test_structured_data_cannot_break_out_of_its_script_element(world_app):
    html = world_app.test_client().get(_service_path(world_app, "nasty")).get_data(as_text=True)
    [data] = _json_ld(html)  # exactly one block: the name did not end it or start another
    assert data["name"] == NASTY and data["description"] == NASTY
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    assert "\\u003c/script\\u003e" in block
    assert html.count("<script") == 2  # the site's own script and the data block
    assert "audience" not in data  # no ages given: nothing made up


def test_script_json_escapes_what_html_would_read():
    text = str(script_json({"a": "</script><!-- & \u2028"}))
    assert text == '{"a":"\\u003c/script\\u003e\\u003c!-- \\u0026 \\u2028"}'
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_a_confidential_address_stays_out_of_the_structured_data(world_app):
    html = world_app.test_client().get(_service_path(world_app, "refuge")).get_data(as_text=True)
    assert [secret for secret in SECRETS if secret in html] == []
    [data] = _json_ld(html)
    [place] = data["availableChannel"]["serviceLocation"]
    assert place == {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Harlow",
                                                   "postalCode": "CM20"}}


def test_discreet_services_still_have_structured_data(client):
    [data] = _json_ld(client.get(_service_url(client, "FRANK")).get_data(as_text=True))
    assert data["@type"] == "Service" and data["name"] == "FRANK"


# --- canonical links and Open Graph ------------------------------------------------------------


def test_service_pages_have_their_slugged_canonical_address(client):
    path = _service_url(client, "Scouts")
    html = client.get(path).get_data(as_text=True)
    assert _canonical(html) == f"http://localhost{path}"
    assert 'name="robots"' not in _head(html)
    service_id = path.split("/")[2]
    assert client.get(f"/services/{service_id}").headers["Location"].endswith(path)


def test_open_graph_on_the_home_page(client):
    html = client.get("/").get_data(as_text=True)
    assert _canonical(html) == "http://localhost/" == _meta(html, "og:url")
    assert _meta(html, "og:title") == "Find youth services and support"
    assert _meta(html, "og:site_name") == "Signpost Essex" and _meta(html, "og:type") == "website"
    assert _meta(html, "og:description") and _meta(html, "og:description") == _meta(html, "description")
    assert _meta(html, "twitter:card") == "summary"


def test_open_graph_on_a_service_page(client):
    html = client.get(_service_url(client, "Scouts")).get_data(as_text=True)
    assert _meta(html, "og:title") == "Scouts"
    assert _meta(html, "og:url") == _canonical(html)
    assert _meta(html, "og:description")


@pytest.mark.parametrize("name", ["FRANK", "Childline", "Shout"])
def test_a_discreet_services_preview_is_neutral(client, name):
    html = client.get(_service_url(client, name)).get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert _meta(html, "og:title") == "Service details" and title.startswith("Service details")
    preview = " ".join(filter(None, (_meta(html, key) for key in ("og:title", "og:description", "description"))))
    for word in (name, "drug", "crisis", "abuse", "exploit", "mental", "sexual", "suicid"):
        assert not re.search(rf"\b{word}", preview, re.I), word


def test_a_discreet_services_preview_in_a_world_of_its_own(world_app):
    html = world_app.test_client().get(_service_path(world_app, "discreet")).get_data(as_text=True)
    preview = " ".join(_meta(html, key) for key in ("og:title", "og:description", "description"))
    assert "Sentinel" not in preview and "rug" not in preview
    assert _canonical(html)  # still a public page, offered to search engines


def test_a_results_page_says_noindex_and_repeats_nothing_typed(client):
    response = client.post("/search", data={"q": "sentinelword", "near": "CM20 1AB"})
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    head = _head(html)
    assert '<meta name="robots" content="noindex">' in head
    assert _canonical(html) is None
    assert _meta(html, "og:title") == "Search results"
    assert _meta(html, "og:url") == "http://localhost/"  # never the token's address
    assert "sentinelword" not in head and "CM20" not in head and "/results/" not in head


def test_a_refused_search_and_an_ended_token_say_noindex_too(client):
    html = client.post("/search", data={"q": "sentinelword", "age": "400"}).get_data(as_text=True)
    assert "sentinelword" not in _head(html) and 'content="noindex"' in _head(html)
    html = client.get("/results/not-a-real-token-at-all").get_data(as_text=True)
    assert 'content="noindex"' in _head(html) and _canonical(html) is None


def test_error_and_staff_pages_have_no_canonical_address(client):
    for path in ("/no-such-page", f"/services/{uuid.uuid4()}", "/account/login"):
        html = client.get(path).get_data(as_text=True)
        assert _canonical(html) is None and 'content="noindex"' in _head(html), path


def test_browse_pages_are_canonical_without_their_filters(client):
    html = client.get("/categories/sport?free=1&page=2").get_data(as_text=True)
    assert _canonical(html) == "http://localhost/categories/sport?page=2"
    assert _meta(html, "og:title") == "Sport and fitness"
