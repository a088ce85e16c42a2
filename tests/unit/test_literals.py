"""Unit tests for ingest.literals: LiteralSet, the one-pass screen the taggers share, and pattern_screens,
the words a regex needs."""
import pickle
import re

import pytest

from ingest.literals import LiteralSet, pattern_screens


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


@pytest.mark.parametrize("pattern, words", [
    (r"\b(?:improv|enhanc)\w*\s+abilit", {"abilit"}),  # as long as improv and enhanc, and one word, not two
    (r"\bteams?\s+of", {"team"}),  # the s may be missing
    (r"\bfund(?:s|ing)?\b", {"fund"}),
    (r"^请", {"请"}),
    (r"(?<!capacity )\b(?:construction|building)\s+of", {"construction", "building"}),
    (r"(?:utili[sz]|manag)e", {"utili", "manag"}),
    (r"abc[|]d", {"abc"}),  # a | inside a character class or escaped is not an alternative
    (r"abc\|d", {"abc|d"}),
    (r"\bfoo|bar", {"foo", "bar"}),  # either side alone may match
    (r"(?:a|b)?x", {"x"}),  # the group is optional
    (r"(?:[a-z]+ly\s+)?strengthen", {"strengthen"}),
    (r"\d+人", {"人"}),
    (r"(?:^|(?<=，))(?:推进|加强)", {"推进", "加强"}),
    (r"(?i)ABC", {"abc"}),  # lower-cased, as the clause is
    (r"\b(?:the|a|strong)\s+support\b", {"support"}),  # the longest word wins
    (r"(?:\d{1,2}月\d{1,2}日|月底|年底)前[^。；]*?(?:报送|上报|报告|提交)", {"报送", "上报", "报告", "提交"}),
    (r"x{0,3}y", {"y"}),
    (r"(?:ab){2}", {"ab"}),
    (r"job fair", {"fair"}),  # white space ends a word: both words are needed, the longer one screens
    (r"a|(?:b)?", None),  # the second alternative may match nothing
    (r"\d+", None),
    (r"[", None),  # not a regex
    (r"ba{1,3}c", {"ba"}),  # a repeated letter ends the word: baac holds ba, not bac
    (r"ba+c", {"ba"}),
    (r"x(?:y|z){2,}w", {"x"}),
    (r"\x41bc", None),  # escapes this reader does not read give no screen rather than a wrong one
    (r"(?P<a>ab)(?P=a)", None),
])
def test_pattern_screen(pattern, words):
    screens = pattern_screens(pattern)
    assert (screens[0] if screens else None) == (frozenset(words) if words else None)


@pytest.mark.parametrize("pattern, screens", [
    (r"\b(?:improv|enhanc)\w*\s+abilit", [{"abilit"}, {"improv", "enhanc"}]),
    (r"(?<!capacity )\b(?:construction|building)\s+of", [{"construction", "building"}]),  # "of" is too common
    (r"(?:\d{1,2}月\d{1,2}日|月底|年底)前[^。；]*?(?:报送|上报|报告|提交)", [{"报送", "上报", "报告", "提交"}]),
    (r"人才[^。]*培训", [{"人才"}, {"培训"}]),
    (r"\d+", []),
])
def test_every_screen_of_a_pattern(pattern, screens):
    """The first screen indexes the cue; the others must each be met too before its regex runs."""
    found = pattern_screens(pattern)
    assert set(found) == {frozenset(words) for words in screens} and (not found or found[0] == frozenset(screens[0]))


def _corpus_patterns():
    from ingest.taggers.measures import load_taxonomy
    from support import CORPUS
    taxonomy = load_taxonomy(CORPUS / "measures.yml")
    return sorted({cue.regex.pattern for entry in [*taxonomy["categories"], *taxonomy["modalities"].values()]
                   for cues in (entry["cues"], entry["not_cues"]) for lang_cues in cues.values()
                   for cue in lang_cues if cue.method == "pattern"})


@pytest.mark.parametrize("pattern", _corpus_patterns())
def test_no_screen_hides_a_match(pattern):
    """Every text the pattern matches (hypothesis makes them from the regex itself) holds a word of each screen."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    screens = pattern_screens(pattern)
    compiled = re.compile(pattern, re.IGNORECASE)

    @settings(max_examples=40, deadline=None)
    @given(st.from_regex(compiled))
    def check(text):
        lowered = text.lower()
        assert all(any(word in lowered for word in words) for words in screens), (pattern, text, screens)

    check()
