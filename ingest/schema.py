"""The database's shape, declared as data and applied by one function."""
from sqlite_utils.db import ANY

# A quantity: declared ANY, which in an ordinary (not STRICT) table has NUMERIC affinity, so a whole number is
# stored as an integer (1490, not 1490.0: that is how JSON, CSV and pages print it) and a fraction as a real.
NUMBER = ANY

# table -> (columns in order with SQLite types, primary key, foreign keys)
TABLES = {
    "documents": (
        {
            "id": str, "title": str, "title_en": str, "title_zh": str, "language": str, "type": str,
            "issuer": str, "doc_number": str, "doc_number_printed": str, "doc_number_agency": str, "doc_number_year": int,
            "doc_number_sequence": int, "issue_date": str, "publication_date": str, "document_date": str,
            "document_date_source": str, "addressee": str, "signatories": str, "signed_date": str,
            "attachments": str, "cc": str, "printed_by": str, "printed_date": str,
            "source_name": str, "source_url": str, "translation": str, "about": str,
            "file": str, "format": str, "sha256": str, "chars": int, "section_count": int, "clause_count": int,
            "date_check": str, "manifest_position": int, "sort_base": int, "title_keys": str, "input_sha256": str, "file_stat": str,
            "translation_of": str, "translator": str, "status": str, "status_evidence": str, "status_as_of": str,
        },
        "id", [],
    ),
    "sections": (
        {
            "id": str, "document_id": str, "parent_id": str, "level": int, "number": str,
            "heading": str, "text": str, "start": int, "end": int, "line": int, "sort_order": int,
        },
        "id", [("document_id", "documents", "id"), ("parent_id", "sections", "id")],
    ),
    "clauses": (
        {
            "id": str, "document_id": str, "section_id": str, "paragraph": int, "sentence": int,
            "position": int, "sort_key": int, "item": str, "part": str, "text": str, "start": int, "end": int,
            "line": int, "page": int, "language": str,
            "modality": str, "modality_cue": str, "measures": str, "instruments": str,
        },
        "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")],
    ),
    "indicators": (
        {
            "id": str, "document_id": str, "section_id": str, "number": str, "indicator": str,
            "target_year": int, "value_as_printed": str, "unit_as_printed": str, "value": NUMBER,
            "attribute": str, "row_text": str, "start": int, "end": int, "value_start": int, "value_end": int,
        },
        "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")],
    ),
    "dates": (
        {
            "id": str, "document_id": str, "clause_id": str, "surface": str, "date_start": str, "date_end": str,
            "precision": str, "role": str, "start": int, "end": int, "sentence": str,
        },
        "id", [("document_id", "documents", "id"), ("clause_id", "clauses", "id")],
    ),
    "figures": (
        {
            "id": str, "document_id": str, "clause_id": str, "indicator_id": str, "surface": str, "value": NUMBER,
            "value_high": NUMBER,
            "unit": str, "qualifier": str, "kind": str, "year": int, "start": int, "end": int, "sentence": str,
        },
        "id", [("document_id", "documents", "id"), ("clause_id", "clauses", "id"), ("indicator_id", "indicators", "id")],
    ),
    # The indicator registry (corpus/indicators.yml) as a table, with how many figures state each indicator.
    "indicator_registry": (
        {
            "id": str, "name_en": str, "name_zh": str, "definition": str, "unit": str, "scope": str,
            "place_en": str, "place_zh": str, "cues_en": str, "cues_zh": str, "not_cues_en": str,
            "not_cues_zh": str, "table_rows": str, "figure_count": int, "document_count": int, "sort_order": int,
        },
        "id", [],
    ),
    # The indicator a figure measures (at most one), with the evidence and the date it is as of.
    "figure_indicators": (
        {
            "figure_id": str, "document_id": str, "indicator": str, "kind": str, "as_of": str, "as_of_end": str,
            "deadline": str, "as_of_basis": str, "as_of_date_id": str, "method": str, "cue": str, "evidence": str,
            "evidence_start": int, "evidence_end": int, "place": str,
        },
        "figure_id", [("figure_id", "figures", "id"), ("document_id", "documents", "id"),
                      ("indicator", "indicator_registry", "id"), ("as_of_date_id", "dates", "id")],
    ),
    "figure_links": (
        {"id": str, "figure_id": str, "other_figure_id": str, "other_document_id": str, "basis": str},
        "id", [("figure_id", "figures", "id"), ("other_figure_id", "figures", "id"), ("other_document_id", "documents", "id")],
    ),
    "table_rows": (
        {"id": str, "document_id": str, "section_id": str, "table_number": int, "row_number": int, "cells": str,
         "text": str, "start": int, "end": int, "line": int, "page": int},
        "id", [("document_id", "documents", "id"), ("section_id", "sections", "id")],
    ),
    "links": (
        {"id": str, "document_id": str, "clause_id": str, "section_id": str, "text": str, "href": str,
         "start": int, "end": int},
        "id", [("document_id", "documents", "id"), ("clause_id", "clauses", "id"), ("section_id", "sections", "id")],
    ),
    "chrome_lines": (
        {"id": str, "document_id": str, "line": int, "text": str, "reason": str},
        "id", [("document_id", "documents", "id")],
    ),
    "measures": (
        {
            "id": str, "name_en": str, "name_zh": str, "instrument": str, "definition": str,
            "cues_zh": str, "cues_en": str, "clause_count": int, "document_count": int,
        },
        "id", [],
    ),
    "clause_measures": (
        {
            "id": str, "clause_id": str, "measure_id": str, "document_id": str, "cue": str, "matched": str,
            "start": int, "end": int, "method": str, "modality": str,
        },
        "id", [("clause_id", "clauses", "id"), ("measure_id", "measures", "id"), ("document_id", "documents", "id")],
    ),
    "glossary": (
        {"id": str, "zh": str, "en": str, "note": str, "total_count": int},
        "id", [],
    ),
    "glossary_counts": (
        {"id": str, "term_id": str, "document_id": str, "occurrences": int},
        "id", [("term_id", "glossary", "id"), ("document_id", "documents", "id")],
    ),
    # What documents say of each other (ingest/relations.py), resolved to corpus documents by builder/related.py.
    "relations": (
        {
            "id": str, "document_id": str, "kind": str, "to_document_id": str, "target_title": str,
            "target_number": str, "target_key": str, "target_title_key": str, "evidence_clause_id": str, "evidence_start": int,
            "evidence_end": int, "evidence_text": str, "source": str, "resolved_by": str,
        },
        "id", [("document_id", "documents", "id"), ("to_document_id", "documents", "id"),
               ("evidence_clause_id", "clauses", "id")],
    ),
    # A translation's units beside its original's (ingest/align.py), one row per bead, in reading order.
    "alignments": (
        {
            "id": str, "document_id": str, "original_document_id": str, "position": int, "bead": str,
            "original_table": str, "original_id": str, "original_ids": str, "original_start": int, "original_end": int,
            "original_text": str, "translation_table": str, "translation_id": str, "translation_ids": str,
            "translation_start": int, "translation_end": int, "translation_text": str, "confidence": float,
            "length_score": float, "glossary_score": float, "glossary_terms": str, "numbers_original": str,
            "numbers_translation": str, "numbers_disagree": int, "numbers_note": str,
        },
        "id", [("document_id", "documents", "id"), ("original_document_id", "documents", "id")],
    ),
    # Each document's status over time (ingest/validity.py): one row per period, with the evidence.
    "validity": (
        {"id": str, "document_id": str, "status": str, "valid_from": str, "valid_until": str, "evidence": str,
         "evidence_id": str},
        "id", [("document_id", "documents", "id")],
    ),
    # Id history (ingest/ids.py, ingest/builder/aliases.py): every id a build published and no longer serves, with its
    # successor or none; and each document's content hash whenever it changes.
    "id_aliases": (
        {
            "old_id": str, "table_name": str, "document_id": str, "new_id": str, "reason": str, "similarity": float,
            "generation": int, "changed_at": str, "text": str, "surface": str, "content_hash": str,
        },
        "old_id", [],
    ),
    "document_versions": (
        {
            "id": str, "document_id": str, "generation": int, "built_at": str, "change": str,
            "content_sha256": str, "structure_sha256": str, "input_sha256": str, "clause_count": int,
            "ids_renamed": int, "ids_retired": int,
        },
        "id", [],
    ),
    "build_log": (
        {"id": str, "generation": int, "document_id": str, "change": str},
        "id", [],
    ),
    "build_info": (
        {
            "key": str, "generation": int, "built_at": str, "mode": str, "documents_processed": int, "corpus_sha256": str,
            "knowledge_sha256": str, "document_count": int, "clause_count": int,
            "python_version": str, "sqlite_version": str, "rjieba_version": str,
            "sqlite_utils_version": str, "datasette_version": str, "cn2an_version": str, "opencc_version": str,
        },
        "key", [],
    ),
}

