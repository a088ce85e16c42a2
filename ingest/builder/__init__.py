"""Build the database from a corpus folder: plan what changed, process it, write it, serve the new generation.

    build(corpus_dir, db_path, jobs=None, progress=None, full=False, wait=False)
        -> {"documents", "processed", "mode", "db", "generation"}

db_path (policy.db) is a link to one of two files that take turns (store.py): the build writes the other one
and then moves the link, so the database being served is never written.
"""
import os
import shutil
import sqlite3
from pathlib import Path

from ..corpusfiles import REPOSITORY_CORPUS
from ..curated import load_curated
from ..manifest import load_manifest
from .derived import LOG_GENERATIONS
from .plan import plan_build, read_previous
from .store import Store, is_whole
from .write import write_build

DEFAULT_DB = REPOSITORY_CORPUS.parent / "policy.db"


def build(corpus_dir=REPOSITORY_CORPUS, db_path=DEFAULT_DB, jobs=None, progress=None, full=False, wait=False):
    """Build the database, redoing only documents whose inputs changed (all of them when the curated data or
    the code changed, or with full=True). Raises CorpusError on bad input or when another build is running
    (wait=True waits for it instead); the served database is never touched."""
    corpus_dir, db_path = Path(corpus_dir), Path(db_path)
    progress = progress or (lambda done, total: None)
    entries = load_manifest(corpus_dir)
    curated = load_curated(corpus_dir)
    store = Store(db_path)
    with store.lock(wait):
        store.remove_leftovers()
        served = store.served()
        # A damaged database is not built on: everything is redone from the corpus. Reading every page to know
        # (quick_check) costs what the database weighs, so it is done only when the file is not the one published.
        whole = served is not None and (store.unchanged_since_published(served) or is_whole(served))
        previous = read_previous(served) if whole else None
        plan = plan_build(entries, corpus_dir, previous, full)
        result = {"documents": len(entries), "processed": len(plan.to_process), "mode": plan.mode,
                  "db": str(db_path), "generation": plan.generation}
        if plan.mode == "unchanged":
            return result
        jobs = jobs or os.cpu_count() or 1
        slot = store.other_slot()
        if plan.mode == "full":
            temp = store.temp_path()
            try:
                # The served database, when whole and ours, holds the id history the new file carries on.
                write_build(temp, entries, plan, curated, jobs, progress, history=served if previous else None)
                os.replace(temp, slot)
            finally:
                temp.unlink(missing_ok=True)
        else:
            store.wait_until_quiet(slot)
            catch_up = slot_catch_up(slot, served, plan.generation)
            if catch_up is None:  # no usable slot yet, or too far behind: start it from the served database
                discard(slot)
                shutil.copyfile(served, slot)
                catch_up = set()
            write_build(slot, entries, plan, curated, jobs, progress, served, catch_up)
        store.publish(slot)
        return result


def discard(slot: Path):
    """Remove a slot and what SQLite keeps beside it (a killed update's journal would be played onto the next
    file of that name)."""
    for path in (slot, slot.with_name(slot.name + "-journal"), slot.with_name(slot.name + "-wal"),
                 slot.with_name(slot.name + "-shm")):
        path.unlink(missing_ok=True)


def slot_catch_up(slot: Path, served: Path, generation: int):
    """The documents changed since slot was written, from the served database's build log; None when the slot
    cannot be brought up to date that way (missing, damaged, past a full build, or too far behind)."""
    if not slot.exists():
        return None
    # A killed update leaves its journal: SQLite rolls it back when the slot is next opened, and then the slot is
    # checked whole. Without a journal, the slot's last update committed, or a full build renamed it into place.
    killed = slot.with_name(slot.name + "-journal").exists()
    try:
        conn = sqlite3.connect(slot)  # read-write: the journal a killed update left is rolled back on first read
        try:
            if killed and conn.execute("pragma quick_check").fetchone()[0] != "ok":
                return None
            (slot_generation,) = conn.execute("select generation from build_info").fetchone()
        finally:
            conn.close()
        conn = sqlite3.connect(f"file:{served}?mode=ro", uri=True)
        try:
            log = conn.execute("select generation, document_id, change from build_log where generation > ?",
                               [slot_generation or 0]).fetchall()
            (served_generation,) = conn.execute("select generation from build_info").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, TypeError):
        return None
    if not slot_generation or not served_generation or served_generation - slot_generation > LOG_GENERATIONS - 1 \
            or slot_generation >= served_generation or any(change == "full" for _, _, change in log):
        return None
    if {g for g, _, _ in log} != set(range(slot_generation + 1, served_generation + 1)):
        return None  # a gap in the log
    return {doc_id for _, doc_id, _ in log}
