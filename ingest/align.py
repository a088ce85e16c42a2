"""Translations side by side: align a translation's units with its original's.

A unit is a title or heading line (a sections row), the document number line of a Chinese original (it has
no row of its own: the documents row's doc_number), or a clause, cut further after each ';'/'；' that ends
an item (English clauses keep a semicolon list whole; Chinese ones are cut there already), in reading order.

The alignment is Gale and Church's (1993) dynamic programme over the two sequences of units, with beads of
1-1, 1-0, 0-1, 2-1, 1-2, 3-1 and 1-3 units. A bead's cost is the Gale–Church length cost (the translation's
length against the original's times the pair's own ratio of characters) and the bead type's prior, with
anchors: numbers and dates that must agree (a mismatch costs, a match earns), glossary terms found on both
sides (corpus/glossary.yml), and structure (a heading pairs with a heading of the same ordinal, never with a
clause). Each bead gets a confidence, and a flag when its numbers disagree: a translation error a reader
must know about.
"""
import math
import re
import unicodedata
from typing import NamedTuple

from .lexicon import EN_CARDINALS, EN_SCALES, MONTH_NAMES, MONTHS, ZH_DIGITS, ZH_LARGE_SCALES, ZH_SMALL_SCALES
from .taggers.glossary import count_terms

# Bead priors. Gale and Church's (0.89, 0.0099, 0.089 for 1-1, 1-0/0-1, 2-1/1-2) come from parliamentary
# proceedings; a policy translation is made clause by clause, and a unit without a counterpart (a translator's
# note, a sentence added to the original after the translation was made) is as likely as two merged, so their
# priors are equal (all seven sum to 1). With Gale and Church's, a short sentence added to the notice was merged
# into its neighbour's pair; with these it stays unpaired (tests/build/test_alignments.py), and the gold
# alignments are unchanged.
PRIORS = {(1, 1): 0.87, (1, 0): 0.03, (0, 1): 0.03, (2, 1): 0.03, (1, 2): 0.03, (3, 1): 0.005, (1, 3): 0.005}
VARIANCE_PER_CHAR = 6.8  # Gale and Church's s², in characters of the translation per character of the original
NUMBER_MATCH, NUMBER_MISMATCH = 1.5, 4.0  # cost earned per number both sides state, paid per one only one states
GLOSSARY_WEIGHT = 2.0  # cost earned for sharing all glossary terms (Jaccard index 1)
HEADING_ORDINAL, HEADING_MISMATCH = 3.0, 6.0  # same-numbered headings; a heading against a clause
BAND = 60  # units off the diagonal the programme looks at (a translation keeps the original's order)

_SEGMENT_END = re.compile(r"；|;(?=\s|$)")
_ARABIC = re.compile(r"\d+(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ZH_SCALE = ZH_LARGE_SCALES
_EN_SCALE = EN_SCALES
_EN_SCALE_AFTER = re.compile(r"\s*(" + "|".join(sorted(EN_SCALES, key=len, reverse=True)) + r")\b", re.I)
_ZH_NUMERALS = re.compile("[" + "".join(ZH_DIGITS) + "".join(ZH_SMALL_SCALES) + "]+")
_ZH_DIGIT = ZH_DIGITS
# Month names capitalised, as dates print them (the modal verb may is no month); a short form (Sept., Oct)
# only with its full stop or before a day.
_FULL_MONTHS = tuple(MONTH_NAMES)
_MONTH_WORD = re.compile(
    r"\b(" + "|".join(m.capitalize() for m in _FULL_MONTHS) + r")\b"
    r"|\b(" + "|".join(sorted((m.capitalize() for m in MONTHS if m not in _FULL_MONTHS), key=len, reverse=True))
    + r")(?:\.|(?=\s*\d))")
_EN_NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(EN_CARDINALS, key=len, reverse=True)) + r")\b", re.I)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


