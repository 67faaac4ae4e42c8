"""Absolute links to this site, built from the configured public address.

Never from the request's Host header: a forged Host must not put another site's
address into a password-reset e-mail or an API answer. Works outside a request
too (``flask remind`` runs from cron).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from flask import current_app
from flask_babel import force_locale, get_locale


def language_prefix() -> str:
    """The address prefix of the language being used ("" for the default): the
    page's in a request, the recipient's inside ``force_locale`` for an e-mail."""
    locale = str(get_locale() or "")
    return locale if locale in current_app.config["LOCALES"] else ""


@contextmanager
def in_language(locale: str | None) -> Iterator[None]:
    """Write an e-mail in its recipient's language: gettext and public_url inside
    use ``locale``. Someone with none yet (they have never signed in) is written to
    in the language of the page they are using; from cron, that is the default."""
    if not locale:
        yield
        return
    config = current_app.config
    with force_locale(locale if locale in config["LOCALES"] else config["BABEL_DEFAULT_LOCALE"]):
        yield


def public_url(endpoint: str, _language: str | None = None, **values) -> str:
    """``url_for(endpoint, **values, _external=True)`` against ``PUBLIC_BASE_URL``, in
    the current language unless ``_language`` names one ("" for the default)."""
    base = urlsplit(current_app.config["PUBLIC_BASE_URL"])
    prefix = language_prefix() if _language is None else _language
    script_name = base.path.rstrip("/") + (f"/{prefix}" if prefix else "")
    adapter = current_app.url_map.bind(base.netloc, script_name=script_name or "/",
                                       url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def public_base() -> str:
    """The site's address without a trailing slash, for joining with a path."""
    return current_app.config["PUBLIC_BASE_URL"].rstrip("/")
