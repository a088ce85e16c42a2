"""Fuzzing the build: 520 seeded random documents (mixed Chinese and English, Chinese and Arabic numerals, scale
words, dates, punctuation, control and invisible characters, lines up to and past the limit, five encodings
and broken bytes). Each document alone must give its rows or one CorpusError, never a traceback, in bounded
time; then corpora of them are built by build.py, which must exit 0 or print one clear error line.

The documents that fail are listed with their seeds, so that a failure can be replayed:
    python tests/slow/test_build_fuzz.py SEED  (writes that document to stdout as UTF-8 text)
"""
import json
import queue
import random
import subprocess
import sys
import threading

import pytest

from support import ROOT, copy_curated

DOCUMENTS = 520
BASE_SEED = 24_000
SECONDS_PER_DOCUMENT = 10  # the largest generated document (about 0.5 MB) takes well under a second

ZH_WORDS = ["知识产权", "专利代理师", "就业", "培训", "高校毕业生", "服务机构", "人才", "岗位", "招聘会", "国家知识产权局",
            "要", "应当", "鼓励", "支持", "加强", "推进", "的", "和", "在", "对", "将", "达到", "超过", "约", "近", "以上",
            "万人", "亿元", "个", "名", "家", "次", "提供", "新增", "累计", "目标", "到", "前", "报送", "通知如下", "特此通知"]
EN_WORDS = ["the", "patent", "agents", "training", "more", "than", "nearly", "over", "about", "jobs", "graduates",
            "will", "shall", "encourage", "support", "strengthen", "we", "by", "in", "of", "and", "to", "talents",
            "intellectual", "property", "services", "reached", "increase", "percent", "people", "firms", "year"]
SCALES = ["万", "亿", "千", "百", "万亿", "thousand", "million", "billion", "hundred", "k", "m", "bn", "trillion"]
ZH_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点"
DATES = ["2020年4月23日", "6月30日前", "2021-12-31", "April 23, 2021", "十四五", "2025年", "今年", "去年", "明年", "年底前",
         "1999年13月45日", "2020年2月30日", "0000年", "20200年", "二〇二〇年", "2021/4/5", "31 December 2021",
         "the 14th Five-Year Plan period", "by the end of 2025", "2021—2025年", "2020年至2025年", "Q1 2024", "上半年"]
PUNCTUATION = list("，。；：、“”‘’《》（）【】…—！？,.;:!?()[]{}\"'-/\\|@#$%^&*_+=<>~`") + ["……", "——", "...", " - "]
HEADINGS = ["一、", "（一）", "1.", "I.", "(1)", "第一条", "二十、", "XX.", "IV.", "(a)", "1.1", "附件", "Article 3", "一是",
            "十、", "（十一）", "999.", "MMMM.", "（）", "、"]
ODD = ["\u200b", "\u3000", "\xa0", "\u2028", "\u2029", "\x85", "\x0c", "\t", "😀", "e\u0301", "ﷺ", "مرحبا", "\ufeff",
       "\U0010fffd", "\ue000", "\u202e", "\ufffd", "１，４９０", "ＣＮＩＰＡ", "國家知識產權局", "Ⅻ", "①②③", "½", "²", "٣"]
