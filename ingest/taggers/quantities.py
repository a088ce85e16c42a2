"""Quantities in clause text, Chinese and English, before anyone asks what they are for: 4,618 times; 69万人;
more than 50%; nine academicians; 25-30岁; 三四十名; more than double. Each has a value (the low bound of a
range), value_high (its high bound, else None), a unit and a qualifier.

figures gives each one a kind and a year (from the clause's dates); dates asks whether a date's part of a
clause sets a quantified goal. Numbers that are not quantities (years, dates, durations, ordinals, list
numbers, phone / document / house numbers, number words inside names and slogans, a number word referring
back to a set already named) are left out.

Every test reads a bounded window of text around a number (WINDOW characters), never the whole text before
or after it, so a clause is tagged in time linear in its length, punctuation or not.
"""
import bisect
import functools
import math
import re
import string

from .. import lexicon
from ..lexicon import alternation
from ..literals import LiteralSet
from ..numbers import SCALES, parse_arabic, parse_chinese_range, parse_english_words, tidy
from ..segment import get_tokenizer

WINDOW = 80  # characters read after a number by any one test (anchored there: re.match)
# ... and before it. A test that ends at the number ($) is tried at every offset of what it is given, so
# it is given only as much as its longest words need.
BEFORE_WINDOW = 32
UNIT_WINDOW = 120  # characters of a unit's noun phrase, read after the number
ZH_NOUN_WINDOW = 30  # characters of a Chinese noun phrase, before or after the number

# ================================================================================== shared patterns
# (The words themselves are in lexicon: qualifiers, measure words, currencies, number and scale words, and the
# words around a number that make it something other than a count.)
ZH_NOT_COUNT_AFTER = re.compile(alternation(lexicon.ZH_NOT_COUNT_AFTER))
ZH_NOT_COUNT_BEFORE = re.compile(alternation(lexicon.ZH_NOT_COUNT_BEFORE) + r"\s*$")
ZH_BACK_REFERENCE_BEFORE = re.compile(alternation(lexicon.ZH_BACK_REFERENCE_BEFORE) + r"\s*$")

# ================================================================================== English patterns
# A cardinal under a hundred: twenty-five, eleven, nine.
_CARD = ("(?:" + alternation(lexicon.EN_TENS) + "-" + alternation(lexicon.EN_UNITS) + "|"
         + alternation(lexicon.EN_CARDINALS)[3:])
_SCALE_NAMES = tuple(lexicon.EN_SCALES)
_WORD_SCALE_NAMES = _SCALE_NAMES + tuple(lexicon.EN_DOZEN)  # "a dozen" as "a hundred"; never after digits
_SCALE_WORD = alternation(_WORD_SCALE_NAMES) + r"(?![a-z])"
# A number word starts where an English word does ("recruitedFive people" included).
_WORD_START = lexicon.EN_WORD_START
EN_NUMBER_WORDS = re.compile(
    _WORD_START + r"(?P<num>(?i:(?:" + _CARD + r"|an?)\s+" + _SCALE_WORD
    + r"(?:\s+(?:and\s+)?(?:" + _CARD + r"\s+)?" + _SCALE_WORD + r")*"
    + r"(?:\s+(?:and\s+)?" + _CARD + r"(?![a-z]))?|" + _CARD + r"))(?![A-Za-z])")
# Every match of EN_NUMBER_WORDS holds one of these words where a word starts ("a hundred": hundred).
EN_NUMBER_WORD_SCREEN = LiteralSet(re.findall(r"[a-z]+", _CARD) + list(_WORD_SCALE_NAMES))
EN_MULTIPLE_WORDS = re.compile(r"(?<![A-Za-z-])(?P<num>(?i:" + alternation(lexicon.EN_MULTIPLES) + r"))(?![A-Za-z])")
EN_MULTIPLE_SCREEN = LiteralSet(lexicon.EN_MULTIPLES)
_ASCII_LETTERS = frozenset(string.ascii_letters)
_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
DIGIT = re.compile(r"\d")
DIGIT_RUN = re.compile(r"\d+")  # a match of EN_DIGITS starts where a run of digits does
_EN_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_EN_SCALE = r"(?:\s?(?P<scale>" + alternation(_SCALE_NAMES, "i") + r")(?![A-Za-z]))?(?P<pct>\s?%)?"
# Digits stand alone, or are glued to a lower-case word in machine translation ("reached4,618 times"), or
# follow a full stop glued to a word ("University.1 offline job fair": a stray full stop).
EN_DIGITS = re.compile(
    r"(?:(?<=[a-z]{4})|(?<=[A-Za-z]{2}\.)|(?<![\w./\\\-–—#@:+])(?<!\d,))"
    r"(?P<num>" + _EN_NUM + r")(?!\d|,\d)" + _EN_SCALE)
# The second bound of a range, right after the first: "25-30", "10 to 15", "90,000 to 110,000".
# It may repeat the first's currency: "$970 to $1,380".
EN_RANGE_TAIL = re.compile(
    r"\s*(?P<joiner>[-–—]|to(?=\s)|and(?=\s))\s*(?:" + alternation(lexicon.CURRENCY_BEFORE) + r"\s?)?(?P<num>"
    + _EN_NUM + r")(?!\d|,\d|[-/:.]\d)" + _EN_SCALE)
EN_WORD_RANGE_TAIL = re.compile(r"\s*(?P<joiner>-|to(?=\s)|and(?=\s))\s*(?=[A-Za-z])")
EN_BETWEEN_BEFORE = re.compile(r"(?<![A-Za-z])between\s+$", re.I)
# "ranging from 18 to 20 percent" is a range; "increased from 690,000 to 860,000" is two figures.
EN_FROM_BEFORE = re.compile(r"(?:(?<![A-Za-z])(?P<verb>[A-Za-z]+)\s+)?from\s+$", re.I)
EN_PERCENT_AFTER = re.compile(r"\s+(?i:per\s?cent(?![a-z])|percentage points?)")
EN_DURATION_AFTER = re.compile(
    r"(?:\s*-\s*|\s+)(?:" + alternation(lexicon.EN_DURATION_MODIFIERS) + r"\s+)?(?i:"
    + alternation(lexicon.EN_DURATION_UNITS) + r")s?(?![a-z])")
EN_AGE_AFTER = re.compile("(?i:" + alternation(lexicon.EN_AGE_AFTER) + r")(?![a-z])")
# "the median age of new attorneys fell to 31 years": an age named earlier in the clause's part, then years.
EN_AGE_SUBJECT = re.compile(r"(?<![A-Za-z])(?i:" + alternation(lexicon.EN_AGE_NOUNS) + r")(?![A-Za-z])[^,;:.!?\d]{0,80}$")
EN_YEARS_AFTER = re.compile(r"\s+years?(?![A-Za-z-])", re.I)
EN_IN_YEAR_AFTER = re.compile(r"\s+in\s+(?:19|20)\d\d(?!\d)")  # "two in 2019"
EN_AGE_BEFORE = re.compile(r"(?<![A-Za-z])(?i:" + alternation(lexicon.EN_AGE_BEFORE) + r")\s+$")
EN_FREQUENCY_AFTER = re.compile(r"\s+(?i:" + alternation(lexicon.EN_FREQUENCY_AFTER) + r")(?![a-z])")
EN_TIMES_AFTER = re.compile(r"\s+times(?![a-z])", re.I)
EN_TIME_AFTER = re.compile(r"\s*" + alternation(lexicon.EN_TIME_AFTER, "i") + r"(?![A-Za-z])")
EN_FOLD_AFTER = re.compile(alternation(lexicon.EN_FOLD_AFTER, "i") + r"(?![a-z])")
# Digits in groups with spaces between them are a phone or an account number: 010 6208 3921, +86 21 6000 0000.
SPACED_DIGITS_AFTER = re.compile(r" \d{2,}(?![\d,.]\d)")
SPACED_DIGITS_BEFORE = re.compile(r"(?<![\d,.])\d{2,} $")
EN_HYPHEN_COMPOUND_AFTER = re.compile(r"-[A-Za-z]")  # four-pronged, one-stop, Five-Year
EN_JOINED = re.compile(r"[-/–—:~]\d")  # ranges, dates, phone numbers, clock times
_MONTHS = alternation(name.title() for name in lexicon.MONTHS)
EN_MONTH_BEFORE = re.compile(_MONTHS + r"\.?\s*$")
EN_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?![a-z])")
EN_ORDINAL_SUFFIX = re.compile(r"(?:st|nd|rd|th)(?![a-z])", re.I)
EN_LABEL_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])" + alternation(lexicon.EN_LABEL_WORDS, "i") + r"\.?\s*:?\s*|#\s*)$")
EN_CODE_BEFORE = re.compile(r"(?<![A-Za-z])[A-Z]{2,}[\s/\-]?$")  # ISO 9001, GB/T 7714
EN_ADDRESS_AFTER = re.compile(r"\s+(?:[A-Z][a-z]+\s+){1,3}" + alternation(lexicon.EN_STREET_WORDS) + r"\b")
EN_LIST_NUMBER = re.compile(r"\s*(?:\d{1,2}|[A-Za-z])\s*[.)、．](?!\d)|\s*[(（]\s*\d{1,2}\s*[)）]")
EN_PAREN_NUMBER = re.compile(r"[(（\[［]\s*$")  # (3) an item, [2] a footnote
EN_PER_BEFORE = re.compile(r"(?<![A-Za-z])" + lexicon.EN_PER + r"\s+$", re.I)
EN_CURRENCY_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])" + alternation(c for c in lexicon.CURRENCY_BEFORE if c[0].isalpha())
    + "|" + alternation(c for c in lexicon.CURRENCY_BEFORE if not c[0].isalpha()) + r")\s?$")
