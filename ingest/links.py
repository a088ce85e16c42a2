"""Link figures that state the same quantity: a news report's 690,000 and the plan's "690 thousand people"."""
import re

# Large numbers rarely coincide by chance; small ones (5 tasks, 2 fairs) must also count the same thing.
VALUE_ALONE_FROM = 1000
SMALLEST_LINKED = 10
MAX_LINKS_PER_FIGURE = 20  # a value repeated across thousands of documents should not list them all

_CANDIDATES = """
select f.id, f.unit, f.year, o.id as other_id, o.document_id as other_document_id, o.unit as other_unit,
       o.year as other_year, f.value
from figures f
join figures o on o.value = f.value and o.id != f.id
  and coalesce(o.clause_id, o.indicator_id) != coalesce(f.clause_id, f.indicator_id)
where f.value >= :smallest
order by f.id, o.document_id = f.document_id, o.id
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


def link_basis(value, unit, other_unit):
    """Why two figures with the same value are linked, or None when the match may be chance."""
    same_unit = unit_head(unit) is not None and unit_head(unit) == unit_head(other_unit)
    if same_unit:
        return "same value and unit"
    if value >= VALUE_ALONE_FROM:
        return "same value"
    return None


def link_figures(db):
    """Rows for figure_links, from the figures already in the database."""
    per_figure = {}
    for r in db.execute(_CANDIDATES, {"smallest": SMALLEST_LINKED}).fetchall():
        fid, unit, _, other_id, other_doc, other_unit, _, value = r
        if per_figure.get(fid, 0) >= MAX_LINKS_PER_FIGURE:
            continue
        basis = link_basis(value, unit, other_unit)
        if basis:
            per_figure[fid] = per_figure.get(fid, 0) + 1
            yield {"id": f"{fid}--{other_id}", "figure_id": fid, "other_figure_id": other_id,
                   "other_document_id": other_doc, "basis": basis}
