"""Corpus reading order as numbers: each document has a sort base, each clause the sort key
base * SORT_KEY_STRIDE + its position in its document, and the search index knows a clause by its sort key.

Keyed so, the index lists matches in reading order, and SQLite can page through a table search without
collecting every match first. The bases are spaced BASE_GAP apart, so adding or removing a document
moves nobody else: a new document takes a base between its neighbours', and only a document whose stored
base is out of order (it moved in the manifest), or a gap with no room left, costs a renumbering.
"""
import bisect

SORT_KEY_STRIDE = 1_000_000  # more clauses than any one document will have
BASE_GAP = 1024  # room for ten insertions between two neighbours before the bases are spaced again


def sort_key(base, position):
    return base * SORT_KEY_STRIDE + position


def spaced(order):
    """{id: base} for documents in this order, BASE_GAP apart: a full build's bases."""
    return {doc_id: n * BASE_GAP for n, doc_id in enumerate(order, start=1)}


def _in_order(order, stored):
    """The ids of the longest run of documents (in manifest order) whose stored bases already increase."""
    ids = [d for d in order if stored.get(d) is not None]
    tails, tail_ids, parent = [], [], {}
    for doc_id in ids:
        base = stored[doc_id]
        i = bisect.bisect_left(tails, base)
        parent[doc_id] = tail_ids[i - 1] if i else None
        if i == len(tails):
            tails.append(base)
            tail_ids.append(doc_id)
        else:
            tails[i], tail_ids[i] = base, doc_id
    kept, doc_id = set(), tail_ids[-1] if tail_ids else None
    while doc_id is not None:
        kept.add(doc_id)
        doc_id = parent[doc_id]
    return kept


def assign_bases(order, stored):
    """{id: base} for the documents of order (ids in manifest order), increasing along it. stored: {id: base}
    of documents that have one. As many documents as possible keep theirs; the others are spread evenly
    over the gap between their neighbours' bases. When some gap is too small, every base is spaced again."""
    kept = _in_order(order, stored)
    bases, run, low = {}, [], 0
    for doc_id in list(order) + [None]:
        if doc_id is not None and doc_id not in kept:
            run.append(doc_id)
            continue
        high = stored[doc_id] if doc_id is not None else low + (len(run) + 1) * BASE_GAP
        step = (high - low) // (len(run) + 1)
        if run and step < 1:
            return spaced(order)
        for n, waiting in enumerate(run, start=1):
            bases[waiting] = low + n * step
        if doc_id is not None:
            bases[doc_id] = low = high
        run = []
    return bases
