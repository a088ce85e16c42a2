"""Chinese word segmentation: one Segmenter (jieba's dictionary and algorithm, run by jieba-rs) with the
corpus's user dictionary, shared by the build and by search, so a query is cut as the text was.

rjieba binds jieba-rs, a Rust port of jieba with the same dictionary, HMM and part-of-speech tags: it cuts
text many times faster than jieba, loads its dictionary in a tenth of a second from inside the library (no
cache file to write, share or trust), and takes the user dictionary through its public add_word().
tests/unit/test_segment.py checks that it cuts as jieba does.
"""
import functools
import re
from pathlib import Path
from typing import NamedTuple

from .corpusfiles import REPOSITORY_CORPUS, USERDICT
from .errors import CorpusError
from .normalise import has_cjk, normalise

# A user-dictionary line: the word, then optionally its frequency and its part of speech (jieba's format).
_USERDICT_LINE = re.compile(r"^(?P<word>\S+)(?: (?P<freq>\d+))?(?: (?P<tag>[a-z]+))?$")
MAX_USER_WORD = 40  # characters: a dictionary word, not a sentence (and bounded memory)


class Tagged(NamedTuple):
    word: str
    flag: str  # jieba's part-of-speech tag: n, v, nr, m ...


class Segmenter:
    """jieba's segmentation with a user dictionary: words(), spans() and tagged()."""

    def __init__(self, userdict_entries=()):
        import rjieba  # on first use: a no-op build never needs it
        self._jieba = rjieba.Jieba()
        for word, freq, tag in userdict_entries:
            self._jieba.add_word(word, freq, tag)

    def words(self, text: str) -> list[str]:
        """The words of text, white space and punctuation included, as jieba.lcut(text, HMM=True) gives them."""
        return self._jieba.cut(text, True)

    def spans(self, text: str):
        """(word, start, end) for every word, as jieba.tokenize(text) gives them."""
        return self._jieba.tokenize(text, "default", True)

    def tagged(self, text: str) -> list[Tagged]:
        """Words with their part of speech, as jieba.posseg.cut(text) gives them."""
        return [Tagged(word, flag) for word, flag in self._jieba.tag(text, True)]


def read_userdict(path) -> list[tuple]:
    """(word, frequency or None, tag or None) per line of a jieba user dictionary; a CorpusError names the line
    that is not one."""
    path = Path(path)
    try:
        lines = path.read_bytes().decode("utf-8-sig").splitlines()
    except UnicodeDecodeError as e:
        raise CorpusError(path, f"the user dictionary must be UTF-8 (byte {e.start} is not)")
    entries = []
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = _USERDICT_LINE.match(line)
        if not m:
            raise CorpusError(path, "expected 'word [frequency] [part-of-speech]'", line=number)
        if len(m["word"]) > MAX_USER_WORD:
            raise CorpusError(path, f"a word of {len(m['word'])} characters (at most {MAX_USER_WORD})", line=number)
        entries.append((m["word"], int(m["freq"]) if m["freq"] else None, m["tag"]))
    return entries


def get_tokenizer(userdict: tuple | None = None) -> Segmenter:
    """The Segmenter with a user dictionary's entries (read_userdict), by default the repository corpus's. One
    Segmenter per dictionary: asked for by its entries or by default, the same dictionary is loaded once."""
    return _segmenter(tuple(_repository_userdict() if userdict is None else userdict))


@functools.lru_cache(maxsize=1)
def _repository_userdict() -> tuple:
    path = REPOSITORY_CORPUS / USERDICT
    return tuple(read_userdict(path)) if path.is_file() else ()


@functools.lru_cache(maxsize=4)
def _segmenter(userdict: tuple) -> Segmenter:
    return Segmenter(userdict)


# Between texts segmented in one call: jieba cuts text into blocks at every character outside its word
# alphabet (letters, digits, Han and +#&._%-) and segments each block on its own, so a character outside
# it makes the words of each text those it would have alone. NUL never occurs in a decoded document.
_BETWEEN_TEXTS = "\x00"


def segment_all(texts, tokenizer=None):
    """Each text's words, space-joined, as clauses.text_seg stores them: the words of the normalised text
    without white space, punctuation its own word; None for a text without Chinese. One call segments all
    the texts: what the segmenter sets up for every call is paid once per document."""
    tokenizer = tokenizer or get_tokenizer()
    chinese = [i for i, text in enumerate(texts) if has_cjk(text)]
    result = [None] * len(texts)
    if not chinese:
        return result
    joined = _BETWEEN_TEXTS.join(normalise(texts[i]) for i in chinese)
    if joined.count(_BETWEEN_TEXTS) != len(chinese) - 1:
        raise ValueError("segment_all: a text holds NUL, which separates the texts")
    position, current = 0, []
    for word in tokenizer.words(joined) + [_BETWEEN_TEXTS]:
        if word == _BETWEEN_TEXTS:
            result[chinese[position]] = " ".join(current)
            position, current = position + 1, []
        elif word.strip():
            current.append(word)
    return result
