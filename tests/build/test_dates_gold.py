"""The date ledger on the seeds: named cases, offsets, and the manifest's dates checked against the text.
Precision and recall against the gold are in tests/build/test_devset.py (tests/gold/seeds/)."""
import pytest


@pytest.mark.parametrize("doc, surface, start, end, precision, role", [
    ("cnipa-2020-37", "6月30日前", "2020-06-30", "2020-06-30", "day", "deadline"),
    ("cnipa-2020-37", "2020年4月23日", "2020-04-23", "2020-04-23", "day", "issued"),
    ("news-2021-beijing-overseas-talent", "April 22", "2021-04-22", "2021-04-22", "day", "event"),
    ("news-2020-ip-services-employment", "This year", "2020-01-01", "2020-12-31", "year", "event"),
    ("news-2024-ip-talent-scale", "the end of 2023", "2023-12-31", "2023-12-31", "day", "event"),
    ("ip-talent-plan-2021", "By 2025", "2025-01-01", "2025-12-31", "year", "target"),
    ("ip-talent-plan-2021", "14th Five-Year Plan Period", "2021-01-01", "2025-12-31", "period", "period"),
    ("ip-talent-plan-2021", "13th Five-Year period", "2016-01-01", "2020-12-31", "period", "period"),
    ("ip-talent-plan-2021", "2021-2035", "2021-01-01", "2035-12-31", "period", "period"),
])
def test_named_date_cases(db, doc, surface, start, end, precision, role):
    rows = db.execute("select date_start, date_end, precision, role from dates where document_id = ? and surface = ?",
                      (doc, surface)).fetchall()
    assert (start, end, precision, role) in [tuple(r) for r in rows]


def test_dates_point_into_the_source(db, sources):
    for r in db.execute("select document_id, start, end, surface from dates"):
        assert sources[r["document_id"]][r["start"]:r["end"]] == r["surface"]


def test_manifest_dates_are_checked_against_the_text(db):
    check = dict(db.execute("select id, date_check from documents").fetchall())
    assert check["cnipa-2020-37"] == "issue_date agrees; publication_date agrees"
    assert check["news-2024-ip-talent-scale"] == "publication_date agrees"


def test_a_disagreeing_manifest_date_is_flagged(corpus_copy, tmp_path):
    import sqlite3
    from ingest.builder import build
    manifest = corpus_copy / "manifest.yml"
    manifest.write_text(manifest.read_text(encoding="utf-8").replace("issue_date: 2020-04-23", "issue_date: 2020-04-24"), encoding="utf-8")
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    check = sqlite3.connect(db).execute("select date_check from documents where id = 'cnipa-2020-37'").fetchone()[0]
    assert "issue_date 2020-04-24 disagrees with text 2020-04-23" in check
