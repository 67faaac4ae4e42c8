"""Markdown to HTML that is safe to put on a page (ENC-2).

Authors write Markdown; it is rendered and then cleaned by nh3 with a short
allow-list, so no script, style, event attribute, image or odd link survives,
whatever the Markdown (or raw HTML inside it) says.
"""
from __future__ import annotations

import re
from functools import lru_cache

import markdown
import nh3
from markupsafe import Markup

TAGS = {"p", "br", "ul", "ol", "li", "strong", "em", "a", "h2", "h3"}
ATTRIBUTES = {"a": {"href"}}
URL_SCHEMES = {"https", "mailto", "tel"}
# Absolute https, mailto and tel only. nh3 keeps relative URLs, which a browser
# may read as something else ("javascript\u200b:" stays as written), so refuse them.
SAFE_HREF = re.compile(r"^(https://[^\s]+|mailto:[^\s]+|tel:\+?[\d\s()-]+)$", re.I)


def _only_absolute_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if SAFE_HREF.match(value.strip()) else None
    return value


def clean_html(html: str) -> str:
    return nh3.clean(
        html,
        tags=TAGS,
        clean_content_tags={"script", "style", "math", "svg", "iframe", "object", "template"},
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_only_absolute_links,
        link_rel="noopener noreferrer",
    )


@lru_cache(maxsize=512)
def _render(text: str) -> str:
    # Headings written as "# " become h2: the page title is the only h1.
    html = markdown.markdown(text or "", extensions=[], output_format="html")
    html = re.sub(r"<(/?)h1>", r"<\1h2>", html)
    html = re.sub(r"<(/?)h[4-6]>", r"<\1h3>", html)
    return clean_html(html)


def render_markdown(text: str) -> Markup:
    """Sanitised HTML for a template; safe because nh3 has cleaned it."""
    return Markup(_render(text))  # noqa: S704 - cleaned by nh3 above


def plain_text(text: str) -> str:
    """The words of some Markdown without any markup (for the search index)."""
    return re.sub(r"\s+", " ", nh3.clean(_render(text), tags=set())).strip()
