"""Cue patterns run by the regex module with a time limit: the same matches as re, and no hang."""
import pickle
import re
import time

import pytest

from ingest import patterns
from ingest.document.decode import decode_bytes
from ingest.normalise import normalise
from ingest.patterns import PatternTimeout, compile_timed
from ingest.taggers.measures import load_taxonomy
from support import CORPUS, FIXTURE_CORPUS, TESTS


def test_nested_repeats_that_hang_re_end_at_once():
    started = time.monotonic()
    for body, text in ((r"(a+)+$", "a" * 40 + "!"), (r"(?:\w+\s?)+employment$", "ab " * 2000 + "x")):
        assert compile_timed(body, True, f"/{body}/", "measures.yml", 7).finditer(text) == []
    assert time.monotonic() - started < 1


def test_a_pattern_that_still_backtracks_stops_at_the_time_limit(monkeypatch):
    monkeypatch.setattr(patterns, "TIME_LIMIT", 0.2)
    pattern = compile_timed(r"(a|aa)+$", False, "/(a|aa)+$/", "corpus/measures.yml", 12)
    started = time.monotonic()
    with pytest.raises(PatternTimeout) as e:
        pattern.finditer("a" * 100 + "!")
    assert time.monotonic() - started < 1
    assert str(e.value) == ("corpus/measures.yml:12: the pattern /(a|aa)+$/ ran for more than 0.2 s on a clause of "
                            "101 characters: it backtracks without end; rewrite it")
    with pytest.raises(PatternTimeout):
        pattern.search("a" * 100 + "!")
    # The document is added where it is known; the error survives the trip back from a worker process.
    named = pickle.loads(pickle.dumps(e.value.in_document("document d (d.en.txt)")))
    assert named.line == 12 and "101 characters of document d (d.en.txt): it" in str(named)


def _pattern_cues(taxonomy):
    return [cue for entry in [*taxonomy["categories"], *taxonomy["modalities"].values()]
            for key in ("cues", "not_cues") for cues in entry[key].values() for cue in cues if cue.method == "pattern"]


def test_every_pattern_of_the_taxonomies_matches_as_re_would():
    """The regex module reads re's syntax, but is another engine: on every line of the corpus, the fixture
    corpus and the development set, each pattern finds exactly the matches re finds."""
    cues = _pattern_cues(load_taxonomy(CORPUS / "measures.yml")) + _pattern_cues(load_taxonomy(FIXTURE_CORPUS / "measures.yml"))
    assert len(cues) > 30
    files = [*CORPUS.glob("*.txt"), *FIXTURE_CORPUS.glob("*.txt"), *(TESTS / "devset" / "docs").glob("*.txt")]
    lines = [normalise(line) for f in files for line in decode_bytes(f.read_bytes(), f).splitlines() if line.strip()]
    for cue in cues:
        oracle = re.compile(cue.regex.pattern, re.IGNORECASE if cue.regex.regex.flags & re.IGNORECASE else 0)
        for line in lines:
            assert [m.span() for m in cue.regex.finditer(line)] == [m.span() for m in oracle.finditer(line)], (cue.text, line)
