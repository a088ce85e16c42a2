"""The id rules, without a database: which content an id names, which ids a rebuilt document's items take,
and which new item succeeds an old id (ingest/builder/aliases.py applies them in a build).

Ids are structural (<section>-p<n>-c<n>): they say where an item sits, so an edit moves the ids after it.
Two rules keep every published URL honest:

1. An id names one content forever. When a rebuilt document would put other content under an id an
   earlier build published (a sentence inserted before it, a clause reworded), the new item takes that
   structural id with a suffix, _2, _3 … (the first one not published with other content), and the ids
   of what it holds follow it (<clause>_2-f1). Content is compared by a key: a clause's or a section's
   text, an indicator's row, a figure's or date's surface, sentence and occurrence in that sentence.
2. An id no longer served gets a successor: the new item with the same content, else the most similar one
   above SIMILAR, in document order, or none when the item was removed.
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


def combined_reason(first, then):
    if then.new_id is None:
        return "removed"
    return "reworded" if "reworded" in (first, then.reason) else "moved"
