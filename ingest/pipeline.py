"""Everything one document contributes to the database, as rows per table.

A pure function of the manifest entry, its file and the curated knowledge, so documents can be
processed in any order, in parallel, and redone one at a time.
"""
import bisect
import functools
import json

from . import search
from .document.lines import Line
from .document.parse import parse_document, read_source
from .document.tables import row_years, table_figures
from .document.structure import parse_doc_number
from .normalise import normalise
from .relations import normalise_title, relation_rows
from .segment import get_tokenizer
from .taggers.dates import tag_dates
from .taggers.figures import tag_figures
from .taggers.glossary import count_terms
from .taggers.indicators import map_figures
from .taggers.measures import carries_lead_in, tag_clause


def document_date(entry, parsed):
    """(date, where it comes from): the date relative dates in the text resolve against. The manifest's issue
    date, else its publication date, else the date under the document's signature, else its dateline."""
    if entry.get("issue_date"):
        return entry["issue_date"], "manifest issue_date"
    if entry.get("publication_date"):
        return entry["publication_date"], "manifest publication_date"
    if parsed["gongwen"].get("signed_date"):
        return parsed["gongwen"]["signed_date"], "signature"
    for line in parsed["published_lines"]:
        day = next((d for d in tag_dates(line.text, "en", None) if d["precision"] == "day"), None)
        if day:
            return day["date_start"], "dateline"
    return None, None


def process_document(entry, curated):
    """Rows for every table, keyed by table name; "_fts" holds (clause id, indexed text) pairs.

    curated: the Curated data (glossary, taxonomy, user dictionary, chrome rules) every document is
    processed with.
    """
    # normalise() keeps recent clauses so that the taggers of one document share that work. Across documents
    # it would help only where documents repeat clauses word for word: rarely in real corpora, in three
    # clauses of four in the synthetic benchmark (recombined seed clauses), which it would flatter. So each
    # document starts with it empty.
    normalise.cache_clear()
    model, sha256 = read_source(entry)
    entry = with_file_metadata(entry, model.meta)
    tokenizer = get_tokenizer(curated.userdict)
    parsed = parse_document(entry, model.text, tokenizer, curated.chrome, model.lines)
    doc_date, doc_date_source = document_date(entry, parsed)
    doc = _document_row(entry, model, sha256, parsed, doc_date, doc_date_source)
    clause_measures = list(tag_clauses(entry, parsed["clauses"], curated.taxonomy))
    dates, clause_dates = _clause_dates(entry, parsed, doc_date)
    dates += _table_dates(entry, parsed, doc_date) + _published_dates(entry, parsed, doc_date)
    doc["date_check"] = check_document_dates(entry, dates)
    figures = list(_clause_figures(entry, parsed, dates, clause_dates, tokenizer, doc_date))
    figures += _indicator_figures(entry, parsed)
    figures += _table_figures(entry, parsed, doc_date)
    figure_indicators = map_figures(figures, parsed["clauses"], clause_dates, parsed["indicators"], doc_date,
                                    entry["language"], curated.indicators, entry["title"], entry.get("issuer"))
    chrome = [{"id": f"{entry['id']}-l{c['line']}", **c} for c in parsed["chrome"]]
    texts = [c["text"] for c in parsed["clauses"]]
    term_counts = [
        {"id": f"{term_id}--{entry['id']}", "term_id": term_id, "document_id": entry["id"], "occurrences": found}
        for term_id, found in count_terms(curated.glossary, texts).items()
    ]
    return {
        "documents": [doc],
        "sections": parsed["sections"],
        # The words (text_seg) served the taggers; the clause_words canned query segments again for a reader.
        "clauses": [{k: v for k, v in c.items() if k != "text_seg"} for c in parsed["clauses"]],
        "indicators": parsed["indicators"],
        "table_rows": parsed["table_rows"],
        "dates": dates,
        "figures": figures,
        "figure_indicators": figure_indicators,
        "chrome_lines": chrome,
        "links": link_rows(entry, model.links, parsed),
        "glossary_counts": term_counts,
        "clause_measures": clause_measures,
        "relations": relation_rows(entry, parsed["clauses"]),
        "_fts": [(c["id"], search.index_text(c["text"])) for c in parsed["clauses"]],
    }


