"""Full-text search over clauses, the same on the index side and the query side.

SQLite's unicode61 tokenizer treats a run of Chinese characters as one token, so 就业 would not
be found inside 稳定和扩大就业. The index therefore stores a copy of the text with every CJK
character made its own token (separated by U+200B, invisible in snippets), and each jieba word of
a query becomes an FTS5 phrase of its characters: 就业 -> "就 业". A clause matches when it contains
each word of the query as a substring, which is what Ctrl-F would find. English goes through the
porter stemmer on both sides, so train finds training.
"""
import functools
import re
import unicodedata

import Stemmer

from .literals import LiteralSet
from .normalise import CJK_CHAR, has_cjk, normalise, normalise_for_search
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


_STEMMER = Stemmer.Stemmer("porter")  # the algorithm of FTS5's porter tokenizer


@functools.lru_cache(maxsize=4096)
def fold_token(token: str) -> str:
    """A token as the index compares it: lower case, without diacritics, an ASCII word stemmed."""
    token = "".join(c for c in unicodedata.normalize("NFKD", token.lower()) if not unicodedata.combining(c))
    return _STEMMER.stemWord(token) if token.isascii() and token.isalpha() else token


def text_tokens(text: str):
    """[(start, end, folded token)] of a clause as the index reads it, with offsets into the clause's own text
    (its search copy is the text, length for length, with separators added)."""
    tokens = []
    for m in _TOKEN.finditer(normalise_for_search(text)):
        if not has_cjk(m.group()):
            tokens.append((m.start(), m.end(), fold_token(m.group())))
            continue
        pos = m.start()
        for part in _CJK_RUN.split(m.group()):  # runs of CJK characters (one token each) and what lies between
            if CJK_CHAR.match(part):
                tokens.extend((pos + i, pos + i + 1, ch) for i, ch in enumerate(part))
            elif part:
                tokens.append((pos, pos + len(part), fold_token(part)))
            pos += len(part)
    return tokens


def hit_spans(text: str, terms):
    """[(start, end)] in text of every occurrence of each term (a list of FTS tokens, found as a phrase): the hits
    FTS5's highlight() would mark, found without stored index content."""
    tokens = text_tokens(text)
    words = [t for _, _, t in tokens]
    spans = set()
    for term in terms:
        folded = [fold_token(t) for t in term]
        n = len(folded)
        for i in range(len(words) - n + 1):
            if words[i:i + n] == folded:
                spans.add((tokens[i][0], tokens[i + n - 1][1]))
    merged = []
    for a, b in sorted(spans):
        if merged and a < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(b, merged[-1][1]))
        else:
            merged.append((a, b))
    return merged


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


def distinct_terms(terms):
    """Each term once, where it first occurs: a clause that holds 的 holds it however often a query says it,
    and FTS5 would look each repeat up again (700 of them took longer than the time limit)."""
    seen = set()
    return [term for term in terms if not (tuple(term) in seen or seen.add(tuple(term)))]


def hit_terms(query: str, expand=False, glossary=(), tokenizer=None):
    """Every phrase a matching clause may hold, as FTS token lists: the query's terms, or with expand every form
    of each glossary term it names. What the search page marks in its snippets."""
    if not expand:
        return distinct_terms(query_terms(query, tokenizer))
    terms = []
    for part in expansion_parts(query, glossary, tokenizer):
        terms.extend(t for form in (part["forms"] or [part["text"]]) if (t := fts_tokens(form)))
    return distinct_terms(terms)


def to_fts_query(query: str, tokenizer=None) -> str:
    """A safe FTS5 MATCH expression: each term a phrase, all ANDed. Never raises, never a syntax error."""
    terms = distinct_terms(query_terms(query, tokenizer))
    return " AND ".join(_phrase(t) for t in terms) if terms else MATCH_NOTHING


def to_fts_phrase(query: str, tokenizer=None) -> str:
    """The whole query as one strict phrase; used to rank exact-phrase matches first."""
    tokens = [tok for term in query_terms(query, tokenizer) for tok in term]
    return _phrase(tokens) if tokens else MATCH_NOTHING


def _variant_regex(variant):
    """A glossary variant in lower-cased normalised query text: Chinese anywhere (Chinese has no spaces), an
    English one as whole words, its last word with or without a plural ending (service finds services;
    IP is not found inside ship)."""
    if has_cjk(variant):
        return re.escape(variant)
    words = [re.escape(w) for w in variant.split()]
    return r"(?<![^\W_])" + r"\s+".join(words) + r"(?:s|es)?(?![^\W_])"


