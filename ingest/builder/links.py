"""Link figures that state the same quantity: a news report's 690,000 and the plan's "690 thousand people"."""
import itertools
import operator
import re
from typing import NamedTuple

# Large numbers rarely coincide by chance; small ones (5 tasks, 2 fairs) must also count the same thing.
VALUE_ALONE_FROM = 1000
SMALLEST_LINKED = 10
MAX_LINKS_PER_FIGURE = 20  # a value repeated across thousands of documents should not list them all


class _Figure(NamedTuple):
    id: str
    document_id: str
    place: str  # the clause or indicator it is in
    head: str | None


def unit_head(unit):
    """The head noun of a unit phrase, singular and lower-case: 'intellectual property talents' -> 'talent'."""
    if not unit:
        return None
    words = re.findall(r"[A-Za-z]+|[\u4e00-\u9fff]+", unit.lower())
    if not words:
        return None
    head = words[-1]
    return head[:-1] if head.endswith("s") and not head.endswith("ss") else head


def figure_values(conn, document_ids):
    """The distinct figure values of some documents: the only values whose links a change to them can alter."""
    values = set()
    for doc_id in document_ids:  # one indexed query each: SQLite caps the variables of a single IN list
        values.update(v for (v,) in conn.execute("select distinct value from figures where document_id = ?", [doc_id]))
    return values


def link_figures(conn, values=None):
    """Rows for figure_links, from the figures already in the database: every figure's, or (values given) only
    those of figures with one of these values, the rest being unaffected. The figures are read in value order
    and linked one value at a time, so only one value's figures are held: at 10,000 synthetic documents the
    same-value pairs number millions, and each figure needs its first MAX_LINKS_PER_FIGURE of them only."""
    sql = "select id, document_id, coalesce(clause_id, indicator_id), value, unit from figures where value >= ?"
    if values is not None:
        conn.execute("drop table if exists temp.relink_values")
        conn.execute("create temp table relink_values (value real primary key)")
        conn.executemany("insert or ignore into temp.relink_values values (?)", ((v,) for v in values))
        sql += " and value in (select value from temp.relink_values)"
    rows = conn.execute(sql + " order by value, id", [SMALLEST_LINKED])
    for value, group in itertools.groupby(rows, key=operator.itemgetter(3)):
        figures = [_Figure(fid, doc, place, unit_head(unit)) for fid, doc, place, _, unit in group]
        if value >= VALUE_ALONE_FROM:
            yield from _links_among(figures)
        else:  # a small number links only to the same number of the same thing
            for head, same_head in itertools.groupby(sorted(figures, key=_head_then_id), key=_head):
                if head is not None:
                    yield from _links_among(list(same_head))


def _head(figure):
    return figure.head


def _head_then_id(figure):
    return (figure.head is None, figure.head or "", figure.id)


def _links_among(figures):
    """Links from each figure to others of the list (same value, in id order) in another clause or indicator:
    those in other documents first, then those in its own, MAX_LINKS_PER_FIGURE at most."""
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
                   "basis": "same value and unit" if f.head is not None and f.head == o.head else "same value"}
