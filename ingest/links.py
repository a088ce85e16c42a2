"""Link figures that state the same quantity: a news report's 690,000 and the plan's "690 thousand people"."""
import re

# Large numbers rarely coincide by chance; small ones (5 tasks, 2 fairs) must also count the same thing.
VALUE_ALONE_FROM = 1000
SMALLEST_LINKED = 10
MAX_LINKS_PER_FIGURE = 20  # a value repeated across thousands of documents should not list them all

# Pairs are chosen and capped inside SQLite, which sorts on disk if it must: at 10,000 documents there
# are millions of same-value pairs, far too many to hold in Python.
_LINKS = """
select id, other_id, other_document_id, basis from (
  select f.id, o.id as other_id, o.document_id as other_document_id,
         case when f.head = o.head then 'same value and unit' else 'same value' end as basis,
         row_number() over (partition by f.id order by o.document_id = f.document_id, o.id) as n
  from temp.figure_heads f
  join temp.figure_heads o on o.value = f.value and o.place != f.place
  where f.value >= :smallest and (f.head = o.head or f.value >= :value_alone)
)
where n <= :cap
"""


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
    """Rows for figure_links, from the figures already in the database, one at a time: every figure's,
    or (values given) only those of figures with one of these values, the rest being unaffected."""
    conn.execute("drop table if exists temp.figure_heads")
    conn.execute("create temp table figure_heads (id text, document_id text, place text, value real, head text)")
    sql = "select id, document_id, coalesce(clause_id, indicator_id), value, unit from figures where value >= ?"
    if values is not None:
        conn.execute("drop table if exists temp.relink_values")
        conn.execute("create temp table relink_values (value real primary key)")
        conn.executemany("insert or ignore into temp.relink_values values (?)", ((v,) for v in values))
        sql += " and value in (select value from temp.relink_values)"
    conn.executemany(
        "insert into temp.figure_heads values (?, ?, ?, ?, ?)",
        ((fid, doc, place, value, unit_head(unit)) for fid, doc, place, value, unit in conn.execute(sql, [SMALLEST_LINKED])),
    )
    conn.execute("create index temp.figure_heads_value on figure_heads (value, head)")
    params = {"smallest": SMALLEST_LINKED, "value_alone": VALUE_ALONE_FROM, "cap": MAX_LINKS_PER_FIGURE}
    for fid, other_id, other_doc, basis in conn.execute(_LINKS, params):
        yield {"id": f"{fid}--{other_id}", "figure_id": fid, "other_figure_id": other_id,
               "other_document_id": other_doc, "basis": basis}
