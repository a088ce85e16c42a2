"""Context for the reading pages (templates/row-policy-*.html): a document with its header, table of contents
and text; a section with its text and neighbours; a clause, figure or date in its paragraph.

Rows are read with `select *` and shown by the columns they have: a column added to documents later (a
parsed 发文字号, the addressee, validity) appears in the header when HEADER_FIELDS names it, and among the
other facts when it does not; a column that is missing is simply not shown.
"""
from datasette import hookimpl

from ingest import cite
from ingest.validity import STATUS_ZH
from ingest.normalise import has_cjk

# Document columns shown in the header, in this order, with English and Chinese labels.
HEADER_FIELDS = [
    ("issuer", "Issuer", "发布机关"),
    ("doc_number", "Document number", "发文字号"),
    ("doc_number_printed", "Number as printed", "文号（原文）"),
    ("addressee", "Addressed to", "主送机关"),
    ("signatory", "Signed by", "署名"),
    ("signature", "Signature", "落款"),
    ("issue_date", "Issued", "成文日期"),
    ("publication_date", "Published", "发布日期"),
    ("effective_date", "In force from", "施行日期"),
    ("validity", "Validity", "效力"),
    ("status", "Status", "状态"),
    ("type", "Type", "文件类型"),
    ("language", "Language", "语言"),
    ("translation", "Translation", "译本"),
    ("source_name", "Source", "来源"),
    ("source_url", "Source address", "原文网址"),
]
# Columns that are the build's bookkeeping, or shown elsewhere on the page: only under "All fields".
NOT_IN_HEADER = {
    "id", "title", "title_en", "title_zh", "about", "file", "sha256", "chars", "section_count", "clause_count",
    "date_check", "manifest_position", "input_sha256", "file_stat", "translator", "translation_source",
    "translation_of", "status_evidence", "status_as_of", "doc_number_agency", "doc_number_year",
    "doc_number_sequence",
}
LANGUAGE_NAMES = {"zh": ("Chinese", "中文"), "en": ("English", "英文")}
# Chinese names of document types; a type not listed shows as it is stored.
TYPE_LABELS_ZH = {"notice": "通知", "plan": "规划", "news": "新闻", "report": "报告", "law": "法律", "regulation": "法规",
                  "opinion": "意见", "measures": "办法"}
TRANSLATION_ZH = {"original": "原文", "official translation": "官方译本", "unofficial translation": "非官方译本",
                  "machine translation": "机器翻译"}
# How a relation reads from the document it starts at, and from the document it points to (relations.kind).
RELATION_LABELS = {
    "cites": (("Cites", "引用"), ("Cited by", "被引用")),
    "implements": (("Implements", "贯彻落实"), ("Implemented by", "被贯彻落实")),
    "forwards": (("Forwards", "转发"), ("Forwarded by", "被转发")),
    "issues": (("Issues", "印发"), ("Issued with", "印发文件")),
    "supersedes": (("Supersedes", "替代"), ("Superseded by", "被替代")),
    "reports_on": (("Reports on", "报道对象"), ("Reported on by", "相关报道")),
    "translates": (("Translation of", "译自"), ("Translated as", "译本")),
}


async def _rows(db, sql, params=None):
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


async def _one(db, sql, params):
    rows = await _rows(db, sql, params)
    return rows[0] if rows else None


def header_fields(doc):
    """[(label_en, label_zh, value, lang)] for the header: the known fields the row has, then any other column
    it has that the page does not show elsewhere."""
    out = []
    for column, en, zh in HEADER_FIELDS:
        value = doc.get(column)
        if value in (None, "") or column == "doc_number_printed" and value == doc.get("doc_number"):
            continue  # (the number as printed only where it differs: a translation's romanised number)
        if column == "language":
            value = " · ".join(LANGUAGE_NAMES.get(value, (value, value)))
        elif column == "translation":
            note = cite.translation_note(doc, "en")
            value = (note[0].upper() + note[1:]) if note else "Original"
            value += f" · {cite.translation_note(doc, 'zh') or TRANSLATION_ZH['original']}"
        elif column == "status":
            value = f"{value.capitalize()} · {STATUS_ZH.get(value, value)}"
            if doc.get("status_as_of"):
                value += f" (as of {doc['status_as_of']})"
            if doc.get("status_evidence"):
                value += f": {doc['status_evidence']}"
        out.append((en, zh, value, "zh" if has_cjk(str(value)) else "en"))
    known = {c for c, _, _ in HEADER_FIELDS} | NOT_IN_HEADER
    for column, value in doc.items():
        if column not in known and value not in (None, "", "[]"):
            out.append((column.replace("_", " ").capitalize(), "", value, "zh" if has_cjk(str(value)) else "en"))
    return out


