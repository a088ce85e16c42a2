"""Saved web pages: the article's text found by the page's structure, its blocks as lines.

The page is decoded (a byte-order mark, else the charset its <meta> declares, else UTF-8, else GB18030) and
parsed by lxml. What a page holds besides its article is left out by structure, not by wording: script,
style, nav, header, footer, aside and form controls are dropped; so are hidden elements and short or
link-heavy boxes whose class or id names them as furniture (share bars, related links, adverts). The article
is the element whose own paragraphs hold the most text that is not link text, the way readability-style
extractors find it; the title is the page's <h1>, or where there is none the block that prints the <title>.
Then every block element is a line (a <br> breaks a line), a data table gives one `cell | cell |` line per
row, and a layout table (one column, nested tables, cells of prose) is read as the blocks it holds.
"""
import codecs
import html as htmllib
import re
from datetime import date

import lxml.html
from lxml import etree

from ..errors import CorpusError
from .model import TextWriter, format_row, is_wide, links_in_stripped, remove_invisible

# Elements whose content is never the document's text.
_DROP = frozenset({
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "head", "title", "meta",
    "link", "base", "iframe", "frame", "frameset", "noframes", "object", "embed", "applet", "audio", "video",
    "canvas", "svg", "map", "select", "option", "button", "textarea", "input", "dialog",
})
_BLOCK = frozenset({
    "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "dir", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "legend",
    "li", "main", "menu", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead",
    "tr", "ul",
})
# Elements that hold paragraphs: a paragraph's text counts for the nearest one of these above it.
_CONTAINER = frozenset({"div", "td", "th", "article", "section", "main", "body", "blockquote", "center", "form"})
_HEADING = {f"h{n}": n for n in range(1, 7)}

# Class and id words of page furniture. A box so named is dropped only when it is short or mostly links, so
# that an article container with an unlucky name keeps its text.
_FURNITURE_WORDS = frozenset({
    "share", "sharing", "social", "related", "recommend", "recommended", "comment", "comments", "advert",
    "advertisement", "ad", "ads", "adv", "banner", "sidebar", "breadcrumb", "breadcrumbs", "crumb", "crumbs",
    "pagination", "pager", "qrcode", "print", "toolbar", "copyright", "sitemap", "topbar", "navbar", "menu",
})
_FURNITURE_MAX_CHARS = 200
_WORDS_IN_NAME = re.compile(r"[\s_\-]+|(?<=[a-z0-9])(?=[A-Z])")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

# White space that HTML collapses; U+3000 is text (Chinese indentation) and is only stripped at line ends.
_SPACE_RUN = re.compile(r"[ \t\n\r\f\xa0]+")
# Entities escaped twice by a CMS (`&amp;nbsp;` arrives as the text `&nbsp;`).
_LEFTOVER_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|ldquo|rdquo|lsquo|rsquo|mdash|ndash|hellip|middot|quot|amp|lt|gt|"
                              r"copy|reg|times|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_NOT_LINKS = re.compile(r"^\s*(#|javascript:|$)", re.I)

# Character sets: what the page declares in its first bytes.
_META_CHARSET = re.compile(rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([A-Za-z0-9_:.\-]+)", re.I)
_ENCODING_ALIASES = {
    # GB2312 and GBK pages routinely hold characters outside those sets; GB18030 is their superset.
    "gb2312": "gb18030", "gbk": "gb18030", "gb_2312-80": "gb18030", "x-gbk": "gb18030", "cp936": "gb18030",
    "euc-cn": "gb18030", "big5": "big5hkscs", "iso-8859-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
    "us-ascii": "cp1252",
}
# Publication dates in <meta>, most specific first (names compared in lower case).
_DATE_META = ("article:published_time", "publishdate", "pubdate", "publish_date", "publication_date",
              "datepublished", "og:published_time", "dc.date.issued", "dcterms.issued", "firstpublishedtime",
              "dc.date", "date")
_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")
_DATE_COMPACT = re.compile(r"^((?:19|20)\d{2})(\d{2})(\d{2})")
_DATELINE = re.compile(r"(?<!成文)(?:发布时间|发布日期|发文日期|日期|时间|Published|Release Date|Date)\s*[:：]\s*"
                       r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})", re.I)
_DATELINE_WORD = re.compile(r"发布|日期|时间|Published|Release|Date", re.I)
_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_TITLE_SEPARATORS = re.compile(r"\s*(?:_|\||｜|\s-\s|-|–|—)\s*")


def read_html(data: bytes, path):
    """A saved web page as a TextModel."""
    text = _decode(data, path)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=_PARSER)
    except (etree.ParserError, ValueError) as e:
        raise CorpusError(path, f"cannot parse the page as HTML: {e}") from None
    body = root.find("body")
    if body is None:
        body = root
    meta = _read_meta(root)
    title_el = _find_title(body, _title_candidates(meta))
    title_text = _collapse(_text_of(title_el)) if title_el is not None else ""
    datelines = _find_datelines(body) if "date" not in meta else []
    _prune(body)
    main = _find_main(body)
    out = TextWriter()
    if title_text and not _is_inside(title_el, main):
        out.add_line(title_text, "heading", _HEADING.get(title_el.tag))
    try:
        _write_blocks(main, out, title_el)
    except RecursionError:
        raise CorpusError(path, "the page nests its elements too deeply to read (hundreds of levels)") from None
    if out.empty:
        raise CorpusError(path, "the page has no text (nothing outside scripts, menus and page furniture)")
    # A dateline inside the article is the article's own text (an event's date), not the page's.
    date_found = meta.get("date") or next((iso for el, iso in datelines if not _is_inside(el, main)), None)
    result = {}
    if meta.get("title") or title_text:
        result["title"] = meta.get("title") or title_text
    if date_found:
        result["publication_date"] = date_found
    if meta.get("canonical"):
        result["canonical_url"] = meta["canonical"]
    return out.model("html", result)


