"""Permalinks and citations are made from the request's host when a page is served, never stored."""
import re

import pytest

HOSTS = ["127.0.0.1:8001", "policy.example.org", "localhost:9123"]
CLAUSE = "cnipa-2020-37-s2-p1-c4"


@pytest.mark.parametrize("host", HOSTS)
async def test_clause_page_citations_follow_the_host(ds, host):
    r = await ds.client.get(f"/policy/clauses/{CLAUSE}", headers={"host": host})
    assert r.status_code == 200
    urls = re.findall(r"https?://[^\s<\"&]+", r.text)
    cited = [u for u in urls if u.endswith(f"/policy/clauses/{CLAUSE}")]
    assert cited and set(cited) == {f"http://{host}/policy/clauses/{CLAUSE}"}
    assert 'data-citation="国家知识产权局, &#34;Notice on the Support' in r.text


@pytest.mark.parametrize("host", HOSTS)
async def test_json_and_csv_permalinks_follow_the_host(ds, host):
    r = await ds.client.get("/policy/cite.json?table=figures&id=news-2020-ip-services-employment-s1-p4-c10-f1&_shape=array",
                            headers={"host": host})
    [row] = r.json()
    url = f"http://{host}/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1"
    assert row["permalink"] == url and row["citation"].endswith(" " + url)
    assert row["citation"].startswith('China Intellectual Property News, "Stabilizing Employment')
    assert row["citation_zh"] is None  # the report has no Chinese title
    r = await ds.client.get("/policy/search.csv?q=就业", headers={"host": host})
    assert r.status_code == 200 and f"http://{host}/policy/clauses/" in r.text
    assert "127.0.0.1:8001" not in r.text or host == "127.0.0.1:8001"


async def test_forwarded_https_is_followed(ds):
    r = await ds.client.get(f"/policy/cite.json?table=clauses&id={CLAUSE}&_shape=array",
                            headers={"host": "kb.example.org", "x-forwarded-proto": "https"})
    assert r.json()[0]["permalink"] == f"https://kb.example.org/policy/clauses/{CLAUSE}"


async def test_a_chinese_citation_of_a_chinese_document(ds):
    r = await ds.client.get(f"/policy/cite.json?table=clauses&id={CLAUSE}&_shape=array", headers={"host": "h"})
    assert r.json()[0]["citation_zh"] == (
        "国家知识产权局：《国家知识产权局关于支持和引导知识产权服务业积极应对疫情影响稳定和扩大就业的通知》"
        "（国知发运函字〔2020〕37号），2020-04-23，二、加大对知识产权服务业吸纳就业的政策支持力度，第1段第4句。"
        f"http://h/policy/clauses/{CLAUSE}")


async def test_an_unknown_row_has_no_citation(ds):
    r = await ds.client.get("/policy/cite.json?table=clauses&id=no-such-clause&_shape=array")
    assert r.status_code == 200 and r.json() == []
    r = await ds.client.get("/policy/cite.json?table=sqlite_master&id=x&_shape=array")
    assert r.status_code == 200 and r.json() == []


def test_the_database_stores_no_url(db):
    """Data is not deployment: no column of any table holds a URL of this site."""
    for (table,) in db.execute("select name from sqlite_master where type = 'table' and name not like 'clauses_fts%'"):
        for (column,) in db.execute(f"select name from pragma_table_info('{table}')"):
            hits = db.execute(f"select count(*) from [{table}] where [{column}] like '%/policy/%'").fetchone()[0]
            assert hits == 0, (table, column)
