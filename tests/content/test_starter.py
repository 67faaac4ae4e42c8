"""Checks of the Essex pack's starter content (directory/counties/essex/content/).

The content is data, so these tests only read it. They check its shape, the
Markdown rules the sanitiser enforces, the phone numbers (only real, allowed ones)
and the length and coverage rules the content brief sets.
"""
from __future__ import annotations

import re

import pytest

from content.starter import starter_content
from directory.counties.pack import load_pack
from tests.listings.test_demo_data import AREA_TOWNS  # real towns in each area

_STARTER = starter_content(load_pack("essex"))
HUBS, GUIDES, CAMPAIGNS = _STARTER.hubs, _STARTER.guides, _STARTER.campaigns

AREAS = {
    "basildon": "Basildon",
    "braintree": "Braintree",
    "brentwood": "Brentwood",
    "castle-point": "Castle Point",
    "chelmsford": "Chelmsford",
    "colchester": "Colchester",
    "epping-forest": "Epping Forest",
    "harlow": "Harlow",
    "maldon": "Maldon",
    "rochford": "Rochford",
    "tendring": "Tendring",
    "uttlesford": "Uttlesford",
    "southend-on-sea": "Southend-on-Sea",
    "thurrock": "Thurrock",
}


COUNCILS = {
    "basildon": "Basildon Borough Council",
    "braintree": "Braintree District Council",
    "brentwood": "Brentwood Borough Council",
    "castle-point": "Castle Point Borough Council",
    "chelmsford": "Chelmsford City Council",
    "colchester": "Colchester City Council",
    "epping-forest": "Epping Forest District Council",
    "harlow": "Harlow District Council",
    "maldon": "Maldon District Council",
    "rochford": "Rochford District Council",
    "tendring": "Tendring District Council",
    "uttlesford": "Uttlesford District Council",
    "southend-on-sea": "Southend-on-Sea City Council",
    "thurrock": "Thurrock Council",
}

CATEGORIES = {
    "youth-clubs", "sport", "arts-music", "mental-health", "drugs-alcohol",
    "exploitation", "knife-crime", "bullying", "family", "education-work", "lgbtq",
    "young-carers", "sexual-health", "housing", "crisis", "youth-justice",
    "domestic-abuse", "send",
}
AUDIENCES = {"young_people", "parents"}

HUB_KEYS = {"area", "title", "summary", "body", "contacts", "events"}
EVENT_KEYS = {"title", "days_from_now", "place", "details"}
GUIDE_KEYS = {"slug", "title", "audience", "summary", "body", "categories"}
CAMPAIGN_KEYS = {
    "slug", "title", "summary", "key_messages", "body", "hero_alt", "calls_to_action",
    "starts_days_from_now", "ends_days_from_now", "featured",
}

# Allowed phone numbers: how they are written in text, and as digits in tel: links.
ALLOWED_DISPLAY = ["0300 123 6600", "0800 555 111", "0800 1111", "116 123", "999", "101"]
ALLOWED_DIGITS = {"".join(n.split()) for n in ALLOWED_DISPLAY}

LINK_RE = re.compile(r"\]\(([^)]+)\)")
TEL_RE = re.compile(r"tel:([^)\s\"]*)")
# Anything that looks like a UK phone number once the allowed ones are taken out:
# 0 followed by 9 or more digits (spaces or dashes allowed between groups),
# +44 numbers, and three-digit service numbers such as 111, 112 or 999.
UK_NUMBER_RE = re.compile(
    r"(?<![\d])(?:\+44[\s\d-]{6,}|0\d(?:[\s-]?\d){6,}|1\d\d(?:[\s-]?\d{3})?|999)(?![\d])"
)
WORD_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\u2019-]*")


# ---------------------------------------------------------------- helpers


def _texts(value, where="content"):
    """Every string in a nested structure of dicts and lists, with where it is."""
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, f"{where}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{where}[{index}]")


ALL_TEXTS = list(_texts({"hubs": HUBS, "guides": GUIDES, "campaigns": CAMPAIGNS}))

MARKDOWN_FIELDS = (
    [(f"hub {h['area']} body", h["body"]) for h in HUBS]
    + [(f"hub {h['area']} contacts", h["contacts"]) for h in HUBS]
    + [(f"guide {g['slug']} body", g["body"]) for g in GUIDES]
    + [(f"campaign {c['slug']} body", c["body"]) for c in CAMPAIGNS]
)

SUMMARIES = (
    [(f"hub {h['area']}", h["summary"]) for h in HUBS]
    + [(f"guide {g['slug']}", g["summary"]) for g in GUIDES]
    + [(f"campaign {c['slug']}", c["summary"]) for c in CAMPAIGNS]
)


def word_count(markdown: str) -> int:
    """Words a reader sees: link targets are left out, Markdown symbols are not words."""
    visible = LINK_RE.sub("]", markdown)
    return len(WORD_RE.findall(visible))