# The parser is told the encoding (the bytes are re-encoded as UTF-8), so a <meta charset> cannot override it.
# huge_tree: without it libxml2 silently drops everything nested deeper than 255 elements (files are at most
# 10 MB, so the other limits it lifts do not matter).
_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)


def _decode(data, path):
    """The page's text: BOM; else UTF-8 if the bytes are valid UTF-8, then the charset the page declares, then
    GB18030; a few bad bytes are replaced. Valid UTF-8 goes first because Chinese sites mislabel pages, and
    UTF-8 bytes mostly decode without error, into nonsense, as GB18030, while GBK bytes are almost never valid
    UTF-8."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(encoding, errors="replace")
    declared = None
    m = _META_CHARSET.search(data[:4096])
    if m:
        label = m.group(1).decode("ascii", "replace").lower()
        label = _ENCODING_ALIASES.get(label, label)
        try:
            declared = codecs.lookup(label).name
        except LookupError:
            declared = None
    tries = [e for e in ("utf-8", declared, "gb18030") if e]
    for encoding in dict.fromkeys(tries):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    # A page cut off mid-character or with a stray byte: accept a handful of replacement characters.
    best = declared or "utf-8"
    text = data.decode(best, errors="replace")
    if text.count("\ufffd") <= max(2, len(text) // 1000):
        return text
    raise CorpusError(path, f"cannot decode the page: not valid {' or '.join(dict.fromkeys(tries))}")


def _iso_date(y, m, d):
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def _date_from(value):
    value = value.strip()
    m = _DATE.search(value) or _DATE_COMPACT.match(value)
    return _iso_date(*m.groups()) if m else None


def _read_meta(root):
    """title (<title>), date (from <meta>, JSON-LD), canonical (rel=canonical, else og:url), og/article titles."""
    meta = {}
    title = root.find(".//title")
    if title is not None and _collapse(title.text_content()):
        meta["title"] = _collapse(title.text_content())
    names = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        if key and el.get("content") is not None and key not in names:
            names[key] = el.get("content")
    for key in _DATE_META:
        if key in names and (iso := _date_from(names[key])):
            meta["date"] = iso
            break
    if "date" not in meta:
        for script in root.iter("script"):
            if (script.get("type") or "").lower() == "application/ld+json" and script.text:
                m = _LD_DATE.search(script.text)
                if m and (iso := _date_from(m.group(1))):
                    meta["date"] = iso
                    break
    for el in root.iter("link"):
        if "canonical" in (el.get("rel") or "").lower().split() and (el.get("href") or "").strip():
            meta["canonical"] = el.get("href").strip()
            break
    else:
        if names.get("og:url", "").strip():
            meta["canonical"] = names["og:url"].strip()
    meta["_titles"] = [names[k] for k in ("articletitle", "og:title", "twitter:title") if names.get(k)]
    return meta


def _title_candidates(meta):
    """What the page's metadata says its headline is: ArticleTitle, og:title, <title> and its first part."""
    found = [_collapse(t) for t in meta.pop("_titles")]
    if meta.get("title"):
        found.append(meta["title"])
        parts = _TITLE_SEPARATORS.split(meta["title"])
        if len(parts) > 1 and parts[0]:
            found.append(parts[0])
    return [t for t in dict.fromkeys(found) if t]


