"""Our categories as an Open Referral UK taxonomy, and the esd terms mapped to them.

The mapping is the county pack's ``oruk_taxonomy.toml``. Ids of things we publish
but do not store (our taxonomy, the esd terms) are name-based UUIDs, so they never
change between runs or machines.
"""
from __future__ import annotations

import tomllib
import uuid
from dataclasses import dataclass
from functools import lru_cache

from directory.counties.pack import PackError, current_pack

# Fixed forever: changing it would change every derived id we have published.
NAMESPACE = uuid.UUID("5e1f0b8a-3c2d-4e5f-9a7b-6c8d9e0f1a2b")
OUR_VOCABULARY = "signpostCategories"


def derived_id(*parts: str) -> str:
    """A stable UUID for something we publish without storing it (an address, a term)."""
    return str(uuid.uuid5(NAMESPACE, "/".join(parts)))


@dataclass(frozen=True)
class ExternalTerm:
    category: str
    vocabulary: str
    code: str
    name: str
    uri: str

    @property
    def id(self) -> str:
        return derived_id("term", self.vocabulary, self.code)

    @property
    def taxonomy_id(self) -> str:
        return derived_id("taxonomy", self.vocabulary)


@lru_cache(maxsize=8)
def _external(folder: str) -> tuple[ExternalTerm, ...]:
    path = current_pack().folder / "oruk_taxonomy.toml"
    if not path.exists():
        return ()
    terms = []
    for n, row in enumerate(tomllib.loads(path.read_text(encoding="utf-8")).get("external", []), 1):
        missing = [k for k in ("category", "vocabulary", "code", "name", "uri") if not str(row.get(k, "")).strip()]
        if missing:
            raise PackError(f"{path}, [[external]] {n}: needs {', '.join(missing)}")
        terms.append(ExternalTerm(**{k: str(row[k]).strip() for k in ExternalTerm.__dataclass_fields__}))
    return tuple(terms)


def external_terms() -> tuple[ExternalTerm, ...]:
    return _external(str(current_pack().folder))


@lru_cache(maxsize=8)
def _import_names(folder: str) -> dict[str, str]:
    path = current_pack().folder / "oruk_taxonomy.toml"
    if not path.exists():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("import", {})
    return {str(term).strip().lower(): str(slug).strip() for term, slug in table.items()}


def import_names() -> dict[str, str]:
    """Other feeds' term names (lower case) and the category slug each means here."""
    return _import_names(str(current_pack().folder))


def our_taxonomy_id() -> str:
    return derived_id("taxonomy", OUR_VOCABULARY, current_pack().slug)
