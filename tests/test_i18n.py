"""Every user-facing string can be translated (Flask-Babel), and extraction works."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from directory.config import PROJECT_ROOT

TEMPLATES = sorted((PROJECT_ROOT / "templates").rglob("*.html"))
JINJA = re.compile(r"{#.*?#}|{%.*?%}|{{.*?}}", re.S)
TAGS = re.compile(r"<[^>]+>")
# Words allowed as bare text: proper names of services and symbols.
ALLOWED = {"Childline", "Shout", "Samaritans", "Fearless", "Crimestoppers", "FRANK", "–", "©"}


def visible_text(template: Path) -> list[str]:
    source = template.read_text()
    source = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S)
    without_code = TAGS.sub(" ", JINJA.sub(" ", source))
    words = re.findall(r"[A-Za-z][A-Za-z'’]+", without_code)
    return [w for w in words if w not in ALLOWED]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(PROJECT_ROOT)))
def test_templates_have_no_untranslated_text(template):
    assert visible_text(template) == []


def test_extraction_finds_the_messages():
    with open(PROJECT_ROOT / "babel.cfg") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    messages = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(PROJECT_ROOT), method_map, options_map
        )
    }
    assert "Find help and things to do near you" in messages
    assert "We could not find that place. Check the spelling, or try a postcode like %(district)s." in messages
    assert len(messages) > 100
