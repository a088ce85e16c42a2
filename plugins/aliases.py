"""Every URL a build published keeps resolving (ingest/builder/aliases.py keeps the id history).

A row page, its .json or .csv, or its citation file, asked for an id the database no longer has:
- the id has a successor in id_aliases: 301 to the successor's URL (same format, same query string);
- it was removed: 410, a page (or JSON) saying what it was, when it was removed and its last text;
- it was never published: Datasette's own 404, unchanged.
Only requests that would have been a 404 look at id_aliases, so served rows cost nothing extra.
"""
import re

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response

# Tables whose rows have ids a build may retire (id_aliases.table_name).
ALIASED = ("documents", "sections", "clauses", "indicators", "figures", "dates")
KIND = {"documents": ("document", "文件"), "sections": ("section", "章节"), "clauses": ("clause", "条款"),
        "indicators": ("indicator", "指标"), "figures": ("figure", "数字"), "dates": ("date", "日期")}
_CITATION_FILE = re.compile(r"^/(?P<database>[^/]+)/(?P<table>[^/]+)/(?P<pks>[A-Za-z0-9_-]+)/citation\.(?P<format>bib|csl\.json)$")


async def find_alias(db, table, row_id):
    """The id_aliases row of an id of table, or None (also when the database has no id history)."""
    if table not in ALIASED or not await db.table_exists("id_aliases"):
        return None
    result = await db.execute("select * from id_aliases where old_id = :id and table_name = :table",
                              {"id": row_id, "table": table})
    row = result.first()
    return dict(row) if row else None


def _successor_url(datasette, request, database, table, alias, suffix):
    url = datasette.urls.row(database, table, alias["new_id"]) + suffix
    return url + (f"?{request.query_string}" if request.query_string else "")


async def alias_response(datasette, request, database, table, row_id, suffix="", as_json=False, as_text=False):
    """301 to the successor, 410 for a removed id (a page, JSON or plain text), or None when the id is not in the
    history."""
    db = datasette.databases.get(database)
    if db is None:
        return None
    alias = await find_alias(db, table, row_id)
    if alias is None:
        return None
    if alias["new_id"]:
        return Response.redirect(_successor_url(datasette, request, database, table, alias, suffix), status=301)
    removed = (alias.get("changed_at") or "")[:10] or None
    if as_text:
        return Response.text(f"{KIND[table][0].capitalize()} {row_id} was removed on {removed} (build {alias['generation']}). "
                             f"Last text: {alias['text']}\n", status=410)
    if as_json:
        return Response.json({"ok": False, "status": 410, "error": f"{KIND[table][0]} {row_id} was removed",
                              "removed_on": removed, "generation": alias["generation"], "reason": alias["reason"],
                              "last_text": alias["text"], "surface": alias["surface"], "document_id": alias["document_id"]},
                             status=410)
    document = None
    if table != "documents":
        found = await db.execute("select id, title, language from documents where id = :id", {"id": alias["document_id"]})
        document = dict(found.first()) if found.first() else None
    html = await datasette.render_template("gone.html", {
        "database": database, "table": table, "row_id": row_id, "alias": alias, "removed": removed,
        "kind": KIND[table], "document": document,
    }, request=request)
    return Response.html(html, status=410)


@hookimpl
def handle_exception(datasette, request, exception):
    if request is None or not isinstance(exception, NotFound):
        return None
    vars_ = request.url_vars or {}
    if vars_.get("pks") and vars_.get("table") in ALIASED and vars_.get("database"):
        fmt = vars_.get("format")
        suffix = f".{fmt}" if fmt else ""
        return alias_response(datasette, request, vars_["database"], vars_["table"], vars_["pks"], suffix,
                              as_json=fmt == "json")
    return None


@hookimpl
def asgi_wrapper(datasette):
    """Citation files (plugins/citations.py) of a retired id: redirected or gone like the row itself. Only a
    404 from the route is replaced, so files of served rows pass through untouched."""
    from datasette.utils.asgi import Request

    def wrap(app):
        async def follow_aliases(scope, receive, send):
            m = _CITATION_FILE.match(scope.get("path", "")) if scope.get("type") == "http" else None
            if m is None or m["table"] not in ALIASED:
                await app(scope, receive, send)
                return
            held = []

            async def hold(message):
                held.append(message)

            await app(scope, receive, hold)
            if held and held[0]["type"] == "http.response.start" and held[0]["status"] == 404:
                request = Request(scope, receive)
                response = await alias_response(datasette, request, m["database"], m["table"], m["pks"],
                                                f"/citation.{m['format']}", as_text=True)
                if response is not None:
                    await response.asgi_send(send)
                    return
            for message in held:
                await send(message)

        return follow_aliases

    return wrap
