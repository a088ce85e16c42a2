"""Text folding for analysis and search. Every fold keeps length, so offsets into the source stay valid."""
import functools
import re

import opencc

# Full-width ASCII variants (Ａ, １, ％) sit at a fixed offset from their ASCII forms.
_FULLWIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# Spaces that are not U+0020: no-break, ideographic, en/em and friends.
_SPACES = {cp: 0x20 for cp in (0x00A0, 0x3000, 0x2002, 0x2003, 0x2009, 0x202F, 0x205F)}
# Zero-width characters become plain spaces (not deleted) so that lengths stay the same.
_ZERO_WIDTH = {cp: 0x20 for cp in (0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF)}
WIDTH_TABLE = {**_FULLWIDTH, **_SPACES, **_ZERO_WIDTH}
# Only letters and digits: search snippets keep the document's own punctuation (，；。).
ALNUMWIDTH_TABLE = {
    **{cp: to for cp, to in _FULLWIDTH.items() if chr(to).isalnum()}, **_SPACES, **_ZERO_WIDTH,
}


@functools.lru_cache(maxsize=1)
def t2s():
    return opencc.OpenCC("t2s")


def char_folder(table: dict):
    """A function giving text.translate(table) for a table of code points to code points, none of them ASCII.
    translate() looks every character up in the table, and one it lacks costs a raised and caught KeyError:
    in Chinese text, nearly every character (70 ns each). A regex finds the few the table has, three times
    faster, and ASCII text, which such a table leaves alone, is returned as it is."""
    if any(cp < 0x80 for cp in table):
        raise ValueError("char_folder: the table maps ASCII characters")
    chars = {chr(cp): chr(to) for cp, to in table.items()}
    foldable = re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]")

    def replace(match):
        return chars[match.group()]

    def fold(text: str) -> str:
        return text if text.isascii() else foldable.sub(replace, text)
    return fold


# Full-width letters, digits and punctuation to ASCII; odd spaces to a plain space.
fold_width = char_folder(WIDTH_TABLE)
fold_alnum_width = char_folder(ALNUMWIDTH_TABLE)


def fold_traditional(text: str) -> str:
    """Traditional Chinese characters to simplified, character by character (length-preserving)."""
    if text.isascii():  # nothing to convert; Python knows this of a string without reading it
        return text
    converted = t2s().convert(text)
    if len(converted) == len(text):
        return converted
    # OpenCC converted a phrase to one of another length: fall back to single characters.
    return "".join(c if len(c := t2s().convert(ch)) == 1 else ch for ch in text)


def normalise_for_search(text: str) -> str:
    """Like normalise() but punctuation keeps its width, so search snippets look like the source."""
    return fold_traditional(fold_alnum_width(text))


@functools.lru_cache(maxsize=1024)  # each clause is normalised by several taggers in turn
def normalise(text: str) -> str:
    """The analysis form of a text: simplified, half-width, one kind of space. Same length as the input."""
    return fold_traditional(fold_width(text))


_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_CHAR = re.compile(f"[{_CJK}]")


def has_cjk(text: str) -> bool:
    """True when the text contains at least one CJK ideograph."""
    return CJK_CHAR.search(text) is not None