def with_file_metadata(entry, meta):
    """The manifest entry with the fields it leaves empty filled from what the file says of itself: a web
    page's <title>, its published date and its canonical URL (the entry's own values always win)."""
    filled = dict(entry)
    for field, key in (("title", "title"), ("publication_date", "publication_date"), ("source_url", "canonical_url")):
        if not filled.get(field) and meta.get(key):
            filled[field] = meta[key]
    if not filled.get("title"):
        filled["title"] = entry["path"].stem  # nothing better known: the file's name
    return filled


def link_rows(entry, links, parsed):
    """A row per link in the document's text, with the clause (or heading) it is in: how a notice points at
    its attachments and at the documents it cites. Links in page chrome (menus, footers) are in neither."""
    clauses, sections = parsed["clauses"], parsed["sections"]
    clause_starts, section_starts = [c["start"] for c in clauses], [s["start"] for s in sections]
    rows = []
    for link in links:
        clause = _span_at(clauses, clause_starts, link.start)
        section = _span_at(sections, section_starts, link.start)
        if clause is None and section is None:
            continue
        rows.append({"id": f"{entry['id']}-a{len(rows) + 1}", "document_id": entry["id"],
                     "clause_id": clause and clause["id"], "section_id": clause["section_id"] if clause else section["id"],
                     "text": link.text, "href": link.href, "start": link.start, "end": link.end})
    return rows


def _span_at(rows, starts, offset):
    """The row (rows have start and end, in text order; starts: their starts) whose span holds offset."""
    at = bisect.bisect_right(starts, offset) - 1
    return rows[at] if at >= 0 and offset < rows[at]["end"] else None


def tag_clauses(entry, clauses, taxonomy):
    """Set each clause's modality and measures; yield a clause_measures row per measure with its evidence.

    Chinese policy text often opens a list of duties with 要 and separates the items with ；: an item with
    no modal word of its own takes the modality of the item before it in the same paragraph."""
    instruments = {c["id"]: c["instrument"] for c in taxonomy["categories"]}
    previous = None
    for clause in clauses:
        lead_in = None
        if previous and previous["paragraph"] == clause["paragraph"] and previous["section_id"] == clause["section_id"] \
                and carries_lead_in(previous["text"], entry["language"]):
            lead_in = previous["modality"]
        tags, (clause["modality"], clause["modality_cue"]) = tag_clause(clause["text"], entry["language"], taxonomy, lead_in)
        clause["measures"] = json_list(tuple(t["measure_id"] for t in tags))
        clause["instruments"] = json_list(tuple(sorted({instruments[t["measure_id"]] for t in tags})))
        for t in tags:
            yield {
                "id": f"{clause['id']}--{t['measure_id']}", "clause_id": clause["id"], "measure_id": t["measure_id"],
                "document_id": entry["id"], "cue": t["cue"], "matched": clause["text"][t["start"]:t["end"]],
                "start": clause["start"] + t["start"], "end": clause["start"] + t["end"], "method": t["method"],
                "modality": clause["modality"],
            }
        previous = clause


@functools.lru_cache(maxsize=1024)  # a few lists (mostly []) recur over every clause of the corpus
def json_list(items: tuple) -> str:
    return json.dumps(list(items))


def ledger_row(entry, clause, n, span, prefix):
    """The columns figures and dates share: id, where the item is, and the sentence it is in."""
    return {
        "id": f"{clause['id']}-{prefix}{n}",
        "document_id": entry["id"],
        "clause_id": clause["id"],
        "surface": span["surface"],
        "start": clause["start"] + span["start"],
        "end": clause["start"] + span["end"],
        "sentence": clause["text"],
    }


def _date_fields(span):
    return {k: span[k] for k in ("date_start", "date_end", "precision", "role")}


