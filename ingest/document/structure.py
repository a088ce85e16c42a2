"""A document's structure: headings and their levels, paragraphs, numbered items, tables.

Numbered headings carry their level in the marker (一、 > （一） > 1. > （1）; I. > (1) > 1.). A numbered item
is a heading when its text is a title (a short phrase, no sentence): 一、总体要求. When its first sentence is
such a phrase and more follows on the line (（一）加强组织领导。各地要……), that phrase is a run-in heading and the
rest is text. A numbered item that is a sentence (（三）各地要在6月30日前报送工作总结。) is text, its number kept.
Unnumbered headings are short lines without final punctuation between paragraphs, above a longer paragraph.
"""
import re
from typing import NamedTuple

from .. import lexicon
from ..segment import get_tokenizer
from .gongwen import parse_date

# (level, pattern) for numbered heading markers, by language; the marker is group 1.
_ZH_MARKERS = [
    (1, re.compile(r"^(第[一二三四五六七八九十百]+[章部分编])\s*")),
    (1, re.compile(r"^([一二三四五六七八九十百]+、)")),
    (2, re.compile(r"^([（(][一二三四五六七八九十]+[）)])")),
    (3, re.compile(r"^(\d{1,2}[．.、](?!\d))")),
    (4, re.compile(r"^([（(]\d{1,2}[）)])")),
    (4, re.compile(r"^(\d{1,2}\.\d{1,2})\s+(?=\D)")),
]
_EN_MARKERS = [
    (1, re.compile(r"^((?:Part|Chapter)\s+(?:[IVX]+|\d+|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten)[.:]?)\s+")),
    (1, re.compile(r"^([IVX]{1,5}\.)\s")),
    (2, re.compile(r"^(\(\d{1,2}\))\s")),
    (3, re.compile(r"^(\d{1,2}\.)\s(?!\d)")),
    (4, re.compile(r"^(\d{1,2}\.\d{1,2})\.?\s+(?=[A-Z])")),
    (3, re.compile(r"^(--|——)(?=\S)")),
]
MARKERS = {"zh": _ZH_MARKERS, "en": _EN_MARKERS}
_DOC_NUMBER = re.compile(
    r"^(?P<agency>\S(?:.{0,38}\S)?)\s*[〔\[［(（](?P<year>(?:19|20)\d\d)[〕\]］)）]\s*(?:No\.\s*)?(?P<sequence>\d{1,5})\s*号?$")
_TERMINAL = re.compile(r"[。！？；：:.!?;,，]$|[。.!?][\"”’']$")
TERMINAL = _TERMINAL
_TABLE_ROW = re.compile(r"\|")
# A section number on a line of its own, its heading on the next line (magazine style: 01 / 谁在入行).
_NUMBER_ALONE = re.compile(r"^0\d$|^\d$")
# Marker-led lines longer than this are paragraphs that happen to start with a number.
_MAX_HEADING = {"zh": 60, "en": 200}
# A line this long is a paragraph, even when machine translation left it without a full stop (characters;
# Chinese says in 60 what English says in 80 or more).
_PARAGRAPH = {"zh": 60, "en": 80}
# A run-in heading is a short phrase: at most this many characters (Chinese) or words (English).
_MAX_PHRASE = {"zh": 25, "en": 12}
_ITEM_END = re.compile(r"[；;，,、]\s*$")
_LABELLED = re.compile(r"^[^：:]{1,8}[：:]\s*\S")  # a label and its value: 时间：6月10日
_QA_LABEL = re.compile(r"^" + lexicon.alternation(lexicon.QA_LABELS) + r"\s*[：:]$")  # Question: alone on its line
_PHRASE_PUNCTUATION = re.compile(r"[，,；;：:]")
_ZH_SENTENCE_END = re.compile(r"[。！？!?]")
_EN_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_ZH_SENTENCE_WORDS = frozenset(lexicon.ZH_SENTENCE_WORDS)
_EN_SENTENCE_WORDS = re.compile(r"\b(?:" + "|".join(lexicon.EN_SENTENCE_WORDS) + r")\b", re.IGNORECASE)


