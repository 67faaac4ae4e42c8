"""Gettext catalogues: extracting the interface's messages, and compiling each
shipped catalogue (directory/translations/<locale>/LC_MESSAGES/messages.po) into
the instance folder whenever its .po is newer than the compiled file.

Compiled .mo files are never committed; compiling at start-up means a fresh
clone, a test run or an edited .po needs no extra step.
"""
from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from directory.config import PROJECT_ROOT

SOURCES = PROJECT_ROOT / "directory" / "translations"
DOMAIN = "messages"
# `_l` is lazy_gettext, for strings defined at import time (form labels).
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
# The header comment line saying whether a native speaker has checked every string.
REVIEW_COMMENT = "# Native speaker review:"


def po_path(locale: str, root: Path = SOURCES) -> Path:
    return root / locale / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(locale: str, root: Path = SOURCES) -> Catalog:
    with open(po_path(locale, root), "rb") as fh:
        return read_po(fh, locale=locale)


def extract_messages() -> set[str | tuple[str, ...]]:
    """Every message id the code and templates use, as `pybabel extract` finds them."""
    with open(PROJECT_ROOT / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    return {message for _file, _line, message, _comments, _context in extract_from_dir(
        str(PROJECT_ROOT), method_map, options_map, keywords=KEYWORDS)}


def is_reviewed(locale: str, root: Path = SOURCES) -> bool:
    """Whether the catalogue's header comment records a native speaker's review:
    "# Native speaker review: yes, <name>, <date>". A comment, because `pybabel
    update` keeps the header comment but drops header fields it does not know.
    Asked on every page, so read once per version of the file."""
    path = po_path(locale, root)
    if not path.is_file():
        return False
    return _reviewed(path, path.stat().st_mtime)


@lru_cache(maxsize=64)
def _reviewed(path: Path, _mtime: float) -> bool:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.startswith("#"):
                break
            if line.lower().startswith(REVIEW_COMMENT.lower()):
                return line[len(REVIEW_COMMENT):].strip().lower().startswith("yes")
    return False


def compile_stale(locales: list[str], target: Path, root: Path = SOURCES) -> None:
    """Compile each locale's .po into target/<locale>/LC_MESSAGES/messages.mo if the
    .mo is missing or older. Written aside and renamed, so workers starting at once
    never read half a file."""
    for locale in locales:
        source = po_path(locale, root)
        if not source.is_file():
            continue
        compiled = target / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if compiled.is_file() and compiled.stat().st_mtime >= source.stat().st_mtime:
            continue
        compiled.parent.mkdir(parents=True, exist_ok=True)
        catalogue = read_catalogue(locale, root)
        handle, temporary = tempfile.mkstemp(dir=compiled.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as fh:
            write_mo(fh, catalogue, use_fuzzy=False)
        os.chmod(temporary, 0o644)  # mkstemp makes it private to this user
        os.replace(temporary, compiled)
