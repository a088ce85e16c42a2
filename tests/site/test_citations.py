"""Permalinks and citations are made from the request's host when a page is served, never stored; each
citation is in one language, states the translation, and downloads for reference managers."""
import datetime
import re

import pytest

HOSTS = ["127.0.0.1:8001", "policy.example.org", "localhost:9123"]
CLAUSE = "cnipa-2020-37-s2-p1-c4"
TODAY = datetime.date.today().isoformat()  # the Chinese (GB/T 7714) form's 引用日期


@pytest.mark.parametrize("host", HOSTS)
async def test_clause_page_citations_follow_the_host(ds, host):
    r = await ds.client.get(f"/policy/clauses/{CLAUSE}", headers={"host": host})
    assert r.status_code == 200
    urls = re.findall(r"https?://[^\s<\"&]+", r.text)
    cited = [u for u in urls if u.endswith(f"/policy/clauses/{CLAUSE}")]
    assert cited and set(cited) == {f"http://{host}/policy/clauses/{CLAUSE}"}
    assert 'data-citation="China National Intellectual Property Administration, &#34;Notice on the Support' in r.text
    assert 'data-citation="国家知识产权局. 国家知识产权局关于' in r.text


@pytest.mark.parametrize("host", HOSTS)
async def test_json_and_csv_permalinks_follow_the_host(ds, host):
    r = await ds.client.get("/policy/cite.json?table=figures&id=news-2020-ip-services-employment-s1-p4-c10-f1&_shape=array",
                            headers={"host": host})
    [row] = r.json()
    url = f"http://{host}/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1"
    assert row["permalink"] == url and row["citation"].endswith(" " + url) and row["citation_zh"].endswith(" " + url)
    assert row["citation"].startswith('China Intellectual Property News, "Stabilizing Employment')
    r = await ds.client.get("/policy/search.csv?q=就业", headers={"host": host})
    assert r.status_code == 200 and f"http://{host}/policy/clauses/" in r.text
    assert "127.0.0.1:8001" not in r.text or host == "127.0.0.1:8001"


async def test_forwarded_https_is_followed(ds):
    r = await ds.client.get(f"/policy/cite.json?table=clauses&id={CLAUSE}&_shape=array",
                            headers={"host": "kb.example.org", "x-forwarded-proto": "https"})
    assert r.json()[0]["permalink"] == f"https://kb.example.org/policy/clauses/{CLAUSE}"


async def _cite(ds, table, row_id):
    r = await ds.client.get(f"/policy/cite.json?table={table}&id={row_id}&_shape=array", headers={"host": "h"})
    [row] = r.json()
    return row["citation"], row["citation_zh"]


# Exact citations of a few rows: a Chinese notice, an unofficial translation, a machine translation, an
# indicator, a document without a Chinese title.
EXACT = {
    ("clauses", CLAUSE): (
        'China National Intellectual Property Administration, "Notice on the Support and Guidance of the Intellectual '
        'Property Services Industry to Actively Respond to the Impact of the Epidemic, Stabilizing and Expanding '
        'Employment" (in Chinese), Guozhifa Yunhanzi [2020] No. 37, 2020-04-23, section 2, para. 1, sentence 4. '
        f"http://h/policy/clauses/{CLAUSE}",
        "国家知识产权局. 国家知识产权局关于支持和引导知识产权服务业积极应对疫情影响稳定和扩大就业的通知: 国知发运函字〔2020〕37号"
        f"[EB/OL]. (2020-04-23)[{TODAY}]. 二、加大对知识产权服务业吸纳就业的政策支持力度，第1段第4句. "
        f"http://h/policy/clauses/{CLAUSE}"),
    ("clauses", "ip-talent-plan-2021-s2-3-p1-c2"): (
        'China National Intellectual Property Administration, "The 14th Five-Year Plan for Intellectual Property '
        'Talents", 2021-12-31, unofficial English translation by Zhifan IP Attorneys, section II.(3) Main Objectives, '
        "para. 1, sentence 2. http://h/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2",
        f"国家知识产权局. 知识产权人才“十四五”规划[EB/OL]. Zhifan IP Attorneys, 译（非官方英文译本）. (2021-12-31)[{TODAY}]. "
        "第二部分（三），第1段第2句. http://h/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2"),
    ("figures", "news-2020-ip-services-employment-s1-p4-c10-f1"): (
        'China Intellectual Property News, "Stabilizing Employment and Facing the Rising Sun: Initial Results of '
        'Stabilizing and Expanding Employment in the Intellectual Property Services Industry", 2020, machine '
        'translation into English, section "Practical measures to absorb employment", para. 4, sentence 10. '
        "http://h/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1",
        "中国知识产权报. Stabilizing Employment and Facing the Rising Sun: Initial Results of Stabilizing and Expanding "
        f"Employment in the Intellectual Property Services Industry（英文原题）[N/OL]. 英文机器翻译. (2020)[{TODAY}]. "
        "第一部分，第4段第10句. http://h/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1"),
    ("documents", "news-2021-beijing-overseas-talent"): (
        'Beijing Daily, "Beijing upgrades intellectual property service for overseas talents", 2021. '
        "http://h/policy/documents/news-2021-beijing-overseas-talent",
        f"北京日报. Beijing upgrades intellectual property service for overseas talents（英文原题）[N/OL]. (2021)[{TODAY}]. "
        "http://h/policy/documents/news-2021-beijing-overseas-talent"),
}


