"""One feed record (ORUK 3.0 shape) as a listing's form data, with what was cleaned.

The form data is exactly what a volunteer's suggestion holds (``service_to_data``'s
keys), so an imported record goes through moderation like any other change.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from directory.core import dial
from directory.counties.pack import current_pack
from directory.extensions import db
from directory.geo import lookup
from directory.geo.models import Area
from directory.listings.languages import code_for
from directory.listings.models import MODE_LABELS, WEEKDAYS, Category
from directory.oruk import cleaning
from directory.oruk.taxonomy import OUR_VOCABULARY, external_terms, import_names

POSTCODE_IN_TEXT = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.I)
NATIONAL = {"england", "uk", "united kingdom", "great britain", "england and wales", "national", "nationwide"}


@dataclass
class Mapped:
    data: dict | None
    cleaned: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    checked: date | None = None
    postcode: str = ""
    charity: str = ""

    @property
    def digest(self) -> str:
        body = json.dumps([self.data, str(self.checked)], sort_keys=True, default=str)
        return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _take(cleaned: cleaning.Cleaned, label: str, notes: list[str]):
    notes.extend(f"{label}: {note}" for note in cleaned.notes)
    return cleaned.value


class Vocabulary:
    """Our categories, areas and the pack's term mapping, read once per import."""

    def __init__(self, default_area: str = "") -> None:
        self.default_area = default_area
        self.categories = {c.slug: c.name for c in db.session.scalars(select(Category))}
        self.by_name = {name.lower(): slug for slug, name in self.categories.items()}
        self.by_name.update(import_names())
        self.external = {(t.vocabulary.lower(), t.code): t.category for t in external_terms()}
        areas = list(db.session.scalars(select(Area)))
        self.area_by_name = {a.name.lower(): a.slug for a in areas} | {a.official_name.lower(): a.slug for a in areas}
        self.area_by_code = {a.ons_code: a.slug for a in areas}
        self.county = current_pack().name.lower()

    def category(self, term: cleaning.TaxonomyTerm) -> str | None:
        if (term.vocabulary or "").lower() == OUR_VOCABULARY.lower() and term.code in self.categories:
            return term.code
        found = self.external.get(((term.vocabulary or "").lower(), term.code))
        return found or self.by_name.get((term.name or "").strip().lower())


def _categories(record: dict, words: Vocabulary, out: Mapped) -> list[str]:
    slugs: list[str] = []
    for attribute in record.get("attributes") or []:
        term = _take(cleaning.taxonomy_term(attribute), "taxonomy", out.cleaned)
        if term is None:
            continue
        slug = words.category(term)
        if slug and slug not in slugs:
            slugs.append(slug)
        elif not slug:
            out.unmapped.append(" ".join(p for p in (term.vocabulary, term.code, term.name) if p))
    return sorted(slugs)


def _areas(record: dict, postcode: str, words: Vocabulary) -> tuple[bool, list[str]]:
    slugs: set[str] = set()
    for area in record.get("service_areas") or []:
        names = {str(area.get(k) or "").strip().lower() for k in ("name", "service_area")} - {""}
        if names & ({words.county} | NATIONAL):
            return True, []
        code = str(area.get("uri") or "").rstrip("/").rsplit("/", 1)[-1]
        slugs |= {words.area_by_name[n] for n in names if n in words.area_by_name}
        if code in words.area_by_code:
            slugs.add(words.area_by_code[code])
    if not slugs and postcode:
        found = lookup.postcode_point(postcode)
        if found and found[1] in words.area_by_code:
            slugs.add(words.area_by_code[found[1]])
    return False, sorted(slugs)


def _shown(typed: str, cleaned: str) -> str:
    """Keep a number as the feed grouped it when that is already clean, else ours."""
    typed = " ".join(typed.split())
    return typed if " " in typed and re.fullmatch(r"[\d ]+", typed) and dial(typed) == dial(cleaned) else cleaned