EN_CURRENCY_AFTER = re.compile(r"\s+(?P<c>" + alternation(lexicon.EN_CURRENCY_AFTER) + r")(?![A-Za-z])")
EN_QUALIFIER_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<q>" + alternation(lexicon.EN_QUALIFIERS_BEFORE) + r")\s*$", re.I)
EN_QUALIFIER_AFTER = re.compile(r"\s+(?P<q>" + alternation(lexicon.EN_QUALIFIERS_AFTER) + r")(?![a-z])", re.I)
EN_PASSED_BEFORE = re.compile(r"(?<![A-Za-z])(?P<q>" + alternation(lexicon.EN_PASSED_BEFORE) + r")\s+$", re.I)
# The last words of the look-behind phrases: the regexes run only after one of them (word_before).
EN_QUALIFIER_LAST_WORDS = frozenset(q.split()[-1].lower().rstrip(".") for q in lexicon.EN_QUALIFIERS_BEFORE)
EN_AGE_LAST_WORDS = frozenset(w.split()[-1] for w in lexicon.EN_AGE_BEFORE)
EN_LABEL_WORDS = frozenset(w.lower() for w in lexicon.EN_LABEL_WORDS)
EN_PLURAL = re.compile(r"[A-Za-z-]{2,}(?<![su]s)(?<!is)s$|.*-times$")
EN_NUMBER_WORD = re.compile(r"^(?:\d[\d,.]*|" + _CARD + "|" + alternation(_WORD_SCALE_NAMES)[3:] + "$", re.I)
EN_UNIT_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d,.]*|[^\sA-Za-z\d]")
# "the number of intellectual property talents will exceed 1 million": the unit is named before the number.
EN_UNIT_BEFORE = re.compile(
    alternation(lexicon.EN_UNIT_BEFORE_NOUNS, "i") + r"\s+of\s+(?P<np>[^,;:.]+?)\s+"
    + alternation(lexicon.EN_UNIT_BEFORE_VERBS, "i") + r"(?![a-z])")
# Units of measure: "one" counts before them ("one million", "one percent"), and is the article otherwise.
EN_MEASURE_UNITS = frozenset({"percent", "percentage points", "times", "years of age",
                              *lexicon.CURRENCY_BEFORE.values(), *lexicon.EN_CURRENCY_AFTER.values()})

# ================================================================================== Chinese patterns
_ZH_DIGIT = "零〇一二两三四五六七八九"
_ZH_NUMERAL = _ZH_DIGIT + "十百千万亿"
_ZH_JOINER = alternation(lexicon.ZH_RANGE_JOINERS)
ZH_NUMBER = re.compile(
    r"(?P<pctwords>百分之(?P<pw>[" + _ZH_NUMERAL + r"点]+|\d+(?:\.\d+)?))"
    r"|(?P<doubling>" + lexicon.ZH_DOUBLING[0] + r"了?(?P<times>[一两二三四五1-5])" + lexicon.ZH_DOUBLING[1] + ")"
    r"|(?<![\dA-Za-z./\\\-–—:])(?<!\d,)(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!\d|,\d)"
    r"(?P<more>\s?[多余](?=\s?[万亿]))?(?P<scale>\s?[十百千万亿]+)?(?P<pct>\s?%)?"
    r"|(?<![" + _ZH_NUMERAL + r"])(?P<cn>[" + _ZH_DIGIT + r"十百千][" + _ZH_NUMERAL + r"]*)"
    r"(?P<cnmore>[多余](?=[万亿]))?(?P<cnscale>[万亿])?(?P<cnpct>%)?")
# The second bound of a range: 3—5家, 25——30 岁, 1-2万元, 三至五家.
ZH_RANGE_TAIL = re.compile(
    r"\s*(?:" + _ZH_JOINER + r"){1,2}\s*(?:(?P<num>\d+(?:\.\d+)?)(?!\d)(?P<scale>\s?[十百千万亿]+)?(?P<pct>\s?%)?"
    r"|(?P<cn>[" + _ZH_DIGIT + r"十][" + _ZH_NUMERAL + r"]*))")
# Tenths: 四成 is 40 percent.
ZH_TENTHS = re.compile(r"(?<![" + _ZH_NUMERAL + r"\d])(?P<n>[一二两三四五六七八九]|[1-9](?![\d.]))"
                       + lexicon.ZH_TENTHS + r"(?!" + alternation(lexicon.ZH_NOT_TENTHS_AFTER) + ")")
# Shares named by a word: 一半, 半数 (50 percent); not 另一半.
ZH_SHARE = re.compile(r"(?<!" + alternation(lexicon.ZH_SHARE_NOT_BEFORE) + r")(?P<n>"
                      + alternation(lexicon.ZH_SHARES) + ")")
# Every ZH_NUMBER match opens with one of these. ZH_NUMBER's look-behinds make it slow to run over a clause
# with no number in it, which this finds far faster (three Chinese clauses in four of the benchmark's have none).
ZH_NUMBER_SCREEN = re.compile(r"[\d" + _ZH_DIGIT + "十百千翻]")
ZH_PLAN_ABBREVIATION = re.compile(r"十[一二三四五六七八九]五")  # 十四五: the 14th Five-Year Plan
ZH_ENUMERATOR_AFTER = re.compile(r"(?:是|、|[)）])")  # 一是…二是…, 一、, (三)
ZH_IDIOM_AFTER = re.compile(r"位一体")  # 五位一体, 三位一体
ZH_JOINED = re.compile(r"[-/–—:~～]\d")
ZH_PERSON_NOUN_AFTER_REN = re.compile(r"人[才民口力事士社工员]")
ZH_MORE_AFTER = re.compile(r"\s?[" + lexicon.ZH_MORE_AFTER + "]")
ZH_QUALIFIER_AFTER = re.compile(r"\s?(?P<q>" + alternation(lexicon.ZH_QUALIFIERS_AFTER) + ")")
# The qualifier, maybe with a copula after it: 约1500人, 约为1500人, 超过了.
ZH_QUALIFIER_BEFORE = re.compile("(?P<q>" + alternation(lexicon.ZH_QUALIFIERS_BEFORE) + r")(?:" +
                                 alternation(lexicon.ZH_QUALIFIER_COPULAS) + r")?\s*$")
