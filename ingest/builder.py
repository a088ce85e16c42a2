"""Build policy.db from corpus/: python build.py [--corpus DIR] [--db FILE] [--jobs N].

The database is written to a temporary file beside the target and renamed over it only when
the whole build has succeeded, so a failed or killed build leaves the previous database as it was.
"""
import argparse
import collections
import concurrent.futures
import datetime
import functools
import hashlib
import itertools
import json
import operator
import os
import platform
import shutil
import sqlite3
import sys
import threading
import time
from pathlib import Path

from . import search
from .errors import CorpusError
from .glossary import GLOSSARY_NAME, load_glossary
from .links import figure_values, link_figures
from .manifest import load_manifest
from .measures import load_taxonomy
from .pipeline import process_document
from .schema import INDEXES, ensure_schema
from .segment import USERDICT_NAME

ROOT = Path(__file__).resolve().parent.parent  # the repository: corpus/ and policy.db live here
DEFAULT_BASE_URL = "http://127.0.0.1:8001"
SORT_KEY_STRIDE = 1_000_000  # more clauses than any one document will have
# A file changed this recently may change again within one tick of the file system's clock, leaving its stat
# as it was: its stat is not trusted to vouch for its content.
RECENT_CHANGE_NS = 2_000_000_000
IN_FLIGHT_PER_WORKER = 4  # batches queued per worker process: enough to keep it busy, few enough to stay lean
# Documents sent to a worker at a time: each hand-over costs the main process pickling, pipe writes and
# thread wake-ups, a tenth of its time at one document per hand-over.
MAX_BATCH = 8
FTS_HASH_SIZE = 64 * 1024 * 1024  # bytes of search-index entries held before FTS5 writes them out
PAGE_SIZE = 16 * 1024  # bytes per database page in a full build: see write_database
TAXONOMY_NAME = "measures.yml"
CURATED_FILES = (GLOSSARY_NAME, USERDICT_NAME, TAXONOMY_NAME)
# What process_document needs of the build's knowledge (the rest is the builder's bookkeeping).
CURATED_KNOWLEDGE = ("base_url", "userdict", "glossary", "taxonomy")
# Tables filled from per-document rows, in foreign-key order.
DOCUMENT_TABLES = ("documents", "sections", "clauses", "indicators", "dates", "figures", "chrome_lines")
# Per-document rows in tables whose other rows come from curated data.
PER_DOCUMENT_EXTRAS = ("glossary_counts", "clause_measures")


def temp_path_for(db_path: Path) -> Path:
    """A hidden temporary file in the target's directory, so the final rename stays on one file system."""
    return db_path.with_name(f".{db_path.name}.{os.getpid()}.tmp")


def remove_stale_temps(db_path: Path):
    """Temporary files of killed builds: no live process owns them any more."""
    for stale in db_path.parent.glob(f".{db_path.name}.*.tmp"):
        pid = stale.name.split(".")[-2]
        if pid.isdigit() and not _pid_alive(int(pid)):
            stale.unlink(missing_ok=True)


def _pid_alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# What each worker process was given once, when it started.
_worker_knowledge = None


def _start_worker(knowledge):
    global _worker_knowledge
    _worker_knowledge = knowledge


def _process_in_worker(entries):
    return [process_document(entry, _worker_knowledge) for entry in entries]


