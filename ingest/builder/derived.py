"""Tables derived from all documents at once: glossary and measure totals, the indicator registry, figure links,
and the build's own record. A full build computes them; an incremental build updates what the changed documents touch."""
import datetime
import hashlib
import importlib.metadata
import itertools
import json
import platform
import sqlite3
from typing import NamedTuple

from .links import figure_keys, link_figures
from .rows import insert_rows

__all__ = ["figure_keys", "touched", "refresh_glossary", "refresh_measures", "refresh_indicators", "relink_figures",
           "record_build"]
# Generations whose changed documents the build log keeps: a slot further behind is copied whole.
LOG_GENERATIONS = 20


class Touched(NamedTuple):
    terms: set  # glossary terms occurring in the changed documents (before or after the change)
    measures: set  # measures their clauses carry


def touched(conn, doc_ids, before: Touched | None = None) -> Touched:
    """The glossary terms and measures of these documents' rows, added to those found before."""
    terms, measures = set(before.terms) if before else set(), set(before.measures) if before else set()
    for doc_id in doc_ids:
        terms.update(t for (t,) in conn.execute("select term_id from main.glossary_counts where document_id = ?", [doc_id]))
        measures.update(m for (m,) in conn.execute("select distinct measure_id from main.clause_measures where document_id = ?", [doc_id]))
    return Touched(terms, measures)


def refresh_glossary(db, glossary, terms=None):
    """Glossary rows with their totals summed from glossary_counts: every term (terms None), or these."""
    if terms is None:
        db.execute("delete from glossary")
        totals = dict(db.execute("select term_id, sum(occurrences) from glossary_counts group by term_id").fetchall())
        db["glossary"].insert_all(
            {
                "id": term["id"],
                "zh": json.dumps(term["zh"], ensure_ascii=False),
                "en": json.dumps(term["en"], ensure_ascii=False),
                "note": term["note"],
                "total_count": totals.get(term["id"], 0),
            }
            for term in glossary
        )
        return
    db.conn.executemany(
        "update glossary set total_count = (select coalesce(sum(occurrences), 0) from glossary_counts "
        "where term_id = glossary.id) where id = ?", ((t,) for t in sorted(terms)))


def refresh_measures(db, taxonomy, measures=None):
    """The taxonomy as a table, with how many clauses and documents carry each measure (all, or these)."""
    count_sql = "select count(*), count(distinct document_id) from clause_measures where measure_id = ?"
    if measures is None:
        db.execute("delete from measures")
        counts = {
            m: (c, d) for m, c, d in db.execute(
                "select measure_id, count(*), count(distinct document_id) from clause_measures group by measure_id")
        }
        db["measures"].insert_all(
            {
                "id": c["id"], "name_en": c["name_en"], "name_zh": c["name_zh"], "instrument": c["instrument"],
                "definition": c["definition"],
                "cues_zh": json.dumps([cue.text for cue in c["cues"].get("zh", [])], ensure_ascii=False),
                "cues_en": json.dumps([cue.text for cue in c["cues"].get("en", [])], ensure_ascii=False),
                "clause_count": counts.get(c["id"], (0, 0))[0], "document_count": counts.get(c["id"], (0, 0))[1],
            }
            for c in taxonomy["categories"]
        )
        return
    for measure in sorted(measures):
        clauses, documents = db.execute(count_sql, [measure]).fetchone()
        db.execute("update measures set clause_count = ?, document_count = ? where id = ?", [clauses, documents, measure])


def refresh_indicators(db, registry):
    """The indicator registry as a table, with how many figures and documents state each indicator. Rewritten
    whole on every build: it has a row per curated indicator (dozens), and the counts come from one indexed
    GROUP BY."""
    db.execute("delete from indicator_registry")
    counts = {i: (f, d) for i, f, d in db.execute(
        "select indicator, count(*), count(distinct document_id) from figure_indicators group by indicator")}

    def cues(cue_lists, lang):
        return json.dumps([cue.text for cue in cue_lists.get(lang, [])], ensure_ascii=False)

    rows = [
        {
            "id": ind["id"], "name_en": ind["name_en"], "name_zh": ind["name_zh"], "definition": ind["definition"],
            "unit": ind["unit"], "scope": ind["scope"],
            "place_en": json.dumps(list(ind["where"].get("en", ())), ensure_ascii=False),
            "place_zh": json.dumps(list(ind["where"].get("zh", ())), ensure_ascii=False),
            "cues_en": cues(ind["cues"], "en"), "cues_zh": cues(ind["cues"], "zh"),
            "not_cues_en": cues(ind["not_cues"], "en"), "not_cues_zh": cues(ind["not_cues"], "zh"),
            "table_rows": json.dumps(list(ind["table_rows"]), ensure_ascii=False),
            "figure_count": counts.get(ind["id"], (0, 0))[0], "document_count": counts.get(ind["id"], (0, 0))[1],
            "sort_order": n,
        }
        for n, ind in enumerate(registry["indicators"], start=1)
    ]
    if rows:
        insert_rows(db.conn, "indicator_registry", rows)


def relink_figures(conn, keys, changed_ids):
    """Refill figure_links: all of it (keys None, a full build), or the links of figures with one of these
    (indicator, as-of date) keys or a key of a changed document (the only links a change can alter)."""
    if keys is None:
        conn.execute("delete from figure_links")
    else:
        keys |= figure_keys(conn, changed_ids)
        conn.executemany("delete from figure_links where figure_id in (select figure_id from figure_indicators "
                         "where indicator = ? and as_of_end = ?)", sorted(keys))
    links = link_figures(conn, keys)
    while batch := list(itertools.islice(links, 10_000)):
        insert_rows(conn, "figure_links", batch)


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def record_build(db, plan):
    """The build_info row (when, how, from what inputs, with which versions) and the build log: which documents
    each recent generation changed, so that the other slot can be brought up to date from it."""
    inputs = sorted(h for (h,) in db.execute("select input_sha256 from documents"))
    corpus = hashlib.sha256("".join(inputs).encode() + plan.knowledge_sha256.encode())
    if plan.mode == "full":
        db.execute("delete from build_log")
    else:
        # The log as the served database has it (this slot's own copy is a generation or two behind), trimmed.
        db.execute("delete from main.build_log")
        db.execute("insert into main.build_log select * from served.build_log where generation > ?",
                   [plan.generation - LOG_GENERATIONS])
    changes = [{"id": f"{plan.generation}-{doc_id}", "generation": plan.generation, "document_id": doc_id,
                "change": change} for doc_id, change in plan.changes()]
    if changes:
        insert_rows(db.conn, "build_log", changes)
    db.execute("delete from build_info")
    db["build_info"].insert({
        "key": "build",
        "generation": plan.generation,
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": plan.mode,
        "documents_processed": len(plan.to_process),
        "corpus_sha256": corpus.hexdigest(),
        "knowledge_sha256": plan.knowledge_sha256,
        "document_count": len(inputs),
        "clause_count": db.execute("select count(*) from clauses").fetchone()[0],
        "python_version": platform.python_version(),
        "sqlite_version": sqlite3.sqlite_version,
        "rjieba_version": _version("rjieba"),
        "sqlite_utils_version": _version("sqlite-utils"),
        "datasette_version": _version("datasette"),
        "cn2an_version": _version("cn2an"),
        "opencc_version": _version("opencc"),
    })
