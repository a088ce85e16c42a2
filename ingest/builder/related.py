"""What is derived from documents taken together: translations aligned with their originals, the documents
that relations point to, and each document's validity. A full build computes all of it; an incremental one
realigns the pairs a changed document is in, re-resolves relations everywhere (a new document may be the one
another cites or replaces), works out again the validity of the documents a change can reach (the changed
ones, those their relations point or pointed to, their translations) and reads every other document's from
the validity table, to give each its status on the build's date."""
import json

from ..align import align, document_units
from ..relations import number_key, normalise_title, DOC_NUMBER, EN_DOC_NUMBER
from ..validity import day_of, status_at, validity_periods
from .rows import insert_rows

ALIGNMENT_COLUMNS = ("id", "document_id", "original_document_id", "position", "bead", "original_table", "original_id",
                     "original_ids", "original_start", "original_end", "original_text", "translation_table",
                     "translation_id", "translation_ids", "translation_start", "translation_end", "translation_text",
                     "confidence", "length_score", "glossary_score", "glossary_terms", "numbers_original",
                     "numbers_translation", "numbers_disagree", "numbers_note")


def _dicts(conn, sql, params=()):
    cursor = conn.execute(sql, params)
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor]


def refresh_related(conn, glossary, changed=None, pointed_before=()):
    """Alignments (all, or those of pairs with a changed document), relations' targets, validity. pointed_before:
    the documents the changed documents' relations pointed to before the change."""
    refresh_alignments(conn, glossary, changed)
    retargeted = resolve_relations(conn)
    affected = None
    if changed is not None:
        affected = set(changed) | set(pointed_before) | retargeted | pointed_to(conn, changed)
    refresh_validity(conn, affected=affected)


def pointed_to(conn, doc_ids):
    """The documents the relations of these documents point to."""
    found = set()
    for doc_id in doc_ids:
        found.update(t for (t,) in conn.execute("select to_document_id from main.relations where document_id = ? "
                                                "and to_document_id is not null", [doc_id]))
    return found


# ---------------------------------------------------------------------------------------------- alignments
def _units(conn, doc):
    sections = _dicts(conn, "select id, level, number, heading, text, start, end from main.sections "
                            "where document_id = ? order by start, sort_order", [doc["id"]])
    clauses = _dicts(conn, "select id, text, start, end from main.clauses where document_id = ? order by position", [doc["id"]])
    return document_units(doc, sections, clauses)


def _side(units, indexes, lang):
    chosen = [units[i] for i in indexes]
    if not chosen:
        return {"table": None, "id": None, "ids": "[]", "start": None, "end": None, "text": None}
    starts = [u.start for u in chosen if u.start is not None]
    ends = [u.end for u in chosen if u.end is not None]
    return {"table": chosen[0].table, "id": chosen[0].id,
            "ids": json.dumps(list(dict.fromkeys(u.id for u in chosen)), ensure_ascii=False),
            "start": min(starts) if starts else None, "end": max(ends) if ends else None,
            "text": ("" if lang == "zh" else " ").join(u.text for u in chosen)}


def _numbers_note(bead):
    if bead.numbers_agree is not False:
        return None
    only_o = sorted(set(bead.numbers_original) - set(bead.numbers_translation))
    only_t = sorted(set(bead.numbers_translation) - set(bead.numbers_original))
    parts = []
    if only_o:
        parts.append(f"{', '.join(map(str, only_o))} only in the original")
    if only_t:
        parts.append(f"{', '.join(map(str, only_t))} only in the translation")
    return "; ".join(parts)


def alignment_rows(translation, original, beads, units_o, units_t):
    rows = []
    for n, bead in enumerate(beads, start=1):
        o = _side(units_o, bead.original, original["language"])
        t = _side(units_t, bead.translation, translation["language"])
        rows.append({
            "id": f"{translation['id']}-al{n}", "document_id": translation["id"], "original_document_id": original["id"],
            "position": n, "bead": f"{len(bead.original)}-{len(bead.translation)}",
            **{f"original_{k}": v for k, v in o.items()}, **{f"translation_{k}": v for k, v in t.items()},
            "confidence": bead.confidence,
            "length_score": None if bead.length_score is None else round(bead.length_score, 4),
            "glossary_score": None if bead.glossary_score is None else round(bead.glossary_score, 3),
            "glossary_terms": json.dumps(list(bead.glossary_terms)),
            "numbers_original": json.dumps(list(bead.numbers_original)),
            "numbers_translation": json.dumps(list(bead.numbers_translation)),
            "numbers_disagree": 1 if bead.numbers_agree is False else 0,
            "numbers_note": _numbers_note(bead),
        })
    return rows


