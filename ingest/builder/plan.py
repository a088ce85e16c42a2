"""What a build has to do: which documents changed since the database was last built, by their inputs' hashes.

A document's rows depend on its file, its manifest entry, the curated data and the ingest code. The last
two make the knowledge hash: when it changes, every document is redone. Files are hashed only when their
stat changed since they were last hashed, as git's index does.
"""
import hashlib
import json
import os
import sqlite3
import time
from pathlib import Path
from typing import NamedTuple

from ..curated import curated_paths

INGEST = Path(__file__).resolve().parent.parent  # the ingest package: its code is an input of every document
# A file changed this recently may change again within one tick of the file system's clock, leaving its stat
# as it was: its stat is not trusted to vouch for its content.
RECENT_CHANGE_NS = 2_000_000_000


class Previous(NamedTuple):
    """What the existing database says of the inputs it was built from."""
    knowledge_sha256: str
    documents: dict  # id -> (input hash, manifest position, file sha256, file stat)
    generation: int  # the build that wrote it (0 for a database from before generations were counted)


class Plan(NamedTuple):
    """mode: 'full', 'incremental' or 'unchanged'; the entries to process; the document ids whose rows go."""
    mode: str
    to_process: list
    to_delete: set
    knowledge_sha256: str
    files: dict  # id -> (file sha256 or None when the worker will hash it, file stat or None)
    generation: int  # the number of the build this plan makes

    def changes(self):
        """(document id, change) for the build log: processed or removed; one ('*', 'full') for a full build."""
        if self.mode == "full":
            return [("*", "full")]
        processed = {e["id"] for e in self.to_process}
        changes = sorted([(i, "processed") for i in processed] + [(i, "removed") for i in self.to_delete - processed])
        return changes or [("*", "reordered")]  # only the manifest's order changed: the log still has the build


def _sha256_files(paths):
    h = hashlib.sha256()
    for path in paths:
        h.update(path.name.encode())
        h.update(path.read_bytes() if path.is_file() else b"")
    return h.hexdigest()


def knowledge_hash(corpus_dir) -> str:
    """What every document's rows depend on besides its own file: the curated data and the ingest code (every
    module of the package, its sub-packages included)."""
    code = sorted(INGEST.rglob("*.py"))
    return hashlib.sha256((_sha256_files(curated_paths(corpus_dir)) + _sha256_files(code)).encode()).hexdigest()


def input_hash(entry, file_sha256) -> str:
    """A document's own inputs: its file's bytes (by their hash) and its manifest entry."""
    fields = {k: v for k, v in entry.items() if k not in ("line", "path")}
    h = hashlib.sha256(file_sha256.encode())
    h.update(json.dumps(fields, sort_keys=True, ensure_ascii=False, default=str).encode())
    return h.hexdigest()


def file_stat(path, now_ns):
    """'size:mtime:ctime:inode' of a file, or None when it changed less than RECENT_CHANGE_NS ago. Taken before
    the file is read, so a change made after the read always shows as a different stat."""
    st = os.stat(path)
    if now_ns - st.st_ctime_ns < RECENT_CHANGE_NS:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def file_hashes(entries, previous: Previous | None) -> dict:
    """{id: (sha256 of the file, its stat)}. A file whose stat is the one recorded when it was last hashed is
    not read again. Without a previous build there is nothing to compare with: the sha256 is None, and the
    worker that reads the file hashes it (reading every file here first would keep the workers waiting)."""
    now = time.time_ns()
    if previous is None:
        return {entry["id"]: (None, file_stat(entry["path"], now)) for entry in entries}
    result = {}
    for entry in entries:
        stat = file_stat(entry["path"], now)
        before = previous.documents.get(entry["id"])
        if stat is not None and before is not None and before[3] == stat:
            result[entry["id"]] = (before[2], stat)
        else:
            result[entry["id"]] = (hashlib.sha256(entry["path"].read_bytes()).hexdigest(), stat)
    return result


def read_previous(db_path: Path) -> Previous | None:
    """The inputs an existing database was built from; None when there is none, or it is not ours."""
    if not db_path.is_file():
        return None
    try:
        conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        try:
            knowledge = conn.execute("select knowledge_sha256, generation from build_info").fetchone()
            docs = conn.execute("select id, input_sha256, manifest_position, sha256, file_stat from documents").fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None  # an older or foreign file: rebuild it from scratch
    if not knowledge:
        return None
    return Previous(knowledge[0], {doc_id: tuple(rest) for doc_id, *rest in docs}, knowledge[1] or 0)


def plan_build(entries, corpus_dir, previous: Previous | None, full: bool = False) -> Plan:
    """Compare the corpus with what the previous database was built from (full: redo everything anyway)."""
    knowledge = knowledge_hash(corpus_dir)
    generation = (previous.generation if previous else 0) + 1
    if full or (previous is not None and previous.knowledge_sha256 != knowledge):
        previous = None  # curated data or code changed: nothing built before can be kept
    files = file_hashes(entries, previous)
    if previous is None:
        return Plan("full", entries, set(), knowledge, files, generation)
    before = previous.documents
    changed = [e for e in entries if before.get(e["id"], (None,))[0] != input_hash(e, files[e["id"]][0])]
    removed = set(before) - set(files)
    moved = any(before[e["id"]][1] != n for n, e in enumerate(entries, start=1) if e["id"] in before)
    if not changed and not removed and not moved:
        return Plan("unchanged", [], set(), knowledge, files, generation - 1)
    return Plan("incremental", changed, removed | {e["id"] for e in changed if e["id"] in before}, knowledge, files,
                generation)
