"""Validity (时效性) computed from what the text says, never asserted: a document's status over time.

A policy document is in force from its issue date until
- its plan period ends (a plan: the period its title names, 十四五 / 14th Five-Year Plan, else the period its
  text states most often among those that have not ended before it was issued), or
- its last deadline passes (a notice: 6月30日前, before November 30; and any period it sets for the work ahead),
then expired; from the date a corpus document says it replaces or repeals it (废止, 代替, repealed), superseded.
News reports and other non-policy texts have no validity (not applicable). A translation has its original's.

validity_periods() gives the whole timeline, one period per status with its evidence, so the status on any
date is one lookup (status_at); the build stores the timeline in the validity table and the status on the
build date in documents.status.
"""
import datetime

from .taggers.dates import tag_dates

IN_FORCE, EXPIRED, SUPERSEDED = "in force", "expired", "superseded"
NOT_YET, NOT_APPLICABLE = "not yet in force", "not applicable"
STATUSES = (IN_FORCE, EXPIRED, SUPERSEDED, NOT_YET, NOT_APPLICABLE)
STATUS_ZH = {IN_FORCE: "现行有效", EXPIRED: "已失效", SUPERSEDED: "已被替代", NOT_YET: "尚未施行", NOT_APPLICABLE: "不适用"}
# Document types that state facts rather than rules: validity does not apply to them.
NO_VALIDITY_TYPES = ("news", "report", "article", "interview", "press release")
PLAN_TYPES = ("plan", "programme", "scheme", "outline")


def day_of(iso, end=False):
    """A date of any precision as a day: '2020' -> 2020-01-01 (2020-12-31 with end), '2020-04' -> 2020-04-01."""
    if not iso:
        return None
    parts = [int(p) for p in str(iso).split("-")]
    if len(parts) == 3:
        return datetime.date(*parts)
    if len(parts) == 2:
        first = datetime.date(parts[0], parts[1], 1)
        if not end:
            return first
        return (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1) - datetime.timedelta(days=1)
    return datetime.date(parts[0], 12, 31) if end else datetime.date(parts[0], 1, 1)


def _iso(day):
    return day.isoformat() if day else None


def plan_period(doc, dates):
    """(start, end, evidence, evidence_id) of a plan's own period, or None: the period the title names, else
    the one the text states most often among those still running when the plan was issued."""
    issued = day_of(doc.get("issue_date") or doc.get("document_date"))
    for title in (doc.get("title"), doc.get("title_zh"), doc.get("title_en")):
        lang = "zh" if title and any("\u4e00" <= ch <= "\u9fff" for ch in title) else "en"
        for span in tag_dates(title or "", lang, doc.get("document_date")):
            if span["precision"] == "period" and span["date_end"] > span["date_start"]:
                # Evidence in the text: the first date that states the same period, when there is one.
                stated = next((d["id"] for d in dates if (d["date_start"], d["date_end"]) == (span["date_start"], span["date_end"])), None)
                return (day_of(span["date_start"]), day_of(span["date_end"], True),
                        f"its title names the period {span['surface']} ({span['date_start'][:4]}–{span['date_end'][:4]})", stated)
    counts = {}
    for d in dates:
        if d["role"] != "period" or d["date_end"] <= d["date_start"]:
            continue
        end = day_of(d["date_end"], True)
        if issued and end < issued:
            continue
        key = (d["date_start"], d["date_end"])
        count, first = counts.get(key, (0, d))
        counts[key] = (count + 1, first)
    if not counts:
        return None
    (start, end), (count, first) = max(counts.items(), key=lambda kv: (kv[1][0], -day_of(kv[0][1], True).toordinal()))
    return (day_of(start), day_of(end, True),
            f"its text states the period {first['surface']} ({start[:4]}–{end[:4]}) {count} time{'s' if count > 1 else ''}",
            first["id"])


