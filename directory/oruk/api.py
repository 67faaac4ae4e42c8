"""The Open Referral UK 3.0 read API at /api/oruk/v3: public data only, no sign-in, CORS for GET.

Paging follows the ORUK 3.0 list envelope; a page past the end is empty, not an
error. Bad parameters answer 400 in JSON, unknown ids 404 in JSON.
"""
from __future__ import annotations

import uuid
from datetime import UTC, datetime, time

from flask import Blueprint, abort, current_app, jsonify, request
from sqlalchemy import select

from directory.accounts.permissions import public
from directory.extensions import db, limiter
from directory.links import public_url
from directory.listings.models import Location, Organization, Service, service_at_location
from directory.oruk import openapi, queries, serialise
from directory.oruk.taxonomy import derived_id
from directory.search import engine
from directory.search.query import Filters as SearchFilters

bp = Blueprint("oruk", __name__, url_prefix="/api/oruk/v3")

PROFILE = "https://openreferraluk.org/"
oruk_limit = limiter.shared_limit(lambda: current_app.config["ORUK_RATE_LIMIT"], scope="oruk")


class BadParameter(ValueError):
    pass


@bp.errorhandler(BadParameter)
@bp.errorhandler(queries.FilterError)
def _bad(error):
    return jsonify({"error": str(error), "status": 400}), 400


