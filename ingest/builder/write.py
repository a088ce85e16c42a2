"""Writing one build into a database file: the changed documents' rows, then what is derived from all of them.

A full build fills a new, empty file. An incremental build brings the other slot (a generation or two behind
the served database) up to date in one transaction: the documents changed since that slot was written are
copied from the served database, the documents changed now are processed and inserted.
"""
import itertools
import sqlite3

import sqlite_utils

from .. import search
from ..schema import INDEXES, ensure_schema
from . import derived
from .aliases import IdKeeper
from .related import refresh_related
from .plan import input_hash
from .rows import insert_rows
from .workers import IN_FLIGHT_PER_WORKER, iter_processed

SORT_KEY_STRIDE = 1_000_000  # more clauses than any one document will have
FTS_HASH_SIZE = 64 * 1024 * 1024  # bytes of search-index entries held before FTS5 writes them out
# Clause rows run to a kilobyte: with 16 KB pages instead of SQLite's 4 KB the inserts take less CPU, the index
# builds too, and the file is smaller. An incremental build keeps the page size of the file it updates.
PAGE_SIZE = 16 * 1024
# Tables filled from per-document rows, in foreign-key order, and per-document rows of curated tables.
DOCUMENT_TABLES = ("documents", "sections", "clauses", "indicators", "dates", "figures", "figure_indicators",
                   "table_rows", "links", "chrome_lines")
PER_DOCUMENT_EXTRAS = ("glossary_counts", "clause_measures", "relations")


def write_build(path, entries, plan, curated, jobs, progress, served=None, catch_up=(), history=None):
    """Write the plan into path: a new file (plan.mode full), or the other slot brought up to date from the
    served database plus the documents of catch_up (changed since the slot was last written). history: the
    served database a full build reads the id history from (an incremental build reads it from served)."""
    full = plan.mode == "full"
    processed = iter_processed(plan.to_process, curated, jobs)
    head = list(itertools.islice(processed, jobs * IN_FLIGHT_PER_WORKER))
    conn = sqlite3.connect(path, uri=True) if full else _connect_for_update(path, served)
    attached = served is not None or history is not None
    if full and history is not None:
        conn.execute("ATTACH DATABASE ? AS served", [f"file:{history}?mode=ro"])
    db = sqlite_utils.Database(conn)
    conn.execute("PRAGMA synchronous = OFF")  # the file is flushed before it is served (store.publish)
    if full:  # both before the first table, the page size first: SQLite ignores it once auto_vacuum is set
        conn.execute("PRAGMA journal_mode = OFF")  # a new file: thrown away on failure
        conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # free pages go back without a VACUUM
    else:
        conn.execute("PRAGMA journal_mode = DELETE")  # a killed update is rolled back when the slot is next opened
    # A full build fills empty tables: building each index once at the end is cheaper than keeping it sorted.
    ensure_schema(db, indexes={} if full else INDEXES)
    ids = IdKeeper(conn, plan.generation, attached)
    # FTS5 collects new entries in memory and writes them out as a segment each time they pass 'hashsize'
    # (1 MB by default); segments are then merged, again and again. At 64 MB a large build writes few segments.
    # The memory is bounded by the setting, not by the corpus. Stored in the table, so rebuilds use it too.
    conn.execute("INSERT INTO clauses_fts (clauses_fts, rank) VALUES ('hashsize', ?)", [FTS_HASH_SIZE])
    positions = {e["id"]: n for n, e in enumerate(entries, start=1)}
    processed_ids = {e["id"] for e in plan.to_process}
    with conn:
        changed = set(catch_up) | set(plan.to_delete) | processed_ids
        # Only figures sharing an indicator and date with a changed document can gain or lose links.
        relink = None if full else derived.figure_keys(conn, changed)
        touched_before = None if full else derived.touched(conn, changed)
        delete_documents(conn, changed)
        copy_documents(conn, sorted(set(catch_up) - set(plan.to_delete) - processed_ids))
        for done, (entry, rows) in enumerate(itertools.chain(head, processed), start=1):
            doc = rows["documents"][0]
            doc["input_sha256"] = input_hash(entry, doc["sha256"])
            doc["file_stat"] = plan.files[entry["id"]][1]
            ids.keep(entry["id"], rows)
            insert_document(conn, rows, positions[entry["id"]])
            progress(done, len(plan.to_process))
        # figure_links is refilled from scratch in a full build, after the other tables: its indexes come last.
        ensure_schema(db, indexes={t: i for t, i in INDEXES.items() if t != "figure_links" or not full})
        renumber_positions(conn, entries)
        record_file_stats(conn, plan.files)
        touched = None if full else derived.touched(conn, changed, touched_before)
        derived.refresh_glossary(db, curated.glossary, touched and touched.terms)
        derived.refresh_measures(db, curated.taxonomy, touched and touched.measures)
        derived.refresh_indicators(db, curated.indicators)
        derived.relink_figures(conn, relink, changed)
        ensure_schema(db)
        derived.record_build(db, plan)
        for doc_id in sorted(ids.served_documents() - set(positions)):
            ids.retire(doc_id)
        ids.record()
        refresh_related(conn, curated.glossary, None if full else changed)
    if full:
        # Merge the search index into one segment, then give back the pages the merges freed. A VACUUM would
        # also defragment, but it rewrites the whole file for 1% of its size.
        conn.execute("INSERT INTO clauses_fts (clauses_fts) VALUES ('optimize')")
        conn.commit()
        conn.executescript("PRAGMA incremental_vacuum;")  # execute() would free one page only
        conn.execute("PRAGMA journal_mode = DELETE")
    if attached:
        conn.execute("DETACH DATABASE served")
    conn.close()