class Block(NamedTuple):
    kind: str  # title | heading | paragraph | table_row | doc_number | number (a heading's number on its own line)
    line: object  # the Line
    level: int  # heading level (0 = title), 0 otherwise
    number: str  # the marker as printed (一、, (1), I.) or ""
    heading: str  # heading text without its marker
    start: int = 0  # the part of the line this block covers: line.text[start:end]
    end: int = -1


def is_doc_number(text: str) -> bool:
    """A document number line: 国知发运函字〔2020〕37号, Su Zhi Fa [2022] No. 15."""
    return _DOC_NUMBER.match(text) is not None


def parse_doc_number(text):
    """{'agency', 'year', 'sequence'} of a document number, or None: 人社厅发〔2022〕27号 -> 人社厅发, 2022, 27."""
    m = _DOC_NUMBER.match(text.strip()) if text else None
    if not m:
        return None
    return {"agency": m["agency"].strip(), "year": int(m["year"]), "sequence": int(m["sequence"])}


def numbered_heading_marker(text, lang):
    """(level, marker) when the line opens with a heading marker of its language, else None."""
    for level, pattern in MARKERS.get(lang, _EN_MARKERS):
        m = pattern.match(text)
        if m:
            return level, m.group(1)
    return None


def ends_a_sentence(text):
    """True when _TERMINAL matches at the end of the line. A match is at most two characters, and $ also matches
    before a final newline: the last three characters hold any match."""
    return _TERMINAL.search(text[-3:]) is not None


def _first_sentence_end(rest, lang):
    m = (_ZH_SENTENCE_END if lang == "zh" else _EN_SENTENCE_END).search(rest)
    return m.end() if m else None


def is_heading_phrase(phrase, lang):
    """A title, not a sentence: short, no clause punctuation, no digits, none of the words sentences have."""
    size = len(phrase) if lang == "zh" else len(phrase.split())
    return (0 < size <= _MAX_PHRASE.get(lang, 12) and not _PHRASE_PUNCTUATION.search(phrase)
            and not re.search(r"\d", phrase) and not _sentence_words(phrase, lang))


def _numbered(ln, lang):
    """Blocks of a line that opens with a heading marker, or None when the marker opens a plain paragraph."""
    found = numbered_heading_marker(ln.text, lang)
    if found is None:
        return None
    level, marker = found
    text = ln.text
    rest_at = len(text) - len(text[len(marker):].lstrip())
    rest = text[rest_at:]
    if not rest:
        return None
    if _ITEM_END.search(rest) or _LABELLED.match(rest):
        # an item of a list: （一）执业未满3年的专利代理师；  2．地点：无锡人才市场二楼
        return [Block("paragraph", ln, 0, marker, "")]
    end = _first_sentence_end(rest, lang)
    if end is None:  # no sentence in it: a heading (一、总体要求), unless it is long or reads as a sentence
        if len(text) <= _MAX_HEADING[lang] and not (_PHRASE_PUNCTUATION.search(rest) and _sentence_words(rest, lang)):
            return [Block("heading", ln, level, marker, rest.strip())]
        return [Block("paragraph", ln, 0, marker, "")]
    phrase = rest[:end - 1].strip()
    remainder = rest[end:]
    if not remainder.strip():
        # One sentence and nothing after it: a heading when it states no sentence of its own (（一）开展岗前实务
        # 培训。, (4) The construction of think tank, expert pool, and talent pool of IP.).
        # (A Chinese heading with a comma has no full stop: 一、坚持需求导向，服务发展大局.)
        if len(text) <= _MAX_HEADING[lang] and not re.search(r"\d", phrase) and not _sentence_words(phrase, lang) \
                and not (lang == "zh" and _PHRASE_PUNCTUATION.search(phrase)):
            return [Block("heading", ln, level, marker, phrase)]
        return [Block("paragraph", ln, 0, marker, "")]
    if not is_heading_phrase(phrase, lang):
        return [Block("paragraph", ln, 0, marker, "")]  # a numbered sentence: text, its number kept
    after = rest_at + end + (len(remainder) - len(remainder.lstrip()))
    # A run-in heading (（一）加强组织领导。各地要……): the phrase heads what follows on the line.
    return [Block("heading", ln, level, marker, phrase, 0, rest_at + end),
            Block("paragraph", ln, 0, "", "", after, len(text))]


