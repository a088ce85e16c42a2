"""The id history's pure parts: suffixes for ids that named other content, prefix rewriting, and successors
found by equal content, else similar text, in document order (items invented for these tests)."""
import pytest

from ingest.ids import (PUBLISHED, apply_ids, assign_ids, content_hash, items_of, match_items,
                                    rewrite_id, successors)


def clauses(*texts, prefix="d-s1-p1-c", start=0):
    return [{"id": f"{prefix}{n}", "text": t, "start": start + 10 * n, "end": start + 10 * n + 5}
            for n, t in enumerate(texts, start=1)]


def items(rows_by_table):
    return {t: items_of(t, rows_by_table.get(t, [])) for t in PUBLISHED}


@pytest.mark.parametrize("value, expected", [
    ("d-s1", "d-s1_2"),
    ("d-s1-p2-c1", "d-s1_2-p2-c1"),
    ("d-s1-p1-c1", "d-s1-p1-c1_3"),
    ("d-s1-p1-c1-f2", "d-s1-p1-c1_3-f2"),
    ("d-s1-p1-c1--fee-reduction", "d-s1-p1-c1_3--fee-reduction"),
    ("d-s10-p1-c1", "d-s10-p1-c1"),
    ("d-s1-1-p1-c1", "d-s1_2-1-p1-c1"),
    ("d-l12-d1", "d-l12-d1"),
    (None, None),
])
def test_rewrite_id_replaces_the_longest_known_prefix(value, expected):
    mapping = {"d-s1": "d-s1_2", "d-s1-p1-c1": "d-s1-p1-c1_3"}
    assert rewrite_id(value, mapping) == expected


def test_an_id_that_named_other_content_takes_the_first_free_suffix():
    new = items({"clauses": clauses("A new first sentence.", "The old first sentence.")})
    history = {i.id: (i.table, i.hash) for i in items({"clauses": clauses("The old first sentence.")})["clauses"]}
    history["d-s1-p1-c1_2"] = ("clauses", content_hash("Something else again."))  # retired earlier, other text
    mapping = assign_ids(new, history)
    assert mapping == {"d-s1-p1-c1": "d-s1-p1-c1_3", "d-s1-p1-c2": "d-s1-p1-c2"}


def test_an_id_published_with_the_same_content_is_used_again():
    new = items({"clauses": clauses("Back as it was.")})
    history = {"d-s1-p1-c1": ("clauses", content_hash("A reworded text.")),
               "d-s1-p1-c1_2": ("clauses", content_hash("Back as it was."))}
    assert assign_ids(new, history) == {"d-s1-p1-c1": "d-s1-p1-c1_2"}


def test_children_follow_their_renamed_parent_and_references_are_rewritten():
    rows = {
        "sections": [{"id": "d-s1", "text": "一、新的标题", "start": 0, "end": 6}],
        "clauses": [{"id": "d-s1-p1-c1", "text": "计划提供1500个岗位。", "start": 7, "end": 19, "section_id": "d-s1"}],
        "figures": [{"id": "d-s1-p1-c1-f1", "surface": "1500个", "sentence": "计划提供1500个岗位。", "start": 11, "end": 16,
                     "clause_id": "d-s1-p1-c1", "indicator_id": None}],
        "clause_measures": [{"id": "d-s1-p1-c1--jobs", "clause_id": "d-s1-p1-c1"}],
        "_fts": [("d-s1-p1-c1", "计 划")],
    }
    history = {"d-s1": ("sections", content_hash("一、旧的标题"))}
    mapping = assign_ids(items(rows), history)
    apply_ids(rows, mapping)
    assert rows["clauses"][0]["id"] == "d-s1_2-p1-c1" and rows["clauses"][0]["section_id"] == "d-s1_2"
    assert (rows["figures"][0]["id"], rows["figures"][0]["clause_id"]) == ("d-s1_2-p1-c1-f1", "d-s1_2-p1-c1")
    assert rows["clause_measures"][0] == {"id": "d-s1_2-p1-c1--jobs", "clause_id": "d-s1_2-p1-c1"}
    assert rows["_fts"] == [("d-s1_2-p1-c1", "计 划")]


def test_matching_prefers_equal_content_in_order_then_moves_then_similar_text():
    old = items({"clauses": clauses("One.", "Two is here.", "Three, which will be reworded a little.", "Four.", "Moved away.")})["clauses"]
    new = items({"clauses": clauses("Moved away.", "One.", "Inserted.", "Two is here.",
                                    "Three, which was reworded a little.", "Four.")})["clauses"]
    pairs = match_items(old, new, by_similarity=True)
    assert {i: j for i, (j, _) in pairs.items()} == {0: 1, 1: 3, 2: 4, 3: 5, 4: 0}
    assert 0.6 <= pairs[2][1] < 1.0 and pairs[1][1] == 1.0


def test_a_dissimilar_replacement_is_no_successor():
    old = items({"clauses": clauses("One.", "A sentence about patent agents.", "Three.")})["clauses"]
    new = items({"clauses": clauses("One.", "Completely different words here now!", "Three.")})["clauses"]
    assert 1 not in match_items(old, new, by_similarity=True)


def test_successors_say_moved_reworded_or_removed_and_figures_follow_their_clause():
    old = {"clauses": clauses("Hire 300 graduates this year.", "Deleted.", "Kept."),
           "figures": [{"id": "d-s1-p1-c1-f1", "surface": "300", "sentence": "Hire 300 graduates this year.",
                        "start": 15, "end": 18, "clause_id": "d-s1-p1-c1", "indicator_id": None}]}
    # After the edit (with the ids assign_ids gives): a sentence inserted first, the first reworded, one deleted.
    new = {"clauses": [{"id": "d-s1-p1-c1_2", "text": "Inserted first.", "start": 0, "end": 15},
                       {"id": "d-s1-p1-c2_2", "text": "Hire 300 graduates in this year.", "start": 16, "end": 48},
                       {"id": "d-s1-p1-c3", "text": "Kept.", "start": 49, "end": 54}],
           "figures": [{"id": "d-s1-p1-c2_2-f1", "surface": "300", "sentence": "Hire 300 graduates in this year.",
                        "start": 21, "end": 24, "clause_id": "d-s1-p1-c2_2", "indicator_id": None}]}
    found = successors(items(old), items(new))
    assert found["d-s1-p1-c1"].new_id == "d-s1-p1-c2_2" and found["d-s1-p1-c1"].reason == "reworded"
    assert found["d-s1-p1-c1"].similarity >= 0.6
    assert found["d-s1-p1-c2"] == (None, "removed", None)
    assert found["d-s1-p1-c1-f1"] == ("d-s1-p1-c2_2-f1", "reworded", None)
    assert "d-s1-p1-c3" not in found  # kept: still served