def _squeeze(s):
    """The text without any white space, to compare and count characters."""
    return "".join(s.split())


def _find_title(body, candidates):
    """The element that prints the headline: an <h1> the metadata names, else the first <h1> that is not a
    logo link; where a page has no <h1>, the innermost block whose text is one of the metadata's titles."""
    wanted = {_squeeze(c) for c in candidates}
    h1s = [h for h in body.iter("h1") if _squeeze(h.text_content())]
    for h in h1s:
        if _squeeze(h.text_content()) in wanted:
            return h
    for h in h1s:
        total = len(_squeeze(h.text_content()))
        linked = sum(len(_squeeze(a.text_content())) for a in h.iter("a"))
        if total >= 4 and linked <= total / 2:
            return h
    if not wanted:
        return None
    for el in body.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK and el is not body and el.tag != "html":
            text = _squeeze(el.text_content())
            if text in wanted:
                while True:  # the innermost block that holds the same text
                    inner = next((c for c in el if isinstance(c.tag, str) and c.tag in _BLOCK
                                  and _squeeze(c.text_content()) == text), None)
                    if inner is None:
                        return el
                    el = inner
    return None


def _find_datelines(body):
    """(element, ISO date) for each publication dateline (发布时间：…, Published: …) on the page, in order."""
    found, seen = [], set()
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for node_text, owner in ((el.text, el), (el.tail, el.getparent())):
            if node_text and owner is not None and _DATELINE_WORD.search(node_text):
                block = _block_of(owner)
                if block is None or block in seen:
                    continue
                seen.add(block)
                m = _DATELINE.search(_collapse(block.text_content()))
                if m and (iso := _iso_date(*m.groups())):
                    found.append((block, iso))
    return found


def _is_inside(el, ancestor):
    while el is not None:
        if el is ancestor:
            return True
        el = el.getparent()
    return False


def _words_in_name(el):
    name = f"{el.get('class') or ''} {el.get('id') or ''}"
    if name == " ":
        return set()
    return {w.lower() for w in _WORDS_IN_NAME.split(name) if w}


def _prune(body):
    """Drop what is never the article: the _DROP elements, hidden elements, and furniture boxes."""
    doomed = []
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag in _DROP or el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
            doomed.append(el)
        elif _words_in_name(el) & _FURNITURE_WORDS and el.tag not in ("body", "html"):
            total = len(_squeeze(el.text_content()))
            linked = sum(len(_squeeze(a.text_content())) for a in el.iter("a"))
            if total <= _FURNITURE_MAX_CHARS or linked > total / 2:
                doomed.append(el)
    for el in doomed:  # an element inside one removed before is removed from a detached tree: harmless
        if el.getparent() is not None:
            _remove_keep_tail(el)


def _remove_keep_tail(el):
    """Remove an element but not the text that follows it inside its parent."""
    parent = el.getparent()
    tail = el.tail
    previous = el.getprevious()
    parent.remove(el)
    if tail:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def _block_of(el):
    while el is not None and not (isinstance(el.tag, str) and el.tag in _BLOCK):
        el = el.getparent()
    return el


def _container_above(el):
    el = el.getparent() if el is not None else None
    while el is not None and el.tag not in _CONTAINER:
        el = el.getparent()
    return el


def _find_main(body):
    """The element whose own paragraphs hold the most text outside links. A paragraph's text counts fully
    for the container it sits in and half for the container above that, so that an article whose paragraphs
    are each wrapped in their own box is still found as a whole."""
    own = {}  # block element -> [characters outside links, characters inside links]
    in_link, block_of = {}, {}
    for el in body.iter():  # document order: a parent comes before its children
        if not isinstance(el.tag, str):
            continue
        parent = el.getparent()
        in_link[el] = el.tag == "a" or in_link.get(parent, False)
        block = block_of[el] = el if el.tag in _BLOCK else block_of.get(parent)
        if el.text and block is not None:
            own.setdefault(block, [0, 0])[1 if in_link[el] else 0] += len(_squeeze(el.text))
        parent_block = block_of.get(parent)
        if el.tail and parent_block is not None:
            own.setdefault(parent_block, [0, 0])[1 if in_link.get(parent, False) else 0] += len(_squeeze(el.tail))
    scores = {}
    for block, (plain, linked) in own.items():
        if plain == 0 or linked > plain:
            continue
        target = block if block.tag in _CONTAINER else _container_above(block)
        if target is None:
            continue
        scores[target] = scores.get(target, 0) + plain
        above = _container_above(target)
        if above is not None:
            scores[above] = scores.get(above, 0) + plain / 2
    if not scores:
        return body
    best = max(scores.values())
    return next(el for el in body.iter() if scores.get(el) == best)


