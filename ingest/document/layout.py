"""The layout of a page: where the document starts and ends among the page's own lines, and its title.

A saved page reads, top to bottom: site banner and menus, a breadcrumb, the title, a dateline or byline,
page tools, the text, then print/close links, related links and footers. Chrome rules (chrome.py) recognise
single lines; layout uses their places: everything above a breadcrumb is page header, the title is the last
title-like line above the dateline (a site's section label above it is header too), and everything below
the print/close links that end an article is page footer.
"""
import re
from typing import NamedTuple

from .. import lexicon
from .chrome import LineChrome, ends_a_sentence
from .gongwen import MASTHEAD
from .structure import is_doc_number, is_table_row, numbered_heading_marker

# A breadcrumb or a dateline is near the top of a page: never past this many lines.
HEADER_LINES = 40
# The title stands within this many lines above the dateline that dates it.
TITLE_REACH = 12
MAX_TITLE = {"zh": 120, "en": 300}
# A date alone on a line: 2023-03-08, 2023年3月8日, March 8, 2023, 8 March 2023.
_MONTH = lexicon.alternation(name.title() for name in lexicon.MONTHS)
DATE_ONLY = re.compile(
    r"^(?:(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    rf"|{_MONTH}\.?\s+\d{{1,2}},?\s+(?:19|20)\d\d|\d{{1,2}}\s+{_MONTH}\.?,?\s+(?:19|20)\d\d)$")


# A line that states something ends in one of these (a question mark may end a title).
_SENTENCE = re.compile(r"(?:[。！；;!]|(?<![A-Z])\.)\s*[”\"’']?$")
_LABEL = re.compile(r"[:：]\s*$")
_SUBTITLE = re.compile(r"^\s*(?:——|--|—)")
# A line next to a dateline, this short, is a name (the author's, the agency's), not a heading.
MAX_NAME = {"zh": 20, "en": 40}
# A short line printed this many times is a running header or footer of the pages the text was printed on.
RUNNING_REPEATS = 3
PAGE_NUMBER = "page number"  # the chrome.yml rule
# Chrome that marks a page's footer (rule names of corpus/chrome.yml), and how long a link label there may be.
FOOTER_NOTICES = ("copyright", "licence")
MAX_FOOTER_LABEL = 40
# Chrome that ends an article's text (its source, its editor, its share buttons, its related links).
ARTICLE_ENDS = ("source note", "editor note", "page tools", "related links", "page end")
MAX_RUNNING = 60


class Layout(NamedTuple):
    chrome: dict  # line index -> LineChrome, every chrome line of the page
    titles: tuple  # indexes of the title line (and of a repeat of it, as a notice prints its title twice)


def _title_like(line, lang):
    """Could be a title: short, no statement (a title may ask a question), no label (各有关单位：), no number."""
    text = line.text
    return (len(text) <= MAX_TITLE.get(lang, 300) and not _SENTENCE.search(text) and not _LABEL.search(text)
            and text.count("|") < 2 and not _SUBTITLE.match(text)
            and not is_doc_number(text) and not DATE_ONLY.match(text) and numbered_heading_marker(text, lang) is None)


def find_layout(lines, classified: dict, lang: str) -> Layout:
    """classified: chrome.classify_lines(...). Returns every chrome line (page zones included) and the title."""
    chrome = dict(classified)
    start = 0
    header_end = next((i for i, _ in sorted(chrome.items())
                       if chrome[i].kind == "header_end" and i < HEADER_LINES), None)
    if header_end is not None:
        for i in range(header_end):
            chrome.setdefault(i, LineChrome("page header", "line", False))
        start = header_end + 1
    _keep_table_headers(lines, chrome)
    _mark_running_lines(lines, chrome)
    titles = _find_titles(lines, chrome, start, lang)
    _mark_names_by_datelines(lines, chrome, titles, start, lang)
    _mark_below_copyright(lines, chrome, titles)
    _mark_byline_dates(lines, chrome)
    _mark_footer(lines, chrome, titles)
    return Layout(chrome, titles)


def _keep_table_headers(lines, chrome):
    """A row of labels joined by | reads like a menu, but above a table row with as many cells it is the
    table's header row."""
    for i, found in list(chrome.items()):
        if found.kind == "line" and "|" in lines[i].text and i + 1 < len(lines) and i + 1 not in chrome \
                and is_table_row(lines[i + 1].text) and _cells(lines[i].text) == _cells(lines[i + 1].text):
            del chrome[i]


def _cells(text):
    return len(text.strip().strip("|").split("|"))


def _mark_running_lines(lines, chrome):
    """A short line printed on every page (a report's name above each page of a PDF saved as text): each
    printing after the first is chrome."""
    seen = {}
    for i, ln in enumerate(lines):
        if len(ln.text) <= MAX_RUNNING and not ends_a_sentence(ln.text):
            seen.setdefault(ln.text, []).append(i)
    for found in seen.values():
        # Printed at every page, or beside a page number more than once (a short report's two page breaks).
        # (Every printing is chrome when each one stands beside a page number: the first is no title either.)
        beside = [_beside_page_number(chrome, i) for i in found]
        if len(found) >= RUNNING_REPEATS or len(found) >= 2 and all(beside[1:]):
            for i in found if all(beside) else found[1:]:
                chrome.setdefault(i, LineChrome("running header", "line", False))


def _beside_page_number(chrome, i):
    return any(j in chrome and chrome[j].reason == PAGE_NUMBER for j in (i - 1, i + 1))