class Unit(NamedTuple):
    table: str  # sections, clauses or documents (the document number line)
    id: str
    kind: str  # title, heading, number or clause
    text: str  # the text compared and shown
    start: int | None  # offsets of the text in the document (None for the document number line)
    end: int | None
    ordinal: int | None  # a heading's number (二、 and II. are both 2)
    plain: str  # the text without a heading's marker: what numbers are read from


class Bead(NamedTuple):
    original: tuple  # indexes of original units
    translation: tuple  # indexes of translation units
    cost: float
    length_score: float | None  # Gale–Church's two-tailed probability of the lengths (None: one side empty)
    glossary_score: float | None  # Jaccard index of the glossary terms of the two sides (None: neither has one)
    glossary_terms: tuple
    numbers_original: tuple
    numbers_translation: tuple
    numbers_agree: bool | None  # None: neither side states a number
    confidence: float


def split_segments(text: str):
    """(start, end) of the items of a clause: cut after each '；', and each ';' followed by a space or the end."""
    spans, start = [], 0
    for m in _SEGMENT_END.finditer(text):
        if text[start:m.end()].strip():
            spans.append((start, m.end()))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    out = []
    for a, b in spans:
        while a < b and text[a].isspace():
            a += 1
        out.append((a, b))
    return out


def heading_ordinal(number: str | None) -> int | None:
    """二、 -> 2, （三） -> 3, II. -> 2, (4) -> 4, 5. -> 5; None for what is not a heading number."""
    if not number:
        return None
    core = unicodedata.normalize("NFKC", number).strip(" 、.．()（）第章部分编")
    if core.isdigit():
        return int(core)
    if core and all(c in _ROMAN for c in core.upper()):
        values = [_ROMAN[c] for c in core.upper()]
        return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    value = _zh_numeral(core)
    return int(value) if value is not None else None


def _zh_numeral(text):
    """一 -> 1, 十四 -> 14, 二十 -> 20, 一百二十 -> 120, 二〇二〇 -> 2020; None for what it cannot read."""
    if not text or any(c not in _ZH_DIGIT and c not in ZH_SMALL_SCALES for c in text):
        return None
    if all(c in _ZH_DIGIT for c in text):
        return int("".join(str(_ZH_DIGIT[c]) for c in text)) if len(text) > 1 else _ZH_DIGIT[text]
    total, digit = 0, None
    for c in text:
        if c in _ZH_DIGIT:
            digit = _ZH_DIGIT[c]
        else:
            scale = ZH_SMALL_SCALES[c]
            total += (1 if digit is None else digit) * scale
            digit = None
    return total + (digit or 0)


def _number(value):
    return int(value) if float(value).is_integer() else round(float(value), 6)


def numbers_in(text: str, lang: str):
    """(hard, soft): the numbers a text states in digits (with 万/亿 or thousand/million multiplied out, and
    English month names as their numbers, so 2024年6月15日 and June 15, 2024 agree), and those it may state in
    words (Chinese numerals, English number words), which excuse a missing number on the other side."""
    text = unicodedata.normalize("NFKC", text or "")
    hard, soft = set(), set()
    for m in _ARABIC.finditer(text):
        value = float(m.group(0).replace(",", ""))
        rest = text[m.end():m.end() + 10]
        if lang == "zh" and rest[:1] in _ZH_SCALE:
            soft.add(_number(value))
            value *= _ZH_SCALE[rest[0]]
        elif lang == "en":
            word = _EN_SCALE_AFTER.match(rest)
            if word:
                soft.add(_number(value))
                value *= _EN_SCALE[word.group(1).lower()]
        hard.add(_number(value))
    if lang == "en":
        hard.update(MONTHS[(m.group(1) or m.group(2)).lower()] for m in _MONTH_WORD.finditer(text))
        soft.update(EN_CARDINALS[m.group(1).lower()] for m in _EN_NUMBER_WORD.finditer(text))
    else:
        for m in _ZH_NUMERALS.finditer(text):
            value = _zh_numeral(m.group(0))
            if value is not None:
                soft.add(value)
            soft.update(_ZH_DIGIT[c] for c in m.group(0) if c in _ZH_DIGIT)
    return frozenset(hard), frozenset(soft)


