"""Sort bases: reading order as numbers, moving only what moved."""

from hypothesis import given, strategies as st

from ingest.builder.order import BASE_GAP, assign_bases, spaced


def test_a_full_build_spaces_the_documents_apart():
    assert spaced(["a", "b", "c"]) == {"a": BASE_GAP, "b": 2 * BASE_GAP, "c": 3 * BASE_GAP}


def test_a_document_added_between_two_takes_a_base_between_theirs_and_no_other_moves():
    stored = spaced(["a", "b", "c"])
    bases = assign_bases(["a", "new", "b", "c"], stored)
    assert {k: bases[k] for k in "abc"} == stored
    assert stored["a"] < bases["new"] < stored["b"]


def test_documents_added_at_either_end_and_removed_ones_move_nobody():
    stored = spaced(["a", "b", "c", "d"])
    bases = assign_bases(["first", "a", "c", "d", "last"], stored)  # b removed
    assert {k: bases[k] for k in "acd"} == {k: stored[k] for k in "acd"}
    assert 0 < bases["first"] < stored["a"] and bases["last"] > stored["d"]


def test_a_document_moved_in_the_manifest_is_the_only_one_renumbered():
    stored = spaced(["a", "b", "c", "d", "e"])
    bases = assign_bases(["a", "c", "d", "b", "e"], stored)
    assert [k for k in "abcde" if bases[k] != stored[k]] == ["b"]
    assert bases["d"] < bases["b"] < bases["e"]


def test_when_a_gap_is_full_every_base_is_spaced_again():
    stored = {"a": 1, "b": 2}
    assert assign_bases(["a", "x", "b"], stored) == spaced(["a", "x", "b"])


@given(st.lists(st.integers(0, 40), min_size=0, max_size=40, unique=True), st.randoms())
def test_bases_always_increase_in_manifest_order_and_most_stored_ones_stay(ids, rnd):
    before = [f"d{i}" for i in ids]
    stored = spaced(before)
    after = [d for d in before if rnd.random() > 0.2] + [f"n{i}" for i in range(rnd.randint(0, 5))]
    if rnd.random() < 0.3:
        rnd.shuffle(after)
    bases = assign_bases(after, stored)
    values = [bases[d] for d in after]
    assert values == sorted(values) and len(set(values)) == len(values) and set(bases) == set(after)
    if after == sorted(after, key=lambda d: (d.startswith("n"), before.index(d) if d in stored else 0)):
        # Nothing reordered, only removals and appends: every kept document keeps its base.
        assert all(bases[d] == stored[d] for d in after if d in stored)
