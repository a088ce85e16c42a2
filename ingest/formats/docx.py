"""Word .docx files: the body's paragraphs and tables in order, with their styles.

python-docx opens the package (parts, relationships, styles, core properties); the body is read from its
XML here, so that text Word keeps outside plain runs is not lost: tracked insertions, hyperlinks (relationship
and HYPERLINK field alike), content controls, smart tags. Deleted text, field codes, headers, footers,
footnotes, comments and text boxes are not the body's text.

- A paragraph whose style is Word's "Heading N" (or a style based on it, or any style with an outline level)
  is a heading with level N; the Title style is a heading whose level the file does not give.
- A paragraph Word numbers or bullets (numbering on the paragraph or its style) is a list item. Word's
  numbers and bullets are drawn by Word, not stored in the text, and they stay out of our text too: a line
  `1. …` would read as a numbered heading.
- A manual line break (Shift+Enter) breaks the line, as <br> does.
- A table gives one `cell | cell |` line per row; a merged cell is written once, in its first column and row.
"""
import io
import re
import zipfile

from lxml import etree

from ..errors import CorpusError
from .model import TextWriter, format_row, join_broken_line, links_in_stripped, remove_invisible

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_w = f"{{{W}}}"

# A .docx is a zip: refuse one whose parts unpack to more than this (a zip bomb), before python-docx reads them.
MAX_UNPACKED_BYTES = 200_000_000
_HEADING_STYLE = re.compile(r"^heading\s*([1-9])$", re.I)
_HEX = re.compile(r"[0-9A-Fa-f]{1,5}")
_FIELD_HYPERLINK = re.compile(r'HYPERLINK\s+(?:\\[a-z]\s+)*"([^"]+)"(?:\s+\\l\s+"([^"]+)")?', re.I)


def read_docx(data: bytes, path):
    """A Word document as a TextModel."""
    import docx  # python-docx, imported only when a .docx is read
    from docx.opc.exceptions import PackageNotFoundError

    _check_unpacked_size(data, path)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile, etree.XMLSyntaxError) as e:
        raise CorpusError(path, f"cannot open the Word document: {e}") from None
    reader = _Reader(document)
    out = TextWriter()
    body = document.element.body
    reader.read_body(body, out)
    if out.empty:
        raise CorpusError(path, "the Word document has no text in its body")
    meta = {}
    title = (document.core_properties.title or "").strip()
    if title:
        meta["title"] = title
    return out.model("docx", meta)


def _check_unpacked_size(data, path):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(info.file_size for info in z.infolist())
    except (zipfile.BadZipFile, ValueError, OSError) as e:
        raise CorpusError(path, f"a broken zip archive (a damaged .docx?): {e}") from None
    if total > MAX_UNPACKED_BYTES:
        raise CorpusError(path, f"the .docx unpacks to {total / 1e6:.0f} MB (the limit is "
                                f"{MAX_UNPACKED_BYTES / 1e6:.0f} MB)")


