"""Search at scale: a built database grown to a given number of clauses, measured through Datasette.

    python bench/search.py --db BUILT.db --clauses 1000000 [--requests 200] [--seconds 20] [--keep DIR]

Copies BUILT.db (a build of the synthetic corpus, e.g. from bench/run.py), adds copies of its clauses (new
ids, same text, indexed the same way) until it holds --clauses clauses, then measures, one request at a time:

- the ranked search page (`/policy/search.json`), per query group: p50, p95, requests/s; and per query its
  matches, the ranking method the page used, and overlap@20: the share of the true top 20 (exact phrase first,
  then FTS5's bm25() over every match) in the page's first 20 (strict: the same clauses; with ties: clauses
  whose score equals the 20th's count too);
- the clauses table's search box (`/policy/clauses?_search=`, HTML and JSON): p50, p95;
- requests per second of `datasette serve` with 1 and 8 clients and 1 and 2 server processes (clients take
  the processes in turn), for --seconds each, over the ranked search queries.
"""
import argparse
import asyncio
import importlib.util
import json
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", Path(__file__).with_name("run.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def grow(db_path, target):
    """Add copies of the clauses (id suffixed -copyN, sort key moved past every earlier one, every other column
    as it is) and their index entries (keyed by sort key, as the build keys them) until there are target clauses."""
    from ingest.search import index_text
    conn = sqlite3.connect(db_path)
    conn.create_function("index_text", 1, index_text, deterministic=True)
    columns = [r[1] for r in conn.execute("pragma table_info(clauses)") if r[1] not in ("id", "sort_key")]
    listed = ", ".join(f'"{c}"' for c in columns)
    have = conn.execute("select count(*) from clauses").fetchone()[0]
    originals = conn.execute("select max(sort_key) from clauses").fetchone()[0] + 1
    copy = 0
    while have < target:
        copy += 1
        with conn:
            # Copy N of the clause with sort key k has sort key k + N * originals: the copies come after, in order.
            conn.execute(
                f"insert into clauses (id, sort_key, {listed}) select id || '-copy' || ?, sort_key + ? * ?, {listed} "
                "from clauses where sort_key < ? order by sort_key limit ?", [copy, copy, originals, originals, target - have])
            conn.execute("insert into clauses_fts (rowid, search_text) select sort_key, index_text(text) from clauses "
                         "where sort_key >= ?", [copy * originals])
        have = conn.execute("select count(*) from clauses").fetchone()[0]
    conn.execute("insert into clauses_fts (clauses_fts) values ('optimize')")
    conn.commit()
    conn.close()
    return have


def true_top(conn, query, n=20):
    """[(sort key, exact phrase, bm25)] of the best n matches, every match ranked: what the page would show
    if it ranked them all."""
    from ingest import ranking, search
    match, phrase = search.to_fts_query(query), search.to_fts_phrase(query)
    phrase = None if phrase == match else phrase
    rows = conn.execute(ranking.ranked_sql(phrase is not None, False),
                        {"match": match, "phrase": phrase, "limit": n, "offset": 0}).fetchall()
    return [(r[0], r[2], r[1]) for r in rows]


def overlap(page_keys, truth, scores):
    """(strict, with ties): the share of the true top n the page's first n hold; with ties, a page clause whose
    (exact phrase, score) equals the true nth's counts as one of them."""
    if not truth:
        return 1.0, 1.0
    true_keys = {k for k, _, _ in truth}
    strict = len(true_keys & set(page_keys)) / len(truth)
    nth = (-truth[-1][1], round(truth[-1][2], 9))
    tied = sum(1 for k in page_keys if k in true_keys or (k in scores and scores[k] <= nth))
    return strict, min(1.0, tied / len(truth))


async def measure(db, queries, requests):
    """Ranked search and the table search box through an in-process Datasette configured as served."""
    from support import make_datasette
    from ingest import search
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    ds = make_datasette(db)
    await ds.invoke_startup()
    ranked, box, per_query = {}, {}, {}
    for group, qs in queries.items():
        for q in qs:  # warm the page cache and jieba; then what each query finds and how
            page = (await ds.client.get("/policy/search.json", params={"q": q})).json()
            keys = [k for (k,) in (conn.execute("select sort_key from clauses where id = ?", [r["clause"]]).fetchone()
                                   for r in page["rows"])]
            truth = true_top(conn, q)
            match, phrase = search.to_fts_query(q), search.to_fts_phrase(q)
            scores = {}
            for k in keys:  # each page clause's key in the true ranking: (not exact phrase, bm25 over all matches)
                score = conn.execute("select bm25(clauses_fts) from clauses_fts where clauses_fts match ? and rowid = ?",
                                     [match, k]).fetchone()[0]
                exact = phrase == match or conn.execute("select 1 from clauses_fts where clauses_fts match ? and rowid = ?",
                                                        [phrase, k]).fetchone() is not None
                scores[k] = (-int(bool(exact)), round(score, 9))
            matches = conn.execute("select count(*) from clauses_fts where clauses_fts match ?", [match]).fetchone()[0]
            per_query[q] = {"group": group, "matches": matches, "method": page["ranking_method"]["method"],
                            "overlap": overlap(keys, truth, scores)}
        ranked[group] = await _latencies(ds, "/policy/search.json", "q", qs, requests, {"_shape": "array"})
        box[group] = {
            "html": await _latencies(ds, "/policy/clauses", "_search", qs, requests, {}),
            "json": await _latencies(ds, "/policy/clauses.json", "_search", qs, requests, {}),
        }
    conn.close()
    return ranked, box, per_query