async def document_context(db, doc_id):
    doc = await _one(db, "select * from documents where id = :id", {"id": doc_id})
    if doc is None:
        return None
    sections = await _rows(db, "select * from sections where document_id = :id order by start", {"id": doc_id})
    clauses = await _rows(db, "select id, text, paragraph, sentence, section_id, start, language from clauses "
                              "where document_id = :id order by position", {"id": doc_id})
    indicators = await _rows(db, "select * from indicators where document_id = :id order by start", {"id": doc_id}) \
        if await db.table_exists("indicators") else []
    return {
        "doc": doc,
        "header": header_fields(doc),
        "toc": [s for s in sections if (s.get("level") or 0) > 0],
        "blocks": reading_blocks(sections, clauses, indicators),
        "related": await related_documents(db, doc),
    }


def reading_blocks(sections, clauses, indicators=()):
    """The text in reading order as blocks: {'kind': 'heading', 'section'}, {'kind': 'paragraph', 'clauses'}
    and {'kind': 'table', 'rows'}; headings, clauses and table rows are merged by their offsets."""
    items = [(s["start"], 0, "heading", s) for s in sections]
    items += [(c["start"], 1, "clause", c) for c in clauses]
    items += [(i["start"], 1, "row", i) for i in indicators]
    blocks = []
    for _, _, kind, item in sorted(items, key=lambda t: (t[0], t[1])):
        last = blocks[-1] if blocks else None
        if kind == "heading":
            blocks.append({"kind": "heading", "section": item})
        elif kind == "row":
            if last and last["kind"] == "table":
                last["rows"].append(item)
            else:
                blocks.append({"kind": "table", "rows": [item]})
        elif last and last["kind"] == "paragraph" and last["key"] == (item["section_id"], item["paragraph"]):
            last["clauses"].append(item)
        else:
            blocks.append({"kind": "paragraph", "key": (item["section_id"], item["paragraph"]), "clauses": [item]})
    return blocks


async def related_documents(db, doc):
    """What this document says of others and what others say of it (relations), one entry per kind and
    document or external node: {'relation': (en, zh), 'id' (None for a node outside the corpus), 'title',
    'language', 'mentions', 'clause_id' (where the text says it), 'kind', 'direction'}. Without a relations
    table, the manifest's about list."""
    if await db.table_exists("relations"):
        return await _relations_of(db, doc["id"])
    import json
    about = json.loads(doc.get("about") or "[]") if isinstance(doc.get("about"), str) else (doc.get("about") or [])
    out = []
    for other in about:
        if row := await _one(db, "select id, title, language from documents where id = :id", {"id": other}):
            out.append({**row, "relation": ("Reports on", "报道对象")})
    for row in await _rows(db, "select d.id, d.title, d.language from documents d join json_each(d.about) a "
                               "where a.value = :id order by d.manifest_position", {"id": doc["id"]}):
        out.append({**row, "relation": ("Reported on by", "相关报道")})
    return out


_OUTGOING = """
select r.kind, r.to_document_id as id, coalesce(d.title, r.target_title, r.target_number) as title,
  coalesce(d.language, case when r.target_title glob '*[一-龥]*' then 'zh' else 'en' end) as language,
  count(*) as mentions, min(r.evidence_clause_id) as clause_id, r.target_key
from relations r left join documents d on d.id = r.to_document_id
where r.document_id = :id
group by r.kind, coalesce(r.to_document_id, r.target_key)
order by min(coalesce(r.evidence_start, -1)), r.kind
"""
_INCOMING = """
select r.kind, r.document_id as id, d.title, d.language, count(*) as mentions, min(r.evidence_clause_id) as clause_id
from relations r join documents d on d.id = r.document_id
where r.to_document_id = :id and r.document_id != :id
group by r.kind, r.document_id
order by d.manifest_position, r.kind
"""


