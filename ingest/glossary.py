"""The bilingual glossary (corpus/glossary.yml): terms, their variants, and how often each occurs."""
import functools
import json
import re

from .errors import CorpusError
from .manifest import URL_SAFE_ID, read_yaml, strip_lines_marks
from .normalise import normalise

GLOSSARY_NAME = "glossary.yml"


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
        if not URL_SAFE_ID.match(str(item["id"])) or item["id"] in seen:
            raise CorpusError(path, f"term id {item['id']!r} is not URL-safe or is a duplicate", line=line)
        seen.add(item["id"])
        zh, en = [str(v) for v in item.get("zh") or []], [str(v) for v in item.get("en") or []]
        if not zh and not en:
            raise CorpusError(path, f"term {item['id']!r} has no variants", line=line)
        terms.append(strip_lines_marks({"id": str(item["id"]), "zh": zh, "en": en, "note": item.get("note")}))
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
def _term_pattern(variants):
    """One regex for all of a term's variants, longest first, so overlapping variants count once."""
    return re.compile("|".join(_variant_pattern(v) for v in sorted(variants, key=len, reverse=True)))


@functools.lru_cache(maxsize=4096)
def _first_words(variants):
    return tuple(normalise(v).lower().split()[0] for v in variants if v.strip())


def count_terms(glossary, texts):
    """{term id: occurrences} over the texts, for the terms that occur; a term inside a longer one counts too."""
    # NUL never occurs in text and \s does not match it, so no match spans two texts.
    lowered = "\x00".join(normalise(t) for t in texts).lower()
    counts = {}
    for term in glossary:
        variants = tuple(term["zh"] + term["en"])
        # Most terms are absent from most documents: a substring test of each variant's first word says so
        # without the regex (whose matches always contain that word).
        if not any(word in lowered for word in _first_words(variants)):
            continue
        found = sum(1 for _ in _term_pattern(variants).finditer(lowered))
        if found:
            counts[term["id"]] = found
    return counts