class _Reader:
    def __init__(self, document):
        self.part = document.part
        self.styles = {}  # styleId -> (name, basedOn id, outline level or None, has numbering)
        styles_el = document.styles.element
        for st in styles_el.iter(f"{_w}style"):
            sid = st.get(f"{_w}styleId")
            name_el = st.find(f"{_w}name")
            based = st.find(f"{_w}basedOn")
            ppr = st.find(f"{_w}pPr")
            self.styles[sid] = (
                (name_el.get(f"{_w}val") if name_el is not None else sid or "").strip(),
                based.get(f"{_w}val") if based is not None else None,
                _outline_level(ppr),
                _num_id(ppr),
            )
        self.default_paragraph_style = next(
            (st.get(f"{_w}styleId") for st in styles_el.iter(f"{_w}style")
             if st.get(f"{_w}type") == "paragraph" and st.get(f"{_w}default") in ("1", "true", "on")), None)

    # -- styles ------------------------------------------------------------------------------------------------
    def _style_chain(self, sid):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid][1]

    def classify(self, p):
        """(kind, level) of a paragraph from its style and numbering."""
        ppr = p.find(f"{_w}pPr")
        style_el = ppr.find(f"{_w}pStyle") if ppr is not None else None
        sid = style_el.get(f"{_w}val") if style_el is not None else self.default_paragraph_style
        chain = list(self._style_chain(sid))
        for name, _based, _outline, _num in chain:
            # styles.xml names built-in styles in lower case ("heading 1"), whatever Word's language.
            m = _HEADING_STYLE.match(name)
            if m:
                return "heading", int(m.group(1))
            if name.lower() in ("title",):
                return "heading", None
        outline = _outline_level(ppr)
        if outline is None:
            outline = next((o for _n, _b, o, _num in chain if o is not None), None)
        if outline is not None and outline < 9:  # 9 is Word's "body text" level
            return "heading", outline + 1
        num = _num_id(ppr)
        if num is None:
            num = next((n for _n, _b, _o, n in chain if n is not None), None)
        if num:  # numId 0 switches numbering off
            return "list_item", None
        return "paragraph", None

    # -- body -------------------------------------------------------------------------------------------------
    def read_body(self, body, out):
        for el in self._blocks(body):
            if el.tag == f"{_w}p":
                kind, level = self.classify(el)
                first = True
                for text, links in self.paragraph_lines(el):
                    out.add_line(text, kind, level, None, links, new_block=first)
                    first = False
            else:
                first = True
                for cells in self.table_rows(el):
                    if any(text for text, _ in cells):
                        line = format_row([text for text, _ in cells])
                        links, pos = [], 0
                        for text, cell_links in cells:
                            cell = text.replace("|", "｜")
                            at = line.find(cell, pos) if cell else pos
                            links.extend((at + a, at + b, href) for a, b, href in cell_links)
                            pos = at + len(cell)
                        out.add_line(line, "table_row", None, None, links, new_block=first)
                        first = False

    def _blocks(self, parent):
        """Paragraphs and tables in order, looking inside content controls and custom XML."""
        for child in parent:
            if child.tag in (f"{_w}p", f"{_w}tbl"):
                yield child
            elif child.tag in (f"{_w}sdt", f"{_w}customXml"):
                content = child.find(f"{_w}sdtContent") if child.tag == f"{_w}sdt" else child
                if content is not None:
                    yield from self._blocks(content)

    def table_rows(self, tbl):
        """Rows of (text, links) cells; a vertically merged cell is empty in the rows it reaches into."""
        for tr in tbl.iter(f"{_w}tr"):
            if _nearest(tr, f"{_w}tbl") is not tbl:
                continue
            cells = []
            for tc in _row_cells(tr):
                tcpr = tc.find(f"{_w}tcPr")
                vmerge = tcpr.find(f"{_w}vMerge") if tcpr is not None else None
                if vmerge is not None and vmerge.get(f"{_w}val") in (None, "continue"):
                    cells.append(("", []))
                    continue
                text, links = "", []
                for block in self._blocks(tc):
                    if block.tag == f"{_w}tbl":  # a table inside a cell: its text, row after row
                        parts = [t for row in self.table_rows(block) for t, _ in row if t]
                        text = join_broken_line(text, " ".join(parts)) if parts else text
                        continue
                    for line, line_links in self.paragraph_lines(block):
                        joined = join_broken_line(text, line)
                        offset = len(joined) - len(line)
                        links.extend((offset + a, offset + b, href) for a, b, href in line_links)
                        text = joined
                cells.append((text, links))
                span = tcpr.find(f"{_w}gridSpan") if tcpr is not None else None
                span_value = span.get(f"{_w}val", "") if span is not None else ""
                if span_value.isdigit():
                    cells.extend([("", [])] * (min(int(span_value), 64) - 1))
            yield cells

    def paragraph_lines(self, p):
        """The paragraph's lines (split at manual line breaks) as (text, links), white space at their ends
        stripped. Links are (start, end, href) in the line."""
        pieces = []  # (text, href or None); "\n" for a line break
        field = []  # open complex fields: [instruction, href or None, in result part]
        self._runs(p, pieces, None, field)
        lines, current = [], []
        for text, href in pieces:
            if text == "\n":
                lines.append(current)
                current = []
            else:
                current.append((text, href))
        lines.append(current)
        result = []
        for line in lines:
            raw, spans = "", []
            for text, href in line:
                text = remove_invisible(text.replace("\t", " "))
                if href and spans and spans[-1][2] == href and spans[-1][1] == len(raw):
                    spans[-1][1] += len(text)
                elif href:
                    spans.append([len(raw), len(raw) + len(text), href])
                raw += text
            stripped = raw.strip()
            if stripped:
                result.append((stripped, links_in_stripped(spans, len(raw) - len(raw.lstrip()), stripped)))
        return result

    def _runs(self, el, pieces, href, field):
        for child in el:
            tag = child.tag
            if tag == f"{_w}r":
                self._run(child, pieces, href, field)
            elif tag == f"{_w}hyperlink":
                target = self._hyperlink_target(child)
                self._runs(child, pieces, target or href, field)
            elif tag in (f"{_w}ins", f"{_w}smartTag", f"{_w}customXml", f"{_w}fldSimple", f"{_w}dir",
                         f"{_w}bdo"):
                target = href
                if tag == f"{_w}fldSimple":
                    m = _FIELD_HYPERLINK.search(child.get(f"{_w}instr") or "")
                    target = _field_target(m) or href
                self._runs(child, pieces, target, field)
            elif tag == f"{_w}sdt":
                content = child.find(f"{_w}sdtContent")
                if content is not None:
                    self._runs(content, pieces, href, field)
            # w:del (deleted text), w:pPr, bookmarks, proofing marks, comments: no text of the body

    def _run(self, r, pieces, href, field):
        link = href or next((f[1] for f in reversed(field) if f[2] and f[1]), None)
        for child in r:
            tag = child.tag
            if tag == f"{_w}t":
                if not any(f[2] is False for f in field):  # text of a field's code part is not shown
                    pieces.append((child.text or "", link))
            elif tag == f"{_w}fldChar":
                kind = child.get(f"{_w}fldCharType")
                if kind == "begin":
                    field.append(["", None, False])
                elif kind == "separate" and field:
                    m = _FIELD_HYPERLINK.search(field[-1][0])
                    field[-1][1] = _field_target(m)
                    field[-1][2] = True
                elif kind == "end" and field:
                    field.pop()
                link = href or next((f[1] for f in reversed(field) if f[2] and f[1]), None)
            elif tag == f"{_w}instrText":
                if field:
                    field[-1][0] += child.text or ""
            elif tag in (f"{_w}br", f"{_w}cr"):
                if child.get(f"{_w}type") not in ("page", "column"):
                    pieces.append(("\n", None))
            elif tag == f"{_w}tab":
                pieces.append(("\t", link))
            elif tag == f"{_w}noBreakHyphen":
                pieces.append(("-", link))
            elif tag == f"{_w}sym":
                char = child.get(f"{_w}char") or ""
                # Symbol-font characters sit in the private use area (F0xx): their glyphs have no text.
                if _HEX.fullmatch(char) and not 0xF000 <= int(char, 16) <= 0xF0FF:
                    pieces.append((chr(int(char, 16)), link))

    def _hyperlink_target(self, h):
        rid = h.get(f"{{{R}}}id")
        anchor = h.get(f"{_w}anchor")
        if rid:
            rel = self.part.rels.get(rid)
            if rel is not None and rel.is_external:
                return rel.target_ref + (f"#{anchor}" if anchor else "")
        if anchor:
            return f"#{anchor}"
        return None


def _field_target(m):
    if not m:
        return None
    return m.group(1) + (f"#{m.group(2)}" if m.group(2) else "")


def _outline_level(ppr):
    el = ppr.find(f"{_w}outlineLvl") if ppr is not None else None
    if el is None:
        return None
    try:
        return int(el.get(f"{_w}val"))
    except (TypeError, ValueError):
        return None


def _num_id(ppr):
    num = ppr.find(f"{_w}numPr") if ppr is not None else None
    if num is None:
        return None
    nid = num.find(f"{_w}numId")
    try:
        return int(nid.get(f"{_w}val")) if nid is not None else None
    except (TypeError, ValueError):
        return None


def _nearest(el, tag):
    el = el.getparent()
    while el is not None and el.tag != tag:
        el = el.getparent()
    return el


def _row_cells(tr):
    for child in tr:
        if child.tag == f"{_w}tc":
            yield child
        elif child.tag in (f"{_w}sdt", f"{_w}customXml"):
            content = child.find(f"{_w}sdtContent") if child.tag == f"{_w}sdt" else child
            if content is not None:
                yield from (c for c in content if c.tag == f"{_w}tc")