async def _relations_of(db, doc_id):
    out = []
    for row in await _rows(db, _OUTGOING, {"id": doc_id}):
        out.append({**row, "direction": "out", "relation": RELATION_LABELS.get(row["kind"], ((row["kind"], ""),) * 2)[0]})
    for row in await _rows(db, _INCOMING, {"id": doc_id}):
        out.append({**row, "direction": "in", "relation": RELATION_LABELS.get(row["kind"], ((row["kind"], ""),) * 2)[1]})
    return out


async def version_of(db, doc_id):
    """The build the document's current text is from (its latest document_versions row), or None."""
    if not await db.table_exists("document_versions"):
        return None
    return await _one(db, "select generation, built_at, change from document_versions where document_id = :id "
                          "order by generation desc limit 1", {"id": doc_id})


async def aligned_with(db, table, item_id):
    """The units a clause or section is aligned with in a translation or an original: [{'id', 'table',
    'document_id', 'language', 'text', 'numbers_note', 'confidence', 'role'}] (role: 'translation' or
    'original'), [] when it is in no alignment."""
    if not await db.table_exists("alignments"):
        return []
    rows = await _rows(db, """
select a.translation_table as "table", a.translation_id as id, a.document_id, d.language, a.translation_text as text,
  a.numbers_note, a.confidence, 'translation' as role, a.document_id as translation_id
from alignments a join json_each(a.original_ids) o join documents d on d.id = a.document_id
where a.original_table = :table and o.value = :id and a.translation_id is not null
union all
select a.original_table, a.original_id, a.original_document_id, d.language, a.original_text, a.numbers_note,
  a.confidence, 'original', a.document_id
from alignments a join json_each(a.translation_ids) t join documents d on d.id = a.original_document_id
where a.translation_table = :table and t.value = :id and a.original_id is not null
""", {"table": table, "id": item_id})
    return rows


async def section_context(db, section_id):
    section = await _one(db, "select * from sections where id = :id", {"id": section_id})
    if section is None:
        return None
    doc = await _one(db, "select * from documents where id = :id", {"id": section["document_id"]})
    sections = await _rows(db, "select * from sections where document_id = :id order by start", {"id": doc["id"]})
    # The section and its subsections, down to the next section that is not inside it.
    inside, ids = [], {section_id}
    for s in sections:
        if s["id"] in ids or s.get("parent_id") in ids:
            ids.add(s["id"])
            inside.append(s)
    clauses = await _rows(db, "select id, text, paragraph, sentence, section_id, start, language from clauses "
                              "where document_id = :id order by position", {"id": doc["id"]})
    order = [s["id"] for s in sections]
    i = order.index(section_id)
    path = await db.execute_fn(lambda conn: cite.section_path(conn, section_id))
    return {
        "doc": doc, "section": section, "path": path,
        "blocks": reading_blocks(inside, [c for c in clauses if c["section_id"] in ids]),
        "previous": sections[i - 1] if i > 0 else None,
        "next": sections[i + 1] if i + 1 < len(sections) else None,
        "parent": next((s for s in sections if s["id"] == section.get("parent_id")), None),
        "aligned": await aligned_with(db, "sections", section_id),
    }


async def clause_context(db, clause_id):
    clause = await _one(db, "select * from clauses where id = :id", {"id": clause_id})
    if clause is None:
        return None
    doc = await _one(db, "select * from documents where id = :id", {"id": clause["document_id"]})
    paragraph = await _rows(db, "select id, text, sentence, language from clauses where document_id = :d "
                                "and coalesce(section_id, '') = coalesce(:s, '') and paragraph = :p order by position",
                            {"d": doc["id"], "s": clause["section_id"], "p": clause["paragraph"]})
    neighbours = await _rows(db, "select id, position, text from clauses where document_id = :d and position in (:a, :b)",
                             {"d": doc["id"], "a": clause["position"] - 1, "b": clause["position"] + 1})
    path = await db.execute_fn(lambda conn: cite.section_path(conn, clause["section_id"]))
    figures = await _rows(db, "select id, surface, value, unit from figures where clause_id = :id order by start", {"id": clause_id})
    dates = await _rows(db, "select id, surface, date_start, date_end, role from dates where clause_id = :id order by start", {"id": clause_id})
    measures = await _rows(db, "select m.id, m.name_en, m.name_zh, cm.matched from clause_measures cm join measures m "
                               "on m.id = cm.measure_id where cm.clause_id = :id", {"id": clause_id})
    return {
        "doc": doc, "clause": clause, "path": path, "paragraph": paragraph,
        "previous": next((n for n in neighbours if n["position"] < clause["position"]), None),
        "next": next((n for n in neighbours if n["position"] > clause["position"]), None),
        "figures": figures, "dates": dates, "measures": measures,
        "source_fragment": cite.text_fragment_url(doc.get("source_url"), clause["text"]),
        "version": await version_of(db, doc["id"]),
        "aligned": await aligned_with(db, "clauses", clause_id),
    }