def phone_problems(text: str) -> list[str]:
    """Phone-like numbers in text that are not on the allowed list."""
    problems = [f"tel:{t}" for t in TEL_RE.findall(text) if t not in ALLOWED_DIGITS]
    rest = TEL_RE.sub(" ", text)
    for number in ALLOWED_DISPLAY:  # longest first, so 0800 555 111 is not read as 0800 555
        rest = re.sub(rf"(?<!\d)(?<!\d ){re.escape(number)}(?! ?\d)", " ", rest)
    problems += UK_NUMBER_RE.findall(rest)
    return problems


def bad_markdown(markdown: str) -> list[str]:
    """Markdown the sanitiser would strip: images, code, tables, quotes, h1, h4+, rules."""
    found = []
    for line in markdown.splitlines():
        stripped = line.strip()
        if re.match(r"#(?!#)|#{4,}", stripped):
            found.append(f"heading level not allowed: {line!r}")
        elif stripped.startswith("#") and not re.match(r"#{2,3} \S", stripped):
            found.append(f"malformed heading: {line!r}")
        if stripped.startswith(">"):
            found.append(f"blockquote: {line!r}")
        if stripped.startswith("|") or stripped.count("|") >= 2:
            found.append(f"table: {line!r}")
        if re.fullmatch(r"(\*\s*){3,}|(-\s*){3,}|(_\s*){3,}", stripped):
            found.append(f"horizontal rule: {line!r}")
        if line.startswith(("    ", "\t")):
            found.append(f"indented code: {line!r}")
    if "![" in markdown:
        found.append("image")
    if "`" in markdown:
        found.append("code")
    return found


# ---------------------------------------------------------------- the helpers themselves


def test_phone_check_catches_invented_numbers():
    assert phone_problems("Call [0800 1111](tel:08001111) or 999 or 116 123.") == []
    assert phone_problems("Call 01245 123456.") != []
    assert phone_problems("Call [us](tel:01632960000).") != []
    assert phone_problems("Call 111 for NHS advice.") != []
    assert phone_problems("Ring 07700 900123 today.") != []
    assert phone_problems("Ring 0800 555 1111.") != []
    assert phone_problems("Ages 11 to 18, open 24/7, in 2025.") == []


def test_markdown_check_catches_what_the_sanitiser_strips():
    assert bad_markdown("## Fine\n\n### Fine too\n\n- a list\n1. a list") == []
    for bad in ("# Title", "#### Deep", "> quote", "| a | b |", "![x](https://a.example)",
                "use `code`", "---", "    indented"):
        assert bad_markdown(bad), bad


def test_word_count_ignores_link_targets():
    assert word_count("Call [Childline](https://www.childline.org.uk) now.") == 3


# ---------------------------------------------------------------- hubs


def test_fourteen_hubs_one_per_area():
    areas = [hub["area"] for hub in HUBS]
    assert len(HUBS) == 14
    assert sorted(areas) == sorted(AREAS)
    assert len(set(areas)) == len(areas)


@pytest.mark.parametrize("hub", HUBS, ids=lambda h: h["area"])
def test_hub_shape(hub):
    assert set(hub) == HUB_KEYS
    assert AREAS[hub["area"]] in hub["title"]
    assert all(isinstance(hub[key], str) and hub[key].strip() for key in HUB_KEYS - {"events"})


@pytest.mark.parametrize("hub", HUBS, ids=lambda h: h["area"])
def test_hub_body_is_local_and_points_to_help(hub):
    body = hub["body"]
    assert 150 <= word_count(body) <= 350, word_count(body)
    assert any(town in body for town in AREA_TOWNS[hub["area"]]), "no real town named"
    assert COUNCILS[hub["area"]] in body
    assert "working with Essex Police and partners" in body
    assert "directory" in body.lower()
    assert "county lines" in body.lower()


@pytest.mark.parametrize("hub", HUBS, ids=lambda h: h["area"])
def test_hub_contacts_are_a_bullet_list_of_real_numbers(hub):
    lines = [line for line in hub["contacts"].splitlines() if line.strip()]
    assert lines and all(line.startswith("- ") for line in lines)
    for target in ("tel:999", "tel:08001111", "tel:0800555111", "tel:101",
                   "https://www.fearless.org"):
        assert target in hub["contacts"], target


@pytest.mark.parametrize("hub", HUBS, ids=lambda h: h["area"])
def test_hub_events(hub):
    events = hub["events"]
    assert isinstance(events, list) and 1 <= len(events) <= 2
    for event in events:
        assert set(event) == EVENT_KEYS
        assert type(event["days_from_now"]) is int and 7 <= event["days_from_now"] <= 90
        for key in ("title", "place", "details"):
            assert isinstance(event[key], str) and event[key].strip()


# ---------------------------------------------------------------- guides


def test_at_least_six_guides_with_unique_slugs():
    slugs = [guide["slug"] for guide in GUIDES]
    assert len(GUIDES) >= 6
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) for slug in slugs)


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g["slug"])
def test_guide_shape(guide):
    assert set(guide) == GUIDE_KEYS
    assert guide["audience"] in AUDIENCES
    categories = guide["categories"]
    assert isinstance(categories, list) and 1 <= len(categories) <= 3
    assert set(categories) <= CATEGORIES
    assert len(set(categories)) == len(categories)
    assert guide["title"].strip()