def refresh_alignments(conn, glossary, changed=None):
    """Realign every translation with its original (changed None), or the pairs a changed document is in;
    alignments of documents that left the corpus go."""
    conn.execute("delete from main.alignments where document_id not in (select id from main.documents) "
                 "or original_document_id not in (select id from main.documents)")
    pairs = _dicts(conn, "select t.id as tid, o.id as oid from main.documents t join main.documents o "
                         "on o.id = t.translation_of order by t.manifest_position")
    for pair in pairs:
        if changed is not None and pair["tid"] not in changed and pair["oid"] not in changed:
            continue
        conn.execute("delete from main.alignments where document_id = ?", [pair["tid"]])
        translation = _dicts(conn, "select * from main.documents where id = ?", [pair["tid"]])[0]
        original = _dicts(conn, "select * from main.documents where id = ?", [pair["oid"]])[0]
        units_o, units_t = _units(conn, original), _units(conn, translation)
        beads = align(units_o, units_t, original["language"], translation["language"], glossary)
        rows = alignment_rows(translation, original, beads, units_o, units_t)
        if rows:
            insert_rows(conn, "alignments", rows)


# ---------------------------------------------------------------------------------------------- relations
def corpus_index(conn):
    """({number key: document id}, {normalised title: document id}) of the corpus; originals before
    translations, then manifest order, so a title or number an original shares with its translation names
    the original."""
    docs = _dicts(conn, "select id, title_keys, doc_number_agency, doc_number_year, doc_number_sequence "
                        "from main.documents order by translation_of is not null, manifest_position")
    by_number, by_title = {}, {}
    for d in docs:
        key = number_key(d["doc_number_agency"], d["doc_number_year"], d["doc_number_sequence"])
        if key:
            by_number.setdefault(key, d["id"])
        for title_key in json.loads(d["title_keys"] or "[]"):
            by_title.setdefault(title_key, d["id"])
    return by_number, by_title


def resolve_target(title, number, by_number, by_title, title_key=None):
    """(document id, 'number' or 'title') of the corpus document a cited title or number names, or (None, None).
    title_key: the title already normalised (relations.target_title_key)."""
    m = DOC_NUMBER.search(number or "") or EN_DOC_NUMBER.search(number or "")
    if m:
        found = by_number.get(number_key(m["agency"], m["year"], m["seq"]))
        if found:
            return found, "number"
    if title:
        found = by_title.get(title_key or normalise_title(title))
        if found:
            return found, "title"
    return None, None


def resolve_relations(conn):
    """Point each relation the text states at the corpus document it names, by number else by title; a
    translation's citation takes the target of the original's citation in the clause it is aligned with (so
    both name one node); a document naming itself is no relation."""
    by_number, by_title = corpus_index(conn)
    rows = _dicts(conn, "select id, document_id, kind, to_document_id, target_title, target_number, target_key, "
                        "target_title_key, evidence_clause_id, resolved_by from main.relations where source = 'text'")
    via_original = _targets_via_alignment(conn)
    updates, own = [], []
    for r in rows:
        target, how = resolve_target(r["target_title"], r["target_number"], by_number, by_title, r["target_title_key"])
        key = r["target_key"]
        if target is None and r["id"] in via_original:
            key, target = via_original[r["id"]]
            how = "alignment" if target else None
        if target == r["document_id"]:
            own.append((r["id"],))
            continue
        if (target, how, key) != (r["to_document_id"], r["resolved_by"], r["target_key"]):
            updates.append((target, how, key, r["id"]))
    conn.executemany("delete from main.relations where id = ?", own)
    conn.executemany("update main.relations set to_document_id = ?, resolved_by = ?, target_key = ? where id = ?", updates)
    # The documents a relation now points to or no longer points to: their validity may change.
    before = {r["id"]: r["to_document_id"] for r in rows}
    return ({before[rid] for (rid,) in own} | {before[rid] for *_, rid in updates} | {u[0] for u in updates}) - {None}


