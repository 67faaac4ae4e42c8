"""The Whoosh schema and its analysers, for every kind of record the index holds."""
from __future__ import annotations

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema

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
        language=KEYWORD(commas=True, lowercase=False, stored=True),
        min_age=NUMERIC(stored=True),
        max_age=NUMERIC(stored=True),
        free=BOOLEAN(stored=True),
        # Public (redacted) coordinates "lat,lon;lat,lon" and opening slots, read
        # back to filter by distance and "open now" (a new field name here makes
        # every node rebuild its index: see index.open_index).
        points=STORED(),
        schedule=STORED(),
        open_on_bank_holidays=STORED(),
        sort_name=STORED(),
        # Records shown beside services (any source may use them; content/ does for
        # its pages): what a hit shows, and a visibility window checked against the
        # clock at query time, so nothing needs re-indexing when a time passes.
        subkind=STORED(),
        url=STORED(),
        label=STORED(),
        blurb=STORED(),
        publish_ts=STORED(),
        unpublish_ts=STORED(),
        ends_ord=STORED(),
        **text_fields,
    )


SCHEMA = build_schema()
