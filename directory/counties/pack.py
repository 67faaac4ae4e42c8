"""Reading a county pack, checking every file as it is read.

A mistake in a pack is reported with the file, the record and the field, at
start-up or load time, never as a failure on some later page.
"""
from __future__ import annotations

import csv
import json
import math
import re
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

from directory.core import dial

PACKS_DIR = Path(__file__).resolve().parent
DEFAULT_COUNTY = "essex"
OUTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
AUTHORITY_TYPES = {"district", "unitary"}
SETTINGS = {"name", "site_name", "timezone", "exit_url", "public_base_url", "emergency_number", "helplines",
            "preferred_counties", "community_languages", "full_postcodes_file", "attributions",
            "example_town", "example_district", "example_postcode", "discreet_categories"}


class PackError(ValueError):
    """A county pack is missing a file or holds a value that cannot be right."""


@dataclass(frozen=True)
class Helpline:
    """A national line shown on every page: who, the number to show, and to dial."""

    name: str
    number: str
    dial: str


@dataclass(frozen=True)
class CrisisLine:
    """A line in the Help now panel: call or text ``number`` (texting ``message``)."""

    name: str
    how: str
    number: str
    message: str
    dial: str


# How words are written for the crisis patterns, as phones type them: Turkish İ is a
# plain i (str.lower makes it i + a combining dot), ł and ı are l and i, apostrophes
# are straight (Ukrainian uses ʼ), and Arabic alef with hamza or madda is bare alef.
_PLAIN_LETTERS = str.maketrans({"İ": "i", "ł": "l", "ı": "i", "’": "'", "‘": "'", "ʼ": "'",
                                "أ": "ا", "إ": "ا", "آ": "ا"})
_ARABIC_MARKS = re.compile("[\u0640\u064b-\u0652\u0670]")  # tatweel, harakat, superscript alef
_LATIN_END = 0x250  # Basic Latin to Latin Extended-B: the letters whose accents are left out


def crisis_text(text: str) -> str:
    """The words as the crisis patterns see them: one form, however they were typed.

    NFKC (as ``clean_text`` does), lower case, one space between words, Latin letters
    without accents ("Zabić SIĘ" is "zabic sie", "ÖLMEK" is "olmek") and Arabic
    without vowel marks ("أُرِيدُ" is "اريد"). Accents are taken off Latin letters only:
    Cyrillic й and ї, Bengali vowel signs and Urdu letters stay as typed.
    """
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN_LETTERS).lower()
    kept: list[str] = []
    latin = False
    for char in unicodedata.normalize("NFD", text):
        if not unicodedata.combining(char):
            latin = ord(char) < _LATIN_END
        elif latin:
            continue
        kept.append(char)
    text = _ARABIC_MARKS.sub("", unicodedata.normalize("NFC", "".join(kept))).translate(_PLAIN_LETTERS)
    return " ".join(text.split())


@dataclass(frozen=True)
class Crisis:
    category: str
    danger: tuple[re.Pattern[str], ...]
    not_danger: tuple[re.Pattern[str], ...]
    lines: tuple[CrisisLine, ...]

    def in_danger(self, text: str) -> bool:
        """Do these words say someone may be in danger now?

        The words are written as ``crisis_text`` writes them; phrases in ``not_danger``
        are taken out first."""
        words = crisis_text(text)
        for pattern in self.not_danger:
            words = pattern.sub(" ", words)
        return any(pattern.search(words) for pattern in self.danger)


NO_CRISIS = Crisis("", (), (), ())

OUTLINES_FILE = "outlines.json"
EARTH_RADIUS_M = 6371008.8


@dataclass(frozen=True)
class Projection:
    """Equirectangular, in metres about (``latitude``, ``longitude``): x east, y north.

    Across a county (about 100 km) its scale is true to under 1% everywhere, which is all
    a sketch map and its scale bar need; no GIS library is involved."""

    latitude: float
    longitude: float
    radius_m: float = EARTH_RADIUS_M

    def metres(self, latitude: float, longitude: float) -> tuple[float, float]:
        x = math.radians(longitude - self.longitude) * math.cos(math.radians(self.latitude))
        return x * self.radius_m, math.radians(latitude - self.latitude) * self.radius_m

    def as_json(self) -> dict:
        return {"kind": "equirectangular", "latitude": self.latitude, "longitude": self.longitude,
                "radius_m": self.radius_m}


