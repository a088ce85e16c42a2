"""CSV that spreadsheets open correctly: ?_bom=1 on any CSV (a table's, a query's, the search page's) starts it
with a UTF-8 byte order mark, without which Excel reads UTF-8 as the local code page and garbles Chinese.

An ASGI wrapper, so it works for Datasette's own CSV views, streamed or not, as well as ours.
"""
from urllib.parse import parse_qs

from datasette import hookimpl

BOM = "\ufeff".encode("utf-8")


def wants_bom(scope):
    if scope.get("type") != "http" or not scope.get("path", "").endswith(".csv"):
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return query.get("_bom", [""])[-1] in ("1", "on", "true", "yes")


@hookimpl
def asgi_wrapper(datasette):
    def wrap(app):
        async def add_bom(scope, receive, send):
            if not wants_bom(scope):
                await app(scope, receive, send)
                return
            state = {"csv": False, "sent": False}

            async def send_with_bom(message):
                if message["type"] == "http.response.start":
                    headers = list(message.get("headers") or [])
                    content_type = dict((k.lower(), v) for k, v in headers).get(b"content-type", b"")
                    state["csv"] = content_type.startswith(b"text/csv") or content_type.startswith(b"text/plain")
                    if state["csv"]:
                        headers = [(k, str(int(v) + len(BOM)).encode() if k.lower() == b"content-length" else v)
                                   for k, v in headers]
                        message = {**message, "headers": headers}
                elif message["type"] == "http.response.body" and state["csv"] and not state["sent"]:
                    state["sent"] = True
                    message = {**message, "body": BOM + message.get("body", b"")}
                await send(message)

            await app(scope, receive, send_with_bom)
        return add_bom
    return wrap
