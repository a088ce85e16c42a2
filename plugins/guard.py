"""What a public instance needs in front of Datasette 0.65: requests it would take seconds over are refused
first, visitors run canned queries but not SQL of their own, crawlers are told what to leave alone, and the
server's file paths stay on the server.

- Datasette parses the query string again each time a view reads request.args: 2,000 parameters in a 15 KB
  URL held the event loop, and so every other visitor, for 13 s. The guard answers 414 for a query string
  over MAX_QUERY_STRING_BYTES and 400 for more than MAX_PARAMETERS, before Datasette reads them.
- Arbitrary SQL (?sql=, and ?_where= on tables) is refused unless the instance is started with
  POLICY_KB_ALLOW_SQL=1 in its environment, for a trusted research instance (README, "Serving safely").
  A single SQL expression is not interrupted by the time limit (hex(zeroblob(1e8)) ran for minutes), so
  even there no string or blob may exceed MAX_VALUE_BYTES.
- /robots.txt lets crawlers read the pages of documents and clauses, not the endless combinations of
  facets, sorts, searches and exports.
- /-/databases.json names each database's file, not its path on the server.
"""
import json
import os
import sqlite3
from pathlib import Path

from datasette import Response, hookimpl

TRUSTED_ENV = "POLICY_KB_ALLOW_SQL"
# Datasette 0.65 parses the query string again each time a view reads request.args, some 80 times for a
# table page: at 8 KB that is a tenth of a second of the event loop, during which no other request is served.
# 8 KB is also what nginx and most servers take in a request line. A search of 900 Chinese characters fits.
MAX_QUERY_STRING_BYTES = 8 * 1024
MAX_PARAMETERS = 100
# The longest stored value is a clause of a 100,000-character line and its segmentation, about 1 MB.
MAX_VALUE_BYTES = 8 * 1024 * 1024
ROBOTS_TXT = """\
# Documents and clauses are for everyone, crawlers included; searches, facets, sorts and exports are
# endless combinations of the same rows: please leave them alone.
User-agent: *
Disallow: /*?
Disallow: /*.json
Disallow: /*.csv
Disallow: /*.db
Disallow: /-/
Allow: /-/static/
Disallow: /policy/search
"""


def sql_allowed() -> bool:
    """True on a trusted instance: POLICY_KB_ALLOW_SQL=1 (or true, yes, on) in the server's environment."""
    return os.environ.get(TRUSTED_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def refusal(scope):
    """(status, message) for a request to refuse before Datasette parses it, or None."""
    query = scope.get("query_string") or b""
    if len(query) > MAX_QUERY_STRING_BYTES:
        return 414, f"The query string is {len(query):,} bytes long; this site takes at most {MAX_QUERY_STRING_BYTES:,}."
    parameters = sum(1 for part in query.split(b"&") if part)
    if parameters > MAX_PARAMETERS:
        return 400, f"The query string has {parameters:,} parameters; this site takes at most {MAX_PARAMETERS}."
    return None


async def send_error(send, path, status, message):
    """A JSON error in Datasette's shape for .json URLs, else a short HTML page."""
    if path.split("?")[0].endswith(".json"):
        body = json.dumps({"ok": False, "error": message, "status": status, "title": None}).encode()
        content_type = b"application/json; charset=utf-8"
    else:
        body = (f"<!DOCTYPE html><html><head><title>Error {status}</title></head>"
                f"<body><h1>Error {status}</h1><p>{message}</p></body></html>").encode()
        content_type = b"text/html; charset=utf-8"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def guarded(scope, receive, send):
            refused = refusal(scope) if scope.get("type") == "http" else None
            if refused:
                await send_error(send, scope.get("path", ""), *refused)
                return
            await app(scope, receive, send)

        return guarded

    return wrap


@hookimpl
def permission_allowed(action):
    # The last answer that is not None wins, and Datasette's own comes first: this one decides.
    if action == "execute-sql":
        return sql_allowed()
    return None


@hookimpl
def prepare_connection(conn):
    conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_VALUE_BYTES)


async def robots_txt():
    return Response.text(ROBOTS_TXT)


async def databases(datasette, request):
    """Datasette's /-/databases, with each database's file name where Datasette shows its path on the server."""
    shown = [{"name": name, "route": db.route, "path": db.path and Path(db.path).name, "size": db.size,
              "is_mutable": db.is_mutable, "is_memory": db.is_memory, "hash": db.hash}
             for name, db in datasette.databases.items() if name != "_internal"]
    if request.url_vars.get("format") == "json":
        return Response.json(shown)
    return Response.html(await datasette.render_template(
        "show_json.html", {"filename": "databases.json", "data_json": json.dumps(shown, indent=4)}, request=request))


@hookimpl
def register_routes():
    # Plugin routes come before Datasette's own, so these replace /-/databases.
    return [(r"^/robots\.txt$", robots_txt), (r"^/-/databases(\.(?P<format>json))?$", databases)]