def _clause_dates(entry, parsed, doc_date):
    """Date rows, and each clause's dates (tag_dates() spans) by clause id for the figures in it."""
    rows, by_clause = [], {}
    for clause in parsed["clauses"]:
        spans = by_clause[clause["id"]] = tag_dates(clause["text"], entry["language"], doc_date)
        for n, span in enumerate(spans, start=1):
            rows.append({**ledger_row(entry, clause, n, span, "d"), **_date_fields(span)})
    return rows, by_clause


def _line_dates(entry, line, spans, row_id, **fields):
    return [
        {"id": f"{row_id}-d{n}", "document_id": entry["id"], "clause_id": None, "surface": span["surface"],
         "start": line.start + span["start"], "end": line.start + span["end"], "sentence": line.text,
         **_date_fields(span), **fields}
        for n, span in enumerate(spans, start=1)
    ]


def _table_dates(entry, parsed, doc_date):
    """Years heading an indicator table's value column ('Indicators | 2025 | …') are target dates too; a year
    labelling a row ('2021 | 1 250 | 88') is the date of that row's figures."""
    rows = []
    for t, header in enumerate(parsed["table_headers"], start=1):
        rows += _line_dates(entry, header, tag_dates(header.text, entry["language"], doc_date), f"{entry['id']}-table{t}")
    for table, lines in _tables(parsed):
        for index, start, end, year in row_years(lines):
            row = table[index]
            rows.append({"id": f"{row['id']}-d1", "document_id": entry["id"], "clause_id": None,
                         "surface": row["text"][start - row["start"]:end - row["start"]], "start": start,
                         "end": end, "sentence": row["text"], "date_start": f"{year}-01-01",
                         "date_end": f"{year}-12-31", "precision": "year", "role": "event"})
    return rows


def _tables(parsed):
    """(rows, their Lines) of each of the document's tables, header row first."""
    tables = {}
    for row in parsed["table_rows"]:
        tables.setdefault(row["table_number"], []).append(row)
    return [(rows, [Line(r["line"], r["start"], r["end"], r["text"]) for r in rows]) for rows in tables.values()]


def _published_dates(entry, parsed, doc_date):
    """The day a page's dateline or byline says it was published (发布时间：…, Updated: …): role published."""
    rows = []
    for line in parsed["published_lines"]:
        days = [d for d in tag_dates(line.text, entry["language"], doc_date) if d["precision"] == "day"][:1]
        rows += _line_dates(entry, line, days, f"{entry['id']}-l{line.number}", role="published")
    return rows


def _clause_figures(entry, parsed, dates, clause_dates, tokenizer, doc_date):
    # A plan's targets usually name their year once ("By 2025") and not in every clause: a target
    # figure whose clause names no year refers to the document's own target year, when it has one.
    target_years = sorted({int(d["date_end"][:4]) for d in dates if d["role"] == "target"})
    target_year = target_years[-1] if target_years else None
    for clause in parsed["clauses"]:
        words = clause["text_seg"].split(" ") if clause["text_seg"] else None
        found = tag_figures(clause["text"], entry["language"], doc_date, tokenizer, words,
                            clause_dates[clause["id"]], target_year)
        for n, span in enumerate(found, start=1):
            yield {
                **ledger_row(entry, clause, n, span, "f"), "indicator_id": None,
                "value": span["value"], "value_high": span["value_high"], "unit": span["unit"],
                "qualifier": span["qualifier"], "kind": span["kind"], "year": span["year"],
            }


def _indicator_figures(entry, parsed):
    """Each indicator's value is a figure too: a target for the year heading its column."""
    return [
        {
            "id": f"{ind['id']}-f1", "document_id": entry["id"], "clause_id": None, "indicator_id": ind["id"],
            "surface": ind["value_as_printed"], "start": ind["value_start"], "end": ind["value_end"],
            "sentence": ind["row_text"], "value": ind["value"], "value_high": None, "unit": ind["indicator"],
            "qualifier": None, "kind": "target", "year": ind["target_year"],
        }
        for ind in parsed["indicators"]
    ]


