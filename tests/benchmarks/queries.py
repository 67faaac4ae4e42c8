"""The query mix: what people type, with and without filters and a "near" point.

Each entry is (label, text, filter fields, origin). The in-process benchmark
cycles through them to make its N timed queries; the HTTP benchmark uses the
same kinds of query as /search URLs.
"""
from __future__ import annotations

from urllib.parse import urlencode

from directory.geo.lookup import Point
from directory.search.query import Filters, Origin

HARLOW = Point(51.770, 0.110)
CHELMSFORD = Point(51.736, 0.469)
COLCHESTER = Point(51.889, 0.901)
SOUTHEND = Point(51.540, 0.710)

# (label, text, Filters kwargs, origin point, origin area slug, max miles, weight)
MIX: tuple[tuple[str, str, dict, Point | None, str | None, float, int], ...] = (
    ("empty", "", {}, None, None, 30.0, 3),
    ("empty age=15", "", {"age": 15}, None, None, 30.0, 1),
    ("empty category+area", "", {"category": {"youth-clubs"}, "area": {"harlow"}}, None, None, 30.0, 1),
    ("empty near colchester 10mi", "", {}, COLCHESTER, "colchester", 10.0, 1),
    ("football", "football", {}, None, None, 30.0, 3),
    ("football age=15 free", "football", {"age": 15, "free": True}, None, None, 30.0, 2),
    ("counselling", "counselling", {}, None, None, 30.0, 3),
    ("counseling (US)", "counseling", {}, None, None, 30.0, 2),
    ("drugs", "drugs", {}, None, None, 30.0, 2),
    ("drugs category", "drugs", {"category": {"drugs-alcohol"}}, None, None, 30.0, 1),
    ("youth club harlow", "youth club harlow", {}, None, None, 30.0, 2),
    ("youth club near harlow", "youth club", {}, HARLOW, "harlow", 30.0, 2),
    ("sell drugs (intent)", "someone is making me sell drugs", {}, None, None, 30.0, 2),
    ("sell drugs age=15", "someone is making me sell drugs", {"age": 15}, None, None, 30.0, 1),
    ("typo footbal", "footbal", {}, None, None, 30.0, 2),
    ("typo counciling", "counciling", {}, None, None, 30.0, 1),
    ("typed age + bullying", "i am 14 and being bullied", {}, None, None, 30.0, 1),
    ("mental health near chelmsford", "mental health", {}, CHELMSFORD, "chelmsford", 30.0, 2),
    ("sexual health free", "sexual health clinic", {"free": True}, None, None, 30.0, 1),
    ("knife crime area", "knife crime", {"area": {"southend-on-sea"}}, None, None, 30.0, 1),
    ("homeless age=17", "homeless", {"age": 17}, None, None, 30.0, 1),
    ("lgbtq group colchester", "lgbtq group colchester", {}, None, None, 30.0, 1),
    ("music online", "music", {"mode": {"online"}}, None, None, 30.0, 1),
    ("anxiety phone", "anxiety", {"mode": {"phone"}}, None, None, 30.0, 1),
    ("sport near southend open now", "sport", {"age": 12, "open_now": True}, SOUTHEND, "southend-on-sea", 30.0, 1),
    ("careers advice jobs age=18", "careers advice jobs", {"age": 18}, None, None, 30.0, 1),
    ("no match xyzzy", "xyzzy plumbus", {}, None, None, 30.0, 1),
)


def build(entry) -> tuple[str, str, Filters, Origin | None]:
    label, text, fields, point, area, miles, _weight = entry
    fields = {k: frozenset(v) if isinstance(v, set) else v for k, v in fields.items()}
    origin = Origin(point=point, area=area, max_miles=miles) if point is not None else None
    return label, text, Filters(**fields), origin


def timed_sequence(count: int) -> list[tuple[str, str, Filters, Origin | None]]:
    """``count`` queries: the weighted mix, interleaved, repeated as needed."""
    pool = []
    rounds = max(e[-1] for e in MIX)
    for r in range(rounds):
        pool.extend(build(e) for e in MIX if e[-1] > r)
    return [pool[i % len(pool)] for i in range(count)]


def distinct() -> list[tuple[str, str, Filters, Origin | None]]:
    return [build(e) for e in MIX]


# The results page under load: a mix of the same kinds of search as URLs.
HTTP_PATHS = tuple(
    "/search?" + urlencode(args)
    for args in (
        {"q": "football"},
        {"q": "counselling", "age": 15},
        {"q": "youth club harlow"},
        {"q": "someone is making me sell drugs"},
        {"q": "footbal"},
        {"q": "", "category": "sport", "free": 1},
        {"q": "drugs", "lat": HARLOW.latitude, "lon": HARLOW.longitude},
        {"q": "mental health", "area": "chelmsford"},
        {"q": ""},
        {"q": "music", "mode": "online"},
    )
)
MINIMAL_PATH = "/healthz"
