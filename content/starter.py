"""A county pack's starter awareness content, read from Markdown files and checked.

``content/hubs/<area slug>.md``, ``content/guides/<slug>.md`` and
``content/campaigns/<slug>.md``: TOML front matter between ``+++`` lines, then the
page's Markdown. Written in plain, kind English for a reader of about 13; the rules
the words keep are checked by tests/content/test_starter.py.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from directory.counties.pack import CountyPack, PackError

FRONT = "+++"
FIELDS = {
    "hubs": {"title": str, "summary": str, "contacts": str, "events": list},
    "guides": {"title": str, "summary": str, "audience": str, "categories": list},
    "campaigns": {"title": str, "summary": str, "key_messages": list, "hero_alt": str, "featured": bool,
                  "starts_days_from_now": int, "ends_days_from_now": int, "calls_to_action": list},
}
PARTS = {"events": {"title": str, "days_from_now": int, "place": str, "details": str},
         "calls_to_action": {"label": str, "url": str}}
AUDIENCES = {"young_people", "parents"}


@dataclass(frozen=True)
class Starter:
    hubs: list[dict]
    guides: list[dict]
    campaigns: list[dict]
    # Pages in other languages, from content/translations/<locale>/<kind>/<slug>.md
    # (front matter: title and summary only; the settings are the page's own).
    translations: list[dict] = ()


def _check(record: dict, fields: dict, where: str) -> None:
    missing = sorted(set(fields) - set(record))
    unknown = sorted(set(record) - set(fields))
    if missing or unknown:
        raise PackError(f"{where}: missing {', '.join(missing) or 'nothing'}; "
                        f"unknown {', '.join(unknown) or 'nothing'}")
    for name, kind in fields.items():
        if not isinstance(record[name], kind):
            raise PackError(f"{where}: {name} has the wrong type ({type(record[name]).__name__})")


def _front_matter(path: Path) -> dict:
    """The file's TOML front matter, with its Markdown as ``body``."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith(FRONT + "\n") or f"\n{FRONT}\n" not in text:
        raise PackError(f"{path}: must start with front matter between {FRONT} lines")
    front, body = text[len(FRONT) + 1:].split(f"\n{FRONT}\n", 1)
    try:
        record = tomllib.loads(front)
    except tomllib.TOMLDecodeError as error:
        raise PackError(f"{path}: front matter: {error}") from None
    return {**record, "body": body}


def read_page(path: Path, kind: str) -> dict:
    """One page file: its front matter fields, ``body``, and its slug from the file name."""
    record = _front_matter(path)
    body = record.pop("body")
    if kind == "hubs":
        record.setdefault("events", [])  # a hub may have none coming up
    _check(record, FIELDS[kind], str(path))
    for part, fields in PARTS.items():
        for number, item in enumerate(record.get(part, []), start=1):
            if not isinstance(item, dict):
                raise PackError(f"{path}, {part} {number}: must be a [[{part}]] table")
            _check(item, fields, f"{path}, {part} {number}")
    if kind == "guides" and record["audience"] not in AUDIENCES:
        raise PackError(f"{path}: audience must be one of {', '.join(sorted(AUDIENCES))}")
    return {**record, "slug": path.stem, "body": body.rstrip("\n")}


def starter_content(pack: CountyPack) -> Starter:
    """Every starter page of the pack (none if it has no content folder)."""
    folder = pack.folder / "content"
    pages = {kind: [read_page(path, kind) for path in sorted((folder / kind).glob("*.md"))]
             for kind in FIELDS}
    areas = {a.slug for a in pack.areas()}
    for hub in pages["hubs"]:
        if hub["slug"] not in areas:
            raise PackError(f"{folder / 'hubs' / (hub['slug'] + '.md')}: no area {hub['slug']!r} in areas.csv")
        hub["area"] = hub.pop("slug")
    return Starter(pages["hubs"], pages["guides"], pages["campaigns"], _translations(folder, pages))


def _translations(folder: Path, pages: dict[str, list[dict]]) -> list[dict]:
    found = []
    for path in sorted((folder / "translations").glob("*/*/*.md")):
        locale, kind = path.parent.parent.name, path.parent.name
        slugs = {page.get("slug") or page.get("area") for page in pages.get(kind, [])}
        if kind not in FIELDS or path.stem not in slugs:
            raise PackError(f"{path}: there is no {kind} page {path.stem!r} to translate")
        record = _front_matter(path)
        body = record.pop("body")
        _check(record, {"title": str, "summary": str}, str(path))
        found.append({**record, "locale": locale, "kind": kind, "slug": path.stem, "body": body.rstrip("\n")})
    return found