INDEXES = {
    "sections": [["document_id", "sort_order"]],
    "clauses": [["document_id", "position"], ["sort_key"], ["section_id"], ["language"], ["modality"]],
    "indicators": [["document_id"]],
    "dates": [["document_id"], ["clause_id"], ["date_start"], ["role"]],
    "figures": [["document_id"], ["clause_id"], ["value"], ["unit"], ["kind"], ["year"]],
    "figure_indicators": [["document_id"], ["indicator", "as_of_end"]],
    "figure_links": [["figure_id"], ["other_figure_id"], ["other_document_id"]],
    # Covering indexes: the glossary and measure totals are re-summed on every build, incremental ones too.
    "glossary_counts": [["document_id"], ["term_id", "document_id", "occurrences"]],
    "clause_measures": [["document_id"], ["measure_id", "document_id"], ["clause_id"]],
    "chrome_lines": [["document_id"]],
    "links": [["document_id"], ["clause_id"]],
    "table_rows": [["document_id", "table_number", "row_number"]],
    "build_log": [["generation"]],
    "relations": [["document_id"], ["to_document_id"], ["target_key"], ["evidence_clause_id"]],
    "alignments": [["document_id", "position"], ["original_document_id"], ["original_id"], ["translation_id"]],
    "validity": [["document_id", "valid_from"]],
    "id_aliases": [["document_id"], ["new_id"]],
    "document_versions": [["document_id", "generation"]],
}