# A share's qualifier may stand before what it is a share of: 不少于当年新增岗位的50%. Two-character qualifiers
# only: 近 and 超 also open words (近年来的, 超市的).
ZH_QUALIFIER_OVER_SHARE = re.compile(
    "(?P<q>" + alternation(q for q in lexicon.ZH_QUALIFIERS_BEFORE if len(q) > 1) + r")[\u4e00-\u9fff]{1,12}的\s*$")
ZH_VAGUE_BEFORE = re.compile(alternation(lexicon.ZH_VAGUE_BEFORE) + "$")
ZH_NOUN_FLAGS = ("n", "vn", "j", "nz", "an", "ng", "l")
ZH_ADJ_FLAGS = ("a", "b")
ZH_CLAUSE_BREAK = re.compile(r"[，。；：、,;:！？!?（）()“”\"\s]")
# Between the noun and its number: 执业专利代理师3.5万人, 机构达到 63859 家, 从业人员约 92.8 万人 (longest first).
ZH_NOUN_TO_NUMBER = tuple(sorted({*lexicon.ZH_NOUN_TO_NUMBER, *lexicon.ZH_QUALIFIERS_BEFORE}, key=len, reverse=True))
ZH_CLASSIFIER = re.compile(alternation(lexicon.ZH_CLASSIFIERS))
_MAX_DIGITS = 12  # digits without separators: longer runs are identifiers, not quantities
_MAX_SCALED_DIGITS = 8  # ... and before 万 or 亿, where a writer wanting a large number would use the scale


# ================================================================================== public
def find_quantities(text: str, lang: str, tokenizer=None, words=None, original: str | None = None) -> list[dict]:
    """Every quantity in one clause's normalised text (normalise()), in text order: start, end, surface,
    value, value_high, unit, qualifier, tail (where the words the quantity took in end: its unit or per cent).
    original: the text as printed, which Chinese units are taken from (default: text). tokenizer and words as
    for figures.tag_figures."""
    found = find_chinese_quantities(text, tokenizer, words, original or text) if lang.startswith("zh") \
        else find_english_quantities(text)
    return [f for f in found if _countable(f["value"]) and (f["value_high"] is None or _countable(f["value_high"]))]


# No policy text counts past a quadrillion (a country's GDP in yuan is about 10**14): a larger "number" is a
# code, a run of digits or a misread numeral, not a figure.
MAX_VALUE = 10 ** 15


def _countable(value) -> bool:
    return math.isfinite(value) and abs(value) < MAX_VALUE


# ================================================================================== English
def find_english_quantities(text: str) -> list[dict]:
    """Quantities in English text."""
    # Each scan runs only when a cheap test says it can find something; most clauses pass neither.
    digits, word_starts = DIGIT.search(text) is not None, number_word_starts(text)
    multiples = next(EN_MULTIPLE_SCREEN.matches(text.lower()), None) is not None
    shares = "half" in text or "Half" in text
    if not digits and not word_starts and not multiples and not shares:
        return []
    quoted = QuotedSpans(text)
    found = (scan_english_digits(text) if digits else []) + scan_english_words(text, quoted, word_starts)
    if multiples:
        found += scan_english_multiples(text, quoted)
    if shares:
        found += scan_english_shares(text, quoted)
    figures = drop_overlaps(found)
    for fig in figures:
        fig["unit"] = fig["unit"] or find_english_unit(text, fig)
        fig["qualifier"] = fig["qualifier"] or find_english_qualifier(text, fig)
    return [f for f in figures if not is_indefinite_one(f)]


def is_indefinite_one(fig: dict) -> bool:
    """'one' (or 一) counts only with a scale word, a qualifier or a unit of measure ("one million", "up to
    one", "一倍", "一万名"); otherwise it is the indefinite article ("one basic talent team", 一项重要任务)."""
    if not fig.get("one") or fig["qualifier"]:
        return False
    if "classifier" in fig:  # Chinese
        return fig["classifier"] not in lexicon.ZH_MEASURE_UNITS
    return fig["unit"] not in EN_MEASURE_UNITS


def _window_before(text: str, start: int, size: int = BEFORE_WINDOW) -> str:
    return text[max(0, start - size):start]


def _window_after(text: str, end: int, size: int = WINDOW) -> str:
    return text[end:end + size]


def scan_english_digits(text: str) -> list[dict]:
    """Numbers written in digits, with a scale word or %, and ranges of them, that pass the not-a-quantity
    checks."""
    found = []
    for m in matches_at(EN_DIGITS, text, (run.start() for run in DIGIT_RUN.finditer(text))):
        fig = english_digits_figure(text, m)
        if fig:
            found.append(fig)
    return found


def english_digits_figure(text: str, m: re.Match) -> dict | None:
    """One EN_DIGITS match, with the second bound of a range when one follows, as a figure; None when it is not
    a quantity."""
    start, end = m.span()
    value, scaled = _english_value(m)
    high, high_match = None, EN_RANGE_TAIL.match(text, end) if end < len(text) else None
    if high_match and _is_english_range(text, start, m, high_match):
        high, high_scaled = _english_value(high_match)
        if not scaled and high_match.group("scale"):
            value *= SCALES[high_match.group("scale").lower()]  # "1 to 2 million"
        if value < high:
            end = high_match.end()
            scaled = scaled or high_scaled
            if high_match.group("pct") and not m.group("pct"):
                m = high_match  # "10-15%": the per cent sign of the second bound
        else:
            high = None
    elif high_match is None and EN_JOINED.match(text, end):
        return None  # dates, phone numbers, clock times, scores: joined digits that are no range
    if is_english_non_count(text, start, end, m.group("num"), scaled):
        return None
    fig = {"start": start, "end": end, "surface": text[start:end], "value": tidy(value),
           "value_high": None if high is None else tidy(high), "tail": end, "unit": None, "qualifier": None}
    after = _window_after(text, end)
    if m.group("pct"):
        fig["unit"] = "percent"
    elif (pm := EN_PERCENT_AFTER.match(after)):
        fig["unit"] = "percentage points" if "point" in pm.group(0).lower() else "percent"
        fig["tail"] = end + pm.end()
    elif (cm := EN_CURRENCY_BEFORE.search(_window_before(text, start, 8))):
        fig["unit"] = lexicon.CURRENCY_BEFORE[cm.group(0).strip()]
    set_english_age(text, fig)
    if (fm := EN_FOLD_AFTER.match(text, end)):
        fig["unit"], fig["tail"] = "times", end + fm.end() - end  # "a 2.5-fold rise"
    elif text[end:end + 1] == lexicon.EN_MORE_AFTER and not text[end + 1:end + 2].isdigit():
        fig["qualifier"], fig["tail"] = "gt", end + 1  # "500+ firms"
    return fig


def is_spaced_digits(text: str, start: int, end: int) -> bool:
    """Whether plain digits stand in a row of digit groups split by spaces: a phone or account number."""
    return bool(SPACED_DIGITS_AFTER.match(text, end) or SPACED_DIGITS_BEFORE.search(text, max(0, start - 12), start))


def _english_value(m: re.Match) -> tuple[float, bool]:
    """The value of a match with num and scale groups, and whether a scale word or % came with it."""
    value = parse_arabic(m.group("num"))
    if m.group("scale"):
        value *= SCALES[m.group("scale").lower()]
    return value, bool(m.group("scale") or m.group("pct"))


def _is_english_range(text: str, start: int, first: re.Match, tail: re.Match) -> bool:
    """Whether the number after the first makes a range with it: "25-30", "18 to 20 percent", "between 5 and 8";
    not "2021-2035" (years), "010-62083921" (a phone number) or "from 690,000 to 860,000" after a verb of
    change (two figures)."""
    a, b = first.group("num"), tail.group("num")
    for digits in (a, b):
        plain = digits.replace(",", "")
        if "," not in digits and "." not in digits and (
                len(plain) >= 5 or len(plain) == 4 and is_year_number(plain)):
            return False
    before = _window_before(text, start)
    joiner = tail.group("joiner")
    if joiner == "and":
        return EN_BETWEEN_BEFORE.search(before) is not None
    if joiner == "to" and (fm := EN_FROM_BEFORE.search(before)):
        return fm.group("verb") is None or fm.group("verb").lower() in lexicon.EN_RANGE_VERBS
    return True