CONTROLS = ["\x01", "\x00", "\x1b", "\x7f\x08"]
LINE_BREAKS = ["\n", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n"]
MAX_LINE_CHARS = 100_000


def arabic_number(rng):
    kind = rng.randrange(9)
    n = rng.choice([0, 1, 7, 69, 690, 1490, 10 ** rng.randrange(1, 16), rng.randrange(10 ** 9)])
    if kind == 0:
        return f"{n:,}"
    if kind == 1:
        return f"{n / rng.choice([3, 7, 1000]):.{rng.randrange(6)}f}"
    if kind == 2:
        return "9" * rng.randrange(20, 400)  # longer than any float
    if kind == 3:
        return ".".join(str(rng.randrange(100)) for _ in range(rng.randrange(2, 6)))
    if kind == 4:
        return f"{n}%"
    if kind == 5:
        return ",".join(str(rng.randrange(1000)).zfill(3) for _ in range(rng.randrange(1, 30)))
    if kind == 6:
        return str(n).translate(str.maketrans("0123456789,.", "０１２３４５６７８９，．"))
    return str(n)


def chinese_number(rng, malformed):
    if not malformed or rng.random() < 0.5:  # well formed
        return rng.choice(["一百二十万", "三千", "两亿", "六十九万", "百分之五十", "十四", "一千四百九十", "五点五", "九千九百九十九亿"])
    return "".join(rng.choice(ZH_NUMERAL_CHARS) for _ in range(rng.randrange(1, 40)))


def token(rng, zh_share, malformed=False):
    roll = rng.random()
    if roll < 0.12:
        return arabic_number(rng) + (rng.choice(SCALES) if rng.random() < 0.5 else "")
    if roll < 0.2:
        return chinese_number(rng, malformed) + (rng.choice(SCALES) if rng.random() < 0.3 else "")
    if roll < 0.26:
        return rng.choice(DATES)
    if roll < 0.36:
        return rng.choice(PUNCTUATION)
    if roll < 0.39:
        return rng.choice(ODD)
    return rng.choice(ZH_WORDS) if rng.random() < zh_share else " " + rng.choice(EN_WORDS) + " "


def sentence(rng, zh_share, length, malformed=False):
    return "".join(token(rng, zh_share, malformed) for _ in range(length)) + rng.choice(["。", "；", ".", ";", "", "！", "?"])


def document_text(seed):
    """(text, language) of one random document."""
    rng = random.Random(seed)
    language = rng.choice(["zh", "en"])
    zh_share = rng.choice([0.0, 0.05, 0.5, 0.95, 1.0]) if rng.random() < 0.3 else (0.9 if language == "zh" else 0.1)
    malformed = rng.random() < 0.2  # Chinese numerals of random characters (十十千, 〇万百): in one document of five
    lines = [sentence(rng, zh_share, rng.randrange(2, 12))]  # a title
    for _ in range(rng.randrange(0, 60)):
        heading = rng.choice(HEADINGS) if rng.random() < 0.2 else ""
        lines.append(heading + " ".join(sentence(rng, zh_share, rng.randrange(1, 40), malformed)
                                        for _ in range(rng.randrange(1, 6))))
    roll = rng.random()
    if roll < 0.06:  # a line at the limit, or just past it
        piece = sentence(rng, zh_share, rng.randrange(3, 30))
        length = MAX_LINE_CHARS + rng.choice([0, 0, 1]) if rng.random() < 0.5 else rng.randrange(10_000, MAX_LINE_CHARS)
        lines.insert(rng.randrange(len(lines) + 1), (piece * (length // max(1, len(piece)) + 1))[:length])
    elif roll < 0.1:  # a long line of numbers and scale words only: what figure taggers meet in tables
        lines.append(" ".join(arabic_number(rng) + rng.choice(SCALES) for _ in range(rng.randrange(500, 3000))))
    elif roll < 0.13:
        lines.append("的" * rng.randrange(1000, 20_000))
    if rng.random() < 0.03:
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(CONTROLS))
    text = ""
    for line in lines:
        text += line + rng.choice(LINE_BREAKS)
    return text, language


def document_bytes(seed):
    """(file bytes, language): the text in one of five encodings, or broken, or empty."""
    text, language = document_text(seed)
    rng = random.Random(seed * 7 + 1)
    roll = rng.random()
    if roll < 0.02:
        return rng.choice([b"", b"  \n\r\n  "]), language
    if roll < 0.05:
        data = bytearray(text.encode("utf-8"))
        for _ in range(rng.randrange(1, 5)):
            data.insert(rng.randrange(len(data) + 1), rng.choice([0x80, 0xff, 0xc3, 0xed]))
        return bytes(data), language
    encoding = rng.choice(["utf-8"] * 6 + ["utf-8-sig", "utf-16", "utf-16-be", "gb18030"])
    if encoding == "utf-16-be":
        return b"\xfe\xff" + text.encode("utf-16-be"), language
    return text.encode(encoding), language


def write_corpus(folder, seeds):
    """A corpus folder of the given documents, with the real curated files; {seed: file name}."""
    folder.mkdir(parents=True)
    copy_curated(folder)
    files, entries = {}, []
    for seed in seeds:
        data, language = document_bytes(seed)
        files[seed] = f"fuzz-{seed}.{language}.txt"
        (folder / files[seed]).write_bytes(data)
        entries.append(f"- id: fuzz-{seed}\n  file: {files[seed]}\n  title: Fuzz {seed}\n  language: {language}\n"
                       f"  type: notice\n  issuer: I\n  issue_date: 2021-06-{seed % 28 + 1:02d}\n  source_name: S\n"
                       f"  translation: original\n")
    (folder / "manifest.yml").write_text("\n".join(entries), encoding="utf-8")
    return files


# Processes each document of a corpus alone, in manifest order from a given position, and prints a JSON line
# before and after each: a document that hangs is seen by the parent, which kills this and starts another.
RUNNER = """
import json, sys, time, traceback
from ingest.builder.workers import process_one
from ingest.curated import load_curated
from ingest.errors import CorpusError
from ingest.manifest import load_manifest
corpus, start = sys.argv[1], int(sys.argv[2])
curated = load_curated(corpus)
for entry in load_manifest(corpus)[start:]:
    print(json.dumps({"id": entry["id"], "started": True}), flush=True)
    began = time.perf_counter()
    try:
        rows = process_one(entry, curated)
        status, error = "ok", None
        # What SQLite cannot store fails the build later, in the main process: found here, with its document.
        for table, table_rows in rows.items():
            for row in table_rows if table != "_fts" else ():
                for column, value in row.items():
                    if isinstance(value, int) and not -2**63 <= value < 2**63:
                        status, error = "crash", f"OverflowError: {table}.{column} = {value} is too large for SQLite (at rows)"
    except CorpusError as e:
        status, error = "error", str(e)
    except Exception as e:
        frame = traceback.extract_tb(e.__traceback__)[-1]
        status, error = "crash", f"{type(e).__name__}: {e} (at {frame.filename.rsplit('/', 2)[-1]}:{frame.lineno})"
    print(json.dumps({"id": entry["id"], "status": status, "seconds": time.perf_counter() - began, "error": error}), flush=True)
"""


def _read_lines(stream, lines):
    for line in stream:
        lines.put(line)
    lines.put(None)


def process_each(corpus, count):
    """{document id: (status, seconds, error)}: 'ok', 'error' (a CorpusError), 'crash' or 'hang'."""
    results = {}
    while len(results) < count:
        proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(corpus), str(len(results))], cwd=ROOT,
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        lines = queue.Queue()
        threading.Thread(target=_read_lines, args=(proc.stdout, lines), daemon=True).start()
        current = None
        while True:
            try:
                line = lines.get(timeout=SECONDS_PER_DOCUMENT * 3 if current else 120)
            except queue.Empty:
                line = "hang"
            if line is None or line == "hang":
                break
            record = json.loads(line)
            if record.get("started"):
                current = record["id"]
            else:
                results[record["id"]], current = (record["status"], record["seconds"], record["error"]), None
        proc.kill()
        proc.wait()
        if current is None:  # the runner ended between documents: done, or it could not start at all
            break
        results[current] = (line if line == "hang" else "crash", None, "no answer" if line == "hang" else "the process died")
    return results


def build(corpus, db):
    return subprocess.run([sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--db", str(db), "--jobs", "2"],
                          capture_output=True, text=True, timeout=1200)


@pytest.fixture(scope="module")
def fuzzed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz")
    seeds = list(range(BASE_SEED, BASE_SEED + DOCUMENTS))
    files = write_corpus(folder / "all", seeds)
    return folder, seeds, files, process_each(folder / "all", len(seeds))


def _report(bad):
    """The failures grouped by kind and place (the error text less what the document said), with seeds."""
    groups = {}
    for doc_id, (status, _, error) in sorted(bad.items()):
        kind = f"{status}: {error.split(':')[0]}{' ' + error[error.rfind('(at '):] if '(at ' in error else ''}"
        groups.setdefault(kind, []).append((doc_id.removeprefix("fuzz-"), error))
    return "\n".join(f"  {kind} x{len(found)}: seeds {', '.join(seed for seed, _ in found[:12])}"
                     f"{' ...' if len(found) > 12 else ''}\n    e.g. {found[0][1][:200]}" for kind, found in groups.items())


def test_every_document_gives_rows_or_one_clear_error(fuzzed):
    _, seeds, _, results = fuzzed
    assert len(results) == len(seeds)
    bad = {doc_id: r for doc_id, r in results.items() if r[0] in ("crash", "hang")}
    assert not bad, f"{len(bad)} of {len(seeds)} documents crashed or hung:\n{_report(bad)}"
    errors = [r[2] for r in results.values() if r[0] == "error"]
    assert all("\n" not in e and ".txt" in e for e in errors), errors


def test_time_per_document_is_bounded(fuzzed):
    _, _, _, results = fuzzed
    times = sorted(r[1] for r in results.values() if r[1] is not None)
    statuses = {s: sum(r[0] == s for r in results.values()) for s in ("ok", "error", "crash", "hang")}
    if times:  # for the record (pytest -s): what the fuzzed documents did and how long they took
        print(f"\nbuild fuzz: {len(results)} documents, {statuses}, seconds per document: median "
              f"{times[len(times) // 2]:.3f}, max {times[-1]:.2f} (bound {SECONDS_PER_DOCUMENT})")
    slow = {doc_id: r for doc_id, r in results.items() if r[1] is not None and r[1] > SECONDS_PER_DOCUMENT}
    assert not slow, "\n".join(f"{doc_id}: {r[1]:.1f} s" for doc_id, r in slow.items())


def test_builds_exit_0_or_with_one_clear_line(fuzzed):
    """The documents that processed alone are built together, by worker processes; then corpora of some of them
    and one document that did not: each exits 1 with one line that names that document's file."""
    folder, seeds, _, results = fuzzed
    status = {s: results.get(f"fuzz-{s}", ("missing",))[0] for s in seeds}
    good = [s for s in seeds if status[s] == "ok"]
    assert good
    write_corpus(folder / "good", good)
    result = build(folder / "good", folder / "good.db")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-3000:]
    # A few of each kind of failure (a hang would only take its time again).
    failing = [s for s in seeds if status[s] == "error"][:4] + [s for s in seeds if status[s] == "crash"][:4]
    assert failing
    unclear = {}
    for seed in failing:
        files = write_corpus(folder / f"with-{seed}", good[:20] + [seed])
        result = build(folder / f"with-{seed}", folder / f"with-{seed}.db")
        lines = result.stderr.splitlines()
        if not (result.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: ") and files[seed] in lines[0]):
            unclear[seed] = f"exit {result.returncode}: {lines[-1] if lines else ''}"
    assert not unclear, "builds without one clear error line:\n" + "\n".join(f"  seed {k}: {v}" for k, v in unclear.items())


if __name__ == "__main__":
    sys.stdout.write(document_text(int(sys.argv[1]))[0])
