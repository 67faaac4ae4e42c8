"""What young people actually type finds help for it, in the demo directory.

Their words are the county pack's data (categories.json keywords and needs.toml);
this checks the Essex pack end to end, through the search API.
"""
from __future__ import annotations

import pytest

PHRASES = [
    ("my nan died last month", "bereavement"),
    ("i can't stop gambling", "gambling"),
    ("my nudes got leaked", "online-safety"),
    ("i keep losing my temper", "anger"),
    ("i'm leaving care next year", "care-leavers"),
    ("new to the uk and want to make friends", "refugees"),
    ("i stopped eating", "eating-problems"),
    ("scouts", "volunteering"),
    ("someone is making me sell drugs", "exploitation"),
    ("i want to end my life", "crisis"),
    ("i think i might be trans", "lgbtq"),
    ("i'm pregnant", "sexual-health"),
]


@pytest.mark.parametrize("text, category", PHRASES)
def test_typed_needs_find_that_help_near_the_top(client, text, category):
    answer = client.get("/api/v1/search", query_string={"q": text}).get_json()
    top = answer["results"][:5]
    assert any(category in r["categories"] for r in top), [(r["name"], r["categories"]) for r in top]
