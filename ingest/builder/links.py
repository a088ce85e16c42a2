"""Link figures that state the same indicator at the same date: the plan's "690 thousand" (end of the 13th
Five-Year period) and the 2024 report's 690,000 (end of 2020) are both IP talents in total at 2020-12-31.

Links name the indicator, never only the value: 86.5万 IP-services employees and 86万 IP talents are not linked,
and two documents that give different values for the same indicator and date are linked too (their
disagreement is listed by the indicator_conflicts view).
"""
import itertools
import operator
from typing import NamedTuple

MAX_LINKS_PER_FIGURE = 20  # an indicator stated by thousands of documents at one date should not list them all
BASIS = "same indicator and date"


class _Figure(NamedTuple):
    id: str
    document_id: str
    place: str  # the clause or indicator-table row it is in


def figure_keys(conn, document_ids):
    """The (indicator, as-of date) of some documents' mapped figures: the only keys whose links a change to them
    can alter."""
    keys = set()
    for doc_id in document_ids:  # one indexed query each: SQLite caps the variables of a single IN list
        keys.update(conn.execute("select distinct indicator, as_of_end from figure_indicators where document_id = ?",
                                 [doc_id]).fetchall())
    return keys


def link_figures(conn, keys=None):
    """Rows for figure_links from the mapped figures already in the database: every one's, or (keys given) only
    those with one of these (indicator, as-of date) keys. The figures are read in key order and linked one key
    at a time, so only one key's figures are held, in time linear in the number of figures (each gets at most
    MAX_LINKS_PER_FIGURE links)."""
    sql = ("select fi.indicator, fi.as_of_end, fi.figure_id, fi.document_id, coalesce(f.clause_id, f.indicator_id) "
           "from figure_indicators fi join figures f on f.id = fi.figure_id")
    if keys is not None:
        conn.execute("drop table if exists temp.relink_keys")
        conn.execute("create temp table relink_keys (indicator text, as_of_end text, primary key (indicator, as_of_end))")
        conn.executemany("insert or ignore into temp.relink_keys values (?, ?)", sorted(keys))
        sql += " join temp.relink_keys k on k.indicator = fi.indicator and k.as_of_end = fi.as_of_end"
    rows = conn.execute(sql + " where fi.as_of_end is not null order by fi.indicator, fi.as_of_end, fi.figure_id")
    for _, group in itertools.groupby(rows, key=operator.itemgetter(0, 1)):
        yield from _links_among([_Figure(fid, doc, place) for _, _, fid, doc, place in group])


def _links_among(figures):
    """Links from each figure to others of the list (same indicator and date, in id order) in another clause or
    indicator row: those in other documents first, then those in its own, MAX_LINKS_PER_FIGURE at most."""
    for f in figures:
        chosen = []
        for other_document in (True, False):
            for o in figures:
                if len(chosen) == MAX_LINKS_PER_FIGURE:
                    break
                if o.place != f.place and (o.document_id != f.document_id) == other_document:
                    chosen.append(o)
        for o in chosen:
            yield {"id": f"{f.id}--{o.id}", "figure_id": f.id, "other_figure_id": o.id, "other_document_id": o.document_id,
                   "basis": BASIS}
