"""Benchmark the build and the search, and write bench/RESULTS.md.

    python bench/run.py [--documents 10000] [--repeat 3] [--search-requests 200]

Everything is measured in one run on this machine, and the build is compared with plain jieba
segmentation of the same text measured in the same run: the machine is shared and noisy, so the
ratios mean more than the absolute times. Medians over --repeat runs.
"""
import argparse
import asyncio
import datetime
import importlib.util
import json
import multiprocessing
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
SEARCH_QUERIES = {
    "zh, 2 characters": ["就业", "专利", "人才", "培训", "高校"],
    "zh, 4 characters": ["吸纳就业", "资格考试", "人才队伍", "服务机构", "宣传推介"],
    "en, words": ["training", "patent agents", "talent", "recruitment", "think tanks"],
}

# Runs a build in a fresh interpreter and reports the peak RSS of it and its workers; build_once times it
# from outside, so that the interpreter's start and the imports count, as they do for someone running build.py.
_BUILD_CHILD = """
import json, resource, sys
from ingest.builder import build
result = build(sys.argv[1], sys.argv[2], jobs=int(sys.argv[3]), full=sys.argv[4] == "full")
peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
print(json.dumps({"peak_rss_mb": peak / 1024, "mode": result["mode"], "processed": result["processed"]}))
"""

# Plain jieba over the same documents: the floor this pipeline cannot go below.
_JIEBA_CHILD = """
import json, sys, time
from multiprocessing import Pool
from pathlib import Path
import jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
def cut(path):
    return len(jieba.lcut(Path(path).read_text(encoding="utf-8")))
paths = json.loads(sys.stdin.read())
processes = int(sys.argv[1])
t = time.perf_counter()
if processes == 1:
    words = sum(cut(p) for p in paths)
else:
    with Pool(processes, initializer=jieba.initialize) as pool:
        words = sum(pool.map(cut, paths, chunksize=16))
print(json.dumps({"seconds": time.perf_counter() - t, "words": words}))
"""

# Plain jieba over exactly the text the build segments: the normalised text of every clause that holds a
# Chinese character, read from the database the build wrote, one text per document. English clauses are
# never segmented by the build, and jieba is slow on English, so a baseline over whole files flatters it.
_JIEBA_CLAUSES_CHILD = """
import json, logging, sqlite3, sys, time
from multiprocessing import Pool
import jieba
from ingest.normalise import has_cjk, normalise
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
def cut(text):
    return len(jieba.lcut(text))
conn = sqlite3.connect(f"file:{sys.argv[2]}?mode=ro", uri=True)
texts = {}
for document, text in conn.execute("select document_id, text from clauses order by document_id, sort_key"):
    if has_cjk(text):
        texts.setdefault(document, []).append(normalise(text))
texts = ["\\n".join(t) for t in texts.values()]
processes = int(sys.argv[1])
t = time.perf_counter()
if processes == 1:
    words = sum(map(cut, texts))
else:
    with Pool(processes, initializer=jieba.initialize) as pool:
        words = sum(pool.map(cut, texts, chunksize=16))
print(json.dumps({"seconds": time.perf_counter() - t, "words": words,
                  "megabytes": sum(len(t.encode()) for t in texts) / 1e6}))
"""


