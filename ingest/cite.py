"""Permalinks and ready-to-paste citations, made when a page is served.

The database stores ids and the facts a citation is made of (issuer, titles, number, dates, section,
paragraph, sentence); the URL in a citation is the serving host's. plugins/citations.py registers these as
SQL functions and template helpers, so pages, JSON and CSV cite alike.

Each citation is in one language throughout: an English line (plain, for journalists) and a Chinese line
(GB/T 7714-2015, the electronic-resource form). Titles and issuer names come in the citation's language where
they are known (the manifest's title_en/title_zh, corpus/names.yml); otherwise the original is given and
marked as such. A translation says what it is: official, unofficial (by whom), or machine.
"""
import datetime
import functools
import json
import re
from pathlib import Path

import yaml

from .corpusfiles import NAMES, REPOSITORY_CORPUS

_DOCUMENT = "select * from documents where id = ?"
_SECTION = "select * from sections where id = ?"
_CLAUSE = "select document_id, section_id, paragraph, sentence, page from clauses where id = ?"
_INDICATOR = "select document_id, number, id from indicators where id = ?"
# The table row a figure or date outside the clauses is in, by its offset.
_IN_TABLE_ROW = {
    table: f"select t.section_id, t.table_number, t.row_number from {table} x join table_rows t "
           "on t.document_id = x.document_id and x.start >= t.start and x.start < t.end where x.id = ?"
    for table in ("figures", "dates")
}
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
LANGUAGE_NAMES = {"en": {"en": "English", "zh": "Chinese"}, "zh": {"en": "英文", "zh": "中文"}}
# GB/T 7714-2015 document type codes (文献类型标识) by document type; EB (电子公告) for the rest.
GBT_TYPE_CODES = {"news": "N", "plan": "EB", "notice": "EB", "report": "R", "standard": "S"}
# CSL-JSON item types by document type.
CSL_TYPES = {"news": "article-newspaper", "notice": "legislation", "plan": "report", "report": "report"}


def request_origin(request) -> str:
    """'http://127.0.0.1:8001': how the visitor reached this server (a proxy that sets X-Forwarded-Proto and
    the Host header is followed)."""
    scheme = request.headers.get("x-forwarded-proto") or request.scheme
    return f"{scheme}://{request.host}"


def permalink(origin: str, path: str) -> str:
    """An absolute URL: the serving origin ('http://host:port') and a path from datasette.urls."""
    return origin.rstrip("/") + path


# ------------------------------------------------------------------------------------------------ names
@functools.lru_cache(maxsize=4)
def load_names(path=None) -> dict:
    """corpus/names.yml as {'names': {any form: {'en', 'zh'}}, 'prefixes': {Chinese prefix: romanised}}.
    A missing file gives empty maps: names are then printed as the manifest has them."""
    path = Path(path) if path else REPOSITORY_CORPUS / NAMES
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else None
    raw = raw or {}
    names = {}
    for entry in raw.get("names") or []:
        forms = {"en": entry.get("en"), "zh": entry.get("zh")}
        for form in [entry.get("en"), entry.get("zh"), *(entry.get("also") or [])]:
            if form:
                names[str(form).strip().lower()] = forms
    prefixes = {str(p["zh"]): str(p["en"]) for p in raw.get("document_number_prefixes") or [] if p.get("zh") and p.get("en")}
    return {"names": names, "prefixes": prefixes}


def name_in(name, lang, names):
    """A body's name in lang ('en' or 'zh') when names.yml knows it, else the name as given."""
    if not name:
        return name
    known = names["names"].get(str(name).strip().lower())
    return (known or {}).get(lang) or name


def _has_cjk(text):
    return bool(text) and re.search(r"[\u3400-\u9fff]", text) is not None


# ------------------------------------------------------------------------------------------------ facts
def _one(conn, sql, value):
    cursor = conn.execute(sql, [value])
    row = cursor.fetchone()
    return None if row is None else dict(zip((d[0] for d in cursor.description), row))


def section_path(conn, section_id):
    """The sections from the outermost numbered level down to section_id (title lines, level 0, left out)."""
    path, seen = [], set()
    while section_id and section_id not in seen:
        seen.add(section_id)
        section = _one(conn, _SECTION, section_id)
        if section is None:
            break
        if (section.get("level") or 0) > 0:
            path.insert(0, section)
        section_id = section.get("parent_id")
    return path


