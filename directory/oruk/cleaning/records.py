"""Fields of a record: postcodes, ages, dates, ids, audiences, statuses and terms."""
from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from directory.geo.postcodes import normalise as normalise_postcode_text
from directory.geo.postcodes import parse_full_postcode
from directory.oruk.cleaning.base import INVISIBLE, Cleaned, as_text
from directory.oruk.cleaning.contact import clean_url
from directory.oruk.cleaning.text import clean_text

# Fixed forever: every imported record's id is derived from it.
NAMESPACE = uuid.UUID("d3c9b4c7-9112-592e-9c1b-8b187bc09ac9")
HSDS_STATUSES = ("active", "inactive", "defunct", "temporarily closed")

_POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b")


def clean_postcode(value: object) -> Cleaned[str | None]:
    """A full UK postcode in its usual form ("cm201ab" gives "CM20 1AB"); one found
    inside other text is taken out of it; None when there is none."""
    if value is None:
        return Cleaned(None)
    if not isinstance(value, str):
        return Cleaned(None, ("refused: not text",))
    text = value.translate(INVISIBLE).strip().strip(".,;")
    if not text:
        return Cleaned(None)
    postcode = parse_full_postcode(text)
    if postcode:
        return Cleaned(postcode, () if postcode == value else ("normalised the postcode",))
    found = {m.group(0) for m in _POSTCODE_IN_TEXT.finditer(normalise_postcode_text(text))}
    if len(found) == 1:
        return Cleaned(parse_full_postcode(found.pop()), ("took the postcode out of other text",))
    return Cleaned(None, ("refused: not a postcode",))


