"""One measured step beyond one SQLite file: the same clauses in Tantivy, an engine with early-terminating top-k.

    pip install -e '.[bench]'    # Tantivy: not a dependency of the knowledge base; this measures whether it should be
    python bench/engine.py --db GROWN.db [--requests 200]

GROWN.db is a database bench/search.py grew (e.g. to a million clauses, `--keep DIR`). Every clause's search
copy (ingest.search.index_text: each CJK character its own token) goes into a Tantivy index under its sort
key, with Tantivy's English stemming tokenizer; then, for bench/run.py's queries, one at a time, in process:
the top 20 by Tantivy's BM25 (p50, p95), and overlap@20 with FTS5's bm25() over every match (strict: the same
clauses; with ties: a clause whose FTS5 score equals the 20th's counts too). FTS5's own top 20 over every
match is timed beside it, on the same database in the same run.
"""
import argparse
import importlib.util
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _module(name):
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build_index(conn, folder):
    """(index, seconds, MB): every clause's search copy, keyed by sort key."""
    import tantivy
    from ingest.search import index_text
    schema = tantivy.SchemaBuilder()
    schema.add_integer_field("key", stored=True, indexed=True, fast=True)
    schema.add_text_field("body", stored=False, tokenizer_name="en_stem", index_option="position")
    schema = schema.build()
    index = tantivy.Index(schema, path=str(folder))
    started = time.perf_counter()
    writer = index.writer(heap_size=256 * 1024 * 1024, num_threads=2)
    for key, text in conn.execute("select sort_key, text from clauses"):
        writer.add_document(tantivy.Document(key=key, body=index_text(text)))
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - started
    index.reload()
    megabytes = sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file()) / 1e6
    return index, seconds, megabytes


def tantivy_query(index, query):
    """Each term of the query a phrase of its tokens, all required: the FTS5 expression the search page runs."""
    import tantivy
    from ingest.search import distinct_terms, query_terms
    terms = distinct_terms(query_terms(query))
    parts = [(tantivy.Occur.Must, tantivy.Query.phrase_query(index.schema, "body", t) if len(t) > 1
              else index.parse_query(t[0], ["body"])) for t in terms]
    return tantivy.Query.boolean_query(parts)


def fts_scores(conn, match, keys):
    return {k: conn.execute("select bm25(clauses_fts) from clauses_fts where clauses_fts match ? and rowid = ?",
                            [match, k]).fetchone()[0] for k in keys}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    from ingest import search
    queries = _module("run").SEARCH_QUERIES
    conn = sqlite3.connect(f"file:{args.db}?mode=ro", uri=True)
    folder = Path(tempfile.mkdtemp(prefix="policy-tantivy-"))
    try:
        index, seconds, megabytes = build_index(conn, folder)
        clauses = conn.execute("select count(*) from clauses").fetchone()[0]
        index_mb = conn.execute("select sum(pgsize) from dbstat where name like 'clauses_fts%'").fetchone()[0] / 1e6
        print(f"{clauses:,} clauses: Tantivy index {megabytes:.0f} MB in {seconds:.0f} s (FTS5 index {index_mb:.0f} MB)\n")
        print("| query | matches | Tantivy top 20 p50 / p95 ms | FTS5 top 20 over every match p50 / p95 ms "
              "| overlap@20 strict | overlap@20 with ties |\n|---|---|---|---|---|---|")
        searcher = index.searcher()
        for qs in queries.values():
            for q in qs:
                match = search.to_fts_query(q)
                query = tantivy_query(index, q)
                runs = max(5, args.requests // len(qs) // len(queries))
                t_ms, f_ms = [], []
                for _ in range(runs):
                    t = time.perf_counter()
                    hits = searcher.search(query, 20).hits
                    keys = [searcher.doc(address)["key"][0] for _, address in hits]
                    t_ms.append((time.perf_counter() - t) * 1000)
                    t = time.perf_counter()
                    truth = conn.execute("select rowid, bm25(clauses_fts) as s from clauses_fts where clauses_fts match ? "
                                         "order by s, rowid limit 20", [match]).fetchall()
                    f_ms.append((time.perf_counter() - t) * 1000)
                matches = conn.execute("select count(*) from clauses_fts where clauses_fts match ?", [match]).fetchone()[0]
                scores = fts_scores(conn, match, keys)
                nth = truth[-1][1] if truth else None
                true_keys = {k for k, _ in truth}
                strict = len(true_keys & set(keys)) / len(truth) if truth else 1.0
                tied = sum(1 for k in keys if k in true_keys or (scores[k] is not None and round(scores[k], 9) <= round(nth, 9)))
                print(f"| {q} | {matches:,} | {statistics.median(t_ms):.1f} / {_p95(t_ms):.1f} | "
                      f"{statistics.median(f_ms):.1f} / {_p95(f_ms):.1f} | {strict:.2f} | {min(1.0, tied / max(1, len(truth))):.2f} |",
                      flush=True)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _p95(values):
    return statistics.quantiles(values, n=100)[94] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
