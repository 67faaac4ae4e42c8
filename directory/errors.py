"""Friendly error pages, and JSON errors for the API. Never a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _wants_json() -> bool:
    return request.path.startswith("/api/")


def _message(code: int) -> str:
    messages = {
        400: _("Something in that request did not make sense to us."),
        404: _("We could not find that page."),
        405: _("That kind of request is not allowed here."),
        413: _("That file or form is too big."),
        429: _("Too many requests in a short time. Please wait a minute and try again."),
    }
    return messages.get(code, _("Sorry, something went wrong on our side."))


def render_error(code: int, message: str | None = None, **context):
    message = message or _message(code)
    if _wants_json():
        return jsonify({"error": message, "status": code, **context}), code
    template = f"errors/{code}.html" if code in (404, 500) else "errors/error.html"
    return render_template(template, code=code, message=message, **context), code


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

    @app.errorhandler(Exception)
    def handle_unexpected(error: Exception):
        log.exception("unhandled error on %s", request.path)
        return render_error(InternalServerError.code)
