"""Read-only JSON API. GET /api/v1/search takes the same parameters as /search."""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from directory.accounts.permissions import public
from directory.errors import render_error
from directory.geo import lookup
from directory.links import public_url
from directory.listings import operations, signals
from directory.listings.params import SearchInputError, parse_search_args
from directory.listings.views import search_limit

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def _serialise(found: operations.FoundService, with_distance: bool) -> dict:
    service = found.service
    item = {
        "id": service.id,
        "name": service.name,
        "url": public_url("listings.service", service_id=service.id, slug=service.slug),
        "summary": service.summary,
        "organization": service.organization.name,
        "categories": [c.slug for c in service.categories],
        "areas": ["county"] if service.county_wide else [a.slug for a in service.areas],
        "min_age": service.minimum_age,
        "max_age": service.maximum_age,
        "free": service.is_free,
        "modes": service.modes,
        "languages": service.language_codes,
        "commissioned_by": service.commissioned_by,
    }
    if with_distance:
        item["distance_miles"] = (
            round(found.distance_miles, 2) if found.distance_miles is not None else None
        )
    return item


@bp.get("/search")
@public
@search_limit
def search():
    try:
        params = parse_search_args(request.args)
        page = operations.search_directory(params)
    except SearchInputError as exc:
        return render_error(400, exc.message, field=exc.field)
    except lookup.PlaceError as exc:
        return render_error(
            400, operations.place_message(exc), field="near", suggestions=getattr(exc, "suggestions", [])
        )
    if params.page == 1:
        signals.searched.send(current_app._get_current_object(), params=params, page=page,
                              channel="api", token=None)
    results = page.results
    body = {
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "results": [_serialise(f, params.has_location) for f in page.found],
        "facets": {
            name: {value: count for value, _label, count in page.facet(name)}
            for name in ("category", "area", "mode", "language")
        }
        | {"age": results.facets.get("age", {}), "free": results.facets.get("free", {})},
    }
    if page.help_now is not None:
        # The words say someone may be in danger now: a client should show help first.
        body["help_now"] = [_serialise(f, params.has_location) for f in page.help_now]
    if page.place is not None:
        body["near"] = {
            "label": page.place.label,
            "latitude": round(page.place.point.latitude, 3),
            "longitude": round(page.place.point.longitude, 3),
        }
    if results.corrected:
        body["showing_results_for"] = results.corrected
    if results.did_you_mean:
        body["did_you_mean"] = results.did_you_mean
    response = jsonify(body)
    response.headers["Cache-Control"] = "no-store"  # the words are in its URL
    return response