def _collapse(s):
    """HTML white space collapsed (see _collapse_with_map), and stripped."""
    return _SPACE_RUN.sub(_space_for, s).strip()


def _space_for(m):
    """What a run of white space becomes: nothing where it holds a line break between two wide characters."""
    run, text = m.group(0), m.string
    if ("\n" in run or "\r" in run) and 0 < m.start() and m.end() < len(text) \
            and (is_wide(text[m.start() - 1]) or is_wide(text[m.end()])):
        return ""
    return " "


def _collapse_with_map(raw):
    """Collapse HTML white space. A run holding a line break between two wide characters disappears (Chinese
    text wrapped in the source); any other run becomes one space. Returns the text and, for each offset of
    `raw` (and its end), the offset in the result."""
    out, mapping, pos, length = [], [], 0, 0
    for m in _SPACE_RUN.finditer(raw):
        chunk = raw[pos:m.start()]
        mapping.extend(range(length, length + len(chunk)))
        out.append(chunk)
        length += len(chunk)
        replacement = _space_for(m)
        mapping.extend([length] * (m.end() - m.start()))
        out.append(replacement)
        length += len(replacement)
        pos = m.end()
    chunk = raw[pos:]
    mapping.extend(range(length, length + len(chunk)))
    out.append(chunk)
    length += len(chunk)
    mapping.append(length)
    return "".join(out), mapping


def _clean_node_text(s):
    if not s:
        return ""
    s = remove_invisible(s)
    if "&" in s:
        s = _LEFTOVER_ENTITY.sub(lambda m: htmllib.unescape(m.group(0)), s)
    return s


def _text_of(el):
    return _clean_node_text(el.text_content()) if el is not None else ""


class _Block:
    """The lines of one block while it is read: each line a list of (text, link) pieces."""

    def __init__(self, kind, level):
        self.kind, self.level = kind, level
        self.lines = [[]]


class _Reader:
    def __init__(self, out, title_el):
        self.out = out
        self.title_el = title_el
        self.block = None
        self.contexts = [("paragraph", None, None)]  # (kind, level, element) of the blocks being read

    # -- blocks -----------------------------------------------------------------------------------------------
    def add(self, text, link):
        if not text:
            return
        if self.block is None:
            kind, level, el = self.contexts[-1]
            if el is not None and el is self.title_el:
                kind = "heading"
            self.block = _Block(kind, level)
        self.block.lines[-1].append((text, link))

    def line_break(self):
        if self.block is not None:
            self.block.lines.append([])

    def flush(self):
        block, self.block = self.block, None
        if block is None:
            return
        first = True
        for pieces in block.lines:
            text, links = _finish_line(pieces)
            if text:
                self.out.add_line(text, block.kind, block.level, None, links, new_block=first)
                first = False

    # -- walking --------------------------------------------------------------------------------------------
    def walk(self, el, link):
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag == "br":
            self.line_break()
            return
        if tag == "a":
            href = el.get("href")
            if href is not None and not _NOT_LINKS.match(href):
                link = (el, href.strip())
        if tag == "table" and _is_data_table(el):
            self.flush()
            self.table(el)
            return
        if tag in _BLOCK:
            self.flush()
            kind = "heading" if tag in _HEADING else "list_item" if tag == "li" else \
                self.contexts[-1][0] if tag in ("ul", "ol") else "paragraph"
            level = _HEADING.get(tag)
            self.contexts.append((kind, level, el))
            self.children(el, link)
            self.flush()
            self.contexts.pop()
        else:
            self.children(el, link)

    def children(self, el, link):
        if el.tag == "pre":
            for i, part in enumerate(_clean_node_text(el.text_content()).split("\n")):
                if i:
                    self.line_break()
                self.add(part, None)
            return
        self.add(_clean_node_text(el.text), link)
        for child in el:
            self.walk(child, link)
            # Text after a child belongs to this element (and to its link, when this element is inside one).
            self.add(_clean_node_text(child.tail), link)

    def table(self, table):
        caption = table.find("caption")
        if caption is not None:
            text, links = _finish_line(_flat_pieces(caption))
            self.out.add_line(text, "paragraph", None, None, links)
        first = True
        for cells in _table_grid(table):
            read = [_finish_line(_flat_pieces(c)) if c is not None else ("", []) for c in cells]
            if not any(text for text, _ in read):
                continue
            line = format_row([text for text, _ in read])
            row_links, pos = [], 0
            for text, links in read:  # each cell's place in the row, to move its links there
                cell = text.replace("|", "｜")
                at = line.find(cell, pos) if cell else pos
                row_links.extend((at + a, at + b, href) for a, b, href in links)
                pos = at + len(cell)
            self.out.add_line(line, "table_row", None, None, row_links, new_block=first)
            first = False


