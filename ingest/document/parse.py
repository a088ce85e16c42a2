"""One document from file to rows: decode, strip chrome, find structure, split clauses, segment."""
import hashlib
import json

from ..segment import segment_all
from .chrome import ChromeRules, classify_lines
from ..formats import read_document
from .gongwen import find_addressee, find_closing
from .layout import find_layout
from .lines import split_lines
from .sentences import split_clauses
from .structure import find_blocks
from .tables import parse_indicator_table, row_cells

EMPTY_RULES = ChromeRules((), frozenset(), None, ())


def read_source(entry):
    """The text model of a manifest entry's file (text, web page, PDF or Word, told from its bytes) and the
    sha256 of its bytes."""
    data = entry["path"].read_bytes()
    return read_document(entry["path"], data), hashlib.sha256(data).hexdigest()


class _Sections:
    """Hands out structural section ids: -t1 for title lines, -s2-1 for the first subsection of section 2."""

    def __init__(self, doc_id):
        self.doc_id = doc_id
        self.stack = []  # open numbered sections: (level, id, path)
        self.children = {}  # parent path -> number of child sections so far
        self.titles = 0
        self.title_id = None
        self.rows = []

    def open(self, block, order):
        if block.level == 0:
            self.titles += 1
            self.stack = []
            section_id, parent = f"{self.doc_id}-t{self.titles}", None
            self.title_id = section_id
        else:
            while self.stack and self.stack[-1][0] >= block.level:
                self.stack.pop()
            parent_path = self.stack[-1][2] if self.stack else ()
            n = self.children[parent_path] = self.children.get(parent_path, 0) + 1
            path = parent_path + (n,)
            section_id = f"{self.doc_id}-s" + "-".join(map(str, path))
            parent = self.stack[-1][1] if self.stack else self.title_id
            self.stack.append((block.level, section_id, path))
        self.rows.append({
            "id": section_id,
            "document_id": self.doc_id,
            "parent_id": parent,
            "level": block.level,
            "number": block.number or None,
            "heading": block.heading,
            "text": block.line.text[block.start:block.end if block.end != -1 else None],
            "start": block.line.start + block.start,
            "end": block.line.start + (block.end if block.end != -1 else len(block.line.text)),
            "line": block.line.number,
            "sort_order": order,
        })
        return section_id

    @property
    def current(self):
        return self.stack[-1][1] if self.stack else self.title_id


def parse_document(entry, source, tokenizer=None, chrome_rules=None, hints=()):
    """Sections, clauses, indicators, links, 公文 elements and the chrome report of one document's text (a
    TextModel's text; hints: its LineInfo per line, where the format says what a line is)."""
    doc_id, lang = entry["id"], entry["language"]
    lines = split_lines(source)
    by_start = {h.start: h for h in hints}
    line_hints = {ln.number: by_start.get(ln.start) for ln in lines}
    classified = classify_lines(lines, chrome_rules or EMPTY_RULES, entry.get("strip_lines") or ())
    layout = find_layout(lines, classified, lang)
    body = [ln for i, ln in enumerate(lines) if i not in layout.chrome]
    blocks = find_blocks(body, lang, entry.get("doc_number"), [lines[i] for i in layout.titles], line_hints)
    closing = find_closing(blocks, lang)
    doc_number = next((b.line.text for b in blocks if b.kind == "doc_number"), None)
    addressee = find_addressee(blocks[:closing.start]) if doc_number or closing.elements.get("signatories") else None
    sections = _Sections(doc_id)
    clauses, indicators, table, table_headers, table_rows = [], [], [], [], []
    paragraphs = {}  # section id -> paragraphs so far
    # A trailing None closes a table that ends the document, through the same code as any other table.
    for order, block in enumerate([*blocks, None]):
        if table and (block is None or block.kind != "table_row"):
            indicators.extend(_indicator_rows(doc_id, table, sections.current, len(indicators)))
            table_rows.extend(_table_rows(doc_id, table, sections.current, len(table_headers) + 1, line_hints))
            table_headers.append(table[0])
            table = []
        if block is None:
            break
        in_closing = closing.start <= order < (closing.end if closing.end is not None else len(blocks))
        if block.kind in ("title", "heading") and not in_closing:
            sections.open(block, order)
        elif block.kind == "table_row":
            table.append(block.line)
        elif block.kind in ("paragraph", "heading"):  # (a heading in the closing block is a list line)
            section_id = None if in_closing else sections.current
            key = "closing" if in_closing else section_id
            p = paragraphs[key] = paragraphs.get(key, 0) + 1
            prefix = f"{doc_id}-closing" if in_closing else section_id or doc_id
            line = block.line
            base, text_of_block = block.start, line.text[block.start:block.end if block.end != -1 else None]
            for c, (a, b) in enumerate(split_clauses(text_of_block, lang), start=1):
                clauses.append({
                    "id": f"{prefix}-p{p}-c{c}",
                    "document_id": doc_id,
                    "section_id": section_id,
                    "paragraph": p,
                    "sentence": c,
                    "position": len(clauses) + 1,
                    "item": (block.number or None) if c == 1 else None,
                    "part": "closing" if in_closing else "text",
                    "text": text_of_block[a:b],
                    "start": line.start + base + a,
                    "end": line.start + base + b,
                    "line": line.number,
                    "page": line_hints[line.number].page if line_hints.get(line.number) else None,
                    "language": lang,
                })
    for clause, words in zip(clauses, segment_all([c["text"] for c in clauses], tokenizer)):
        clause["text_seg"] = words
    chrome_rows = [
        {"document_id": doc_id, "line": ln.number, "text": ln.text, "reason": layout.chrome[i].reason}
        for i, ln in enumerate(lines) if i in layout.chrome
    ]
    published = [ln for i, ln in enumerate(lines) if i in layout.chrome and layout.chrome[i].published]
    return {
        "sections": sections.rows, "clauses": clauses, "indicators": indicators, "table_rows": table_rows,
        "table_headers": table_headers, "chrome": chrome_rows, "published_lines": published,
        "gongwen": {"doc_number": doc_number, "addressee": addressee, **closing.elements},
    }


def _table_rows(doc_id, table_lines, section_id, number, line_hints):
    """Every row of the document's number-th table as its cells, the header row first."""
    return [{
        "id": f"{doc_id}-tbl{number}-r{r}", "document_id": doc_id, "section_id": section_id, "table_number": number,
        "row_number": r, "cells": json.dumps(row_cells(line.text), ensure_ascii=False), "text": line.text,
        "start": line.start, "end": line.end, "line": line.number,
        "page": line_hints[line.number].page if line_hints.get(line.number) else None,
    } for r, line in enumerate(table_lines, start=1)]


def _indicator_rows(doc_id, table_lines, section_id, tables_so_far):
    rows = []
    for r in parse_indicator_table(table_lines):
        rows.append({
            # Numbered across the document's tables, in order, so ids stay put when text elsewhere changes.
            "id": f"{doc_id}-ind{tables_so_far + r['ordinal']}",
            "document_id": doc_id,
            "section_id": section_id,
            "number": r["number"],
            "indicator": r["indicator"],
            "target_year": r["target_year"],
            "value_as_printed": r["value_as_printed"],
            "unit_as_printed": r["unit_as_printed"],
            "value": r["value"],
            "attribute": r["attribute"],
            "row_text": r["line"].text,
            "start": r["line"].start,
            "end": r["line"].end,
            "value_start": r["value_start"],
            "value_end": r["value_end"],
        })
    return rows
