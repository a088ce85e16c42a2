"""Ids that never break: every id a build published keeps resolving in every later build.

Ids are structural (<section>-p<n>-c<n>): they say where an item sits, so an edit moves the ids after it.
Two rules keep every published URL honest:

1. An id names one content forever. When a rebuilt document would put other content under an id an
   earlier build published (a sentence inserted before it, a clause reworded), the new item takes that
   structural id with a suffix, _2, _3 … (the first one not published with other content), and the ids
   of what it holds follow it (<clause>_2-f1). Content is compared by a key: a clause's or a section's
   text, an indicator's row, a figure's or date's surface, sentence and occurrence in that sentence.
2. An id no longer served gets an id_aliases row: its successor (the new item with the same content, else
   the most similar one above SIMILAR, in document order), or none when the item was removed, with the
   build, the reason and the last text it named. Pages redirect to the successor (301) or say when it was
   removed (410).

History (the served rows of a document and its id_aliases rows) is read from the database being served,
attached as "served", in full builds as in incremental ones; a build with no database before it starts
the history afresh. document_versions records each document's content hash whenever it changes.
"""
import collections
import difflib
import hashlib
from typing import NamedTuple

# Tables whose ids are published, parents before children: a child's id begins with its parent's.
PUBLISHED = ("sections", "clauses", "indicators", "figures", "dates")
# Row fields holding ids of published items (the id itself, and references to parents and evidence).
ID_FIELDS = ("id", "parent_id", "section_id", "clause_id", "indicator_id", "evidence_clause_id")
# Tables whose items find a reworded successor by similarity; figures and dates follow their clause.
BY_SIMILARITY = ("sections", "clauses", "indicators")
SIMILAR = 0.6  # difflib ratio from which a changed text counts as the same item reworded
# Pairs compared between two runs of equal content; larger gaps are compared near their diagonal only.
MAX_COMPARISONS = 40_000
HISTORY_TABLES = ("id_aliases", "document_versions")


class Item(NamedTuple):
    table: str
    id: str
    hash: str  # content_hash of the item's key
    text: str  # what a reader saw: the text, heading line, indicator row or sentence
    surface: str | None  # figures and dates: the words marked in the sentence
    parent: str | None  # figures and dates: the clause or indicator they are in
    start: int
    end: int


def content_hash(key: str) -> str:
    """A short stable hash of an item's content key (16 hex digits)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


def _text_of(table, row):
    return row["row_text"] if table == "indicators" else row["text"] if table in ("sections", "clauses") else row["sentence"]


def items_of(table, rows) -> list:
    """Items of one table's rows (dicts with the table's columns), in document order, each with its content
    hash. A figure's or date's key holds its occurrence among equal surfaces of the same sentence."""
    ordered = sorted(rows, key=lambda r: (r["start"] if r["start"] is not None else -1, r["end"] or 0, r["id"]))
    seen = collections.Counter()
    out = []
    for row in ordered:
        text = _text_of(table, row) or ""
        if table in ("figures", "dates"):
            seen[(row["surface"], text)] += 1
            key = f"{row['surface']}\x1f{text}\x1f{seen[(row['surface'], text)]}"
            parent = row.get("clause_id") or row.get("indicator_id")
            surface = row["surface"]
        else:
            key, parent, surface = text, None, None
        out.append(Item(table, row["id"], content_hash(key), text, surface, parent, row["start"], row["end"]))
    return out


def published_items(rows) -> dict:
    """{table: [Item]} of a document's rows (process_document's output)."""
    return {table: items_of(table, rows.get(table) or []) for table in PUBLISHED}


def digest(items: dict) -> str:
    """One hash of a document's published ids and their content."""
    h = hashlib.sha256()
    for table in PUBLISHED:
        for item in sorted(items[table], key=lambda i: i.id):
            h.update(f"{table}\x1f{item.id}\x1f{item.hash}\n".encode("utf-8"))
    return h.hexdigest()


def rewrite_id(value, mapping):
    """value with its longest prefix that mapping knows (the whole id, or up to a '-') replaced by what it maps
    to: a clause under a renamed section, a figure of a renamed clause."""
    if value is None:
        return None
    if value in mapping:
        return mapping[value]
    i = value.rfind("-")
    while i > 0:
        prefix = value[:i]
        if prefix in mapping:
            return mapping[prefix] + value[i:]
        i = value.rfind("-", 0, i)
    return value


def assign_ids(items: dict, history: dict) -> dict:
    """{structural id: final id} for every published item of a document. history: {id: (table, hash)} of every
    id published for it before, served now or retired. An id keeps its structural form unless history has it
    with other content; then the first free suffix _2, _3 … (one published with this content is reused)."""
    mapping, used = {}, set()
    for table in PUBLISHED:
        for item in items[table]:
            candidate = rewrite_id(item.id, mapping)
            final, n = candidate, 1
            while final in used or (final in history and history[final] != (table, item.hash)):
                n += 1
                final = f"{candidate}_{n}"
            used.add(final)
            mapping[item.id] = final
    return mapping


