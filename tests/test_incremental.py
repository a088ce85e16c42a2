"""Incremental builds: only what changed is redone, and the result equals a full build."""
import hashlib
import sqlite3

from conftest import dump_database as _dump
from ingest import builder


def _mode(path):
    return sqlite3.connect(path).execute("select mode, documents_processed from build_info").fetchone()


def test_unchanged_corpus_writes_nothing(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    assert builder.build(corpus_copy, db)["mode"] == "full"
    before = (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns)
    result = builder.build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("unchanged", 0)
    assert (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns) == before


def test_one_changed_document_is_redone_and_equals_a_full_build(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    builder.build(corpus_copy, db)
    ids_before = dict(sqlite3.connect(db).execute("select id, text from clauses where document_id != 'news-2021-beijing-overseas-talent'").fetchall())
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nThe office will train 2,000 more agents by 2026.\n")
    result = builder.build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("incremental", 1)
    assert _mode(db) == ("incremental", 1)
    full = tmp_path / "full.db"
    builder.build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)
    after = dict(sqlite3.connect(db).execute("select id, text from clauses").fetchall())
    assert all(after[i] == t for i, t in ids_before.items())  # untouched documents keep their ids and text
    assert sqlite3.connect(db).execute("select count(*) from figures where surface = '2,000' and document_id = 'news-2021-beijing-overseas-talent'").fetchone()[0] == 1


def test_removed_and_reordered_documents(corpus_copy, tmp_path):
    import yaml
    db = tmp_path / "p.db"
    builder.build(corpus_copy, db)
    manifest = yaml.safe_load((corpus_copy / "manifest.yml").read_text(encoding="utf-8"))
    dropped = manifest.pop()  # the last entry: no other document is "about" it
    manifest.reverse()
    (corpus_copy / dropped["file"]).unlink()
    (corpus_copy / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    result = builder.build(corpus_copy, db)
    assert result["mode"] == "incremental" and result["processed"] == 0
    full = tmp_path / "full.db"
    builder.build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)
    assert sqlite3.connect(db).execute("select count(*) from clauses where document_id = ?", [dropped["id"]]).fetchone()[0] == 0


def test_changed_glossary_redoes_everything(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    builder.build(corpus_copy, db)
    with open(corpus_copy / "glossary.yml", "a", encoding="utf-8") as f:
        f.write("\n  - id: zz-test-term\n    zh: [就业]\n    en: [employment]\n")
    result = builder.build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("full", 5)
    total = sqlite3.connect(db).execute("select total_count from glossary where id = 'zz-test-term'").fetchone()[0]
    assert total > 10


def test_parallel_build_equals_serial_build(corpus_copy, tmp_path):
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    builder.build(corpus_copy, serial, jobs=1)
    builder.build(corpus_copy, parallel, jobs=2)
    assert _dump(serial) == _dump(parallel)