def compare_numbers(original, translation):
    """(agree, only in the original, only in the translation): numbers of each side (numbers_in of its units,
    joined) that the other side states neither in digits nor in words. agree is None when neither states one."""
    (oh, os_), (th, ts) = original, translation
    if not oh and not th:
        return None, (), ()
    only_o = tuple(sorted(oh - th - ts))
    only_t = tuple(sorted(th - oh - os_))
    return not only_o and not only_t, only_o, only_t


def _two_tailed(delta):
    return 2 * (1 - 0.5 * (1 + math.erf(abs(delta) / math.sqrt(2))))


def length_probability(length_o, length_t, ratio):
    """Gale and Church's probability that a translation this long renders an original this long."""
    if length_o == 0 and length_t == 0:
        return 1.0
    mean = (length_o + length_t / ratio) / 2
    delta = (length_t - length_o * ratio) / math.sqrt(max(mean, 1.0) * VARIANCE_PER_CHAR * ratio)
    return _two_tailed(delta)


class _Side(NamedTuple):
    units: list
    lengths: list
    numbers: list  # (hard, soft) per unit
    terms: list  # frozenset of glossary term ids per unit


def _side(units, lang, glossary):
    return _Side(units, [len(u.text) for u in units], [numbers_in(u.plain, lang) for u in units],
                 [frozenset(count_terms(glossary, [u.plain])) for u in units] if glossary else [frozenset()] * len(units))


def _join(items):
    hard, soft = set(), set()
    for h, s in items:
        hard |= h
        soft |= s
    return frozenset(hard), frozenset(soft)


def _bead(o: _Side, t: _Side, oi: range, tj: range, ratio):
    """The Bead for original units oi and translation units tj, or None when it may not be formed."""
    ou, tu = [o.units[i] for i in oi], [t.units[j] for j in tj]
    kinds = {u.kind for u in ou + tu}
    if (len(ou) > 1 or len(tu) > 1) and kinds & {"title", "heading", "number"}:
        return None  # a heading or title line is a bead of its own
    prior = PRIORS[(len(ou), len(tu))]
    cost = -math.log(prior)
    numbers_o, numbers_t = _join(o.numbers[i] for i in oi), _join(t.numbers[j] for j in tj)
    agree, only_o, only_t = compare_numbers(numbers_o, numbers_t)
    terms_o = frozenset().union(*(o.terms[i] for i in oi)) if ou else frozenset()
    terms_t = frozenset().union(*(t.terms[j] for j in tj)) if tu else frozenset()
    length = gloss = None
    same_heading = False
    if ou and tu:
        length = length_probability(sum(o.lengths[i] for i in oi), sum(t.lengths[j] for j in tj), ratio)
        cost += -math.log(max(length, 1e-12))
        if agree is not None:
            cost += NUMBER_MISMATCH * (len(only_o) + len(only_t)) - NUMBER_MATCH * min(3, len(numbers_o[0] & numbers_t[0]))
        if terms_o or terms_t:
            gloss = len(terms_o & terms_t) / len(terms_o | terms_t)
            cost -= GLOSSARY_WEIGHT * gloss
        heads_o = [u for u in ou if u.kind == "heading"]
        heads_t = [u for u in tu if u.kind == "heading"]
        if heads_o and heads_t:
            same_heading = heads_o[0].ordinal is not None and heads_o[0].ordinal == heads_t[0].ordinal
            if same_heading:
                cost -= HEADING_ORDINAL
        elif heads_o or heads_t:
            cost += HEADING_MISMATCH
    elif agree is not None:
        cost += NUMBER_MISMATCH / 2 * (len(numbers_o[0]) + len(numbers_t[0]))  # numbers left untranslated
    numbers_agree = agree if (ou and tu) else None
    confidence = _confidence(length, gloss, numbers_agree, len(numbers_o[0] & numbers_t[0]), same_heading,
                             (len(ou), len(tu)))
    return Bead(tuple(oi), tuple(tj), cost, length, gloss, tuple(sorted(terms_o & terms_t)),
                tuple(sorted(numbers_o[0])), tuple(sorted(numbers_t[0])), numbers_agree, confidence)


