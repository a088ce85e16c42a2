"""Search plugin: our escape_fts() replaces Datasette's, so every search entry point handles Chinese.

The functions come from ingest.search, the module the build uses to write the index, so the query
is segmented and normalised by the very same segmenter, user dictionary and folding.
"""
import html
import sqlite3

from datasette import hookimpl
from markupsafe import Markup

from ingest import search
from ingest.taggers.glossary import terms_from_rows
from ingest.segment import get_tokenizer, segment_all

SNIPPET_COLUMNS = {"snippet"}
# Query result columns that hold a row id of a table: shown as links to that row's page.
ID_COLUMNS = {"clause": "clauses", "example_clause": "clauses", "document": "documents", "figure": "figures", "measure": "measures"}
GLOSSARY_SQL = "select id, zh, en from glossary"


def _glossary(conn):
    """Glossary terms from the database being served; none when it has no glossary table (e.g. _memory)."""
    try:
        cursor = conn.execute(GLOSSARY_SQL)
    except sqlite3.OperationalError as e:
        if "no such table" not in str(e):
            raise
        return []
    names = [d[0] for d in cursor.description]
    return terms_from_rows(dict(zip(names, row)) for row in cursor.fetchall())


@hookimpl(trylast=True)  # registered after Datasette's own escape_fts, so ours is the one SQLite keeps
def prepare_connection(conn):
    glossary = _glossary(conn)
    conn.create_function("escape_fts", 1, search.to_fts_query, deterministic=True)
    conn.create_function("segmented", 1, lambda text: segment_all([text])[0] if text else None, deterministic=True)
    conn.create_function("fts_phrase", 1, search.to_fts_phrase, deterministic=True)
    conn.create_function("fts_expand", 1, lambda q: search.expand_query(q, glossary)[0], deterministic=True)
    conn.create_function("fts_expansion", 1, lambda q: search.expand_query(q, glossary)[1], deterministic=True)


@hookimpl
def startup(datasette):
    # Load the segmenter's dictionary now rather than in the first visitor's request.
    get_tokenizer()


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Search snippets carry <mark> around hits: show those as highlights, escape everything else.
    In query results (table is None) clause and document ids link to their pages."""
    if table is None and column in ID_COLUMNS and isinstance(value, str) and value:
        url = datasette.urls.row(database, ID_COLUMNS[column], value)
        return Markup(f'<a href="{html.escape(url)}">{html.escape(value)}</a>')
    if column in SNIPPET_COLUMNS and isinstance(value, str):
        escaped = html.escape(value).replace("&lt;mark&gt;", "<mark>").replace("&lt;/mark&gt;", "</mark>")
        return Markup(escaped)
    return None
