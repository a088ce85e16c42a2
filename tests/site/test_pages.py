"""The reading pages, page titles, bilingual labels and table pages, through an in-process Datasette."""
import html
import re
import shutil
import sqlite3

import pytest
import yaml

from support import ROOT, make_datasette

META = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES = [t for t, spec in META["databases"]["policy"]["tables"].items() if not spec.get("hidden")]
QUERIES = list(META["databases"]["policy"].get("queries", {}))


def _title(text):
    m = re.search(r"<title>(.*?)</title>", text, re.S)
    return html.unescape(m.group(1)).strip() if m else None


async def _pages(db):
    """(path, words the title must hold) for the home page, the database, every table, a row of each, every
    canned query, and the search page."""
    pages = [("/", ["knowledge base"]), ("/policy", ["Policy"]), ("/policy/search", ["Search"]),
             ("/policy/search?q=专利代理师&expand=both", ["专利代理师"]), ("/policy/search?q=86万", ["86万"]),
             ("/policy/search?q=" + "很长的查询" * 40, ["很长的查询"])]
    for table in TABLES:
        pages.append((f"/policy/{table}", [META["databases"]["policy"]["tables"][table].get("title", table)[:20]]))
        pk = next((c[1] for c in db.execute(f"pragma table_info([{table}])") if c[5]), "id")  # its primary key
        if table in ("figure_mentions", "measure_comparison", "indicator_series", "indicator_conflicts",
                     "cited_outside_corpus"):  # views
            continue
        row = db.execute(f"select {pk} from [{table}] order by length({pk}) desc limit 1").fetchone()
        if row is None:  # links: the corpus is text files
            continue
        pages.append((f"/policy/{table}/{row[0]}", [] if table in ("glossary_counts", "build_info", "chrome_lines") else []))
    for query in QUERIES:
        pages.append((f"/policy/{query}", [META["databases"]["policy"]["queries"][query]["title"]]))
    return pages


async def test_every_page_title_says_what_the_page_is_in_under_120_characters(ds, db):
    docs = {r[0]: r[1] for r in db.execute("select id, title from documents")}
    for path, words in await _pages(db):
        r = await ds.client.get(path)
        assert r.status_code == 200, path
        title = _title(r.text)
        assert title and len(title) < 120, (path, title)
        assert "select " not in title.lower() and "--" not in title, (path, title)
        for word in words:
            assert word.lower() in title.lower(), (path, title)
    for table, pk in [("clauses", "cnipa-2020-37-s2-p1-c4"), ("documents", "cnipa-2020-37"), ("sections", "ip-talent-plan-2021-s2-3")]:
        title = _title((await ds.client.get(f"/policy/{table}/{pk}")).text)
        assert pk in title or docs.get(pk, "@")[:20] in title or "Main Objectives" in title, title


async def test_html_has_lang_and_chinese_is_marked(ds):
    for path in ["/", "/policy/search?q=专利", "/policy/documents/cnipa-2020-37", "/policy/clauses/cnipa-2020-37-s2-p1-c4"]:
        text = (await ds.client.get(path)).text
        assert re.search(r'<html lang="en">', text), path
        assert '<main class="content" id="main">' in text, path
        assert '<span lang="zh">' in text, path
    text = (await ds.client.get("/policy/clauses/cnipa-2020-37-s2-p1-c4")).text
    assert re.search(r'<blockquote class="clause-text" lang="zh">', text)
    text = (await ds.client.get("/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2")).text
    assert re.search(r'<blockquote class="clause-text" lang="en">', text)
    assert '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei"' in text


async def test_document_page_has_header_contents_anchored_headings_and_quiet_clause_anchors(ds, db):
    text = (await ds.client.get("/policy/documents/cnipa-2020-37")).text
    assert '<h1 class="doc-title" lang="zh">国家知识产权局关于' in text
    for label, value in [("Document number", "国知发运函字〔2020〕37号"), ("Issued", "2020-04-23"), ("Published", "2020-04-26"),
                         ("Translation", "Original"), ("Issuer", "国家知识产权局")]:
        assert re.search(rf"<dt>{label}.*?</dt>\s*<dd[^>]*>{re.escape(value)}", text, re.S), label
    assert "documents: cnipa-2020-37" not in text
    toc = text.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    sections = [r[0] for r in db.execute("select id from sections where document_id = 'cnipa-2020-37' and level > 0 order by start")]
    assert [m for m in re.findall(r'href="#([^"]+)"', toc)] == sections
    for sid in sections:
        assert re.search(rf'<h\d id="{sid}" class="section-heading">', text)
    assert '<a class="clause"' not in text and 'class="clause" id="cnipa-2020-37-s2-p1-c4"' in text
    assert "Cite this document" in text and "引用本文件" in text
    plan = (await ds.client.get("/policy/documents/ip-talent-plan-2021")).text
    assert "Unofficial English translation by Zhifan IP Attorneys" in plan and "知识产权人才“十四五”规划" in plan
    assert '<table class="indicators">' in plan