# Views: name -> SQL. figure_mentions lists each figure beside the other places the same quantity is stated.
VIEWS = {
    # For a report "about" another document: per measure, what the source said and what the report says.
    "measure_comparison": """
select m.id as measure_id, m.name_en, m.name_zh, m.instrument,
  src.id as source_document_id, rep.id as report_document_id,
  (select count(*) from clause_measures x where x.document_id = src.id and x.measure_id = m.id) as source_clause_count,
  (select group_concat(c.text, ' / ') from (select c.text from clause_measures x join clauses c on c.id = x.clause_id
     where x.document_id = src.id and x.measure_id = m.id order by c.position limit 3) c) as source_says,
  (select count(*) from clause_measures x where x.document_id = rep.id and x.measure_id = m.id) as report_clause_count,
  (select group_concat(c.text, ' / ') from (select c.text from clause_measures x join clauses c on c.id = x.clause_id
     where x.document_id = rep.id and x.measure_id = m.id order by c.position limit 3) c) as report_says
from documents rep
join json_each(rep.about) a
join documents src on src.id = a.value
join measures m
where source_clause_count > 0 or report_clause_count > 0
""",
    # External nodes of the relation graph: documents cited that the corpus does not hold, one row per target.
    "cited_outside_corpus": """
select r.target_key,
  (select x.target_title from relations x join documents d on d.id = x.document_id
     where x.target_key = r.target_key and x.target_title is not null
     order by d.translation_of is not null, x.id limit 1) as title,
  (select x.target_number from relations x where x.target_key = r.target_key and x.target_number is not null
     order by x.id limit 1) as number,
  count(distinct r.document_id) as cited_by, count(*) as mentions, min(r.evidence_clause_id) as example_clause_id
from relations r
where r.kind = 'cites' and r.to_document_id is null
group by r.target_key
""",
    "figure_mentions": """
select f.id as figure_id, f.document_id, f.surface, f.value, f.unit, f.kind, f.year, f.sentence,
  l.basis, o.id as other_figure_id, o.document_id as other_document_id, o.surface as other_surface,
  o.unit as other_unit, o.kind as other_kind, o.year as other_year, o.sentence as other_sentence
from figures f
join figure_links l on l.figure_id = f.id
join figures o on o.id = l.other_figure_id
""",
}


