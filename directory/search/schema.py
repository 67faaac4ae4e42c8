"""The Whoosh schema, its analyser, and how a service becomes a search document."""
from __future__ import annotations

import json

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

from directory.listings.models import Service, public_location

# US spellings and common variants, mapped to the British words listings use.
# Applied before stemming, at index and query time alike.
SPELLING_VARIANTS = {
    "counselor": "counsellor",
    "counselors": "counsellors",
    "behavior": "behaviour",
    "behavioral": "behavioural",
    "center": "centre",
    "centers": "centres",
    "program": "programme",
    "programs": "programmes",
    "color": "colour",
    "organization": "organisation",
    "organizations": "organisations",
    "neighborhood": "neighbourhood",
    "mom": "mum",
    "moms": "mums",
    "pediatric": "paediatric",
    "theater": "theatre",
    "license": "licence",
    "favor": "favour",
    "defense": "defence",
    "selfharm": "self-harm",
    "lgbt": "lgbtq",
    "lgbtqia": "lgbtq",
}


class SpellingVariantFilter(Filter):
    """Rewrite US spellings to British ones so "counselor" finds "counsellor"."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = SPELLING_VARIANTS.get(token.text, token.text)
            yield token


def text_analyzer():
    """Lower-case, British spelling, stop words out, Porter stems."""
    return (
        RegexTokenizer()
        | LowercaseFilter()
        | SpellingVariantFilter()
        | StopFilter()
        | StemFilter()
    )


def spelling_analyzer():
    """Whole lower-case words, for "did you mean" suggestions people can read."""
    return RegexTokenizer(r"[^\W\d_]{3,}") | LowercaseFilter()


# Field boosts: a word in the name counts most, the long description least.
# Few fields keep multi-word queries fast: each field multiplies the matchers.
TEXT_FIELDS = {
    "name": 4.0,
    "categories_text": 2.5,
    "summary": 2.0,
    "body": 1.0,  # description, organisation and places
}


def build_schema() -> Schema:
    analyzer = text_analyzer()
    text_fields = {name: TEXT(analyzer=analyzer) for name in TEXT_FIELDS}
    return Schema(
        id=ID(stored=True, unique=True),
        kind=ID(stored=True),
        status=ID(stored=True),
        spelling=TEXT(analyzer=spelling_analyzer(), spelling=True, phrase=False),
        category=KEYWORD(commas=True, lowercase=False, stored=True),
        area=KEYWORD(commas=True, lowercase=False, stored=True),
        mode=KEYWORD(commas=True, lowercase=False, stored=True),
        min_age=NUMERIC(stored=True),
        max_age=NUMERIC(stored=True),
        free=BOOLEAN(stored=True),
        # Public (redacted) coordinates "lat,lon;lat,lon" and opening slots, read
        # back to filter by distance and "open now".
        points=STORED(),
        schedule=STORED(),
        sort_name=STORED(),
        # Awareness pages (registered by content/): what a result shows, and the
        # publishing window, checked against the clock at query time.
        page_kind=STORED(),
        url=STORED(),
        label=STORED(),
        blurb=STORED(),
        publish_ts=STORED(),
        unpublish_ts=STORED(),
        ends_ord=STORED(),
        **text_fields,
    )


SCHEMA = build_schema()


def service_document(service: Service, all_area_slugs: list[str]) -> dict:
    """The index document for a public service. Only public fields go in (SRCH-1)."""
    locations = [public_location(loc) for loc in service.locations]
    areas = all_area_slugs if service.county_wide else [a.slug for a in service.areas]
    points = [
        f"{loc.latitude:.6f},{loc.longitude:.6f}"
        for loc in locations
        if loc.latitude is not None and loc.longitude is not None
    ]
    category_words = " ".join(f"{c.name} {c.keywords}" for c in service.categories)
    places = " ".join(
        {loc.city for loc in locations if loc.city} | {a.name for a in service.areas}
    )
    return {
        "id": service.id,
        "kind": "service",
        "status": service.status.value,
        "name": service.name,
        "summary": service.summary,
        "categories_text": category_words,
        "body": " ".join(
            (service.description, service.organization.name if service.organization else "", places)
        ),
        "spelling": " ".join(
            (service.name, service.summary, service.description, category_words, places)
        ),
        "category": ",".join(c.slug for c in service.categories),
        "area": ",".join(areas),
        "mode": ",".join(service.modes),
        "min_age": service.minimum_age if service.minimum_age is not None else 0,
        "max_age": service.maximum_age if service.maximum_age is not None else 200,
        "free": bool(service.is_free),
        "points": ";".join(points),
        "schedule": json.dumps(
            [
                [s.weekday, s.opens_at.hour * 60 + s.opens_at.minute,
                 s.closes_at.hour * 60 + s.closes_at.minute]
                for s in service.schedules
            ]
        ),
        "sort_name": service.name.lower(),
    }