def set_english_age(text: str, fig: dict) -> None:
    """A person's age ("a 23-year-old", "aged 35 or under", "25-30 years old") gets unit years of age."""
    after = _window_after(text, fig["end"], 20)
    if (am := EN_AGE_AFTER.match(after)):
        fig["unit"], fig["tail"] = "years of age", fig["end"] + am.end()
    elif word_before(text, fig["start"])[0].lower() in EN_AGE_LAST_WORDS \
            and EN_AGE_BEFORE.search(_window_before(text, fig["start"], 20)):
        fig["unit"] = "years of age"
    elif (years := stated_age_years(text, fig["start"], fig["end"])):
        fig["unit"], fig["tail"] = "years of age", years.end()


def stated_age_years(text: str, start: int, end: int) -> re.Match | None:
    """The "years" after a number stated of an age named before it in its part of the clause, with no other
    number between ("the median age of new attorneys fell to 31 years"), else None."""
    years = EN_YEARS_AFTER.match(text, end)
    return years if years and EN_AGE_SUBJECT.search(_window_before(text, start, 100)) else None


@functools.lru_cache(maxsize=8)  # asked by several tests of the same number in turn
def word_before(text: str, start: int) -> tuple[str, str]:
    """The ASCII word before text[start] and what stands between them (at most BEFORE_WINDOW characters back):
    (word, gap). The look-behind tests run only when the word is one they need: a regex ending in $ is tried
    at every offset of the text it is given, a set lookup is not."""
    at, stop = start, max(0, start - BEFORE_WINDOW)
    while at > stop and text[at - 1] not in _ASCII_LETTERS:
        at -= 1
    word_end = at
    while at > stop and text[at - 1] in _ASCII_LETTERS:
        at -= 1
    return text[at:word_end], text[word_end:start]


def is_english_non_count(text: str, start: int, end: int, digits: str, scaled) -> bool:
    """True when digits are a year, date, ordinal, list number, code, phone or house number rather than a count."""
    before, after = _window_before(text, start), _window_after(text, end)
    word, gap = word_before(text, start)
    low = word.lower()
    plain = digits.replace(",", "").replace(".", "")
    if EN_JOINED.match(after) or (start >= 2 and text[start - 1] in "-/–—:~" and text[start - 2].isdigit()):
        return True
    if EN_AGE_AFTER.match(after) or EN_FOLD_AFTER.match(after):
        return False  # "23-year-old": a person's age; "3-fold": a multiple
    if EN_TIME_AFTER.match(after):
        return True  # "at 9 a.m.": a time of day
    if "," not in digits and "." not in digits and not scaled and is_spaced_digits(text, start, end):
        return True
    if after[:1].isalpha() and not scaled:
        glued = re.match(r"[a-z]+", after)
        if not glued or len(glued.group(0)) < 3 or EN_ORDINAL_SUFFIX.match(after):
            return True
    # "two years", "a 3-month course": durations; but a share ("11.3% year-on-year") is never one, nor are
    # years stated of an age ("the average age ... is 31 years").
    if EN_HYPHEN_COMPOUND_AFTER.match(after) or EN_DURATION_AFTER.match(after) and not text[:end].endswith("%") \
            and not stated_age_years(text, start, end):
        return True
    if (low in lexicon.MONTHS and word[0].isupper() and EN_MONTH_BEFORE.search(before)) or EN_MONTH_AFTER.match(after):
        return True
    if ((low in EN_LABEL_WORDS or "#" in gap) and EN_LABEL_BEFORE.search(before)) or EN_ADDRESS_AFTER.match(after):
        return True
    if len(word) >= 2 and word.isupper() and EN_CODE_BEFORE.search(before) and not EN_CURRENCY_BEFORE.search(before):
        return True
    if low == lexicon.EN_PER and EN_PER_BEFORE.search(before):
        return True  # "45.6 per 10,000 residents": the denominator of a ratio
    if is_list_number(text, start, end):
        return True
    if any(b in gap for b in "(（[［") and EN_PAREN_NUMBER.search(before) and re.match(r"\s*[)）\]］]", after):
        return True
    if "," not in digits and "." not in digits and not scaled:
        if len(plain) >= 5:
            return True  # phone, postal, licence and registration numbers; English prints counts with commas
        if len(plain) == 4 and is_year_number(plain) and not english_qualifier_before(text, start):
            return True
    return False


def is_list_number(text: str, start: int, end: int) -> bool:
    """A list or item number: "1." or "(3)" opening the clause or following a colon ("Attachments: 1. Form")."""
    opening = start - 1 if start and text[start - 1] in "(（" else start
    if not EN_LIST_NUMBER.match(text, opening, end + 2):
        return False
    lead = text[max(0, opening - BEFORE_WINDOW):opening].rstrip()
    return not lead and start <= BEFORE_WINDOW or lead.endswith((":", "："))


def english_qualifier_before(text: str, start: int) -> str | None:
    """The qualifier words ending right before text[start] ("more than", "up to"), or None; a currency between
    them and the number is passed over ("about $970", "up to RMB 100,000")."""
    if (cm := EN_CURRENCY_BEFORE.search(_window_before(text, start, 8))):
        start -= len(cm.group(0))
    if word_before(text, start)[0].lower() not in EN_QUALIFIER_LAST_WORDS:
        return None
    m = EN_QUALIFIER_BEFORE.search(_window_before(text, start))
    return m and m.group("q")


def scan_english_words(text: str, quoted, word_starts: list[int]) -> list[dict]:
    """Numbers written in words ("nine", "a hundred", "Five", "A dozen", "five to eight") that count something;
    word_starts is number_word_starts(text)."""
    found, skip_to = [], 0
    matches = list(matches_at(EN_NUMBER_WORDS, text, word_starts))
    for i, m in enumerate(matches):
        start, end = m.span("num")
        if start < skip_to:
            continue
        value, high = parse_english_words(m.group("num")), None
        # "five to eight", "between two and six": the next number word, after a joiner, is the high bound.
        jm = EN_WORD_RANGE_TAIL.match(text, end) if i + 1 < len(matches) else None
        if jm and jm.end() == matches[i + 1].start("num"):
            nxt = matches[i + 1]
            next_value = parse_english_words(nxt.group("num"))
            if value < next_value and (jm.group("joiner") != "and"
                                       or EN_BETWEEN_BEFORE.search(_window_before(text, start))):
                high, end, skip_to = next_value, nxt.end("num"), nxt.end("num")
        if is_english_word_non_count(text, start, end, quoted):
            continue
        surface = text[start:end]
        percent = EN_PERCENT_AFTER.match(text, end)  # "five percent"
        fig = {"start": start, "end": end, "surface": surface, "value": tidy(value),
               "value_high": None if high is None else tidy(high),
               "tail": percent.end() if percent else end, "unit": "percent" if percent else None,
               "qualifier": None, "one": surface.lower() == "one"}
        set_english_age(text, fig)
        if (fm := EN_FOLD_AFTER.match(text, end)):
            fig["unit"], fig["tail"] = "times", fm.end()
        found.append(fig)
    return found


def scan_english_multiples(text: str, quoted) -> list[dict]:
    """Multiples: "double", "doubled", "twice", "tripled" (unit times). Not "double-digit", "twice a year",
    "double taxation" or a name ("Double First-Class")."""
    found = []
    for m in EN_MULTIPLE_WORDS.finditer(text):
        start, end = m.span("num")
        word = m.group("num")
        after = _window_after(text, end)
        if EN_HYPHEN_COMPOUND_AFTER.match(after) or EN_FREQUENCY_AFTER.match(after) or quoted.covers(start, end):
            continue
        if word[0].isupper() and _inside_sentence(text, start) and re.match(r"\s+[A-Z]", after):
            continue  # a name: "Double First-Class"
        low = word.lower()
        if low in ("double", "triple", "quadruple", "treble"):
            next_word = re.match(r"\W*([A-Za-z]+)", after)
            next_word = next_word.group(1).lower() if next_word else ""
            prev_word = last_ascii_word(_window_before(text, start)).lower()
            if next_word and next_word not in lexicon.EN_MULTIPLE_OBJECT_AFTER \
                    and prev_word not in lexicon.EN_MULTIPLE_VERB_BEFORE and not re.match(r"\s*[,.;:!?)]", after):
                continue  # an adjective: "double taxation", "a double role"
        found.append({"start": start, "end": end, "surface": word, "value": lexicon.EN_MULTIPLES[low],
                      "value_high": None, "tail": end, "unit": "times", "qualifier": None})
    return found