@dataclass(frozen=True)
class AreaOutline:
    """One council's boundary: closed rings of whole grid units (x east, y north)."""

    ons_code: str
    name: str
    rings: tuple[tuple[tuple[int, int], ...], ...]


@dataclass(frozen=True, eq=False)
class Outlines:
    """The pack's simplified council boundaries (``outlines.json``).

    Compared by identity: one object per file, cached, so drawing code can cache by it."""

    projection: Projection
    unit_m: float
    areas: tuple[AreaOutline, ...]

    def units(self, latitude: float, longitude: float) -> tuple[float, float]:
        """A point in the rings' grid units (not rounded)."""
        x, y = self.projection.metres(latitude, longitude)
        return x / self.unit_m, y / self.unit_m


@dataclass(frozen=True)
class AreaRow:
    slug: str
    name: str
    ons_code: str
    official_name: str
    authority_type: str
    postcode_districts: tuple[str, ...]


@dataclass(frozen=True)
class CountyPack:
    folder: Path
    name: str
    site_name: str
    timezone: str
    exit_url: str
    public_base_url: str
    emergency_number: str
    helplines: tuple[Helpline, ...]
    preferred_counties: tuple[str, ...]
    community_languages: tuple[str, ...]
    full_postcodes_file: str
    attributions: tuple[str, ...]
    # Shown in hints and messages: "A town or postcode, like <town> or <district>".
    example_town: str
    example_district: str
    example_postcode: str
    # Services in these categories get a neutral page title (history is seen by others).
    discreet_categories: tuple[str, ...]

    @property
    def slug(self) -> str:
        return self.folder.name

    def file(self, name: str) -> Path:
        path = self.folder / name
        if not path.is_file():
            raise PackError(f"{path}: this county pack has no {name}")
        return path

    def crisis(self) -> Crisis:
        """How the pack recognises danger, and the lines its Help now panel shows."""
        return _crisis(self.folder / "crisis.toml")

    def need_rules(self) -> tuple[tuple[re.Pattern[str], str], ...]:
        """(pattern, category slug) from needs.toml, in order; none if the pack has none."""
        return _need_rules(self.folder / "needs.toml")

    def outlines(self) -> Outlines | None:
        """The councils' boundaries for maps, or None if the pack has no outlines.json.
        Read once per version of the file (``flask places make-outlines`` writes a new one)."""
        path = self.folder / OUTLINES_FILE
        try:
            version = path.stat().st_mtime_ns
        except FileNotFoundError:
            return None
        return _outlines(path, version)

    def bank_holidays(self) -> Mapping[date, str]:
        """Bank holiday dates -> names (bank_holidays.toml), read-only; empty if the pack has none."""
        return _bank_holidays(self.folder / BANK_HOLIDAYS_FILE)

    def areas(self) -> list[AreaRow]:
        return list(read_areas(self.file("areas.csv")))

    def postcode_districts(self) -> Iterator[dict]:
        """outcode, latitude, longitude, lad_code, lad_name: the county and its neighbours."""
        path = self.file("postcode_districts.csv")
        for number, row in _rows(path, ("outcode", "latitude", "longitude", "lad_code", "lad_name")):
            where = f"{path}, row {number} ({row['outcode']})"
            if not OUTCODE.match(row["outcode"]):
                raise PackError(f"{where}: outcode {row['outcode']!r} is not a postcode district")
            yield {"outcode": row["outcode"], **_point(row, where), "lad_code": row["lad_code"],
                   "lad_name": row["lad_name"]}

    def places(self) -> Iterator[dict]:
        """name, outcode, county, latitude, longitude: towns and villages near the county."""
        path = self.file("places.csv")
        for number, row in _rows(path, ("name", "outcode", "county", "latitude", "longitude")):
            where = f"{path}, row {number} ({row['name']})"
            if not row["name"].strip():
                raise PackError(f"{where}: name is empty")
            yield {"name": row["name"], "outcode": row["outcode"], "county": row["county"],
                   **_point(row, where)}


