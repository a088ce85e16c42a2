"""The search box of the clauses table: no facets, a count from the index, matches in reading order."""
import re

from search_oracle import expected_ids
from support import loaded_plugin


def _shown_count(html):
    m = re.search(r'<span class="row-count">([\d,]+)(\+?) rows?</span>', html)
    return m and (int(m.group(1).replace(",", "")), m.group(2) == "+")


async def test_a_table_search_has_no_facets_and_the_index_counts_it(ds, db):
    expected = expected_ids(db, "就业")
    r = await ds.client.get("/policy/clauses.json", params={"_search": "就业"})
    data = r.json()
    assert data["facet_results"] == {} and data["filtered_table_rows_count"] is None
    html = (await ds.client.get("/policy/clauses", params={"_search": "就业"})).text
    assert _shown_count(html) == (len(expected), False) and len(expected) > 10


async def test_a_table_search_lists_every_match_in_reading_order_page_after_page(ds, db):
    expected = expected_ids(db, "就业")
    order = {cid: key for cid, key in db.execute("select id, sort_key from clauses")}
    url, got = "/policy/clauses.json?" + "_search=%E5%B0%B1%E4%B8%9A&_size=7&_shape=objects", []
    while url:
        data = (await ds.client.get(url)).json()
        got += [row["id"] for row in data["rows"]]
        url = data["next_url"] and data["next_url"].replace("http://localhost", "")
    assert set(got) == expected and len(got) == len(expected)
    assert [order[c] for c in got] == sorted(order[c] for c in got)


async def test_a_table_search_that_asks_for_facets_or_filters_gets_them_counted_by_datasette(ds, db):
    data = (await ds.client.get("/policy/clauses.json", params={"_search": "就业", "_facet": "language"})).json()
    assert [v["value"] for v in data["facet_results"]["language"]["results"]] == ["zh"]
    zh = (await ds.client.get("/policy/clauses.json", params={"_search": "training", "language": "en"})).json()
    assert zh["filtered_table_rows_count"] == len(expected_ids(db, "training"))


async def test_the_count_stops_at_its_cap(ds, db, monkeypatch):
    monkeypatch.setattr(loaded_plugin("table_search.py"), "COUNT_CAP", 3)
    html = (await ds.client.get("/policy/clauses", params={"_search": "就业"})).text
    assert _shown_count(html) == (3, True)


async def test_other_tables_and_requests_without_a_search_are_left_alone(ds):
    data = (await ds.client.get("/policy/clauses.json")).json()
    assert data["facet_results"] and data["filtered_table_rows_count"] > 0
    figures = (await ds.client.get("/policy/figures.json", params={"_search": "x"})).json()
    assert "_nofacet" not in (figures.get("next_url") or "")