EN_SHARE_WORDS = re.compile(r"(?<![A-Za-z-])(?P<num>(?i:" + "|".join(lexicon.EN_SHARES) + r"))(?=\s+"
                            + alternation(lexicon.EN_SHARE_AFTER, "i") + r"(?![A-Za-z]))")


def scan_english_shares(text: str, quoted) -> list[dict]:
    """"nearly half of the new hires", "half the firms": 50 percent (its qualifier is found as a number's is).
    Not "the first half of 2023" (a date) nor "one and a half" (a number)."""
    found = []
    for m in EN_SHARE_WORDS.finditer(text):
        start, end = m.span("num")
        if quoted.covers(start, end) or last_ascii_word(_window_before(text, start)).lower() \
                in lexicon.EN_SHARE_NOT_BEFORE:
            continue
        found.append({"start": start, "end": end, "surface": m.group("num"), "value": lexicon.EN_SHARES[
            m.group("num").lower()], "value_high": None, "tail": end, "unit": "percent", "qualifier": None})
    return found


def _inside_sentence(text: str, start: int) -> bool:
    """Whether something at start stands inside a sentence, not at its opening."""
    before = _window_before(text, start)
    return bool(before.strip(" \"“'‘")) and not re.search(r"[.!?:]\s*[\"“'‘]?\s*$", before)


def number_word_starts(text: str) -> list[int]:
    """The offsets, in order, where a match of EN_NUMBER_WORDS may start: where a number word starts a word,
    and where an "a" or "an" may stand before a scale word ("a hundred"). Empty when the regex cannot match,
    as in most clauses, which hold "one" or "ten" only inside words (done, often). One pass of the screen
    finds them all. Only ASCII letters are folded: the regex's IGNORECASE also lets ſ match s and K (Kelvin)
    match k, which no policy text spells numbers with."""
    starts = []
    lowered = text.lower() if text.isascii() else text.translate(_ASCII_LOWER)  # the same, in C, for ASCII
    for end, word in EN_NUMBER_WORD_SCREEN.matches(lowered):
        start = end - len(word) + 1
        before = text[start - 1] if start else " "
        if not ("A" <= before <= "Z" or "a" <= before <= "z") or ("a" <= before <= "z" and "A" <= text[start] <= "Z"):
            starts.append(start)
            if word in _WORD_SCALE_NAMES:  # the article is separated from it by white space, as \s+ in the regex
                article_end = start
                while article_end and start - article_end < WINDOW and text[article_end - 1].isspace():
                    article_end -= 1
                if article_end < start:
                    starts += [offset for offset in (article_end - 2, article_end - 1) if offset >= 0]
    return sorted(set(starts))


def matches_at(pattern: re.Pattern, text: str, starts):
    """What pattern.finditer(text) finds, given offsets (in order) that include every one where a match can
    start. A pattern that opens with a look-behind, as the English number patterns must, gives re no
    character to skip ahead to: finditer tries it at every offset, three to five times as long on the
    corpus's English clauses."""
    end = 0
    for start in starts:
        if start >= end and (m := pattern.match(text, start)):
            end = m.end()
            yield m


def last_ascii_word(text: str) -> str:
    """The run of ASCII letters that only non-word characters (\\W) follow to the end of text, or "": what
    re.search(r"([A-Za-z]+)\\W*$", text) finds. That regex is tried at every offset of the text and runs over
    each word before failing, for every number word of a clause; walking back from the end reads a few
    characters."""
    end = len(text)
    while end and not (text[end - 1].isalnum() or text[end - 1] == "_"):  # \w is isalnum() or _
        end -= 1
    start = end
    while start and text[start - 1] in _ASCII_LETTERS:
        start -= 1
    return text[start:end]


def is_english_word_non_count(text: str, start: int, end: int, quoted) -> bool:
    """True when a number word is part of a name, slogan, idiom, duration or compound adjective, or refers
    back to a set already named."""
    surface = text[start:end]
    before, after = _window_before(text, start), _window_after(text, end)
    glued = before[-1:].isalpha()
    prev_word = "" if glued else last_ascii_word(before).lower()
    next_word = re.match(r"\W*([A-Za-z]+)", after)
    next_word = next_word.group(1).lower() if next_word else ""
    if quoted.covers(start, end):
        return True  # "Two Zones", "five in a batch"
    if EN_AGE_AFTER.match(after) or EN_FOLD_AFTER.match(after):
        return False  # "a thirty-year-old", "a three-fold increase"
    if EN_HYPHEN_COMPOUND_AFTER.match(after) or EN_DURATION_AFTER.match(after):
        return True
    if EN_PAREN_NUMBER.search(before) and re.match(r"\s*[)）]", after):
        return True  # "(ten thousand)": a unit multiplier in a table heading
    # "in one window", "in five areas", "five in a batch": translated slogans, not counts ("offices in nine
    # cities" is one, and so is "four in 2022, against two in 2019": a count stated for a year).
    if prev_word == "in" and next_word in lexicon.EN_SLOGAN_NOUNS_AFTER_IN \
            or next_word == "in" and not EN_IN_YEAR_AFTER.match(after):
        return True
    # A capitalised number word inside a sentence followed by a capitalised word is a name: "the Two Zones".
    if surface[0].isupper() and not glued and _inside_sentence(text, start) and re.match(r"\s+[A-Z]", after):
        return True
    if (EN_TIMES_AFTER.match(after) or re.match(r"(?i:one|two|three|four|five|six|seven|eight|nine)$", surface)) \
            and refers_back(before, glued):
        return True  # "the two parties", "the other three tasks"
    if surface.lower() == "one":
        # "one of the", "no one", "one by one", "on the one hand": pronoun and idiom, not a count.
        return prev_word in lexicon.EN_ONE_NOT_AFTER or next_word in lexicon.EN_ONE_NOT_BEFORE or not next_word
    return False


def is_year_number(digits: str) -> bool:
    """Whether four plain digits read as a year (lexicon.YEAR_RANGE)."""
    return lexicon.YEAR_RANGE[0] <= int(digits) <= lexicon.YEAR_RANGE[1]


def refers_back(before: str, glued: bool) -> bool:
    """Whether the words before a small number word refer back to a set already named: "the", "these", "both"
    or "all", perhaps with "other" or "remaining" between ("the other three tasks")."""
    if glued:
        return False
    words = re.findall(r"[A-Za-z]+", before[-30:])
    while words and words[-1].lower() in lexicon.EN_BACK_REFERENCE_BETWEEN:
        words.pop()
    return bool(words) and words[-1].lower() in lexicon.EN_BACK_REFERENCE_BEFORE and re.search(
        r"[A-Za-z]+[^A-Za-z]*$", before) is not None and not re.search(r"[,;:.]\s*$", before)