def _toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: {error}") from None


def _compile(value, what: str) -> re.Pattern[str]:
    """``what`` begins the message if it is not a pattern: "<file>, danger 1:"."""
    try:
        return re.compile(value)
    except (re.error, TypeError) as error:
        raise PackError(f"{what} not a regular expression: {error}") from None


def _patterns(values, where: str) -> tuple[re.Pattern[str], ...]:
    if not isinstance(values, list):
        raise PackError(f"{where}: must be a list of patterns")
    return tuple(_compile(value, f"{where} {number}:") for number, value in enumerate(values, start=1))


@lru_cache(maxsize=8)
def _crisis(path: Path) -> Crisis:
    if not path.is_file():
        return NO_CRISIS
    settings = _toml(path)
    unknown = sorted(set(settings) - {"category", "danger", "not_danger", "lines"})
    if unknown:
        raise PackError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    lines = []
    for number, line in enumerate(settings.get("lines", []), start=1):
        where = f"{path}, line {number}"
        if not isinstance(line, dict) or not {"name", "how", "number"} <= set(line) \
                or line["how"] not in {"call", "text"}:
            raise PackError(f"{where}: needs a name, a number and how (call or text)")
        lines.append(CrisisLine(line["name"], line["how"], line["number"], line.get("message", ""),
                                dial(line["number"])))
    return Crisis(_text(settings, "category", str(path)),
                  _patterns(_nfkc(settings.get("danger", [])), f"{path}, danger"),
                  _patterns(_nfkc(settings.get("not_danger", [])), f"{path}, not_danger"), tuple(lines))


def _nfkc(values: object) -> object:
    """Crisis patterns in the NFKC form the words are matched in (Bengali য়, ড় are two code points)."""
    if not isinstance(values, list):
        return values
    return [unicodedata.normalize("NFKC", value) if isinstance(value, str) else value for value in values]


@lru_cache(maxsize=8)
def _need_rules(path: Path) -> tuple[tuple[re.Pattern[str], str], ...]:
    if not path.is_file():
        return ()
    needs = _toml(path).get("needs", [])
    rules = []
    for number, need in enumerate(needs, start=1):
        where = f"{path}, need {number}"
        if not isinstance(need, dict) or set(need) != {"category", "pattern"}:
            raise PackError(f"{where}: needs exactly a category and a pattern")
        rules.append((_compile(need["pattern"], f"{where} ({need['category']}): the pattern is"), need["category"]))
    return tuple(rules)


@lru_cache(maxsize=8)
def _outlines(path: Path, _version: int) -> Outlines:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        projection = data["projection"]
        if projection.get("kind") != "equirectangular":
            raise PackError(f"{path}: projection kind must be equirectangular")
        made = Projection(float(projection["latitude"]), float(projection["longitude"]),
                          float(projection.get("radius_m", EARTH_RADIUS_M)))
        unit_m = float(data["unit_m"])
        records = data["areas"]
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise PackError(f"{path}: needs projection (latitude, longitude), unit_m and areas ({error})") from None
    if not (-90 <= made.latitude <= 90 and -180 <= made.longitude <= 180 and unit_m > 0) \
            or not isinstance(records, list):
        raise PackError(f"{path}: the projection's centre, unit_m or areas cannot be right")
    return Outlines(made, unit_m, tuple(_area_outline(record, f"{path}, area {number}")
                                        for number, record in enumerate(records, start=1)))


