"""Our own 400s and 404s, saying what was wrong, where Datasette 0.65 answers 500."""
import pytest


@pytest.mark.parametrize("path, status, message", [
    ("/policy/clauses.json?_facet=%00", 400, "NUL character"),
    ("/policy/clauses.json?_facet_array=%00", 400, "NUL character"),
    ("/policy/clauses.json?%00=1", 400, "NUL character"),
    ("/policy/clauses.json?_through=notjson", 400, "_through='notjson' is not JSON"),
    ("/policy/clauses.json?_through=[]", 400, "does not name a table, column and value"),
    ('/policy/clauses.json?_through={"table":[1],"column":"x","value":1}', 400, "must be text"),
    ('/policy/clauses.json?_through={"table":"nope","column":"measure_id","value":"training"}', 400, "Invalid _through"),
    ("/policy/clauses_fts_idx/x.json", 404, "clauses_fts_idx has no row pages"),
    ("/policy/sqlite_master/1", 404, "sqlite_master has no row pages"),
    ("/policy/clauses.json?_sort=nope", 400, "Cannot sort table by nope"),
])
async def test_malformed_requests_are_the_callers_mistake(ds, path, status, message):
    r = await ds.client.get(path)
    assert r.status_code == status, r.text[:300]
    assert message in (r.json()["error"] if path.split("?")[0].endswith(".json") else r.text)


@pytest.mark.parametrize("path", ["/policy/clauses?_through=notjson", "/policy/sqlite_master/1", "/policy/clauses?_facet=%00"])
async def test_error_pages_are_pages(ds, path):
    r = await ds.client.get(path)
    assert r.status_code in (400, 404) and r.headers["content-type"].startswith("text/html")
    assert '<link rel="stylesheet" href="/-/static/app.css' in r.text
