"""How fast ingest/formats reads each kind of file, per megabyte of file; with --build, how fast the whole
build goes through a corpus of each kind.

    python bench/formats.py [--mb 2] [--rounds 5]
    python bench/formats.py --build [--mb 1] [--rounds 3]

Each round reads the format fixtures (tests/fixtures/formats/docs/) over and over until --mb megabytes of each
kind have been read: plain text (the fixture notice and the corpus's .txt files), web pages and PDFs; plus one
web page whose article is repeated to --mb megabytes, to show that a long page costs no more per megabyte
than many short ones. Plain text is read in every round as well, and each figure is printed beside the
plain-text figure of the same round: the machine is shared, so the ratio means more than the seconds.
Medians (and the range) over --rounds rounds. .docx is left out: Word files are mostly zip overhead and
pictures, so a per-megabyte figure says little. Reading only: nothing is parsed into clauses.

--build makes a corpus per kind (copies of the fixtures under new ids, --mb megabytes of files) and times a
full build of each (one job, a fresh interpreter), as CPU seconds of the build process per megabyte of
files, beside the plain-text corpus's figure of the same round.
"""
import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from ingest.formats import read_document
from ingest.formats.pdf import _english_words

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "tests" / "fixtures" / "formats" / "docs"
BYTES_PER_MB = 1_000_000


def load_files():
    """(name, bytes) of each kind of file the benchmark reads."""
    texts = [DOCS / "same-notice.txt", *sorted((ROOT / "corpus").glob("*.txt"))]
    texts = [p for p in texts if p.name != "userdict.txt"]
    return {
        "text": [(p.name, p.read_bytes()) for p in texts],
        "html": [(p.name, p.read_bytes()) for p in sorted(DOCS.glob("*.html"))],
        "pdf": [(p.name, p.read_bytes()) for p in sorted(DOCS.glob("*.pdf"))],
    }


def long_page(mb):
    """same-notice.html with its article's paragraphs and table repeated to about `mb` megabytes."""
    page = (DOCS / "same-notice.html").read_text(encoding="utf-8")
    start = page.index('<div class="zw-content" id="zoomcon">')
    start = page.index("\n", start) + 1
    end = page.index("  </div>\n </div>\n</main>")
    article = page[start:end]
    times = max(1, int(mb * BYTES_PER_MB / len(article.encode("utf-8"))))
    return page[:start] + article * times + page[end:]


def read_repeatedly(files, mb):
    """Seconds per megabyte to read `files` round-robin until `mb` megabytes were read."""
    done, seconds, pages = 0, 0.0, 0
    while done < mb * BYTES_PER_MB:
        for name, data in files:
            started = time.perf_counter()
            model = read_document(name, data)
            seconds += time.perf_counter() - started
            done += len(data)
            pages += len({ln.page for ln in model.lines if ln.page}) or 1
    return seconds / (done / BYTES_PER_MB), seconds / pages


def languages():
    """{file name: language} of the fixtures (from their gold) and of the corpus's text files."""
    found = {}
    for gold in (DOCS.parent / "gold").glob("*.yml"):
        g = yaml.safe_load(gold.read_text(encoding="utf-8"))
        found[g["file"]] = g["lang"]
    for entry in yaml.safe_load((ROOT / "corpus" / "manifest.yml").read_text(encoding="utf-8")):
        found[entry["file"]] = entry["language"]
    return found


def make_corpus(dest, entries, mb, langs):
    """A corpus of copies of `entries` ((name, bytes)) under new ids, about `mb` megabytes; its size in MB."""
    dest.mkdir(parents=True)
    manifest, done, n = [], 0, 0
    while done < mb * BYTES_PER_MB:
        for name, data in entries:
            n += 1
            stem, _, ext = name.rpartition(".")
            file = f"copy{n}-{name}"
            (dest / file).write_bytes(data)
            manifest.append({"id": f"copy{n}", "file": file, "language": langs[name], "type": "notice",
                             "issuer": "bench", "source_name": "bench", "translation": "original"})
            done += len(data)
    (dest / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    from ingest.corpusfiles import CURATED
    for name in CURATED:
        shutil.copy(ROOT / "corpus" / name, dest / name)
    return done / BYTES_PER_MB


def build_cpu_seconds(corpus, db):
    """CPU seconds (user + system) of a full one-job build of corpus in a fresh interpreter."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run([sys.executable, "-c", "import sys; from ingest.builder import build; "
                    "build(sys.argv[1], sys.argv[2], jobs=1, full=True)", str(corpus), str(db)],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main_build(args):
    files, langs = load_files(), languages()
    results = {kind: [] for kind in files}
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        sizes = {kind: make_corpus(work / kind, entries, args.mb, langs) for kind, entries in files.items()}
        for r in range(args.rounds):
            per_mb = {kind: build_cpu_seconds(work / kind, work / f"{kind}-{r}.db") / sizes[kind] for kind in files}
            for kind in files:
                results[kind].append((per_mb[kind], per_mb[kind] / per_mb["text"]))
    print(f"full build, 1 job, {args.rounds} rounds; CPU s per MB of files, medians (min-max)\n")
    print(f"{'kind':8} {'MB':>6} {'CPU s/MB':>24} {'x plain text':>20}")
    for kind, rows in results.items():
        per_mb, ratio = [r[0] for r in rows], [r[1] for r in rows]
        print(f"{kind:8} {sizes[kind]:>6.2f} {statistics.median(per_mb):>8.2f} ({min(per_mb):.2f}-{max(per_mb):.2f}) "
              f"{statistics.median(ratio):>7.2f} ({min(ratio):.2f}-{max(ratio):.2f})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=2.0, help="megabytes of each kind read per round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--build", action="store_true", help="time full builds of a corpus of each kind")
    args = parser.parse_args()
    if args.build:
        return main_build(args)
    files = load_files()
    files["html, one long page"] = [("long-page.html", long_page(args.mb).encode("utf-8"))]
    _english_words()  # loaded once per process, the first time a PDF has a hyphen at a line end (0.25 s)
    for kind, entries in files.items():  # warm up: imports, caches
        read_document(entries[0][0], entries[0][1])
    results = {kind: [] for kind in files}
    for _ in range(args.rounds):
        text_per_mb, _per_doc = read_repeatedly(files["text"], args.mb)
        for kind, entries in files.items():
            per_mb, per_page = (text_per_mb, None) if kind == "text" else read_repeatedly(entries, args.mb)
            results[kind].append((per_mb, per_mb / text_per_mb, per_page))
    sizes = {kind: sum(len(d) for _, d in entries) / len(entries) / 1000 for kind, entries in files.items()}
    print(f"{args.rounds} rounds, {args.mb:g} MB of each kind per round; medians (min-max)\n")
    print(f"{'kind':22} {'files':>5} {'KB/file':>8} {'s/MB':>22} {'x plain text':>20} {'s/page':>8}")
    for kind, rows in results.items():
        per_mb = [r[0] for r in rows]
        ratio = [r[1] for r in rows]
        per_page = [r[2] for r in rows if r[2] is not None]
        print(f"{kind:22} {len(files[kind]):>5} {sizes[kind]:>8.1f} "
              f"{statistics.median(per_mb):>8.4f} ({min(per_mb):.4f}-{max(per_mb):.4f}) "
              f"{statistics.median(ratio):>7.1f} ({min(ratio):.1f}-{max(ratio):.1f}) "
              + (f"{statistics.median(per_page):>8.4f}" if kind == "pdf" else f"{'':>8}"))


if __name__ == "__main__":
    main()