def _targets_via_alignment(conn):
    """{translation relation id: (target key, document id)} for citations of a translation's clause aligned
    one to one with an original clause that cites as many documents, in the same order."""
    pairs = conn.execute(
        "select a.translation_id, a.original_id from main.alignments a where a.bead = '1-1' "
        "and a.original_table = 'clauses' and a.translation_table = 'clauses'").fetchall()
    out = {}
    for t_clause, o_clause in pairs:
        mine = conn.execute("select id from main.relations where evidence_clause_id = ? and kind = 'cites' "
                            "order by evidence_start", [t_clause]).fetchall()
        theirs = conn.execute("select target_key, to_document_id from main.relations "
                              "where evidence_clause_id = ? and kind = 'cites' order by evidence_start", [o_clause]).fetchall()
        if mine and len(mine) == len(theirs):
            for (rid,), (key, to_doc) in zip(mine, theirs):
                out[rid] = (key, to_doc)
    return out


# ---------------------------------------------------------------------------------------------- validity
def refresh_validity(conn, as_of=None, affected=None):
    """The validity table (each document's status over time, with evidence) and documents.status, its status on
    as_of (default: the build's date). affected: the documents whose periods may have changed (None: all); the
    others' periods are read back from the table."""
    if as_of is None:
        (built_at,) = conn.execute("select built_at from main.build_info").fetchone()
        as_of = built_at[:10]
    docs = _dicts(conn, "select id, type, title, title_en, title_zh, issue_date, document_date, translation_of "
                        "from main.documents order by translation_of is not null, manifest_position")
    if affected is not None:
        affected = set(affected)
        while True:  # a translation's periods are its original's
            more = {d["id"] for d in docs if d["translation_of"] in affected} - affected
            if not more:
                break
            affected |= more
    redo = [d for d in docs if affected is None or d["id"] in affected]
    dates, replaced = _validity_inputs(conn, None if affected is None else {d["id"] for d in redo})
    timelines = {} if affected is None else _stored_periods(conn)
    for doc in redo:
        original = doc["translation_of"]
        if original and original in timelines:
            timelines[doc["id"]] = [{**p, "evidence": f"as its original {original}: {p['evidence']}"}
                                    for p in timelines[original]]
        else:
            timelines[doc["id"]] = validity_periods(doc, dates.get(doc["id"], []), replaced.get(doc["id"], ()))
    if affected is None:
        conn.execute("delete from main.validity")
    else:
        conn.executemany("delete from main.validity where document_id = ?", [(d["id"],) for d in redo])
        conn.execute("delete from main.validity where document_id not in (select id from main.documents)")
    rows = [{"id": f"{doc['id']}-v{n}", "document_id": doc["id"], **p}
            for doc in redo for n, p in enumerate(timelines[doc["id"]], start=1)]
    if rows:
        insert_rows(conn, "validity", rows)
    conn.executemany("update main.documents set status = ?, status_evidence = ?, status_as_of = ? where id = ?",
                     [(now["status"], now["evidence"], as_of, doc_id)
                      for doc_id, periods in timelines.items() if (now := status_at(periods, as_of))])


def _validity_inputs(conn, doc_ids=None):
    """({document id: its deadline and period dates}, {document id: [(date, evidence, relation id)] of the
    documents that say they replace it}), for these documents (None: all)."""
    wanted = (lambda doc_id: True) if doc_ids is None else doc_ids.__contains__
    dates = {}
    for d in _dicts(conn, "select id, document_id, surface, date_start, date_end, role from main.dates "
                          "where role in ('deadline', 'period') order by document_id, start, id"):
        if wanted(d["document_id"]):
            dates.setdefault(d["document_id"], []).append(d)
    replaced = {}
    for r in _dicts(conn, "select r.id, r.document_id, r.to_document_id, r.evidence_text, r.evidence_clause_id, "
                          "d.document_date from main.relations r join main.documents d on d.id = r.document_id "
                          "where r.kind = 'supersedes' and r.to_document_id is not null and d.document_date is not null"):
        if wanted(r["to_document_id"]):
            replaced.setdefault(r["to_document_id"], []).append(
                (day_of(r["document_date"]), f"replaced by {r['document_id']}, which says so: {r['evidence_text']}", r["id"]))
    return dates, replaced


def _stored_periods(conn):
    """{document id: its periods} as the validity table holds them, in order."""
    periods = {}
    for p in _dicts(conn, "select document_id, status, valid_from, valid_until, evidence, evidence_id from main.validity "
                          "order by document_id, cast(substr(id, length(document_id) + 3) as integer)"):
        periods.setdefault(p.pop("document_id"), []).append(p)
    return periods
