"""Friendly error pages, and JSON errors for the API. Never a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, Response, g, jsonify, render_template, request
from flask_babel import gettext as _
from markupsafe import escape
from sqlalchemy.exc import InterfaceError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError

from directory.extensions import db, login_manager

log = logging.getLogger(__name__)

# The database is away (stopped, unreachable, locked): not a bug, so a calm 503
# that asks to come back shortly, never a 500.
DATABASE_AWAY = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _message(code: int) -> str:
    messages = {
        400: _("Something in that request did not make sense to us."),
        404: _("We could not find that page."),
        405: _("That kind of request is not allowed here."),
        413: _("That file or form is too big."),
        503: _("The directory is not working right now. Please try again in a few minutes."),
        429: _("Too many requests in a short time. Please wait a minute and try again."),
    }
    return messages.get(code, _("Sorry, something went wrong on our side."))


def render_error(code: int, message: str | None = None, **context):
    message = message or _message(code)
    if _wants_json():
        return jsonify({"error": message, "status": code, **context}), code
    template = f"errors/{code}.html" if code in (404, 500, 503) else "errors/error.html"
    try:
        return render_template(template, code=code, message=message, **context), code
    except Exception:
        # A request too broken to build links for (an untrusted or malformed Host)
        # still gets a plain page with the right status, never a second failure.
        log.warning("error page %s could not be rendered; sending the plain one", code)
        return _plain_page(code, message), code


def _plain_page(code: int, message: str) -> Response:
    body = (f'<!doctype html><html lang="en-GB"><head><meta charset="utf-8">'
            f'<title>{escape(_("Error"))} {code}</title></head>'
            f'<body><p><a href="/exit" rel="nofollow noreferrer">{escape(_("Exit this page"))}</a></p>'
            f'<main><h1>{escape(message)}</h1></main></body></html>')
    return Response(body, status=code, mimetype="text/html")


def init_app(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def handle_http(error: HTTPException):
        response = render_error(error.code or 500)
        if error.code == 429 and error.response is not None:
            retry = error.response.headers.get("Retry-After")
            if retry:
                body, code = response
                return body, code, {"Retry-After": retry}
        return response

    def handle_database_away(error: Exception):
        log.warning("database unavailable on %s: %s", request.path, str(error).splitlines()[0])
        try:
            db.session.rollback()
        except DATABASE_AWAY:
            pass
        # Drawn as for someone not signed in (Flask-Login's per-request user), since
        # loading the signed-in person needs the database.
        g._login_user = login_manager.anonymous_user()
        body, code = render_error(503)
        return body, code, {"Retry-After": str(RETRY_AFTER_SECONDS), "Cache-Control": "no-store"}

    for away in DATABASE_AWAY:
        app.register_error_handler(away, handle_database_away)

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        log.exception("unhandled error on %s", request.path)
        return render_error(InternalServerError.code)