# An indicator's values over time: one row per figure mapped to it (figure_indicators), with what a reader checks
# it by. Permalinks and citations are made when a page is served (the indicator_values canned query).
VIEWS["indicator_series"] = """
select fi.indicator, r.name_en as indicator_name_en, r.name_zh as indicator_name_zh, r.unit as indicator_unit,
  fi.as_of, fi.as_of_end, fi.kind, fi.deadline, f.value, f.value_high, f.qualifier, f.surface,
  fi.figure_id, f.clause_id, f.indicator_id as table_row_id, fi.document_id, d.title as document_title,
  d.issuer, d.document_date, fi.method, fi.cue, fi.evidence, f.sentence
from figure_indicators fi
join figures f on f.id = fi.figure_id
join documents d on d.id = fi.document_id
join indicator_registry r on r.id = fi.indicator
"""
# Where documents disagree: an indicator, an as-of date and a kind for which two or more documents state
# different values. One row per such group, linear in the number of mapped figures (a GROUP BY, no pairs).
VIEWS["indicator_conflicts"] = """
select fi.indicator, r.name_en as indicator_name_en, r.name_zh as indicator_name_zh, fi.as_of_end, fi.kind,
  count(distinct f.value) as distinct_values, count(distinct fi.document_id) as document_count,
  min(f.value) as lowest_value, max(f.value) as highest_value,
  json_group_array(json_object('value', f.value, 'qualifier', f.qualifier, 'surface', f.surface,
    'figure_id', f.id, 'document_id', fi.document_id)) as statements
from figure_indicators fi
join figures f on f.id = fi.figure_id
join indicator_registry r on r.id = fi.indicator
group by fi.indicator, fi.as_of_end, fi.kind
having count(distinct f.value) > 1 and count(distinct fi.document_id) > 1
"""


# Full-text indexes: name -> (indexed column, FTS5 tokenizer). The search copy of each clause (search.index_text)
# is indexed under the clause's sort key. Porter stems English on both sides (train finds training); CJK
# characters are separated before indexing, so unicode61 makes each its own token.
FTS_TOKENIZE = "porter unicode61 remove_diacritics 2"
FTS = {"clauses_fts": ("search_text", FTS_TOKENIZE)}


def ensure_schema(db, tables=TABLES, indexes=INDEXES, views=VIEWS, fts=FTS):
    """Create every table, foreign key, full-text index, index and view; safe to run on a database that has them.
    Pass indexes={} to leave the indexes for later (a full build creates them after the inserts)."""
    for name, (columns, pk, fks) in tables.items():
        if not db[name].exists():
            db[name].create(columns, pk=pk, foreign_keys=fks, not_null={pk} if isinstance(pk, str) else set(pk))
    for name, (column, tokenize) in fts.items():
        # Contentless (content=''): the index keeps its tokens, not a second copy of every clause's text; the
        # search page marks hits itself (search.hit_spans), and entries are removed with FTS5's 'delete' command.
        db.conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS [{name}] USING fts5([{column}], tokenize='{tokenize}', content='')")
    for name, index_list in indexes.items():
        for cols in index_list:
            db[name].create_index(cols, if_not_exists=True)
    for name, sql in views.items():
        db.create_view(name, sql.strip(), ignore=True)
