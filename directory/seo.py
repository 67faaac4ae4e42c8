"""What search engines and link previews see: robots.txt, the sitemap, each page's
canonical address, and a service's schema.org data.

Sitemap entries come from sources, as search documents do: the directory registers
its own pages here, and content/ registers its pages from its own init_app, so the
directory never imports content. A source is a function, called in a request, that
yields ``(absolute url, lastmod)`` pairs; lastmod is a date, a naive UTC datetime or
None. Every address comes from ``page_urls`` (so from ``PUBLIC_BASE_URL``, never from
the request's Host).
"""
from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, timezone
from functools import lru_cache
from xml.etree import ElementTree

from flask import Blueprint, Flask, Response, current_app, request
from jinja2 import pass_context
from markupsafe import Markup
from sqlalchemy import select

from directory.accounts.permissions import PUBLIC, access_rule, public
from directory.extensions import db
from directory.links import public_url
from directory.listings.models import Service, public_location
from directory.listings.operations import all_areas, all_categories, load_public_services

bp = Blueprint("seo", __name__)

Entry = tuple[str, date | datetime | None]
SitemapSource = Callable[[], Iterable[Entry]]

# Keyed by the function's full name, so making several apps (the tests) registers
# each source once; sources run in the order they were first registered.
SITEMAP_SOURCES: dict[str, SitemapSource] = {}


def register_sitemap_source(source: SitemapSource) -> SitemapSource:
    """Add a source of sitemap entries (usable as a decorator)."""
    SITEMAP_SOURCES[f"{source.__module__}.{source.__qualname__}"] = source
    return source


def page_urls(endpoint: str, **values) -> list[str]:
    """A page's addresses for the sitemap: the default language's. Each page's head
    links its other languages (hreflang), so the sitemap stays one entry per page
    and a county's directory fits one file."""
    return [public_url(endpoint, _language="", **values)]


def language_urls(endpoint: str, **values) -> list[tuple[str, str]]:
    """(BCP 47 tag, absolute address) of a page in each language, the default first."""
    config = current_app.config
    return [(tag.replace("_", "-"), public_url(endpoint, _language=prefix, **values))
            for tag, prefix in ((config["BABEL_DEFAULT_LOCALE"], ""), *((c, c) for c in config["LOCALES"]))]


def disallowed() -> list[str]:
    """robots.txt's rules, for the unprefixed addresses and each language's."""
    return [*DISALLOW, *(f"/{prefix}{rule}" for prefix in current_app.config["LOCALES"]
                         for rule in DISALLOW)]


# --- robots.txt ---------------------------------------------------------------------

# RFC 9309 rules for every crawler: the public site is allowed; staff screens,
# accounts, forms and every search-result address are not. `*` matches any run of
# characters and `$` ends a rule. tests/web/test_seo.py checks that every route
# whose access rule is not PUBLIC falls under one of these.
DISALLOW = (
    "/account",            # sign-in, registration and everyone's own pages
    "/admin",
    "/moderation",
    "/dashboard",
    "/content",            # the page editor (public pages are /advice, /campaigns, /areas)
    "/suggest",            # /suggest/new and /suggestions
    "/insights",           # the demand report and its CSV
    "/languages/reports",  # what readers said about the translations
    # What someone searched for: the form's target and token pages.
    "/search",
    "/results/",
    "/saved",              # a person's kept list: service ids chosen by them
    # The JSON APIs (/api/v1/search, Open Referral's /api/oruk/): searches with the
    # words in the address, and data for programs, which do not read robots.txt.
    "/api/",
    # Beside a listing: staff and signed-in screens and the problem report form.
    # Anchored with `$`, so a service whose slug starts "report..." is still read.
    "/services/*/history$",
    "/services/*/suggest$",
    "/services/*/still-correct$",
    "/services/*/report$",
    # Contact redirects count a person's contact in the demand report: not crawlers.
    "/services/*/contact/",
    "/exit",
    "/healthz",
)
# /files/ stays allowed: an uploaded file is served to the public only once a live
# page uses it (a draft's files answer 404 to anyone who may not edit the page).


@lru_cache(maxsize=64)
def _rule_pattern(rule: str) -> re.Pattern:
    anchored = rule.endswith("$")
    body = ".*".join(re.escape(part) for part in rule.removesuffix("$").split("*"))
    return re.compile(body + ("$" if anchored else ""))


def robots_allows(path: str, disallow: Iterable[str] = DISALLOW, allow: Iterable[str] = ("/",)) -> bool:
    """Whether a crawler obeying RFC 9309 may fetch ``path`` (with any query string).

    The longest matching rule wins, and an allow wins a tie."""
    matches = [(len(rule), True) for rule in allow if _rule_pattern(rule).match(path)]
    matches += [(len(rule), False) for rule in disallow if _rule_pattern(rule).match(path)]
    return max(matches)[1] if matches else True


