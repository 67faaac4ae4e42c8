"""The query mix: what people type, with and without filters and a "near" point.

Two parts:

- ``MIX``: a few dozen hand-picked queries, one per kind that matters (empty box,
  US spelling, typos, need phrases, typed ages, filters, "near"), each with its
  own label and a weight. Their labels are what the per-kind timings are keyed by.
- The long tail (``long_tail``): hundreds of distinct queries made from word lists
  with a seeded random generator (need words, pairs, towns, typos, phrases, typed
  ages, filters, points near towns, words the directory has never heard of), so
  the same seed always gives the same queries but no cache can flatter the
  figures by seeing one query many times. Each is labelled with its kind
  (``tail: ...``).

The in-process benchmark times ``timed_sequence`` (the weighted mix and the tail,
shuffled together); the HTTP benchmark loads ``HTTP_PATHS`` (the same kinds as
/search URLs, most of them from the tail) after warming up on ``HTTP_WARM_PATHS``,
a disjoint set.
"""
from __future__ import annotations

import random
from collections.abc import Callable
from typing import NamedTuple
from urllib.parse import urlencode

from directory.geo.lookup import Point
from directory.search.query import Filters, Origin
from tests.benchmarks.data import AREAS, CATEGORIES

HARLOW = Point(51.770, 0.110)
CHELMSFORD = Point(51.736, 0.469)
COLCHESTER = Point(51.889, 0.901)
SOUTHEND = Point(51.540, 0.710)

TIMED_SEED = 14
HTTP_SEED = 1414
HTTP_TAIL = 300  # distinct results pages under load
HTTP_WARM = 60  # distinct results pages for the warm-up, none of them measured


class Query(NamedTuple):
    label: str
    text: str
    filters: Filters
    origin: Origin | None


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


def _query(label: str, text: str, fields: dict, origin: Origin | None) -> Query:
    fields = {k: frozenset(v) if isinstance(v, (set, frozenset, list, tuple)) else v
              for k, v in fields.items()}
    return Query(label, text, Filters(**fields), origin)


def build(entry) -> Query:
    label, text, fields, point, area, miles, _weight = entry
    origin = Origin(point=point, area=area, max_miles=miles) if point is not None else None
    return _query(label, text, fields, origin)


def distinct() -> list[Query]:
    """Each hand-picked query once (the warm-up pass)."""
    return [build(e) for e in MIX]


# ---------------------------------------------------------------- the long tail