def _short_phrase(text, lang):
    """Short, and no sentence (no final punctuation, no digits)."""
    size = len(text) if lang == "zh" else len(text.split())
    return 0 < size <= _MAX_PHRASE.get(lang, 12) and not ends_a_sentence(text) and not re.search(r"\d", text)


def _sentence_words(text, lang):
    """True when text holds a word of lexicon's sentence words: Chinese ones as whole words of the segmentation."""
    if lang == "zh":
        return not _ZH_SENTENCE_WORDS.isdisjoint(get_tokenizer().words(text))
    return _EN_SENTENCE_WORDS.search(text) is not None


def is_table_row(text):
    """Cells joined by |: a row when a cell is a number, or when the row is ruled at an end (| a | b |)."""
    stripped = text.strip()
    cells = [c.strip() for c in stripped.strip("|").split("|")]
    if not _TABLE_ROW.search(text) or len(cells) < 2:
        return False
    ruled = stripped.startswith("|") or stripped.endswith("|")
    return ruled or any(re.fullmatch(r"[≥≤><]?[\d.,]+%?", c) for c in cells)


def _looks_like_heading(text, following, lang):
    """An unnumbered heading: short, no final punctuation, above a much longer paragraph (not a table: a
    table's caption is text)."""
    if ends_a_sentence(text) or following is None:
        return False
    short = len(text) <= 40 if lang == "zh" else len(text.split()) <= 16
    if not short or is_table_row(following) or len(following) < 2 * len(text):
        return False
    # Above a long paragraph, or above a finished sentence when the line is no label (联系人：张三).
    return len(following) >= _PARAGRAPH.get(lang, 80) or (ends_a_sentence(following) and not _PHRASE_PUNCTUATION.search(text))


def _is_subtitle(blocks):
    """Whether the last block is a subtitle: a dash-led line right under the title (——多地搭建……平台), which
    ends the title block as the title does."""
    return (len(blocks) >= 2 and blocks[-2].kind == "title" and blocks[-1].kind == "paragraph"
            and blocks[-1].line.text.startswith(("——", "--", "—")))