def _area_outline(record: object, where: str) -> AreaOutline:
    if not isinstance(record, dict) or not isinstance(record.get("rings"), list) or not record["rings"]:
        raise PackError(f"{where}: needs ons_code, name and a list of rings")
    where = f"{where} ({record.get('ons_code')})"
    rings = []
    for number, ring in enumerate(record["rings"], start=1):
        if not isinstance(ring, list) or len(ring) < 4 or ring[0] != ring[-1] or not all(
                isinstance(p, list) and len(p) == 2 and all(type(v) is int for v in p) for p in ring):
            raise PackError(f"{where}, ring {number}: must be a closed list of 4 or more [x, y] whole numbers")
        rings.append(tuple((x, y) for x, y in ring))
    return AreaOutline(_text(record, "ons_code", where), _text(record, "name", where), tuple(rings))


BANK_HOLIDAYS_FILE = "bank_holidays.toml"
NO_BANK_HOLIDAYS: Mapping[date, str] = MappingProxyType({})


def _holiday_table(settings: dict, key: str, path: Path) -> dict[date, str]:
    table = settings.get(key, {})
    if not isinstance(table, dict):
        raise PackError(f"{path}: [{key}] must be a table of date = \"name\"")
    days = {}
    for text, name in table.items():
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise PackError(f"{path}, [{key}]: {text!r} is not a date like 2026-12-25") from None
        if not isinstance(name, str) or not name.strip():
            raise PackError(f"{path}, [{key}] {text}: the name must be text")
        days[day] = name.strip()
    return days


@lru_cache(maxsize=8)
def _bank_holidays(path: Path) -> Mapping[date, str]:
    """[by_rule] (the statutory rules' days, see holidays.py) less [not_held], plus [by_hand]."""
    if not path.is_file():
        return NO_BANK_HOLIDAYS
    settings = _toml(path)
    unknown = sorted(set(settings) - {"first_year", "last_year", "by_rule", "by_hand", "not_held"})
    if unknown:
        raise PackError(f"{path}: unknown setting(s) {', '.join(unknown)}")
    if not all(isinstance(settings.get(k), int) for k in ("first_year", "last_year")):
        raise PackError(f"{path}: first_year and last_year must be years")
    by_rule, by_hand, not_held = (_holiday_table(settings, k, path) for k in ("by_rule", "by_hand", "not_held"))
    if set(not_held) - set(by_rule):
        raise PackError(f"{path}, [not_held]: {', '.join(map(str, sorted(set(not_held) - set(by_rule))))} "
                        "not in [by_rule]")
    twice = sorted(set(by_hand) & (set(by_rule) - set(not_held)))
    if twice:
        raise PackError(f"{path}, [by_hand]: {', '.join(map(str, twice))} already in [by_rule]")
    days = {day: name for day, name in by_rule.items() if day not in not_held} | by_hand
    return MappingProxyType(dict(sorted(days.items())))


def _rows(path: Path, columns: tuple[str, ...]) -> Iterator[tuple[int, dict[str, str]]]:
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise PackError(f"{path}: missing column(s) {', '.join(missing)}")
        for number, row in enumerate(reader, start=2):
            yield number, row


def _point(row: dict[str, str], where: str) -> dict[str, float]:
    try:
        latitude, longitude = float(row["latitude"]), float(row["longitude"])
    except ValueError:
        raise PackError(f"{where}: latitude and longitude must be numbers") from None
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise PackError(f"{where}: latitude {latitude}, longitude {longitude} is off the map")
    return {"latitude": latitude, "longitude": longitude}


def read_areas(path: Path) -> Iterator[AreaRow]:
    """The councils of areas.csv, each checked."""
    columns = ("slug", "name", "ons_code", "official_name", "authority_type", "postcode_districts")
    seen: set[str] = set()
    for number, row in _rows(path, columns):
        where = f"{path}, row {number} ({row['slug'] or row['name']})"
        for field in columns[:-1]:
            if not row[field].strip():
                raise PackError(f"{where}: {field} is empty")
        if not SLUG.match(row["slug"]):
            raise PackError(f"{where}: slug {row['slug']!r} must be lower-case words joined by -")
        if row["slug"] in seen:
            raise PackError(f"{where}: slug {row['slug']!r} is used twice")
        if row["authority_type"] not in AUTHORITY_TYPES:
            raise PackError(f"{where}: authority_type must be one of {', '.join(sorted(AUTHORITY_TYPES))}")
        districts = tuple(d for d in row["postcode_districts"].split(";") if d)
        bad = [d for d in districts if not OUTCODE.match(d)]
        if bad:
            raise PackError(f"{where}: postcode_districts has {', '.join(bad)}, not postcode districts")
        seen.add(row["slug"])
        yield AreaRow(row["slug"], row["name"], row["ons_code"], row["official_name"],
                      row["authority_type"], districts)


