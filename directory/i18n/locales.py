"""Which languages the site is in, and the language in the address.

English has no prefix; every other shipped language is the first part of the path
(``/pl/services/...``), so choosing one needs no cookie and a shared link keeps it.
A small WSGI middleware moves the prefix from PATH_INFO into SCRIPT_NAME: routes
stay written once, and ``url_for`` builds every link on a Polish page with ``/pl``
in front, forms and redirects included. The list of languages comes from the
county pack (``community_languages`` in county.toml).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale
from flask import Flask, current_app, g, has_request_context, request
from flask_babel import force_locale, get_locale, gettext

from directory.i18n.catalogues import compile_stale, is_reviewed

ENVIRON_LOCALE = "signpost.locale"
ENVIRON_ROOT = "signpost.root"


@dataclass(frozen=True)
class Language:
    code: str          # the locale and the URL prefix ("" for the default language)
    tag: str           # BCP 47, for lang and hreflang: "en-GB", "pl"
    own_name: str      # in its own language and script: "Polski", "العربية"
    english_name: str
    rtl: bool
    reviewed: bool     # has a native speaker checked the catalogue?


@lru_cache(maxsize=64)
def describe(locale: str, prefix: str, reviewed: bool) -> Language:
    parsed = Locale.parse(locale)
    own = parsed.get_language_name(parsed) or locale
    return Language(
        code=prefix, tag=locale.replace("_", "-"),
        own_name=own[:1].upper() + own[1:],
        english_name=parsed.get_language_name("en") or locale,
        rtl=parsed.character_order == "right-to-left", reviewed=reviewed,
    )


def describe_locale(code: str) -> Language:
    """One of the pack's languages, by its code."""
    return describe(code, code, is_reviewed(code))


def languages(app: Flask | None = None) -> list[Language]:
    """The default language first, then the pack's languages in its order."""
    if app is None and has_request_context() and "languages" in g:
        return g.languages  # asked by every card on a page: worked out once a request
    config = (app or current_app).config
    found = [describe(config["BABEL_DEFAULT_LOCALE"], "", True)] + [describe_locale(code) for code in config["LOCALES"]]
    if app is None and has_request_context():
        g.languages = found
    return found


def current_language() -> Language:
    """The page's language; the default one (first) unless a shipped one is in use."""
    code = str(get_locale() or "")
    found = languages()
    return next((language for language in found[1:] if language.code == code), found[0])


def select_locale() -> str | None:
    """Flask-Babel's locale selector: the language in the address, else the default."""
    if has_request_context():
        return request.environ.get(ENVIRON_LOCALE)
    return None


def current_path() -> str:
    """This page's path and query, without the language prefix."""
    return request.full_path.rstrip("?")


def address_in(language: Language, path: str | None = None) -> str:
    """This page's address (or ``path``) in another language, from the site root."""
    root = request.environ.get(ENVIRON_ROOT, request.script_root) if has_request_context() else ""
    if path is None:
        path = current_path() if has_request_context() else "/"
    prefix = f"/{language.code}" if language.code else ""
    return f"{root}{prefix}{path}" or "/"


class LocaleInPath:
    """WSGI middleware: ``/pl/x`` reaches the app as ``/x`` with SCRIPT_NAME ``/pl``."""

    def __init__(self, app, codes: list[str]) -> None:
        self.app = app
        self.codes = frozenset(codes)

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "") or "/"
        first, slash, rest = path[1:].partition("/")
        root = environ.get("SCRIPT_NAME", "")
        environ[ENVIRON_ROOT] = root
        if first in self.codes:
            environ[ENVIRON_LOCALE] = first
            environ["SCRIPT_NAME"] = f"{root}/{first}"
            environ["PATH_INFO"] = "/" + rest if slash else "/"
        return self.app(environ, start_response)


def safe_next(value: str | None) -> str:
    """A path on this site to come back to, from a ``next`` argument (never another site)."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return "/"
    return value


def suggested_language() -> Language | None:
    """On an unprefixed page, a shipped language the browser prefers to the default,
    offered in a small notice (never a silent redirect). Responses that used it
    vary by Accept-Language."""
    if not has_request_context() or request.environ.get(ENVIRON_LOCALE):
        return None
    g.vary_accept_language = True
    others = languages()[1:]
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    best = request.accept_languages.best_match([lang.tag for lang in others] + [default.replace("_", "-"), "en"])
    return next((lang for lang in others if lang.tag == best), None)


def suggestion_text(language: Language) -> str:
    """The notice offering a language, written in that language (not the page's)."""
    with force_locale(language.code):
        return gettext("This website is also in your language:")


def name_in_page_language(language: Language) -> str:
    """A language's name in the page's language ("Polish" on an English page)."""
    return Locale.parse(language.code or current_app.config["BABEL_DEFAULT_LOCALE"]).get_language_name(
        get_locale()) or language.english_name


def _vary(response):
    if g.get("vary_accept_language"):
        response.vary.add("Accept-Language")
    return response


def init_app(app: Flask) -> None:
    codes = list(app.config["LOCALES"])
    compile_stale(codes, app.config["COMPILED_TRANSLATIONS"])
    app.wsgi_app = LocaleInPath(app.wsgi_app, codes)
    app.after_request(_vary)
    app.jinja_env.globals.update(
        languages=languages, current_language=current_language, address_in=address_in,
        current_path=current_path,
        suggested_language=suggested_language, suggestion_text=suggestion_text,
        name_in_page_language=name_in_page_language,
    )