def _mark_names_by_datelines(lines, chrome, titles, start, lang):
    """Under the title, a short line beside a dateline is a name: the author, the agency that issued a
    release (Wang Xiaoming / Updated 20:14, 16-Apr-2024). A subtitle (——…) is text."""
    if not titles:
        return
    for i in _head(lines, chrome, start):
        if i <= titles[0] or i in chrome:
            continue
        text = lines[i].text
        beside = any(j in chrome and chrome[j].published for j in (i - 1, i + 1))
        if beside and len(text) <= MAX_NAME.get(lang, 40) and not ends_a_sentence(text) and not _LABEL.search(text) \
                and not _SUBTITLE.match(text) and not re.search(r"\d", text) \
                and numbered_heading_marker(text, lang) is None:
            chrome[i] = LineChrome("byline", "line", False)


def _find_titles(lines, chrome, start, lang):
    """The title: the longest title-like line of the page's head (the lines above its first sentence), above
    the last line that dates the page when one does; a site's name or section label above it is page
    header. A later line that repeats the title is a title line too."""
    head = _head(lines, chrome, start)
    dated = [i for i in head if i in chrome and chrome[i].published]
    title = None
    if dated:
        above = [i for i in head if dated[-1] - TITLE_REACH <= i < dated[-1] and i not in chrome]
        title = _longest_title_like(lines, above, lang)
        if title is not None:
            for i in above:
                if i < title and not is_doc_number(lines[i].text):
                    chrome[i] = LineChrome("page header", "line", False)
    if title is None:
        title = _undated_title(lines, chrome, start, lang)
    if title is None:
        return ()
    repeats = [i for i in range(title + 1, min(len(lines), title + TITLE_REACH))
               if i not in chrome and lines[i].text == lines[title].text]
    return (title, *repeats)


def _head(lines, chrome, start):
    """Indexes of the page's head: from start to the first line of text that ends a sentence, at most
    TITLE_REACH + 4 lines of text."""
    head, text_lines = [], 0
    for i in range(start, min(len(lines), start + HEADER_LINES)):
        if i not in chrome:
            if _SENTENCE.search(lines[i].text) or text_lines >= TITLE_REACH + 4:
                break
            text_lines += 1
        head.append(i)
    return head


def _longest_title_like(lines, indexes, lang):
    """The longest title-like line among indexes (the first of equals), or None. A title names the document:
    it is longer than the site name, section label or byline around it."""
    candidates = [i for i in indexes if _title_like(lines[i], lang)]
    return max(candidates, key=lambda i: len(lines[i].text), default=None)


def _undated_title(lines, chrome, start, lang):
    """The title of a page nothing dates: the longest title-like line of its head; a site's name above it is
    page header. An official document's masthead (江苏省知识产权局文件) and document number come first: the
    masthead is chrome, and the title is under the number."""
    text_lines = [i for i in _head(lines, chrome, start) if i not in chrome]
    if not text_lines:
        return None
    at = 0
    if MASTHEAD.match(lines[text_lines[0]].text) and len(text_lines) > 1:
        chrome[text_lines[0]] = LineChrome("masthead", "line", False)
        at = 1
    while at < len(text_lines) - 1 and is_doc_number(lines[text_lines[at]].text):
        at += 1
    title = _longest_title_like(lines, text_lines[at:], lang)
    if title is not None:
        for i in text_lines[at:]:
            if i < title:
                chrome[i] = LineChrome("page header", "line", False)
    return title


def _mark_byline_dates(lines, chrome):
    """A date alone on the line under a byline dates the page, as the byline does."""
    for i in list(chrome):
        if chrome[i].reason == "byline" and i + 1 < len(lines) and i + 1 not in chrome \
                and DATE_ONLY.match(lines[i + 1].text):
            chrome[i + 1] = LineChrome("dateline", "line", True)


def _mark_below_copyright(lines, chrome, titles):
    """A copyright or licence line after the text is the page's footer: what follows it is footer too, and so are
    the short lines between it and the chrome that ended the text (SITEMAP, Hot: a site's link labels)."""
    sentences = [i for i, ln in enumerate(lines) if i not in chrome and i not in titles and ends_a_sentence(ln.text)]
    if not sentences:
        return
    # The first notice past the middle of the text: the page's footer (a sentence under it, such as "Best
    # viewed at 1024x768.", is footer too; a notice among the menus at the top is not where the footer starts).
    notice = next((i for i in range(sentences[len(sentences) // 2] + 1, len(lines))
                   if chrome.get(i) and chrome[i].reason in FOOTER_NOTICES), None)
    if notice is None:
        return
    last_sentence = max(i for i in sentences if i < notice)
    # The short lines count once chrome has ended the text (a source or editor line): a signature and its date
    # under the last sentence are the document's own.
    ended = next(i for i in range(last_sentence + 1, notice + 1) if i in chrome and chrome[i].reason in ARTICLE_ENDS
                 or i == notice)
    for i in range(ended + 1, len(lines)):
        if i > notice or (i not in chrome and len(lines[i].text) <= MAX_FOOTER_LABEL and not ends_a_sentence(lines[i].text)):
            chrome.setdefault(i, LineChrome("page footer", "line", False))


def _mark_footer(lines, chrome, titles):
    """Print/close links below the text end the article: they and everything under them are page footer."""
    seen_text = False
    for i, line in enumerate(lines):
        rule = chrome.get(i)
        if rule is None:
            seen_text = seen_text or (i not in titles and ends_a_sentence(line.text))
        elif rule.kind == "footer_start" and seen_text:
            for j in range(i + 1, len(lines)):
                chrome.setdefault(j, LineChrome("page footer", "line", False))
            return