def _text(settings: dict, key: str, where: str, default: str | None = None) -> str:
    value = settings.get(key, default)
    if not isinstance(value, str) or (default is None and not value.strip()):
        raise PackError(f"{where}: {key} must be text")
    return value


def _texts(settings: dict, key: str, where: str) -> tuple[str, ...]:
    value = settings.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise PackError(f"{where}: {key} must be a list of text")
    return tuple(value)


def _helplines(settings: dict, where: str) -> tuple[Helpline, ...]:
    lines = settings.get("helplines", [])
    if not isinstance(lines, list):
        raise PackError(f"{where}: helplines must be a list of [[helplines]] tables")
    found = []
    for number, line in enumerate(lines, start=1):
        here = f"{where}, helpline {number}"
        if not isinstance(line, dict):
            raise PackError(f"{here}: must be a table with name and number")
        unknown = sorted(set(line) - {"name", "number"})
        if unknown:
            raise PackError(f"{here}: unknown setting(s) {', '.join(unknown)} "
                            "(in TOML, keys after [[helplines]] belong to the helpline)")
        shown = _text(line, "number", here)
        found.append(Helpline(_text(line, "name", here), shown, dial(shown)))
    return tuple(found)


def read_pack(folder: Path) -> CountyPack:
    """Read ``folder``'s county.toml and check its other files exist."""
    path = folder / "county.toml"
    if not path.is_file():
        raise PackError(f"{path}: not a county pack (no county.toml)")
    settings = _toml(path)
    where = str(path)
    unknown = sorted(set(settings) - SETTINGS)
    if unknown:
        raise PackError(f"{where}: unknown setting(s) {', '.join(unknown)}")
    pack = CountyPack(
        folder=folder,
        name=_text(settings, "name", where),
        site_name=_text(settings, "site_name", where),
        timezone=_text(settings, "timezone", where),
        exit_url=_text(settings, "exit_url", where),
        public_base_url=_text(settings, "public_base_url", where, default=""),
        emergency_number=_text(settings, "emergency_number", where),
        helplines=_helplines(settings, where),
        preferred_counties=_texts(settings, "preferred_counties", where),
        community_languages=_texts(settings, "community_languages", where),
        full_postcodes_file=_text(settings, "full_postcodes_file", where, default=""),
        attributions=_texts(settings, "attributions", where),
        example_town=_text(settings, "example_town", where),
        example_district=_text(settings, "example_district", where),
        example_postcode=_text(settings, "example_postcode", where),
        discreet_categories=_texts(settings, "discreet_categories", where),
    )
    for name in ("areas.csv", "postcode_districts.csv", "places.csv", "SOURCE.md"):
        pack.file(name)
    codes = {area.ons_code for area in pack.areas()}  # checked now, so a wrong pack stops the start
    outlines = pack.outlines()
    unknown = sorted({a.ons_code for a in outlines.areas} - codes) if outlines else []
    if unknown:
        raise PackError(f"{folder / OUTLINES_FILE}: {', '.join(unknown)} not in areas.csv")
    pack.bank_holidays()  # checked now too
    return pack


@lru_cache(maxsize=8)
def load_pack(county: str = DEFAULT_COUNTY) -> CountyPack:
    """A pack by name (a folder beside this file) or by path to a folder."""
    folder = Path(county) if ("/" in county or county.startswith(".")) else PACKS_DIR / county
    return read_pack(folder.resolve())


def current_pack() -> CountyPack:
    """The pack the running app is configured with (``COUNTY``)."""
    from flask import current_app

    return load_pack(current_app.config["COUNTY"])