def _table_figures(entry, parsed, doc_date):
    """Every other number a table's cells hold (an indicator row's target is an indicator figure already): the
    openings and pay of a job fair's table, a year's counts, a plan's baseline column. Id: the table row's id
    and the column (…-tbl1-r3-c2), so a cell keeps its id when text elsewhere changes."""
    doc_year = int(str(doc_date)[:4]) if doc_date else None
    taken = {ind["value_start"] for ind in parsed["indicators"]}
    figures = []
    for rows, lines in _tables(parsed):
        for cell in table_figures(lines, doc_year):
            if cell["start"] in taken:
                continue
            row = rows[cell["ordinal"]]
            figures.append({
                "id": f"{row['id']}-c{cell['column']}", "document_id": entry["id"], "clause_id": None,
                "indicator_id": None, "surface": cell["surface"], "start": cell["start"], "end": cell["end"],
                "sentence": row["text"], "value": cell["value"], "value_high": cell["value_high"],
                "unit": cell["unit"], "qualifier": cell["qualifier"], "kind": cell["kind"],
                "year": cell["year"] or doc_year,
            })
    return figures


def check_document_dates(entry, dates):
    """Do the manifest's dates agree with the text? The signature date gives the issue date; a dateline
    in the page chrome (发布时间：…, Updated: …) gives the publication date."""
    notes = []
    for field, role in (("issue_date", "issued"), ("publication_date", "published")):
        found = sorted({d["date_start"] for d in dates if d["role"] == role})
        stated = entry.get(field)
        if not found:
            continue
        if stated is None:
            notes.append(f"{field} not in manifest; text says {', '.join(found)}")
        elif not any(f.startswith(stated) for f in found):
            notes.append(f"{field} {stated} disagrees with text {', '.join(found)}")
        else:
            notes.append(f"{field} agrees")
    return "; ".join(notes) or "no dates stated in text"


def _document_row(entry, model, sha256, parsed, doc_date, doc_date_source):
    gongwen = parsed["gongwen"]
    doc_number = entry["doc_number"] or gongwen["doc_number"]
    number = parse_doc_number(doc_number) or {}
    return {
        "id": entry["id"],
        "title": entry["title"],
        "title_en": entry["title_en"] if entry["language"] != "en" else entry["title"],
        "title_zh": entry["title_zh"] if entry["language"] != "zh" else entry["title"],
        # Its titles as another document's citation of it is compared (worked out here, once, not at every build).
        "title_keys": json.dumps(list(dict.fromkeys(
            normalise_title(t) for t in (entry["title"], entry["title_en"], entry["title_zh"]) if t)), ensure_ascii=False),
        "language": entry["language"],
        "type": entry["type"],
        "issuer": entry["issuer"],
        "doc_number": doc_number,
        "doc_number_printed": gongwen["doc_number"],
        "doc_number_agency": number.get("agency"),
        "doc_number_year": number.get("year"),
        "doc_number_sequence": number.get("sequence"),
        "issue_date": entry["issue_date"],
        "publication_date": entry["publication_date"],
        "document_date": doc_date,
        "document_date_source": doc_date_source,
        "addressee": gongwen["addressee"],
        "signatories": json.dumps(gongwen.get("signatories") or [], ensure_ascii=False),
        "signed_date": gongwen.get("signed_date"),
        "attachments": json.dumps(gongwen.get("attachments") or [], ensure_ascii=False),
        "cc": gongwen.get("cc"),
        "printed_by": gongwen.get("printed_by"),
        "printed_date": gongwen.get("printed_date"),
        "source_name": entry["source_name"],
        "source_url": entry["source_url"],
        "translation": entry["translation"],
        "translation_of": entry.get("translation_of"),
        "translator": entry.get("translator"),
        "about": json.dumps(entry["about"], ensure_ascii=False),
        "file": entry["path"].name,
        "format": model.format,
        "sha256": sha256,
        "chars": len(model.text),
        "section_count": len(parsed["sections"]),
        "clause_count": len(parsed["clauses"]),
        "date_check": None,
    }
