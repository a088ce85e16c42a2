"""The search box of a table with a search index (?_search= on /policy/clauses), fast at a million rows.

Datasette 0.65 answers a table search with three costly things, none of which a search box needs:
- its facets, each over every match (at a million clauses each one runs out its time limit and shows nothing);
- an exact count, which looks up every matching row;
- the table's sort order (sort_key), which would make SQLite collect and sort every match before the first page.

The sort order costs nothing: the search index knows a clause by its sort key (metadata.yml's fts_pk), so
SQLite reads the matches in reading order from the index on sort_key. For the other two, a search request
on such a table gets, unless it says otherwise: no facets (`_nofacet=1`) and, when the search is its only
filter, no count from Datasette (`_nocount=1`): the page shows the index's own count instead, capped at
COUNT_CAP ("10,000+"). A request that names a facet or _nocount keeps what it asked for. The ranked search
page (/policy/search) is where results are ranked and counted in full.
"""
import re
from urllib.parse import parse_qsl, urlencode

from datasette import hookimpl

COUNT_CAP = 10_000
_TABLE_PATH = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/.]+)(\.(?:json|csv))?$")
# Query arguments that do not filter rows (Datasette's own, or ours).
_NOT_FILTERS = {"_search", "_searchmode", "_size", "_sort", "_sort_desc", "_next", "_col", "_nocol", "_shape", "_nl",
                "_labels", "_nolabels", "_json", "_trace", "_dl", "_stream", "_bom", "_hidden", "_nofacet", "_nocount",
                "_nosuggest", "_facet_size"}


def _searched(pairs):
    return any((k == "_search" or k.startswith("_search_")) and v.strip() for k, v in pairs)


def rewrite(pairs):
    """The query arguments of a search request on a searchable table, with what it left unsaid filled in."""
    keys = {k for k, _ in pairs}
    added = []
    if not any(k.startswith("_facet") for k in keys) and "_nofacet" not in keys:
        added.append(("_nofacet", "1"))
    if "_nocount" not in keys and keys <= _NOT_FILTERS:
        added.append(("_nocount", "1"))
    return pairs + added


def _searchable(datasette, database, table):
    return bool((datasette.metadata("tables", database=database) or {}).get(table, {}).get("fts_table"))


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def search_box(scope, receive, send):
            if scope.get("type") == "http":
                m = _TABLE_PATH.match(scope.get("path", ""))
                if m and _searchable(datasette, m["database"], m["table"]):
                    pairs = parse_qsl(scope.get("query_string", b"").decode("utf-8", "replace"), keep_blank_values=True)
                    if _searched(pairs):
                        scope = {**scope, "query_string": urlencode(rewrite(pairs)).encode()}
            await app(scope, receive, send)

        return search_box

    return wrap


@hookimpl
def extra_template_vars(view_name, database, table, request, datasette):
    """search_count: the index's count of a table search's matches, up to COUNT_CAP + 1, when Datasette did not
    count them (a search with no other filter), and search_count_more when there are more; None otherwise."""
    async def inner():
        if view_name != "table" or request is None or not table or not _searchable(datasette, database, table):
            return {"search_count": None}
        pairs = parse_qsl(request.query_string, keep_blank_values=True)
        args = dict(pairs)
        query = (args.get("_search") or "").strip()
        if args.get("_nocount") != "1" or not query or args.get("_searchmode") == "raw" or not {k for k, _ in pairs} <= _NOT_FILTERS:
            return {"search_count": None}
        fts = datasette.metadata("tables", database=database)[table]["fts_table"]
        rows = await datasette.get_database(database).execute(
            f"select count(*) from (select 1 from [{fts}] where [{fts}] match escape_fts(:q) limit {COUNT_CAP + 1})", {"q": query})
        n = rows.first()[0]
        return {"search_count": min(n, COUNT_CAP), "search_count_more": n > COUNT_CAP}

    return inner