def find_english_qualifier(text: str, fig: dict) -> str | None:
    """gt / gte / approx / lt / lte from the words right before (or after) the number."""
    if (words := english_qualifier_before(text, fig["start"])):
        qualifier = lexicon.EN_QUALIFIERS_BEFORE[words.lower()]
        before = text[max(0, fig["start"] - WINDOW):fig["start"]]
        if words.lower() == "up to" and any(w.lower() in lexicon.EN_GROWTH_VERBS
                                            for w in re.findall(r"[A-Za-z]+", before)[-5:-2]):
            return None  # "has grown rapidly, up to 690 thousand": the total reached
        return qualifier
    rest = _window_after(text, fig["tail"])
    if fig["unit"] and rest.lstrip().startswith(fig["unit"]):
        rest = " " + rest.lstrip()[len(fig["unit"]):]  # "12 experts or more"
    if (m := EN_QUALIFIER_AFTER.match(rest)):
        return lexicon.EN_QUALIFIERS_AFTER[m.group("q").lower()]
    # "the number ... has passed 1.2 million": a threshold passed, when no noun follows the number.
    before = _window_before(text, fig["start"])
    if word_before(text, fig["start"])[0].lower() in lexicon.EN_PASSED_BEFORE and (
            m := EN_PASSED_BEFORE.search(before)) and not parse_english_unit_after(
            _window_after(text, fig["tail"], UNIT_WINDOW), fig["value"]):
        return lexicon.EN_PASSED_BEFORE[m.group("q").lower()]
    return None


def find_english_unit(text: str, fig: dict) -> str | None:
    """A currency after the number ("500 U.S. dollars"), the noun phrase after it ("video interviews"), else
    the one named before it ("number of X")."""
    tail = _window_after(text, fig["tail"], UNIT_WINDOW)
    if (cm := EN_CURRENCY_AFTER.match(tail)):
        fig["tail"] += cm.end()
        return lexicon.EN_CURRENCY_AFTER[cm.group("c")]
    return parse_english_unit_after(tail, fig["value"]) or parse_english_unit_before(
        _window_before(text, fig["start"], 200))


