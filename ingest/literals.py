"""Which of many literal strings occur in a text, found in one pass.

The taggers screen every clause against hundreds of cue words and glossary variants, and most are absent
from most clauses. Testing each with `in` scans the text once per word; an Aho–Corasick automaton (in C)
scans it once for all of them, 4–10× faster on this corpus than either `in` or one regex alternation.
"""
import ahocorasick


class LiteralSet:
    """A fixed set of strings, with present(text): the subset occurring in text as substrings."""

    def __init__(self, literals):
        self.literals = frozenset(literals)
        self._automaton = None
        if self.literals:
            self._automaton = ahocorasick.Automaton()
            for literal in self.literals:
                self._automaton.add_word(literal, literal)
            self._automaton.make_automaton()

    def present(self, text: str) -> set:
        return {literal for _, literal in self.matches(text)}

    def matches(self, text: str):
        """(end, literal) for every occurrence, overlapping ones included; end is the index of its last character."""
        return self._automaton.iter(text) if self._automaton is not None else iter(())

    def __reduce__(self):
        # Sent to worker processes as its strings; each worker builds its own automaton (a few ms).
        return LiteralSet, (tuple(sorted(self.literals)),)
