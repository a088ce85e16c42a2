"""Ranked-search latency on a database grown to a given number of clauses.

    python bench/search.py --db BUILT.db --clauses 1000000 [--requests 200]

Copies BUILT.db (a build of a synthetic corpus, e.g. from bench/run.py), adds copies of its clauses
(new ids, same text, indexed the same way) until it holds --clauses clauses, then measures the ranked
search page through Datasette's JSON API as bench/run.py does, and prints p50, p95 and requests/s.
"""
import argparse
import importlib.util
import shutil
import sqlite3
import tempfile
from pathlib import Path


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def grow(db_path, target):
    """Add copies of the clauses (id suffixed -copyN, every other column as it is) and their index rows until
    there are target clauses."""
    conn = sqlite3.connect(db_path)
    columns = [r[1] for r in conn.execute("pragma table_info(clauses)") if r[1] != "id"]
    listed = ", ".join(f'"{c}"' for c in columns)
    have = conn.execute("select count(*) from clauses").fetchone()[0]
    originals = conn.execute("select max(rowid) from clauses").fetchone()[0]
    copy = 0
    while have < target:
        copy += 1
        with conn:
            # The copies keep the originals' order: copy N of original r has rowid r + N * originals.
            conn.execute(
                f"insert into clauses (rowid, id, {listed}) select rowid + ? * ?, id || '-copy' || ?, {listed} "
                "from clauses where rowid <= ? order by rowid limit ?", [copy, originals, copy, originals, target - have])
            conn.execute(
                "insert into clauses_fts (rowid, search_text) select rowid + ? * ?, search_text from clauses_fts "
                "where rowid <= ? and rowid + ? * ? in (select rowid from clauses where rowid > ?)",
                [copy, originals, originals, copy, originals, copy * originals])
        have = conn.execute("select count(*) from clauses").fetchone()[0]
    conn.execute("insert into clauses_fts (clauses_fts) values ('optimize')")
    conn.commit()
    conn.close()
    return have


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--clauses", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="policy-search-")) / "policy.db"
    shutil.copyfile(args.db, work)
    clauses = grow(work, args.clauses)
    clauses, results = _run_module().measure_search(work, args.requests)
    print(f"{clauses:,} clauses, {args.requests} requests per group, one at a time")
    print("| queries | p50 ms | p95 ms | requests/s | failed (over the SQL time limit) |\n|---|---|---|---|---|")
    for group, r in results.items():
        print(f"| {group} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.0f} | {r['failed']} |")


if __name__ == "__main__":
    main()
