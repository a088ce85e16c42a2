"""Context for our page templates: a document's clauses, a clause's neighbours, a search's expansion."""
from datasette import hookimpl

_DOCUMENT_CLAUSES = """
select c.id, c.text, c.paragraph, c.sentence, c.section_id, s.number, s.heading, s.level
from clauses c left join sections s on s.id = c.section_id
where c.document_id = :id order by c.position
"""
_CLAUSE_CONTEXT = """
select c.id, c.text, c.position, c.document_id, d.title,
  c.section_id, s.heading, s.number,
  (select id from clauses p where p.document_id = c.document_id and p.position = c.position - 1) as previous_id,
  (select id from clauses n where n.document_id = c.document_id and n.position = c.position + 1) as next_id
from clauses c join documents d on d.id = c.document_id left join sections s on s.id = c.section_id
where c.id = :id
"""

# Figures and dates: the item, its sentence and where it sits, for a page a journalist can cite from.
_LEDGER_CONTEXT = """
select x.*, d.title, c.section_id, s.heading, s.number
from {table} x join documents d on d.id = x.document_id
left join clauses c on c.id = x.clause_id left join sections s on s.id = c.section_id
where x.id = :id
"""
_MEASURE_CLAUSES = """
select c.id, c.text, c.document_id, d.title, c.modality, cm.matched
from clause_measures cm join clauses c on c.id = cm.clause_id join documents d on d.id = c.document_id
where cm.measure_id = :id order by c.sort_key
"""
ROW_CONTEXT = {
    "measures": _MEASURE_CLAUSES,
    "documents": _DOCUMENT_CLAUSES,
    "clauses": _CLAUSE_CONTEXT,
    "figures": _LEDGER_CONTEXT.format(table="figures"),
    "dates": _LEDGER_CONTEXT.format(table="dates"),
}


async def _rows(datasette, database, sql, params):
    result = await datasette.get_database(database).execute(sql, params)
    return [dict(r) for r in result.rows]


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    async def inner():
        if request is None:
            return {}
        if view_name == "row" and table in ROW_CONTEXT:
            pk = request.url_vars.get("pks", "")
            return {f"{table}_context": await _rows(datasette, database, ROW_CONTEXT[table], {"id": pk})}
        # Canned query pages have no view_name of their own in Datasette 0.65; only query-policy-search.html
        # shows this value.
        if database and request.args.get("expand") and request.args.get("q"):
            # fts_expansion() is the search plugin's, with the glossary it loaded: one source of truth.
            rows = await _rows(datasette, database, "select fts_expansion(:q) as expansion", {"q": request.args["q"]})
            return {"search_expansion": rows[0]["expansion"]}
        return {}

    return inner

