"""PDF files: the text of each page in reading order, lines joined into paragraphs, tables as rows.

pdfplumber opens the file and finds ruled tables; pdfminer.six's layout analysis (which pdfplumber runs)
groups characters into lines and orders text boxes by geometry, so two columns are read one after the other
even when the file draws them row by row. The rest is ours:

- Page furniture goes: a line in the top or bottom eighth of a page that repeats on other pages (digits
  aside), or that is a page number (`- 3 -`, `Page 3`, `第3页`), or that is set smaller than the body text
  and lies beyond all body text of the document (a one-page newsletter's masthead and footer).
- Lines become paragraphs where the layout says they continue: the same type size and weight, the line
  before runs to the right edge of its column (the next line's first word would not have fitted on it), no
  indent where the line before had none, no wider gap than between the lines of a paragraph. A paragraph
  continues into the next column and onto the next page.
- Joining lines: nothing between Chinese characters; an English word hyphenated at the line end is joined
  when it was split (`gradu-` `ates`), and keeps its hyphen when the break fell on a hyphen of its own
  (`full-` `time`): the document's own spelling decides, then an English word list.
- A ruled table gives one `cell | cell |` line per row, where its first line stood in reading order.
- A paragraph set in a heading type (larger or bold, unlike the body text), of at most three lines and not
  ending like a sentence, is a heading; its level is not in the file (None).
"""
import functools
import io
import re
from collections import Counter
from statistics import median
from typing import NamedTuple

from ..errors import CorpusError
from .model import TextWriter, format_row, is_wide, join_broken_line, remove_invisible

# Layout analysis as pdfminer.six defaults, plus text inside form XObjects (some producers put whole pages
# or their headers there).
LAPARAMS = {"all_texts": True}
_BAND = 0.125  # top and bottom eighth of the page: where running headers, footers and page numbers stand
_PAGE_NUMBER = re.compile(
    r"^(?:[-–—]\s*\d{1,4}\s*[-–—]|\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?|\d{1,4}\s*/\s*\d{1,4}|"
    r"第\s*\d{1,4}\s*页(?:\s*[，,/]?\s*共\s*\d{1,4}\s*页)?|[-–—]?\s*[ivxlc]{1,6}\s*[-–—]?)$")
_BOLD = re.compile(r"bold|black|heavy|demi|semibold|hei", re.I)
_SENTENCE_END = re.compile(r"[。！？；：.!?;:，,]$|[。.!?][\"”’')）]$")
_HEADING_MAX_LINES = 3
_HEADING_MAX_CHARS = 120
_LIST_MARKER = re.compile(r"^(?:\d{1,2}[.．、)]|\(\d{1,2}\)|[（(][一二三四五六七八九十]+[）)]|[•·▪●○◆■-])\s*")
_WORD_CHAR = re.compile(r"[A-Za-z]")


class _Line(NamedTuple):
    page: int
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the size most of its characters are set in
    bold: bool  # most of its characters are bold
    first_bold: bool
    last_bold: bool
    first_word_width: float  # how much room the line's first word (or first Chinese character) takes
    space_width: float
    box: int  # pdfminer's text box (page-wide counter): lines of one box were grouped by the layout analysis


class _Table(NamedTuple):
    page: int
    rows: list


