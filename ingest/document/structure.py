"""Find a document's structure: headings and their hierarchy, paragraphs, tables.

Numbered headings carry their level in the marker (一、 > （一） > 1.; I. > (1) > --).
Unnumbered headings are short lines without final punctuation that introduce a longer paragraph.
"""
import re
from typing import NamedTuple

# (level, pattern) for numbered heading markers; the marker is group 1.
_NUMBERED = [
    (1, re.compile(r"^([一二三四五六七八九十百]+、)")),
    (2, re.compile(r"^([（(][一二三四五六七八九十]+[）)])")),
    (3, re.compile(r"^(\d{1,2}[．.、](?!\d))")),
    (1, re.compile(r"^([IVX]{1,5}\.)\s")),
    (2, re.compile(r"^(\(\d{1,2}\))\s")),
    (3, re.compile(r"^(--|——)(?=\S)")),
]
_DOC_NUMBER = re.compile(r"^\S{1,20}[〔\[［(（]\d{4}[〕\]］)）]\s*\d+\s*号$")
TERMINAL = re.compile(r"[。！？；：:.!?;,，]$|[。.!?][\"”’']$")
_TABLE_ROW = re.compile(r"\|")
# Marker-led lines longer than this are paragraphs that happen to start with a number.
_MAX_HEADING = {"zh": 60, "en": 200}


class Block(NamedTuple):
    kind: str  # title | heading | paragraph | table_row | doc_number
    line: object  # the Line
    level: int  # heading level (0 = title), 0 otherwise
    number: str  # the marker as printed (一、, (1), I.) or ""
    heading: str  # heading text without its marker


def _numbered(text, lang):
    for level, pattern in _NUMBERED:
        m = pattern.match(text)
        if m:
            rest = text[m.end():].strip()
            # A (1)-style heading in the plan is one sentence, ending in "." — still a heading when short
            # and when nothing follows its first sentence.
            one_sentence = not re.search(r"[。！？.!?]\s*\S", rest)
            if rest and len(text) <= _MAX_HEADING[lang] and one_sentence:
                return level, m.group(1), rest
    return None


def _is_table_row(text):
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    return _TABLE_ROW.search(text) and len(cells) >= 2 and any(re.fullmatch(r"[\d.,]+", c) for c in cells)


def ends_a_sentence(text):
    """True when TERMINAL matches at the end of the line. A match is at most two characters, and $ also matches
    before a final newline: the last three characters hold any match. Searched whole, the line would have the
    regex tried at every one of its offsets."""
    return TERMINAL.search(text[-3:]) is not None


def _looks_like_heading(text, next_text, lang):
    """An unnumbered heading: short, no final punctuation, followed by a much longer paragraph or a table."""
    if ends_a_sentence(text) or next_text is None:
        return False
    short = len(text) <= 40 if lang == "zh" else len(text.split()) <= 16
    return short and (_is_table_row(next_text) or len(next_text) >= max(80, 2 * len(text)))


def find_blocks(lines, lang, doc_number=None):
    """Classify each non-chrome line."""
    blocks = []
    for i, ln in enumerate(lines):
        text = ln.text
        next_text = lines[i + 1].text if i + 1 < len(lines) else None
        if doc_number and text == doc_number or _DOC_NUMBER.match(text):
            blocks.append(Block("doc_number", ln, 0, "", ""))
        elif "|" in text and (_is_table_row(text) or (next_text is not None and _is_table_row(next_text))):
            blocks.append(Block("table_row", ln, 0, "", ""))
        elif (num := _numbered(text, lang)) is not None:
            blocks.append(Block("heading", ln, num[0], num[1], num[2]))
        elif i == 0 and not ends_a_sentence(text) and len(text) <= 200:
            blocks.append(Block("title", ln, 0, "", text))
        elif _looks_like_heading(text, next_text, lang):
            blocks.append(Block("heading", ln, -1, "", text))  # level settled below
        else:
            blocks.append(Block("paragraph", ln, 0, "", ""))
    return _settle_unnumbered_levels(blocks)


def _settle_unnumbered_levels(blocks):
    """Unnumbered headings before the first numbered one are title lines (level 0);
    later ones sit one below the last numbered heading, or at level 1 when there is none."""
    has_numbered = any(b.kind == "heading" and b.level > 0 for b in blocks)
    settled, last_numbered = [], 0
    for b in blocks:
        if b.kind == "heading" and b.level == -1:
            if has_numbered and last_numbered == 0:
                b = b._replace(kind="title", level=0)
            else:
                b = b._replace(level=last_numbered + 1)
        elif b.kind == "heading":
            last_numbered = b.level
        settled.append(b)
    return settled

