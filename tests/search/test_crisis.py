"""Help first in a crisis: the phrasings young people use, both ways, are the specification.

Positives must open the results with the Help now panel; negatives are ordinary
phrases that only sound like danger. The patterns are the county pack's
crisis.toml; add a phrasing here before changing them.
"""
from __future__ import annotations

import re

import pytest

from directory.search.understanding import in_danger

IN_DANGER = [
    # suicide, said directly and indirectly, with slang and misspellings
    "i want to die", "i wanna die", "I want to kill myself", "thinking about killing myself", "kms",
    "i want to unalive myself", "unalive", "suicidal", "sucidal thoughts", "suicide", "feeling suicidial",
    "i want to end it all", "going to end my life", "i dont want to be here anymore",
    "I don't want to be alive", "i do not want to wake up", "don't want to live any more",
    "no point in living", "no reason to live", "everyone would be better off without me",
    "i wish i was dead", "i can't go on", "I took too many pills", "overdose", "i took loads of paracetamol",
    # hurting themselves
    "i hurt myself", "i cut myself", "i keep cutting myself", "self harm", "selfharm help",
    "self-harming again", "burning myself",
    # being hurt at home or by someone
    "my dad hits me", "my mums boyfriend hurts me", "he beats me", "my brother punches me",
    "scared to go home", "i'm afraid of going home",
    # forced or threatened over drugs
    "someone is making me sell drugs", "they forced me to carry a package",
    "he said he'll hurt me if i don't deliver", "they said theyll stab me", "someone is going to kill me",
    # in danger now
    "i'm in danger", "im not safe at home", "I am not safe", "someone is following me",
    "I’m not safe",  # a curly apostrophe, as phones type it
]

NOT_DANGER = [
    "football", "youth club near harlow", "killing it at football", "we killed it at the gig",
    "dying to join a drama club", "dying to try boxing", "this homework is killing me",
    "something to kill time after school", "dead good music studio", "i'm dead bored",
    "hurt my knee playing football", "self defence classes", "cut my hair", "the pill",
    "morning after pill", "drugs advice for parents", "knife crime workshop", "suitcase",
    "sucks at maths", "things to do", "bereavement support", "my nan died", "end of term disco",
]


@pytest.mark.parametrize("text", IN_DANGER)
def test_danger_is_recognised(app, text):
    with app.app_context():
        assert in_danger(text), text


@pytest.mark.parametrize("text", NOT_DANGER)
def test_ordinary_words_are_not_a_crisis(app, text):
    with app.app_context():
        assert not in_danger(text), text


def test_the_table_is_large_both_ways():
    assert len(IN_DANGER) >= 40 and len(NOT_DANGER) >= 20


@pytest.mark.parametrize("text", ["i dont want to be here anymore", "my dad hits me", "kms"])
def test_results_open_with_help_now_and_crisis_services_first(client, text):
    html = client.get("/search", query_string={"q": text}).get_data(as_text=True)
    panel = html.split('class="help-now-box help-now-panel"', 1)
    assert len(panel) == 2, "no Help now panel"
    before, rest = panel
    assert "service found" not in before and "services found" not in before  # it comes first
    section = rest.split("</section>", 1)[0]
    assert 'href="tel:999"' in section and 'href="tel:08001111"' in section and "sms:85258" in section
    assert "Services that can help right now" in section
    assert len(re.findall(r'href="/services/', section)) == 3
    assert text not in html.split("<main", 1)[1].split('name="q"', 1)[0]  # never echoed above the form


def test_ordinary_searches_have_no_panel(client):
    html = client.get("/search", query_string={"q": "killing it at football"}).get_data(as_text=True)
    assert "help-now-panel" not in html


def test_the_api_says_help_now_with_crisis_services(client):
    answer = client.get("/api/v1/search", query_string={"q": "i want to end it all"}).get_json()
    assert answer["help_now"] and all("crisis" in s["categories"] for s in answer["help_now"])
    assert "help_now" not in client.get("/api/v1/search", query_string={"q": "football"}).get_json()
