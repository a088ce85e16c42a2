"""The bilingual glossary (corpus/glossary.yml): terms, their variants, and how often each occurs."""
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
    v = normalise(variant)
    if re.search(r"[A-Za-z]", v):
        return re.compile(r"(?<![A-Za-z])" + re.escape(v).replace(r"\ ", r"\s+"), re.I)
    return re.compile(re.escape(v))


def count_occurrences(term, texts):
    """How many times any variant of the term occurs in the texts (overlapping variants counted once)."""
    patterns = [_variant_pattern(v) for v in term["zh"] + term["en"]]
    total = 0
    for text in texts:
        norm = normalise(text)
        spans = sorted({m.span() for p in patterns for m in p.finditer(norm)})
        last_end = -1
        for start, end in spans:
            if start >= last_end:
                total += 1
                last_end = end
    return total
