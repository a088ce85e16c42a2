import pytest
"""Incremental builds: only what changed is redone, and the result equals a full build."""
import hashlib
import importlib.util
import os
import sqlite3
import time

from support import ROOT, dump_database as _dump
from ingest.builder import build
from ingest.builder.plan import RECENT_CHANGE_NS
from ingest.manifest import load_manifest


def _mode(path):
    return sqlite3.connect(path).execute("select mode, documents_processed from build_info").fetchone()


def test_unchanged_corpus_writes_nothing(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    assert build(corpus_copy, db)["mode"] == "full"
    before = (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns)
    result = build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("unchanged", 0)
    assert (hashlib.sha256(db.read_bytes()).hexdigest(), db.stat().st_mtime_ns) == before


def test_a_served_database_changed_since_it_was_published_is_checked_and_a_damaged_one_rebuilt(corpus_copy, tmp_path):
    from ingest.builder.store import Store
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    store, served = Store(db), db.resolve()
    assert store.unchanged_since_published(served)  # as published: not read through again
    os.utime(served)
    assert not store.unchanged_since_published(served)
    assert build(corpus_copy, db)["mode"] == "unchanged"  # touched but whole: checked, and built on
    with open(served, "r+b") as f:  # damage a page in the middle, as a bad disk or a stray write would
        f.seek(served.stat().st_size // 2)
        f.write(b"\xff" * 4096)
    assert build(corpus_copy, db)["mode"] == "full"
    assert sqlite3.connect(db).execute("pragma quick_check").fetchone()[0] == "ok"


def test_one_changed_document_is_redone_and_equals_a_full_build(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    ids_before = dict(sqlite3.connect(db).execute("select id, text from clauses where document_id != 'news-2021-beijing-overseas-talent'").fetchall())
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nThe office will train 2,000 more agents by 2026.\n")
    result = build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("incremental", 1)
    assert _mode(db) == ("incremental", 1)
    full = tmp_path / "full.db"
    build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)
    after = dict(sqlite3.connect(db).execute("select id, text from clauses").fetchall())
    assert all(after[i] == t for i, t in ids_before.items())  # untouched documents keep their ids and text
    assert sqlite3.connect(db).execute("select count(*) from figures where surface = '2,000' and document_id = 'news-2021-beijing-overseas-talent'").fetchone()[0] == 1


_REPEALING_NOTICE = """某省知识产权局关于做好知识产权服务业人才工作的通知

各市知识产权局：

为做好本省知识产权服务业人才工作，现将有关事项通知如下。

一、本通知自印发之日起施行，《关于做好2020年知识产权服务业吸纳高校毕业生就业工作的通知》（国知发运函字〔2020〕37号）同时废止。

某省知识产权局
2021年3月1日
"""


def _status(db, doc_id):
    return sqlite3.connect(db).execute("select status from documents where id = ?", [doc_id]).fetchone()[0]


def test_a_document_that_repeals_another_changes_that_ones_validity_as_a_full_build_does(corpus_copy, tmp_path):
    """Validity is worked out again only for documents a change can reach: here the one a notice repeals, then
    no longer repeals. Each step is an incremental build checked against a full one; the last updates the
    file two generations back, in which the repeal is still stated."""
    import yaml
    db, full = tmp_path / "p.db", tmp_path / "full.db"

    def same_as_full():
        build(corpus_copy, full, full=True)
        return _dump(db) == _dump(full)

    build(corpus_copy, db)
    before = _status(db, "cnipa-2020-37")
    notice = corpus_copy / "province-2021-repeal.zh.txt"
    notice.write_text(_REPEALING_NOTICE, encoding="utf-8")
    entry = {"id": "province-2021-repeal", "file": notice.name,
             "title": "某省知识产权局关于做好知识产权服务业人才工作的通知", "language": "zh", "type": "notice",
             "issuer": "某省知识产权局", "publication_date": "2021-03-01", "source_name": "某省知识产权局网站",
             "translation": "original"}
    with open(corpus_copy / "manifest.yml", "a", encoding="utf-8") as f:
        f.write("\n" + yaml.safe_dump([entry], allow_unicode=True, sort_keys=False))
    assert build(corpus_copy, db)["mode"] == "incremental"
    assert _status(db, "cnipa-2020-37") != before and same_as_full()  # repealed
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nThe office will train 2,000 more agents by 2026.\n")
    assert build(corpus_copy, db)["mode"] == "incremental" and same_as_full()
    notice.write_text(_REPEALING_NOTICE.replace(
        "，《关于做好2020年知识产权服务业吸纳高校毕业生就业工作的通知》（国知发运函字〔2020〕37号）同时废止", ""), encoding="utf-8")
    assert build(corpus_copy, db)["mode"] == "incremental"
    assert _status(db, "cnipa-2020-37") == before and same_as_full()  # no longer repealed


def test_a_document_added_where_there_is_no_room_between_its_neighbours_renumbers_all_as_a_full_build_does(
        corpus_copy, tmp_path, monkeypatch):
    """Sort bases one apart leave no room for a document between two: every base is spaced again, and a new
    document's base may be another's old one, which it takes only once that one has moved: in this build, and
    in the next, which brings the file two generations back up to date."""
    import yaml
    from ingest.builder import order
    monkeypatch.setattr(order, "BASE_GAP", 1)
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    manifest = corpus_copy / "manifest.yml"
    entries = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    extra = corpus_copy / "province-2021-talent.zh.txt"
    extra.write_text(_REPEALING_NOTICE.replace("同时废止", "继续有效"), encoding="utf-8")
    entries.insert(1, {"id": "province-2021-talent", "file": extra.name, "title": "某省知识产权局关于做好知识产权服务业人才工作的通知",
                       "language": "zh", "type": "notice", "issuer": "某省知识产权局", "publication_date": "2021-03-01",
                       "source_name": "某省知识产权局网站", "translation": "original"})
    manifest.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert build(corpus_copy, db)["mode"] == "incremental"
    bases = [b for (b,) in sqlite3.connect(db).execute("select sort_base from documents order by manifest_position")]
    assert bases == sorted(bases) and len(set(bases)) == len(bases) and bases[1] == 2  # spaced again
    full = tmp_path / "full.db"
    build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)
    # The next build updates the file before that: its documents still have their old bases, and the new one
    # is copied in at a base one of them holds there.
    with open(corpus_copy / "news-2021-beijing-overseas-talent.en.txt", "a", encoding="utf-8") as f:
        f.write("\nThe office will train 2,000 more agents by 2026.\n")
    assert build(corpus_copy, db)["mode"] == "incremental"
    build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)


