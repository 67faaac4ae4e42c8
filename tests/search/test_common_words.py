"""When no service has all the words, the "any of the words" fallback leaves out
words most listings have (query._without_common_words): "people at school pick on
me" must not list every listing that mentions young people."""
from __future__ import annotations

from datetime import datetime

from directory.search import engine
from directory.search.query import Filters
from tests.factories import make_service


def _found(text: str):
    return engine.find(text, Filters(), origin=None, now=datetime(2026, 3, 10, 18), page=1, page_size=100)


def _directory():
    """Ten listings about young people; one about bullying at school."""
    ids = {}
    for n in range(9):
        service = make_service(name=f"Club {n}", summary="Activities for young people",
                               description="Open to all young people in the town.")
        ids[service.id] = f"club {n}"
    bullying = make_service(name="Kind Words", summary="Support when someone picks on you at school",
                            description="Young people can talk to us about bullying.")
    ids[bullying.id] = "bullying"
    return bullying.id


def test_a_word_most_listings_have_is_left_out_of_any_of_the_words(app):
    with app.app_context():
        bullying = _directory()
        results = _found("people at school pick on me")
        assert results.relaxed
        assert [hit.id for hit in results.hits] == [bullying], "not every listing that says 'young people'"


def test_when_every_word_is_common_they_are_kept(app):
    with app.app_context():
        _directory()
        results = _found("young people zzznothing")
        assert results.relaxed
        assert results.total == 10, "nothing rarer to go on: the common words still find something"
