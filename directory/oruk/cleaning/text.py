"""HTML and text from feeds as plain text: descriptions, names, summaries."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from urllib.parse import unquote

import nh3

from directory.oruk.cleaning.base import DESCRIPTION_LIMIT, INVISIBLE, NAME_LIMIT, Cleaned, as_text, cut, tidy
from directory.oruk.cleaning.contact import clean_phone, clean_url

_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<!--")
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});")
_DATA_URI = re.compile(r"data:[\w/+.-]+;base64,[A-Za-z0-9+/=\s]{16,}")


def _second_unescape(text: str, notes: list[str]) -> str:
    """Decode entities that were escaped twice ("&amp;nbsp;" shown as "&nbsp;")."""
    decoded = _ENTITY.sub(lambda m: html.unescape(m.group(0)), text)
    if decoded != text:
        notes.append("decoded double-escaped entities")
    return decoded


class _TextParser(HTMLParser):
    SKIP = frozenset({"script", "style", "svg", "math", "noscript", "template", "iframe", "object",
                      "head", "title", "select", "button", "textarea"})
    PARAGRAPH = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "table",
                           "section", "article", "header", "footer", "main", "aside", "nav", "figure",
                           "pre", "dl", "form", "fieldset", "address", "hr"})
    LINE = frozenset({"div", "li", "tr", "dt", "dd", "figcaption", "caption", "center", "br"})

    def __init__(self, link_urls: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.link_urls = link_urls
        self.parts: list[str] = []
        self.links: list[tuple[str, list[str]]] = []
        self.lists: list[list[int]] = []
        self.skipping: tuple[str, int] | None = None
        self.skipped: list[str] = []
        self.first_cell = True
        self.pre = 0
        self.notes: set[str] = set()

    def _out(self) -> list[str]:
        return self.links[-1][1] if self.links else self.parts

    def _break(self, newlines: int) -> None:
        """A line (1) or paragraph (2) break; breaks in a row merge into the largest."""
        out = self._out()
        if out and out[-1] and not out[-1].strip("\n"):
            out[-1] = "\n" * max(len(out[-1]), newlines)
        else:
            out.append("\n" * newlines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.skipping:
            if tag == self.skipping[0]:
                self.skipping = (tag, self.skipping[1] + 1)
            return
        if tag in self.SKIP:
            self.skipping = (tag, 1)
            self.notes.add("dropped scripts, styles and controls")
            return
        self._open(tag, dict(attrs))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.skipping and tag not in self.SKIP:
            self._open(tag, dict(attrs))
            self._close(tag)

    def _open(self, tag: str, attrs: dict[str, str | None]) -> None:
        if tag == "img":
            src = (attrs.get("src") or "").strip().lower()
            self.notes.add("removed inline image" if src.startswith("data:") else "removed image")
        elif tag in self.PARAGRAPH:
            self._break(2)
        elif tag == "br":
            self._out().append("\n")
        elif tag in self.LINE:
            self._break(1)
        if tag in ("ul", "ol"):
            self.lists.append([0 if tag == "ol" else -1])
        elif tag == "li":
            counter = self.lists[-1] if self.lists else [-1]
            if counter[0] >= 0:
                counter[0] += 1
                self._out().append(f"{counter[0]}. ")
            else:
                self._out().append("- ")
        elif tag == "tr":
            self.first_cell = True
        elif tag in ("td", "th"):
            if not self.first_cell:
                self._out().append(" | ")
            self.first_cell = False
        elif tag == "pre":
            self.pre += 1
        elif tag == "a":
            self.links.append(((attrs.get("href") or "").strip(), []))

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            name, depth = self.skipping
            if tag == name:
                self.skipping = (name, depth - 1) if depth > 1 else None
                self.skipped = self.skipped if self.skipping else []
            return
        self._close(tag)

    def _close(self, tag: str) -> None:
        if tag in ("ul", "ol") and self.lists:
            self.lists.pop()
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag == "a" and self.links:
            href, parts = self.links.pop()
            self._out().append(self._link_text(href, "".join(parts)))
        elif tag in self.PARAGRAPH and tag != "hr":
            self._break(2)
        elif tag in self.LINE and tag != "br":
            self._break(1)

    def _link_text(self, href: str, text: str) -> str:
        """A link's visible text, plus its target when that is not already shown."""
        visible = " ".join(text.split())
        scheme, _, target = href.partition(":")
        scheme = scheme.lower()
        if scheme in ("tel", "sms"):
            number = " ".join(unquote(target).split())
            phones = clean_phone(number).value
            number = phones[0].number if len(phones) == 1 else number
            if any(ch.isdigit() for ch in visible):
                spoken = clean_phone(visible).value
                return spoken[0].number if len(spoken) == 1 and not spoken[0].description else text
            return f"{visible} {number}".strip() if number else text
        if scheme == "mailto":
            address = unquote(target).split("?")[0].strip()
            return text if "@" in visible or not address else f"{visible} ({address})".strip()
        if not self.link_urls or scheme not in ("http", "https"):
            return text
        url = clean_url(href, https_only=False).value
        if not url or not visible:
            return text if visible else (url or "")
        shown, target = (re.sub(r"^(https?://)?(www\.)?", "", u.lower()).rstrip("/") for u in (visible, url))
        if "." in shown and " " not in shown and target.startswith(shown):
            return text
        return f"{text} ({url})"

    def handle_data(self, data: str) -> None:
        if self.skipping:
            if self.skipping[0] not in ("script", "style"):
                self.skipped.append(data)
            return
        self._out().append(data if self.pre else re.sub(r"[ \t\n\r\f\v]+", " ", data))

    def text(self) -> str:
        """Everything read; the text of a control left open (``<button>`` with no end)
        is kept rather than losing the rest of the description."""
        if self.skipped:
            self._out().append(" " + re.sub(r"\s+", " ", " ".join(self.skipped)))
        while self.links:
            href, parts = self.links.pop()
            self._out().append(self._link_text(href, "".join(parts)))
        return "".join(self.parts)