def read_pdf(data: bytes, path):
    """A PDF file as a TextModel."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError
    from pdfplumber.utils.exceptions import PdfminerException

    # Every PDF ends with %%EOF (after an incremental update too). A file without it was cut off, by a download
    # or a copy: pdfminer would often read its first pages and say nothing.
    if b"%%EOF" not in data[-1024:]:
        raise CorpusError(path, "the PDF is truncated: it does not end with the %%EOF marker")
    try:
        pdf = pdfplumber.open(io.BytesIO(data), laparams=LAPARAMS)
    except PdfminerException as e:
        raise CorpusError(path, _why_unreadable(e.args[0] if e.args else e)) from None
    except (PDFPasswordIncorrect, PDFEncryptionError) as e:
        raise CorpusError(path, _why_unreadable(e)) from None
    except Exception as e:  # pdfminer meets malformed files with every kind of error; name the file instead
        raise CorpusError(path, f"cannot read the PDF ({type(e).__name__}: {e})") from None
    with pdf:
        try:
            items, heights = _read_pages(pdf)
            title = _title(pdf.metadata)
        except PdfminerException as e:
            raise CorpusError(path, _why_unreadable(e.args[0] if e.args else e)) from None
        except RecursionError:
            raise CorpusError(path, "cannot read the PDF: its objects nest too deeply (a broken or hostile file)") from None
        except Exception as e:  # see above: a broken page stream can fail anywhere inside pdfminer
            raise CorpusError(path, f"cannot read the PDF ({type(e).__name__}: {e})") from None
    out = TextWriter()
    _write(_drop_furniture(items, heights), out)
    if out.empty:
        raise CorpusError(path, "the PDF has no text layer (a scanned document? OCR is not done)")
    return out.model("pdf", {"title": title} if title else {})


def _why_unreadable(e):
    name = type(e).__name__
    if "Password" in name or "Encrypt" in name:
        return "the PDF is encrypted and cannot be opened without its password"
    return f"cannot read the PDF, it is damaged or not a PDF ({name}: {e})"


def _title(metadata):
    title = metadata.get("Title") if metadata else None
    if isinstance(title, bytes):
        title = title.decode("utf-16") if title[:2] in (b"\xfe\xff", b"\xff\xfe") else title.decode("latin-1")
    if not isinstance(title, str):
        return None
    title = re.sub(r"^Microsoft (?:Word|PowerPoint|Excel) - ", "", remove_invisible(title).strip())
    # Producers often store the source file's name: that is not the document's title.
    if not title or re.search(r"\.(?:docx?|wps|pdf|xlsx?|txt|rtf)$", title, re.I) or title.lower() == "untitled":
        return None
    return title


# -- reading pages -------------------------------------------------------------------------------------------

def _read_pages(pdf):
    """All lines and tables of the document in reading order, and each page's height."""
    from pdfminer.layout import LTFigure, LTTextBox, LTTextLine

    items, heights, box_counter = [], {}, 0
    for number, page in enumerate(pdf.pages, start=1):
        heights[number] = float(page.height)
        tables = [t for t in page.find_tables() if len(t.rows) >= 2]
        table_boxes = [t.bbox for t in tables]
        placed = set()
        page_items = []

        def boxes(container):
            for obj in container:
                if isinstance(obj, LTTextBox):
                    yield obj
                elif isinstance(obj, LTFigure):
                    yield from boxes(obj)

        for box in boxes(page.layout):
            box_counter += 1
            for ln in box:
                if not isinstance(ln, LTTextLine):
                    continue
                line = _make_line(ln, number, page.height, box_counter)
                if line is None:
                    continue
                inside = _table_at(line, table_boxes)
                if inside is None:
                    page_items.append(line)
                elif inside not in placed:  # the table stands where its first line would have been read
                    placed.add(inside)
                    page_items.append(_Table(number, tables[inside].extract()))
        for i, table in enumerate(tables):
            if i not in placed:
                page_items.append(_Table(number, table.extract()))
        items.extend(page_items)
        page.close()
    return items, heights


def _table_at(line, table_boxes):
    cx, cy = (line.x0 + line.x1) / 2, (line.top + line.bottom) / 2
    for i, (x0, top, x1, bottom) in enumerate(table_boxes):
        if x0 <= cx <= x1 and top <= cy <= bottom:
            return i
    return None


def _make_line(ln, page_number, page_height, box):
    """A pdfminer text line as a _Line: its characters in order (a character printed twice over itself, the
    way some producers fake bold type, counted once), spaces where the file has them or where a gap between
    two non-Chinese characters is a word space."""
    from pdfminer.layout import LTChar

    chars = [c for c in ln if isinstance(c, LTChar)]
    if not chars:
        return None
    kept = []
    for c in chars:
        if kept and c.get_text() == kept[-1].get_text() and abs(c.x0 - kept[-1].x0) < 0.3 * max(c.width, 1) \
                and abs(c.y0 - kept[-1].y0) < 0.3 * max(c.height, 1):
            continue
        kept.append(c)
    has_spaces = any(c.get_text().isspace() for c in kept)
    out = []
    previous = None
    for c in kept:
        t = remove_invisible(c.get_text())
        if not t:
            continue
        if t.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            previous = c
            continue
        if previous is not None and not has_spaces and out and out[-1] != " ":
            gap = c.x0 - previous.x1
            if gap > 0.3 * c.size and not (is_wide(out[-1][-1]) or is_wide(t[0])):
                out.append(" ")
        out.append(t)
        previous = c
    text = "".join(out).strip()
    if not text:
        return None
    printed = [c for c in kept if not c.get_text().isspace()]
    sizes = Counter(round(c.size * 2) / 2 for c in printed)
    bold = [bool(_BOLD.search(_font_name(c))) for c in printed]
    first_word = _first_word_width(printed)
    spaces = [c.width for c in kept if c.get_text() == " "]
    return _Line(
        page=page_number, text=text, x0=ln.x0, x1=ln.x1, top=page_height - ln.y1, bottom=page_height - ln.y0,
        size=sizes.most_common(1)[0][0], bold=sum(bold) * 2 > len(bold), first_bold=bold[0], last_bold=bold[-1],
        first_word_width=first_word, space_width=spaces[0] if spaces else 0.25 * printed[0].size, box=box)


