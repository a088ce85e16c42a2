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
from .structure import is_doc_number, numbered_heading_marker

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


class Layout(NamedTuple):
    chrome: dict  # line index -> LineChrome, every chrome line of the page
    titles: tuple  # indexes of the title line (and of a repeat of it, as a notice prints its title twice)


def _title_like(line, lang):
    text = line.text
    return (len(text) <= MAX_TITLE.get(lang, 300) and not ends_a_sentence(text) and not is_doc_number(text)
            and not DATE_ONLY.match(text) and numbered_heading_marker(text, lang) is None)


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
    titles = _find_titles(lines, chrome, start, lang)
    _mark_byline_dates(lines, chrome)
    _mark_footer(lines, chrome, titles)
    return Layout(chrome, titles)


def _find_titles(lines, chrome, start, lang):
    """The title: the last title-like line above the first dateline near the top, else the first line of the
    text when it is title-like. Text lines between the breadcrumb and the title are page header (a section
    label); a later line that repeats the title is a title line too."""
    dateline = next((i for i in range(start, min(len(lines), start + TITLE_REACH + 4))
                     if i in chrome and chrome[i].published), None)
    title = None
    if dateline is not None:
        above = [i for i in range(max(start, dateline - TITLE_REACH), dateline) if i not in chrome]
        candidates = [i for i in above if _title_like(lines[i], lang)]
        if candidates:
            title = candidates[-1]
            for i in above:
                if i < title:
                    chrome[i] = LineChrome("page header", "line", False)
    if title is None:
        first = next((i for i in range(start, len(lines)) if i not in chrome), None)
        if first is not None and _title_like(lines[first], lang):
            title = first
    if title is None:
        return ()
    repeats = [i for i in range(title + 1, min(len(lines), title + TITLE_REACH))
               if i not in chrome and lines[i].text == lines[title].text]
    return (title, *repeats)


def _mark_byline_dates(lines, chrome):
    """A date alone on the line under a byline dates the page, as the byline does."""
    for i in list(chrome):
        if chrome[i].reason == "byline" and i + 1 < len(lines) and i + 1 not in chrome \
                and DATE_ONLY.match(lines[i + 1].text):
            chrome[i + 1] = LineChrome("dateline", "line", True)


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