# Words a need is named by, nearly all of them in the synthetic listings.
NEED_WORDS = (
    "football", "basketball", "boxing", "swimming", "dance", "cricket", "netball", "gym", "fitness",
    "sport", "music", "drama", "theatre", "art", "photography", "film", "band", "singing", "studio",
    "counselling", "counsellor", "therapy", "anxiety", "depression", "stress", "panic", "wellbeing",
    "self-harm", "crisis", "helpline", "suicide", "drugs", "alcohol", "cannabis", "weed", "vaping",
    "exploitation", "grooming", "gangs", "knife", "violence", "mentoring", "bullying",
    "cyberbullying", "abuse", "refuge", "relationships", "housing", "homeless", "hostel", "condoms",
    "contraception", "pregnancy", "clinic", "lgbtq", "trans", "gay", "carers", "court", "police",
    "arrested", "homework", "tutoring", "college", "courses", "maths", "apprenticeships", "jobs",
    "careers", "cv", "interview", "drop-in", "trips", "holidays", "confidential", "emergency",
)
NEED_PAIRS = (
    "youth club", "mental health", "sexual health", "county lines", "knife crime", "domestic abuse",
    "young carers", "work experience", "coming out", "sti testing", "drama group", "youth theatre",
    "street dance", "boxing club", "girls football", "homework club", "job club", "careers advice",
    "drugs advice", "alcohol support", "anxiety group", "peer support", "supported housing",
    "emergency contraception", "youth offending", "referral order", "recording studio",
)
MODIFIERS = (
    "free", "girls", "boys", "group", "club", "support", "advice", "help", "sessions", "near me",
    "for teens", "under 18", "young people", "confidential", "online", "tonight", "weekend",
    "after school", "local", "drop in", "service", "worker",
)
# Things young people look for that the synthetic directory never mentions: the
# slow path (no match, then a spelling correction, then any of the words).
UNLISTED = (
    "skatepark", "minecraft", "esports", "coding", "chess", "parkour", "climbing",
    "driving lessons", "food bank", "bike repair", "scouts", "cadets", "volunteering",
    "eating disorder", "adhd", "autism", "grief", "bereavement", "gaming", "tiktok",
)
US_SPELLINGS = (
    "counseling", "counselor", "youth center", "theater", "behavior", "after school program",
    "counseling center", "mom", "neighborhood", "organization", "theater group", "behavioral",
    "lgbt", "selfharm", "community center",
)
MISSPELLINGS = (
    "footbal", "counciling", "councelling", "counsling", "anxeity", "anxity", "bulying", "bullyed",
    "homless", "mentel health", "sexual helth", "depresion", "alchohol", "apprentiships",
    "swiming", "basketbal", "theatre grup", "contraseption", "pregnant tst", "helpine", "exploitaton",
    "cannibis", "vapeing", "homeworke", "carrers", "intervew",
)
PHRASES = (
    "someone is making me sell drugs", "i want to stop vaping", "nowhere to sleep tonight",
    "my dad hits me", "i feel really anxious", "being bullied at school", "kicked out of home",
    "need someone to talk to", "worried about my friend", "i think i am gay", "want to get a job",
    "help with my cv", "things to do after school", "scared to go to school", "i look after my mum",
    "got arrested last night", "feel unsafe at home", "cant stop crying", "need free condoms",
    "sofa surfing at my mates", "want to learn music", "my mum drinks too much", "people at school pick on me",
    "i owe someone money", "been asked to carry a package", "want to hurt myself", "so stressed about exams",
    "nothing to do in the holidays", "my boyfriend checks my phone", "want to play football",
    "help with homework", "am i pregnant", "how to come out to my parents", "smoking too much weed",
    "someone to talk to about anxiety", "where can i go tonight", "older boys want me to hold stuff",
    "want to do an apprenticeship", "feel lonely all the time", "need a safe place",
)
AGE_FORMS = ("i am {age}", "im {age}", "i'm {age}", "{age} year old", "aged {age}", "{age} yo")
TOWNS = tuple((town, lat, lon, slug) for slug, _name, _ons, _off, _kind, towns, _pc in AREAS
              for town, lat, lon in towns)
CATEGORY_SLUGS = tuple(c[0] for c in CATEGORIES)
AREA_SLUGS = tuple(a[0] for a in AREAS)
MODES = ("in_person", "online", "phone")
MILES = (3.0, 5.0, 10.0, 20.0, 30.0)


def _need(rng: random.Random) -> str:
    return rng.choice(NEED_WORDS) if rng.random() < 0.6 else rng.choice(NEED_PAIRS)


def _town(rng: random.Random) -> tuple[str, float, float, str]:
    return rng.choice(TOWNS)


def _near(rng: random.Random) -> Origin:
    _name, lat, lon, slug = _town(rng)
    # A point around the town, as a phone's location would be (kept to ~100 m).
    point = Point(round(lat + rng.uniform(-0.02, 0.02), 3), round(lon + rng.uniform(-0.03, 0.03), 3))
    return Origin(point=point, area=slug, max_miles=rng.choice(MILES))


