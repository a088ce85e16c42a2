"""A document added with a file and a manifest entry whose tables hold numbers: every number in a cell is a
figure with a stable id, counting what its column names, in its row's year, and cited by table and row
(tests/fixtures/tables/, written for this test; answers by reading it)."""

import pytest

from ingest import cite
from support import FIXTURES, built_one_document


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("tables")
    conn = built_one_document(base, FIXTURES / "tables" / "job-fair.en.txt",
                              "- id: job-fair\n  file: job-fair.en.txt\n  language: en\n  type: news\n"
                              "  issuer: Harbour City Daily\n  publication_date: 2025-05-20\n"
                              "  source_name: test fixture\n  translation: original\n")
    yield conn
    conn.close()


def test_every_number_in_a_cell_is_a_figure(db):
    rows = db.execute("select id, surface, value, value_high, unit, year, kind, clause_id from figures "
                      "where clause_id is null order by start").fetchall()
    assert [tuple(r) for r in rows] == [
        ("job-fair-tbl1-r2-c2", "15", 15, None, "Vacancies", 2025, "reported", None),
        ("job-fair-tbl1-r2-c3", "7,500-9,800", 7500, 9800, "yuan", 2025, "reported", None),
        ("job-fair-tbl1-r3-c2", "4", 4, None, "Vacancies", 2025, "reported", None),
        ("job-fair-tbl1-r3-c3", "6,000", 6000, None, "yuan", 2025, "reported", None),
        ("job-fair-tbl2-r2-c1", "1 250", 1250, None, "Graduates hired", 2023, "reported", None),
        ("job-fair-tbl2-r2-c2", "88", 88, None, "Firms", 2023, "reported", None),
        ("job-fair-tbl2-r3-c1", "1 410", 1410, None, "Graduates hired", 2024, "reported", None),
        ("job-fair-tbl2-r3-c2", "97", 97, None, "Firms", 2024, "reported", None),
    ]


def test_a_cell_figure_points_into_the_source_and_its_row(db):
    source = (FIXTURES / "tables" / "job-fair.en.txt").read_text(encoding="utf-8")
    for f in db.execute("select surface, start, end, sentence from figures where clause_id is null"):
        assert source[f["start"]:f["end"]] == f["surface"]
        assert f["surface"] in f["sentence"] and "|" in f["sentence"]


def test_a_cell_figure_is_cited_by_its_table_and_row(db):
    facts = cite.citation_facts(db, "figures", "job-fair-tbl2-r3-c1")
    assert facts["where"] == ("table", 2, 3)
    assert "table 2, row 3" in cite.locator(facts, "en")
    assert "表2第3行" in cite.locator(facts, "zh")


def test_a_year_labelling_a_row_is_a_date_cited_by_its_row(db):
    rows = db.execute("select id, surface, date_start, date_end, role, clause_id from dates "
                      "where clause_id is null order by start").fetchall()
    assert [tuple(r) for r in rows] == [
        ("job-fair-tbl2-r2-d1", "2023", "2023-01-01", "2023-12-31", "event", None),
        ("job-fair-tbl2-r3-d1", "2024", "2024-01-01", "2024-12-31", "event", None),
    ]
    assert cite.citation_facts(db, "dates", "job-fair-tbl2-r3-d1")["where"] == ("table", 2, 3)