def _flat_pieces(el):
    """The text of a table cell or caption as pieces; its inner blocks and <br>s are line breaks in the source,
    which _finish_line collapses like any other (nothing between two Chinese characters, else a space)."""
    pieces = []

    def visit(node, link):
        if not isinstance(node.tag, str):
            return
        if node.tag == "a" and node.get("href") is not None and not _NOT_LINKS.match(node.get("href")):
            link = (node, node.get("href").strip())
        if node.tag == "br" or node.tag in _BLOCK:
            pieces.append(("\n", None))
        if node.tag == "br":
            return
        pieces.append((_clean_node_text(node.text), link))
        for child in node:
            visit(child, link)
            pieces.append((_clean_node_text(child.tail), link))
        if node.tag in _BLOCK:
            pieces.append(("\n", None))

    pieces.append((_clean_node_text(el.text), None))
    for child in el:
        visit(child, None)
        pieces.append((_clean_node_text(child.tail), None))
    return [p for p in pieces if p[0]]


def _finish_line(pieces):
    """One line's text from its pieces, white space collapsed and stripped, with its links' offsets."""
    raw, spans = [], []
    length = 0
    for text, link in pieces:
        if link is not None and spans and spans[-1][2] is link[0] and spans[-1][1] == length:
            spans[-1][1] = length + len(text)
        elif link is not None:
            spans.append([length, length + len(text), link[0], link[1]])
        raw.append(text)
        length += len(text)
    if not spans:  # most lines hold no link: no offsets to carry through the collapse
        return _collapse("".join(raw)), []
    text, mapping = _collapse_with_map("".join(raw))
    stripped = text.strip()
    mapped = [(mapping[a], mapping[b], href) for a, b, _el, href in spans]
    return stripped, links_in_stripped(mapped, len(text) - len(text.lstrip()), stripped)


def _own_rows(table):
    rows = []
    for el in table.iter("tr"):
        if _nearest_table(el) is table:
            rows.append(el)
    return rows


def _nearest_table(el):
    el = el.getparent()
    while el is not None and el.tag != "table":
        el = el.getparent()
    return el


def _own_cells(row):
    return [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]


def _is_data_table(table):
    """A table of data, not of layout: no table inside it, two or more columns, and no cell of long prose."""
    if any(t is not table for t in table.iter("table")):
        return False
    rows = _own_rows(table)
    if not rows or max(len(_own_cells(r)) for r in rows) < 2:
        return False
    return all(len(_squeeze(c.text_content())) <= 300 for r in rows for c in _own_cells(r))


def _span(cell, name):
    try:
        return max(1, min(int(cell.get(name) or 1), 100))
    except ValueError:
        return 1


def _table_grid(table):
    """Rows of cells (None where a cell above reaches down into this row, or a wide cell's other columns), so
    that each value stays in its column."""
    pending = {}  # column -> rows still covered by a cell from above
    for row in _own_rows(table):
        out, col = [], 0
        for cell in _own_cells(row):
            while pending.get(col, 0) > 0:
                out.append(None)
                pending[col] -= 1
                col += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            out.append(cell)
            for extra in range(colspan):
                if rowspan > 1:
                    pending[col + extra] = rowspan - 1
                if extra:
                    out.append(None)
            col += colspan
        while pending.get(col, 0) > 0:
            out.append(None)
            pending[col] -= 1
            col += 1
        yield out


def _write_blocks(main, out, title_el):
    reader = _Reader(out, title_el)
    if main.tag in _BLOCK:
        kind = "heading" if main.tag in _HEADING else "paragraph"
        reader.contexts.append((kind, _HEADING.get(main.tag), main))
    if main.tag == "table" and _is_data_table(main):
        reader.table(main)
        return
    reader.children(main, None)
    reader.flush()

