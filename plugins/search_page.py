"""The search page, /<database>/search (and .json, .csv): one box, filters filled from the data, every match
counted and reachable by paging, ranked by FTS5's bm25() over all matches with exact-phrase hits first.

A query that is a number in any printed form (860000, 860,000, 86万, 八十六万, 1.5 million) also finds the
figures of that value and the clauses that state them. Filters take human values: Chinese, zh, 中文; Notice,
notice, 通知; a document's id or any of its titles; an issuer's name in either language.

The route comes before Datasette's own, so it answers the URL the old canned query had.
"""
import csv
import html
import io
import json
import math
import re
import weakref
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest import cite, ranking, search
from ingest.normalise import has_cjk, normalise
from ingest.fileid import file_identity
from ingest.numbers import parse_number_query
from ingest.taggers.glossary import terms_from_rows

PAGE_SIZE = 20
MAX_PAGE_SIZE = 500
CSV_BATCH = 1000
TRUE = ("both", "yes", "on", "1", "true")
LANGUAGE_VALUES = {
    "zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "zh-cn": "zh", "zh-hans": "zh", "cn": "zh",
    "en": "en", "english": "en", "英文": "en", "英语": "en", "en-us": "en", "en-gb": "en",
}
LANGUAGE_LABELS = {"zh": ("Chinese", "中文"), "en": ("English", "英文")}
# Chinese names of document types; a type not listed shows as it is stored.
TYPE_LABELS_ZH = {"notice": "通知", "plan": "规划", "news": "新闻", "report": "报告", "law": "法律", "regulation": "法规",
                  "opinion": "意见", "measures": "办法"}
CSV_COLUMNS = ["rank", "clause", "document", "document_title", "section", "language", "type", "snippet", "text",
               "exact_phrase", "states_number", "score", "permalink", "citation", "citation_zh"]


class BadFilter(ValueError):
    """A filter value that names nothing in the data: said to the visitor, never silently empty."""


def _norm(value):
    return " ".join(normalise(str(value or "")).lower().split())


async def _rows(db, sql, params=None):
    result = await db.execute(sql, params or {})
    return [dict(r) for r in result.rows]


DOCUMENT_MENU_LIMIT = 300  # more documents than this are chosen by typing an id or a title, not from a list


_CHOICES = weakref.WeakKeyDictionary()  # database -> (identity of its file, its choices): one read per build


async def _choices(db, document_wanted=False):
    """What the filters can be set to, read once per database file (not per search, which at 10,000
    documents would be most of a search's time); the whole list of documents only when it must be."""
    identity = file_identity(db.path)
    cached = _CHOICES.get(db)
    if identity is None or cached is None or cached[0] != identity or (document_wanted and not cached[1]["all_documents"]):
        cached = (identity, await _read_choices(db, document_wanted))
        if identity is not None:
            _CHOICES[db] = cached
    return cached[1]


async def _read_choices(db, document_wanted):
    """What the filters can be set to, from the data: one pass over documents grouped by the filtered columns,
    and the documents themselves only when they fit in a menu or a document filter has to be resolved."""
    groups = await _rows(db, "select language, type, issuer, substr(coalesce(issue_date, publication_date), 1, 4) as year "
                             "from documents group by 1, 2, 3, 4")
    titles = "select id, title, title_en, title_zh from documents order by manifest_position, id"
    documents = await _rows(db, titles + " limit :n", {"n": DOCUMENT_MENU_LIMIT + 1})
    menu = len(documents) <= DOCUMENT_MENU_LIMIT
    if not menu and document_wanted:
        documents = await _rows(db, titles)
    measures = await _rows(db, "select id, name_en, name_zh from measures order by name_en")
    values = lambda key: sorted({g[key] for g in groups if g.get(key)})
    return {
        "languages": values("language"),
        "types": values("type"),
        "issuers": values("issuer"),
        "years": sorted(values("year"), reverse=True),
        "documents": documents,
        "document_menu": menu,
        "all_documents": menu or document_wanted,  # documents holds every document
        "measures": measures,
    }


