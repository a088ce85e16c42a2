"""Permalinks and citations from the request's own host: the database stores ids and facts, not URLs.

- In canned queries, `:_request_origin` is the origin the visitor used (scheme and host), and the SQL
  functions permalink(origin, table, id) and citation(origin, lang, table, id) make the rest.
- In templates, `permalink(table, id)` and `citation(table, id, lang)` do the same for the page's request.
The path comes from datasette.urls, so Datasette's base_url setting applies.
"""
from datasette import hookimpl

from ingest import cite


def request_origin(request) -> str:
    """'http://127.0.0.1:8001': how the visitor reached this server (a proxy that sets X-Forwarded-Proto and
    the Host header is followed)."""
    scheme = request.headers.get("x-forwarded-proto") or request.scheme
    return f"{scheme}://{request.host}"


def _magic_origin(key, request):
    if key != "origin":
        raise KeyError(key)
    return request_origin(request)


@hookimpl
def register_magic_parameters(datasette):
    return [("request", _magic_origin)]


def _functions(conn, database, datasette):
    def permalink(origin, table, row_id):
        if origin is None or table not in cite.CITABLE or row_id is None:
            return None
        return cite.permalink(origin, datasette.urls.row(database, table, str(row_id)))

    def citation(origin, lang, table, row_id):
        url = permalink(origin, table, row_id)
        return None if url is None else cite.citation(conn, url, table, str(row_id), lang)

    return permalink, citation


@hookimpl
def prepare_connection(conn, database, datasette):
    permalink, citation = _functions(conn, database, datasette)
    conn.create_function("permalink", 3, permalink)
    conn.create_function("citation", 4, citation)


@hookimpl
def extra_template_vars(request, database, datasette):
    if request is None or database is None:
        return {}
    origin = request_origin(request)

    def permalink(table, row_id):
        return cite.permalink(origin, datasette.urls.row(database, table, str(row_id)))

    async def citation(table, row_id, lang="en"):
        url = permalink(table, row_id)
        db = datasette.get_database(database)
        return await db.execute_fn(lambda conn: cite.citation(conn, url, table, str(row_id), lang))

    return {"permalink": permalink, "citation": citation}
