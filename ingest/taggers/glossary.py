"""The bilingual glossary (corpus/glossary.yml): terms, their variants, and how often each occurs."""
import functools
import json
import re

from ..errors import CorpusError
from ..literals import LiteralSet
from ..manifest import check_id, check_text, check_text_list, read_yaml
from ..normalise import normalise

def load_glossary(path):
    """[{'id', 'zh': [...], 'en': [...], 'note'}], checked: URL-safe unique ids, at least one variant each."""
    raw = read_yaml(path)
    items = raw.get("terms") if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise CorpusError(path, "expected a mapping with a 'terms:' list")
    terms, seen = [], set()
    for item in items:
        line = item.get("__line__") if isinstance(item, dict) else None
        if not isinstance(item, dict) or not item.get("id"):
            raise CorpusError(path, "every term needs an id", line=line)
        term_id = check_id(item["id"], "term id", path, line)
        if term_id in seen:
            raise CorpusError(path, f"term id {term_id!r} is a duplicate", line=line)
        seen.add(term_id)
        # Lists of text: a lone string would otherwise be taken for a list of its characters.
        zh, en = (check_text_list(item.get(lang), f"term {term_id!r}: {lang}", path, line) for lang in ("zh", "en"))
        if not zh and not en:
            raise CorpusError(path, f"term {term_id!r} has no variants", line=line)
        note = item.get("note")
        if note is not None:
            check_text(note, f"term {term_id!r}: note", path, line)
        terms.append({"id": term_id, "zh": zh, "en": en, "note": note})
    return terms


def terms_from_rows(rows):
    """Glossary terms from rows of the glossary table (as the Datasette plugins read them)."""
    return [{"id": r["id"], "zh": json.loads(r["zh"]), "en": json.loads(r["en"])} for r in rows]


def _variant_pattern(variant):
    """Chinese variants match as substrings; English ones at a word start, case-insensitively, plural allowed.
    No boundary after an English variant: the machine translation glues words ("researchStaggered")."""
    v = normalise(variant).lower()  # matched against lower-cased text: no case-insensitive regex needed
    if not re.search(r"[a-z]", v):
        return re.escape(v)
    if not v[0].isalpha():
        return r"(?<![a-z])" + re.escape(v).replace(r"\ ", r"\s+")
    # The word-start test comes after the first letter, (?<![a-z]c) meaning "c, not after a letter": a pattern
    # whose every alternative opens with a literal lets re skip ahead to those letters, four times faster.
    first = re.escape(v[0])
    return first + "(?<![a-z]" + first + ")" + re.escape(v[1:]).replace(r"\ ", r"\s+")


@functools.lru_cache(maxsize=4096)
def term_pattern(variants):
    """One regex for all of a term's variants, longest first, so overlapping variants count once."""
    return re.compile("|".join(_variant_pattern(v) for v in sorted(variants, key=len, reverse=True)))


@functools.lru_cache(maxsize=4)
def _screen(terms):
    """terms: ((id, variants), ...). Every word of every variant as a LiteralSet, and {word: [(term id, the
    words of a variant), ...]} with each variant under its longest word only: a variant is then looked at
    once per text that holds that word, not once for each of its words the text holds."""
    by_word, literals = {}, set()
    for term_id, variants in terms:
        for variant in variants:
            words = frozenset(normalise(variant).lower().split())
            if words:
                literals.update(words)
                by_word.setdefault(max(sorted(words), key=len), []).append((term_id, words))
    return LiteralSet(literals), by_word


def count_terms(glossary, texts):
    """{term id: occurrences} over the texts, for the terms that occur; a term inside a longer one counts too."""
    terms = tuple((term["id"], tuple(term["zh"] + term["en"])) for term in glossary)
    literals, by_word = _screen(terms)
    lowered = [normalise(t).lower() for t in texts]
    # A variant's match holds each of its words, and most terms are absent from most clauses: one pass over
    # a clause finds the words it holds, and a term's regex runs only where all words of a variant are.
    where = {}  # term id -> indexes of the texts holding every word of one of its variants
    for i, text in enumerate(lowered):
        present = literals.present(text)
        for term_id in {term_id for word in present for term_id, words in by_word.get(word, ()) if words <= present}:
            where.setdefault(term_id, []).append(i)
    counts = {}
    for term_id, variants in terms:
        found = sum(len(term_pattern(variants).findall(lowered[i])) for i in where.get(term_id, ()))
        if found:
            counts[term_id] = found
    return counts