def iter_processed(entries, knowledge, jobs):
    """Process documents, in worker processes when it pays. Results come back in manifest order, and at most
    a few batches per worker are in flight, so memory does not grow with the corpus. Workers get the curated
    data once, at start: sent with every document, it (and the hashes of every file, when they rode along)
    was pickled 10,000 times."""
    if jobs <= 1 or len(entries) < 2 * jobs:
        for entry in entries:
            yield entry, process_document(entry, knowledge)
        return
    window = jobs * IN_FLIGHT_PER_WORKER
    # Smaller batches when there are few documents, so that every worker gets some.
    size = max(1, min(MAX_BATCH, len(entries) // window))
    curated = {key: knowledge[key] for key in CURATED_KNOWLEDGE}
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                                initargs=(curated,)) as pool:
        pending = collections.deque()
        for batch in (entries[start:start + size] for start in range(0, len(entries), size)):
            pending.append((batch, pool.submit(_process_in_worker, batch)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield from zip(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result())


def _sha256_files(paths):
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def knowledge_hash(corpus_dir, base_url):
    """What every document's rows depend on besides its own file: the curated data, the base URL in
    citations, and the ingest code itself. When it changes, everything is redone."""
    curated = [Path(corpus_dir) / name for name in CURATED_FILES]
    code = sorted(Path(__file__).resolve().parent.glob("*.py"))
    return hashlib.sha256((_sha256_files(curated) + _sha256_files(code) + base_url).encode()).hexdigest()


def input_hash(entry, file_sha256):
    """A document's own inputs: its file's bytes (by their hash) and its manifest entry."""
    fields = {k: v for k, v in entry.items() if k not in ("line", "path")}
    h = hashlib.sha256(file_sha256.encode())
    h.update(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def file_stat(path, now_ns):
    """'size:mtime:ctime:inode' of a file, or None when it changed less than RECENT_CHANGE_NS ago. Taken before
    the file is read, so a change made after the read always shows as a different stat."""
    st = os.stat(path)
    if now_ns - st.st_ctime_ns < RECENT_CHANGE_NS:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def file_hashes(entries, previous):
    """{id: (sha256 of the file, its stat)}. A file whose stat is the one recorded when it was last hashed is
    not read again (git's index does the same): hashing 10,000 files took a third of a second per build.
    Without a previous build there is nothing to compare with: the sha256 is None, and the worker that reads
    the file hashes it (reading 100 MB here first kept the workers waiting for a second)."""
    now = time.time_ns()
    if previous is None:
        return {entry["id"]: (None, file_stat(entry["path"], now)) for entry in entries}
    known = previous[1]
    result = {}
    for entry in entries:
        stat = file_stat(entry["path"], now)
        before = known.get(entry["id"])
        if stat is not None and before is not None and before[3] == stat:
            result[entry["id"]] = (before[2], stat)
        else:
            result[entry["id"]] = (hashlib.sha256(entry["path"].read_bytes()).hexdigest(), stat)
    return result


def read_previous_state(db_path):
    """(knowledge hash, {document id: (input hash, manifest position, file sha256, file stat)}) of an existing
    database, or None."""
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            knowledge = conn.execute("select knowledge_sha256 from build_info").fetchone()
            docs = conn.execute("select id, input_sha256, manifest_position, sha256, file_stat from documents").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # an older or foreign file: rebuild it from scratch
    if not knowledge:
        return None
    return knowledge[0], {doc_id: rest for doc_id, *rest in docs}


def plan_build(entries, hashes, previous, current_knowledge):
    """(mode, entries to process, ids to delete): 'full', 'incremental' or 'unchanged'."""
    if previous is None or previous[0] != current_knowledge:
        return "full", entries, set()
    before = previous[1]
    changed = [e for e in entries if before.get(e["id"], (None,))[0] != hashes[e["id"]]]
    removed = set(before) - set(hashes)
    moved = any(before[e["id"]][1] != n for n, e in enumerate(entries, start=1) if e["id"] in before)
    if not changed and not removed and not moved:
        return "unchanged", [], set()
    return "incremental", changed, removed | {e["id"] for e in changed if e["id"] in before}


def delete_documents(db, doc_ids):
    """Remove every row a document contributed, so it can be processed again (or is gone)."""
    for doc_id in doc_ids:
        db.execute("delete from clauses_fts where rowid in (select rowid from clauses where document_id = ?)", [doc_id])
        db.execute("delete from figure_links where figure_id in (select id from figures where document_id = ?) "
                   "or other_document_id = ?", [doc_id, doc_id])
        for table in reversed(DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS):
            db.execute(f"delete from [{table}] where {'id' if table == 'documents' else 'document_id'} = ?", [doc_id])


def insert_document(db, rows, position):
    """One document's rows, its search index entries and its place in corpus reading order."""
    rows["documents"][0]["manifest_position"] = position
    for clause in rows["clauses"]:
        # Corpus-wide reading order for sorting; not an id (it shifts when documents are added).
        clause["sort_key"] = position * SORT_KEY_STRIDE + clause["position"]
    # New rows get rowids above the largest one, so the clauses just inserted are those past it: a rowid
    # range, found without an index (a full build adds its indexes at the end). Inserting the FTS rows with
    # their rowids is four times faster than INSERT ... SELECT from clauses a row at a time.
    (last_rowid,) = db.conn.execute("select coalesce(max(rowid), 0) from clauses").fetchone()
    for table in DOCUMENT_TABLES + PER_DOCUMENT_EXTRAS:
        if rows[table]:
            insert_rows(db.conn, table, rows[table])
    rowids = dict(db.conn.execute("select id, rowid from clauses where rowid > ?", [last_rowid]))
    db.conn.executemany("INSERT INTO clauses_fts (rowid, search_text) VALUES (?, ?)",
                        [(rowids[clause_id], text) for clause_id, text in rows["_fts"]])


def insert_rows(conn, table, rows):
    """Rows (dicts of str, int, float and None) into an existing table with one executemany. sqlite-utils'
    insert_all inspects and converts every value: most of the main process's working time."""
    columns = tuple(rows[0])
    values = _values_if_same_keys(rows, columns)
    if values is None:
        columns = tuple(dict.fromkeys(itertools.chain.from_iterable(rows)))
        values = (tuple(row.get(c) for c in columns) for row in rows)
    conn.executemany(_insert_sql(table, columns), values)


def _values_if_same_keys(rows, columns):
    """The rows' values in the order of columns, as tuples made in C, when every row has exactly these keys
    (as many keys as there are columns, and each column among them); otherwise None. Checking that takes
    no loop in Python: a loop over every key of every row was a tenth of the main process's inserting time."""
    if len(columns) < 2 or set(map(len, rows)) != {len(columns)}:
        return None  # (an itemgetter of one key gives a value, not a tuple)
    try:
        return list(map(operator.itemgetter(*columns), rows))  # all made before the first insert
    except KeyError:
        return None


@functools.lru_cache(maxsize=256)
def _insert_sql(table, columns):
    return f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) VALUES ({', '.join('?' * len(columns))})"


def renumber_positions(db, entries):
    """Keep documents and clause sort keys in manifest order after documents were added or moved. One read of
    every position, then writes for the documents that moved only: an update per document costs a quarter
    of a second at 10,000 documents."""
    stored = dict(db.execute("select id, manifest_position from documents").fetchall())
    for position, entry in enumerate(entries, start=1):
        if stored.get(entry["id"]) != position:
            db.execute("update documents set manifest_position = ? where id = ?", [position, entry["id"]])
            db.execute("update clauses set sort_key = ? * ? + position where document_id = ?",
                       [position, SORT_KEY_STRIDE, entry["id"]])


def record_file_stats(db, files):
    """Files touched but not changed keep their rows; their new stat spares the next build from reading them."""
    db.conn.executemany("update documents set file_stat = ? where id = ? and file_stat is not ?",
                        ((stat, doc_id, stat) for doc_id, (_, stat) in files.items()))


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


def in_thread(name, work, *args):
    """Run work(*args) in a thread and return a function that waits for it (and raises what it raised).
    For file work that waits on the kernel, not on Python: copying the previous database, dropping the one
    before it. The changed documents are processed meanwhile."""
    failure = []

    def run():
        try:
            work(*args)
        except BaseException as e:  # handed to the waiting thread
            failure.append(e)

    thread = threading.Thread(target=run, name=name)
    thread.start()

    def wait():
        thread.join()
        if failure:
            raise failure[0]

    return wait


def previous_path_for(db_path: Path) -> Path:
    """Where the database a build replaced stays until the next build: policy.db.previous."""
    return db_path.with_name(db_path.name + ".previous")


def keep_as_previous(db_path: Path, previous: Path):
    """A second name for the database about to be replaced, so that replacing it frees nothing: freeing a
    1 GB file takes 0.4 s, which the next build spends in a thread, alongside its own work."""
    try:
        os.link(db_path, previous)
    except FileNotFoundError:
        pass  # the first build: nothing to keep
    except OSError:
        pass  # no hard links here: the rename frees the old file itself, as it always did


def write_database(tmp_path, entries, plan, knowledge, jobs, progress, ready=lambda: None):
    """Write the planned changes into tmp_path once ready() returns (it waits for the copy of the previous
    database in an incremental build); the first documents are processed before that."""
    mode, to_process, to_delete = plan
    processed = iter_processed(to_process, knowledge, jobs)
    head = list(itertools.islice(processed, jobs * IN_FLIGHT_PER_WORKER))
    ready()
    import sqlite_utils  # here, not at the top: a no-op build never needs its 0.06 s import
    db = sqlite_utils.Database(tmp_path)
    db.conn.execute("PRAGMA journal_mode = OFF")  # the temp file is thrown away on failure anyway
    db.conn.execute("PRAGMA synchronous = OFF")
    if mode == "full":  # both set before the first table, the page size first: auto_vacuum fixes it
        # Clause rows run to a kilobyte (text, its segmentation, two citations): with 16 KB pages instead of
        # 4 KB the inserts took 23% less CPU, the index builds 25% less and the file is 6% smaller (10,000
        # documents replayed; 8 KB and 32 KB pages did less well). An incremental build keeps the page size
        # of the database it copies.
        db.conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        # Free pages can be given back without a VACUUM.
        db.conn.execute("PRAGMA auto_vacuum = INCREMENTAL")
    # A full build fills empty tables: building each index once at the end is cheaper than keeping it
    # sorted through every insert.
    ensure_schema(db, indexes={} if mode == "full" else INDEXES)
    db.conn.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS clauses_fts USING fts5(search_text, tokenize='{search.FTS_TOKENIZE}')")
    # FTS5 collects new entries in memory and writes them out as a segment each time they pass 'hashsize'
    # (1 MB by default); segments are then merged, again and again as they pile up. At 64 MB a 10,000-document
    # build writes one segment, which spares 1 s of merging, and the final 'optimize' has nothing left to do.
    # The memory is bounded by the setting, not by the corpus. Stored in the table, so rebuilds use it too.
    db.conn.execute("INSERT INTO clauses_fts (clauses_fts, rank) VALUES ('hashsize', ?)", [FTS_HASH_SIZE])
    positions = {e["id"]: n for n, e in enumerate(entries, start=1)}
    with db.conn:
        # Only figures sharing a value with a changed document can gain or lose links.
        relink = None if mode == "full" else figure_values(db.conn, to_delete)
        delete_documents(db, to_delete)
        for done, (entry, rows) in enumerate(itertools.chain(head, processed), start=1):
            doc = rows["documents"][0]
            if entry["id"] not in knowledge["input_hashes"]:  # a first or --full build: hashed as it was read
                knowledge["input_hashes"][entry["id"]] = input_hash(entry, doc["sha256"])
            doc["input_sha256"] = knowledge["input_hashes"][entry["id"]]
            doc["file_stat"] = knowledge["files"][entry["id"]][1]
            insert_document(db, rows, positions[entry["id"]])
            progress(done, len(to_process))
        # figure_links is refilled from scratch in a full build, after the other tables: its indexes come last.
        ensure_schema(db, indexes={t: i for t, i in INDEXES.items() if t != "figure_links" or mode != "full"})
        renumber_positions(db, entries)
        record_file_stats(db, knowledge["files"])
        refresh_glossary(db, knowledge["glossary"])
        refresh_measures(db, knowledge["taxonomy"])
        if relink is None:
            db.execute("delete from figure_links")
        else:
            relink |= figure_values(db.conn, [e["id"] for e in to_process])
            db.conn.executemany("delete from figure_links where figure_id in (select id from figures where value = ?)",
                                ((v,) for v in relink))
        links = link_figures(db.conn, relink)
        while batch := list(itertools.islice(links, 10_000)):
            insert_rows(db.conn, "figure_links", batch)
        ensure_schema(db)
        db.execute("delete from build_info")
        db["build_info"].insert(build_info_row(db, knowledge, mode, len(to_process)))
    if mode == "full":
        # Merge the search index into one segment, then give back the pages the merges freed. A VACUUM would
        # also defragment, but it rewrites the whole file: 5 s of a 10,000-document build, for 1% of its size.
        db.conn.execute("INSERT INTO clauses_fts (clauses_fts) VALUES ('optimize')")
        db.conn.commit()
        db.conn.executescript("PRAGMA incremental_vacuum;")  # execute() would free one page only
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.close()


def build_info_row(db, knowledge, mode, processed):
    import importlib.metadata  # here, not at the top: a no-op build never needs its 0.03 s import

    def version(pkg):
        try:
            return importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            return None

    corpus = hashlib.sha256("".join(sorted(knowledge["input_hashes"].values())).encode() + knowledge["hash"].encode())
    return {
        "key": "build",
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "mode": mode,
        "documents_processed": processed,
        "corpus_sha256": corpus.hexdigest(),
        "knowledge_sha256": knowledge["hash"],
        "document_count": db.execute("select count(*) from documents").fetchone()[0],
        "clause_count": db.execute("select count(*) from clauses").fetchone()[0],
        "python_version": platform.python_version(),
        "sqlite_version": sqlite3.sqlite_version,
        "jieba_version": version("jieba"),
        "sqlite_utils_version": version("sqlite-utils"),
        "datasette_version": version("datasette"),
        "cn2an_version": version("cn2an"),
        "opencc_version": version("opencc"),
    }


def build(corpus_dir=ROOT / "corpus", db_path=ROOT / "policy.db", jobs=None, base_url=DEFAULT_BASE_URL,
          progress=None, full=False):
    """Build the database atomically, redoing only documents whose inputs changed (all of them when the
    curated data or the code changed, or with full=True). Raises CorpusError on bad input, leaving
    db_path untouched."""
    corpus_dir, db_path = Path(corpus_dir), Path(db_path)
    progress = progress or (lambda done, total: None)
    entries = load_manifest(corpus_dir)
    knowledge = {
        "base_url": base_url,
        "userdict": str(corpus_dir / USERDICT_NAME),
        "glossary": load_glossary(corpus_dir / GLOSSARY_NAME),
        "taxonomy": load_taxonomy(corpus_dir / TAXONOMY_NAME),
        "hash": knowledge_hash(corpus_dir, base_url),
    }
    previous = None if full else read_previous_state(db_path)
    knowledge["files"] = file_hashes(entries, previous)
    knowledge["input_hashes"] = {
        e["id"]: input_hash(e, sha256) for e in entries if (sha256 := knowledge["files"][e["id"]][0]) is not None
    }
    plan = plan_build(entries, knowledge["input_hashes"], previous, knowledge["hash"])
    result = {"documents": len(entries), "processed": len(plan[1]), "mode": plan[0], "db": str(db_path)}
    if plan[0] == "unchanged":
        return result
    remove_stale_temps(db_path)
    tmp_path, previous = temp_path_for(db_path), previous_path_for(db_path)
    tmp_path.unlink(missing_ok=True)
    dropped = in_thread("drop-older-database", previous.unlink, True)
    copied = in_thread("copy-previous-database", shutil.copyfile, db_path, tmp_path) \
        if plan[0] == "incremental" else (lambda: None)
    try:
        write_database(tmp_path, entries, plan, knowledge, jobs or os.cpu_count() or 1, progress, copied)
        with open(tmp_path, "rb+") as f:
            os.fsync(f.fileno())
        dropped()
        keep_as_previous(db_path, previous)
        os.replace(tmp_path, db_path)
    except BaseException:
        for wait in (copied, dropped):  # the copy writes into the temp file: it must end before the file goes
            try:
                wait()
            except BaseException:
                pass  # the build's own error is the one to report
        tmp_path.unlink(missing_ok=True)
        raise
    return result


def terminal_progress(stream=sys.stderr):
    """A one-line progress report (documents/s, ETA) for builds long enough to need one; silent off a terminal."""
    started = time.monotonic()
    if not stream.isatty():
        return lambda done, total: None

    def report(done, total):
        elapsed = time.monotonic() - started
        if elapsed < 2 and done < total:
            return
        rate = done / elapsed if elapsed else 0
        eta = (total - done) / rate if rate else 0
        stream.write(f"\r{done}/{total} documents  {rate:.1f} docs/s  ETA {eta:.0f}s ")
        if done == total:
            stream.write("\n")
        stream.flush()

    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=ROOT / "corpus", type=Path, help="corpus folder (default: corpus/)")
    parser.add_argument("--db", default=ROOT / "policy.db", type=Path, help="database to write (default: policy.db)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--full", action="store_true", help="redo every document, even those that did not change")
    parser.add_argument(
        "--base-url", default=os.environ.get("POLICY_KB_BASE_URL", DEFAULT_BASE_URL),
        help="public URL of the Datasette instance, used in permalinks and citations",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        result = build(args.corpus, args.db, args.jobs, args.base_url, terminal_progress(), full=args.full)
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as e:
        # A full disk, a read-only folder: the previous database is still in place.
        print(f"error: could not write {args.db}: {e}; the previous database is unchanged", file=sys.stderr)
        return 1
    print(f"{result['db']}: {result['documents']} documents, {result['processed']} processed ({result['mode']}) "
          f"in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