def _run_json(args, stdin=None):
    out = subprocess.run(args, input=stdin, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def build_once(corpus, db, jobs, full=True):
    # Each build starts on a quiet disk: run back to back, a rebuild would otherwise also wait for the
    # previous build's gigabyte of writes, which the kernel flushes within half a minute anyway.
    os.sync()
    started = time.perf_counter()
    result = _run_json([sys.executable, "-c", _BUILD_CHILD, str(corpus), str(db), str(jobs), "full" if full else "inc"])
    return {"seconds": time.perf_counter() - started, **result}


def jieba_once(paths, processes):
    return _run_json([sys.executable, "-c", _JIEBA_CHILD, str(processes)], stdin=json.dumps([str(p) for p in paths]))


def jieba_clauses_once(db, processes):
    return _run_json([sys.executable, "-c", _JIEBA_CLAUSES_CHILD, str(processes), str(db)])


def median_of(repeat, fn):
    """Numbers as medians over repeated runs; anything else as the last run had it; "runs" lists every run."""
    runs = [fn() for _ in range(repeat)]
    result = {
        key: statistics.median(r[key] for r in runs) if isinstance(value, (int, float)) and not isinstance(value, bool)
        else runs[-1][key]
        for key, value in runs[0].items()
    }
    result["runs"] = runs
    return result


def document_paths(corpus):
    from ingest.manifest import load_manifest
    return [e["path"] for e in load_manifest(corpus)]


def measure_corpus(name, corpus, workdir, repeat, jobs, full_repeat):
    """Full build and jieba floor (medians of full_repeat runs), no-op and one-changed rebuilds (medians of
    repeat runs: they take seconds, and a single one mostly measures what the disk was doing), size, peak RSS."""
    paths = document_paths(corpus)
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    db = workdir / f"{name}.db"

    def one_round():
        # The build and its floor side by side: this machine's speed drifts by a fifth from one run to the
        # next (plain jieba per core: 1.62, 1.79 and 1.95 MB/s in three runs of this script on 2026-11-30),
        # so the ratio is taken per round, each build against the jieba runs right after it.
        db.unlink(missing_ok=True)
        build = build_once(corpus, db, jobs)
        one, per_core = jieba_once(paths, 1)["seconds"], jieba_once(paths, jobs)["seconds"]
        chinese = jieba_clauses_once(served_file(db), jobs)
        return {**build, "jieba_1_seconds": one, "jieba_n_seconds": per_core, "ratio": per_core / build["seconds"],
                "jieba_zh_seconds": chinese["seconds"], "zh_megabytes": chinese["megabytes"],
                "zh_ratio": chinese["seconds"] / build["seconds"]}

    rounds = median_of(full_repeat, one_round)
    noop = median_of(repeat, lambda: build_once(corpus, db, jobs, full=False))
    changed_file = paths[len(paths) // 2]
    original = changed_file.read_bytes()

    def one_changed():
        changed_file.write_bytes(original + f"\nOne more sentence at {time.time_ns()}.\n".encode())
        try:
            return build_once(corpus, db, jobs, full=False)
        finally:
            changed_file.write_bytes(original)

    changed = median_of(repeat, one_changed)
    build_once(corpus, db, jobs, full=False)  # back to the original corpus
    return {
        "name": name, "documents": len(paths), "megabytes": megabytes, "jobs": jobs,
        "build_seconds": rounds["seconds"], "build_mb_s": megabytes / rounds["seconds"],
        "peak_rss_mb": rounds["peak_rss_mb"], "jieba_1_mb_s": megabytes / rounds["jieba_1_seconds"],
        "jieba_n_mb_s": megabytes / rounds["jieba_n_seconds"], "ratio": rounds["ratio"],
        "ratio_runs": [r["ratio"] for r in rounds["runs"]],
        "zh_megabytes": rounds["zh_megabytes"], "jieba_zh_mb_s": rounds["zh_megabytes"] / rounds["jieba_zh_seconds"],
        "zh_ratio": rounds["zh_ratio"], "zh_ratio_runs": [r["zh_ratio"] for r in rounds["runs"]],
        "noop_seconds": noop["seconds"], "noop_mode": noop["mode"],
        "one_changed_seconds": changed["seconds"], "one_changed_processed": changed["processed"],
        "one_changed_runs": [r["seconds"] for r in changed["runs"]], "noop_runs": [r["seconds"] for r in noop["runs"]],
        "db_mb": db.stat().st_size / 1e6, "db": db,
    }


def served_file(db):
    """The file a build's policy.db link points at (the generation it published)."""
    return db.resolve()


def measure_search(db, requests_per_group):
    """Ranked search through Datasette's JSON API, in process, immutable, with inspected counts."""
    sys.path.insert(0, str(ROOT / "tests"))
    from support import make_datasette  # the same configuration the tests and the README use

    # metadata.yml configures the database named "policy": serve the file under that name.
    served = Path(tempfile.mkdtemp(prefix="policy-search-")) / "policy.db"
    os.symlink(db.resolve(), served)
    db = served
    inspect_file = db.with_suffix(".inspect.json")
    subprocess.run([str(Path(sys.executable).with_name("datasette")), "inspect", str(db), "--inspect-file", str(inspect_file)], check=True)
    clauses = json.loads(inspect_file.read_text())[db.stem]["tables"]["clauses"]["count"]

    async def run():
        ds = make_datasette(db)
        ds.inspect_data = json.loads(inspect_file.read_text())
        await ds.invoke_startup()
        route = f"/{db.stem}/search.json"
        results = {}
        for group, queries in SEARCH_QUERIES.items():
            for q in queries:  # warm the page cache and jieba
                await ds.client.get(route, params={"q": q})
            latencies, failed = [], 0
            started = time.perf_counter()
            for i in range(requests_per_group):
                t = time.perf_counter()
                r = await ds.client.get(route, params={"q": queries[i % len(queries)], "_shape": "array"})
                failed += r.status_code != 200  # e.g. over settings.json's sql_time_limit_ms
                latencies.append(time.perf_counter() - t)
            q = statistics.quantiles(latencies, n=100)
            results[group] = {"p50_ms": q[49] * 1000, "p95_ms": q[94] * 1000,
                              "rps": requests_per_group / (time.perf_counter() - started), "failed": failed}
        return results

    return clauses, asyncio.run(run())


def load_generator():
    spec = importlib.util.spec_from_file_location("generate_corpus", Path(__file__).with_name("generate_corpus.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_results(corpora, search, clauses, args):
    machine = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.platform()}"
    lines = [
        "# Benchmark results",
        "",
        f"Measured {datetime.date.today().isoformat()} on {machine}, by `python bench/run.py --documents {args.documents} "
        f"--repeat {args.repeat} --large-repeat {args.large_repeat or args.repeat}`. Medians over {args.repeat} runs "
        f"({args.large_repeat or args.repeat} for the large corpus's full build and jieba times); every build with "
        f"`--jobs {corpora[0]['jobs']}`, in a fresh process, after `os.sync()`. Each full build is followed by the "
        "two jieba runs it is compared with, and the ratio is the median of these rounds' ratios. "
        "Wall-clock seconds of the whole build process, from the interpreter's start (imports included) to its "
        "exit; peak RSS is the largest process of the build (main or worker).",
        "",
        "| corpus | documents | MB | full build s | build MB/s | jieba MB/s, 1 process | jieba MB/s, 1 per core | build ÷ jieba (per core) | peak RSS MB | no-op rebuild s | one document changed s | policy.db MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for c in corpora:
        lines.append(
            f"| {c['name']} | {c['documents']:,} | {c['megabytes']:.1f} | {c['build_seconds']:.2f} | {c['build_mb_s']:.2f} | "
            f"{c['jieba_1_mb_s']:.2f} | {c['jieba_n_mb_s']:.2f} | {c['ratio']:.3f} | {c['peak_rss_mb']:.0f} | "
            f"{c['noop_seconds']:.2f} | {c['one_changed_seconds']:.2f} | {c['db_mb']:.1f} |")
    lines += ["", "The baseline above is jieba over whole files, English ones and page chrome included. The build "
              "segments only clauses that hold a Chinese character, and jieba is slower on English than on Chinese, "
              "so the fair floor is jieba (one process per core, the same pool) over exactly that text: the "
              "normalised text of the built database's Chinese clauses.", "",
              "| corpus | Chinese clause text MB | jieba MB/s, 1 per core | build ÷ jieba over the Chinese clause text, median (rounds) |",
              "|---|---|---|---|"]
    for c in corpora:
        lines.append(f"| {c['name']} | {c['zh_megabytes']:.1f} | {c['jieba_zh_mb_s']:.2f} | {c['zh_ratio']:.3f} "
                     f"({', '.join(f'{r:.3f}' for r in c['zh_ratio_runs'])}) |")
    lines += ["", "Each round's build ÷ jieba (per core), and each run of the rebuilds (seconds, in order; the first "
              "follows the full build and the no-op rebuilds):", ""]
    for c in corpora:
        lines.append(f"- {c['name']}: build ÷ jieba {', '.join(f'{r:.3f}' for r in c['ratio_runs'])}; "
                     f"no-op {', '.join(f'{t:.2f}' for t in c['noop_runs'])}; "
                     f"one document changed {', '.join(f'{t:.2f}' for t in c['one_changed_runs'])}")
    if search:
        lines += ["", f"Ranked search (`/policy/search.json`: its first page, 20 ranked, highlighted clauses) on the {corpora[-1]['documents']:,}-document database "
                  f"({clauses:,} clauses), in-process Datasette, immutable, with `datasette inspect` counts, {args.search_requests} "
                  "requests per group, one at a time:", "",
                  "| queries | p50 ms | p95 ms | requests/s | failed (over the SQL time limit) |", "|---|---|---|---|---|"]
        for group, r in search.items():
            lines.append(f"| {group} | {r['p50_ms']:.1f} | {r['p95_ms']:.1f} | {r['rps']:.0f} | {r['failed']} |")
    # The sections after the first (other benchmarks, earlier runs) are kept as they are.
    kept = ""
    if RESULTS.exists():
        previous = RESULTS.read_text(encoding="utf-8")
        kept = previous[previous.index("\n## "):] if "\n## " in previous else ""
    RESULTS.write_text("\n".join(lines) + "\n" + kept, encoding="utf-8")
    print("\n".join(lines))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000, help="size of the synthetic corpus (default 10,000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (default 3)")
    parser.add_argument("--large-repeat", type=int, default=None, help="runs of the large corpus's full build and jieba timing (default: --repeat)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--search-requests", type=int, default=200, help="search requests per query group")
    parser.add_argument("--workdir", type=Path, default=None, help="where to put generated corpora and databases")
    args = parser.parse_args(argv)
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="policy-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    synthetic = workdir / f"corpus-{args.documents}"
    if not (synthetic / "manifest.yml").is_file():
        load_generator().generate(synthetic, args.documents, seed=0)
    seeds = workdir / "corpus-5"
    shutil.rmtree(seeds, ignore_errors=True)
    shutil.copytree(ROOT / "corpus", seeds)
    corpora = []
    for name, corpus, full_repeat in (("5 seed documents", seeds, args.repeat),
                                      (f"synthetic ({args.documents:,})", synthetic, args.large_repeat or args.repeat)):
        corpora.append(measure_corpus(name, corpus, workdir, args.repeat, args.jobs, full_repeat))
        print({k: v for k, v in corpora[-1].items() if k != "db"}, flush=True)
    clauses, search = measure_search(corpora[-1]["db"], args.search_requests)
    write_results(corpora, search, clauses, args)


if __name__ == "__main__":
    multiprocessing.set_start_method("fork", force=True)
    main()
