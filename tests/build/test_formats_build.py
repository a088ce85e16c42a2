"""Web pages, PDFs and Word files in a corpus: the build reads each one to the same clauses, headings and
tables its gold (tests/fixtures/formats/gold, written from the source texts, never from a parser) lists, and
one notice saved four ways gives four equal documents."""
import json
import re
import shutil
import sqlite3

import pytest
import yaml

from ingest.builder import build
from support import FIXTURES, copy_curated

FORMATS = FIXTURES / "formats"
GOLD = {p.name[:-4]: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((FORMATS / "gold").glob("*.yml"))}
MARKUP = re.compile(r"<[a-zA-Z/][^>]*>|&[a-z]+;|&#\d+;|\bMsoNormal\b|\x0c")


def doc_id(name):
    return name.replace(".", "-")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """The format fixtures as one corpus: a manifest entry per file, with no title (the file's own is used)."""
    base = tmp_path_factory.mktemp("formats")
    corpus = base / "corpus"
    corpus.mkdir()
    manifest = []
    for name, gold in GOLD.items():
        shutil.copy(FORMATS / "docs" / name, corpus / name)
        manifest.append({"id": doc_id(name), "file": name, "language": gold["lang"], "type": "notice",
                         "issuer": "fixture issuer", "source_name": "format fixtures", "translation": "original"})
    (corpus / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    copy_curated(corpus)
    build(corpus, base / "policy.db", jobs=1)
    conn = sqlite3.connect(base / "policy.db")
    yield conn
    conn.close()


def clauses(db, name, column="text"):
    return [v for (v,) in db.execute(f"select {column} from clauses where document_id = ? order by position",
                                     [doc_id(name)])]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_clauses_are_the_gold(db, name):
    assert clauses(db, name) == GOLD[name]["clauses"]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_title_and_headings_are_the_gold(db, name):
    gold = GOLD[name]
    rows = db.execute("select level, number, heading from sections where document_id = ? order by sort_order",
                      [doc_id(name)]).fetchall()
    assert [h for level, _, h in rows if level == 0][:1] == [gold["title"]]
    assert [(level, number or None, h) for level, number, h in rows if level > 0] == \
           [(h["level"], h.get("number"), h["text"]) for h in gold.get("headings") or []]


@pytest.mark.parametrize("name", sorted(GOLD))
def test_no_markup_or_page_furniture_in_any_clause(db, name):
    texts = clauses(db, name)
    assert not [t for t in texts if MARKUP.search(t)]
    for furniture in GOLD[name].get("not_text") or []:
        assert not [t for t in texts if furniture in t], furniture


def test_one_notice_saved_four_ways_is_one_document(db):
    names = ["same-notice.txt", "same-notice.html", "same-notice.pdf", "same-notice.docx"]
    texts = [clauses(db, n) for n in names]
    assert texts[0] and all(t == texts[0] for t in texts)
    headings = [db.execute("select group_concat(heading, '|') from (select heading from sections where document_id = ? "
                           "order by sort_order)", [doc_id(n)]).fetchone()[0] for n in names]
    assert len(set(headings)) == 1


def test_each_file_says_what_it_is(db):
    formats = dict(db.execute("select file, format from documents"))
    assert formats == {name: {"html": "html", "pdf": "pdf", "docx": "docx", "txt": "text"}[name.rsplit(".", 1)[1]]
                       for name in GOLD}


@pytest.mark.parametrize("name", [n for n in sorted(GOLD) if GOLD[n].get("pages")])
def test_pdf_clauses_know_their_page(db, name):
    assert clauses(db, name, "page") == GOLD[name]["pages"]


@pytest.mark.parametrize("name", [n for n in sorted(GOLD) if GOLD[n].get("links")])
def test_links_in_the_text_are_rows(db, name):
    rows = db.execute("select text, href, clause_id is not null or section_id is not null from links "
                      "where document_id = ? order by start", [doc_id(name)]).fetchall()
    assert [(t, h) for t, h, _ in rows] == [(link["text"], link["href"]) for link in GOLD[name]["links"]]
    assert all(inside for _, _, inside in rows)


def test_a_link_names_the_clause_it_is_in(db):
    for text, clause in db.execute("select links.text, clauses.text from links join clauses on clauses.id = links.clause_id"):
        assert text in clause


def test_an_indicator_table_in_a_web_page_gives_indicator_rows(db):
    """indicator-plan.html's table (指标 | 2025年 | 属性), a <p> in every cell: one row per indicator, its
    unit apart, the year from the header, the value as printed."""
    gold = GOLD["indicator-plan.html"]["tables"][0]
    rows = db.execute("select indicator || '（' || unit_as_printed || '）', target_year, value_as_printed, attribute "
                      "from indicators where document_id = ? order by id", [doc_id("indicator-plan.html")]).fetchall()
    header, body = gold[0], gold[1:]
    assert header[1] == "2025年"
    assert rows == [(label, 2025, value, attribute) for label, value, attribute in body]


def test_a_file_without_a_title_in_the_manifest_takes_its_own(db):
    titles = dict(db.execute("select file, title from documents"))
    assert titles["docx-en-guidance.docx"] == GOLD["docx-en-guidance.docx"]["meta"]["title"]
    assert titles["same-notice.txt"] == "same-notice"  # a text file has no title property: its name


@pytest.mark.parametrize("name", [n for n in sorted(GOLD) if GOLD[n].get("tables")])
def test_tables_become_rows_with_their_cells(db, name):
    rows = db.execute("select table_number, cells from table_rows where document_id = ? "
                      "order by table_number, row_number", [doc_id(name)]).fetchall()
    tables = {}
    for number, cells in rows:
        tables.setdefault(number, []).append(json.loads(cells))
    assert list(tables.values()) == [[[str(c) for c in row] for row in table] for table in GOLD[name]["tables"]]


def test_a_pdf_clause_is_cited_with_its_page(db):
    """A citation of a clause of a PDF names the page it starts on: 'p. 2' in English, '第2页' in Chinese, and
    CSL-JSON's page."""
    from ingest.cite import citation, citation_facts, csl_json
    db.row_factory = sqlite3.Row
    try:
        name = "pdf-zh-notice.pdf"
        page = GOLD[name]["pages"][-1]
        clause_id = db.execute("select id from clauses where document_id = ? order by position desc limit 1",
                               [doc_id(name)]).fetchone()[0]
        assert page > 1
        assert f"p. {page}, " in citation(db, "http://x/c", "clauses", clause_id, "en")
        assert f"第{page}页，" in citation(db, "http://x/c", "clauses", clause_id, "zh")
        assert csl_json(citation_facts(db, "clauses", clause_id), "http://x/c")["page"] == str(page)
        html_clause = db.execute("select id from clauses where document_id = 'same-notice-html' limit 1").fetchone()[0]
        assert "p. " not in citation(db, "http://x/c", "clauses", html_clause, "en")
    finally:
        db.row_factory = None