def resolve_filters(args, choices, names):
    """{filter: value} from the request's human values; BadFilter names a value that matches nothing."""
    chosen = {}
    if language := (args.get("language") or "").strip():
        code = LANGUAGE_VALUES.get(language.lower())
        if code is None:
            raise BadFilter(f"Unknown language “{language}”: use Chinese (zh, 中文) or English (en, 英文).")
        chosen["language"] = code
    if doc_type := (args.get("type") or "").strip():
        by_label = {zh: en for en, zh in TYPE_LABELS_ZH.items()}
        wanted = by_label.get(doc_type, doc_type).lower()
        found = [t for t in choices["types"] if t.lower() == wanted]
        if not found:
            raise BadFilter(f"Unknown document type “{doc_type}”: use one of {', '.join(choices['types'])}.")
        chosen["type"] = found[0]
    if document := (args.get("document") or "").strip():
        chosen["document"] = _resolve_document(document, choices["documents"])
    if issuer := (args.get("issuer") or "").strip():
        forms = {_norm(issuer)}
        known = names["names"].get(issuer.strip().lower())
        if known:
            forms |= {_norm(v) for v in known.values() if v}
        found = [i for i in choices["issuers"] if _norm(i) in forms]
        if not found:
            raise BadFilter(f"No document was issued by “{issuer}”: use one of {', '.join(choices['issuers'])}.")
        chosen["issuer"] = found
    if year := (args.get("year") or "").strip():
        m = re.fullmatch(r"(\d{4})\s*年?", normalise(year))
        if not m:
            raise BadFilter(f"A year is four digits (2020), not “{year}”.")
        chosen["year"] = m.group(1)
    measures = [m.strip() for m in args.getlist("measure") if m.strip()]
    if measures:
        ids = []
        for wanted in measures:
            found = [m["id"] for m in choices["measures"] if _norm(wanted) in (_norm(m["id"]), _norm(m["name_en"]), _norm(m["name_zh"]))]
            if not found:
                raise BadFilter(f"Unknown policy measure “{wanted}”: see the list of measures.")
            ids.extend(found)
        chosen["measure"] = sorted(set(ids))
    return chosen


def _resolve_document(value, documents):
    """A document's id from its id or one of its titles (whole, or a part that only one title has)."""
    wanted = _norm(value)
    for d in documents:
        if _norm(d["id"]) == wanted:
            return d["id"]
    titles = lambda d: [_norm(d.get(k)) for k in ("title", "title_en", "title_zh") if d.get(k)]
    exact = [d["id"] for d in documents if wanted in titles(d)]
    if len(exact) == 1:
        return exact[0]
    partial = [d["id"] for d in documents if any(wanted in t for t in titles(d))]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise BadFilter(f"No document has the id or title “{value}”.")
    raise BadFilter(f"“{value}” is part of the title of {len(partial)} documents ({', '.join(partial[:5])}): give more of it, or an id.")


# The columns the filters test, for clause rows (c) and figure rows (f).
CLAUSE_COLUMNS = {"language": "c.language", "document": "c.document_id", "clause": "c.id"}
FIGURE_COLUMNS = {"language": "d.language", "document": "f.document_id", "clause": "f.clause_id"}


def _filter_sql(chosen, params, columns=CLAUSE_COLUMNS):
    """WHERE conditions for the chosen filters (d is documents); params gets their values."""
    where = []
    if "language" in chosen:
        where.append(f"{columns['language']} = :language")
        params["language"] = chosen["language"]
    if "type" in chosen:
        where.append("d.type = :type")
        params["type"] = chosen["type"]
    if "document" in chosen:
        where.append(f"{columns['document']} = :document")
        params["document"] = chosen["document"]
    if "issuer" in chosen:
        where.append(f"d.issuer in ({_bind_all('issuer', chosen['issuer'], params)})")
    if "year" in chosen:
        where.append("substr(coalesce(d.issue_date, d.publication_date), 1, 4) = :year")
        params["year"] = chosen["year"]
    if "measure" in chosen:
        where.append(f"exists (select 1 from clause_measures cm where cm.clause_id = {columns['clause']} "
                     f"and cm.measure_id in ({_bind_all('measure', chosen['measure'], params)}))")
    return where