@bp.get("/robots.txt")
@public
def robots_txt():
    lines = ["User-agent: *", "Allow: /", *(f"Disallow: {rule}" for rule in disallowed()), "",
             f"Sitemap: {public_url('seo.sitemap')}", ""]
    response = Response("\n".join(lines), mimetype="text/plain")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


# --- sitemap.xml --------------------------------------------------------------------

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
# The protocol's limit for one file; a larger directory needs a sitemap index.
SITEMAP_MAX_URLS = 50_000


def w3c_date(value: date | datetime) -> str:
    """A W3C Datetime: ``2024-05-01`` for a date, ``2024-05-01T09:30:00+00:00`` for a
    moment (naive datetimes are UTC, as the database stores them)."""
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value.astimezone(timezone.utc).replace(microsecond=0).isoformat()
    return value.isoformat()


def sitemap_entries() -> list[Entry]:
    """Every registered source's entries, each address once (the first lastmod kept)."""
    seen: dict[str, date | datetime | None] = {}
    for source in SITEMAP_SOURCES.values():
        for url, lastmod in source():
            seen.setdefault(url, lastmod)
    return list(seen.items())


def sitemap_xml(entries: Iterable[Entry]) -> bytes:
    """The sitemaps.org document; ElementTree escapes every address."""
    root = ElementTree.Element("urlset", xmlns=SITEMAP_NS)
    for url, lastmod in entries:
        item = ElementTree.SubElement(root, "url")
        ElementTree.SubElement(item, "loc").text = url
        if lastmod is not None:
            ElementTree.SubElement(item, "lastmod").text = w3c_date(lastmod)
    return ElementTree.tostring(root, encoding="utf-8", xml_declaration=True)


@bp.get("/sitemap.xml")
@public
def sitemap():
    entries = sitemap_entries()
    if len(entries) > SITEMAP_MAX_URLS:
        current_app.logger.warning("sitemap has %d addresses; only the first %d are listed",
                                   len(entries), SITEMAP_MAX_URLS)
        entries = entries[:SITEMAP_MAX_URLS]
    response = Response(sitemap_xml(entries), mimetype="application/xml")
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


FIXED_PAGES = ("listings.home", "listings.categories", "listings.areas", "pages.help_now",
               "pages.cover_your_tracks", "pages.data_sources", "pages.privacy", "pages.cookies",
               "pages.accessibility")
BATCH = 500


def listed_services() -> Iterator[Service]:
    """Every service the public may see now, through the site's own public query
    (``load_public_services``: active, and ``is_listed``, so not past its grace period)."""
    ids = list(db.session.scalars(select(Service.id).order_by(Service.id)))
    for start in range(0, len(ids), BATCH):
        found = load_public_services(ids[start:start + BATCH])
        yield from (found[i] for i in ids[start:start + BATCH] if i in found)


def _newest(current: datetime | None, moment: datetime | None) -> datetime | None:
    return moment if current is None or (moment is not None and moment > current) else current


def directory_entries() -> Iterator[Entry]:
    """The directory's own pages: fixed pages, categories, areas and every public service."""
    for endpoint in FIXED_PAGES:
        yield from ((url, None) for url in page_urls(endpoint))
    by_category: dict[str, datetime | None] = {}
    by_area: dict[str, datetime | None] = {}
    county_wide: datetime | None = None
    services = []
    for service in listed_services():
        services.append((service.id, service.slug, service.updated_at))
        for category in service.categories:
            by_category[category.slug] = _newest(by_category.get(category.slug), service.updated_at)
        if service.county_wide:
            county_wide = _newest(county_wide, service.updated_at)
        for area in service.areas:
            by_area[area.slug] = _newest(by_area.get(area.slug), service.updated_at)
    for category in all_categories():
        yield from ((url, by_category.get(category.slug))
                    for url in page_urls("listings.category", slug=category.slug))
    for area in all_areas():
        lastmod = _newest(by_area.get(area.slug), county_wide)
        yield from ((url, lastmod) for url in page_urls("listings.area", slug=area.slug))
    for service_id, slug, updated_at in services:
        yield from ((url, updated_at) for url in page_urls("listings.service", service_id=service_id, slug=slug))


# --- canonical addresses ------------------------------------------------------------


def indexable(endpoint: str | None, path: str) -> bool:
    """A public page that robots.txt lets crawlers read."""
    return endpoint is not None and access_rule(current_app, endpoint) == PUBLIC and robots_allows(path)


@pass_context
def canonical_url(context) -> str | None:
    """The current page's canonical address, or None: error pages (rendered with a
    ``code``), forms that were posted, search results and staff screens have none
    (base.html then says noindex). Query arguments are dropped except ``page``."""
    if context.get("code") is not None or request.method not in ("GET", "HEAD"):
        return None
    if not indexable(request.endpoint, request.path):
        return None
    return public_url(request.endpoint, **_page_values())


