"""Permalinks and ready-to-paste citation lines, made when a page is served.

The database stores ids and the facts a citation is made of (issuer, titles, number, dates, section,
paragraph, sentence); the URL in a citation is the serving host's. plugins/citations.py registers these as
SQL functions and template helpers, so pages, JSON and CSV cite alike.
"""
_DOCUMENT = "select * from documents where id = ?"
_SECTION = "select number, heading, level from sections where id = ?"
_CLAUSE = "select document_id, section_id, paragraph, sentence from clauses where id = ?"
_INDICATOR = "select document_id, number, id from indicators where id = ?"
# Where in the document each kind of row is, by the columns that place it.
_PLACES = {
    "documents": "select id as document_id, null as section_id, null as clause_id, null as indicator_id from documents where id = ?",
    "sections": "select document_id, id as section_id, null as clause_id, null as indicator_id from sections where id = ?",
    "clauses": "select document_id, section_id, id as clause_id, null as indicator_id from clauses where id = ?",
    "figures": "select document_id, null as section_id, clause_id, indicator_id from figures where id = ?",
    "dates": "select document_id, null as section_id, clause_id, null as indicator_id from dates where id = ?",
    "indicators": "select document_id, section_id, null as clause_id, id as indicator_id from indicators where id = ?",
}
CITABLE = tuple(_PLACES)


def permalink(origin: str, path: str) -> str:
    """An absolute URL: the serving origin ('http://host:port') and a path from datasette.urls."""
    return origin.rstrip("/") + path


def _one(conn, sql, value):
    cursor = conn.execute(sql, [value])
    row = cursor.fetchone()
    return None if row is None else dict(zip((d[0] for d in cursor.description), row))


def citation_facts(conn, table: str, row_id: str):
    """(document, section, where in English, where in Chinese) for a row of a citable table, read from conn;
    None when there is no such row."""
    if table not in _PLACES:
        return None
    place = _one(conn, _PLACES[table], row_id)
    if place is None:
        return None
    document = _one(conn, _DOCUMENT, place["document_id"])
    where_en = where_zh = None
    section_id = place["section_id"]
    if place["clause_id"]:
        clause = _one(conn, _CLAUSE, place["clause_id"])
        section_id = clause["section_id"]
        where_en = f"para. {clause['paragraph']}, sentence {clause['sentence']}"
        where_zh = f"第{clause['paragraph']}段第{clause['sentence']}句"
    elif place["indicator_id"]:
        indicator = _one(conn, _INDICATOR, place["indicator_id"])
        row = indicator["number"] or indicator["id"]
        where_en, where_zh = f"indicator table, row {row}", f"指标表第{row}行"
    elif table == "dates":
        where_en, where_zh = "indicator table", "指标表"  # a year heading an indicator table's column
    section = _one(conn, _SECTION, section_id) if section_id else None
    return document, section, where_en, where_zh


def _titles(doc):
    """(English title, Chinese title) of a document, either possibly None."""
    if doc["language"] == "zh":
        return doc.get("title_en"), doc["title"]
    return doc["title"], doc.get("title_zh")


def _date(doc):
    return doc.get("issue_date") or doc.get("publication_date") or "n.d."


def _section_label(section):
    """'二、加大…' or 'III. Main Tasks'; None for no section or a title line (the title is cited already)."""
    if section is None or section["level"] == 0:
        return None
    number = section["number"] or ""
    space = " " if number and number[-1] not in "、）)" else ""
    return f"{number}{space}{section['heading']}".strip()


def cite_en(doc, url, section=None, where=None):
    """'CNIPA, "Title" (No. …), 2020-04-23, section 二、…, para. 1, sentence 3. URL'."""
    title_en, title_zh = _titles(doc)
    title = title_en or title_zh
    parts = [doc["issuer"], f'"{title}"' + (f" ({doc['doc_number']})" if doc.get("doc_number") else ""), _date(doc)]
    if (label := _section_label(section)) is not None:
        parts.append(f"section {label}")
    if where:
        parts.append(where)
    return ", ".join(parts) + f". {url}"


def cite_zh(doc, url, section=None, where_zh=None):
    """'国家知识产权局：《标题》（文号），2020-04-23，二、…，第1段第3句。URL'; None without a Chinese title."""
    _, title_zh = _titles(doc)
    if not title_zh:
        return None
    head = f"{doc['issuer']}：《{title_zh}》" + (f"（{doc['doc_number']}）" if doc.get("doc_number") else "")
    parts = [head, _date(doc)]
    if (label := _section_label(section)) is not None:
        parts.append(label)
    if where_zh:
        parts.append(where_zh)
    return "，".join(parts) + f"。{url}"


def citation(conn, url: str, table: str, row_id: str, lang: str = "en"):
    """The citation line of a row in English ('en') or Chinese ('zh'), pointing at url; None when the row does
    not exist (or, in Chinese, when no Chinese title is known)."""
    facts = citation_facts(conn, table, row_id)
    if facts is None:
        return None
    document, section, where_en, where_zh = facts
    if lang == "zh":
        return cite_zh(document, url, section, where_zh)
    return cite_en(document, url, section, where_en)