def _phones(record: dict, out: Mapped) -> list[dict]:
    phones = []
    for phone in record.get("phones") or []:
        typed = str(phone.get("number") or "")
        texting = str(phone.get("type") or "").lower() in ("text", "sms")
        found = cleaning.clean_phone(f"Text {typed}" if texting else typed)
        for number in _take(found, "phone", out.cleaned) or []:
            kind = "text" if texting or number.kind == "text" else "voice"
            words = "" if texting and number.description.lower() == "text" else number.description
            description = " ".join(p for p in (phone.get("description") or "", words) if p).strip()
            phones.append({"number": _shown(typed, number.number), "type": kind, "description": description[:200]})
    return phones


def _schedule(record: dict, out: Mapped) -> dict[str, str]:
    days = {day: [] for day in WEEKDAYS}
    for slot in record.get("schedules") or []:
        opens, closes = str(slot.get("opens_at") or "")[:5], str(slot.get("closes_at") or "")[:5]
        if len(opens) != 5 or len(closes) != 5:
            continue
        for day in str(slot.get("byday") or "").upper().replace(" ", "").split(","):
            if day[:2] in days:
                days[day[:2]].append(f"{opens}-{closes}")
            elif day:
                out.cleaned.append(f"schedule: left out a day we could not read ({day[:12]})")
    return {day: ", ".join(slots) for day, slots in days.items()}


def _open_on_bank_holidays(record: dict) -> bool:
    """Our own export's field (true in JSON, "true" in its CSV package); other feeds
    say nothing we can read (ORUK 1's holiday_schedules are dates, not a rule), so no."""
    value = record.get("open_on_bank_holidays")
    return value is True or str(value).strip().lower() == "true"


def _location(record: dict, out: Mapped) -> dict | None:
    links = [link for link in record.get("service_at_locations") or [] if isinstance(link.get("location"), dict)]
    if len(links) > 1:
        out.cleaned.append(f"places: only the first of {len(links)} is imported")
    if not links:
        return None
    place = links[0]["location"]
    address = (place.get("addresses") or [{}])[0]
    postcode = _take(cleaning.clean_postcode(address.get("postal_code")), "postcode", out.cleaned) or ""
    if not postcode:  # some feeds put it at the end of the street address
        for line in (address.get(k) for k in ("address_1", "address_2", "city")):
            found = POSTCODE_IN_TEXT.search(str(line or ""))
            postcode = cleaning.clean_postcode(found.group(0)).value if found else None
            if postcode:
                out.cleaned.append("postcode: found in the street address")
                break
        postcode = postcode or ""
    out.postcode = postcode
    street = ", ".join(str(address.get(k) or "").strip() for k in ("address_1", "address_2") if address.get(k))
    return {"name": (_take(cleaning.clean_text(place.get("name")), "place name", out.cleaned) or "")[:200],
            "address_1": street[:200], "city": str(address.get("city") or "").strip()[:100],
            "postal_code": postcode, "confidential": False}


def _fees(record: dict) -> tuple[bool, str]:
    fees = str(record.get("fees") or "").strip()
    costs = record.get("cost_options") or []
    paid = [c for c in costs if str(c.get("amount") or "0").strip() not in ("", "0", "0.0", "0.00")]
    text = fees or "; ".join(str(c.get("amount_description") or c.get("option") or "") for c in paid).strip("; ")
    if not text or text.lower() in {"free", "none", "no charge", "0"}:
        return True, ""
    return False, text[:2000]


def _modes(record: dict, location: dict | None, phones: list[dict], out: Mapped) -> list[str]:
    ours = [m.strip() for m in str(record.get("delivery_modes") or "").split(",") if m.strip()]
    if ours and set(ours) <= set(MODE_LABELS):
        return ours  # our own export's field
    given = record.get("attending_type") or record.get("deliverable_type") or record.get("delivery_modes")
    modes = _take(cleaning.delivery_modes(given), "how people attend", out.cleaned) if given else []
    if modes:
        return modes
    return ["in_person"] if location else ["phone"] if phones else ["online"]