def _bind_all(name, values, params):
    """':name0, :name1, …' for an IN list, each value put in params under its own name."""
    keys = []
    for i, value in enumerate(values):
        params[f"{name}{i}"] = value
        keys.append(f":{name}{i}")
    return ", ".join(keys)


def build_query(match, phrase, number, chosen):
    """(SQL of the matching clauses in rank order, SQL counting them, params). Rank: clauses stating the number
    first (for a number query), then those holding the whole query as one phrase, then bm25() of the clause
    against the query over all matches (lower is better), then reading order."""
    params = {"match": match, "phrase": phrase}
    sources = ["select rowid as rid, bm25(clauses_fts) as score, 0 as states_number from clauses_fts where clauses_fts match :match"]
    if number is not None:
        params["number"] = number
        sources.append("select c.sort_key, null, 1 from figures f join clauses c on c.id = f.clause_id where f.value = :number")
    hits = sources[0] if len(sources) == 1 else (
        "select rid, min(score) as score, max(states_number) as states_number from ("
        + " union all ".join(sources) + ") group by rid")
    where = _filter_sql(chosen, params)
    body = (f"from ({hits}) h join clauses c on c.sort_key = h.rid join documents d on d.id = c.document_id"
            + (" where " + " and ".join(where) if where else ""))
    ranked = f"""with phrase as (select rowid as rid from clauses_fts where clauses_fts match :phrase)
select c.sort_key as rid, c.id as clause, c.document_id as document, c.text, c.language, c.section_id,
  d.type, d.title as document_title, (select heading from sections s where s.id = c.section_id) as section,
  d.translation, d.translator, d.source_name,
  h.states_number, h.rid in (select rid from phrase) as exact_phrase, h.score
{body}
order by h.states_number desc, exact_phrase desc, coalesce(h.score, 0), c.sort_key
limit :limit offset :offset"""
    # Every indexed row is a clause of a document: with no filter and no number, the index alone counts the
    # matches, without joining each one to its clause and document.
    count = ("select count(*) as n from clauses_fts where clauses_fts match :match" if not where and number is None
             else f"select count(*) as n {body}")
    return ranked, count, params