def parse_english_unit_after(tail: str, value) -> str | None:
    """'32 video interviews were submitted' -> 'video interviews'; stops at function words, verbs and commas.
    Adjectives joined by and/or before their noun stay together: "primary and middle schools"."""
    if not (tail[:1].isspace() or tail[:1].isalpha()):
        return None
    # Most phrases end within half the window; one that runs to its end is read again, whole.
    words, ended = _read_unit_words(EN_UNIT_TOKEN.findall(tail, 0, UNIT_WINDOW // 2))
    if not ended and len(tail) > UNIT_WINDOW // 2:
        words, _ = _read_unit_words(EN_UNIT_TOKEN.findall(tail, 0, UNIT_WINDOW))
    return " ".join(words) or None


def _read_unit_words(tokens: list[str]) -> tuple[list[str], bool]:
    """The words of a unit's noun phrase from the tokens after a number, and whether the phrase ended before
    the tokens did."""
    words = []
    i = 0
    while i < len(tokens) and len(words) < 7:
        tok = tokens[i]
        low = tok.lower()
        if not tok[0].isalpha() or EN_NUMBER_WORD.match(tok):
            break
        if not words and low in lexicon.EN_UNIT_LEADING_DROP and i + 1 < len(tokens) and tokens[i + 1][0].isalpha():
            i += 1
            continue
        if low in ("and", "or") and words and is_noun_conjunct(tokens[i + 1:i + 5]):
            words.append(low)  # "primary and middle schools", "invalidation or litigation matters"
            i += 1
            continue
        if low in lexicon.EN_UNIT_STOP:
            break
        if words and re.search(r"[a-z]{2}ed$", low) and low not in lexicon.EN_IRREGULAR_PLURALS:
            break  # a verb after the noun: "Five people alleviated"
        words.append(tok)
        i += 1
        if low in lexicon.EN_IRREGULAR_PLURALS or EN_PLURAL.match(tok):
            nxt = tokens[i].lower() if i < len(tokens) else ""
            if nxt == "of" and low in lexicon.EN_PARTITIVE_NOUNS:
                words.append("of")
                i += 1
            elif nxt == "and" and is_noun_conjunct(tokens[i + 1:i + 5]):
                words.append("and")
                i += 1
            else:
                break
    ended = i < len(tokens) or len(words) >= 7
    while words and words[-1].lower() in lexicon.EN_UNIT_STOP:
        words.pop()
    return words, ended


def is_noun_conjunct(tokens: list[str]) -> bool:
    """True when the words after "and" end in a plural noun: "conferences and training sessions were"."""
    words = []
    for tok in tokens:
        if not tok[0].isalpha() or tok.lower() in lexicon.EN_UNIT_STOP or EN_NUMBER_WORD.match(tok):
            break
        words.append(tok)
    return bool(words) and bool(EN_PLURAL.match(words[-1]) or words[-1].lower() in lexicon.EN_IRREGULAR_PLURALS)


def parse_english_unit_before(head: str) -> str | None:
    """'the number of intellectual property talents will exceed' -> 'intellectual property talents'."""
    match = None
    for match in EN_UNIT_BEFORE.finditer(head):
        pass
    if match is None:
        return None
    np = re.sub(r"\s*\([^)]*\)", "", match.group("np"))
    np = re.sub(r"^(?:the\s+)?[A-Z][\w-]*['’]s\s+", "", np)
    return np.strip() or None


# ================================================================================== Chinese
def find_chinese_quantities(text: str, tokenizer=None, words=None, original: str | None = None) -> list[dict]:
    """Quantities in Chinese text (Arabic or Chinese numerals)."""
    if not ZH_NUMBER_SCREEN.search(text) and "半" not in text:
        return []
    quoted = QuotedSpans(text)
    word_starts = WordStarts(text, TaggingMemo(tokenizer or get_tokenizer()), words)
    original = original or text
    figures = []
    for m in ZH_NUMBER.finditer(text):
        fig = parse_chinese_match(text, m, quoted, word_starts, original)
        if fig:
            figures.append(fig)
    if lexicon.ZH_TENTHS in text:
        for m in ZH_TENTHS.finditer(text):
            fig = parse_chinese_tenths(text, m, quoted, word_starts)
            if fig:
                figures.append(fig)
    if "半" in text:
        figures += [fig for m in ZH_SHARE.finditer(text) if (fig := parse_chinese_share(text, m, quoted))]
    return [f for f in drop_overlaps(figures) if not is_indefinite_one(f)]


class TaggingMemo:
    """A tokenizer whose tagged() remembers the phrases of one clause: its figures often share them."""

    def __init__(self, tokenizer):
        self.tokenizer, self.memo = tokenizer, {}

    def spans(self, text):
        return self.tokenizer.spans(text)

    def tagged(self, text):
        if text not in self.memo:
            self.memo[text] = self.tokenizer.tagged(text)
        return self.memo[text]


class WordStarts:
    """Where jieba's words start in a text: found in the words the caller has (the clause's text_seg), else
    segmented on first use. Only a Chinese numeral that passed every cheaper test needs them, and
    segmenting a clause a second time costs as much as the first."""

    def __init__(self, text, tokenizer, words=None):
        self.text, self.tokenizer, self.words, self._starts = text, tokenizer, words, None

    def __contains__(self, offset):
        if self._starts is None:
            self._starts = self._find() if self.words else {s for _, s, _ in self.tokenizer.spans(self.text)}
        return offset in self._starts

    def _find(self):
        # The words are the text's own substrings, in order, minus the white space between some of them.
        starts, at = set(), 0
        for word in self.words:
            at = self.text.index(word, at)
            starts.add(at)
            at += len(word)
        return starts


def _read_chinese_number(numeral: str, scale: str, is_digits: bool):
    """(value, high) of digits or Chinese numerals with their scale characters (69万, 1.5万, 三四十, 两三千), or
    None when they do not read as a quantity: an ill-formed numeral, digits read one by one, or a run of
    digits too long to count anything."""
    digits = numeral.replace(",", "")
    if is_digits:
        integer = digits.split(".")[0]
        if len(integer) > (_MAX_SCALED_DIGITS if scale else _MAX_DIGITS):
            return None
        if not scale:
            return parse_arabic(numeral), None
    try:
        return parse_chinese_range(digits + scale)
    except ValueError:
        return None  # not a number: 三三, 十十, 一二三


def parse_chinese_match(text: str, m: re.Match, quoted, word_starts, original: str) -> dict | None:
    """One ZH_NUMBER match, with the second bound of a range after it, as a figure, or None when it is not a
    count."""
    start, end = m.span()
    before = _window_before(text, start)
    if m.group("pctwords"):
        value = _read_chinese_number(m.group("pw"), "", m.group("pw")[0].isdigit())
        if value is None:
            return None
        return {"start": start, "end": end, "surface": m.group(0), "tail": end, "classifier": "%",
                "value": tidy(value[0]), "value_high": None, "unit": "percent",
                "qualifier": find_chinese_qualifier(before, "", _window_after(text, end), share=True)}
    if m.group("doubling"):
        times = m.group("times")
        n = int(times) if times.isdigit() else lexicon.ZH_DIGITS[times]
        return {"start": start, "end": end, "surface": m.group(0), "tail": end, "classifier": "倍",
                "value": 2 ** n, "value_high": None, "unit": "times",
                "qualifier": find_chinese_qualifier(before, "", _window_after(text, end))}
    is_digits = bool(m.group("num"))
    numeral = m.group("num") or m.group("cn")
    scale = ((m.group("scale") or "") if is_digits else (m.group("cnscale") or "")).strip()
    pct = m.group("pct") if is_digits else m.group("cnpct")
    more = m.group("more") if is_digits else m.group("cnmore")
    if not is_digits and ZH_VAGUE_BEFORE.search(before[-2:]):
        return None  # 数十家, 几百人: vague
    if is_digits and "," not in numeral and "." not in numeral and is_spaced_digits(text, start, end):
        return None  # 010 6208 3921
    if numeral[0] in "百千":
        # 逾百家, 百余人: a hundred, with a qualifier; otherwise a word (百花齐放, 千方百计).
        if not (ZH_QUALIFIER_BEFORE.search(before[-8:]) or ZH_MORE_AFTER.match(text, end)):
            return None
        numeral = "一" + numeral
    if ZH_NOT_COUNT_BEFORE.search(before[-8:]):
        return None
    if start >= 2 and text[start - 1] in "-/–—:~～" and text[start - 2].isdigit():
        return None
    if not is_digits and (ZH_PLAN_ABBREVIATION.match(text, start) or ZH_IDIOM_AFTER.match(text, end)
                          or quoted.covers(start, end)
                          or start not in word_starts and not ZH_QUALIFIER_BEFORE.search(before[-8:])):
        return None  # 十四五, 五位一体, “两区”, and numerals inside words (统一, 进一步, 唯一) but 近千名
    if ZH_ENUMERATOR_AFTER.match(text, end) and (not before.strip() or before.rstrip()[-1:] in "(（，。；：、"):
        return None  # 一是, 二、, (三)
    if start <= 8 and EN_LIST_NUMBER.match(text, 0, end + 2) and not before.strip(" (（"):
        return None
    read = _read_chinese_number(numeral, scale, is_digits)
    if read is None:
        return None
    value, high = read
    approximate = high is not None  # 三四十: a Chinese approximate numeral (概数)
    range_match = None if more or approximate or pct else ZH_RANGE_TAIL.match(text, end)
    if range_match and bool(range_match.group("num")) == is_digits:
        bound = _chinese_range_bound(value, scale, is_digits and numeral, range_match)
        if bound is None:
            return None  # joined numbers that are no range: dates, phone numbers, 2021-2035
        value, high = bound
        end = range_match.end()
        scale = scale or (range_match.group("scale") or "").strip()
        pct = pct or range_match.group("pct")
    elif ZH_JOINED.match(text, end):
        return None
    after = _window_after(text, end)
    if ZH_NOT_COUNT_AFTER.match(after.lstrip()) and not after.lstrip().startswith("周岁"):
        return None
    more_after = ZH_MORE_AFTER.match(after) if not pct and not more else None  # 3000 多名, 300余家
    rest = after[more_after.end():] if more_after else after
    space = 1 if is_digits and rest[:1].isspace() else 0  # 63859 家
    classifier = "%" if pct else match_chinese_classifier(rest[space:space + 6])
    if not pct and not classifier and not is_digits and not re.search("[百千万亿]", numeral + scale):
        return None  # a bare 三 or 十 without a measure word is part of a word (三农, 十分)
    if is_digits and not scale and not pct and "," not in numeral and "." not in numeral:
        if len(numeral) >= 5 and not classifier:
            return None  # phone, postal and registration numbers
        if len(numeral) == 4 and is_year_number(numeral) and (
                not classifier or classifier in lexicon.ZH_COHORT_CLASSIFIERS):
            return None  # a year, or a graduating class (2022届)
    if not is_digits and value < 10 and high is None and ZH_BACK_REFERENCE_BEFORE.search(before[-6:]):
        return None  # 这两个, 上述三项: a set already named
    multiplier = lexicon.ZH_CLASSIFIER_SCALES.get(classifier or "", 1)
    tail = end if pct else end + (more_after.end() if more_after else 0) + space + len(classifier or "")
    if classifier and high is None and not more_after and (second := _unit_repeated_range(text, tail, classifier,
                                                                                         value, is_digits)):
        high, tail = second
        end = tail  # 8000元至12000元: the surface runs to the second bound's unit
    qualifier = "gt" if more or more_after else find_chinese_qualifier(before, after, text[tail:tail + 8],
                                                                      share=bool(pct))
    if approximate and qualifier is None:
        qualifier = "approx"
    return {"start": start, "end": end, "surface": text[start:end], "tail": tail, "classifier": classifier,
            "value": tidy(value * multiplier), "value_high": None if high is None else tidy(high * multiplier),
            "unit": "percent" if pct else find_chinese_unit(text, start, tail, classifier, word_starts.tokenizer,
                                                            original),
            "qualifier": qualifier, "one": numeral == "一" and not scale}


def _unit_repeated_range(text: str, tail: int, classifier: str, value: float, is_digits: bool):
    """(high bound, end) of a range that prints its measure word after each bound (8000元至12000元, 3家至5家), else
    None. With the unit after it the second number is an amount, whatever its digits."""
    m = ZH_RANGE_TAIL.match(text, tail)
    if not m or bool(m.group("num")) != is_digits or not text.startswith(classifier, m.end()):
        return None
    second = _read_chinese_number(m.group("num") or m.group("cn"), (m.group("scale") or "").strip(), is_digits)
    if second is None or second[1] is not None or second[0] <= value:
        return None
    return second[0], m.end() + len(classifier)


def _chinese_range_bound(value: float, scale: str, digits: str | bool, tail: re.Match):
    """(low, high) of a range whose first bound is value (with its scale) and whose second follows in tail:
    1-2万元 takes the second bound's scale for both. None when the numbers are joined but make no range:
    years (2021-2035), phone numbers (010-62083921), a second number not above the first."""
    second_digits = tail.group("num")
    second = _read_chinese_number(second_digits or tail.group("cn"), (tail.group("scale") or "").strip(),
                                  bool(second_digits))
    if second is None or second[1] is not None:
        return None
    if second_digits and not tail.group("scale"):
        for number in (digits, second_digits):
            plain = number.split(".")[0] if number else ""
            if len(plain) >= 5 or len(plain) == 4 and is_year_number(plain):
                return None
    low = value
    if not scale and tail.group("scale"):
        low = value * SCALES[tail.group("scale").strip()[-1]]
    return (low, second[0]) if low < second[0] else None


def parse_chinese_tenths(text: str, m: re.Match, quoted, word_starts) -> dict | None:
    """四成 (four tenths) as 40 percent, with its qualifier (接近四成, 约三成)."""
    start, end = m.span()
    if quoted.covers(start, end) or start not in word_starts:
        return None
    n = m.group("n")
    value = int(n) if n.isdigit() else lexicon.ZH_DIGITS[n]
    return {"start": start, "end": end, "surface": m.group(0), "tail": end, "classifier": "%",
            "value": value * 10, "value_high": None, "unit": "percent",
            # 成 is its own measure word: what follows it may qualify it (七成左右, 六成以上).
            "qualifier": find_chinese_qualifier(_window_before(text, start), _window_after(text, end),
                                                _window_after(text, end), share=True)}


def parse_chinese_share(text: str, m: re.Match, quoted) -> dict | None:
    """一半 and 半数 as 50 percent, qualified as a share is (将近一半, 半数以上)."""
    start, end = m.span()
    if quoted.covers(start, end):
        return None
    return {"start": start, "end": end, "surface": m.group(0), "tail": end, "classifier": "%",
            "value": lexicon.ZH_SHARES[m.group("n")], "value_high": None, "unit": "percent",
            "qualifier": find_chinese_qualifier(_window_before(text, start), _window_after(text, end),
                                                _window_after(text, end), share=True)}


def match_chinese_classifier(rest: str) -> str | None:
    """The measure word at the start of the text after a number: 名, 家, 人次, 个百分点."""
    m = ZH_CLASSIFIER.match(rest)
    if not m:
        return None
    if m.group() == "人" and ZH_PERSON_NOUN_AFTER_REN.match(rest):
        return None  # 人才, 人员: a noun, not the measure word 人
    return m.group()


def find_chinese_qualifier(before: str, after_number: str, after_classifier: str, share=False) -> str | None:
    """gt / gte / approx / lt / lte from 超过/近/约/不超过 before the number (before what a share is of, for a
    share), 余/多 right after it, or 以上/以下/左右 after its measure word, with or without spaces."""
    m = ZH_QUALIFIER_BEFORE.search(before[-8:])
    if m is None and share:
        m = ZH_QUALIFIER_OVER_SHARE.search(before[-20:])
    if m:
        return lexicon.ZH_QUALIFIERS_BEFORE[m.group("q")]
    if ZH_MORE_AFTER.match(after_number):
        return "gt"
    if (m := ZH_QUALIFIER_AFTER.match(after_classifier)):
        return lexicon.ZH_QUALIFIERS_AFTER[m.group("q")]
    return None


def find_chinese_unit(text: str, start: int, tail: int, classifier: str | None, tokenizer, original: str) -> str | None:
    """What is counted: a unit of measure's English name (yuan, times), else the noun after the measure word
    (学员, 知识产权服务机构), else the noun the number is stated of, before it (机构达到 63859 家: 机构;
    高校毕业生1.9万人), else a measure word that is itself what is counted (人次, 人). Chinese nouns are given as
    printed (traditional characters stay)."""
    if classifier in lexicon.ZH_CLASSIFIER_UNITS:
        return lexicon.ZH_CLASSIFIER_UNITS[classifier]
    after = ZH_QUALIFIER_AFTER.match(text, tail)  # 40个左右的考区
    at = after.end() if after else tail
    at += 1 if text[at:at + 1] == "的" else 0
    span = parse_chinese_nouns(text, at, tokenizer)
    if span is None and classifier and classifier not in lexicon.ZH_SELF_COUNTING:
        span = parse_chinese_nouns_before(text, start, tokenizer, classifier)
    if span is not None:
        return original[span[0]:span[1]]
    if classifier in lexicon.ZH_SELF_COUNTING or classifier in lexicon.ZH_PEOPLE_CLASSIFIERS:
        return classifier if classifier not in lexicon.ZH_PEOPLE_CLASSIFIERS else "人"
    return None


def parse_chinese_nouns(text: str, at: int, tokenizer) -> tuple[int, int] | None:
    """The span of the noun phrase starting at text[at], by jieba-rs part of speech: adjectives, then nouns.
    jieba-rs tags some verbs used as nouns v where jieba tags them vn (就业岗位: 就业 is v): a verb directly
    followed by a noun, before the first noun, modifies it."""
    tail = text[at:at + ZH_NOUN_WINDOW]
    clipped = ZH_CLAUSE_BREAK.split(tail, maxsplit=1)[0]
    if not clipped:
        return None
    tagged = tokenizer.tagged(clipped)
    length, seen_noun = 0, False
    end = 0
    for i, pair in enumerate(tagged):
        flag = pair.flag
        if flag.startswith(ZH_NOUN_FLAGS) and not flag.startswith("nr"):
            seen_noun = True
            end = length + len(pair.word)
        elif not seen_noun and flag.startswith(ZH_ADJ_FLAGS):
            pass
        elif not seen_noun and flag == "v" and i + 1 < len(tagged) and tagged[i + 1].flag.startswith(ZH_NOUN_FLAGS):
            pass
        else:
            break
        length += len(pair.word)
    return (at, at + end) if seen_noun else None


def parse_chinese_nouns_before(text: str, start: int, tokenizer, classifier: str | None = None):
    """The span of the noun phrase a number is stated of, ending just before it (and before a verb such as 达到
    or a qualifier such as 约): 从业人员约 92.8 万人, 机构达到 63859 家, 执业专利代理师3.5万人. Words that place or
    size it (全国, 总量) are left out. Before a count of people a verbal noun alone is the verb (共培训100余万人);
    before a count of events it is what is counted (招聘活动120余场)."""
    head = _window_before(text, start, ZH_NOUN_WINDOW)
    noun_end = len(head)
    while True:  # step back over 达到, 约, 超过 … and white space
        stripped = head[:noun_end].rstrip()
        link = next((w for w in ZH_NOUN_TO_NUMBER if stripped.endswith(w)), None) if stripped.endswith(
            ZH_NOUN_TO_NUMBER) else None
        noun_end = len(stripped) - (len(link) if link else 0)
        if not link:
            break
    breaks = [m.end() for m in ZH_CLAUSE_BREAK.finditer(head, 0, noun_end)]
    noun_from = breaks[-1] if breaks else 0
    phrase = head[noun_from:noun_end]
    if not phrase:
        return None
    length = noun_start = len(phrase)
    nominal = False  # a verbal noun alone is the verb: 共培训100余万人
    for pair in reversed(tokenizer.tagged(phrase)):
        if not pair.flag.startswith(ZH_NOUN_FLAGS) or pair.flag.startswith("nr"):
            break
        noun_start -= len(pair.word)
        nominal = nominal or pair.flag != "vn"
    if not nominal and classifier in lexicon.ZH_PEOPLE_CLASSIFIERS:
        return None
    noun = phrase[noun_start:]
    if noun in lexicon.ZH_UNIT_DROP_LEADING:
        return None  # 全国有2.1万人: a place, not what is counted
    for word in lexicon.ZH_UNIT_DROP_LEADING:
        if noun.startswith(word) and len(noun) > len(word):
            noun_start, noun = noun_start + len(word), noun[len(word):]
            break
    for word in lexicon.ZH_UNIT_DROP_TRAILING:
        if noun.endswith(word) and len(noun) > len(word):
            length, noun = length - len(word), noun[:-len(word)]
            break
    if not noun:
        return None
    offset = start - len(head) + noun_from
    return offset + noun_start, offset + length


# ================================================================================== shared steps
SENTENCE_END = re.compile(r"[。！？!?]\s*$|(?<![A-Z])\.\s*$")


class QuotedSpans:
    """Spans of short quoted phrases ("Two Zones", “两区”): names and slogans whose number words are not counts;
    covers(start, end) says whether one holds a span, by bisection."""

    def __init__(self, text: str, max_len: int = 40):
        # A quotation that ends a sentence (“……都打算考。”) is someone's words, not a name: its numbers count.
        self.spans = [m.span("q") for m in re.finditer(r"[“\"‘](?P<q>[^“”\"‘’]{1,%d})[”\"’]" % max_len, text)
                      if not SENTENCE_END.search(m.group("q"))]
        self.starts = [s for s, _ in self.spans]

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and self.spans[i][1] >= end


def find_short_quotes(text: str, max_len: int = 40) -> list[tuple[int, int]]:
    """Spans of short quoted phrases ("Two Zones", “两区”)."""
    return QuotedSpans(text, max_len).spans


def drop_overlaps(figures: list[dict]) -> list[dict]:
    """Keep the first of any figures whose spans overlap (the scanners can both match '690 thousand')."""
    kept = []
    for fig in sorted(figures, key=lambda f: (f["start"], -f["end"])):
        if not kept or fig["start"] >= kept[-1]["end"]:
            kept.append(fig)
    return kept
