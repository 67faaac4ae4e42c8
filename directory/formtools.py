"""Small helpers shared by the WTForms forms."""
from __future__ import annotations

from collections.abc import Iterable

from wtforms.fields.choices import SelectChoice


def choices(pairs: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    """(value, label) pairs as WTForms 3.3 select choices."""
    return [SelectChoice(value, label) for value, label in pairs]
