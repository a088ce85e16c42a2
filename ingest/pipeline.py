"""Everything one document contributes to the database, as rows per table.

A pure function of the manifest entry, its file and the curated knowledge, so documents can be
processed in any order, in parallel, and redone one at a time.
"""
import json

from . import cite
from .document import parse_document, read_source
from .segment import get_tokenizer


def process_document(entry, base_url, userdict):
    """Rows for every table, keyed by table name."""
    source, sha256 = read_source(entry)
    parsed = parse_document(entry, source, get_tokenizer(str(userdict)))
    doc = _document_row(entry, source, sha256, parsed, base_url)
    sections = {s["id"]: s for s in parsed["sections"]}
    for clause in parsed["clauses"]:
        url = cite.permalink(base_url, "clauses", clause["id"])
        section = sections.get(clause["section_id"])
        clause["permalink"] = url
        clause["citation"] = cite.cite_en(doc, url, section, f"para. {clause['paragraph']}, sentence {clause['sentence']}")
        clause["citation_zh"] = cite.cite_zh(doc, url, section, f"第{clause['paragraph']}段第{clause['sentence']}句")
    chrome = [{"id": f"{entry['id']}-l{c['line']}", **c} for c in parsed["chrome"]]
    return {
        "documents": [doc],
        "sections": parsed["sections"],
        "clauses": parsed["clauses"],
        "indicators": parsed["indicators"],
        "chrome_lines": chrome,
        "_source": source,
    }


def _document_row(entry, source, sha256, parsed, base_url):
    url = cite.permalink(base_url, "documents", entry["id"])
    row = {
        "id": entry["id"],
        "title": entry["title"],
        "title_en": entry["title_en"] if entry["language"] != "en" else entry["title"],
        "title_zh": entry["title_zh"] if entry["language"] != "zh" else entry["title"],
        "language": entry["language"],
        "type": entry["type"],
        "issuer": entry["issuer"],
        "doc_number": entry["doc_number"],
        "issue_date": entry["issue_date"],
        "publication_date": entry["publication_date"],
        "source_name": entry["source_name"],
        "source_url": entry["source_url"],
        "translation": entry["translation"],
        "about": json.dumps(entry["about"], ensure_ascii=False),
        "file": entry["path"].name,
        "sha256": sha256,
        "chars": len(source),
        "section_count": len(parsed["sections"]),
        "clause_count": len(parsed["clauses"]),
        "date_check": None,
        "permalink": url,
    }
    row["citation"] = cite.cite_en(row, url)
    row["citation_zh"] = cite.cite_zh(row, url)
    return row