def citation_facts(conn, table: str, row_id: str):
    """{'document', 'path' (sections, outermost first), 'where' (('paragraph', p, s), ('indicator', row) or
    ('table', table number, row number))} for a row of a citable table, read from conn; None when there is no
    such row."""
    if table not in _PLACES:
        return None
    place = _one(conn, _PLACES[table], row_id)
    if place is None:
        return None
    document = _one(conn, _DOCUMENT, place["document_id"])
    where = None
    section_id = place["section_id"]
    if place["clause_id"]:
        clause = _one(conn, _CLAUSE, place["clause_id"])
        section_id = clause["section_id"]
        where = ("paragraph", clause["paragraph"], clause["sentence"], clause["page"])
    elif place["indicator_id"]:
        indicator = _one(conn, _INDICATOR, place["indicator_id"])
        where = ("indicator", indicator["number"] or indicator["id"])
    elif table in _IN_TABLE_ROW and (row := _one(conn, _IN_TABLE_ROW[table], row_id)) is not None:
        # A number in a table's cell (or a year heading its column): the table and the row it is in.
        section_id = row["section_id"]
        where = ("table", row["table_number"], row["row_number"])
    return {"id": row_id, "table": table, "document": document, "path": section_path(conn, section_id), "where": where}


# ------------------------------------------------------------------------------------------------ numbers
_ZH_DIGITS = "零一二三四五六七八九"
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _zh_to_int(text):
    """'二' -> 2, '十一' -> 11, '二十三' -> 23; None for anything else."""
    if not text or any(c not in _ZH_DIGITS + "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(_ZH_DIGITS.index(c)) for c in text))
    tens, _, units = text.partition("十")
    return (_ZH_DIGITS.index(tens) if tens else 1) * 10 + (_ZH_DIGITS.index(units) if units else 0)


def _int_to_zh(n):
    """2 -> '二', 11 -> '十一', 23 -> '二十三' (1 to 99)."""
    if n < 10:
        return _ZH_DIGITS[n]
    tens, units = divmod(n, 10)
    return ("" if tens == 1 else _ZH_DIGITS[tens]) + "十" + (_ZH_DIGITS[units] if units else "")


def _roman_to_int(text):
    text = text.lower()
    if not text or any(c not in _ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        value = _ROMAN[c]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total


def section_ordinal(section):
    """A section's number as an integer: the printed number (二、, （一）, III., (3), 1.) when it is one, else its
    place among its siblings, from its id (…-s2-3 is the third); None when neither is known."""
    core = re.sub(r"[、.．()（）\s]", "", section.get("number") or "")
    if core:
        for parse in (lambda t: int(t) if t.isdigit() else None, _zh_to_int, _roman_to_int):
            if (n := parse(core)) is not None:
                return n
    m = re.search(r"-s([\d-]+)$", section.get("id") or "")
    return int(m.group(1).split("-")[-1]) if m else None


# ------------------------------------------------------------------------------------------------ pieces
def document_date(doc):
    """The date to cite: issued, else published; None when neither is known."""
    return doc.get("issue_date") or doc.get("publication_date") or None


def _translator(doc):
    """Who made a translation: the translator field where there is one, else the source's name (without its
    parenthesis: 'Zhifan IP Attorneys (law firm website)' -> 'Zhifan IP Attorneys')."""
    if doc.get("translator"):
        return doc["translator"]
    return re.sub(r"\s*[(（].*$", "", doc.get("source_name") or "").strip() or None


def translation_note(doc, lang):
    """'unofficial English translation by Zhifan IP Attorneys' / 'Zhifan IP Attorneys, 译（非官方英文译本）';
    None for an original."""
    kind = (doc.get("translation") or "original").lower()
    if kind == "original":
        return None
    language = LANGUAGE_NAMES[lang][doc.get("language") or "en"]
    by = _translator(doc)
    if lang == "en":
        if kind.startswith("machine"):
            return f"machine translation into {language}"
        if kind.startswith("official"):
            return f"official {language} translation"
        return f"unofficial {language} translation" + (f" by {by}" if by else "")
    if kind.startswith("machine"):
        return f"{language}机器翻译"
    if kind.startswith("official"):
        return f"官方{language}译本"
    return (f"{by}, 译（非官方{language}译本）" if by else f"非官方{language}译本")


def title_in(doc, lang):
    """(title, marked) in lang: the title in that language where known, else the original title, with
    marked=True."""
    own = doc.get("language")
    if own == lang:
        return doc.get("title"), False
    other = doc.get(f"title_{lang}")
    return (other, False) if other else (doc.get("title"), True)


def document_number_in(doc, lang, names):
    """The document number (文号) in the citation's language: 'Guozhifa Yunhanzi [2020] No. 37' for
    国知发运函字〔2020〕37号 when names.yml romanises the prefix; otherwise as printed."""
    number = doc.get("doc_number")
    if not number or lang == "zh" or not _has_cjk(number):
        return number
    m = re.match(r"^(?P<prefix>.*?)[〔\[［(（](?P<year>\d{4})[〕\]］)）]第?(?P<no>\d+)号$", number)
    if m and m["prefix"] in names["prefixes"]:
        return f"{names['prefixes'][m['prefix']]} [{m['year']}] No. {m['no']}"
    return f"{number} (Chinese document number)"


def _clean_heading(heading):
    return (heading or "").strip().rstrip(".。")


def locator(facts, lang):
    """Where the row sits, in the citation's language: 'section II.(3) Main Objectives, para. 1, sentence 2',
    '二、加大…，第1段第4句'. A heading is quoted in its own language only when that is the citation's; in the
    other language the place is given by numbers ('section 2', '第二部分（三）')."""
    doc, path, where = facts["document"], facts["path"], facts["where"]
    same = doc.get("language") == lang
    parts = []
    if path:
        numbered = [s for s in path if (s.get("number") or "").strip("-— ")]
        if same:
            numbers = "".join((s["number"] or "").strip() for s in numbered)
            heading = _clean_heading(path[-1].get("heading"))
            if lang == "en":
                parts.append(f"section {numbers} {heading}".replace("  ", " ") if numbers else f'section "{heading}"')
            else:
                parts.append(f"{numbers}{heading}")
        else:
            ordinals = [section_ordinal(s) for s in path]
            if all(ordinals):
                if lang == "en":
                    parts.append("section " + str(ordinals[0]) + "".join(f"({n})" for n in ordinals[1:]))
                else:
                    parts.append(f"第{_int_to_zh(ordinals[0])}部分" + "".join(f"（{_int_to_zh(n)}）" for n in ordinals[1:]))
    if where and where[0] == "paragraph":
        if len(where) > 3 and where[3]:  # the PDF page the clause starts on
            parts.insert(0, f"p. {where[3]}" if lang == "en" else f"第{where[3]}页")
        parts.append(f"para. {where[1]}, sentence {where[2]}" if lang == "en" else f"第{where[1]}段第{where[2]}句")
    elif where and where[0] == "indicator":
        parts.append(f"indicator table, row {where[1]}" if lang == "en" else f"指标表第{where[1]}行")
    elif where and where[0] == "table":
        parts.append(f"table {where[1]}, row {where[2]}" if lang == "en" else f"表{where[1]}第{where[2]}行")
    return (", " if lang == "en" else "，").join(parts) or None


def _end(sentence):
    """The sentence with one full stop at its end ('n.d.' and 'talents.' get none added)."""
    sentence = sentence.rstrip()
    return sentence if re.search(r'[.!?。][”"’\']?$', sentence) else sentence + "."


# ------------------------------------------------------------------------------------------------ forms
def cite_en(facts, url, names=None):
    """'China National Intellectual Property Administration, "Notice on …" (in Chinese), Guozhifa Yunhanzi
    [2020] No. 37, 2020-04-23, section 2, para. 1, sentence 4. URL'."""
    names = names or load_names()
    doc = facts["document"]
    title, marked = title_in(doc, "en")
    source_language = LANGUAGE_NAMES["en"].get(doc.get("language"), doc.get("language"))
    if marked:
        title_part = f'"{title}" (original {source_language} title; no English title known)'
    elif doc.get("language") != "en":
        title_part = f'"{title}" (in {source_language})'
    else:
        title_part = f'"{title}"'
    parts = [name_in(doc.get("issuer"), "en", names), title_part, document_number_in(doc, "en", names),
             document_date(doc) or "n.d.", translation_note(doc, "en"), locator(facts, "en")]
    return _end(", ".join(p for p in parts if p)) + f" {url}"


def cite_zh(facts, url, names=None, accessed=None):
    """GB/T 7714-2015 (electronic resource): '国家知识产权局. 题名: 文号[EB/OL]. (2020-04-23)[引用日期].
    二、…，第1段第4句. URL'. A translation names its kind and translator after the title."""
    names = names or load_names()
    doc = facts["document"]
    accessed = accessed or datetime.date.today()
    title, marked = title_in(doc, "zh")
    if marked:
        title = f"{title}（{LANGUAGE_NAMES['zh'].get(doc.get('language'), '原文')}原题）"
    if doc.get("doc_number"):
        title += f": {doc['doc_number']}"
    code = GBT_TYPE_CODES.get((doc.get("type") or "").lower(), "EB")
    segments = [name_in(doc.get("issuer"), "zh", names), f"{title}[{code}/OL]"]
    if note := translation_note(doc, "zh"):
        segments.append(note)
    date = document_date(doc)
    segments.append((f"({date})" if date else "") + f"[{accessed.isoformat()}]")
    if place := locator(facts, "zh"):
        segments.append(place)
    return ". ".join(s for s in segments if s) + f". {url}"


def _date_parts(iso):
    return [int(p) for p in iso.split("-")] if iso else None


def csl_json(facts, url, lang="en", names=None, accessed=None):
    """A CSL-JSON item (what Zotero, Mendeley and pandoc read) for the row, in lang."""
    names = names or load_names()
    doc = facts["document"]
    accessed = accessed or datetime.date.today()
    title, _ = title_in(doc, lang)
    item = {
        "id": facts["id"],
        "type": CSL_TYPES.get((doc.get("type") or "").lower(), "webpage"),
        "title": title,
        "author": [{"literal": name_in(doc.get("issuer"), lang, names)}],
        "language": "zh-CN" if doc.get("language") == "zh" else doc.get("language"),
        "URL": url,
        "accessed": {"date-parts": [_date_parts(accessed.isoformat())]},
    }
    if doc.get("title") != title:
        item["original-title"] = doc.get("title")
    if date := document_date(doc):
        item["issued"] = {"date-parts": [_date_parts(date)]}
    if doc.get("doc_number"):
        item["number"] = document_number_in(doc, lang, names)
    if (doc.get("type") or "").lower() == "news":
        item["container-title"] = name_in(doc.get("issuer"), lang, names)
    if (doc.get("translation") or "original") != "original" and (by := _translator(doc)) and "unofficial" in doc["translation"]:
        item["translator"] = [{"literal": by}]
    if place := locator(facts, lang):
        item["section"] = place
    if facts["where"] and facts["where"][0] == "paragraph" and len(facts["where"]) > 3 and facts["where"][3]:
        item["page"] = str(facts["where"][3])
    note = translation_note(doc, lang)
    if note:
        item["note"] = note
    return item


_BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                   "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


def _bibtex_escape(text):
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in str(text))


def bibtex(facts, url, lang="en", names=None, accessed=None):
    """A BibTeX @misc entry (biblatex fields date, urldate, langid) for the row, in lang."""
    item = csl_json(facts, url, lang, names, accessed)
    fields = [("author", "{" + _bibtex_escape(item["author"][0]["literal"]) + "}"),
              ("title", "{" + _bibtex_escape(item["title"]) + "}")]
    if "issued" in item:
        parts = item["issued"]["date-parts"][0]
        fields += [("year", str(parts[0])), ("date", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(parts)))]
    if "number" in item:
        fields.append(("number", _bibtex_escape(item["number"])))
    if "page" in item:
        fields.append(("pages", item["page"]))
    notes = [n for n in (item.get("note"), item.get("section")) if n]
    if notes:
        fields.append(("note", _bibtex_escape("; ".join(notes))))
    fields += [("url", url), ("urldate", "-".join(f"{p:02d}" if i else str(p) for i, p in enumerate(item["accessed"]["date-parts"][0]))),
               ("langid", "chinese" if item["language"] == "zh-CN" else "english")]
    key = re.sub(r"[^A-Za-z0-9_-]", "_", facts["id"])
    return f"@misc{{{key},\n" + ",\n".join(f"  {name} = {{{value}}}" for name, value in fields) + "\n}\n"