@bp.after_request
def _cors_and_cache(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    # Words or a postcode in the query are someone's search: never kept in a cache.
    private = any(request.args.get(k) for k in ("search", "postcode"))
    response.headers["Cache-Control"] = "no-store" if private else "public, max-age=300"
    return response


def _int(name: str, default: int, low: int, high: int) -> int:
    text = request.args.get(name, "").strip()
    if not text:
        return default
    try:
        value = int(text)
    except ValueError:
        raise BadParameter(f"{name}: a whole number, please") from None
    if not low <= value <= high:
        raise BadParameter(f"{name}: between {low} and {high}")
    return value


def _paging() -> tuple[int, int]:
    return (_int("page", 1, 1, 100_000),
            _int("per_page", queries.DEFAULT_PER_PAGE, 1, queries.MAX_PER_PAGE))


def _number(name: str) -> float | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise BadParameter(f"{name}: a number, please") from None


def _clock(name: str) -> time | None:
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        return time.fromisoformat(text)
    except ValueError:
        raise BadParameter(f"{name}: a time like 18:00") from None


def _moment(name: str) -> datetime | None:
    """A date or date-time; without a zone it is taken as UTC (as we store them)."""
    text = request.args.get(name, "").strip()
    if not text:
        return None
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise BadParameter(f"{name}: a date-time like 2026-01-31T09:00:00Z") from None
    return value.astimezone(UTC).replace(tzinfo=None) if value.tzinfo else value


def _uuid_or_404(value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        abort(404)


def _filters() -> queries.Filters:
    args = request.args
    ids = None
    if args.get("search", "").strip():
        found = engine.find(args["search"], SearchFilters(), origin=None, now=datetime.now(UTC), page=1,
                            page_size=queries.MAX_PER_PAGE * 5)
        ids = frozenset(hit.id for hit in found.hits)
    modified = _moment("modified_after")
    near, area_id, within = None, "", None
    if args.get("postcode", "").strip():
        near, area_id = queries.area_for_postcode(args["postcode"])
        within = _number("proximity")
    return queries.Filters(
        ids=ids, taxonomy_term_id=args.get("taxonomy_term_id", "").strip(),
        taxonomy_id=args.get("taxonomy_id", "").strip(), organization_id=args.get("organization_id", "").strip(),
        modified_after=modified, minimum_age=_number("minimum_age"), maximum_age=_number("maximum_age"),
        area_id=area_id, near=near, within_m=within,
        day=queries.weekday(args["day"]) if args.get("day", "").strip() else None,
        start_time=_clock("start_time"), end_time=_clock("end_time"))


@bp.get("/")
@public
def root():
    return jsonify({"version": "HSDS-UK-3.0", "profile": PROFILE, "openapi_url": public_url("oruk.openapi_document")})


@bp.get("/openapi.json")
@public
def openapi_document():
    return jsonify(openapi.document())


@bp.get("/services", strict_slashes=False)
@public
@oruk_limit
def services():
    number, per_page = _paging()
    query = queries.filtered(queries.listed_services(), _filters())
    page = queries.paged(query, number, per_page, (Service.name, Service.id))
    return jsonify(page.envelope([serialise.service(s, full=False) for s in page.items]))


@bp.get("/services/<service_id>")
@public
@oruk_limit
def service(service_id: str):
    found = db.session.scalar(queries.listed_services().where(Service.id == _uuid_or_404(service_id)))
    if found is None:
        abort(404)
    return jsonify(serialise.service(found))


@bp.get("/organizations", strict_slashes=False)
@public
@oruk_limit
def organizations():
    number, per_page = _paging()
    listed = queries.listed_services(load=()).with_only_columns(Service.organization_id)
    query = select(Organization).where(Organization.id.in_(listed))
    page = queries.paged(query, number, per_page, (Organization.name, Organization.id))
    return jsonify(page.envelope([serialise.organization(o) for o in page.items]))


@bp.get("/organizations/<organization_id>")
@public
@oruk_limit
def organization(organization_id: str):
    found = db.session.get(Organization, _uuid_or_404(organization_id))
    services = list(db.session.scalars(queries.listed_services().where(Service.organization_id == found.id))
                    ) if found else []
    if not services:
        abort(404)
    return jsonify(serialise.organization(found, services))


def _listed_locations():
    listed = queries.listed_services(load=()).with_only_columns(Service.id)
    return (select(service_at_location.c.service_id, service_at_location.c.location_id)
            .where(service_at_location.c.service_id.in_(listed)))


@bp.get("/service_at_locations", strict_slashes=False)
@public
@oruk_limit
def service_at_locations():
    number, per_page = _paging()
    query = queries.filtered(queries.listed_services(), _filters()).where(
        Service.id.in_(select(service_at_location.c.service_id)))
    pairs = [(svc, loc) for svc in db.session.scalars(query.order_by(Service.name, Service.id)).unique()
             for loc in svc.locations]
    page = queries.page_of(pairs, number, per_page)
    return jsonify(page.envelope([serialise.service_at_location(s, loc) for s, loc in page.items]))


@bp.get("/service_at_locations/<link_id>")
@public
@oruk_limit
def service_at_location_one(link_id: str):
    wanted = _uuid_or_404(link_id)
    for service_id, location_id in db.session.execute(_listed_locations()):
        if derived_id("service_at_location", service_id, location_id) == wanted:
            return jsonify(serialise.service_at_location(db.session.get(Service, service_id),
                                                         db.session.get(Location, location_id)))
    abort(404)


@bp.get("/locations", strict_slashes=False)
@public
@oruk_limit
def locations():
    number, per_page = _paging()
    query = select(Location).where(Location.id.in_(_listed_locations().with_only_columns(
        service_at_location.c.location_id)))
    page = queries.paged(query, number, per_page, (Location.city, Location.id))
    return jsonify(page.envelope([serialise.location(loc) for loc in page.items]))


@bp.get("/locations/<location_id>")
@public
@oruk_limit
def location(location_id: str):
    wanted = _uuid_or_404(location_id)
    listed = {loc for _s, loc in db.session.execute(_listed_locations())}
    if wanted not in listed:
        abort(404)
    return jsonify(serialise.location(db.session.get(Location, wanted)))


def _all_taxonomies() -> list[dict]:
    return queries.taxonomy_records()[0]


def _all_terms() -> list[dict]:
    return queries.taxonomy_records()[1]


def _paged_list(records: list[dict]):
    page = queries.page_of(records, *_paging())
    return jsonify(page.envelope(page.items))


def _one(records: list[dict], record_id: str):
    wanted = _uuid_or_404(record_id)
    found = next((r for r in records if r["id"] == wanted), None)
    if found is None:
        abort(404)
    return jsonify(found)


@bp.get("/taxonomies", strict_slashes=False)
@public
def taxonomies():
    return _paged_list(_all_taxonomies())


@bp.get("/taxonomies/<taxonomy_id>")
@public
def taxonomy(taxonomy_id: str):
    return _one(_all_taxonomies(), taxonomy_id)


@bp.get("/taxonomy_terms", strict_slashes=False)
@public
def taxonomy_terms():
    return _paged_list(_all_terms())


@bp.get("/taxonomy_terms/<term_id>")
@public
def taxonomy_term(term_id: str):
    return _one(_all_terms(), term_id)

