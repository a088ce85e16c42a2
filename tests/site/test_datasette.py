"""The published site through a real Datasette: every table, row pages, metadata on the pages."""
import pytest
import yaml

from support import ROOT

META = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))
TABLES = [t for t, spec in META["databases"]["policy"]["tables"].items() if not spec.get("hidden")]


async def test_home_page(ds):
    r = await ds.client.get("/")
    assert r.status_code == 200
    assert META["title"] in r.text


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_page_shows_its_description(ds, table):
    r = await ds.client.get(f"/policy/{table}")
    assert r.status_code == 200
    description = META["databases"]["policy"]["tables"][table]["description"]
    import html
    assert html.escape(description, quote=False)[:60] in r.text.replace("&#34;", '"').replace("&#39;", "'")


@pytest.mark.parametrize("table", TABLES)
async def test_every_table_json_and_csv(ds, table):
    # The corpus is text files, which have no links: that table is served empty (its header row in CSV). Its
    # documents do not disagree on any indicator (tests/build/test_indicators_gold.py builds a corpus that does).
    # One build retires no id: id_aliases is empty too (tests/site/test_id_history.py serves a rebuilt corpus).
    empty = table in ("links", "indicator_conflicts", "id_aliases")
    r = await ds.client.get(f"/policy/{table}.json?_shape=array")
    assert r.status_code == 200 and isinstance(r.json(), list) and bool(r.json()) != empty
    r = await ds.client.get(f"/policy/{table}.csv")
    assert r.status_code == 200 and r.text.count("\n") == 1 if empty else r.text.count("\n") >= 2


async def test_document_row_page_lists_its_clauses_in_order(ds, db):
    r = await ds.client.get("/policy/documents/cnipa-2020-37")
    assert r.status_code == 200
    ids = [row[0] for row in db.execute("select id from clauses where document_id = 'cnipa-2020-37' order by position")]
    positions = [r.text.index(f'id="{cid}"') for cid in ids]
    assert positions == sorted(positions)
    assert "二、加大对知识产权服务业吸纳就业的政策支持力度" in r.text
    assert META["databases"]["policy"]["tables"]["documents"]["columns"]["doc_number"][:20] in r.text or "国知发运函字〔2020〕37号" in r.text


async def test_clause_row_page_shows_document_section_citation_and_neighbours(ds):
    r = await ds.client.get("/policy/clauses/cnipa-2020-37-s2-p1-c4")
    assert r.status_code == 200
    assert "国家知识产权局关于支持和引导知识产权服务业积极应对疫情影响稳定和扩大就业的通知" in r.text
    assert "加大对知识产权服务业吸纳就业的政策支持力度" in r.text
    assert 'href="/policy/clauses/cnipa-2020-37-s2-p1-c3"' in r.text and 'href="/policy/clauses/cnipa-2020-37-s2-p1-c5"' in r.text
    assert "http://localhost/policy/clauses/cnipa-2020-37-s2-p1-c4" in r.text  # the citation on the host asked


async def test_clause_links_to_document_and_section(ds):
    r = await ds.client.get("/policy/clauses/cnipa-2020-37-s2-p1-c4.json?_extra=foreign_key_tables")
    assert r.status_code == 200
    r = await ds.client.get("/policy/clauses/cnipa-2020-37-s2-p1-c4")
    assert 'href="/policy/documents/cnipa-2020-37"' in r.text
    assert 'href="/policy/sections/cnipa-2020-37-s2"' in r.text


async def test_clauses_facets(ds):
    r = await ds.client.get("/policy/clauses.json?_facet=document_id&_facet=language")
    assert r.status_code == 200
    facets = r.json()["facet_results"]
    counts = {f["value"]: f["count"] for f in facets["language"]["results"]}
    assert set(counts) == {"zh", "en"}


async def test_settings_make_a_read_only_instance(ds):
    r = await ds.client.get("/-/settings.json")
    settings = r.json()
    assert settings["sql_time_limit_ms"] <= 1000 and settings["max_returned_rows"] <= 1000
    assert settings["suggest_facets"] is False
    r = await ds.client.get("/-/databases.json")
    assert [d["is_mutable"] for d in r.json() if d["name"] == "policy"] == [False]