def last_deadline(doc, dates):
    """(end, evidence, evidence_id) of the work a document sets: its last deadline, or the end of a period
    ahead of its issue date it sets for the work, whichever is later; None when it sets none."""
    issued = day_of(doc.get("issue_date") or doc.get("document_date"))
    candidates = []
    for d in dates:
        if d["role"] == "deadline":
            candidates.append((day_of(d["date_end"], True), f"its last deadline, {d['date_end']} ({d['surface']}), has passed", d["id"]))
        elif d["role"] == "period" and issued and day_of(d["date_start"]) >= issued.replace(day=1):
            candidates.append((day_of(d["date_end"], True), f"the period it sets, {d['surface']} (to {d['date_end']}), has ended", d["id"]))
    return max(candidates, key=lambda c: (c[0], c[2])) if candidates else None


def validity_periods(doc, dates, superseded_by=()):
    """The document's status over time: [{'status', 'valid_from', 'valid_until', 'evidence', 'evidence_id'}],
    consecutive and covering every date (None: open). dates: its date rows (id, surface, date_start,
    date_end, role); superseded_by: [(date, evidence, evidence_id)] from documents that replace it."""
    if (doc.get("type") or "").lower() in NO_VALIDITY_TYPES:
        kind = {"news": "news report"}.get(doc.get("type"), doc.get("type"))
        return [_period(NOT_APPLICABLE, None, None, f"a {kind} states facts; validity does not apply", None)]
    start = day_of(doc.get("issue_date") or doc.get("document_date"))
    start_note = f"issued {_iso(start)}" if start else "issue date unknown"
    end = note = evidence_id = None
    if (doc.get("type") or "").lower() in PLAN_TYPES:
        found = plan_period(doc, dates)
        if found:
            end, note, evidence_id = found[1], f"plan period ended: {found[2]}", found[3]
            in_force_note = f"{start_note}; in force until its plan period ends on {_iso(end)} ({found[2]})"
    if end is None:
        found = last_deadline(doc, dates)
        if found:
            end, note, evidence_id = found
            in_force_note = f"{start_note}; in force until {_iso(end)}, its last deadline or period end"
    if end is None:
        in_force_note = f"{start_note}; no deadline, plan period or replacing document found"
    replaced = min(superseded_by, key=lambda s: s[0]) if superseded_by else None
    periods = []
    if start:
        periods.append(_period(NOT_YET, None, start - datetime.timedelta(days=1), f"{start_note}; not yet in force", None))
    stop = None
    if replaced and (end is None or replaced[0] <= end):
        stop = replaced[0] - datetime.timedelta(days=1)
        periods.append(_period(IN_FORCE, start, stop, in_force_note, evidence_id))
    elif end is not None:
        periods.append(_period(IN_FORCE, start, end, in_force_note, evidence_id))
        periods.append(_period(EXPIRED, end + datetime.timedelta(days=1), replaced[0] - datetime.timedelta(days=1) if replaced else None,
                               note, evidence_id))
    else:
        periods.append(_period(IN_FORCE, start, None, in_force_note, None))
    if replaced:
        periods.append(_period(SUPERSEDED, replaced[0], None, replaced[1], replaced[2]))
    return [p for p in periods if p["valid_from"] is None or p["valid_until"] is None or p["valid_from"] <= p["valid_until"]]


def _period(status, valid_from, valid_until, evidence, evidence_id):
    return {"status": status, "valid_from": _iso(valid_from) if isinstance(valid_from, datetime.date) else valid_from,
            "valid_until": _iso(valid_until) if isinstance(valid_until, datetime.date) else valid_until,
            "evidence": evidence, "evidence_id": evidence_id}


def status_at(periods, as_of):
    """The period (status and evidence) that holds on as_of (a date or ISO string)."""
    day = as_of.isoformat() if isinstance(as_of, datetime.date) else str(as_of)
    for p in periods:
        if (p["valid_from"] is None or p["valid_from"] <= day) and (p["valid_until"] is None or day <= p["valid_until"]):
            return p
    return None
