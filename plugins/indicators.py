"""Indicators over time: the progress index (/<database>/progress), each indicator's page (its row page in
indicator_registry, with the series as an inline SVG chart), the figure page's indicator, an Atom feed of each
indicator's figures, and the canned queries indicator_progress and indicator_values (Datasette's JSON and CSV).

The SQL of progress is written once, here, and used by the pages and by the canned query alike. Permalinks are
made from the request (citations.py), never stored.
"""
import datetime
import json
from xml.sax.saxutils import escape

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest import cite

# Per indicator, against an as-of date (default today): what was known by then (values stated in documents
# dated on or before it), the latest reported value, the target in force (the nearest deadline not yet passed,
# else the last one passed; a target stated by several sources with the same value and deadline is one target),
# the share of it reached and whether its date has passed.
PROGRESS_SQL = """
-- :as_of (YYYY-MM-DD, default today) and :indicator (an id, default every indicator) may be left empty.
with p as (select coalesce(nullif(:as_of, ''), date('now')) as as_of),
known as (
  select s.* from indicator_series s, p where coalesce(s.document_date, '') <= p.as_of
),
reported as (
  select k.*, row_number() over (
    partition by k.indicator order by k.as_of_end desc, k.document_date desc, k.figure_id) as n
  from known k, p where k.kind = 'reported' and k.as_of_end <= p.as_of
),
targets as (
  select k.indicator, k.deadline, min(k.as_of) as target_for, k.value, max(k.qualifier) as qualifier,
    count(*) as sources, json_group_array(k.figure_id) as figures, max(k.document_date) as stated
  from known k where k.kind = 'target' and k.deadline is not null
  group by k.indicator, k.deadline, k.value
),
target as (
  select t.*, row_number() over (
    partition by t.indicator
    order by t.deadline < p.as_of, case when t.deadline >= p.as_of then t.deadline end, t.deadline desc,
      t.stated desc) as n
  from targets t, p
)
select r.id as indicator, r.name_en, r.name_zh, r.unit, r.scope,
  l.value as latest_value, l.qualifier as latest_qualifier, l.as_of as latest_as_of,
  l.figure_id as latest_figure_id, l.document_id as latest_document_id,
  t.value as target_value, t.qualifier as target_qualifier, t.target_for, t.deadline as target_deadline,
  t.sources as target_sources, t.figures as target_figure_ids,
  case when l.value is not null and t.value then round(1.0 * l.value / t.value, 4) end as share_reached,
  case when t.deadline is null then null when t.deadline < p.as_of then 1 else 0 end as target_date_passed,
  p.as_of, r.figure_count, r.document_count
from indicator_registry r cross join p
left join reported l on l.indicator = r.id and l.n = 1
left join target t on t.indicator = r.id and t.n = 1
where coalesce(:indicator, '') = '' or r.id = :indicator
order by r.sort_order
"""

VALUES_SQL = """
-- One indicator's values in date order (every indicator's when :indicator is empty), with citations.
select s.indicator, s.as_of, s.kind, s.value, s.value_high, s.qualifier, s.surface, s.deadline,
  s.document_id as document, s.document_title, s.document_date, s.evidence, s.sentence,
  s.figure_id as figure, s.clause_id as clause, s.table_row_id as table_row, s.method,
  permalink(:_request_origin, 'figures', s.figure_id) as permalink,
  citation(:_request_origin, 'en', 'figures', s.figure_id) as citation,
  citation(:_request_origin, 'zh', 'figures', s.figure_id) as citation_zh
from indicator_series s
where coalesce(:indicator, '') = '' or s.indicator = :indicator
order by s.indicator, s.as_of_end, s.kind desc, s.document_date, s.figure_id
"""

SERIES_SQL = """
select s.*, d.language from indicator_series s join documents d on d.id = s.document_id
where s.indicator = :indicator order by s.as_of_end, s.kind desc, s.document_date, s.figure_id
"""

FEED_SQL = """
select s.*, d.language, d.issuer, coalesce(d.publication_date, d.issue_date, d.document_date) as published
from indicator_series s join documents d on d.id = s.document_id
where coalesce(:indicator, '') = '' or s.indicator = :indicator
order by published desc, s.figure_id limit 100
"""

CONFLICTS_SQL = "select * from indicator_conflicts where indicator = :indicator order by as_of_end, kind"


async def _rows(db, sql, params=None):
    return [dict(r) for r in (await db.execute(sql, params or {})).rows]


