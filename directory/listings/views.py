"""Public directory pages: home, results, a service, browse by category, the area list."""
from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from directory.accounts.permissions import public
from directory.errors import render_error
from directory.extensions import limiter
from directory.geo import lookup
from directory.listings import operations
from directory.listings.params import SearchInputError, SearchParams, parse_search_args

bp = Blueprint("listings", __name__)


# One per-address budget shared by every way of searching: page, browse and API.
search_limit = limiter.shared_limit(
    lambda: current_app.config["SEARCH_RATE_LIMIT"], scope="search"
)


RELATED_PAGES = 5  # advice and local pages shown above the services

# Pages that can hold what someone searched for, or what they needed help with:
# never kept in the browser's or a proxy's cache.
NO_STORE = {"listings.results", "listings.service", "listings.category"}


@bp.after_request
def never_cache_searches(response):
    if request.endpoint in NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    return response


def _render_results(params: SearchParams, heading: str, **context):
    """Run the search and render it; bad input is answered with 400 and the form."""
    error = None
    suggestions: list[str] = []
    page = None
    try:
        page = operations.search_directory(params, related=RELATED_PAGES)
    except SearchInputError as exc:
        error = exc.message
    except lookup.PlaceError as exc:
        error = operations.place_message(exc)
        suggestions = getattr(exc, "suggestions", [])
    return (
        render_template(
            "listings/results.html",
            params=params,
            page=page,
            heading=heading,
            error=error,
            suggestions=suggestions,
            categories=page.categories if page else operations.all_categories(),
            areas=page.areas if page else operations.all_areas(),
            **context,
        ),
        400 if error else 200,
    )


def _params_or_400():
    try:
        return parse_search_args(request.args), None
    except SearchInputError as exc:
        return None, render_error(400, exc.message)


@bp.get("/")
@public
def home():
    return render_template(
        "listings/home.html",
        categories=operations.all_categories(),
        places_available=lookup.places_loaded(),
    )


@bp.get("/search")
@public
@search_limit
def results():
    params, error = _params_or_400()
    if error:
        return error
    # SAFE-4: the heading and title never repeat the search words.
    return _render_results(params, _("Search results"))


@bp.get("/services/<uuid:service_id>")
@bp.get("/services/<uuid:service_id>/<slug>")
@public
def service(service_id, slug: str | None = None):
    found = operations.get_public_service(str(service_id))
    if found is None:
        abort(404)
    if slug != found.slug:
        return redirect(url_for(".service", service_id=found.id, slug=found.slug), 301)
    return render_template("listings/service.html", service=found)


@bp.get("/categories")
@public
def categories():
    return render_template("listings/categories.html", categories=operations.all_categories())


@bp.get("/categories/<slug>")
@public
@search_limit
def category(slug: str):
    """Results for one category: the search page with that filter fixed."""
    found = operations.get_category(slug)
    if found is None:
        abort(404)
    params, error = _params_or_400()
    if error:
        return error
    return _render_results(replace(params, category=(found.slug,)), found.name, browsing=found)


@bp.get("/areas")
@public
def areas():
    return render_template("listings/areas.html", areas=operations.all_areas())

