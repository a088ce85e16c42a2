"""Build the database from a corpus folder: plan what changed, process it, write it, put the file in place.

    build(corpus_dir, db_path, jobs=None, progress=None, full=False) -> {"documents", "processed", "mode", "db"}
"""
import os
import shutil
from pathlib import Path

from ..corpusfiles import REPOSITORY_CORPUS
from ..curated import load_curated
from ..manifest import load_manifest
from . import swap
from .plan import plan_build, read_previous
from .write import write_database

DEFAULT_DB = REPOSITORY_CORPUS.parent / "policy.db"


def build(corpus_dir=REPOSITORY_CORPUS, db_path=DEFAULT_DB, jobs=None, progress=None, full=False):
    """Build the database atomically, redoing only documents whose inputs changed (all of them when the
    curated data or the code changed, or with full=True). Raises CorpusError on bad input, leaving
    db_path untouched."""
    corpus_dir, db_path = Path(corpus_dir), Path(db_path)
    progress = progress or (lambda done, total: None)
    entries = load_manifest(corpus_dir)
    curated = load_curated(corpus_dir)
    plan = plan_build(entries, corpus_dir, None if full else read_previous(db_path))
    result = {"documents": len(entries), "processed": len(plan.to_process), "mode": plan.mode, "db": str(db_path)}
    if plan.mode == "unchanged":
        return result
    swap.remove_stale_temps(db_path)
    tmp_path, previous = swap.temp_path_for(db_path), swap.previous_path_for(db_path)
    tmp_path.unlink(missing_ok=True)
    dropped = swap.in_thread("drop-older-database", previous.unlink, True)
    copied = swap.in_thread("copy-previous-database", shutil.copyfile, db_path, tmp_path) \
        if plan.mode == "incremental" else (lambda: None)
    try:
        write_database(tmp_path, entries, plan, curated, jobs or os.cpu_count() or 1, progress, copied)
        dropped()
        swap.put_in_place(tmp_path, db_path, previous)
    except BaseException:
        swap.wait_quietly(copied, dropped)  # the copy writes into the temp file: it must end before the file goes
        tmp_path.unlink(missing_ok=True)
        raise
    return result
