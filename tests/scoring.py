"""Scores of the extraction against gold written by reading: the development set (tests/devset/) and the five
seeds (tests/gold/seeds/). Used by tests/build/test_devset.py; run it to see every miss:

    python tests/scoring.py [--split tuning|test|seeds] [--document ID]

Figures are matched by (document, value, qualifier), dates by (document, start, role), chrome lines, the
title, headings and clauses exactly, 公文 elements field by field.
"""
import argparse
import collections
import datetime
import json
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import yaml

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
DEVSET = TESTS / "devset"
SEEDS_GOLD = TESTS / "gold" / "seeds"
METRICS = ("figures", "dates", "chrome", "headings", "clauses", "gongwen")


def load_devset_gold():
    """{document id: gold} for the development set."""
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
            for path in sorted((DEVSET / "gold").glob("*.yml"))}


def load_seed_gold():
    return {path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in sorted(SEEDS_GOLD.glob("*.yml"))}


def write_devset_corpus(dest: Path, gold=None):
    """A corpus folder of the development set: its files, a manifest made of the gold files' entries, and the
    repository corpus's curated data."""
    gold = gold or load_devset_gold()
    dest.mkdir(parents=True, exist_ok=True)
    for doc_id, g in gold.items():
        shutil.copy(DEVSET / "docs" / g["manifest"]["file"], dest / g["manifest"]["file"])
    manifest = [g["manifest"] for g in gold.values()]
    (dest / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True, sort_keys=False), encoding="utf-8")
    from support import copy_curated
    copy_curated(dest)
    return dest


def _iso(value):
    return value.isoformat() if isinstance(value, (datetime.date, datetime.datetime)) else str(value)


def _value(v):
    return None if v is None else round(float(v), 6)


def found(conn, doc_id):
    """What the build extracted from one document, in the gold's terms."""
    q = lambda sql: conn.execute(sql, [doc_id]).fetchall()  # noqa: E731
    sections = q("select level, number, heading from sections where document_id = ? order by sort_order")
    return {
        "figures": [(_value(v), qual) for v, qual in q("select value, qualifier from figures where document_id = ?")],
        "dates": [(start, role) for start, role in q("select date_start, role from dates where document_id = ?")],
        "chrome": [text for (text,) in q("select text from chrome_lines where document_id = ? order by line")],
        # A title printed twice (a notice's page headline and its own title line) is one title.
        "headings": [("title", None, h) for h in dict.fromkeys(h for lvl, _, h in sections if lvl == 0)]
                    + [(lvl, num, h) for lvl, num, h in sections if lvl > 0],
        "clauses": [text for (text,) in q("select text from clauses where document_id = ? order by position")],
        "gongwen": _found_gongwen(conn, doc_id),
    }


def _found_gongwen(conn, doc_id):
    columns = {c for (c,) in conn.execute("select name from pragma_table_info('documents')")}
    wanted = {"doc_number_agency": "agency", "doc_number_year": "year", "doc_number_sequence": "sequence",
              "addressee": "addressee", "signed_date": "date", "cc": "cc", "signatories": "signature",
              "attachments": "attachments"}
    present = [c for c in wanted if c in columns]
    if not present:
        return {}
    row = conn.execute(f"select {', '.join(present)} from documents where id = ?", [doc_id]).fetchone()
    found = {wanted[c]: v for c, v in zip(present, row) if v is not None}
    for key in ("signature", "attachments"):  # JSON lists; an empty one is none
        if key in found:
            found[key] = json.loads(found[key]) or None
    return {k: v for k, v in found.items() if v is not None}


def expected(g):
    """The gold of one document, in the same terms."""
    gongwen = g.get("gongwen") or {}
    number = gongwen.get("doc_number") or {}
    return {
        "figures": [(_value(f["value"]), f.get("qualifier")) for f in g.get("figures") or []],
        "dates": [(_iso(d["start"]), d["role"]) for d in g.get("dates") or []],
        "chrome": list(g.get("chrome") or []),
        "headings": ([("title", None, g["title"])] if g.get("title") else [])
                    # A heading of level 0 is a second title line (the title of what a cover notice issues).
                    + [("title", None, h["text"]) for h in g.get("headings") or [] if h["level"] == 0]
                    + [(h["level"], h.get("number"), h["text"]) for h in g.get("headings") or [] if h["level"] > 0],
        "clauses": list(g.get("clauses") or []),
        "gongwen": {k: v for k, v in {
            "agency": number.get("agency"), "year": number.get("year"), "sequence": number.get("sequence"),
            "addressee": gongwen.get("addressee"), "date": _iso(gongwen["date"]) if gongwen.get("date") else None,
            "cc": gongwen.get("cc"), "signature": gongwen.get("signature") or None,
            "attachments": gongwen.get("attachments") or None,
        }.items() if v is not None},
    }


