"""A /pattern/ cue in measures.yml that backtracks without end cannot hang the build: patterns that Python's re
would run for ever end at once, and one that still runs past the time limit fails the build with one line
naming the pattern, its line in measures.yml and the document. With --jobs 2 (worker processes, whose errors
travel back pickled) the same: in the slow layer, as it takes a few seconds more."""
import subprocess
import sys
import time

import pytest

from support import ROOT

# Each: the cue as written in YAML, and a line of a document on which re backtracks for ever.
LINEAR = [
    (r'"/(a+)+$/"', "a" * 40 + "!"),
    (r'"/(?:\\w+\\s?)+employment$/"', "The employment " + "ab " * 30 + "x!"),
]
BACKTRACKING = (r'"/(a|aa)+$/"', "a" * 80 + "!")


def add_hostile_category(corpus, cues):
    """A category with the given cues (YAML text), put before modalities:; the line of each cue."""
    path = corpus / "measures.yml"
    text = path.read_text(encoding="utf-8")
    head, tail = text.split("\nmodalities:", 1)
    category = "\n  - id: hostile\n    name_en: Hostile\n    instrument: supply\n    cues:\n      en:\n"
    first_line = head.count("\n") + category.count("\n") + 1
    category += "".join(f"        - {cue}\n" for cue in cues)
    path.write_text(head + category + "\nmodalities:" + tail, encoding="utf-8")
    return list(range(first_line, first_line + len(cues)))


def add_document(corpus, lines):
    (corpus / "hostile.en.txt").write_text("A Hostile Notice\n\n" + "\n\n".join(lines) + "\n", encoding="utf-8")
    with open(corpus / "manifest.yml", "a", encoding="utf-8") as f:
        f.write("\n- id: hostile\n  file: hostile.en.txt\n  title: Hostile\n  language: en\n  type: notice\n"
                "  issuer: I\n  source_name: S\n  translation: original\n")


def run_build(corpus, db, jobs):
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "build.py"), "--corpus", str(corpus), "--db", str(db), "--jobs", str(jobs)],
        capture_output=True, text=True, timeout=60)
    return result, time.monotonic() - started


JOBS = [1, pytest.param(2, marks=pytest.mark.slow)]


@pytest.mark.parametrize("jobs", JOBS)
def test_nested_repeats_that_hang_re_do_not_hang_the_build(corpus_copy, tmp_path, jobs):
    add_hostile_category(corpus_copy, [cue for cue, _ in LINEAR])
    add_document(corpus_copy, [line for _, line in LINEAR])
    result, seconds = run_build(corpus_copy, tmp_path / "policy.db", jobs)
    assert result.returncode == 0, result.stderr
    assert seconds < 60


@pytest.mark.slow  # runs into the 2 s pattern timeout
@pytest.mark.parametrize("jobs", JOBS)
def test_a_pattern_that_backtracks_without_end_fails_the_build_naming_it(corpus_copy, tmp_path, jobs):
    [line] = add_hostile_category(corpus_copy, [BACKTRACKING[0]])
    add_document(corpus_copy, [BACKTRACKING[1]])
    result, seconds = run_build(corpus_copy, tmp_path / "policy.db", jobs)
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr.startswith(f"error: {corpus_copy / 'measures.yml'}:{line}: the pattern /(a|aa)+$/ ran for "
                                    "more than 2 s on a clause of 81 characters of document hostile (hostile.en.txt)")
    assert seconds < 60
    assert not (tmp_path / "policy.db").exists()
