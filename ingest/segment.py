"""Chinese word segmentation: one project-owned jieba.Tokenizer, shared by ingest and search."""
from __future__ import annotations

import functools
import logging
import marshal
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .corpusfiles import REPOSITORY_CORPUS, USERDICT
from .normalise import has_cjk, normalise

if TYPE_CHECKING:
    import jieba



@functools.lru_cache(maxsize=4)
def get_tokenizer(userdict: str = str(REPOSITORY_CORPUS / USERDICT)) -> jieba.Tokenizer:
    """A jieba tokenizer with the corpus user dictionary loaded. Its cache lives in the temp dir, not the repo."""
    # Imported here, on first use: importing jieba takes 0.1 s (it imports pkg_resources), which a no-op
    # build never needs, and which a one-document rebuild spends while it copies the database.
    import jieba
    jieba.setLogLevel(logging.WARNING)  # jieba logs every dictionary load at DEBUG/INFO
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = tempfile.gettempdir()
    tokenizer.cache_file = os.path.join(tokenizer.tmp_dir, "policy-kb-jieba.cache")
    if not _load_dictionary_cache(tokenizer, jieba.DEFAULT_DICT):
        tokenizer.initialize()  # builds the cache from jieba's dictionary the first time
    if Path(userdict).is_file():
        tokenizer.load_userdict(userdict)
    return tokenizer


def _load_dictionary_cache(tokenizer, default_dictionary) -> bool:
    """Load the prefix dictionary jieba caches, as tokenizer.initialize() would; False when there is none.
    initialize() reads it with marshal.load(file), which asks the file object for each of its million keys
    and values in turn: 0.68 s for 9 MB, where marshal.loads() of the whole file takes 0.22 s, in every
    worker process and every search process. jieba trusts the cache of its default dictionary whatever its
    age, and so does this."""
    if tokenizer.dictionary != default_dictionary:
        return False
    try:
        tokenizer.FREQ, tokenizer.total = marshal.loads(Path(tokenizer.cache_file).read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        return False  # not written yet, or damaged: initialize() writes it again
    tokenizer.initialized = True
    return True


# Between texts segmented in one call: jieba cuts text into blocks at every character outside its word
# alphabet (letters, digits, Han and +#&._%-) and segments each block on its own, so a character outside
# it makes the words of each text those it would have alone. NUL never occurs in a decoded document.
_BETWEEN_TEXTS = "\x00"


def segment_all(texts, tokenizer=None):
    """Each text's jieba words, space-joined, as clauses.text_seg stores them: the words of the normalised text
    without white space, punctuation its own word; None for a text without Chinese. One jieba call segments
    all the texts: a call per clause took 2-10% longer (the Chinese clauses of 500 documents), in what jieba
    sets up for every call."""
    tokenizer = tokenizer or get_tokenizer()
    chinese = [i for i, text in enumerate(texts) if has_cjk(text)]
    result = [None] * len(texts)
    if not chinese:
        return result
    joined = _BETWEEN_TEXTS.join(normalise(texts[i]) for i in chinese)
    if joined.count(_BETWEEN_TEXTS) != len(chinese) - 1:
        raise ValueError("segment_all: a text holds NUL, which separates the texts")
    words = tokenizer.lcut(joined, HMM=True)
    position, current = 0, []
    for word in words + [_BETWEEN_TEXTS]:
        if word == _BETWEEN_TEXTS:
            result[chinese[position]] = " ".join(current)
            position, current = position + 1, []
        elif word.strip():
            current.append(word)
    return result
