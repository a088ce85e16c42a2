"""Everything one document contributes to the database, as rows per table.

A pure function of the manifest entry, its file and the curated knowledge, so documents can be
processed in any order, in parallel, and redone one at a time.
"""
import functools
import json

from . import search
from .document.parse import parse_document, read_source
from .normalise import normalise
from .segment import get_tokenizer
from .taggers.dates import tag_dates
from .taggers.figures import tag_figures
from .taggers.glossary import count_terms
from .taggers.measures import carries_lead_in, tag_clause


def document_date(entry):
    """The date relative dates in the text resolve against: the issue date, else the publication date."""
    return entry.get("issue_date") or entry.get("publication_date")


def process_document(entry, curated):
    """Rows for every table, keyed by table name; "_fts" holds (clause id, indexed text) pairs.

    curated: the Curated data (glossary, taxonomy, user dictionary) every document is processed with.
    """
    # normalise() keeps recent clauses so that the taggers of one document share that work. Across documents
    # it would help only where documents repeat clauses word for word: rarely in real corpora, in three
    # clauses of four in the synthetic benchmark (recombined seed clauses), which it would flatter. So each
    # document starts with it empty.
    normalise.cache_clear()
    source, sha256 = read_source(entry)
    tokenizer = get_tokenizer(curated.userdict)
    parsed = parse_document(entry, source, tokenizer)
    doc = _document_row(entry, source, sha256, parsed)
    clause_measures = list(tag_clauses(entry, parsed["clauses"], curated.taxonomy))
    dates, clause_dates = _clause_dates(entry, parsed)
    dates += _table_dates(entry, parsed)
    doc["date_check"] = check_document_dates(entry, dates, parsed["chrome"])
    figures = list(_clause_figures(entry, parsed, dates, clause_dates, tokenizer))
    figures += _indicator_figures(entry, parsed)
    chrome = [{"id": f"{entry['id']}-l{c['line']}", **c} for c in parsed["chrome"]]
    texts = [c["text"] for c in parsed["clauses"]]
    term_counts = [
        {"id": f"{term_id}--{entry['id']}", "term_id": term_id, "document_id": entry["id"], "occurrences": found}
        for term_id, found in count_terms(curated.glossary, texts).items()
    ]
    return {
        "documents": [doc],
        "sections": parsed["sections"],
        "clauses": parsed["clauses"],
        "indicators": parsed["indicators"],
        "dates": dates,
        "figures": figures,
        "chrome_lines": chrome,
        "glossary_counts": term_counts,
        "clause_measures": clause_measures,
        "_fts": [(c["id"], search.index_text(c["text"])) for c in parsed["clauses"]],
    }


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


def _clause_dates(entry, parsed):
    """Date rows, and each clause's dates (tag_dates() spans) by clause id for the figures in it."""
    rows, by_clause = [], {}
    for clause in parsed["clauses"]:
        spans = by_clause[clause["id"]] = tag_dates(clause["text"], entry["language"], document_date(entry))
        for n, span in enumerate(spans, start=1):
            rows.append({**ledger_row(entry, clause, n, span, "d"), **_date_fields(span)})
    return rows, by_clause


def _table_dates(entry, parsed):
    """Years heading an indicator table's value column ('Indicators | 2025 | …') are target dates too."""
    for t, header in enumerate(parsed["table_headers"], start=1):
        for n, span in enumerate(tag_dates(header.text, entry["language"], document_date(entry)), start=1):
            yield {
                "id": f"{entry['id']}-table{t}-d{n}", "document_id": entry["id"], "clause_id": None,
                "surface": span["surface"], "start": header.start + span["start"], "end": header.start + span["end"],
                "sentence": header.text, **_date_fields(span),
            }


def _clause_figures(entry, parsed, dates, clause_dates, tokenizer):
    # A plan's targets usually name their year once ("By 2025") and not in every clause: a target
    # figure whose clause names no year refers to the document's own target year, when it has one.
    target_years = sorted({int(d["date_end"][:4]) for d in dates if d["role"] == "target"})
    target_year = target_years[-1] if target_years else None
    for clause in parsed["clauses"]:
        words = clause["text_seg"].split(" ") if clause["text_seg"] else None
        found = tag_figures(clause["text"], entry["language"], document_date(entry), tokenizer, words,
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


def check_document_dates(entry, dates, chrome):
    """Do the manifest's dates agree with the text? The signature date gives the issue date; a dateline
    in the page chrome (发布时间：…, Updated: …) gives the publication date."""
    notes = []
    issued = sorted({d["date_start"] for d in dates if d["role"] == "issued"})
    published = sorted({
        d["date_start"] for line in chrome if line["reason"] == "dateline"
        for d in tag_dates(line["text"], entry["language"], None) if d["precision"] == "day"
    })
    for field, found in (("issue_date", issued), ("publication_date", published)):
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


def _document_row(entry, source, sha256, parsed):
    return {
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
    }
