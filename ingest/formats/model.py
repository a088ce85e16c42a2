"""The text model every format reader returns, and the few text helpers the readers share.

A reader turns a file into `TextModel.text`: the document as plain text, one block per line (a heading, a
paragraph, a list item, or a table row written as `cell | cell | cell |`), a blank line between blocks, and
no markup. `lines` says what each line of that text is, `links` where the links are, `meta` what the file
says of itself. Offsets are exact: `text[line.start:line.end]` is the line, `text[link.start:link.end]` is
`link.text`.
"""
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

FORMATS = ("text", "html", "pdf", "docx")
KINDS = ("heading", "paragraph", "list_item", "table_row")


class LineInfo(NamedTuple):
    """One line of `TextModel.text` that holds text, without its surrounding white space."""
    start: int
    end: int
    kind: str | None  # heading | paragraph | list_item | table_row, or None where the format says nothing (.txt)
    level: int | None  # 1-6 from <h1>-<h6> or Word's "Heading N"; None for every other line, and for a heading
    # whose level the file does not give (Word's Title style, a PDF line set in a heading font)
    page: int | None  # 1-based page on which the line starts (PDF only)


class Link(NamedTuple):
    """A link inside the main text: `text[start:end] == text`, `href` exactly as the file writes it."""
    start: int
    end: int
    href: str
    text: str


@dataclass(frozen=True)
class TextModel:
    text: str
    format: str  # one of FORMATS
    lines: tuple  # LineInfo per line of `text` that holds text, in order
    links: tuple  # Link, in order
    meta: dict  # only the keys the file gives: title, publication_date (YYYY-MM-DD), canonical_url


class TextWriter:
    """Builds a TextModel line by line, keeping every offset exact."""

    def __init__(self):
        self._parts = []
        self._length = 0
        self._lines = []
        self._links = []

    def add_line(self, text, kind, level=None, page=None, links=(), new_block=True):
        """Append one line (already clean: no newline, no surrounding white space). A new block is set off by a
        blank line; the lines of one block (a paragraph broken by <br>, the rows of a table) by a newline.
        links: (start, end, href) relative to `text`."""
        if not text:
            return
        if self._lines:
            self._append("\n\n" if new_block else "\n")
        start = self._length
        self._append(text)
        self._lines.append(LineInfo(start, self._length, kind, level, page))
        for a, b, href in links:
            if a < b:
                self._links.append(Link(start + a, start + b, href, text[a:b]))

    def _append(self, s):
        self._parts.append(s)
        self._length += len(s)

    @property
    def empty(self):
        return not self._lines

    def model(self, format, meta):
        return TextModel("".join(self._parts), format, tuple(self._lines), tuple(self._links), dict(meta))


# Characters no prose holds: C0 controls except tab/newline/CR, DEL, and zero-width marks that editors and
# PDF producers leave behind (zero-width space and joiners, soft hyphen, a BOM inside the text).
_INVISIBLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def links_in_stripped(spans, lead: int, stripped: str) -> list[tuple[int, int, str]]:
    """(start, end, href) of each link in a line whose lead characters of white space were stripped: spans
    are (start, end, href) in the unstripped line; a link's own leading and trailing white space is left out,
    and a link that is nothing but white space is dropped."""
    links = []
    for a, b, href in spans:
        a, b = max(a - lead, 0), min(b - lead, len(stripped))
        while a < b and stripped[a].isspace():
            a += 1
        while b > a and stripped[b - 1].isspace():
            b -= 1
        if a < b:
            links.append((a, b, href))
    return links


def remove_invisible(s: str) -> str:
    """Drop control characters and zero-width marks."""
    return _INVISIBLE.sub("", s)


def is_wide(ch: str) -> bool:
    """True for East Asian wide and full-width characters (汉字, 。，：“ in their full-width forms, kana)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_broken_line(left: str, right: str) -> str:
    """Join two pieces of text that a line break separated: nothing between them where either side is a wide
    (CJK) character, one space otherwise. (CSS does the same with a source line break in Chinese text.)"""
    if not left or not right:
        return left + right
    if is_wide(left[-1]) or is_wide(right[0]):
        return left + right
    return left + " " + right


# Cells are separated by "|" in a table row; a "|" inside a cell becomes the full-width bar so that the row still
# splits into the right cells.
def clean_cell(text: str) -> str:
    """A table cell's text for a `cell | cell |` row."""
    return text.replace("|", "｜")


def format_row(cells) -> str:
    """A table row as the project's text files print it: `cell | cell | cell |`. An empty cell stays a place
    between two bars (`合计 | 125 |  |`), so the row reads back as: drop the last `|`, split at `|`, strip."""
    return (" | ".join(clean_cell(c) for c in cells) + " |").strip()