def recognise_terms(query: str, glossary):
    """The query cut into pieces, in order: (text, term) where term is the glossary term whose variant the text
    is, or None for the ordinary words between terms. Longest variants are taken first, and a piece is taken
    by one term only: 知识产权服务 is 知识产权 and 服务; IP services is IP and services. At most
    MAX_EXPANDED_TERMS terms are recognised; the rest of the query stays ordinary words."""
    text = normalise((query or "")[:MAX_QUERY_CHARS]).lower()
    variants, order = glossary_variants(glossary)
    taken = []  # (start, end, term)
    for variant in sorted(variants.present(text), key=order.__getitem__):
        if len({id(t) for _, _, t in taken}) >= MAX_EXPANDED_TERMS:
            break
        term = order[variant][2]
        for m in re.finditer(_variant_regex(variant), text):
            if all(m.end() <= a or m.start() >= b for a, b, _ in taken):
                taken.append((m.start(), m.end(), term))
    pieces, pos = [], 0
    for start, end, term in sorted(taken, key=lambda t: t[0]):
        if text[pos:start].strip():
            pieces.append((text[pos:start].strip(), None))
        pieces.append((text[start:end], term))
        pos = end
    if text[pos:].strip():
        pieces.append((text[pos:].strip(), None))
    return pieces


MAX_EXPANDED_TERMS = 10  # a query names a few glossary terms; a query of a hundred would make a huge expression
_prepared_glossaries = {}  # id(glossary list) -> (the list, its variants): the search plugin keeps one per connection


def glossary_variants(glossary):
    """(LiteralSet of the glossary's normalised variants, {variant: (-length, position, term)}), worked out
    once per glossary list rather than once per query (0.3 s a query with 20,000 terms). Where two terms share
    a variant, the first in the glossary has it. The list must not be changed once it has been searched with."""
    prepared = _prepared_glossaries.get(id(glossary))
    if prepared is None or prepared[0] is not glossary:
        order = {}
        for term in glossary:
            for v in term["zh"] + term["en"]:
                variant = normalise(v).lower()
                if variant and fts_tokens(v) and variant not in order:
                    order[variant] = (-len(variant), len(order), term)
        if len(_prepared_glossaries) >= 16:  # a bound, whoever calls
            _prepared_glossaries.clear()
        prepared = _prepared_glossaries[id(glossary)] = (glossary, (LiteralSet(order), order))
    return prepared[1]


def expansion_parts(query: str, glossary, tokenizer=None):
    """[{'text', 'term' (id or None), 'forms' (every variant, both languages; [] for an ordinary word),
    'expression'}]: what an expanded search looks for, piece by piece. Quoted phrases stay strict phrases."""
    parts = []
    for quoted, chunk in _split_quoted((query or "")[:MAX_QUERY_CHARS]):
        if quoted:
            if tokens := fts_tokens(chunk):
                parts.append({"text": chunk, "term": None, "forms": [], "expression": _phrase(tokens)})
            continue
        for text, term in recognise_terms(chunk, glossary):
            if term is None:
                for word in query_words(text, tokenizer):
                    parts.append({"text": word, "term": None, "forms": [], "expression": _phrase(fts_tokens(word))})
                continue
            forms = [v for v in term["zh"] + term["en"] if fts_tokens(v)]
            phrases = list(dict.fromkeys(_phrase(fts_tokens(v)) for v in forms))
            parts.append({"text": text, "term": term["id"], "forms": forms, "expression": "(" + " OR ".join(phrases) + ")"})
    # Each piece once: a repeated word or term adds nothing to an AND but FTS5's work.
    seen = set()
    return [p for p in parts if not (p["expression"] in seen or seen.add(p["expression"]))]


def expand_query(query: str, glossary, tokenizer=None):
    """(FTS5 expression, readable expansion): each glossary term in the query replaced by all its variants in
    both languages, the other words kept as ordinary words, all ANDed.

    glossary: list of {"id", "zh": [...], "en": [...]}.
    """
    parts = expansion_parts(query, glossary, tokenizer)
    expression = " AND ".join(p["expression"] for p in parts) if parts else MATCH_NOTHING
    readable = "; ".join(" | ".join(p["forms"]) if p["forms"] else p["text"] for p in parts)
    return expression, readable
