"""Make a fresh worker ready before its first visitor: without this, the first
search a worker answers also opens the index, builds the document table, compiles
the templates, reads Babel's data for every language the site offers, loads the
catalogues and compiles the county's crisis patterns (measured: 617 ms for the
first results page against 49 ms for the next, at 1,000 services)."""
from __future__ import annotations

import logging
import time

from flask import Flask

log = logging.getLogger(__name__)

# Compiled on start-up (what a search and a service page use); the rest on first use.
PUBLIC_FOLDERS = ("listings/", "macros/", "errors/", "pages/")


def warm(app: Flask) -> float:
    """Open the search index (building it if this node has none), build its
    document table and compile the public templates. Returns the seconds taken.

    Nothing is counted or stored: this is a search in process, not a request, so
    the demand report never sees it. A failure is logged, never fatal: the worker
    still serves, and the first request does the work instead."""
    from flask_babel import force_locale, get_translations

    from directory.counties.languages import vocabulary
    from directory.counties.pack import current_pack
    from directory.i18n.locales import languages
    from directory.listings.operations import load_public_services, local_now
    from directory.search import engine
    from directory.search.query import Filters

    started = time.perf_counter()
    with app.app_context():
        try:
            found = engine.find("", Filters(), origin=None, now=local_now(), page=1, page_size=20)
            load_public_services([hit.id for hit in found.hits])  # compiles the cards' queries
        except Exception:
            log.exception("warm-up: the search index could not be opened")
        pack = current_pack()
        pack.crisis()
        for language in languages(app):
            vocabulary(pack.folder, language.code)
            with app.test_request_context("/"), force_locale(language.tag.replace("-", "_")):
                get_translations()
        app.jinja_env.get_template("base.html")
        for name in app.jinja_env.list_templates(filter_func=lambda name: name.startswith(PUBLIC_FOLDERS)):
            app.jinja_env.get_template(name)
    took = time.perf_counter() - started
    log.info("worker warmed up in %.0f ms", took * 1000)
    return took
