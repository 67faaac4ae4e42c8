"""Finding a feed's record among our listings, and listings it probably duplicates.

A record is the same listing when the organisation, the name and the postcode agree
after normalising; it is then matched, not doubled. Across feeds, names that are
alike at the same postcode or sharing a phone number are likely duplicates, scored
with rapidfuzz, and listed for a moderator to merge.
"""
from __future__ import annotations

import re
from collections import defaultdict

from rapidfuzz import fuzz
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from directory.core import dial
from directory.extensions import db
from directory.listings.models import Service, ServiceStatus
from directory.oruk.mapping import Mapped

ALIKE = 85  # token-set similarity of two names, out of 100


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _postcode(text: str) -> str:
    return text.replace(" ", "").upper()


class Matcher:
    def __init__(self) -> None:
        self.exact: dict[tuple[str, str, str], Service] = {}
        self.at: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self.by_phone: dict[str, list[tuple[str, str]]] = defaultdict(list)
        query = select(Service).where(Service.status == ServiceStatus.ACTIVE).options(
            selectinload(Service.locations), selectinload(Service.phones))
        for service in db.session.scalars(query):
            postcodes = {_postcode(loc.postal_code) for loc in service.locations if loc.postal_code} or {""}
            for postcode in postcodes:
                self.exact[(_norm(service.organization.name), _norm(service.name), postcode)] = service
            self._add(service.name, postcodes, {dial(p.number) for p in service.phones})

    def _add(self, name: str, postcodes: set[str], phones: set[str]) -> None:
        for postcode in postcodes - {""}:
            self.at[postcode].append((name, _norm(name)))
        for phone in phones - {""}:
            self.by_phone[phone].append((name, _norm(name)))

    def existing(self, mapped: Mapped) -> tuple[Service | None, str]:
        data = mapped.data
        key = (_norm(data["organization_name"]), _norm(data["name"]), _postcode(mapped.postcode))
        found = self.exact.get(key)
        return (found, "matched an existing listing with the same organisation, name and postcode") if found else (
            None, "")

    def likely_duplicates(self, mapped: Mapped) -> list[str]:
        """Names of listings this one probably duplicates; remembers it for the rest of the run."""
        name, phones = _norm(mapped.data["name"]), {dial(p["number"]) for p in mapped.data["phones"]}
        candidates = list(self.at.get(_postcode(mapped.postcode), [])) if mapped.postcode else []
        for phone in phones:
            candidates += self.by_phone.get(phone, [])
        alike = sorted({shown for shown, normed in candidates if fuzz.token_set_ratio(name, normed) >= ALIKE})
        self._add(mapped.data["name"], {_postcode(mapped.postcode)}, phones)
        return alike
