"""Tables derived from all documents at once, rewritten at the end of every build: glossary and measure
totals, figure links, and the build's own record."""
import datetime
import hashlib
import importlib.metadata
import itertools
import json
import platform
import sqlite3

from .links import figure_values, link_figures
from .rows import insert_rows

__all__ = ["figure_values", "refresh_glossary", "refresh_measures", "relink_figures", "record_build"]


def refresh_glossary(db, glossary):
    """Glossary rows with totals summed from glossary_counts (which each document's processing filled)."""
    db.execute("delete from glossary")
    # The covering index hands each term's rows over in document order, so document_counts lists documents
    # in id order; INDEXED BY makes that a guarantee (the query fails rather than lose the order).
    totals = {
        term_id: (total, counts) for term_id, total, counts in db.execute(
            "select term_id, sum(occurrences), json_group_object(document_id, occurrences) "
            "from glossary_counts indexed by idx_glossary_counts_term_id_document_id_occurrences "
            "group by term_id").fetchall()
    }
    db["glossary"].insert_all(
        {
            "id": term["id"],
            "zh": json.dumps(term["zh"], ensure_ascii=False),
            "en": json.dumps(term["en"], ensure_ascii=False),
            "note": term["note"],
            "total_count": totals.get(term["id"], (0, "{}"))[0],
            "document_counts": totals.get(term["id"], (0, "{}"))[1],
        }
        for term in glossary
    )


def refresh_measures(db, taxonomy):
    """The taxonomy as a table, with how many clauses and documents carry each measure."""
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


def relink_figures(conn, values, processed_ids):
    """Refill figure_links: all of it (values None, a full build), or the links of figures with one of these
    values or a value of a document just processed (the only links a change can alter)."""
    if values is None:
        conn.execute("delete from figure_links")
    else:
        values |= figure_values(conn, processed_ids)
        conn.executemany("delete from figure_links where figure_id in (select id from figures where value = ?)",
                         ((v,) for v in values))
    links = link_figures(conn, values)
    while batch := list(itertools.islice(links, 10_000)):
        insert_rows(conn, "figure_links", batch)


def _version(package):
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return None


def record_build(db, plan):
    """The build_info row: when, how, from what inputs, with which versions."""
    inputs = sorted(h for (h,) in db.execute("select input_sha256 from documents"))
    corpus = hashlib.sha256("".join(inputs).encode() + plan.knowledge_sha256.encode())
    db.execute("delete from build_info")
    db["build_info"].insert({
        "key": "build",
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
