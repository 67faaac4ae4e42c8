"""Absolute links to this site, built from the configured public address.

Never from the request's Host header: a forged Host must not put another site's
address into a password-reset e-mail or an API answer. Works outside a request
too (``flask remind`` runs from cron).
"""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """``url_for(endpoint, **values, _external=True)`` against ``PUBLIC_BASE_URL``."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def public_base() -> str:
    """The site's address without a trailing slash, for joining with a path."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")