def _typo(rng: random.Random) -> str:
    """A misspelling: a common real one, or one edit made to a need word."""
    if rng.random() < 0.4:
        return rng.choice(MISSPELLINGS)
    word = rng.choice([w for w in NEED_WORDS if len(w) >= 5 and w.isalpha()])
    i = rng.randrange(1, len(word) - 1)
    edit = rng.randrange(4)
    if edit == 0:  # a letter dropped
        typo = word[:i] + word[i + 1:]
    elif edit == 1:  # two letters swapped
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif edit == 2:  # a letter doubled
        typo = word[:i] + word[i] + word[i:]
    else:  # a vowel for another
        vowels = "aeiou"
        j = next((k for k in range(i, len(word)) if word[k] in vowels), None)
        if j is None:
            return word[:i] + word[i + 1:]
        typo = word[:j] + rng.choice(vowels.replace(word[j], "")) + word[j + 1:]
    return typo if typo != word else word[:-1]


def _some_filters(rng: random.Random, most: int = 3) -> dict:
    """One to ``most`` of the filters a person ticks."""
    fields: dict = {}
    for name in rng.sample(("age", "free", "category", "area", "mode", "open_now"), rng.randint(1, most)):
        if name == "age":
            fields["age"] = rng.randint(10, 21)
        elif name == "free":
            fields["free"] = True
        elif name == "open_now":
            fields["open_now"] = True
        elif name == "category":
            fields["category"] = set(rng.sample(CATEGORY_SLUGS, rng.choice((1, 1, 2))))
        elif name == "area":
            fields["area"] = set(rng.sample(AREA_SLUGS, rng.choice((1, 1, 2))))
        else:
            fields["mode"] = {rng.choice(MODES)}
    return fields


Maker = Callable[[random.Random], tuple[str, dict, Origin | None]]


def _need_word(rng):
    return rng.choice(NEED_WORDS), {}, None


def _two_words(rng):
    if rng.random() < 0.4:
        return rng.choice(NEED_PAIRS), {}, None
    first = _need(rng)
    return (f"{rng.choice(MODIFIERS)} {first}" if rng.random() < 0.5
            else f"{first} {rng.choice(MODIFIERS)}"), {}, None


def _word_and_town(rng):
    return f"{_need(rng)} {_town(rng)[0].lower()}", {}, None


def _near_town(rng):
    return _need(rng), {"age": rng.randint(11, 19)} if rng.random() < 0.3 else {}, _near(rng)


def _misspelt(rng):
    text = _typo(rng)
    if rng.random() < 0.25:
        text = f"{text} {_town(rng)[0].lower()}"
    return text, {}, None


def _us_spelling(rng):
    text = rng.choice(US_SPELLINGS)
    return (f"{text} {rng.choice(MODIFIERS)}" if rng.random() < 0.5 else text), {}, None


def _phrase(rng):
    return rng.choice(PHRASES), {"age": rng.randint(12, 19)} if rng.random() < 0.3 else {}, None


def _typed_age(rng):
    age = rng.choice(AGE_FORMS).format(age=rng.randint(11, 19))
    words = rng.choice(PHRASES) if rng.random() < 0.5 else _need(rng)
    return (f"{age} and {words}" if rng.random() < 0.5 else f"{words} {age}"), {}, None


def _with_filters(rng):
    return _need(rng), _some_filters(rng), _near(rng) if rng.random() < 0.2 else None


def _empty_box(rng):
    return "", _some_filters(rng, 2), _near(rng) if rng.random() < 0.4 else None


def _unlisted(rng):
    text = rng.choice(UNLISTED)
    if rng.random() < 0.3:
        text = f"{text} {_town(rng)[0].lower()}"
    return text, {}, None


# (label, maker, weight): roughly how often each kind is typed.
TAIL_KINDS: tuple[tuple[str, Maker, int], ...] = (
    ("tail: need word", _need_word, 16),
    ("tail: two words", _two_words, 12),
    ("tail: word + town", _word_and_town, 9),
    ("tail: near a town", _near_town, 12),
    ("tail: typo", _misspelt, 10),
    ("tail: US spelling", _us_spelling, 4),
    ("tail: need phrase", _phrase, 11),
    ("tail: typed age", _typed_age, 6),
    ("tail: filters", _with_filters, 10),
    ("tail: empty + filters", _empty_box, 5),
    ("tail: unlisted words", _unlisted, 5),
)


