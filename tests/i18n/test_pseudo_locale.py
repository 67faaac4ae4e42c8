"""Every public page type, rendered in a pseudo-translation where each interface
string comes back as ⟦…⟧: any English word left outside the brackets that is not
the directory's own data (a service's name, a town, a page's words) is a string
that bypasses gettext. The real catalogues are then checked in every shipped
locale: each public page renders in each, with the right lang and dir.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from sqlalchemy import select

from content.models import Event, Page, Revision
from directory.counties.languages import read_languages
from directory.counties.pack import current_pack
from directory.extensions import db
from directory.geo.models import Area, Place
from directory.listings.models import Category, Contact, Location, Organization, Phone, Service
from tests.conftest import PLACES_DIR, _drop, make_app

PSEUDO = "pl"  # a shipped locale's address, so routing and plural forms are real
WORD = re.compile(r"[A-Za-z]{3,}")
BRACKETED = re.compile(r"⟦[^⟦⟧]*⟧")  # innermost first: "⟦⟦2.5 miles⟧ away⟧"
# Names that are the same in every language, as the templates write them.
PROPER_NAMES = {"Fearless / Crimestoppers"}


def _wrap(text: str) -> str:
    return f"⟦{text}⟧"


def _pseudo_catalogue(folder) -> None:
    from directory.i18n.catalogues import SOURCES

    with open(SOURCES / "messages.pot", "rb") as fh:
        template = read_po(fh)
    catalogue = Catalog(locale=PSEUDO)
    for message in template:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            string = tuple(_wrap(message.id[min(i, 1)]) for i in range(catalogue.num_plurals))
        else:
            string = _wrap(message.id)
        catalogue.add(message.id, string, flags=message.flags)
    target = folder / PSEUDO / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as fh:
        write_mo(fh, catalogue)


@pytest.fixture(scope="module")
def pseudo_app(tmp_path_factory):
    from content.demo import seed_content
    from directory.demo.seed import seed
    from directory.extensions import babel
    from directory.geo.loading import load_places

    folder = tmp_path_factory.mktemp("pseudo")
    _pseudo_catalogue(folder / "pseudo")
    # Flask-Babel keeps loaded catalogues per locale for the process, whatever app.
    babel.domain_instance.cache.clear()
    app = make_app(folder / "app", BABEL_TRANSLATION_DIRECTORIES=str(folder / "pseudo"))
    with app.app_context():
        load_places(current_pack(), PLACES_DIR)
        seed()
        seed_content()
    yield app
    babel.domain_instance.cache.clear()
    _drop(app)


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Text(HTMLParser):
    """Visible text nodes and attribute texts a person reads (alt, title, aria-label,
    placeholder), outside script and style and outside anything marked as written
    in another language (lang="en" around a deliberate English word)."""

    SKIP = {"script", "style"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._stack: list[tuple[str, bool]] = []
        self._page_lang = ""

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self._page_lang = attrs.get("lang", "")
            return
        if tag not in VOID:
            other = bool(attrs.get("lang")) and attrs["lang"] != self._page_lang
            self._stack.append((tag, tag in self.SKIP or other))
        if self._skipping():
            return
        for name in ("alt", "title", "aria-label", "placeholder"):
            if attrs.get(name):
                self.texts.append(attrs[name])

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.texts.append(" ".join(data.split()))


def _data_strings(app) -> tuple[set[str], list[str]]:
    """The directory's own words: exact short values, and long texts to search in."""
    with app.app_context():
        values: set[str] = {app.config["SITE_NAME"], app.config["COUNTY_NAME"]}
        for column in (Service.name, Service.summary, Service.description, Service.eligibility_description,
                       Service.fees_description, Service.schedule_notes, Service.alert,
                       Organization.name, Area.name, Place.name, Location.name, Location.city,
                       Location.address_1, Location.postal_code, Category.name, Category.description,
                       Revision.title, Revision.summary, Revision.body, Revision.contacts,
                       Revision.key_messages, Revision.calls_to_action, Revision.hero_alt,
                       Event.title, Event.place, Phone.description, Contact.name, Contact.title):
            values |= {v for v in db.session.scalars(select(column)) if v}
        pack = current_pack()
        values |= {line.name for line in pack.helplines} | set(pack.attributions) | {" ".join(pack.attributions)}
        values |= PROPER_NAMES
        values |= {line.name for line in pack.crisis().lines} | {line.message for line in pack.crisis().lines}
        for words in read_languages(pack.folder).values():
            for entry in words.categories.values():
                values |= {entry.name, entry.description}
    long_texts = [v for v in values if len(v) > 60]
    return values, long_texts