def apply_ids(rows, mapping):
    """Rewrite, in place, every id and id reference of a document's rows with mapping (rewrite_id)."""
    for table, table_rows in rows.items():
        if table == "_fts":
            rows[table] = [(rewrite_id(i, mapping), text) for i, text in table_rows]
            continue
        if table == "documents":
            continue
        for row in table_rows:
            for field in ID_FIELDS:
                if row.get(field) is not None:
                    row[field] = rewrite_id(row[field], mapping)


def _ratio(a, b):
    m = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if m.real_quick_ratio() < SIMILAR or m.quick_ratio() < SIMILAR:
        return 0.0
    return m.ratio()


def _similar_in_order(old, new, taken_old, taken_new):
    """{i: (j, similarity)}: pairs of a gap's old and new items, in order, similar above SIMILAR, with the
    greatest total similarity (a longest-path table over the gap; near the diagonal only when it is large)."""
    free_old = [i for i in range(len(old)) if i not in taken_old]
    free_new = [j for j in range(len(new)) if j not in taken_new]
    if not free_old or not free_new:
        return {}
    n, m = len(free_old), len(free_new)
    band = None if n * m <= MAX_COMPARISONS else max(3, MAX_COMPARISONS // (2 * n))
    sim = {}
    for a, i in enumerate(free_old):
        centre = a * m // n
        for b, j in enumerate(free_new):
            if band is not None and abs(b - centre) > band:
                continue
            s = _ratio(old[i].text, new[j].text)
            if s >= SIMILAR:
                sim[a, b] = s
    if not sim:
        return {}
    best = [[0.0] * (m + 1) for _ in range(n + 1)]
    for a in range(1, n + 1):
        for b in range(1, m + 1):
            best[a][b] = max(best[a - 1][b], best[a][b - 1], best[a - 1][b - 1] + sim.get((a - 1, b - 1), 0.0))
    pairs, a, b = {}, n, m
    while a and b:
        s = sim.get((a - 1, b - 1))
        if s is not None and best[a][b] == best[a - 1][b - 1] + s:
            pairs[free_old[a - 1]] = (free_new[b - 1], s)
            a, b = a - 1, b - 1
        elif best[a][b] == best[a - 1][b]:
            a -= 1
        else:
            b -= 1
    return pairs


def match_items(old: list, new: list, by_similarity: bool) -> dict:
    """{old index: (new index, similarity)}: items with equal content in document order (difflib's matching
    runs), then equal content elsewhere (moved), then, between the runs, the most similar in order."""
    matcher = difflib.SequenceMatcher(None, [o.hash for o in old], [n.hash for n in new], autojunk=False)
    pairs, gaps = {}, []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            pairs.update({i1 + k: (j1 + k, 1.0) for k in range(i2 - i1)})
        elif tag == "replace":
            gaps.append((i1, i2, j1, j2))
    taken = {j for j, _ in pairs.values()}
    free = collections.defaultdict(collections.deque)
    for j, item in enumerate(new):
        if j not in taken:
            free[item.hash].append(j)
    for i, item in enumerate(old):
        if i not in pairs and free[item.hash]:
            pairs[i] = (free[item.hash].popleft(), 1.0)
    if by_similarity:
        taken = {j for j, _ in pairs.values()}
        for i1, i2, j1, j2 in gaps:
            found = _similar_in_order(old[i1:i2], new[j1:j2], {i - i1 for i in pairs if i1 <= i < i2},
                                      {j - j1 for j in taken if j1 <= j < j2})
            pairs.update({i1 + a: (j1 + b, s) for a, (b, s) in found.items()})
    return pairs


class Successor(NamedTuple):
    new_id: str | None
    reason: str  # moved | reworded | removed
    similarity: float | None


def successors(old: dict, new: dict) -> dict:
    """{old id: Successor} for every old item whose id the new items do not have. old and new: {table: [Item]}
    of one document before and after (new with final ids)."""
    new_ids = {i.id for items in new.values() for i in items}
    found = {}  # old id -> new id, for every matched old item (kept ids included)
    out = {}
    for table in PUBLISHED:
        pairs = match_items(old[table], new[table], table in BY_SIMILARITY)
        claimed = {new[table][j].id for j, _ in pairs.values()}
        by_parent = collections.defaultdict(list)
        if table in ("figures", "dates"):
            for item in new[table]:
                by_parent[(item.parent, item.surface)].append(item.id)
        for i, item in enumerate(old[table]):
            if i in pairs:
                j, s = pairs[i]
                found[item.id] = new[table][j].id
                if item.id not in new_ids:
                    out[item.id] = Successor(new[table][j].id, "moved" if s == 1.0 else "reworded",
                                             None if s == 1.0 else round(s, 3))
                continue
            if item.id in new_ids:
                continue  # one of two equal items (特此通知。 twice) of which one is left: its id names that content still
            successor = None
            parent = found.get(item.parent) if item.parent else None
            if parent is not None:  # a figure or date of a clause that was reworded: the same words in its successor
                successor = next((c for c in by_parent.get((parent, item.surface), ()) if c not in claimed), None)
            if successor is not None:
                claimed.add(successor)
                out[item.id] = Successor(successor, "reworded", None)
            else:
                out[item.id] = Successor(None, "removed", None)
    return out


def _combined_reason(first, then):
    if then.new_id is None:
        return "removed"
    return "reworded" if "reworded" in (first, then.reason) else "moved"


class IdKeeper:
    """Keeps the id history of one build: renames a processed document's rows before they are written
    (keep), retires the ids of removed documents (retire), and writes id_aliases and document_versions
    (record). conn has the served database attached as "served", or nothing when there is none."""

    def __init__(self, conn, generation: int, attached: bool):
        self.conn = conn
        self.generation = generation
        self.attached = attached
        self.served_tables = set()
        if attached:
            self.served_tables = {t for (t,) in conn.execute("select name from served.sqlite_master where type = 'table'")}
        self.previous = {}  # document id -> its latest document_versions row
        if "document_versions" in self.served_tables:
            cursor = conn.execute(
                "select * from served.document_versions where id in (select id from served.document_versions v "
                "where generation = (select max(generation) from served.document_versions w "
                "where w.document_id = v.document_id))")
            names = [d[0] for d in cursor.description]
            self.previous = {row["document_id"]: row for row in (dict(zip(names, r)) for r in cursor)}
        self.upserts = {}  # old id -> id_aliases row
        self.revived = set()  # ids served again: their id_aliases rows go
        self.versions = []

    # -------------------------------------------------------------------------------------------- reading
    def _served_items(self, doc_id) -> dict:
        items = {t: [] for t in PUBLISHED}
        if not self.attached:
            return items
        columns = {
            "sections": "id, text, start, end",
            "clauses": "id, text, start, end",
            "indicators": "id, row_text, start, end",
            "figures": "id, surface, sentence, start, end, clause_id, indicator_id",
            "dates": "id, surface, sentence, start, end, clause_id",
        }
        for table in PUBLISHED:
            if table not in self.served_tables:
                continue
            cursor = self.conn.execute(f"select {columns[table]} from served.[{table}] where document_id = ?", [doc_id])
            names = [d[0] for d in cursor.description]
            items[table] = items_of(table, [dict(zip(names, r)) for r in cursor])
        return items

    def _retired(self, doc_id) -> list:
        if "id_aliases" not in self.served_tables:
            return []
        cursor = self.conn.execute("select * from served.id_aliases where document_id = ?", [doc_id])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, r)) for r in cursor]

    def served_documents(self) -> set:
        if "documents" not in self.served_tables:
            return set()
        return {d for (d,) in self.conn.execute("select id from served.documents")}

    # -------------------------------------------------------------------------------------------- changes
    def keep(self, doc_id, rows):
        """Give a processed document's rows their final ids (in place) and note what moved."""
        items = published_items(rows)
        structure = digest(items)
        previous = self.previous.get(doc_id)
        if previous and previous["structure_sha256"] == structure and not previous["ids_renamed"] \
                and previous["change"] != "removed":
            return  # the same structural ids and content as the version served, which kept its plain ids
        old = self._served_items(doc_id)
        retired = self._retired(doc_id)
        history = {i.id: (i.table, i.hash) for table in PUBLISHED for i in old[table]}
        history.update({r["old_id"]: (r["table_name"], r["content_hash"]) for r in retired if r["table_name"] != "documents"})
        mapping = assign_ids(items, history)
        renamed = sum(1 for k, v in mapping.items() if k != v)
        if renamed:
            apply_ids(rows, mapping)
            items = published_items(rows)
        final_ids = {i.id for table in PUBLISHED for i in items[table]}
        moved = successors(old, items)
        old_by_id = {i.id: i for table in PUBLISHED for i in old[table]}
        for old_id, successor in moved.items():
            item = old_by_id[old_id]
            self.upserts[old_id] = self._alias(doc_id, item.table, old_id, successor, item.text, item.surface, item.hash)
        for row in retired:
            if row["old_id"] in final_ids or (row["table_name"] == "documents" and row["old_id"] == doc_id):
                self.revived.add(row["old_id"])
            elif row["new_id"] in moved:
                self.upserts[row["old_id"]] = self._follow(row, moved[row["new_id"]])
        self._version(doc_id, previous, structure, digest(items), rows, renamed, len(moved))

    def retire(self, doc_id):
        """A document left the corpus: each of its ids, and its own, now names something removed."""
        old = self._served_items(doc_id)
        gone = Successor(None, "document removed", None)
        for table in PUBLISHED:
            for item in old[table]:
                self.upserts[item.id] = self._alias(doc_id, table, item.id, gone, item.text, item.surface, item.hash)
        for row in self._retired(doc_id):
            if row["new_id"] is not None:
                self.upserts[row["old_id"]] = {**row, "new_id": None, "reason": "document removed",
                                               "generation": self.generation}
        title = None
        if "documents" in self.served_tables:
            found = self.conn.execute("select title from served.documents where id = ?", [doc_id]).fetchone()
            title = found[0] if found else None
        self.upserts[doc_id] = self._alias(doc_id, "documents", doc_id, gone, title, None, None)
        previous = self.previous.get(doc_id)
        self.versions.append({
            "id": f"{doc_id}-g{self.generation}", "document_id": doc_id, "generation": self.generation,
            "change": "removed", "content_sha256": None, "structure_sha256": None,
            "input_sha256": previous["input_sha256"] if previous else None, "clause_count": 0, "ids_renamed": 0,
            "ids_retired": sum(len(v) for v in old.values()),
        })

    def _alias(self, doc_id, table, old_id, successor, text, surface, key_hash):
        return {"old_id": old_id, "table_name": table, "document_id": doc_id, "new_id": successor.new_id,
                "reason": successor.reason, "similarity": successor.similarity, "generation": self.generation,
                "text": text, "surface": surface, "content_hash": key_hash}

    def _follow(self, row, then):
        """An alias whose successor moved again: it now leads where that one leads."""
        similarity = row["similarity"] if then.similarity is None else (
            then.similarity if row["similarity"] is None else round(row["similarity"] * then.similarity, 3))
        return {**row, "new_id": then.new_id, "reason": _combined_reason(row["reason"], then),
                "similarity": similarity if then.new_id else None, "generation": self.generation}

    def _version(self, doc_id, previous, structure, content, rows, renamed, retired):
        if previous and previous["change"] != "removed" and previous["content_sha256"] == content \
                and previous["structure_sha256"] == structure:
            return
        doc = rows["documents"][0]
        self.versions.append({
            "id": f"{doc_id}-g{self.generation}", "document_id": doc_id, "generation": self.generation,
            "change": "changed" if previous and previous["change"] != "removed" else "added",
            "content_sha256": content, "structure_sha256": structure, "input_sha256": doc.get("input_sha256"),
            "clause_count": len(rows.get("clauses") or []), "ids_renamed": renamed, "ids_retired": retired,
        })

    # -------------------------------------------------------------------------------------------- writing
    def record(self):
        """id_aliases and document_versions as the served database has them, with this build's changes (in the
        build's transaction, after build_info is written: rows carry its time)."""
        conn = self.conn
        (built_at,) = conn.execute("select built_at from main.build_info").fetchone()
        for table in HISTORY_TABLES:
            conn.execute(f"delete from main.[{table}]")
            if table in self.served_tables:
                mine = [c[1] for c in conn.execute(f"pragma main.table_info([{table}])")]
                theirs = {c[1] for c in conn.execute(f"pragma served.table_info([{table}])")}
                columns = ", ".join(f"[{c}]" for c in mine if c in theirs)
                conn.execute(f"insert into main.[{table}] ({columns}) select {columns} from served.[{table}]")
        conn.executemany("delete from main.id_aliases where old_id = ?", [(i,) for i in sorted(self.revived)])
        if self.upserts:
            rows = [{**row, "changed_at": built_at if row["generation"] == self.generation else row.get("changed_at")}
                    for row in self.upserts.values()]
            columns = ("old_id", "table_name", "document_id", "new_id", "reason", "similarity", "generation",
                       "changed_at", "text", "surface", "content_hash")
            conn.executemany(f"insert or replace into main.id_aliases ({', '.join(columns)}) "
                             f"values ({', '.join('?' * len(columns))})", [tuple(r.get(c) for c in columns) for r in rows])
        if self.versions:
            columns = ("id", "document_id", "generation", "built_at", "change", "content_sha256", "structure_sha256",
                       "input_sha256", "clause_count", "ids_renamed", "ids_retired")
            conn.executemany(f"insert or replace into main.document_versions ({', '.join(columns)}) "
                             f"values ({', '.join('?' * len(columns))})",
                             [tuple(built_at if c == "built_at" else v.get(c) for c in columns) for v in self.versions])
