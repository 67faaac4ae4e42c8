"""Public directory pages: home, results, a service, browse by category, the area list."""
from __future__ import annotations

import uuid
from dataclasses import replace

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import gettext as _

from directory.accounts.permissions import public
from directory.counties.languages import in_reader_language
from directory.errors import render_error
from directory.extensions import csrf, limiter
from directory.geo import lookup
from directory.listings import operations, search_tokens, signals
from directory.listings.params import (
    PRIVATE_ARGS,
    SearchInputError,
    SearchParams,
    parse_search_args,
    typed_back,
)

bp = Blueprint("listings", __name__)


# One per-address budget shared by every way of searching: page, browse and API.
search_limit = limiter.shared_limit(
    lambda: current_app.config["SEARCH_RATE_LIMIT"], scope="search"
)


RELATED_PAGES = 5  # advice and local pages shown after the first services

# Pages that can hold what someone searched for, or what they needed help with:
# never kept in the browser's or a proxy's cache.
NO_STORE = {"listings.search", "listings.results", "listings.service", "listings.category", "listings.area",
            "listings.saved"}


@bp.after_request
def never_cache_searches(response):
    if request.endpoint in NO_STORE:
        response.headers["Cache-Control"] = "no-store"
    return response


def _render_results(params: SearchParams, heading: str, error: str | None = None,
                    token: str | None = None, error_field: str = "q", **context):
    """Run the search and render it; bad input is answered with 400 and the form."""
    suggestions: list[str] = []
    page = None
    try:
        if error is None:
            page = operations.search_directory(params, related=RELATED_PAGES, results_page=True)
            if token or params.page == 1:
                signals.searched.send(current_app._get_current_object(), params=params, page=page,
                                      channel="site", token=token)
    except SearchInputError as exc:
        error, error_field = exc.message, exc.field
    except lookup.PlaceError as exc:
        error, error_field = operations.place_message(exc), "near"
        suggestions = getattr(exc, "suggestions", [])
    return (
        render_template(
            "listings/results.html",
            params=params,
            page=page,
            heading=heading,
            error=error,
            error_field=error_field,
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


def _to_token(params: SearchParams):
    """Keep the search on the server and send the browser to its token address."""
    token = search_tokens.store(params)
    page = params.page if params.page > 1 else None
    return redirect(url_for(".results", token=token, page=page), 303)


@bp.get("/")
@public
def home():
    return render_template(
        "listings/home.html",
        categories=operations.all_categories(),
        places_available=lookup.places_loaded(),
    )


@bp.route("/search", methods=["GET", "POST"])
@public
@search_limit
@csrf.exempt
def search():
    """Take a search and answer with a redirect to its token address.

    Every search form on the site posts here, so what was typed never reaches a
    URL, browser history or a log. GET is for old links and bookmarks, moved to a
    token address the same way. Exempt from CSRF because a search changes nothing
    a person owns and an anonymous search must not need a session cookie; the
    cross-site check in security.py still refuses posts from other sites.
    """
    source = request.form if request.method == "POST" else request.args
    if not source:
        return _render_results(SearchParams(), _("Search results"))
    try:
        params = parse_search_args(source)
    except SearchInputError as exc:
        # Nothing typed is lost: the form comes back filled in, with the message.
        return _render_results(typed_back(source), _("Search results"), error=exc.message,
                               typed=source, error_field=exc.field)
    return _to_token(params)


@bp.get("/results/<token>")
@public
@search_limit
def results(token: str):
    try:
        page = parse_search_args({"page": request.args.get("page", "")}).page
    except SearchInputError as exc:
        return render_error(400, exc.message)
    params = search_tokens.load(token, page)
    if params is None:
        # Ended or never made: a kind page with the search box, not an error.
        return render_template("listings/search_ended.html"), 200, {"X-Robots-Tag": "noindex"}
    # SAFE-4: the heading and title never repeat the search words.
    return _render_results(params, _("Search results"), token=token)


@bp.get("/services/<uuid:service_id>")
@bp.get("/services/<uuid:service_id>/<slug>")
@public
def service(service_id, slug: str | None = None):
    found = operations.get_public_service(str(service_id))
    if found is None:
        abort(404)
    if slug != found.slug:
        return redirect(url_for(".service", service_id=found.id, slug=found.slug), 301)
    signals.service_viewed.send(current_app._get_current_object(), service_id=found.id)
    return render_template("listings/service.html", service=found)


@bp.get("/services/<uuid:service_id>/contact/<how>")
@public
def contact(service_id, how: str):
    """Follow a service's website or e-mail link, counted first (the demand report).

    The destination is only ever the listing's own, so this is not an open redirect.
    """
    found = operations.get_public_service(str(service_id))
    if found is None or how not in ("website", "email"):
        abort(404)
    target = found.url if how == "website" else f"mailto:{found.email}" if found.email else None
    if not target or (how == "website" and not target.startswith("https://")):
        abort(404)
    signals.service_contacted.send(current_app._get_current_object(), service_id=found.id, how=how)
    return redirect(target, 302)


@bp.get("/categories")
@public
def categories():
    return render_template("listings/categories.html", categories=operations.all_categories())


def _browse(fixed: SearchParams, heading: str, **context):
    """A browse page with a readable address; anything private moves to a token."""
    params, error = _params_or_400()
    if error:
        return error
    params = replace(params, category=fixed.category or params.category, area=fixed.area or params.area)
    if any(request.args.get(name) for name in PRIVATE_ARGS):
        return _to_token(params)
    return _render_results(params, heading, **context)


@bp.get("/categories/<slug>")
@public
@search_limit
def category(slug: str):
    """Results for one category: the search page with that filter fixed."""
    found = operations.get_category(slug)
    if found is None:
        abort(404)
    return _browse(SearchParams(category=(found.slug,)), in_reader_language(found), browsing=found)


@bp.get("/areas/<slug>/services")
@public
@search_limit
def area(slug: str):
    """Every service in one council area."""
    found = operations.get_area(slug)
    if found is None:
        abort(404)
    return _browse(SearchParams(area=(found.slug,)), _("Services in %(area)s", area=found.name))


@bp.get("/saved")
@public
def saved():
    """A kept list: the services whose ids are in the address, to print or share.

    With JavaScript the list is kept in the browser (site.js) and this address is
    made from it; without, the results page's ticked boxes arrive here."""
    ids = request.args.getlist("id")
    if len(ids) > operations.MAX_KEPT:
        return render_error(400, _("A list can hold up to %(num)s services. Please remove some.",
                                   num=operations.MAX_KEPT))
    if any(not _is_uuid(value) for value in ids):
        return render_error(400, _("This list link is not complete. Ask for the link again, or make a new list."))
    return render_template("listings/saved.html", kept=operations.kept_services(ids), ids=ids), 200, {
        "X-Robots-Tag": "noindex"}


def _is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value.lower()
    except ValueError:
        return False


@bp.get("/areas")
@public
def areas():
    return render_template("listings/areas.html", areas=operations.all_areas())

