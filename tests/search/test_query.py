"""Search behaviour over the demo directory, through the one query function."""
from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import select

from directory.extensions import db
from directory.listings.freshness import is_listed
from directory.listings.models import Service, ServiceStatus
from directory.search import engine
from directory.search.query import _AND_PARSER, _OR_PARSER, Filters, clean_text
from directory.search.understanding import extract_age, intents

MONDAY_NOON = datetime(2026, 11, 23, 12, 0)


def find(text="", **filters):
    return engine.find(text, Filters(**filters), origin=None, now=MONDAY_NOON, page=1,
                       page_size=500)


def services(results) -> list[Service]:
    ids = [hit.id for hit in results.hits]
    by_id = {s.id: s for s in db.session.scalars(select(Service).where(Service.id.in_(ids)))}
    return [by_id[i] for i in ids]


def text_of(service: Service) -> str:
    return " ".join((service.name, service.summary, service.description)).lower()


@pytest.fixture
def ctx(demo_app):
    with demo_app.app_context():
        yield


def test_parser_has_only_the_safe_plugins():
    for parser in (_AND_PARSER, _OR_PARSER):
        names = sorted(type(p).__name__ for p in parser.plugins)
        assert names == ["MultifieldPlugin", "PhrasePlugin", "WhitespacePlugin"]


@pytest.mark.parametrize("text", ["status:pending", "email:*", "*:*", "id:*", "kind:service"])
def test_search_box_cannot_address_fields_or_match_everything(ctx, text):
    everything = find().total
    assert find(text).total < everything


def test_us_spelling_finds_british_listings(ctx):
    found = services(find("counseling"))
    assert found and any("counselling" in text_of(s) for s in found)
    assert find("counseling").total == find("counselling").total


def test_slang_finds_the_matching_category(ctx):
    top = services(find("weed"))[:5]
    assert top and all("drugs-alcohol" in {c.slug for c in s.categories} for s in top)


def test_bullied_finds_bullying_support(ctx):
    top = services(find("bullied"))[:5]
    assert top and any("bullying" in {c.slug for c in s.categories} for s in top)


def test_a_need_said_in_words_finds_exploitation_support(ctx):
    top = services(find("someone is making me sell drugs"))[:5]
    assert top and any("exploitation" in {c.slug for c in s.categories} for s in top)


def test_stemming_already_forgives_a_dropped_letter(ctx):
    assert find("footbal").total == find("football").total > 0


@pytest.mark.parametrize("typed, meant", [("fotball", "football"), ("sexual helth", "sexual health"),
                                          ("bulying", "bullying")])
def test_typo_is_corrected_and_said_so(ctx, typed, meant):
    results = find(typed)
    assert results.corrected == meant
    assert results.total == find(meant).total


def test_corrected_results_match_the_corrected_word(ctx):
    results = find("fotball")
    assert results.total > 0 and all("football" in text_of(s) or any(
        "football" in (c.keywords + c.name).lower() for c in s.categories) for s in services(results))


def test_age_filter_keeps_only_services_that_accept_that_age(ctx):
    found = services(find(age=15))
    assert found
    assert all(s.accepts_age(15) for s in found)
    everything = services(find())
    assert len(found) == sum(1 for s in everything if s.accepts_age(15))


def test_age_written_in_the_query_is_used_as_a_filter(ctx):
    results = find("I am 15")
    assert results.age == 15
    assert results.total == find(age=15).total


def test_empty_query_lists_every_listed_service_with_area_facets(ctx):
    active = db.session.scalars(select(Service).where(Service.status == ServiceStatus.ACTIVE)).all()
    listed = [s for s in active if is_listed(s)]
    assert len(listed) < len(active), "the demo has long-overdue listings, hidden from the public"
    results = find()
    assert results.total == len(listed) >= 150
    assert len(results.facets["area"]) == 14
    assert all(count > 0 for count in results.facets["area"].values())


def test_hidden_statuses_never_appear(ctx):
    hidden = db.session.scalars(select(Service).where(Service.status != ServiceStatus.ACTIVE)).all()
    assert hidden, "the demo data should include some inactive services"
    ids = {h.id for h in find().hits}
    assert not ids & {h.id for h in hidden}
    for service in hidden:
        assert service.id not in {h.id for h in find(service.name).hits}


def test_facets_are_disjunctive(ctx):
    """Choosing one category still counts the others, so people can widen their choice."""
    sport = find(category=frozenset({"sport"}))
    unfiltered = find()
    assert sport.facets["category"]["arts-music"] == unfiltered.facets["category"]["arts-music"]
    assert sport.total == unfiltered.facets["category"]["sport"]


def test_free_and_mode_filters(ctx):
    assert all(s.is_free for s in services(find(free=True)))
    assert all("phone" in s.modes for s in services(find(mode=frozenset({"phone"}))))


def test_open_now_uses_the_opening_times(ctx):
    sunday_3am = datetime(2026, 11, 22, 3, 0)
    results = engine.find("", Filters(open_now=True), origin=None, now=sunday_3am, page=1,
                          page_size=500)
    found = services(results)
    assert found, "24-hour helplines are open at 3am"
    assert all(any(slot.is_open_at(sunday_3am) for slot in s.schedules) for s in found)


def test_pagination_splits_without_overlap(ctx):
    first = engine.find("", Filters(), origin=None, now=MONDAY_NOON, page=1, page_size=20)
    second = engine.find("", Filters(), origin=None, now=MONDAY_NOON, page=2, page_size=20)
    assert len(first.hits) == 20 and first.pages == second.pages > 1
    assert not {h.id for h in first.hits} & {h.id for h in second.hits}


def test_clean_text_caps_length_and_strips_control_characters():
    assert clean_text("a\x00b\nc" + "x" * 500) == ("a b c" + "x" * 500)[:200]


@pytest.mark.parametrize(
    "text, age",
    [("I am 15", 15), ("i'm 14 and bullied", 14), ("15 year old", 15), ("9yo", 9), ("football", None),
     ("bullied for 5 years", None)],
)
def test_extract_age(text, age):
    assert extract_age(text)[1] == age


def test_intents_come_from_the_county_packs_words(app):
    with app.app_context():
        assert intents("someone is making me sell drugs")[0] == "exploitation"
        assert "knife-crime" in intents("my friend carries a knife")
        assert intents("football") == []


def test_another_county_has_its_own_words(app_factory):
    from pathlib import Path

    westmarch = app_factory(COUNTY=str(Path(__file__).resolve().parents[1] / "counties" / "westmarch"))
    with westmarch.app_context():
        assert intents("I need a skatepark") == ["sport"]
        assert intents("someone is making me sell drugs") == []


@given(st.sets(st.integers(0, 999), max_size=200))
def test_bitset_helpers_round_trip(positions):
    from directory.search.table import bits, each_position, first_positions

    mask = bits(1000, positions)
    assert list(each_position(mask, 1000)) == sorted(positions)
    assert first_positions(mask, 5) == sorted(positions)[:5]
    assert mask.bit_count() == len(positions)
