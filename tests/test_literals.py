"""Unit tests for ingest.literals.LiteralSet, the one-pass screen the taggers share."""
import pickle

from ingest.literals import LiteralSet


def test_present_finds_overlapping_and_nested_literals():
    literals = LiteralSet(["培训", "培训基地", "基地", "train", "training base"])
    assert literals.present("建设培训基地和training bases") == {"培训", "培训基地", "基地", "train", "training base"}
    assert literals.present("组织招聘会") == set()


def test_matches_give_where_each_literal_ends():
    literals = LiteralSet(["one", "ten"])
    assert sorted(literals.matches("often one")) == [(4, "ten"), (8, "one")]


def test_empty_set_matches_nothing():
    assert LiteralSet([]).present("anything") == set()
    assert list(LiteralSet([]).matches("anything")) == []


def test_survives_pickling_for_worker_processes():
    copy = pickle.loads(pickle.dumps(LiteralSet(["就业", "jobs"])))
    assert copy.literals == frozenset({"就业", "jobs"})
    assert copy.present("稳定就业 and jobs") == {"就业", "jobs"}