def _font_name(c):
    return c.fontname.split("+", 1)[-1]


def _first_word_width(chars):
    first = chars[0]
    if is_wide(first.get_text()[:1] or " "):
        return first.x1 - first.x0
    end = first.x1
    for c in chars[1:]:
        if c.get_text().isspace() or is_wide(c.get_text()[:1] or " ") or c.x0 - end > 0.3 * c.size:
            break
        end = c.x1
    return end - first.x0


# -- page furniture --------------------------------------------------------------------------------------------

def _drop_furniture(items, heights):
    """Leave out running headers and footers, page numbers, and small print beyond the body text."""
    lines = [it for it in items if isinstance(it, _Line)]
    if not lines:
        return items
    weights = Counter()
    for ln in lines:
        weights[ln.size] += len(ln.text)
    body_size = weights.most_common(1)[0][0]
    body = [ln for ln in lines if ln.size == body_size]
    body_top, body_bottom = min(ln.top for ln in body), max(ln.bottom for ln in body)

    def in_band(ln):
        h = heights[ln.page]
        return ln.bottom <= h * _BAND or ln.top >= h * (1 - _BAND)

    def key(ln):
        return re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text))

    pages = len(heights)
    seen = {}  # text (digits aside) -> [(page, top)] of its lines in the bands
    for ln in lines:
        if in_band(ln):
            seen.setdefault(key(ln), []).append((ln.page, ln.top))

    def repeated(ln):
        """Printed in the same place on at least two pages and on half of them: a running header or footer."""
        on = {page for page, top in seen.get(key(ln), ()) if abs(top - ln.top) <= 2}
        return len(on) >= 2 and len(on) * 2 >= pages

    kept = []
    for it in items:
        if isinstance(it, _Line) and in_band(it):
            if repeated(it) or _PAGE_NUMBER.match(it.text):
                continue
            if it.size < body_size - 0.25 and (it.bottom <= body_top or it.top >= body_bottom):
                continue
        kept.append(it)
    return kept


# -- paragraphs ------------------------------------------------------------------------------------------------

def _write(items, out):
    lines = [it for it in items if isinstance(it, _Line)]
    if not lines:
        for it in items:
            _write_table(it, out)
        return
    weights = Counter()
    for ln in lines:
        weights[(ln.size, ln.bold)] += len(ln.text)
    body_size, body_bold = weights.most_common(1)[0][0]
    pitch = _line_pitches(lines)
    frames = _frames(lines)
    vocabulary = _vocabulary(lines)
    paragraph = []
    for i, it in enumerate(items):
        if isinstance(it, _Table):
            _flush(paragraph, out, body_size, body_bold, vocabulary)
            paragraph = []
            _write_table(it, out)
            continue
        if paragraph and _continues(paragraph, it, frames, pitch, body_size):
            paragraph.append(it)
        else:
            _flush(paragraph, out, body_size, body_bold, vocabulary)
            paragraph = [it]
    _flush(paragraph, out, body_size, body_bold, vocabulary)


def _line_pitches(lines):
    """The usual distance from one line's top to the next's, per type size, within paragraphs' columns."""
    deltas = {}
    for a, b in zip(lines, lines[1:]):
        if a.page == b.page and a.size == b.size and _overlap(a, b) and 0 < b.top - a.top < 4 * a.size:
            deltas.setdefault(a.size, []).append(b.top - a.top)
    return {size: median(ds) for size, ds in deltas.items()}


def _overlap(a, b):
    return min(a.x1, b.x1) - max(a.x0, b.x0) > 0


def _frames(lines):
    """For each line, the left and right edges of the column it stands in: the extremes of the lines of the
    same size near it in reading order (and in its layout box) that share its column; for a line with no
    such neighbour on its page, of all lines of its size in the document that share its column."""
    by_size, boxes = {}, {}
    for ln in lines:
        by_size.setdefault(ln.size, []).append(ln)
        boxes.setdefault(ln.box, []).append(ln)
    frames = {}
    for i, ln in enumerate(lines):
        near = [o for o in lines[max(0, i - 6): i + 7]
                if o.page == ln.page and o.size == ln.size and _overlap(o, ln)] + boxes[ln.box]
        if all(o is ln for o in near):
            near = [o for o in by_size[ln.size] if _overlap(o, ln)]
        frames[id(ln)] = (min(o.x0 for o in near), max(o.x1 for o in near))
    return frames