def test_removed_and_reordered_documents(corpus_copy, tmp_path):
    import yaml
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    manifest = yaml.safe_load((corpus_copy / "manifest.yml").read_text(encoding="utf-8"))
    dropped = manifest.pop()  # the last entry: no other document is "about" it
    manifest.reverse()
    (corpus_copy / dropped["file"]).unlink()
    (corpus_copy / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    result = build(corpus_copy, db)
    assert result["mode"] == "incremental" and result["processed"] == 0
    full = tmp_path / "full.db"
    build(corpus_copy, full, full=True)
    assert _dump(db) == _dump(full)
    assert sqlite3.connect(db).execute("select count(*) from clauses where document_id = ?", [dropped["id"]]).fetchone()[0] == 0


def test_changed_glossary_redoes_everything(corpus_copy, tmp_path):
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    with open(corpus_copy / "glossary.yml", "a", encoding="utf-8") as f:
        f.write("\n  - id: zz-test-term\n    zh: [就业]\n    en: [employment]\n")
    result = build(corpus_copy, db)
    assert (result["mode"], result["processed"]) == ("full", len(load_manifest(corpus_copy)))
    total = sqlite3.connect(db).execute("select total_count from glossary where id = 'zz-test-term'").fetchone()[0]
    assert total > 10


def test_parallel_build_equals_serial_build(corpus_copy, tmp_path):
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    build(corpus_copy, serial, jobs=1)
    build(corpus_copy, parallel, jobs=2)
    assert _dump(serial) == _dump(parallel)


def test_parallel_build_in_batches_equals_serial_build(tmp_path):
    """Forty documents go to two workers in batches of five: rows and reading order are those of one process."""
    spec = importlib.util.spec_from_file_location("generate_corpus", ROOT / "bench" / "generate_corpus.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    corpus = tmp_path / "corpus-40"
    generator.generate(corpus, 40, seed=1)
    serial, parallel = tmp_path / "serial.db", tmp_path / "parallel.db"
    build(corpus, serial, jobs=1)
    build(corpus, parallel, jobs=2)
    assert _dump(serial) == _dump(parallel)
    order = "select id from documents order by manifest_position"
    assert [r for (r,) in sqlite3.connect(parallel).execute(order)] == [e["id"] for e in load_manifest(corpus)]


def _stat(path):
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


@pytest.mark.slow  # waits out the two-second stat window
def test_file_stats_spare_rereading_unchanged_files_but_catch_every_change(corpus_copy, tmp_path):
    time.sleep(RECENT_CHANGE_NS / 1e9 + 0.1)  # let the copied files age past the racy window
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    conn = sqlite3.connect(db)
    assert dict(conn.execute("select file, file_stat from documents")) == {
        name: _stat(corpus_copy / name) for (name,) in conn.execute("select file from documents")}
    conn.close()
    # A same-size edit with the old mtime put back (as cp -p or rsync -t would): the ctime still moves.
    edited = corpus_copy / "news-2021-beijing-overseas-talent.en.txt"
    mtime = edited.stat().st_mtime_ns
    edited.write_bytes(edited.read_bytes().replace(b"2021", b"2022", 1))
    os.utime(edited, ns=(mtime, mtime))
    assert build(corpus_copy, db)["processed"] == 1
    row = sqlite3.connect(db).execute("select sha256, file_stat from documents where file = ?", [edited.name]).fetchone()
    assert row == (hashlib.sha256(edited.read_bytes()).hexdigest(), None)  # changed just now: not trusted yet
    # Touched, not changed: hashed again and found equal, so nothing is redone or written.
    touched = corpus_copy / "ip-talent-plan-2021.en.txt"
    os.utime(touched)
    assert build(corpus_copy, db)["mode"] == "unchanged"
    # The next build that writes, once the racy window has passed, records both files' new stats.
    time.sleep(RECENT_CHANGE_NS / 1e9 + 0.1)
    with open(corpus_copy / "news-2024-ip-talent-scale.en.txt", "a", encoding="utf-8") as f:
        f.write("\nOne more sentence.\n")
    assert build(corpus_copy, db)["processed"] == 1
    stats = dict(sqlite3.connect(db).execute("select file, file_stat from documents"))
    assert stats[touched.name] == _stat(touched) and stats[edited.name] == _stat(edited)
