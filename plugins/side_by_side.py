"""A translation beside its original: /<database>/side-by-side/<document id>, one row per aligned bead
(alignments), each side linking to its clause's page and to its partner across the table; pairs whose numbers
disagree are marked. Given an original, the page shows its (first) translation and names the others."""
import json

from datasette import hookimpl
from datasette.utils.asgi import Response

from ingest import cite


async def _rows(db, sql, params):
    return [dict(r) for r in (await db.execute(sql, params)).rows]


@hookimpl
def register_routes():
    return [(r"^/(?P<database>[^/]+)/side-by-side/(?P<id>[A-Za-z0-9_-]+)$", side_by_side)]


def _anchored(beads):
    """Each bead with the ids it is the first to hold (page anchors: a clause cut at ';' spans several beads)."""
    seen = set()
    for bead in beads:
        for side in ("original", "translation"):
            ids = json.loads(bead[f"{side}_ids"] or "[]")
            bead[f"{side}_anchors"] = [i for i in ids if i not in seen]
            seen.update(ids)
    return beads


async def side_by_side(datasette, request):
    database, doc_id = request.url_vars["database"], request.url_vars["id"]
    db = datasette.databases.get(database)
    if db is None or not await db.table_exists("alignments"):
        return Response.text("Not found", status=404)
    translations = await _rows(db, "select id from documents where id = :id and translation_of is not null "
                                   "union all select id from documents where translation_of = :id", {"id": doc_id})
    if not translations:
        return Response.html(await datasette.render_template("side_by_side.html", {
            "database": database, "missing": doc_id}, request=request), status=404)
    translation = (await _rows(db, "select * from documents where id = :id", {"id": translations[0]["id"]}))[0]
    original = (await _rows(db, "select * from documents where id = :id", {"id": translation["translation_of"]}))[0]
    beads = _anchored(await _rows(db, "select * from alignments where document_id = :id order by position",
                                  {"id": translation["id"]}))
    others = [t["id"] for t in translations[1:]]
    context = {
        "database": database, "original": original, "translation": translation, "beads": beads, "others": others,
        "note_en": cite.translation_note(translation, "en"), "note_zh": cite.translation_note(translation, "zh"),
        "counts": {"beads": len(beads), "paired": sum(1 for b in beads if b["original_id"] and b["translation_id"]),
                   "unpaired": sum(1 for b in beads if not (b["original_id"] and b["translation_id"])),
                   "disagree": sum(b["numbers_disagree"] or 0 for b in beads)},
    }
    return Response.html(await datasette.render_template("side_by_side.html", context, request=request))