# ------------------------------------------------------------------------------------------------ snippets
def snippet(text, spans, width=220, before=70):
    """(plain snippet, HTML snippet with <mark>): the whole clause when short, else a window around the first
    hit, '…' where it is cut."""
    if len(text) <= width:
        lo, hi = 0, len(text)
    elif not spans:
        lo, hi = 0, width
    else:
        lo = max(0, spans[0][0] - before)
        hi = min(len(text), lo + width)
    prefix, suffix = ("…" if lo > 0 else ""), ("…" if hi < len(text) else "")
    out, pos = [], lo
    for a, b in spans:
        a, b = max(a, lo), min(b, hi)
        if a >= b or a < pos:
            continue
        out.append(html.escape(text[pos:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        pos = b
    out.append(html.escape(text[pos:hi]))
    return prefix + text[lo:hi] + suffix, prefix + "".join(out) + suffix


# ------------------------------------------------------------------------------------------------ the view
def _format_number(value):
    return f"{value:,}" if isinstance(value, int) else f"{value:,.6g}"


def _count(text):
    """A positive whole number written in ASCII digits (not ² or ٣, which str.isdigit() takes), else None."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) < 10 ** 12 else None


async def run_search(datasette, db, request):
    """Everything the page, the JSON and the CSV show, as a dict."""
    args = request.args
    q = (args.get("q") or "").strip()
    expand = (args.get("expand") or "").strip().lower() in TRUE
    names = cite.load_names()
    choices = await _choices(db, document_wanted=bool((args.get("document") or "").strip()))
    size = PAGE_SIZE
    if (args.get("_size") or "").strip():
        size = MAX_PAGE_SIZE if args["_size"] == "max" else max(1, min(MAX_PAGE_SIZE, _count(args["_size"]) or PAGE_SIZE))
    page = _count(args.get("page") or "") or 1
    page = min(page, 10**9)  # past the last page is an empty page, not an integer SQLite cannot take
    result = {"q": q, "expand": expand, "choices": choices, "page": page, "size": size, "rows": [], "count": 0, "count_exact": True, "method": None,
              "figures": [], "number": None, "error": None, "chosen": {}, "expansion": [], "pages": 0}
    try:
        result["chosen"] = chosen = resolve_filters(args, choices, names)
    except BadFilter as e:
        result["error"] = str(e)
        return result
    if not q:
        return result
    glossary = terms_from_rows(await _rows(db, "select id, zh, en from glossary"))
    if expand:
        parts = search.expansion_parts(q, glossary)
        result["expansion"] = parts
        match = " AND ".join(p["expression"] for p in parts) if parts else search.MATCH_NOTHING
    else:
        match = search.to_fts_query(q)
        # Say which words the glossary knows, so the visitor knows expansion would help.
        result["expandable"] = [p for p in search.expansion_parts(q, glossary) if p["term"]]
    phrase = search.to_fts_phrase(q)
    terms = search.hit_terms(q, expand, glossary)  # what the snippets mark
    number = parse_number_query(q)
    result["number"] = number
    all_rows = args.get("_all") in TRUE and request.url_vars.get("format") == "csv"
    if not chosen and number is None:
        fetch = await _unfiltered(db, match, phrase, result, all_rows, size)
    else:
        fetch = await _filtered(db, match, phrase, number, chosen, result, size)
    if number is not None:
        fig_params = {"number": number}
        fig_where = _filter_sql(chosen, fig_params, FIGURE_COLUMNS)
        result["figures"] = await _rows(db, (
            "select f.id, f.surface, f.value, f.unit, f.qualifier, f.kind, f.year, f.clause_id, f.indicator_id, "
            "f.document_id, d.title as document_title, d.language, f.sentence "
            "from figures f join documents d on d.id = f.document_id "
            "where f.value = :number" + "".join(f" and {w}" for w in fig_where) + " order by d.manifest_position, f.id"),
            fig_params)
    offsets = range(0, result["count"], CSV_BATCH) if all_rows else [(page - 1) * size]
    origin = cite.request_origin(request)
    rows = []
    for offset in offsets:
        batch = await fetch(offset, CSV_BATCH if all_rows else size)
        if not batch:
            break
        for i, r in enumerate(batch):
            r["snippet"], r["snippet_html"] = snippet(r["text"], search.hit_spans(r["text"], terms))
            r["rank"] = offset + i + 1
            r["score"] = None if r["score"] is None else round(-r["score"], 4)  # bm25() is lower-is-better: flip it
            r["exact_phrase"], r["states_number"] = bool(r["exact_phrase"]), bool(r["states_number"])
            r["permalink"] = cite.permalink(origin, datasette.urls.row(db.name, "clauses", r["clause"]))
            rows.append(r)
    if number is not None and rows:
        await _mark_figures(db, rows, number)
    for r in rows:
        r["citation"], r["citation_zh"] = await db.execute_fn(
            lambda conn, r=r: (cite.citation(conn, r["permalink"], "clauses", r["clause"], "en"),
                               cite.citation(conn, r["permalink"], "clauses", r["clause"], "zh")))
    result["rows"] = rows
    return result


CLAUSE_ROWS_SQL = """select c.sort_key as rid, c.id as clause, c.document_id as document, c.text, c.language, c.section_id,
  d.type, d.title as document_title, (select heading from sections s where s.id = c.section_id) as section,
  d.translation, d.translator, d.source_name, 0 as states_number
from clauses c join documents d on d.id = c.document_id where c.sort_key in ({rids})"""


async def _unfiltered(db, match, phrase, result, all_rows, size):
    """A query with no filter and no number: ranked in the search index alone (ingest.ranking), and only the
    page's clauses are then read with their documents."""
    plan = await ranking.plan(db, match, None if phrase == match else phrase, exact_count=all_rows)
    result["count"], result["count_exact"] = plan.count, plan.exact_count
    result["pages"] = max(1, math.ceil(plan.count / size))
    result["method"] = {"method": plan.method, "ranked": plan.ranked, "window": ranking.WINDOW, "limit": ranking.EXACT_LIMIT}
    result["sql"] = ranking.ranked_sql(plan.phrase is not None, plan.method == "window")

    async def fetch(offset, limit):
        hits = await ranking.rows(db, plan, offset, limit)
        if not hits:
            return []
        clauses = {r["rid"]: r for r in await _rows(db, CLAUSE_ROWS_SQL.format(rids=",".join(str(int(h["rid"])) for h in hits)))}
        return [{**clauses[h["rid"]], "score": h["score"], "exact_phrase": h["exact_phrase"]} for h in hits if h["rid"] in clauses]
    return fetch


async def _filtered(db, match, phrase, number, chosen, result, size):
    """A query with filters or a number: every match joined to its clause and document, all ranked."""
    ranked_sql, count_sql, params = build_query(match, phrase, number, chosen)
    result["sql"] = ranked_sql
    result["count"] = (await _rows(db, count_sql, params))[0]["n"]
    result["count_exact"] = True
    result["pages"] = max(1, math.ceil(result["count"] / size))
    result["method"] = {"method": "all", "ranked": result["count"], "window": ranking.WINDOW, "limit": ranking.EXACT_LIMIT}

    async def fetch(offset, limit):
        return await _rows(db, ranked_sql, {**params, "limit": limit, "offset": offset})
    return fetch


async def _mark_figures(db, rows, number):
    """Mark the figures of the searched value in the snippets of the clauses that state it."""
    ids = {r["clause"]: r for r in rows if r["states_number"]}
    if not ids:
        return
    keys = ", ".join(f":c{i}" for i in range(len(ids)))
    params = {f"c{i}": cid for i, cid in enumerate(ids)}
    params["number"] = number
    found = await _rows(db, f"select f.clause_id, f.start - c.start as a, f.end - c.start as b from figures f "
                            f"join clauses c on c.id = f.clause_id where f.value = :number and f.clause_id in ({keys})", params)
    spans = {}
    for f in found:
        spans.setdefault(f["clause_id"], []).append((f["a"], f["b"]))
    for cid, r in ids.items():
        if cid in spans:
            r["snippet"], r["snippet_html"] = snippet(r["text"], sorted(spans[cid]))


def _export_row(r):
    return {k: r.get(k) for k in CSV_COLUMNS}


def _url(request, path, **changes):
    """The request's path with a new format or query parameters."""
    pairs = [(k, v) for k in request.args.keys() for v in request.args.getlist(k)]
    drop = set(changes)
    pairs = [(k, v) for k, v in pairs if k not in drop]
    pairs += [(k, v) for k, v in changes.items() if v is not None]
    return path + ("?" + urlencode(pairs) if pairs else "")


def _summary_title(result):
    """The page's <title>: what was searched, in under 120 characters."""
    if not result["q"]:
        return "Search clauses · 检索条款"
    q = result["q"] if len(result["q"]) <= 60 else result["q"][:59] + "…"
    if not result["count_exact"]:
        return f"“{q}”: more than {result['count'] - 1:,} clauses · 检索结果"
    return f"“{q}”: {result['count']:,} clause{'s' if result['count'] != 1 else ''} · 检索结果"


@hookimpl
def prepare_jinja2_environment(env):
    # {{ text|lang_of }}: 'zh' for text with Chinese characters, else 'en', for lang attributes.
    env.filters["lang_of"] = lambda text: "zh" if has_cjk(str(text or "")) else "en"


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/search(\.(?P<format>json|csv))?$", search_view)]


async def search_view(datasette, request):
    database = request.url_vars["database"]
    db = datasette.databases.get(database)
    if db is None or not await db.table_exists("clauses_fts"):
        return Response.text("Not found", status=404)
    fmt = request.url_vars.get("format")
    result = await run_search(datasette, db, request)
    status = 400 if result["error"] else 200
    path = datasette.urls.path(f"/{database}/search")
    if fmt == "json":
        rows = [{**_export_row(r), "matched": None} for r in result["rows"]]
        for row, r in zip(rows, result["rows"]):
            row["matched"] = re.findall(r"<mark>(.*?)</mark>", r["snippet_html"])
            row["matched"] = [html.unescape(m) for m in row["matched"]]
        if request.args.get("_shape") == "array":
            body = rows if not result["error"] else {"ok": False, "error": result["error"]}
        else:
            body = {
                "ok": not result["error"], "error": result["error"], "q": result["q"], "filters": result["chosen"],
                "expanded": result["expand"],
                "searched_for": [{k: p[k] for k in ("text", "term", "forms")} for p in result["expansion"]],
                "number": result["number"], "figures": result["figures"],
                "count": result["count"] if result["count_exact"] else None, "count_at_least": result["count"],
                "page": result["page"], "pages": result["pages"] if result["count_exact"] else None, "page_size": result["size"],
                "ranking": ranking_text(result["method"])[0], "ranking_method": result["method"], "rows": rows,
                "next_url": (_url(request, path + ".json", page=str(result["page"] + 1)) if _has_next(result) else None),
            }
        return Response(json.dumps(body, ensure_ascii=False, default=str), status=status,
                        content_type="application/json; charset=utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        if result["error"]:
            writer.writerow(["error"])
            writer.writerow([result["error"]])
        else:
            writer.writerow(CSV_COLUMNS)
            for r in result["rows"]:
                writer.writerow(["" if v is None else v for v in _export_row(r).values()])
        headers = {}
        if request.args.get("_dl"):
            headers["content-disposition"] = 'attachment; filename="search.csv"'
        return Response(out.getvalue(), status=status, headers=headers, content_type="text/csv; charset=utf-8")
    context = {
        "database": database, "result": result, "title": _summary_title(result),
        "type_labels_zh": TYPE_LABELS_ZH, "language_labels": LANGUAGE_LABELS,
        "url_json": _url(request, path + ".json"), "url_csv": _url(request, path + ".csv", _all="1"),
        "url_csv_bom": _url(request, path + ".csv", _all="1", _bom="1", _dl="1"),
        "page_url": lambda n: _url(request, path, page=str(n)),
        "show_sql": request.args.get("_sql") in TRUE, "url_sql": _url(request, path, _sql="1"),
        "format_number": _format_number, "ranking_en": ranking_text(result["method"])[0],
        "ranking_zh": ranking_text(result["method"])[1], "has_next": _has_next(result),
        "selected_measures": set(result["chosen"].get("measure", [])),
        "citation_links": lambda cid: {
            "bib": datasette.urls.path(f"/{database}/clauses/{cid}/citation.bib"),
            "csl": datasette.urls.path(f"/{database}/clauses/{cid}/citation.csl.json")},
    }
    return Response.html(await datasette.render_template("policy_search.html", context, request=request), status=status)


def _has_next(result):
    """A next page exists: within the counted pages, or, when the count stopped at its cap, after a full page."""
    if not result["q"]:
        return False
    if result["count_exact"]:
        return result["page"] < result["pages"]
    return len(result["rows"]) == result["size"]


def ranking_text(method):
    """(English, Chinese) of how the results were ranked: every match, or a window of them."""
    if method and method["method"] == "window":
        return (WINDOW_EN.format(**{k: f"{v:,}" for k, v in method.items() if k != "method"}),
                WINDOW_ZH.format(**{k: f"{v:,}" for k, v in method.items() if k != "method"}))
    return RANKING_EN, RANKING_ZH


WINDOW_EN = ("More than {limit} clauses match, too many to rank all of them quickly: SQLite FTS5's BM25 score (bm25()) "
             "ranks the {window} matching clauses of the documents added to the corpus last, with clauses holding the whole "
             "query as one phrase first; the other matches follow, latest documents first. Add a word or a filter to rank "
             "every match.")
WINDOW_ZH = ("匹配条款超过 {limit} 条，无法全部快速排序：对最后加入语料库的文件中的 {window} 条匹配条款按 SQLite FTS5 的 BM25 得分"
             "（bm25()）排序，完整包含整个查询短语的条款在前；其余匹配结果按文件加入顺序由新到旧排列。增加检索词或筛选条件即可对全部匹配结果排序。")

RANKING_EN = ("Every match is ranked: clauses stating the number searched for come first, then clauses holding the whole "
              "query as one phrase, then by SQLite FTS5's BM25 score (bm25(): more hits of rarer words in a shorter clause "
              "rank higher), then in reading order.")
RANKING_ZH = "所有匹配结果均参与排序：先列出含所查数值的条款，再列出完整包含整个查询短语的条款，其余按 SQLite FTS5 的 BM25 得分（bm25()）排序，得分相同按原文顺序。"
