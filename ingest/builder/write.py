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
from . import derived, order
from .aliases import IdKeeper
from .related import pointed_to, refresh_related
from .plan import input_hash
from .rows import insert_rows
from .workers import IN_FLIGHT_PER_WORKER, iter_processed

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
    # A clause's search entry, made (and, in the contentless index, removed) from its text in SQL.
    conn.create_function("index_text", 1, search.index_text, deterministic=True)
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
        bases = order.spaced(positions) if full else order.assign_bases(positions, stored_bases(conn, catch_up))
        # Only figures sharing an indicator and date with a changed document can gain or lose links.
        relink = None if full else derived.figure_keys(conn, changed)
        touched_before = None if full else derived.touched(conn, changed)
        pointed_before = set() if full else pointed_to(conn, changed)
        delete_documents(conn, changed)
        # Every search entry written from here on is at its clause's final key, each key once: the documents
        # already here move to their new places first (a new base may be one of theirs now), then the others
        # are written at theirs.
        move_documents(conn, bases)
        copy_documents(conn, sorted(set(catch_up) - set(plan.to_delete) - processed_ids), bases)
        for done, (entry, rows) in enumerate(itertools.chain(head, processed), start=1):
            doc = rows["documents"][0]
            doc["input_sha256"] = input_hash(entry, doc["sha256"])
            doc["file_stat"] = plan.files[entry["id"]][1]
            ids.keep(entry["id"], rows)
            insert_document(conn, rows, positions[entry["id"]], bases[entry["id"]])
            progress(done, len(plan.to_process))
        # figure_links is refilled from scratch in a full build, after the other tables: its indexes come last.
        ensure_schema(db, indexes={t: i for t, i in INDEXES.items() if t != "figure_links" or not full})
        renumber_positions(conn, positions)
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
        refresh_related(conn, curated.glossary, None if full else changed, pointed_before)
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
    conn.execute("ATTACH DATABASE ? AS served", [f"file:{served}?mode=ro"])
    return conn


def stored_bases(conn, catch_up):
    """{document id: sort base} as the documents stand before this update: in this slot, or, for those changed
    since it was written, in the served database their rows are copied from."""
    bases = dict(conn.execute("select id, sort_base from main.documents"))
    for doc_id in catch_up:
        found = conn.execute("select sort_base from served.documents where id = ?", [doc_id]).fetchone()
        bases[doc_id] = found[0] if found else None
    return bases


def delete_documents(conn, doc_ids):
    """Remove every row documents contributed, so they can be written again (or are gone)."""
    for doc_id in sorted(doc_ids):
        _unindex(conn, doc_id)
        conn.execute("delete from figure_links where figure_id in (select id from figures where document_id = ?) "
                     "or other_document_id = ?", [doc_id, doc_id])
        for table in reversed(DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS):
            conn.execute(f"delete from [{table}] where {'id' if table == 'documents' else 'document_id'} = ?", [doc_id])


def _unindex(conn, doc_id):
    """Remove a document's search entries: a contentless index is told what each entry held, which its clause's
    text gives (the same code made it: a change of code rebuilds everything)."""
    conn.execute("insert into clauses_fts (clauses_fts, rowid, search_text) "
                 "select 'delete', sort_key, index_text(text) from main.clauses where document_id = ?", [doc_id])


def _index(conn, doc_id):
    """A document's search entries, made from its clauses' text as a build makes them, keyed by sort key."""
    conn.execute("insert into clauses_fts (rowid, search_text) "
                 "select sort_key, index_text(text) from main.clauses where document_id = ?", [doc_id])


def copy_documents(conn, doc_ids, bases):
    """Copy documents' rows from the served database: they changed since this slot was written, and the
    served database has them as they are now; then put them in their place in reading order (bases)."""
    for doc_id in doc_ids:
        for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
            key = "id" if table == "documents" else "document_id"
            conn.execute(f"insert into main.[{table}] select * from served.[{table}] where {key} = ?", [doc_id])
        _rebase(conn, doc_id, bases[doc_id])
        _index(conn, doc_id)


def _rebase(conn, doc_id, base):
    conn.execute("update main.documents set sort_base = ? where id = ? and sort_base is not ?", [base, doc_id, base])
    conn.execute("update main.clauses set sort_key = ? * ? + position where document_id = ? and sort_key / ? != ?",
                 [base, order.SORT_KEY_STRIDE, doc_id, order.SORT_KEY_STRIDE, base])


def insert_document(conn, rows, position, base):
    """One document's rows, its search index entries and its place in corpus reading order."""
    document = rows["documents"][0]
    document["manifest_position"], document["sort_base"] = position, base
    for clause in rows["clauses"]:
        clause["sort_key"] = order.sort_key(base, clause["position"])
    for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
        if rows[table]:
            insert_rows(conn, table, rows[table])
    keys = {clause["id"]: clause["sort_key"] for clause in rows["clauses"]}
    conn.executemany("INSERT INTO clauses_fts (rowid, search_text) VALUES (?, ?)",
                     [(keys[clause_id], text) for clause_id, text in rows["_fts"]])


def move_documents(conn, bases):
    """Give the documents in this file the sort bases they have in reading order now (bases): one read of every
    document, then writes for those whose base changed, with their search entries moved to the new keys."""
    moved = [doc_id for doc_id, stored in conn.execute("select id, sort_base from main.documents").fetchall()
             if stored != bases[doc_id]]
    # All the moved documents' entries go before any comes back: a new key may be another moved document's old one.
    for doc_id in moved:
        _unindex(conn, doc_id)
    for doc_id in moved:
        _rebase(conn, doc_id, bases[doc_id])
    for doc_id in moved:
        _index(conn, doc_id)


def renumber_positions(conn, positions):
    """Keep documents in manifest order (positions): one read of every position, then writes for those that moved."""
    for doc_id, position in conn.execute("select id, manifest_position from main.documents").fetchall():
        if position != positions[doc_id]:
            conn.execute("update main.documents set manifest_position = ? where id = ?", [positions[doc_id], doc_id])


def record_file_stats(conn, files):
    """Files touched but not changed keep their rows; their new stat spares the next build from reading them."""
    conn.executemany("update main.documents set file_stat = ? where id = ? and file_stat is not ?",
                     ((stat, doc_id, stat) for doc_id, (_, stat) in files.items()))