async def _has_indicators(db):
    return await db.table_exists("indicator_registry") and await db.table_exists("figure_indicators")


@hookimpl
def canned_queries(datasette, database):
    async def inner():
        db = datasette.databases.get(database)
        if db is None or not await _has_indicators(db):
            return {}
        return {
            "indicator_progress": {
                "title": "Indicator progress",
                "hide_sql": True,
                "description_html": (
                    "<p>Per indicator: the latest value reported by the <b>as_of</b> date (default today), the target "
                    "in force, the <b>share_reached</b> of it and whether <b>target_date_passed</b>. Only documents "
                    "dated on or before as_of count. Leave <b>indicator</b> empty for all. The "
                    f"<a href=\"{datasette.urls.path('/' + database + '/progress')}\">progress page</a> shows the "
                    "same with charts.</p>"),
                "sql": PROGRESS_SQL.strip(),
            },
            "indicator_values": {
                "title": "Indicator values",
                "hide_sql": True,
                "description_html": (
                    "<p>An <b>indicator</b>'s values in date order, reported values and targets, each with its "
                    "figure, clause, permalink and citations in English and Chinese.</p>"),
                "sql": VALUES_SQL.strip(),
            },
        }
    return inner


# ---------------------------------------------------------------------------------------------- chart
CHART_W, CHART_H = 640, 300
MARGIN = {"left": 74, "right": 24, "top": 20, "bottom": 40}


def _day_number(iso):
    return datetime.date.fromisoformat(iso[:10]).toordinal()


def _nice_top(value):
    """A round number at or above value for the top of the y axis: 1,000,000 -> 1,000,000; 860,000 -> 1,000,000."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * magnitude >= value:
            return step * magnitude
    return 10 * magnitude


def plain(value):
    """1490 -> '1,490', 2.5 -> '2.5'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value:,}" if isinstance(value, (int, float)) else str(value)


