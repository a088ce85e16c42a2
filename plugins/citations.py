"""Permalinks and citations from the request's own host: the database stores ids and facts, not URLs.

- In canned queries, `:_request_origin` is the origin the visitor used (scheme and host), and the SQL
  functions permalink(origin, table, id) and citation(origin, lang, table, id) make the rest.
- In templates, `permalink(table, id)` and `citation(table, id, lang)` do the same for the page's request,
  and `citation_links(table, id)` gives the CSL-JSON and BibTeX download URLs.
- /<database>/<table>/<id>/citation.bib and citation.csl.json (?lang=zh for the Chinese form) download them.
The path comes from datasette.urls, so Datasette's base_url setting applies. The Chinese (GB/T 7714) form
carries the date it was made as its 引用日期 (date of access).
"""
import datetime

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest import cite

request_origin = cite.request_origin


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
        return None if url is None else cite.citation(conn, url, table, str(row_id), lang, datetime.date.today())

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
        return await db.execute_fn(lambda conn: cite.citation(conn, url, table, str(row_id), lang, datetime.date.today()))

    def citation_links(table, row_id):
        base = datasette.urls.row(database, table, str(row_id))
        return {"bib": f"{base}/citation.bib", "csl": f"{base}/citation.csl.json"}

    return {"permalink": permalink, "citation": citation, "citation_links": citation_links}


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/(?P<table>[^/]+)/(?P<id>[A-Za-z0-9_-]+)/citation\.(?P<format>bib|csl\.json)$", citation_file)]


async def citation_file(datasette, request):
    """A row's citation as a BibTeX entry or a CSL-JSON list of one item, for reference managers."""
    database, table, row_id = (request.url_vars[k] for k in ("database", "table", "id"))
    db = datasette.databases.get(database)
    if db is None or table not in cite.CITABLE:
        return Response.text("Not found", status=404)
    lang = "zh" if request.args.get("lang") == "zh" else "en"
    url = cite.permalink(request_origin(request), datasette.urls.row(database, table, row_id))

    def make(conn):
        facts = cite.citation_facts(conn, table, row_id)
        if facts is None:
            return None
        if request.url_vars["format"] == "bib":
            return cite.bibtex(facts, url, lang)
        return cite.to_json([cite.csl_json(facts, url, lang)])

    body = await db.execute_fn(make)
    if body is None:
        return Response.text(f"No row {row_id} in {table}", status=404)
    if request.url_vars["format"] == "bib":
        content_type, name = "application/x-bibtex; charset=utf-8", f"{row_id}.bib"
    else:
        content_type, name = "application/vnd.citationstyles.csl+json; charset=utf-8", f"{row_id}.csl.json"
    return Response(body, content_type=content_type, headers={"content-disposition": f'inline; filename="{name}"'})
