"""One document from file to rows: decode, strip chrome, find structure, split clauses, segment."""
import hashlib

from .chrome import find_chrome
from .decode import decode_bytes
from .lines import split_lines
from ..segment import segment_all
from .sentences import split_clauses
from .structure import find_blocks
from .tables import parse_indicator_table


def read_source(entry):
    """The decoded text of a manifest entry's file and the sha256 of its bytes."""
    data = entry["path"].read_bytes()
    return decode_bytes(data, entry["path"]), hashlib.sha256(data).hexdigest()


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
            "text": block.line.text,
            "start": block.line.start,
            "end": block.line.end,
            "line": block.line.number,
            "sort_order": order,
        })
        return section_id

    @property
    def current(self):
        return self.stack[-1][1] if self.stack else self.title_id


def parse_document(entry, source, tokenizer=None):
    """Sections, clauses, indicators and the chrome report of one decoded document."""
    doc_id, lang = entry["id"], entry["language"]
    lines = split_lines(source)
    chrome = find_chrome(lines, entry.get("strip_lines") or ())
    body = [ln for ln in lines if ln.number not in chrome]
    blocks = find_blocks(body, lang, entry.get("doc_number"))
    sections = _Sections(doc_id)
    clauses, indicators, table, table_headers = [], [], [], []
    paragraphs = {}  # section id -> paragraphs so far
    # A trailing None closes a table that ends the document, through the same code as any other table.
    for order, block in enumerate([*blocks, None]):
        if table and (block is None or block.kind != "table_row"):
            indicators.extend(_indicator_rows(doc_id, table, sections.current, len(indicators)))
            table_headers.append(table[0])
            table = []
        if block is None:
            break
        if block.kind in ("title", "heading"):
            sections.open(block, order)
        elif block.kind == "table_row":
            table.append(block.line)
        elif block.kind == "paragraph":
            section_id = sections.current
            p = paragraphs[section_id] = paragraphs.get(section_id, 0) + 1
            prefix = section_id or doc_id
            line = block.line
            for c, (a, b) in enumerate(split_clauses(line.text, lang), start=1):
                text = line.text[a:b]
                clauses.append({
                    "id": f"{prefix}-p{p}-c{c}",
                    "document_id": doc_id,
                    "section_id": section_id,
                    "paragraph": p,
                    "sentence": c,
                    "position": len(clauses) + 1,
                    "text": text,
                    "start": line.start + a,
                    "end": line.start + b,
                    "line": line.number,
                    "language": lang,
                })
    for clause, words in zip(clauses, segment_all([c["text"] for c in clauses], tokenizer)):
        clause["text_seg"] = words
    chrome_rows = [
        {"document_id": doc_id, "line": ln.number, "text": ln.text, "reason": chrome[ln.number]}
        for ln in lines if ln.number in chrome
    ]
    return {
        "sections": sections.rows, "clauses": clauses, "indicators": indicators,
        "table_headers": table_headers, "chrome": chrome_rows,
    }


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