def to_listing(record: dict, words: Vocabulary) -> Mapped:
    """The form data for one record, or ``refused`` reasons why it cannot be listed."""
    out = Mapped(None)
    name = _take(cleaning.clean_text(record.get("name")), "name", out.cleaned)
    if not name:
        out.refused.append("it has no name")
    status = _take(cleaning.clean_status(record.get("status") or "active"), "status", out.cleaned)
    if status not in (None, "active"):
        out.refused.append(f"the feed says it is {status}")
    organization = record.get("organization") or {}
    org_name = _take(cleaning.clean_text(organization.get("name")), "organisation", out.cleaned)
    if not org_name:
        org_name = name
        out.cleaned.append("organisation: none given, so it is listed under the service's own name")
    for identifier in organization.get("organization_identifiers") or []:
        if str(identifier.get("identifier_scheme") or "").upper() == "GB-CHC":
            out.charity = str(identifier.get("identifier") or "").strip()
    description = _take(cleaning.html_to_text(record.get("description")), "description", out.cleaned) or ""
    summary = str(record.get("summary") or "").strip()[:300] or _take(
        cleaning.summary_from(description), "summary", out.cleaned)
    minimum, maximum = _take(cleaning.clean_ages(record.get("minimum_age"), record.get("maximum_age")), "ages",
                             out.cleaned)
    out.checked = _take(cleaning.parse_date(record.get("assured_date")), "last checked", out.cleaned)
    location = _location(record, out)
    phones = _phones(record, out)
    county_wide, areas = _areas(record, out.postcode, words)
    if not county_wide and not areas and words.default_area and not out.postcode:
        areas = [words.default_area]
        out.cleaned.append(f"area: none given, so the feed's own area ({words.default_area})")
    if not county_wide and not areas:
        out.refused.append(f"it is not in any of {current_pack().name}'s areas")
    is_free, fees = _fees(record)
    contact = (record.get("contacts") or [{}])[0]
    audience = _take(cleaning.audience_terms(record), "audience", out.cleaned) or []
    eligibility = str(record.get("eligibility_description") or "").strip()
    if audience and not eligibility:
        eligibility = "For: " + ", ".join(audience)
    # A feed gives a code, a name or both; ours are codes.
    languages = [code_for(str(lang.get("code") or "")) or code_for(str(lang.get("name") or ""))
                 for lang in record.get("languages") or [] if isinstance(lang, dict)]
    url = _take(cleaning.clean_url(record.get("url")), "website", out.cleaned) or ""
    email = _take(cleaning.clean_email(record.get("email")), "e-mail", out.cleaned) or ""
    contact_email = _take(cleaning.clean_email(contact.get("email")), "contact e-mail", out.cleaned) or ""
    categories = _categories(record, words, out)
    if out.refused:
        return out
    out.data = {
        "organization_name": org_name[:200],
        "name": name[:200],
        "summary": summary,
        "description": description,
        "url": url,
        "email": email,
        "categories": categories,
        "county_wide": county_wide,
        "areas": areas,
        "minimum_age": minimum,
        "maximum_age": maximum,
        "eligibility_description": eligibility[:2000],
        "is_free": is_free,
        "fees_description": fees,
        "delivery_modes": _modes(record, location, phones, out),
        "languages": ",".join(dict.fromkeys(code for code in languages if code)) or "en",
        "phones": phones,
        "contact_name": str(contact.get("name") or "").strip()[:200],
        "contact_title": str(contact.get("title") or "").strip()[:200],
        "contact_email": contact_email,
        "schedule": _schedule(record, out),
        "open_on_bank_holidays": _open_on_bank_holidays(record),
        "schedule_notes": str(record.get("schedule_notes") or "").strip()[:2000],
        "location": location,
        "safeguarding_policy": False,
        "staff_dbs_checked": False,
        "safeguarding_lead": "",
        "alert": str(record.get("alert") or "").strip()[:2000],
    }
    return out