def _multiset_misses(gold, got):
    g, f = collections.Counter(gold), collections.Counter(got)
    return sorted((g - f).elements(), key=repr), sorted((f - g).elements(), key=repr), sum((g & f).values())


def score_document(gold, got):
    """{metric: {"missed": [...], "extra": [...], "correct": n, "gold": n, "found": n, "exact": bool}}."""
    result = {}
    for metric in ("figures", "dates", "chrome"):
        missed, extra, correct = _multiset_misses(gold[metric], got[metric])
        result[metric] = {"missed": missed, "extra": extra, "correct": correct,
                          "gold": len(gold[metric]), "found": len(got[metric]), "exact": not missed and not extra}
    for metric in ("headings", "clauses"):
        missed, extra, correct = _multiset_misses(gold[metric], got[metric])
        result[metric] = {"missed": missed, "extra": extra, "correct": correct, "gold": len(gold[metric]),
                          "found": len(got[metric]), "exact": gold[metric] == got[metric]}
    wrong = {k: (v, got["gongwen"].get(k)) for k, v in gold["gongwen"].items() if got["gongwen"].get(k) != v}
    result["gongwen"] = {"missed": sorted(wrong.items()), "extra": [], "correct": len(gold["gongwen"]) - len(wrong),
                         "gold": len(gold["gongwen"]), "found": len(got["gongwen"]), "exact": not wrong}
    return result


def score(db_path, gold_by_doc, split=None):
    """{doc id: score_document(...)} for the documents of a split (all when None)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return {doc_id: score_document(expected(g), found(conn, doc_id))
                for doc_id, g in gold_by_doc.items() if split is None or g.get("split") == split}
    finally:
        conn.close()


def totals(scores):
    """{metric: (precision, recall, exact documents, documents)}."""
    out = {}
    for metric in METRICS:
        correct = sum(s[metric]["correct"] for s in scores.values())
        gold = sum(s[metric]["gold"] for s in scores.values())
        found_ = sum(s[metric]["found"] for s in scores.values())
        exact = sum(s[metric]["exact"] for s in scores.values())
        out[metric] = (correct / found_ if found_ else 1.0, correct / gold if gold else 1.0, exact, len(scores))
    return out


def report(scores, title):
    lines = [f"== {title}: {len(scores)} documents"]
    for metric, (p, r, exact, n) in totals(scores).items():
        lines.append(f"  {metric:9} precision {p:.3f}  recall {r:.3f}  documents exact {exact}/{n}")
    for doc_id, s in scores.items():
        for metric in METRICS:
            if not s[metric]["exact"]:
                lines.append(f"  {doc_id} {metric}: missed {s[metric]['missed']} extra {s[metric]['extra']}")
    return "\n".join(lines)


def build_devset(db_path: Path):
    from ingest.builder import build
    with tempfile.TemporaryDirectory() as corpus:
        build(write_devset_corpus(Path(corpus) / "corpus"), db_path, jobs=1, full=True)
    return db_path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("tuning", "test", "seeds"))
    parser.add_argument("--document")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as work:
        if args.split == "seeds":
            from ingest.builder import build
            db = Path(work) / "seeds.db"
            build(ROOT / "corpus", db, jobs=1, full=True)
            gold = load_seed_gold()
        else:
            db = build_devset(Path(work) / "devset.db")
            gold = load_devset_gold()
        if args.document:
            gold = {args.document: gold[args.document]}
        splits = [args.split] if args.split else ["tuning", "test"]
        for split in splits:
            print(report(score(db, gold, split), split))


if __name__ == "__main__":
    sys.exit(main())
