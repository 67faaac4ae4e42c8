"""Reading search parameters from a query string, shared by the page and the API.

Every problem becomes a SearchInputError with a message fit to show the person,
so bad input answers 400, never 500 (ENC-5, ENC-6).
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

from flask_babel import gettext as _

from directory.listings.models import DeliveryMode
from directory.search.query import clean_text

# ISO 639-1 or -3 ("pl", "bfi"): the language filter takes codes only.
LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")

MAX_PAGE = 500
MAX_VALUES = 20
TRUE_WORDS = {"1", "true", "yes", "on", "y"}
FALSE_WORDS = {"", "0", "false", "no", "off", "n"}
# Arguments that can say what someone needs or where they are: kept out of URLs.
PRIVATE_ARGS = ("q", "near", "lat", "lon", "age")


class SearchInputError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    near: str = ""
    lat: float | None = None
    lon: float | None = None
    age: int | None = None
    category: tuple[str, ...] = ()
    area: tuple[str, ...] = ()
    mode: tuple[str, ...] = ()
    language: tuple[str, ...] = ()
    free: bool = False
    open_now: bool = False
    page: int = 1

    @property
    def has_location(self) -> bool:
        return bool(self.near) or self.lat is not None

    def query_args(self, **changes) -> dict:
        """These parameters as query-string arguments (for links), with changes."""
        args = {
            "q": self.q,
            "near": self.near,
            "lat": self.lat,
            "lon": self.lon,
            "age": self.age,
            "category": list(self.category),
            "area": list(self.area),
            "mode": list(self.mode),
            "language": list(self.language),
            "free": "1" if self.free else None,
            "open_now": "1" if self.open_now else None,
            "page": self.page if self.page > 1 else None,
        }
        args.update(changes)
        return {k: v for k, v in args.items() if v not in (None, "", [])}

    def form_fields(self, *names: str, **changes) -> list[tuple[str, str]]:
        """(name, value) pairs for hidden form fields: these parameters, with changes.

        With ``names``, only those parameters. The page is never carried: a
        changed search starts again at its first page.
        """
        fields = []
        for name, value in self.query_args(page=None, **changes).items():
            if names and name not in names:
                continue
            for item in value if isinstance(value, list) else [value]:
                fields.append((name, str(item)))
        return fields


def _values(args: Mapping, name: str) -> list[str]:
    getlist = getattr(args, "getlist", None)
    raw = getlist(name) if getlist else ([args[name]] if name in args else [])
    values: list[str] = []
    for item in raw:
        values.extend(part.strip() for part in str(item).split(",") if part.strip())
    return values[:MAX_VALUES]


def _single(args: Mapping, name: str) -> str:
    """The first value given for ``name``, as typed (commas and all)."""
    getlist = getattr(args, "getlist", None)
    raw = getlist(name) if getlist else ([args[name]] if name in args else [])
    return str(raw[0]).strip() if raw else ""


def _int(args: Mapping, name: str, low: int, high: int, message: str) -> int | None:
    text = _single(args, name)
    if not text:
        return None
    try:
        value = int(text)
    except ValueError:
        raise SearchInputError(name, message) from None
    if not low <= value <= high:
        raise SearchInputError(name, message)
    return value


def _float(args: Mapping, name: str, low: float, high: float) -> float | None:
    text = _single(args, name)
    if not text:
        return None
    message = _("Your location did not come through properly. Please try again or type a place.")
    try:
        value = float(text)
    except ValueError:
        raise SearchInputError(name, message) from None
    if not math.isfinite(value) or not low <= value <= high:
        raise SearchInputError(name, message)
    return value


def _flag(args: Mapping, name: str) -> bool:
    text = _single(args, name).lower()
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise SearchInputError(name, _("Please choose yes or no."))


def _languages(args: Mapping) -> tuple[str, ...]:
    codes = tuple(dict.fromkeys(value.strip().lower() for value in _values(args, "language")))
    if any(not LANGUAGE_CODE.match(code) for code in codes):
        raise SearchInputError("language", _("Please choose a language from the list."))
    return codes


def typed_back(args: Mapping) -> SearchParams:
    """What can be shown again in the form when the search itself was refused."""
    return SearchParams(q=clean_text(_single(args, "q")), near=clean_text(_single(args, "near"))[:100])


def parse_search_args(args: Mapping) -> SearchParams:
    """Validate a query string into SearchParams or raise SearchInputError."""
    lat = _float(args, "lat", -90, 90)
    lon = _float(args, "lon", -180, 180)
    if (lat is None) != (lon is None):
        raise SearchInputError(
            "lat", _("Your location did not come through properly. Please try again.")
        )
    modes = tuple(_values(args, "mode"))
    known_modes = {m.value for m in DeliveryMode}
    if any(m not in known_modes for m in modes):
        raise SearchInputError("mode", _("Please choose in person, online or phone."))
    return SearchParams(
        q=clean_text(_single(args, "q")),
        near=clean_text(_single(args, "near"))[:100],
        lat=lat,
        lon=lon,
        age=_int(args, "age", 0, 120, _("Age must be a whole number, like 15.")),
        category=tuple(_values(args, "category")),
        area=tuple(_values(args, "area")),
        mode=modes,
        language=_languages(args),
        free=_flag(args, "free"),
        open_now=_flag(args, "open_now"),
        page=_int(args, "page", 1, MAX_PAGE, _("That page number does not exist.")) or 1,
    )