def _find_guide(*keywords: str, audience: str | None = None) -> dict | None:
    for guide in GUIDES:
        text = f"{guide['slug']} {guide['title']}".lower()
        if all(k in text for k in keywords) and audience in (None, guide["audience"]):
            return guide
    return None


@pytest.mark.parametrize(
    ("topic", "keywords", "audience"),
    [
        ("spotting the signs of county lines", ("sign", "county lines"), "parents"),
        ("grooming and how it starts", ("groom",), "young_people"),
        ("cuckooing", ("cuckoo",), "parents"),
        ("knife crime", ("knife",), "young_people"),
        ("what to do and who to call", ("worried", "who to call"), "young_people"),
        ("how to report anonymously", ("report", "anonym"), None),
    ],
)
def test_required_guide_topics(topic, keywords, audience):
    assert _find_guide(*keywords, audience=audience), f"missing guide: {topic}"


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g["slug"])
def test_guide_body_length(guide):
    assert 300 <= word_count(guide["body"]) <= 600, word_count(guide["body"])


@pytest.mark.parametrize("guide", GUIDES, ids=lambda g: g["slug"])
def test_guide_ends_with_get_help_now(guide):
    body = guide["body"]
    assert "## Get help now" in body
    headings = re.findall(r"^## (.+)$", body, flags=re.MULTILINE)
    assert headings[-1] == "Get help now", "Get help now must be the last section"
    last = body.split("## Get help now", 1)[1]
    assert "0800 1111" in body and "0800 555 111" in body
    for target in ("tel:999", "tel:08001111", "tel:0800555111", "https://www.fearless.org"):
        assert f"]({target})" in last, target


# ---------------------------------------------------------------- campaigns


def test_two_campaigns_one_featured():
    assert len(CAMPAIGNS) == 2
    assert [c["featured"] for c in CAMPAIGNS].count(True) == 1
    assert all(type(c["featured"]) is bool for c in CAMPAIGNS)
    slugs = [c["slug"] for c in CAMPAIGNS]
    assert len(set(slugs)) == 2


def test_supply_line_campaign_present():
    text = " ".join(f"{c['slug']} {c['summary']} {c['body']}".lower() for c in CAMPAIGNS)
    assert "not socially acceptable" in text
    assert "whole supply line" in text


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c["slug"])
def test_campaign_shape(campaign):
    assert set(campaign) == CAMPAIGN_KEYS
    messages = campaign["key_messages"]
    assert 3 <= len(messages) <= 4
    assert all(isinstance(m, str) and 0 < len(m) <= 80 for m in messages)
    assert 200 <= word_count(campaign["body"]) <= 400, word_count(campaign["body"])
    assert campaign["hero_alt"].strip()
    assert type(campaign["starts_days_from_now"]) is int
    assert type(campaign["ends_days_from_now"]) is int
    assert campaign["starts_days_from_now"] < campaign["ends_days_from_now"]


@pytest.mark.parametrize("campaign", CAMPAIGNS, ids=lambda c: c["slug"])
def test_campaign_calls_to_action(campaign):
    actions = campaign["calls_to_action"]
    assert actions
    for action in actions:
        assert set(action) == {"label", "url"}
        assert action["label"].strip()
        assert re.match(r"(tel:\d+|https://\S+)$", action["url"]), action["url"]


# ---------------------------------------------------------------- rules for all text


@pytest.mark.parametrize(("where", "text"), SUMMARIES, ids=[w for w, _ in SUMMARIES])
def test_summary_is_one_short_sentence(where, text):
    assert len(text) <= 200
    assert re.search(r"[.!?]$", text), "summary must end a sentence"
    assert len(re.findall(r"[.!?](?:\s|$)", text)) == 1, "summary must be one sentence"


@pytest.mark.parametrize(("where", "text"), MARKDOWN_FIELDS, ids=[w for w, _ in MARKDOWN_FIELDS])
def test_markdown_links_are_safe(where, text):
    targets = LINK_RE.findall(text)
    bad = [t for t in targets if not t.startswith(("https://", "tel:", "mailto:"))]
    assert bad == []


@pytest.mark.parametrize(("where", "text"), MARKDOWN_FIELDS, ids=[w for w, _ in MARKDOWN_FIELDS])
def test_markdown_uses_only_allowed_syntax(where, text):
    assert not text.lstrip().startswith("# ")
    assert bad_markdown(text) == []


def test_no_raw_html_anywhere():
    assert [where for where, text in ALL_TEXTS if "<" in text] == []


def test_only_allowed_phone_numbers():
    problems = {where: phone_problems(text) for where, text in ALL_TEXTS}
    assert {where: found for where, found in problems.items() if found} == {}


def test_no_bare_urls_outside_links():
    # A bare URL would be left as plain text or auto-linked; links must be explicit.
    for where, text in MARKDOWN_FIELDS:
        without_links = LINK_RE.sub("]", text)
        assert "http" not in without_links and "www." not in without_links, where
