"""Regular expressions written by researchers (the /pattern/ cues of measures.yml), run with a time limit.

Python's re backtracks without bound: /(a+)+$/ on a line of 40 a's runs for hours. RE2 cannot backtrack, but
has no look-around, and the taxonomy's cues need it ((?<!capacity ), (?<=，), (?!次)). The `regex` module
reads the same syntax as re, look-arounds included; it takes polynomial rather than exponential time on many
nested repeats ((a+)+$ ends at once on 40 a's, (?:\\w+\\s?)+x$ on any line), and it stops any search that
runs past a timeout. A pattern that runs past it on a clause fails the build, naming the pattern, its file
and line, and the document.
"""
import regex

from .errors import CorpusError

# Seconds one pattern may take on one clause. A clause is at most a line of 100,000 characters, on which the
# taxonomy's patterns take milliseconds; a pattern near the limit would make a build of hours anyway.
TIME_LIMIT = 2.0


class PatternTimeout(CorpusError):
    """A pattern ran past TIME_LIMIT on a clause. path and line are the pattern's; document names the
    document whose clause it was, once the build has added it (in_document)."""

    def __init__(self, path, pattern, chars, line=None, document=None):
        clause = f"a clause of {chars:,} characters" + (f" of {document}" if document else "")
        super().__init__(path, f"the pattern {pattern} ran for more than {TIME_LIMIT:g} s on {clause}: it "
                               "backtracks without end; rewrite it", line)
        self.pattern, self.chars, self.document = pattern, chars, document

    def in_document(self, document):
        return PatternTimeout(self.path, self.pattern, self.chars, self.line, document)

    def __reduce__(self):
        return (type(self), (self.path, self.pattern, self.chars, self.line, self.document))


class TimedPattern:
    """A compiled pattern whose matches are searched for at most TIME_LIMIT seconds. It offers what the
    taggers use of a compiled re pattern: finditer() (whose matches it gathers first, so that a timeout
    happens here, not in the caller's loop), search() and .pattern."""

    def __init__(self, body, flags, text, path, line):
        self.regex = regex.compile(body, flags)
        self.pattern = body
        self.text, self.path, self.line = text, str(path), line

    def finditer(self, string):
        try:
            return list(self.regex.finditer(string, timeout=TIME_LIMIT))
        except TimeoutError:
            raise self._timeout(string) from None

    def search(self, string):
        try:
            return self.regex.search(string, timeout=TIME_LIMIT)
        except TimeoutError:
            raise self._timeout(string) from None

    def _timeout(self, string):
        return PatternTimeout(self.path, self.text, len(string), self.line)

    def __repr__(self):
        return f"TimedPattern({self.pattern!r})"


def compile_timed(body, ignore_case, text, path, line):
    """A TimedPattern of body (text is the cue as written, path and line where); raises PatternError when
    body is not a valid pattern."""
    return TimedPattern(body, regex.IGNORECASE if ignore_case else 0, text, path, line)


PatternError = regex.error