def html_to_text(value: object, limit: int = DESCRIPTION_LIMIT, *, link_urls: bool = True) -> Cleaned[str]:
    """HTML (or plain text) as plain text: blocks and <br> become line breaks, lists keep
    "- " marks, entities are decoded, images, scripts and styles are dropped, and text
    longer than ``limit`` is cut at a word. Links keep their visible text; with
    ``link_urls`` a web link whose text does not show its address gets it in brackets.
    Plain text keeps its line breaks."""
    if value is None:
        return Cleaned("")
    if not isinstance(value, str):
        return Cleaned("", ("refused: not text",))
    notes: list[str] = []
    if _TAG.search(value):
        parser = _TextParser(link_urls)
        try:
            parser.feed(value)
            parser.close()
            text = parser.text()
            notes.append("converted HTML to text")
            notes.extend(sorted(parser.notes))
        except Exception:  # html.parser is lenient, but never let a feed stop an import
            text = html.unescape(nh3.clean(value, tags=set()))
            notes.append("converted broken HTML to text")
    else:
        text = html.unescape(value)
        if text != value:
            notes.append("decoded entities")
    text = _second_unescape(text, notes)
    if _DATA_URI.search(text):
        text = _DATA_URI.sub("", text)
        notes.append("removed inline image")
    before = text.translate(INVISIBLE)
    if len(before) != len(text):
        notes.append("removed invisible characters")
    text = tidy(text)
    text = "\n".join(line for line in text.split("\n") if not re.fullmatch(r"-|\d+\.", line))
    if len(text) > limit:
        text = cut(text, limit)
        notes.append(f"cut to {limit} characters")
    return Cleaned(text, tuple(dict.fromkeys(notes)))


def clean_text(value: object, limit: int = NAME_LIMIT) -> Cleaned[str | None]:
    """One line of plain text (a name, a label): entities decoded, tags and invisible
    characters removed, spaces tidied, cut at a word to ``limit``; None when empty."""
    if value is None:
        return Cleaned(None)
    raw = as_text(value)
    if raw is None:
        return Cleaned(None, ("refused: not text",))
    result = html_to_text(raw, limit=len(raw) + 1, link_urls=False)
    notes = [note for note in result.notes if not note.startswith("cut")]
    text = " ".join(result.value.split())
    if not text:
        return Cleaned(None)
    if not notes and text != raw:
        notes.append("tidied spaces")
    if len(text) > limit:
        text = cut(text, limit)
        notes.append(f"cut to {limit} characters")
    return Cleaned(text, tuple(notes))


def _one_line(paragraph: str) -> str:
    """A paragraph's lines on one line, list items separated by semicolons."""
    joined = ""
    for line in paragraph.split("\n"):
        item = re.sub(r"^(- |\d+\. )", "", line)
        separator = "; " if item != line and joined and not joined.endswith(":") else " "
        joined = f"{joined}{separator}{item}" if joined else item
    return joined


def summary_from(text: object, limit: int = 200) -> Cleaned[str]:
    """A one-line summary from a description: its first paragraph (with the next ones
    while it has not ended a sentence), or as many whole sentences of that as fit in
    ``limit``, or its words cut with an ellipsis."""
    paragraphs = [_one_line(paragraph) for paragraph in html_to_text(text, link_urls=False).value.split("\n\n")]
    first = ""
    for paragraph in paragraphs:
        first = f"{first} {paragraph}".strip()
        if re.search(r"[.!?]$", first) or len(first) >= limit:
            break
    if len(first) <= limit:
        return Cleaned(first)
    fitted = ""
    for sentence in re.split(r"(?<=[.!?])\s+", first):
        if len(fitted) + len(sentence) + 1 > limit:
            break
        fitted = f"{fitted} {sentence}".strip()
    if fitted:
        return Cleaned(fitted, ("summary is the first sentences",))
    return Cleaned(cut(first, limit), (f"summary cut to {limit} characters",))