def _age(value: object, which: str, notes: list[str]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        text = as_text(value)
        if text is None:
            raise ValueError
        number = float(re.sub(r"\+?\s*(years?|yrs?)?(\s*old)?\s*\+?$", "", text.strip(), flags=re.I))
        if number != number or abs(number) == float("inf"):
            raise ValueError
    except (ValueError, OverflowError):
        notes.append(f"refused: {which} age is not a number")
        return None
    shown = f"{number:g}"
    if number < 0 or (number == 0 and which == "minimum"):
        notes.append(f"{which} age {shown} read as no limit")
        return None
    if number >= 99:
        notes.append(f"maximum age {shown} read as no limit" if which == "maximum"
                     else f"refused: minimum age {shown}")
        return None
    if number == 0:
        notes.append("maximum age 0 read as no limit")
        return None
    if number != int(number):
        notes.append(f"rounded the {which} age down")
    return int(number)


def clean_ages(minimum: object, maximum: object) -> Cleaned[tuple[int | None, int | None]]:
    """(minimum, maximum) ages, None meaning no limit: -1, a minimum of 0 and maximums
    of 99 or more (feeds send 99, 120, 127) mean none; numbers may come as text or
    floats; a minimum above the maximum is swapped."""
    notes: list[str] = []
    low, high = _age(minimum, "minimum", notes), _age(maximum, "maximum", notes)
    if low is not None and high is not None and low > high:
        low, high = high, low
        notes.append("swapped minimum and maximum ages")
    return Cleaned((low, high), tuple(notes))


def _zone(name: str, notes: list[str]) -> ZoneInfo | None:
    try:
        return ZoneInfo(name)
    except (ValueError, KeyError, OSError, TypeError):
        notes.append(f"refused: unknown time zone {str(name)[:40]!r}")
        return None


def _iso(value: object, notes: list[str]) -> datetime | date | None:
    if isinstance(value, (datetime, date)):
        return value
    if not isinstance(value, str):
        if value is not None:
            notes.append("refused: not a date")
        return None
    text = value.translate(INVISIBLE).strip()
    if not text:
        return None
    day_first = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", text)
    try:
        if day_first:
            notes.append("read the date as day/month/year")
            return date(int(day_first[3]), int(day_first[2]), int(day_first[1]))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            return date.fromisoformat(text)
        return datetime.fromisoformat(re.sub(r"^(\d{4}-\d{2}-\d{2}) ", r"\1T", text))
    except ValueError:
        notes.append("refused: not a date")
        return None


def _plausible(moment: date, notes: list[str]) -> bool:
    if 1900 <= moment.year <= 2200:
        return True
    notes.append(f"refused: placeholder date {moment.isoformat()[:10]}")
    return False


def parse_timestamp(value: object, timezone: str) -> Cleaned[datetime | None]:
    """An ISO date or date-time as an aware UTC datetime. A value without a zone is
    local time in ``timezone`` (pass the county pack's, ``app.config["TIMEZONE"]``);
    a date alone is its local midnight. Placeholders such as 0001-01-01 and
    unreadable text give None."""
    notes: list[str] = []
    moment, zone = _iso(value, notes), _zone(timezone, notes)
    if moment is None or zone is None or not _plausible(moment, notes):
        return Cleaned(None, tuple(notes))
    if not isinstance(moment, datetime):
        moment = datetime(moment.year, moment.month, moment.day)
        notes.append(f"read the date as midnight {timezone}")
    elif moment.tzinfo is None:
        notes.append(f"read the time as {timezone}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return Cleaned(moment.astimezone(UTC), tuple(notes))


def parse_date(value: object, timezone: str | None = None) -> Cleaned[date | None]:
    """An ISO date, e.g. an ``assured_date``, or the date of an ISO date-time (as
    written, or in ``timezone`` when given and the value has a zone); None for empty
    text, placeholders and unreadable text."""
    notes: list[str] = []
    moment = _iso(value, notes)
    if moment is None or not _plausible(moment, notes):
        return Cleaned(None, tuple(notes))
    if isinstance(moment, datetime):
        zone = _zone(timezone, notes) if timezone is not None and moment.tzinfo is not None else None
        if zone is not None:
            moment = moment.astimezone(zone)
        return Cleaned(moment.date(), (*notes, "took the date of a date-time"))
    return Cleaned(moment, tuple(notes))



_UUID_SHAPE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_uuid_shaped(value: object) -> bool:
    """8-4-4-4-12 hex digits, whatever the version and variant bits say."""
    return isinstance(value, str) and bool(_UUID_SHAPE.match(value))


def is_rfc4122(value: object) -> bool:
    """A canonical UUID with the RFC 4122 variant and a defined version (1-8, as RFC
    9562 counts them). Most ids in real ORUK 1.0 feeds are UUID-shaped but are not."""
    if not is_uuid_shaped(value):
        return False
    parsed = uuid.UUID(str(value))
    return parsed.variant == uuid.RFC_4122 and 1 <= (parsed.version or 0) <= 8


def normalise_id(value: object) -> str | None:
    """A feed's own id as text: trimmed, UUID-shaped ids lower-cased; None if empty."""
    raw = None if isinstance(value, float) else as_text(value)
    if raw is None:
        return None
    text = " ".join(raw.translate(INVISIBLE).split())
    if not text or len(text) > 255:
        return None
    return text.lower() if is_uuid_shaped(text) else text


def feed_key(feed: object, external_id: object) -> str | None:
    """"<feed> <id>": the feed's name (lower case, no spaces) and its id for a record,
    unique across feeds even when two feeds use the same id. None if either is empty."""
    name = "-".join(feed.lower().split()) if isinstance(feed, str) else ""
    ident = normalise_id(external_id)
    return f"{name} {ident}" if name and ident else None


def record_uuid(feed: object, external_id: object) -> str | None:
    """Our id for a feed's record: a version 5 UUID of its feed key under a fixed
    namespace, so the same record always gets the same id and no feed's ids (reused,
    UUID-shaped or not) can clash with ours."""
    key = feed_key(feed, external_id)
    return str(uuid.uuid5(NAMESPACE, key)) if key else None


def _audience_values(raw: object) -> list[object]:
    if isinstance(raw, str):
        return list(re.split(r"[,;]", raw))
    if not isinstance(raw, list):
        return [raw] if isinstance(raw, dict) else []
    values: list[object] = []
    for item in raw:
        if isinstance(item, dict):
            values.append(next((item[k] for k in ("audienceType", "audience", "name", "value")
                                if isinstance(item.get(k), str)), None))
        else:
            values.append(item)
    return values


def audience_terms(record: object) -> Cleaned[list[str]]:
    """Who a service is for, from vendor extensions such as ``pc_targetAudience``
    ([{"id": "45527", "audienceType": "Parents>Grandparents"}, ...]): every part of
    each path, trimmed, once each, in the order first seen."""
    if not isinstance(record, dict):
        return Cleaned([])
    notes: list[str] = []
    terms: dict[str, str] = {}
    for key, raw in record.items():
        if not (isinstance(key, str) and key.lower().startswith("pc_") and "audience" in key.lower()):
            continue
        for value in _audience_values(raw):
            if not isinstance(value, str):
                continue
            if value != value.strip():
                notes.append("trimmed audience terms")
            parts = value.split(">")
            if len(parts) > 1:
                notes.append("split audience paths")
            for part in parts:
                term = clean_text(part).value
                if term and term.casefold() in terms:
                    notes.append("dropped repeated audience terms")
                elif term:
                    terms[term.casefold()] = term
    return Cleaned(list(terms.values()), tuple(dict.fromkeys(notes)))


def clean_status(value: object) -> Cleaned[str | None]:
    """An HSDS service status (active, inactive, defunct, temporarily closed) in its
    standard spelling; None when empty or not one of them."""
    raw = as_text(value)
    if raw is None or not raw.strip():
        return Cleaned(None, ("refused: not text",) if raw is None and value is not None else ())
    text = " ".join(re.sub(r"[_-]", " ", raw).lower().split())
    if text in HSDS_STATUSES:
        return Cleaned(text, () if text == value else ("normalised the status",))
    return Cleaned(None, (f"refused: unknown status {raw[:40]!r}",))


_MODE_WORDS = (
    ("in_person", r"\b(venue|in[ -]person|face[ -]to[ -]face|home visits?|drop[ -]in|outreach|centre)\b"),
    ("online", r"\b(online|on-line|video|virtual|remote(ly)?|web(site|chat)?|zoom|teams|e-?mail)\b"),
    ("phone", r"\b(tele)?phone\b|\b(call|text|sms|helpline)\b"),
)


def delivery_modes(value: object) -> Cleaned[list[str]]:
    """How people attend, as our delivery modes (in_person, online, phone), read from
    ORUK 1.0 ``attending_type`` ("Venue", "Online", "Home visit") or 3.0 free text."""
    texts = value if isinstance(value, list) else [value]
    words = " ".join(t for t in texts if isinstance(t, str)).lower()
    if not words.strip():
        return Cleaned([])
    modes = [mode for mode, pattern in _MODE_WORDS if re.search(pattern, words)]
    if not modes:
        return Cleaned([], (f"refused: no delivery mode in {words.strip()[:40]!r}",))
    return Cleaned(modes)


@dataclass(frozen=True)
class TaxonomyTerm:
    """A term as the feed gave it, with its vocabulary and code in our spelling
    ("esdServiceTypes", "298"), so it can be looked up in a mapping."""

    vocabulary: str | None
    code: str
    name: str | None = None
    uri: str | None = None


_VOCABULARIES = {
    "esdservicetype": "esdServiceTypes", "esdneed": "esdNeeds", "esdcircumstance": "esdCircumstances",
    "lgaservicetype": "esdServiceTypes", "lganeed": "esdNeeds", "lgacircumstance": "esdCircumstances",
}
_ESD_LISTS = {"service": "esdServiceTypes", "need": "esdNeeds", "circumstance": "esdCircumstances"}
_ESD_URI = re.compile(r"^https?://id\.esd\.org\.uk/(service|need|circumstance)/([^/?#\s]+)", re.I)


def _vocabulary(text: object) -> str | None:
    if not isinstance(text, str) or not text.strip():
        return None
    key = re.sub(r"[^a-z]", "", text.lower()).removesuffix("s").replace("list", "")
    return _VOCABULARIES.get(key.removesuffix("s"), text.strip())


def taxonomy_term(item: object) -> Cleaned[TaxonomyTerm | None]:
    """A taxonomy term from ORUK 1.0 (``service_taxonomys[].taxonomy``: id
    "esdServiceType:298" or "298" with a ``vocabulary``) or 3.0 (``attributes[].taxonomy_term``:
    ``code``/``term``, ``taxonomy``, ``term_uri``); the wrapping object may be given."""
    if isinstance(item, dict):
        inner = item.get("taxonomy_term") or item.get("taxonomy")
        item = inner if isinstance(inner, dict) else item
    if not isinstance(item, dict):
        return Cleaned(None, ("refused: not a taxonomy term",) if item is not None else ())
    notes: list[str] = []
    vocabulary = _vocabulary(item.get("vocabulary") or item.get("taxonomy"))
    uri = clean_url(item.get("term_uri") or item.get("uri"), https_only=False).value
    code = normalise_id(item.get("code") or item.get("term_code"))
    raw_id = normalise_id(item.get("id"))
    if not code and raw_id and not is_uuid_shaped(raw_id):
        prefix, colon, rest = raw_id.partition(":")
        if colon and rest and not prefix.lower().startswith("http"):
            vocabulary, code = _vocabulary(prefix), rest
            notes.append("read the vocabulary from the id")
        else:
            code = raw_id
    esd = _ESD_URI.match(uri or "")
    if esd and not code:
        vocabulary, code = _ESD_LISTS[esd.group(1).lower()], esd.group(2)
        notes.append("read the code from the term URI")
    name = clean_text(item.get("name") or item.get("term")).value
    if not code:
        code = name
    if not code:
        return Cleaned(None, ("refused: term without a code or name",))
    return Cleaned(TaxonomyTerm(vocabulary, code, name, uri), tuple(notes))
