"""Build policy.db from corpus/: python build.py [--corpus DIR] [--db FILE] [--jobs N] [--full].

policy.db is a link to the generation being served; a build writes the other generation and moves the link
only when the whole build has succeeded, so a failed or killed build leaves the served database as it was.
"""
import argparse
import os
import sqlite3
import sys
import time
from pathlib import Path

from ingest.builder import DEFAULT_DB, build
from ingest.corpusfiles import REPOSITORY_CORPUS
from ingest.errors import CorpusError


def terminal_progress(stream=sys.stderr):
    """A one-line progress report (documents/s, ETA) for builds long enough to need one; silent off a terminal."""
    started = time.monotonic()
    if not stream.isatty():
        return lambda done, total: None

    def report(done, total):
        elapsed = time.monotonic() - started
        if elapsed < 2 and done < total:
            return
        rate = done / elapsed if elapsed else 0
        eta = (total - done) / rate if rate else 0
        stream.write(f"\r{done}/{total} documents  {rate:.1f} docs/s  ETA {eta:.0f}s ")
        if done == total:
            stream.write("\n")
        stream.flush()

    return report


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", default=REPOSITORY_CORPUS, type=Path, help="corpus folder (default: corpus/)")
    parser.add_argument("--db", default=DEFAULT_DB, type=Path, help="database to write (default: policy.db)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (default: cores)")
    parser.add_argument("--full", action="store_true", help="redo every document, even those that did not change")
    parser.add_argument("--wait", action="store_true", help="wait for a build that is running, instead of stopping")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        result = build(args.corpus, args.db, args.jobs, terminal_progress(), full=args.full, wait=args.wait)
    except CorpusError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (OSError, sqlite3.Error) as e:
        # A full disk, a read-only folder: the previous database is still in place.
        print(f"error: could not write {args.db}: {e}; the previous database is unchanged", file=sys.stderr)
        return 1
    print(f"{result['db']}: {result['documents']} documents, {result['processed']} processed ({result['mode']}) "
          f"in {time.monotonic() - started:.1f}s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