async def _latencies(ds, route, param, qs, requests, extra):
    latencies, failed = [], 0
    started = time.perf_counter()
    for i in range(requests):
        t = time.perf_counter()
        r = await ds.client.get(route, params={param: qs[i % len(qs)], **extra})
        failed += r.status_code != 200
        latencies.append(time.perf_counter() - t)
    q = statistics.quantiles(latencies, n=100)
    return {"p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000, "rps": requests / (time.perf_counter() - started), "failed": failed}


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(db, inspect_file, processes):
    """`datasette serve` processes configured as the README's serve command, each on its own port."""
    datasette = str(Path(sys.executable).with_name("datasette"))
    servers = []
    for _ in range(processes):
        port = _free_port()
        cmd = [datasette, "serve", "-i", str(db), "--inspect-file", str(inspect_file), "-p", str(port),
               "--metadata", str(ROOT / "metadata.yml"), "--plugins-dir", str(ROOT / "plugins"),
               "--template-dir", str(ROOT / "templates")]
        for key, value in json.loads((ROOT / "settings.json").read_text()).items():
            cmd += ["--setting", key, str(value).lower() if isinstance(value, bool) else str(value)]
        servers.append((subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL), f"http://127.0.0.1:{port}"))
    import httpx
    for _, base in servers:
        for _ in range(600):
            try:
                if httpx.get(base + "/-/versions.json", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
    return servers


def throughput(bases, clients, seconds, queries):
    """Requests per second and p95 latency of `clients` clients, each taking the servers in turn."""
    import httpx
    flat = [q for qs in queries.values() for q in qs]
    done, latencies, errors = [0], [], [0]

    async def client(n):
        async with httpx.AsyncClient(timeout=30) as http:
            i = n
            while time.monotonic() < deadline:
                t = time.monotonic()
                r = await http.get(bases[i % len(bases)] + "/policy/search.json", params={"q": flat[i % len(flat)], "_shape": "array"})
                errors[0] += r.status_code != 200
                latencies.append(time.monotonic() - t)
                done[0] += 1
                i += 1

    async def run():
        await asyncio.gather(*(client(n) for n in range(clients)))

    deadline = time.monotonic() + seconds
    asyncio.run(run())
    return {"rps": done[0] / seconds, "p95_ms": statistics.quantiles(latencies, n=100)[94] * 1000, "errors": errors[0]}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--clauses", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=20, help="per requests/s measurement; 0 leaves them out")
    parser.add_argument("--keep", type=Path, default=None, help="grow into (or reuse) DIR/policy.db instead of a temporary copy")
    args = parser.parse_args(argv)
    work = (args.keep or Path(tempfile.mkdtemp(prefix="policy-search-"))) / "policy.db"
    work.parent.mkdir(parents=True, exist_ok=True)
    if not work.exists():
        shutil.copyfile(args.db, work)
    clauses = grow(work, args.clauses)
    run = _run_module()
    ranked, box, per_query = asyncio.run(measure(work, run.SEARCH_QUERIES, args.requests))
    print(f"{clauses:,} clauses, {args.requests} requests per group, one at a time, in-process Datasette")
    print("\n| queries | ranked p50 ms | ranked p95 ms | ranked requests/s | table box HTML p50 / p95 ms | table box JSON p50 / p95 ms |")
    print("|---|---|---|---|---|---|")
    for group, r in ranked.items():
        h, j = box[group]["html"], box[group]["json"]
        print(f"| {group} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.0f} | {h['p50_ms']:.1f} / {h['p95_ms']:.1f} | "
              f"{j['p50_ms']:.1f} / {j['p95_ms']:.1f} |")
    print("\n| query | matches | method | overlap@20 strict | overlap@20 with ties |\n|---|---|---|---|---|")
    for q, r in per_query.items():
        print(f"| {q} | {r['matches']:,} | {r['method']} | {r['overlap'][0]:.2f} | {r['overlap'][1]:.2f} |")
    if not args.seconds:
        return
    inspect_file = work.with_suffix(".inspect.json")
    subprocess.run([str(Path(sys.executable).with_name("datasette")), "inspect", str(work), "--inspect-file", str(inspect_file)], check=True)
    print(f"\n`datasette serve`, {args.seconds} s per row, ranked search queries in turn:\n")
    print("| server processes | clients | requests/s | p95 ms | errors |\n|---|---|---|---|---|")
    for processes in (1, 2):
        servers = serve(work, inspect_file, processes)
        try:
            for clients in (1, 8):
                r = throughput([b for _, b in servers], clients, args.seconds, run.SEARCH_QUERIES)
                print(f"| {processes} | {clients} | {r['rps']:.0f} | {r['p95_ms']:.0f} | {r['errors']} |", flush=True)
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait()


if __name__ == "__main__":
    main()