def _page_values() -> dict:
    values = dict(request.view_args or {})
    page = request.args.get("page", "")
    if page.isdigit() and int(page) > 1:
        values["page"] = int(page)
    return values


@pass_context
def alternate_urls(context) -> list[tuple[str, str]]:
    """hreflang alternates for a page with a canonical address: (BCP 47 tag, URL) for
    each language, and x-default for the unprefixed one."""
    if canonical_url(context) is None:
        return []
    urls = language_urls(request.endpoint, **_page_values())
    return [*urls, ("x-default", urls[0][1])]


# --- schema.org data for a service page ---------------------------------------------

# Inside <script> only "</script" or "<!--" could end or confuse the element; with
# <, > and & written as JSON escapes (which parse to the same string) neither can
# appear, whatever a listing's name says. U+2028/2029 are escaped for old parsers.
_SCRIPT_SAFE = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026",
                0x2028: "\\u2028", 0x2029: "\\u2029"}


def script_json(data) -> Markup:
    """JSON that is safe as the text of a <script> element (and is not HTML-escaped)."""
    return Markup(json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_SCRIPT_SAFE))


DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _compact(data: dict) -> dict:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _place(location) -> dict:
    """A schema.org Place from the public view of a location only: a confidential one
    is its town and postcode district, exactly as the page shows it (no venue, street
    or coordinates)."""
    place = public_location(location)
    address = _compact({"@type": "PostalAddress", "streetAddress": ", ".join(place.address_lines),
                        "addressLocality": place.city, "postalCode": place.postal_code})
    geo = None
    if not place.confidential and place.latitude is not None and place.longitude is not None:
        geo = {"@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude}
    return _compact({"@type": "Place", "name": place.name, "address": address, "geo": geo})


def _hours(service: Service) -> list[dict]:
    hours = []
    for slot in service.schedules:
        all_day = slot.opens_at == slot.closes_at
        hours.append({"@type": "OpeningHoursSpecification", "dayOfWeek": f"https://schema.org/{DAYS[slot.weekday]}",
                      "opens": "00:00" if all_day else slot.opens_at.strftime("%H:%M"),
                      "closes": "23:59" if all_day else slot.closes_at.strftime("%H:%M")})
    return hours


def service_data(service: Service) -> dict:
    """A service page as schema.org/Service: what the page itself shows, no more."""
    website = service.url if service.url and service.url.startswith("https://") else None
    organization = service.organization
    channel = _compact({
        "@type": "ServiceChannel",
        "servicePhone": [{"@type": "ContactPoint", "telephone": p.number} for p in service.phones
                         if p.type != "text"],
        "serviceSmsNumber": [{"@type": "ContactPoint", "telephone": p.number} for p in service.phones
                             if p.type == "text"],
        "serviceUrl": website,
        "serviceLocation": [_place(location) for location in service.locations],
        "availableLanguage": service.language_codes,
    })
    if service.county_wide:
        served = [{"@type": "AdministrativeArea", "name": current_app.config["COUNTY_NAME"]}]
    else:
        served = [{"@type": "AdministrativeArea", "name": area.name} for area in service.areas]
    audience = _compact({"@type": "PeopleAudience", "suggestedMinAge": service.minimum_age,
                         "suggestedMaxAge": service.maximum_age})
    if service.is_free:
        offers = {"@type": "Offer", "price": 0, "priceCurrency": "GBP"}
    else:
        offers = _compact({"@type": "Offer", "description": service.fees_description})
    return _compact({
        "@context": "https://schema.org",
        "@type": "Service",
        "name": service.name,
        "description": service.summary or service.description,
        "url": public_url("listings.service", service_id=service.id, slug=service.slug),
        "provider": _compact({"@type": "Organization", "name": organization.name,
                              "url": organization.url if (organization.url or "").startswith("https://")
                              else None}),
        "category": [category.name for category in service.categories],
        "areaServed": served,
        "audience": audience if len(audience) > 1 else None,
        "availableChannel": channel if len(channel) > 1 else None,
        "hoursAvailable": _hours(service),
        "offers": offers if len(offers) > 1 else None,
    })


def service_structured_data(service: Service) -> Markup:
    """The JSON-LD for ``<script type="application/ld+json">`` on a service page.

    The CSP (``script-src 'self'``, security.py) forbids running inline script, and
    this is not script: a browser executes only JavaScript types, so a data block
    like application/ld+json is never run and CSP has nothing to block. Search
    engines read it as data."""
    return script_json(service_data(service))


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    register_sitemap_source(directory_entries)
    app.jinja_env.globals.update(canonical_url=canonical_url, alternate_urls=alternate_urls, service_structured_data=service_structured_data)
