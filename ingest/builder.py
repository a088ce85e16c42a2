"""Build policy.db from corpus/: python build.py [--corpus DIR] [--db FILE] [--jobs N].

The database is written to a temporary file beside the target and renamed over it only when
the whole build has succeeded, so a failed or killed build leaves the previous database as it was.
"""
import argparse
import concurrent.futures
import datetime
import hashlib
import importlib.metadata
import json
import os
import platform
import sqlite3
import sys
import time
from pathlib import Path

import sqlite_utils

from . import search
from .errors import CorpusError
from .glossary import GLOSSARY_NAME, count_occurrences, load_glossary
from .links import link_figures
from .manifest import load_manifest
from .pipeline import process_document
from .schema import ensure_schema
from .segment import USERDICT_NAME

ROOT = Path(__file__).resolve().parent.parent  # the repository: corpus/ and policy.db live here
DEFAULT_BASE_URL = "http://127.0.0.1:8001"
SORT_KEY_STRIDE = 1_000_000  # more clauses than any one document will have
# Tables filled from per-document rows, in foreign-key order.
DOCUMENT_TABLES = ("documents", "sections", "clauses", "indicators", "dates", "figures", "chrome_lines")


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


def iter_processed(entries, base_url, userdict, jobs):
    """Process documents, in parallel when it pays; results come back in manifest order."""
    if jobs <= 1 or len(entries) < 2 * jobs:
        for entry in entries:
            yield entry, process_document(entry, base_url, userdict)
        return
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [pool.submit(process_document, e, base_url, userdict) for e in entries]
        for entry, future in zip(entries, futures):
            yield entry, future.result()


def corpus_hash(entries, corpus_dir):
    """One hash over the manifest, the curated data files and every document's bytes."""
    h = hashlib.sha256()
    for name in sorted(p.name for p in Path(corpus_dir).iterdir() if p.is_file() and not p.name.startswith(".")):
        h.update(name.encode())
        h.update((Path(corpus_dir) / name).read_bytes())
    return h.hexdigest()


def write_database(tmp_path, entries, corpus_dir, base_url, jobs, progress):
    db = sqlite_utils.Database(tmp_path)
    db.conn.execute("PRAGMA journal_mode = OFF")  # the temp file is thrown away on failure anyway
    db.conn.execute("PRAGMA synchronous = OFF")
    ensure_schema(db)
    db.conn.execute(f"CREATE VIRTUAL TABLE clauses_fts USING fts5(search_text, tokenize='{search.FTS_TOKENIZE}')")
    userdict = Path(corpus_dir) / USERDICT_NAME
    glossary = load_glossary(Path(corpus_dir) / GLOSSARY_NAME)
    term_counts = {t["id"]: {} for t in glossary}
    clause_total = 0
    with db.conn:
        for n, (entry, rows) in enumerate(iter_processed(entries, base_url, userdict, jobs), start=1):
            for clause in rows["clauses"]:
                # Corpus-wide reading order for sorting; not an id (it shifts when documents are added).
                clause["sort_key"] = n * SORT_KEY_STRIDE + clause["position"]
            for table in DOCUMENT_TABLES:
                if rows[table]:
                    db[table].insert_all(rows[table])
            texts = [c["text"] for c in rows["clauses"]]
            for term in glossary:
                if found := count_occurrences(term, texts):
                    term_counts[term["id"]][entry["id"]] = found
            db.conn.executemany(
                "INSERT INTO clauses_fts (rowid, search_text) "
                "SELECT rowid, ? FROM clauses WHERE id = ?",
                [(search.index_text(c["text"]), c["id"]) for c in rows["clauses"]],
            )
            clause_total += len(rows["clauses"])
            progress(n, len(entries))
        db["glossary"].insert_all(glossary_rows(glossary, term_counts))
        db["glossary_counts"].insert_all(
            {"id": f"{term_id}--{doc_id}", "term_id": term_id, "document_id": doc_id, "occurrences": found}
            for term_id, per_doc in term_counts.items() for doc_id, found in per_doc.items()
        )
        db["figure_links"].insert_all(list(link_figures(db.conn)))
        db["build_info"].insert(build_info_row(entries, corpus_dir, clause_total))
    db.conn.execute("INSERT INTO clauses_fts (clauses_fts) VALUES ('optimize')")
    db.conn.commit()
    db.conn.execute("PRAGMA journal_mode = DELETE")
    db.conn.execute("VACUUM")
    db.close()


def glossary_rows(glossary, term_counts):
    for term in glossary:
        counts = term_counts[term["id"]]
        yield {
            "id": term["id"],
            "zh": json.dumps(term["zh"], ensure_ascii=False),
            "en": json.dumps(term["en"], ensure_ascii=False),
            "note": term["note"],
            "total_count": sum(counts.values()),
            "document_counts": json.dumps(counts, ensure_ascii=False, sort_keys=True),
        }


def build_info_row(entries, corpus_dir, clause_total):
    def version(pkg):
        try:
            return importlib.metadata.version(pkg)
        except importlib.metadata.PackageNotFoundError:
            return None

    return {
        "key": "build",
        "built_at": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "corpus_sha256": corpus_hash(entries, corpus_dir),
        "document_count": len(entries),
        "clause_count": clause_total,
        "python_version": platform.python_version(),
        "sqlite_version": sqlite3.sqlite_version,
        "jieba_version": version("jieba"),
        "sqlite_utils_version": version("sqlite-utils"),
        "datasette_version": version("datasette"),
        "cn2an_version": version("cn2an"),
        "opencc_version": version("opencc"),
    }


def build(corpus_dir=ROOT / "corpus", db_path=ROOT / "policy.db", jobs=None, base_url=DEFAULT_BASE_URL, progress=None):
    """Build the database atomically. Raises CorpusError on bad input, leaving db_path untouched."""
    corpus_dir, db_path = Path(corpus_dir), Path(db_path)
    progress = progress or (lambda done, total: None)
    entries = load_manifest(corpus_dir)
    remove_stale_temps(db_path)
    tmp_path = temp_path_for(db_path)
    tmp_path.unlink(missing_ok=True)
    try:
        write_database(tmp_path, entries, corpus_dir, base_url, jobs or os.cpu_count() or 1, progress)
        with open(tmp_path, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp_path, db_path)
    except BaseException:
        tmp_path.unlink(missing_ok=True)
        raise
    return {"documents": len(entries), "db": str(db_path)}


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
    parser.add_argument(
        "--base-url", default=os.environ.get("POLICY_KB_BASE_URL", DEFAULT_BASE_URL),
        help="public URL of the Datasette instance, used in permalinks and citations",
    )
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        result = build(args.corpus, args.db, args.jobs, args.base_url, terminal_progress())
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as e:
        # A full disk, a read-only folder: the previous database is still in place.
        print(f"error: could not write {args.db}: {e}; the previous database is unchanged", file=sys.stderr)
        return 1
    print(f"built {result['db']}: {result['documents']} documents in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