def _connect_for_update(path, served):
    conn = sqlite3.connect(path, uri=True)
    conn.create_function("index_text", 1, search.index_text, deterministic=True)
    conn.execute("ATTACH DATABASE ? AS served", [f"file:{served}?mode=ro"])
    return conn


def delete_documents(conn, doc_ids):
    """Remove every row documents contributed, so they can be written again (or are gone)."""
    for doc_id in sorted(doc_ids):
        conn.execute("delete from clauses_fts where rowid in (select rowid from clauses where document_id = ?)", [doc_id])
        conn.execute("delete from figure_links where figure_id in (select id from figures where document_id = ?) "
                     "or other_document_id = ?", [doc_id, doc_id])
        for table in reversed(DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS):
            conn.execute(f"delete from [{table}] where {'id' if table == 'documents' else 'document_id'} = ?", [doc_id])


def copy_documents(conn, doc_ids):
    """Copy documents' rows from the served database: they changed since this slot was written, and the
    served database has them as they are now. Their search entries are made from their text, as a build
    makes them."""
    for doc_id in doc_ids:
        for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
            key = "id" if table == "documents" else "document_id"
            conn.execute(f"insert into main.[{table}] select * from served.[{table}] where {key} = ?", [doc_id])
        conn.execute("insert into clauses_fts (rowid, search_text) "
                     "select rowid, index_text(text) from main.clauses where document_id = ?", [doc_id])


def insert_document(conn, rows, position):
    """One document's rows, its search index entries and its place in corpus reading order."""
    rows["documents"][0]["manifest_position"] = position
    for clause in rows["clauses"]:
        # Corpus-wide reading order for sorting; not an id (it shifts when documents are added).
        clause["sort_key"] = position * SORT_KEY_STRIDE + clause["position"]
    # New rows get rowids above the largest one, so the clauses just inserted are those past it: a rowid
    # range, found without an index (a full build adds its indexes at the end). Inserting the FTS rows with
    # their rowids is much faster than INSERT ... SELECT from clauses a row at a time.
    (last_rowid,) = conn.execute("select coalesce(max(rowid), 0) from main.clauses").fetchone()
    for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
        if rows[table]:
            insert_rows(conn, table, rows[table])
    rowids = dict(conn.execute("select id, rowid from main.clauses where rowid > ?", [last_rowid]))
    conn.executemany("INSERT INTO clauses_fts (rowid, search_text) VALUES (?, ?)",
                     [(rowids[clause_id], text) for clause_id, text in rows["_fts"]])


def renumber_positions(conn, entries):
    """Keep documents and clause sort keys in manifest order after documents were added or moved: one read of
    every position, then writes for the documents that moved only."""
    stored = dict(conn.execute("select id, manifest_position from main.documents").fetchall())
    for position, entry in enumerate(entries, start=1):
        if stored.get(entry["id"]) != position:
            conn.execute("update main.documents set manifest_position = ? where id = ?", [position, entry["id"]])
            conn.execute("update main.clauses set sort_key = ? * ? + position where document_id = ?",
                         [position, SORT_KEY_STRIDE, entry["id"]])


def record_file_stats(conn, files):
    """Files touched but not changed keep their rows; their new stat spares the next build from reading them."""
    conn.executemany("update main.documents set file_stat = ? where id = ? and file_stat is not ?",
                     ((stat, doc_id, stat) for doc_id, (_, stat) in files.items()))