def find_blocks(lines, lang, doc_number=None, titles=(), hints=None):
    """Classify each line of the text (chrome removed); titles: the lines that are the document's title; hints:
    {line number: LineInfo} where the file's format says what a line is (a web page's <h2>, a table row)."""
    blocks = []
    title_numbers = {ln.number for ln in titles}
    hints = hints or {}
    ranks = _heading_ranks(lines, hints, title_numbers)
    for i, ln in enumerate(lines):
        text = ln.text
        following = lines[i + 1].text if i + 1 < len(lines) else None
        hint = hints.get(ln.number)
        kind = hint.kind if hint else None
        # An unnumbered heading follows the title, a heading or a finished sentence, never a list's short line.
        after_break = not blocks or blocks[-1].kind in ("title", "heading", "doc_number", "table_row") \
            or ends_a_sentence(blocks[-1].line.text) or len(blocks[-1].line.text) >= _PARAGRAPH.get(lang, 80) \
            or parse_date(blocks[-1].line.text) is not None or _is_subtitle(blocks)
        if blocks and blocks[-1].kind == "number" and _short_phrase(text, lang):
            blocks.append(Block("heading", ln, 1, blocks[-1].line.text, text))
        elif ln.number in title_numbers:
            blocks.append(Block("title", ln, 0, "", text))
        elif doc_number and text == doc_number or is_doc_number(text):
            blocks.append(Block("doc_number", ln, 0, "", ""))
        elif kind == "table_row" or ("|" in text and kind is None
                                     and (is_table_row(text) or (following is not None and is_table_row(following)))):
            blocks.append(Block("table_row", ln, 0, "", ""))
        elif _NUMBER_ALONE.match(text) and following is not None and _short_phrase(following, lang):
            blocks.append(Block("number", ln, 0, "", ""))  # 01 on its line, its heading under it
        elif kind == "list_item":
            blocks.append(Block("paragraph", ln, 0, "", ""))  # an item of a list is text, never a heading
        elif (numbered := _numbered(ln, lang)) is not None:
            blocks.extend(numbered)
        elif kind == "heading" and ln.number in ranks:
            blocks.append(Block("heading", ln, ranks[ln.number], "", text.rstrip("。.").strip()))
        elif _QA_LABEL.match(text) and following is not None:
            blocks.append(Block("heading", ln, 1, "", text))
        elif after_break and kind in (None, "paragraph", "heading") and _looks_like_heading(text, following, lang):
            blocks.append(Block("heading", ln, 1, "", text))
        else:
            blocks.append(Block("paragraph", ln, 0, "", ""))
    return _titles_before_numbering(_empty_headings_are_items(blocks))


def _heading_ranks(lines, hints, title_numbers):
    """{line number: level} for the lines a format marks as headings of a given level (<h2>, Word's Heading 2),
    ranked among the document's own levels: the highest below the title is level 1."""
    levels = {ln.number: hints[ln.number].level for ln in lines if hints.get(ln.number) and
              hints[ln.number].kind == "heading" and hints[ln.number].level and ln.number not in title_numbers}
    rank = {level: n for n, level in enumerate(sorted(set(levels.values())), start=1)}
    return {number: rank[level] for number, level in levels.items()}


def _empty_headings_are_items(blocks):
    """A numbered heading heads something. One with nothing under it, before a sibling or a higher heading or
    at the end, is an item of a list (1．时间：6月10日 / 2．地点：……; 附件：1．… 2．…): text, its number kept."""
    out = list(blocks)
    for i, b in enumerate(out):
        if b.kind != "heading" or not b.number or b.end != -1:
            continue
        after = next((x for x in out[i + 1:] if x.kind != "number"), None)
        if after is None or (after.kind == "heading" and after.number and after.level <= b.level) \
                or after.kind == "title":
            out[i] = Block("paragraph", b.line, 0, b.number, "")
    return out


def _titles_before_numbering(blocks):
    """A cover notice ends with its date; what it issues starts under it with its own title, above the first
    numbered heading (The 14th Five-Year Plan for Intellectual Property Talents, under the notice that issues
    it). There, an unnumbered heading, or a short line that is no sentence just above that first heading, is a
    title line."""
    first = next((i for i, b in enumerate(blocks) if b.kind == "heading" and b.number), None)
    dated = next((i for i, b in enumerate(blocks[:first or 0]) if b.kind == "paragraph" and b.start == 0
                  and parse_date(b.line.text) is not None), None)
    if first is None or dated is None:
        return blocks
    out = list(blocks)
    for i in range(dated + 1, first):
        b = out[i]
        title_line = b.kind == "heading" and not b.number or (
            i == first - 1 and b.kind == "paragraph" and not b.number and b.start == 0 and _title_line(b.line.text))
        if title_line:
            out[i] = Block("title", b.line, 0, "", b.heading if b.kind == "heading" else b.line.text.strip())
    return out


def _title_line(text):
    return len(text) <= _MAX_HEADING["en"] and not ends_a_sentence(text) and not text.startswith(("(", "（"))