def _confidence(length, gloss, numbers_agree, shared_numbers, same_heading, shape):
    """0–1, how sure the pairing is: the evidences for it (the length probability, the share of glossary terms,
    agreeing numbers, a heading of the same number) combined as independent ones (1 - the product of their
    complements), halved when the numbers disagree and lowered for beads other than 1-1. An unpaired unit is 0:
    a place to check by reading."""
    if length is None:
        return 0.0
    evidence = [length, gloss or 0.0]
    if numbers_agree:
        evidence.append(0.95 if shared_numbers >= 2 else 0.8)
    if same_heading:
        evidence.append(0.9)
    doubt = 1.0
    for e in evidence:
        doubt *= 1.0 - e
    factor = {(1, 1): 1.0, (2, 1): 0.9, (1, 2): 0.9}.get(shape, 0.8) * (0.5 if numbers_agree is False else 1.0)
    return round(factor * (1.0 - doubt), 3)


def align(original: list, translation: list, lang_original: str, lang_translation: str, glossary=()):
    """Beads aligning two lists of Units in order, every unit in exactly one bead."""
    o, t = _side(original, lang_original, glossary), _side(translation, lang_translation, glossary)
    n, m = len(original), len(translation)
    ratio = (sum(t.lengths) / sum(o.lengths)) if sum(o.lengths) and sum(t.lengths) else 1.0
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    band = BAND + abs(n - m)  # wide enough that the last cell is always reached
    for i in range(n + 1):
        centre = i * m / n if n else 0
        for j in range(max(0, int(centre) - band), min(m, int(centre) + band) + 1):
            if cost[i][j] == inf:
                continue
            for di, dj in PRIORS:
                a, b = i + di, j + dj
                if a > n or b > m:
                    continue
                bead = _bead(o, t, range(i, a), range(j, b), ratio)
                if bead is not None and cost[i][j] + bead.cost < cost[a][b]:
                    cost[a][b] = cost[i][j] + bead.cost
                    back[a][b] = bead
    beads, i, j = [], n, m
    while i or j:
        bead = back[i][j]
        beads.append(bead)
        i, j = (bead.original[0] if bead.original else i), (bead.translation[0] if bead.translation else j)
    return beads[::-1]


# ---------------------------------------------------------------------------------------------- units
def document_units(doc, sections, clauses):
    """The units of a document, in reading order: title and heading lines (sections), its document number line
    when it is in the document's own script and no section or clause holds it, and clause items."""
    units = []
    for s in sections:
        kind = "title" if (s["level"] or 0) == 0 else "heading"
        units.append(Unit("sections", s["id"], kind, s["text"], s["start"], s["end"], heading_ordinal(s.get("number")),
                          s.get("heading") or s["text"]))
    for c in clauses:
        for a, b in split_segments(c["text"]):
            units.append(Unit("clauses", c["id"], "clause", c["text"][a:b], c["start"] + a, c["start"] + b, None,
                              c["text"][a:b]))
    units.sort(key=lambda u: (u.start, u.end))
    number = doc.get("doc_number_printed") or doc.get("doc_number")
    own_script = number and (any("\u4e00" <= ch <= "\u9fff" for ch in number) == (doc.get("language") == "zh"))
    if own_script and not any(number in u.text for u in units):
        at = next((k + 1 for k, u in enumerate(units) if u.kind == "title"), 0)
        units.insert(at, Unit("documents", doc["id"], "number", number, None, None, None, number))
    return units