def _cldr_words(locale: str) -> set[str]:
    """What Babel writes itself in a locale: language names and month names."""
    data = Locale.parse(locale)
    names = [*data.languages.values(), *Locale.parse("en").languages.values(), *data.months["format"]["wide"].values()]
    for code in ("pl", "ro", "lt", "pt", "bg", "tr", "uk", "bn", "ur", "ar"):
        names.append(Locale.parse(code).get_language_name(code))
    return {word.lower() for name in names for word in re.findall(r"\w+", name)}


def untranslated(html: str, values: set[str], long_texts: list[str]) -> list[str]:
    cldr = _cldr_words(PSEUDO)
    parser = _Text()
    parser.feed(html)
    found = []
    # A translated sentence may hold an element (a phone number in <bdi>): take the
    # brackets out across text nodes, then look at each node.
    joined = "\n".join(parser.texts)
    while BRACKETED.search(joined):
        joined = BRACKETED.sub(" ", joined)
    # The page title is "<page> – <site name>" in every language.
    for text in re.split(r"\n| – ", joined):
        rest = text.strip(" .,:;–-|·/?!")
        if rest.startswith(("http://", "https://", "__Host-")) or "@" in rest:
            continue
        if all(word.lower() in cldr for word in re.findall(r"\w+", rest) if not word.isdigit()):
            continue  # Babel's own words for the locale: language names, months
        if all(part.strip() in values or part.strip(" ()") in values for part in rest.split(", ")):
            continue  # data joined by the template: "name, job title"
        if not WORD.search(rest) or rest in values or any(rest in value for value in values if len(value) < 200):
            continue
        if len(rest) >= 20 and any(rest in body for body in long_texts):
            continue
        found.append(rest)
    return found


def _public_paths(client) -> list[str]:
    with client.application.app_context():
        service = db.session.scalars(select(Service).order_by(Service.name)).first()
        guide = db.session.scalar(select(Page.slug).where(Page.kind == "guide").order_by(Page.slug))
        campaign = db.session.scalar(select(Page.slug).where(Page.kind == "campaign").order_by(Page.slug))
        area = db.session.scalar(select(Area.slug).order_by(Area.slug))
        category = db.session.scalar(select(Category.slug).order_by(Category.slug))
    search = client.post(f"/{PSEUDO}/search", data={"q": "football", "near": "Harlow"})
    assert search.status_code == 303
    results = search.headers["Location"].replace("http://localhost", "")
    return [
        "/", "/categories", f"/categories/{category}", "/areas", f"/areas/{area}", f"/areas/{area}/services",
        results.removeprefix(f"/{PSEUDO}"), f"/services/{service.id}/{service.slug}",
        f"/services/{service.id}/report", "/advice", f"/advice/{guide}", "/campaigns", f"/campaigns/{campaign}",
        "/help-now", "/privacy", "/cookies", "/accessibility", "/cover-your-tracks", "/about/data",
        "/languages", "/results/no-such-token", "/no-such-page", "/account/login", "/account/register",
        "/account/forgot",
    ]


def test_every_public_page_type_is_translated(pseudo_app):
    client = pseudo_app.test_client()
    values, long_texts = _data_strings(pseudo_app)
    problems = {}
    for path in _public_paths(client):
        response = client.get(f"/{PSEUDO}{path}")
        assert response.status_code in (200, 404, 410), (path, response.status_code)
        html = response.get_data(as_text=True)
        assert "⟦" in html, path
        left = untranslated(html, values, long_texts)
        if left:
            problems[path] = left
    assert problems == {}, "\n".join(f"{path}: {left}" for path, left in problems.items())


def test_the_checker_finds_a_string_that_bypasses_gettext():
    html = ("<html lang='pl'><p>⟦Free⟧</p><p>Opening hours</p><p>Harlow</p><img alt='A map'>"
            "<p>⟦⟦2 miles⟧ away⟧</p><span lang='en'>Languages</span><p>⟦Call <bdi>999</bdi> now⟧</p></html>")
    assert untranslated(html, {"Harlow"}, []) == ["Opening hours", "A map"]
