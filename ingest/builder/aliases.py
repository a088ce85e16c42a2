"""Ids that never break, in a build: every id a build published keeps resolving in every later build
(the rules are ingest/ids.py's). An id no longer served gets an id_aliases row: its successor, or none when
the item was removed, with the build, the reason and the last text it named. Pages redirect to the
successor (301) or say when it was removed (410).

History (the served rows of a document and its id_aliases rows) is read from the database being served,
attached as "served", in full builds as in incremental ones; a build with no database before it starts
the history afresh. document_versions records each document's content hash whenever it changes.
"""
from ..ids import (HISTORY_TABLES, PUBLISHED, Successor, apply_ids, assign_ids, combined_reason, digest, items_of,
                   published_items, successors)


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
        return {**row, "new_id": then.new_id, "reason": combined_reason(row["reason"], then),
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
