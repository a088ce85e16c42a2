"""Documents processed in worker processes, a few batches at a time, results in manifest order."""
import collections
import concurrent.futures

from ..errors import CorpusError
from ..patterns import PatternTimeout
from ..pipeline import process_document

IN_FLIGHT_PER_WORKER = 4  # batches queued per worker process: enough to keep it busy, few enough to stay lean
# Documents sent to a worker at a time: each hand-over costs the main process pickling, pipe writes and
# thread wake-ups, a tenth of its time at one document per hand-over.
MAX_BATCH = 8

# The curated data each worker process was given once, when it started.
_worker_curated = None


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


def _start_worker(curated):
    global _worker_curated
    _worker_curated = curated


def _process_in_worker(entries):
    return [process_one(entry, _worker_curated) for entry in entries]


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
    with concurrent.futures.ProcessPoolExecutor(max_workers=jobs, initializer=_start_worker,
                                                initargs=(curated,)) as pool:
        pending = collections.deque()
        for batch in (entries[start:start + size] for start in range(0, len(entries), size)):
            pending.append((batch, pool.submit(_process_in_worker, batch)))
            if len(pending) >= window:
                done, future = pending.popleft()
                yield from zip(done, future.result())
        while pending:
            done, future = pending.popleft()
            yield from zip(done, future.result())
