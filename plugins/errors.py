"""Mistakes in a request are the caller's (400), not the server's (500).

Datasette 0.65 reports an unknown _sort column as a 500 error; public tools that probe the API should
get a 400 saying what was wrong. Only the status changes: Datasette's own handler still renders the page.
"""
from datasette import hookimpl
from datasette.views.base import DatasetteError

CALLER_MISTAKES = ("Cannot sort table by", "Cannot use _sort and _sort_desc")


@hookimpl
def handle_exception(exception):
    if isinstance(exception, DatasetteError) and exception.status == 500 and str(exception.message).startswith(CALLER_MISTAKES):
        exception.status = 400
    return None  # let Datasette's handler render the error
