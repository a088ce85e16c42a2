"""Mistakes in a request are the caller's (400), and a page that does not exist is a 404, never a 500.

Datasette 0.65 answers some malformed requests with a 500 error and a traceback in the server's log: an
unknown _sort column, a NUL in a column name (_facet=%00), _through= that is not the JSON it expects, and
row pages of tables that have none (sqlite_master, the search index's own tables). Public tools that probe
the API should get a 400 or 404 saying what was wrong. The page is still Datasette's error page, rendered by
its own handler, with our status and message.
"""
import json
import sqlite3

from datasette import hookimpl
from datasette.handle_exception import handle_exception as render_error
from datasette.views.base import DatasetteError

CALLER_MISTAKES = ("Cannot sort table by", "Cannot use _sort and _sort_desc", "Invalid _through")
THROUGH_HELP = ('_through= takes JSON naming a table, a column of it and a value: '
                '_through={"table":"clause_measures","column":"measure_id","value":"training"}')


def through_problem(request):
    """What is wrong with the request's _through= parameters, or None."""
    for value in request.args.getlist("_through"):
        try:
            through = json.loads(value)
        except ValueError:
            return f"_through={value[:80]!r} is not JSON. {THROUGH_HELP}"
        if not isinstance(through, dict) or not {"table", "column", "value"} <= set(through):
            return f"_through={value[:80]!r} does not name a table, column and value. {THROUGH_HELP}"
        if not (isinstance(through["table"], str) and isinstance(through["column"], str)
                and isinstance(through["value"], (str, int, float))):
            return f"_through={value[:80]!r}: the table and column must be text, the value text or a number. {THROUGH_HELP}"
    return None


def caller_mistake(request, exception):
    """(status, title, message) for an exception that a malformed request caused, or None."""
    if isinstance(exception, DatasetteError):
        if exception.status == 500 and str(exception.message).startswith(CALLER_MISTAKES):
            return 400, exception.title, exception.message
        return None
    if request is None:
        return None
    if "_through" in request.args:
        problem = through_problem(request)
        if problem:
            return 400, "Bad _through", problem
    if isinstance(exception, sqlite3.ProgrammingError) and "null character" in str(exception):
        return 400, "Bad parameter", "A parameter names a column with a NUL character (%00) in it: no column has one."
    if isinstance(exception, sqlite3.DataError) and "too big" in str(exception):
        return 400, "Too big", f"{exception}: the request made a value larger than this site allows."
    table = request.url_vars.get("table")
    if table and request.url_vars.get("pks") is not None:
        # A row page of a table whose rows have no page: SQLite's own tables, the search index's shadow tables.
        return 404, "Not found", f"{table} has no row pages: open a row of documents, sections, clauses, figures, dates, measures or indicators."
    return None


@hookimpl
def handle_exception(datasette, request, exception):
    mistake = caller_mistake(request, exception)
    if mistake is None:
        return None  # Datasette's handler renders it as it is
    status, title, message = mistake
    return render_error(datasette, request, DatasetteError(message, title=title, status=status))
