"""What every cleaning function shares: the ``Cleaned`` result and text tidying."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# The listing form's limit, so an imported description can be edited as it is.
DESCRIPTION_LIMIT = 5000
NAME_LIMIT = 200
URL_LIMIT = 500


@dataclass(frozen=True)
class Cleaned(Generic[T]):
    """A cleaned value and what cleaning it changed or refused (empty: nothing to report)."""

    value: T
    notes: tuple[str, ...] = ()

    @property
    def refused(self) -> bool:
        return any(note.startswith("refused") for note in self.notes)


INVISIBLE = dict.fromkeys(
    [*range(0, 9), 11, 12, *range(14, 32), 127, 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF])
SPACES = re.compile(r"[^\S\n]+")


def tidy(text: str) -> str:
    """Remove invisible characters, make every space an ordinary one, trim each line and
    keep at most one blank line between paragraphs."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    lines = [SPACES.sub(" ", line).strip() for line in text.translate(INVISIBLE).split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def cut(text: str, limit: int) -> str:
    """Cut at a word boundary so that, with the ellipsis, it is at most ``limit`` long."""
    if len(text) <= limit:
        return text
    if limit < 1:
        return ""
    head = text[: max(limit - 1, 0)]
    space = max(head.rfind(" "), head.rfind("\n"))
    if space > limit // 2:
        head = head[:space]
    return head.rstrip(" ,;:-\n") + "…"


def as_text(value: object) -> str | None:
    """Text, or a number written as text; None for anything else (or a number too long
    to write out)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return str(value)
    except ValueError:
        return None
