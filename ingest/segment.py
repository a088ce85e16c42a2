"""Chinese word segmentation: one project-owned jieba.Tokenizer, shared by ingest and search."""
from __future__ import annotations

import functools
import logging
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from .normalise import CJK_CHAR, normalise

if TYPE_CHECKING:
    import jieba

USERDICT_NAME = "userdict.txt"
DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@functools.lru_cache(maxsize=4)
def get_tokenizer(userdict: str = str(DEFAULT_CORPUS / USERDICT_NAME)) -> jieba.Tokenizer:
    """A jieba tokenizer with the corpus user dictionary loaded. Its cache lives in the temp dir, not the repo."""
    # Imported here, on first use: importing jieba takes 0.1 s (it imports pkg_resources), which a no-op
    # build never needs, and which a one-document rebuild spends while it copies the database.
    import jieba
    jieba.setLogLevel(logging.WARNING)  # jieba logs every dictionary load at DEBUG/INFO
    tokenizer = jieba.Tokenizer()
    tokenizer.tmp_dir = tempfile.gettempdir()
    tokenizer.cache_file = os.path.join(tokenizer.tmp_dir, "policy-kb-jieba.cache")
    tokenizer.initialize()
    if Path(userdict).is_file():
        tokenizer.load_userdict(userdict)
    return tokenizer


def segment(text: str, tokenizer: jieba.Tokenizer | None = None):
    """jieba words of the normalised text, without white space; punctuation stays as its own token."""
    tokenizer = tokenizer or get_tokenizer()
    return [w for w in tokenizer.lcut(normalise(text), HMM=True) if w.strip()]


def segment_joined(text: str, tokenizer=None):
    """The space-joined segmentation stored in clauses.text_seg; None for text without Chinese."""
    if not CJK_CHAR.search(text):
        return None
    return " ".join(segment(text, tokenizer))
