"""Documents processed in worker processes, a few batches at a time, results in manifest order.

Workers die with the build: a build killed by any signal, SIGKILL included, leaves no worker behind. A worker
killed from outside (the kernel's out-of-memory killer) fails the build with one line naming the documents
that were being processed.
"""
import collections
import concurrent.futures
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from ..corpusfiles import MANIFEST
from ..errors import CorpusError
from ..patterns import PatternTimeout
from ..pipeline import process_document

IN_FLIGHT_PER_WORKER = 4  # batches queued per worker process: enough to keep it busy, few enough to stay lean
# Documents sent to a worker at a time: each hand-over costs the main process pickling, pipe writes and
# thread wake-ups, a tenth of its time at one document per hand-over.
MAX_BATCH = 8
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 0.5  # how often a worker looks whether the build that started it is still there
NAMED_IN_ERRORS = 10  # documents an error names before it says "and N more"

# The curated data each worker process was given once, when it started, and the build's record of which
# batches are being processed (1) or done (2), shared memory that outlives a worker killed mid-batch.
_worker_curated = None
_worker_states = None
BEING_PROCESSED, PROCESSED = 1, 2


def process_one(entry, curated):
    """process_document, with the document named in what it raises: a pattern of the taxonomy that ran too
    long says on which document; anything else carries a note naming it, under its traceback."""
    try:
        return process_document(entry, curated)
    except PatternTimeout as e:
        raise e.in_document(f"document {entry['id']} ({entry['path'].name})") from None
    except CorpusError:
        raise  # names its file already
    except Exception as e:
        e.add_note(f"while processing document {entry['id']} ({entry['path']})")
        raise


def _start_worker(curated, states, build_pid):
    global _worker_curated, _worker_states
    _die_with(build_pid)
    _worker_curated, _worker_states = curated, states


def _die_with(build_pid):
    """Make this worker end when the build process ends, however it ends. Linux: the kernel sends SIGKILL
    when the parent goes (PR_SET_PDEATHSIG). Everywhere: a thread that sees the parent change (an orphan is
    given to init or a subreaper) ends the process, in case prctl is missing or the parent went first."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass  # no prctl in this libc: the watch below is enough, half a second later
    if build_pid is not None and os.getppid() != build_pid:
        os._exit(1)  # the build ended before prctl was in place
    parent = os.getppid()
    threading.Thread(target=_watch_parent, args=(parent,), name="watch-build", daemon=True).start()


def _watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(WATCH_SECONDS)
    os._exit(1)


def _process_in_worker(number, entries):
    _worker_states[number] = BEING_PROCESSED
    try:
        return [process_one(entry, _worker_curated) for entry in entries]
    finally:
        _worker_states[number] = PROCESSED


def _pool_context():
    """(context, the pid workers' parent must have): on Linux fork, the default until Python 3.14, so that
    workers are children of the build process itself, which _die_with checks; elsewhere the platform's
    default, whose workers may be children of a server process."""
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork"), os.getpid()
    return multiprocessing.get_context(), None


def iter_processed(entries, curated, jobs):
    """(entry, rows) for each entry, in order: in worker processes when there is enough to share. At most
    a few batches per worker are in flight, so memory does not grow with the corpus. Workers get the curated
    data once, at start, not with every document."""
    if jobs <= 1 or len(entries) < 2 * jobs:
        for entry in entries:
            yield entry, process_one(entry, curated)
        return
    window = jobs * IN_FLIGHT_PER_WORKER
    # Smaller batches when there are few documents, so that every worker gets some.
    size = max(1, min(MAX_BATCH, len(entries) // window))
    batches = [entries[start:start + size] for start in range(0, len(entries), size)]
    context, build_pid = _pool_context()
    states = context.RawArray("b", len(batches))
    pool = concurrent.futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_start_worker,
                                                  initargs=(curated, states, build_pid))
    try:
        pending = collections.deque()
        for number, batch in enumerate(batches):
            try:
                pending.append((number, pool.submit(_process_in_worker, number, batch)))
            except BrokenProcessPool:
                # The pool can be found broken when the next batch is handed over, before any result is read.
                raise _died(pending, batches, states, handing_over=number) from None
            if len(pending) >= window:
                yield from _results(pending, batches, states)
        while pending:
            yield from _results(pending, batches, states)
    finally:
        # On an error, the batches not started are dropped rather than processed for nothing.
        pool.shutdown(wait=True, cancel_futures=True)


def _results(pending, batches, states):
    """The results of the oldest batch in flight; a worker that died is a CorpusError naming the documents
    that were being processed then (one of them was in it)."""
    number, future = pending[0]
    try:
        results = future.result()
    except BrokenProcessPool:
        raise _died(pending, batches, states) from None
    pending.popleft()
    return zip(batches[number], results)


def _died(pending, batches, states, handing_over=None):
    """worker_died for the batches being processed, else those in flight, else the one being handed over."""
    started = [n for n, _ in pending if states[n] == BEING_PROCESSED] or [n for n, _ in pending] or [handing_over]
    return worker_died([entry for n in started for entry in batches[n]])


def worker_died(in_flight):
    """The error for a worker process that died (killed from outside: the kernel's out-of-memory killer, a
    kill command) while one of the documents in_flight was in it."""
    names = ", ".join(f"{e['id']} ({e['path'].name})" for e in in_flight[:NAMED_IN_ERRORS])
    more = f" and {len(in_flight) - NAMED_IN_ERRORS} more" if len(in_flight) > NAMED_IN_ERRORS else ""
    manifest = Path(in_flight[0]["path"]).parent / MANIFEST
    return CorpusError(manifest, f"a build worker process was killed (out of memory, or by a signal) while "
                                 f"processing one of: {names}{more}")