async def item_context(db, table, item_id):
    """A figure or a date: the item, its sentence with it marked, its paragraph, the previous and next items of
    its document."""
    item = await _one(db, f"select * from {table} where id = :id", {"id": item_id})
    if item is None:
        return None
    doc = await _one(db, "select * from documents where id = :id", {"id": item["document_id"]})
    clause = await _one(db, "select * from clauses where id = :id", {"id": item.get("clause_id")}) if item.get("clause_id") else None
    before = sentence = after = None
    if clause and item.get("start") is not None and clause["start"] <= item["start"] <= item["end"] <= clause["end"]:
        a, b = item["start"] - clause["start"], item["end"] - clause["start"]
        before, sentence, after = clause["text"][:a], clause["text"][a:b], clause["text"][b:]
    order = await _rows(db, f"select id, surface from {table} where document_id = :d order by start, id", {"d": doc["id"]})
    ids = [o["id"] for o in order]
    i = ids.index(item_id)
    path = await db.execute_fn(lambda conn: cite.section_path(conn, clause["section_id"] if clause else item.get("section_id")))
    indicator = None
    if item.get("indicator_id"):
        indicator = await _one(db, "select * from indicators where id = :id", {"id": item["indicator_id"]})
    return {
        "doc": doc, "item": item, "clause": clause, "path": path, "indicator": indicator,
        "marked": (before, sentence, after) if sentence is not None else None,
        "previous": order[i - 1] if i > 0 else None,
        "next": order[i + 1] if i + 1 < len(order) else None,
        "source_fragment": cite.text_fragment_url(doc.get("source_url"), clause["text"]) if clause else None,
    }


_MEASURE_CLAUSES = """
select c.id, c.text, c.document_id, c.language, d.title, c.modality, cm.matched
from clause_measures cm join clauses c on c.id = cm.clause_id join documents d on d.id = c.document_id
where cm.measure_id = :id order by c.sort_key
"""


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    async def inner():
        if request is None or view_name != "row" or database is None:
            return {}
        db = datasette.get_database(database)
        pk = request.url_vars.get("pks", "")
        if table == "documents":
            return {"page": await document_context(db, pk)}
        if table == "sections":
            return {"page": await section_context(db, pk)}
        if table == "clauses":
            return {"page": await clause_context(db, pk)}
        if table in ("figures", "dates"):
            return {"page": await item_context(db, table, pk)}
        if table == "measures":
            return {"measures_context": await _rows(db, _MEASURE_CLAUSES, {"id": pk})}
        return {}

    return inner


@hookimpl
def prepare_jinja2_environment(env):
    def fit(text, n=100):
        """Text cut to n characters with '…', for <title>s and link texts."""
        text = " ".join(str(text or "").split())
        return text if len(text) <= n else text[: n - 1].rstrip() + "…"

    def plain_number(value):
        """1490 -> '1,490', 2.5 -> '2.5': whole numbers without '.0'."""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return f"{value:,}" if isinstance(value, (int, float)) else str(value)

    def translation_note(doc, lang="en"):
        """'unofficial English translation by …' / '…, 译（非官方英文译本）'; '' for an original."""
        return cite.translation_note(doc, lang) or ""

    env.globals["type_labels_zh"] = TYPE_LABELS_ZH
    env.filters["translation_note"] = translation_note
    env.filters["fit"] = fit
    env.filters["plain_number"] = plain_number
