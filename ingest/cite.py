"""Permalinks and ready-to-paste citation lines, in English and (where a Chinese title is known) Chinese."""
from urllib.parse import quote

DATABASE = "policy"


def permalink(base_url: str, table: str, row_id: str) -> str:
    """The Datasette row URL; ids are URL-safe by construction, quote() is a guard for hand-made ones."""
    return f"{base_url.rstrip('/')}/{DATABASE}/{table}/{quote(row_id, safe='-_')}"


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