def query_key(query: Query) -> tuple:
    """What makes two queries the same search (the label aside)."""
    f = query.filters
    return (query.text, tuple(sorted(f.category)), tuple(sorted(f.area)), tuple(sorted(f.mode)),
            tuple(sorted(f.language)), f.age, f.free, f.open_now, query.origin)


def long_tail(count: int, seed: int = TIMED_SEED, exclude: frozenset = frozenset()) -> list[Query]:
    """``count`` distinct queries (none equal to one in ``exclude``, by ``query_key``),
    always the same ones for a seed. The generator can make tens of thousands;
    should it run dry, the last queries repeat rather than loop forever."""
    rng = random.Random(seed)
    labels = [k[0] for k in TAIL_KINDS]
    makers = {label: maker for label, maker, _w in TAIL_KINDS}
    weights = [k[2] for k in TAIL_KINDS]
    seen = set(exclude)
    out: list[Query] = []
    attempts = 0
    while len(out) < count and attempts < count * 50:
        attempts += 1
        label = rng.choices(labels, weights)[0]
        text, fields, origin = makers[label](rng)
        query = _query(label, text, fields, origin)
        if query_key(query) not in seen:
            seen.add(query_key(query))
            out.append(query)
    made = len(out)
    while made and len(out) < count:
        out.append(out[len(out) % made])
    return out


def timed_sequence(count: int, seed: int = TIMED_SEED) -> list[Query]:
    """``count`` queries: the weighted hand-picked mix (football three times, as
    popular words are) and, for the rest, distinct long-tail queries none of which
    the warm-up ran, shuffled together."""
    fixed = [build(e) for e in MIX for _ in range(e[-1])]
    tail = long_tail(max(0, count - len(fixed)), seed, exclude=frozenset(query_key(q) for q in fixed))
    pool = fixed + tail
    random.Random(seed).shuffle(pool)
    return pool[:count]


def as_path(query: Query) -> str:
    """The /search URL for a query; "near" becomes the lat/lon a browser sends
    (the radius is then the site's own, NEAR_MAX_MILES)."""
    f = query.filters
    args: list[tuple[str, str]] = [("q", query.text)]
    if f.age is not None:
        args.append(("age", str(f.age)))
    for name in ("category", "area", "mode", "language"):
        args += [(name, value) for value in sorted(getattr(f, name))]
    if f.free:
        args.append(("free", "1"))
    if f.open_now:
        args.append(("open_now", "1"))
    if query.origin is not None:
        args += [("lat", f"{query.origin.point.latitude:.3f}"), ("lon", f"{query.origin.point.longitude:.3f}")]
    return "/search?" + urlencode(args)


# The hand-picked results pages: the same kinds of search as the mix above.
FIXED_HTTP_PATHS = tuple(
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


def _http_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(measured, warm-up): the hand-picked pages and the long tail's, distinct."""
    paths = list(dict.fromkeys(FIXED_HTTP_PATHS))
    for query in long_tail(HTTP_TAIL + HTTP_WARM + 50, HTTP_SEED):
        path = as_path(query)
        if path not in paths:
            paths.append(path)
    measured = len(FIXED_HTTP_PATHS) + HTTP_TAIL
    return tuple(paths[:measured]), tuple(paths[measured:measured + HTTP_WARM])


# The results page under load (HTTP_PATHS) and its warm-up (HTTP_WARM_PATHS).
HTTP_PATHS, HTTP_WARM_PATHS = _http_paths()
# The first results page a fresh worker is asked for (a word every size has listings for).
FIRST_PATH = "/search?" + urlencode({"q": "football"})
MINIMAL_PATH = "/healthz"
