"""No input makes the site fail: every canned query parameter and row URL, fuzzed with hypothesis."""
import asyncio
import re

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import ROOT, make_datasette

QUERIES = yaml.safe_load((ROOT / "metadata.yml").read_text(encoding="utf-8"))["databases"]["policy"]["queries"]
# Named parameters a visitor sets; :_request_origin and other magic parameters come from the request itself.
PARAMS = {name: sorted(set(re.findall(r"(?<!:):([a-z][a-z_]*)", q["sql"]))) for name, q in QUERIES.items()}
ROW_TABLES = ["documents", "sections", "clauses", "figures", "dates", "measures", "indicators"]
# Text that tends to break things: quotes, FTS syntax, SQL, wildcards, control and wide characters.
NASTY = st.sampled_from(['"', "'", "*", "NEAR(", "OR", "--", "%", "_", "\\", "\x00", "😀", "國", "１", " ", "-1", "9" * 30])
TEXT = st.one_of(st.text(max_size=40), NASTY, st.lists(NASTY, max_size=6).map("".join))


def test_every_canned_query_has_parameters_to_fuzz():
    assert {"find_figures", "cite", "measures_by_document", "compare_documents"} <= set(PARAMS)
    assert PARAMS["cite"] == ["id", "table"]


def _check(db_path, requests):
    async def run():
        ds = make_datasette(db_path)
        for path, params, allowed in requests:
            r = await ds.client.get(path, params=params)
            assert r.status_code in allowed, (path, params, r.status_code, r.text[:300])

    asyncio.run(run())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({p: TEXT for ps in PARAMS.values() for p in ps}), fmt=st.sampled_from(["", ".json", ".csv"]))
def test_canned_queries_never_fail(db_path, values, fmt):
    _check(db_path, [(f"/policy/{name}{fmt}", {p: values[p] for p in params}, {200}) for name, params in PARAMS.items()])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(table=st.sampled_from(ROW_TABLES), row_id=TEXT.filter(lambda s: s.strip("/. ") != ""))
def test_row_urls_are_found_or_not_found_never_an_error(db_path, table, row_id):
    from urllib.parse import quote
    # Datasette redirects ids it must tilde-encode (302); anything else is a page or a 404.
    _check(db_path, [(f"/policy/{table}/{quote(row_id, safe='')}", {}, {200, 302, 404})])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(search=TEXT, sort=st.sampled_from(["", "id", "value", "sort_key", "nope"]), facet=st.sampled_from(["", "modality", "kind", "x"]))
def test_table_parameters_never_fail(db_path, search, sort, facet):
    params = {"_search": search}
    if sort:
        params["_sort"] = sort
    if facet:
        params["_facet"] = facet
    # An unknown sort or facet column is the caller's mistake: Datasette says so with a 400, never a 500.
    _check(db_path, [(f"/policy/{t}.json", params, {200, 400}) for t in ("clauses", "figures")])


SEARCH_PARAMS = ["q", "expand", "language", "type", "document", "issuer", "year", "measure", "page", "_size", "_all", "_bom", "_sql"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60), expand=st.sampled_from(["", "both"]))
def test_any_query_on_any_entry_point_returns_200(db_path, query, expand):
    async def check():
        ds = make_datasette(db_path)
        for path, params in (
            ("/policy/clauses.json", {"_search": query}),
            ("/policy/search.json", {"q": query, "expand": expand}),
            ("/policy/search", {"q": query}),
            ("/policy/search.csv", {"q": query, "expand": expand, "_all": "1"}),
        ):
            r = await ds.client.get(path, params=params)
            assert r.status_code == 200, (path, params, r.text[:300])

    asyncio.run(check())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(values=st.fixed_dictionaries({p: TEXT for p in SEARCH_PARAMS}), fmt=st.sampled_from(["", ".json", ".csv"]))
def test_search_page_parameters_never_fail(db_path, values, fmt):
    """A filter value that names nothing is the visitor's mistake, said with a 400; nothing is a 500."""
    async def check():
        ds = make_datasette(db_path)
        r = await ds.client.get(f"/policy/search{fmt}", params=values)
        assert r.status_code in (200, 400), (values, r.status_code, r.text[:300])
        if r.status_code == 400:
            assert "error" in r.text or "role=\"alert\"" in r.text

    asyncio.run(check())
