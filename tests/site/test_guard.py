"""The public instance: no SQL of the visitor's own unless trusted, requests Datasette would choke on refused
first, robots.txt, no server paths."""
import json
import time
from urllib.parse import quote

import pytest
import yaml

from support import ROOT, make_datasette

SETTINGS = json.loads((ROOT / "settings.json").read_text())


@pytest.fixture
def trusted(monkeypatch):
    monkeypatch.setenv("POLICY_KB_ALLOW_SQL", "1")


def test_the_served_settings_allow_no_sql():
    assert SETTINGS["default_allow_sql"] is False


@pytest.mark.parametrize("path", [
    "/policy.json?sql=select+1",
    "/policy.json?sql=select+*+from+pragma_database_list",
    "/policy/clauses.json?_where=1",
    "/policy/clauses.json?_where=length(randomblob(1e8))>0",
])
async def test_visitors_run_no_sql_of_their_own(ds, path):
    r = await ds.client.get(path)
    assert r.status_code == 403


async def test_canned_queries_and_the_search_page_stay(ds):
    for path in ("/policy/search.json?q=就业", "/policy/search?q=patent", "/policy/cite.json?table=clauses&id=x",
                 "/policy/find_figures.json", "/policy/clauses.json?_search=就业&_facet=language"):
        assert (await ds.client.get(path)).status_code == 200, path


async def test_a_trusted_instance_runs_sql(db_path, trusted):
    ds = make_datasette(db_path)
    r = await ds.client.get("/policy.json?sql=select+count(*)+as+n+from+documents&_shape=array")
    documents = len(yaml.safe_load((ROOT / "corpus" / "manifest.yml").read_text(encoding="utf-8")))
    assert r.status_code == 200 and r.json() == [{"n": documents}]
    assert (await ds.client.get("/policy/clauses.json?_where=paragraph=1")).status_code == 200


@pytest.mark.parametrize("path", [
    "/policy.json?sql=select+hex(zeroblob(1e8))",
    "/policy.json?sql=select+length(randomblob(1e8))",
    "/policy/clauses.json?_where=length(randomblob(1e8))>0",
])
async def test_even_trusted_sql_makes_no_huge_value(db_path, trusted, path):
    """A single SQL expression is not interrupted by the time limit: hex(zeroblob(1e8)) ran for minutes."""
    ds = make_datasette(db_path)
    started = time.monotonic()
    r = await ds.client.get(path)
    assert time.monotonic() - started < 1
    assert r.status_code == 400 and "too big" in r.text


async def test_no_page_shows_where_the_database_is_on_the_server(ds, db_path):
    for path in ("/-/databases.json", "/-/databases"):
        r = await ds.client.get(path)
        assert r.status_code == 200 and "policy.db" in r.text
        assert str(db_path.parent) not in r.text


async def test_too_many_parameters_are_refused_at_once(ds):
    query = "&".join(f"a{i}=1" for i in range(2000))  # 15 KB: it held the event loop for 13 s
    started = time.monotonic()
    r = await ds.client.get(f"/policy/clauses.json?{query[:8000]}")
    assert r.status_code == 400 and "parameters" in r.json()["error"]
    r = await ds.client.get(f"/policy/clauses?{query}")
    assert r.status_code == 414 and "at most 8,192" in r.text
    assert time.monotonic() - started < 0.5


async def test_a_long_search_still_answers(ds):
    r = await ds.client.get("/policy/search.json?q=" + quote("就业" * 450))  # 8,102 bytes of query string
    assert r.status_code == 200


async def test_robots_txt_keeps_crawlers_to_documents_and_clauses(ds):
    r = await ds.client.get("/robots.txt")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    rules = [line.split(": ", 1) for line in r.text.splitlines() if line and not line.startswith("#")]
    assert ["User-agent", "*"] in rules
    disallowed = {value for key, value in rules if key == "Disallow"}
    assert {"/*?", "/*.json", "/*.csv", "/policy/search", "/-/"} <= disallowed
    assert not any(value in ("/", "/policy/") for value in disallowed)  # row pages stay open