@pytest.mark.parametrize("table, row_id", list(EXACT))
async def test_exact_citations(ds, table, row_id):
    assert await _cite(ds, table, row_id) == EXACT[table, row_id]


def _cjk(text):
    return re.findall(r"[\u3400-\u9fff]", text)


async def test_english_citations_are_english_and_chinese_ones_name_chinese_issuers(ds, db):
    for table, row_id in [("clauses", r[0]) for r in db.execute("select id from clauses where id like '%-c1'")]:
        en, zh = await _cite(ds, table, row_id)
        doc = db.execute("select d.* from documents d join clauses c on c.document_id = d.id where c.id = ?", [row_id]).fetchone()
        # English: no Chinese but the 发文字号 of a document whose prefix names.yml does not romanise (none here).
        assert not _cjk(en), en
        assert not zh.startswith(("China National", "CNIPA")), zh
        if doc["language"] == "en" and doc["translation"] != "original":
            assert doc["translation"].split()[0] in en and ("译" in zh or "机器翻译" in zh)


async def test_csl_json_and_bibtex_downloads(ds):
    r = await ds.client.get(f"/policy/clauses/{CLAUSE}/citation.csl.json", headers={"host": "h"})
    assert r.status_code == 200 and "csl+json" in r.headers["content-type"]
    [item] = r.json()
    assert item["URL"] == f"http://h/policy/clauses/{CLAUSE}" and item["issued"] == {"date-parts": [[2020, 4, 23]]}
    assert item["author"] == [{"literal": "China National Intellectual Property Administration"}]
    assert item["language"] == "zh-CN" and item["original-title"].startswith("国家知识产权局关于")
    r = await ds.client.get("/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2/citation.csl.json?lang=zh")
    [item] = r.json()
    assert item["title"] == "知识产权人才“十四五”规划" and item["translator"] == [{"literal": "Zhifan IP Attorneys"}]
    r = await ds.client.get(f"/policy/clauses/{CLAUSE}/citation.bib", headers={"host": "h"})
    assert r.status_code == 200 and r.text.startswith(f"@misc{{{CLAUSE},")
    assert "author = {{China National Intellectual Property Administration}}" in r.text
    assert f"url = {{http://h/policy/clauses/{CLAUSE}}}" in r.text and "date = {2020-04-23}" in r.text
    assert (await ds.client.get("/policy/clauses/no-such/citation.bib")).status_code == 404
    assert (await ds.client.get(f"/policy/sqlite_master/{CLAUSE}/citation.bib")).status_code == 404


async def test_pages_link_the_downloads(ds):
    r = await ds.client.get(f"/policy/clauses/{CLAUSE}")
    assert f"/policy/clauses/{CLAUSE}/citation.bib" in r.text and f"/policy/clauses/{CLAUSE}/citation.csl.json" in r.text


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