def _continues(paragraph, b, frames, pitch, body_size):
    """Whether line b goes on with the paragraph whose last line is a."""
    a = paragraph[-1]
    if abs(a.size - b.size) > 0.5 or a.last_bold != b.first_bold:
        return False
    left_a, right_a = frames[id(a)]
    left_b, _ = frames[id(b)]
    if b.page == a.page and abs(b.top - a.top) <= 0.25 * a.size and b.x0 >= a.x1 - 0.5 and b.x1 <= right_a + 0.5:
        return True  # the rest of the same printed line, which the layout analysis cut at a wide justified gap
    display = a.size > body_size + 0.5  # a title set larger than the text: its lines are centred, not filled
    if not display:
        # The line before ended early: the next line's first word would have fitted on it.
        room = a.space_width if not (is_wide(a.text[-1]) or is_wide(b.text[0])) else 0
        if a.x1 + room + b.first_word_width <= right_a + 0.5:
            return False
        indent_a, indent_b = a.x0 - left_a, b.x0 - left_b
        if indent_b > indent_a + 0.5 * a.size:
            hanging = len(paragraph) == 1 and _LIST_MARKER.match(a.text) and indent_b <= indent_a + 4 * a.size
            if not hanging:
                return False
    if b.page == a.page and b.top > a.top and (_overlap(a, b) or display):
        usual = pitch.get(a.size)
        if usual and b.top - a.top > 1.2 * usual:
            return False
    elif display:
        return False  # a title does not go on in another column or on another page
    return True


def _flush(paragraph, out, body_size, body_bold, vocabulary):
    if not paragraph:
        return
    text = paragraph[0].text
    for a, b in zip(paragraph, paragraph[1:]):
        text = _join(text, b.text, vocabulary)
    chars = sum(len(ln.text) for ln in paragraph)
    bold = sum(len(ln.text) for ln in paragraph if ln.bold) * 2 > chars
    size = max(Counter({ln.size: len(ln.text) for ln in paragraph}).items(), key=lambda kv: kv[1])[0]
    heading_type = size > body_size + 0.5 or (bold and not body_bold)
    is_heading = (heading_type and len(paragraph) <= _HEADING_MAX_LINES and len(text) <= _HEADING_MAX_CHARS
                  and not _SENTENCE_END.search(text))
    out.add_line(text, "heading" if is_heading else "paragraph", None, paragraph[0].page)


def _write_table(table, out):
    first = True
    for row in table.rows:
        cells = [_cell_text(c) for c in row]
        if any(cells):
            out.add_line(format_row(cells), "table_row", None, table.page, new_block=first)
            first = False


def _cell_text(cell):
    if not cell:
        return ""
    text = ""
    for part in remove_invisible(cell).split("\n"):
        part = " ".join(part.split())
        if part:
            text = join_broken_line(text, part) if text else part
    return text


# -- joining lines -------------------------------------------------------------------------------------------

def _vocabulary(lines):
    """Every word the document prints within a line, hyphenated compounds included, in lower case."""
    words = set()
    for ln in lines:
        for w in re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", ln.text):
            words.add(w.lower())
            words.update(w.lower().split("-"))
    return words


def _join(left, right, vocabulary):
    """Join a paragraph's text with its next line."""
    if left.endswith("\u00ad"):
        return left[:-1] + right
    if left.endswith("-") and len(left) > 1 and right:
        before = re.search(r"([A-Za-z]+)-$", left)
        after = re.match(r"[a-z]+", right)
        if before and after and not is_wide(right[0]):
            if _was_split(before.group(1), after.group(0), vocabulary):
                return left[:-1] + right
        return left + right  # a hyphen of its own (full-time, 2020-2025): no space either
    return join_broken_line(left, right)


def _was_split(head, tail, vocabulary):
    """True when `head-` + `tail` at a line end is one word hyphenated by the typesetter."""
    solid, hyphened = (head + tail).lower(), f"{head}-{tail}".lower()
    if hyphened in vocabulary:
        return False
    if solid in vocabulary:
        return True
    words = _english_words()
    if solid in words:
        return True
    return not (head.lower() in words and tail.lower() in words)


@functools.cache
def _english_words():
    """An English word list with inflected forms (pyspellchecker's frequency list, 160,000 words), loaded the
    first time a PDF has a word hyphenated at a line end."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)