def citation(conn, url: str, table: str, row_id: str, lang: str = "en", accessed=None, names=None):
    """The citation line of a row in English ('en') or Chinese ('zh', GB/T 7714-2015), pointing at url;
    None when the row does not exist."""
    facts = citation_facts(conn, table, row_id)
    if facts is None:
        return None
    if lang == "zh":
        return cite_zh(facts, url, names, accessed)
    return cite_en(facts, url, names)


def text_fragment_url(source_url, text, words=4):
    """source_url#:~:text=… that makes a browser scroll to and highlight text on the source page (a long text
    as its first and last words, textStart,textEnd); None without a source URL."""
    from urllib.parse import quote
    if not source_url or not text:
        return None
    text = " ".join(text.split())
    def enc(s):
        return quote(s, safe="").replace("-", "%2D")
    tokens = text.split(" ")
    if _has_cjk(text) and len(tokens) == 1 and len(text) > 24:
        fragment = f"{enc(text[:10])},{enc(text[-10:])}"
    elif len(tokens) > 2 * words:
        fragment = f"{enc(' '.join(tokens[:words]))},{enc(' '.join(tokens[-words:]))}"
    else:
        fragment = enc(text)
    return f"{source_url.split('#')[0]}#:~:text={fragment}"


def to_json(value):
    return json.dumps(value, ensure_ascii=False, indent=2)