async def test_section_page_shows_its_text_and_neighbours(ds):
    text = (await ds.client.get("/policy/sections/ip-talent-plan-2021-s2")).text
    assert "Guiding Ideology" in text and "Main Objectives" in text  # subsections are in its text
    assert 'rel="prev" href="/policy/sections/ip-talent-plan-2021-s1"' in text
    assert 'rel="next" href="/policy/sections/ip-talent-plan-2021-s2-1"' in text
    assert "Cite this section" in text


async def test_clause_page_shows_paragraph_neighbours_and_what_it_holds(ds, db):
    text = (await ds.client.get("/policy/clauses/news-2020-ip-services-employment-s1-p4-c10")).text
    paragraph = [r[0] for r in db.execute("select text from clauses where section_id = 'news-2020-ip-services-employment-s1' and paragraph = 4")]
    assert len(paragraph) > 1 and all(html.escape(p, quote=False)[:30] in text.replace("&#39;", "'") for p in paragraph)
    assert 'href="/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1">1,490</a> = 1,490' in text
    assert "1490.0" not in text


async def test_figure_and_date_pages(ds):
    text = (await ds.client.get("/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1")).text
    assert "<mark>1,490</mark>" in text and "<strong>1,490</strong>" in text and "1490.0" not in text
    assert 'rel="prev"' in text and 'rel="next"' in text and "Cite this figure" in text
    text = (await ds.client.get("/policy/dates/cnipa-2020-37-s5-p1-c2-d1")).text
    assert "<mark>6月30日前</mark>" in text and "2020-06-30" in text


async def test_figures_print_whole_numbers_as_integers(ds):
    rows = (await ds.client.get("/policy/figures.json?_shape=array&_size=max")).json()
    assert any(r["value"] == 1490 and isinstance(r["value"], int) for r in rows)
    csv_text = (await ds.client.get("/policy/figures.csv?_size=max")).text
    assert ",1490," in csv_text and "1490.0" not in csv_text


async def test_clauses_table_leads_with_rows(ds):
    text = (await ds.client.get("/policy/clauses")).text
    assert '<details class="column-notes">' in text
    assert "col-sort_key" not in text and "Not shown" in text
    assert text.index('class="rows-and-columns"') < text.index("Advanced export")
    assert "facet-policy-clauses-section_id" not in text
    shown = (await ds.client.get("/policy/clauses?_hidden=show")).text
    assert "col-sort_key" in shown
    data = (await ds.client.get("/policy/clauses.json?_shape=array&_size=1")).json()
    assert "sort_key" in data[0]  # the API keeps every column
    words = (await ds.client.get("/policy/clause_words.json?_shape=array&clause=" + data[0]["id"])).json()
    assert words[0]["text_seg"]  # and the segmented text, made when read


@pytest.fixture(scope="module")
def changed_db(db_path, tmp_path_factory):
    """The built database with documents.doc_number (and its parts) dropped and a validity column added, as later
    builds may."""
    path = tmp_path_factory.mktemp("changed") / "policy.db"
    shutil.copyfile(db_path, path)
    conn = sqlite3.connect(path)
    for column in ("doc_number", "doc_number_printed", "doc_number_agency", "doc_number_year", "doc_number_sequence"):
        conn.execute(f"alter table documents drop column {column}")
    conn.execute("alter table documents add column validity text")
    conn.execute("update documents set validity = '有效 in force' where id = 'cnipa-2020-37'")
    conn.commit()
    conn.close()
    return path


async def test_a_missing_column_breaks_no_page_and_a_new_one_shows(changed_db):
    ds = make_datasette(changed_db)
    for path in ["/policy/documents/cnipa-2020-37", "/policy/clauses/cnipa-2020-37-s2-p1-c4", "/policy/search?q=就业",
                 "/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1", "/policy/sections/cnipa-2020-37-s2"]:
        r = await ds.client.get(path)
        assert r.status_code == 200, path
    text = (await ds.client.get("/policy/documents/cnipa-2020-37")).text
    assert "国知发运函字" not in text.split("<details", 1)[0]
    assert re.search(r"<dt>Validity.*?</dt>\s*<dd[^>]*>有效 in force", text, re.S)