def chart(series, width=CHART_W, height=CHART_H):
    """The geometry of an indicator's chart from its series (rows of indicator_series with as_of_end, value, kind,
    url): a point per kind, date and value (the same value stated by several documents is one point with several
    sources, linking to the first), placed at its date and value; y ticks from zero; a tick at each new year; the
    line through the reported values; the dashed line from the latest reported value to the latest target. None
    when there is nothing to draw."""
    groups = {}
    for s in series:
        if s.get("value") is not None and s.get("as_of_end"):
            groups.setdefault((s["kind"], s["as_of_end"], s["value"]), []).append(s)
    if not groups:
        return None
    days = [_day_number(end) for _, end, _ in groups]
    first_year = datetime.date.fromordinal(min(days)).year
    last_year = datetime.date.fromordinal(max(days)).year
    # A band per year (most values are as of a year's end, at its right edge), and room after the last band for
    # the label of a point at its end.
    x0 = datetime.date(first_year, 1, 1).toordinal()
    x1 = datetime.date(last_year + 1, 1, 1).toordinal() + 160
    top = _nice_top(max(v for _, _, v in groups) * 1.05)
    plot_w = width - MARGIN["left"] - MARGIN["right"]
    plot_h = height - MARGIN["top"] - MARGIN["bottom"]

    def x(day):
        return round(MARGIN["left"] + plot_w * (day - x0) / (x1 - x0), 1)

    def y(value):
        return round(MARGIN["top"] + plot_h * (1 - value / top), 1)

    placed = sorted(({**rows[0], "x": x(d), "y": y(value), "label": plain(value), "sources": rows}
                     for ((kind, end, value), rows), d in zip(groups.items(), days)), key=lambda p: (p["x"], p["kind"]))
    reported = [p for p in placed if p["kind"] == "reported"]
    targets = [p for p in placed if p["kind"] == "target"]
    years = list(range(first_year, last_year + 1))
    step = max(1, -(-len(years) // 8))
    return {
        "width": width, "height": height, "points": placed,
        "line": " ".join(f"{p['x']},{p['y']}" for p in reported),
        "to_target": ({"x1": reported[-1]["x"], "y1": reported[-1]["y"], "x2": targets[-1]["x"], "y2": targets[-1]["y"]}
                      if reported and targets and targets[-1]["x"] > reported[-1]["x"] else None),
        "year_lines": [x(datetime.date(yr, 1, 1).toordinal()) for yr in range(first_year, last_year + 2)],
        "x_ticks": [{"x": x(datetime.date(yr, 7, 1).toordinal()), "label": str(yr)} for yr in years[::step]],
        "y_ticks": [{"y": y(top * f), "label": plain(int(top * f) if float(top * f).is_integer() else top * f)}
                    for f in (0, 0.25, 0.5, 0.75, 1)],
        "left": MARGIN["left"], "right": width - MARGIN["right"], "top": MARGIN["top"],
        "bottom": height - MARGIN["bottom"],
    }


# ---------------------------------------------------------------------------------------------- pages
async def progress_rows(db, as_of=None, indicator=None):
    return await _rows(db, PROGRESS_SQL, {"as_of": as_of or "", "indicator": indicator or ""})


def _valid_date(value):
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except (TypeError, ValueError):
        return None


async def indicator_context(datasette, db, database, indicator_id, as_of=None):
    """What an indicator's page shows: its row, its progress, its series and chart, its disagreements."""
    progress = await progress_rows(db, as_of, indicator_id)
    if not progress:
        return None
    series = await _rows(db, SERIES_SQL, {"indicator": indicator_id})
    for s in series:
        s["url"] = datasette.urls.row(database, "figures", s["figure_id"])
        s["clause_url"] = datasette.urls.row(database, "clauses", s["clause_id"]) if s["clause_id"] else None
    conflicts = await _rows(db, CONFLICTS_SQL, {"indicator": indicator_id})
    for c in conflicts:
        c["statements"] = json.loads(c["statements"])
    return {
        "progress": progress[0], "series": series, "chart": chart(series), "conflicts": conflicts,
        "feed_url": datasette.urls.path(f"/{database}/indicator_registry/{indicator_id}/feed.atom"),
        "values_url": datasette.urls.path(f"/{database}/indicator_values") + f"?indicator={indicator_id}",
        "progress_url": datasette.urls.path(f"/{database}/progress"),
    }


@hookimpl
def extra_template_vars(view_name, table, database, request, datasette):
    async def inner():
        if request is None or view_name != "row" or database is None:
            return {}
        db = datasette.get_database(database)
        if table not in ("indicator_registry", "figures") or not await _has_indicators(db):
            return {}
        pk = request.url_vars.get("pks", "")
        if table == "indicator_registry":
            return {"indicator_page": await indicator_context(datasette, db, database, pk,
                                                              _valid_date(request.args.get("as_of")))}
        rows = await _rows(db, "select fi.*, r.name_en, r.name_zh from figure_indicators fi join indicator_registry r "
                               "on r.id = fi.indicator where fi.figure_id = :id", {"id": pk})
        return {"figure_indicator": rows[0] if rows else None}
    return inner


@hookimpl
def prepare_jinja2_environment(env):
    # {{ column|from_json }}: a JSON list column (place_en, cues_en) as a list; [] for NULL or bad JSON.
    def from_json(value):
        try:
            found = json.loads(value) if isinstance(value, str) else value
        except ValueError:
            return []
        return found if isinstance(found, list) else []
    env.filters["from_json"] = from_json


@hookimpl
def register_routes():
    return [
        (r"^/(?P<database>[^/]+)/progress$", progress_view),
        (r"^/(?P<database>[^/]+)/indicator_registry/(?P<id>[A-Za-z0-9_-]+)/feed\.atom$", feed_view),
        (r"^/(?P<database>[^/]+)/progress/feed\.atom$", feed_view),
    ]


async def progress_view(datasette, request):
    """The index of indicators: latest value, target and progress of each, against an as-of date."""
    database = request.url_vars["database"]
    db = datasette.databases.get(database)
    if db is None or not await _has_indicators(db):
        return Response.text("Not found", status=404)
    raw = request.args.get("as_of") or ""
    as_of = _valid_date(raw)
    error = None if as_of or not raw else f"as_of must be a date as YYYY-MM-DD, not {raw!r} · 日期格式应为 YYYY-MM-DD"
    rows = await progress_rows(db, as_of)
    for r in rows:
        r["url"] = datasette.urls.row(database, "indicator_registry", r["indicator"])
        r["percent"] = None if r["share_reached"] is None else round(100 * r["share_reached"])
    context = {
        "database": database, "rows": rows, "as_of": rows[0]["as_of"] if rows else (as_of or datetime.date.today().isoformat()),
        "error": error, "plain": plain,
        "json_url": datasette.urls.path(f"/{database}/indicator_progress.json") + (f"?as_of={as_of}" if as_of else ""),
        "csv_url": datasette.urls.path(f"/{database}/indicator_progress.csv") + (f"?as_of={as_of}" if as_of else ""),
        "feed_url": datasette.urls.path(f"/{database}/progress/feed.atom"),
        "conflict_count": (await db.execute("select count(*) from indicator_conflicts")).rows[0][0],
    }
    html = await datasette.render_template("policy_progress.html", context, request=request)
    return Response.html(html, status=400 if error else 200)


# ---------------------------------------------------------------------------------------------- feed
def _rfc3339(date_text, fallback):
    """'2024-07-03' -> '2024-07-03T00:00:00Z'; '2020' -> '2020-01-01T00:00:00Z'; None -> fallback."""
    if not date_text:
        return fallback
    text = str(date_text)
    return {4: text + "-01-01", 7: text + "-01"}.get(len(text), text[:10]) + "T00:00:00Z"


def atom_feed(title, feed_id, self_url, page_url, updated, entries):
    """An Atom 1.0 document (RFC 4287). entries: dicts with id, title, url, updated, summary, lang."""
    out = ['<?xml version="1.0" encoding="utf-8"?>',
           '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
           f"  <title>{escape(title)}</title>", f"  <id>{escape(feed_id)}</id>",
           f'  <link rel="self" type="application/atom+xml" href="{escape(self_url)}"/>',
           f'  <link rel="alternate" type="text/html" href="{escape(page_url)}"/>',
           f"  <updated>{escape(updated)}</updated>",
           "  <author><name>IP talent and employment policy knowledge base</name></author>",
           '  <generator uri="https://datasette.io/">Datasette</generator>']
    for e in entries:
        out += ["  <entry>", f"    <id>{escape(e['id'])}</id>", f"    <title>{escape(e['title'])}</title>",
                f'    <link rel="alternate" type="text/html" href="{escape(e["url"])}"/>',
                f"    <updated>{escape(e['updated'])}</updated>",
                f'    <summary type="text" xml:lang="{escape(e["lang"])}">{escape(e["summary"])}</summary>',
                "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


async def feed_view(datasette, request):
    """New figures of an indicator (or of every indicator), newest document first, as an Atom feed."""
    database = request.url_vars["database"]
    indicator_id = request.url_vars.get("id")
    db = datasette.databases.get(database)
    if db is None or not await _has_indicators(db):
        return Response.text("Not found", status=404)
    origin = cite.request_origin(request)
    if indicator_id:
        found = await _rows(db, "select id, name_en, name_zh from indicator_registry where id = :id", {"id": indicator_id})
        if not found:
            return Response.text(f"No indicator {indicator_id}", status=404)
        ind = found[0]
        title = f"{ind['name_en']} · {ind['name_zh']}: new figures"
        page = cite.permalink(origin, datasette.urls.row(database, "indicator_registry", indicator_id))
        self_path = datasette.urls.path(f"/{database}/indicator_registry/{indicator_id}/feed.atom")
    else:
        title = "Indicators over time: new figures · 指标新数据"
        page = cite.permalink(origin, datasette.urls.path(f"/{database}/progress"))
        self_path = datasette.urls.path(f"/{database}/progress/feed.atom")
    built = await _rows(db, "select built_at from build_info") if await db.table_exists("build_info") else []
    updated = (built[0]["built_at"] if built and built[0]["built_at"] else None) or \
        datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
    updated = updated.replace("+00:00", "Z")
    entries = []
    for s in await _rows(db, FEED_SQL, {"indicator": indicator_id or ""}):
        url = cite.permalink(origin, datasette.urls.row(database, "figures", s["figure_id"]))
        kind = f"target for {s['as_of']}" if s["kind"] == "target" else f"as of {s['as_of']}"
        qualifier = {"gt": "more than ", "gte": "at least ", "lt": "less than ", "lte": "up to ", "approx": "about "}.get(
            s["qualifier"] or "", "")
        entries.append({
            "id": url, "url": url, "updated": _rfc3339(s["published"], updated), "lang": s["language"] or "en",
            "title": f"{s['indicator_name_en']}: {qualifier}{plain(s['value'])} ({kind}) · {s['document_title']}",
            "summary": s["sentence"] or "",
        })
    body = atom_feed(title, page + "#feed", cite.permalink(origin, self_path), page, updated, entries)
    return Response(body, content_type="application/atom+xml; charset=utf-8")
