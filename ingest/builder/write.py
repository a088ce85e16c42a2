"""Writing one build into a database file: the changed documents' rows, then what is derived from all of them."""
import itertools

import sqlite_utils

from ..schema import INDEXES, ensure_schema
from . import derived
from .plan import input_hash
from .rows import insert_rows
from .workers import IN_FLIGHT_PER_WORKER, iter_processed

SORT_KEY_STRIDE = 1_000_000  # more clauses than any one document will have
FTS_HASH_SIZE = 64 * 1024 * 1024  # bytes of search-index entries held before FTS5 writes them out
# Clause rows run to a kilobyte (text and its segmentation): with 16 KB pages instead of SQLite's 4 KB the
# inserts take less CPU, the index builds too, and the file is smaller. An incremental build keeps the page
# size of the database it copies.
PAGE_SIZE = 16 * 1024
# Tables filled from per-document rows, in foreign-key order, and per-document rows of curated tables.
DOCUMENT_TABLES = ("documents", "sections", "clauses", "indicators", "dates", "figures", "chrome_lines")
PER_DOCUMENT_EXTRAS = ("glossary_counts", "clause_measures")


def write_database(tmp_path, entries, plan, curated, jobs, progress, ready=lambda: None):
    """Write the plan into tmp_path once ready() returns (it waits for the copy of the previous database in an
    incremental build); the first documents are processed before that."""
    processed = iter_processed(plan.to_process, curated, jobs)
    head = list(itertools.islice(processed, jobs * IN_FLIGHT_PER_WORKER))
    ready()
    db = sqlite_utils.Database(tmp_path)
    db.conn.execute("PRAGMA journal_mode = OFF")  # the temp file is thrown away on failure anyway
    db.conn.execute("PRAGMA synchronous = OFF")
    full = plan.mode == "full"
    if full:  # both before the first table, the page size first: SQLite ignores it once auto_vacuum is set
        db.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.conn.execute("PRAGMA auto_vacuum = INCREMENTAL")  # free pages go back without a VACUUM
    # A full build fills empty tables: building each index once at the end is cheaper than keeping it sorted.
    ensure_schema(db, indexes={} if full else INDEXES)
    # FTS5 collects new entries in memory and writes them out as a segment each time they pass 'hashsize'
    # (1 MB by default); segments are then merged, again and again. At 64 MB a large build writes few segments.
    # The memory is bounded by the setting, not by the corpus. Stored in the table, so rebuilds use it too.
    db.conn.execute("INSERT INTO clauses_fts (clauses_fts, rank) VALUES ('hashsize', ?)", [FTS_HASH_SIZE])
    positions = {e["id"]: n for n, e in enumerate(entries, start=1)}
    with db.conn:
        # Only figures sharing a value with a changed document can gain or lose links.
        relink = None if full else derived.figure_values(db.conn, plan.to_delete)
        delete_documents(db.conn, plan.to_delete)
        for done, (entry, rows) in enumerate(itertools.chain(head, processed), start=1):
            doc = rows["documents"][0]
            doc["input_sha256"] = input_hash(entry, doc["sha256"])
            doc["file_stat"] = plan.files[entry["id"]][1]
            insert_document(db.conn, rows, positions[entry["id"]])
            progress(done, len(plan.to_process))
        # figure_links is refilled from scratch in a full build, after the other tables: its indexes come last.
        ensure_schema(db, indexes={t: i for t, i in INDEXES.items() if t != "figure_links" or not full})
        renumber_positions(db.conn, entries)
        record_file_stats(db.conn, plan.files)
        derived.refresh_glossary(db, curated.glossary)
        derived.refresh_measures(db, curated.taxonomy)
        derived.relink_figures(db.conn, relink, [e["id"] for e in plan.to_process])
        ensure_schema(db)
        derived.record_build(db, plan)
    if full:
        # Merge the search index into one segment, then give back the pages the merges freed. A VACUUM would
        # also defragment, but it rewrites the whole file for 1% of its size.
        db.conn.execute("INSERT INTO clauses_fts (clauses_fts) VALUES ('optimize')")
        db.conn.commit()
        db.conn.executescript("PRAGMA incremental_vacuum;")  # execute() would free one page only
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()


def delete_documents(conn, doc_ids):
    """Remove every row a document contributed, so it can be processed again (or is gone)."""
    for doc_id in doc_ids:
        conn.execute("delete from clauses_fts where rowid in (select rowid from clauses where document_id = ?)", [doc_id])
        conn.execute("delete from figure_links where figure_id in (select id from figures where document_id = ?) "
                     "or other_document_id = ?", [doc_id, doc_id])
        for table in reversed(DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS):
            conn.execute(f"delete from [{table}] where {'id' if table == 'documents' else 'document_id'} = ?", [doc_id])


def insert_document(conn, rows, position):
    """One document's rows, its search index entries and its place in corpus reading order."""
    rows["documents"][0]["manifest_position"] = position
    for clause in rows["clauses"]:
        # Corpus-wide reading order for sorting; not an id (it shifts when documents are added).
        clause["sort_key"] = position * SORT_KEY_STRIDE + clause["position"]
    # New rows get rowids above the largest one, so the clauses just inserted are those past it: a rowid
    # range, found without an index (a full build adds its indexes at the end). Inserting the FTS rows with
    # their rowids is much faster than INSERT ... SELECT from clauses a row at a time.
    (last_rowid,) = conn.execute("select coalesce(max(rowid), 0) from clauses").fetchone()
    for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
        if rows[table]:
            insert_rows(conn, table, rows[table])
    rowids = dict(conn.execute("select id, rowid from clauses where rowid > ?", [last_rowid]))
    conn.executemany("INSERT INTO clauses_fts (rowid, search_text) VALUES (?, ?)",
                     [(rowids[clause_id], text) for clause_id, text in rows["_fts"]])


def renumber_positions(conn, entries):
    """Keep documents and clause sort keys in manifest order after documents were added or moved: one read of
    every position, then writes for the documents that moved only."""
    stored = dict(conn.execute("select id, manifest_position from documents").fetchall())
    for position, entry in enumerate(entries, start=1):
        if stored.get(entry["id"]) != position:
            conn.execute("update documents set manifest_position = ? where id = ?", [position, entry["id"]])
            conn.execute("update clauses set sort_key = ? * ? + position where document_id = ?",
                         [position, SORT_KEY_STRIDE, entry["id"]])


def record_file_stats(conn, files):
    """Files touched but not changed keep their rows; their new stat spares the next build from reading them."""
    conn.executemany("update documents set file_stat = ? where id = ? and file_stat is not ?",
                     ((stat, doc_id, stat) for doc_id, (_, stat) in files.items()))
