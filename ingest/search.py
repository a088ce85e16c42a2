"""Full-text search over clauses, the same on the index side and the query side.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token, so 就业 would not
be found inside 稳定和扩大就业. The index therefore stores a copy of the text with every CJK
character made its own token (separated by U+200B, invisible in snippets), and each jieba word of
a query becomes an FTS5 phrase of its characters: 就业 -> "就 业". A clause matches when it contains
each word of the query as a substring, which is what Ctrl-F would find. English goes through the
porter stemmer on both sides, so train finds training.
"""
import re

from .normalise import CJK_CHAR, normalise, normalise_for_search
from .segment import get_tokenizer

SEPARATOR = "\u200b"  # zero-width space: a token separator for unicode61, invisible on the page
MATCH_NOTHING = '""'  # an empty phrase is valid FTS5 and matches no row
MAX_QUERY_CHARS = 1000  # longer queries are cut: no one types more, and jieba cost grows with length

_TOKEN = re.compile(r"[^\W_]+")
_QUOTED = re.compile(r'"([^"]*)"')
_CJK_RUN = re.compile(f"({CJK_CHAR.pattern}+)")


def index_text(text: str) -> str:
    """The searchable copy of a clause: normalised, each CJK character a token of its own."""
    # split() with a group gives the text between runs of CJK characters, then each run (at odd indexes):
    # a fifth faster than sub() calling a function per run.
    parts = _CJK_RUN.split(normalise_for_search(text))
    parts[1::2] = [SEPARATOR + SEPARATOR.join(run) + SEPARATOR for run in parts[1::2]]
    return "".join(parts)


def fts_tokens(text: str):
    """The tokens FTS5 will see for a piece of query text: letter/digit runs, CJK characters one by one."""
    tokens = []
    for run in _TOKEN.findall(normalise(text).lower()):
        tokens.extend(_CJK_RUN.sub(lambda m: " " + " ".join(m.group(1)) + " ", run).split())
    return tokens


def _phrase(tokens):
    return '"' + " ".join(tokens) + '"'


def query_words(query: str, tokenizer=None):
    """The words of a free-text query: jieba words for Chinese, whitespace words otherwise."""
    tokenizer = tokenizer or get_tokenizer()
    words = []
    for piece in tokenizer.words(normalise(query)):
        if fts_tokens(piece):
            words.append(piece)
    return words


def _split_quoted(query):
    """(is_quoted, text) parts; a lone unbalanced quote is treated as a space."""
    parts, pos = [], 0
    for m in _QUOTED.finditer(query):
        parts.append((False, query[pos:m.start()]))
        parts.append((True, m.group(1)))
        pos = m.end()
    parts.append((False, query[pos:].replace('"', " ")))
    return [(q, t) for q, t in parts if t.strip()]


def query_terms(query: str, tokenizer=None):
    """Each term of a query as a list of FTS tokens: one per quoted phrase and per unquoted jieba word."""
    query = (query or "")[:MAX_QUERY_CHARS]
    terms = []
    for quoted, text in _split_quoted(query):
        if quoted:
            tokens = fts_tokens(text)
            if tokens:
                terms.append(tokens)
        else:
            terms.extend(t for w in query_words(text, tokenizer) if (t := fts_tokens(w)))
    return terms


def to_fts_query(query: str, tokenizer=None) -> str:
    """A safe FTS5 MATCH expression: each term a phrase, all ANDed. Never raises, never a syntax error."""
    terms = query_terms(query, tokenizer)
    return " AND ".join(_phrase(t) for t in terms) if terms else MATCH_NOTHING


def to_fts_phrase(query: str, tokenizer=None) -> str:
    """The whole query as one strict phrase; used to rank exact-phrase matches first."""
    tokens = [tok for term in query_terms(query, tokenizer) for tok in term]
    return _phrase(tokens) if tokens else MATCH_NOTHING


def expand_query(query: str, glossary, tokenizer=None):
    """(FTS5 expression, readable expansion) with each glossary term replaced by all its variants.

    glossary: list of {"id", "zh": [...], "en": [...]}. A term is recognised when any variant occurs
    in the normalised query, case-insensitively; the longest variants are tried first.
    """
    text = normalise((query or "")[:MAX_QUERY_CHARS]).lower()
    variants = sorted(
        ((normalise(v).lower(), term) for term in glossary for v in term["zh"] + term["en"] if fts_tokens(v)),
        key=lambda vt: -len(vt[0]),
    )
    groups, readable = [], []
    for variant, term in variants:
        if variant and variant in text:
            text = text.replace(variant, " ")
            forms = term["zh"] + term["en"]
            groups.append("(" + " OR ".join(_phrase(fts_tokens(v)) for v in forms if fts_tokens(v)) + ")")
            readable.append(" | ".join(forms))
    rest = [_phrase(t) for t in query_terms(text, tokenizer)]
    parts = groups + rest
    expression = " AND ".join(parts) if parts else MATCH_NOTHING
    return expression, "; ".join(readable)
