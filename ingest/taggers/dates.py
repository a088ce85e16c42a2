"""Dates and periods in clause text, Chinese and English: 2020年4月23日, 6月30日前, By 2025, this year, 十四五,
the 14th Five-Year Plan. Relative dates resolve against the document's own date."""
import calendar
import datetime
import functools
import re

from .. import lexicon
from ..normalise import normalise

# "first half", "3rd quarter", "2 quarter" (from 第二季度): which part of the year.
PART_NUMBERS = {
    "first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "third": 3, "3rd": 3, "3": 3,
    "fourth": 4, "4th": 4, "4": 4,
}
PERIOD_KINDS = ("period",)
RELATIVE_YEARS = {**lexicon.EN_RELATIVE_YEARS, **lexicon.ZH_RELATIVE_YEARS}

# ---------------------------------------------------------------------------------------------- patterns
# Machine-translated English glues words together ("this yearAfter"), so a word may also start where a
# lower-case letter meets an upper-case one, and end where an upper-case letter follows.
_L = lexicon.EN_WORD_START
_R = lexicon.EN_WORD_END
_NO_DIGIT_BEFORE = r"(?<![\d,.])"
_NO_DIGIT_AFTER = r"(?!\d|[.,]\d)"
_YEAR = r"(?:19|20)\d{2}"


def _first_letter_either_case(words):
    """'this|This', 'the coming|The coming': relative words as they open or continue a sentence."""
    return "(?:" + "|".join(f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in sorted(words, key=len, reverse=True)) + ")"


_EN_RELATIVE = _first_letter_either_case(lexicon.EN_RELATIVE_YEARS)
# After a month ("March of this year"), in lower case: this, last, next.
_EN_RELATIVE_WORD = lexicon.alternation(w for w in lexicon.EN_RELATIVE_YEARS if " " not in w)


def _month_alternation(names):
    """Title-case and upper-case forms; abbreviations may end in a full stop. Lower case 'may' is a verb."""
    forms = []
    for name in sorted(names, key=len, reverse=True):
        stop = r"\.?" if len(name) <= 4 and name not in ("june", "july") else ""
        forms += [re.escape(name.title()) + stop, re.escape(name.upper()) + stop]
    return "(?:" + "|".join(forms) + ")"


_FULL_MONTHS = [n for n in lexicon.MONTHS if len(n) > 4 or n in ("june", "july", "may")]
_MONTH = _month_alternation(lexicon.MONTHS)
# A month name alone is a date only when unambiguous: "May" alone is left out.
_MONTH_ALONE = _month_alternation([n for n in _FULL_MONTHS if n != "may"])
_YEAR_REF = (
    rf"(?:(?P<year>{_YEAR})(?!\d)"
    rf"|(?P<rel>{_EN_RELATIVE})\s+year" + _R +
    r"|(?P<theyear>the year)" + _R + ")"
)
_ORDINAL = (
    r"(?P<ord>(?<!\d)\d{1,2}(?:st|nd|rd|th)|(?i:" + "|".join(lexicon.EN_ORDINALS) + r"))"
)
_PLAN = _ORDINAL + r"\s+(?i:five[-\s]year)(?:\s+(?i:plan))?(?:\s+(?i:period))?" + _R
_QUOTE_OPEN = "\"“‘'"
_QUOTE_CLOSE = "\"”’'"

EN_MONTH_SCREEN = re.compile(_MONTH)  # every month pattern needs one of these names
DIGIT = re.compile(r"\d")
YEAR_SCREEN = re.compile(_YEAR)  # opens with a digit, so re skips ahead fast; the patterns open with look-behinds
EN_MONTH_DAY_YEAR = re.compile(
    _L + rf"(?P<mon>{_MONTH})\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,\s*|\s+)(?P<year>{_YEAR})(?!\d)"
)
EN_DAY_MONTH_YEAR = re.compile(
    _NO_DIGIT_BEFORE
    + rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+(?P<year>{_YEAR})(?!\d)"
)
EN_MONTH_YEAR = re.compile(_L + rf"(?P<mon>{_MONTH}),?\s+(?:of\s+)?(?P<year>{_YEAR})(?!\d)")
EN_MONTH_DAY = re.compile(_L + rf"(?P<mon>{_MONTH})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?" + _NO_DIGIT_AFTER)
EN_DAY_MONTH = re.compile(
    _NO_DIGIT_BEFORE + rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH_ALONE})" + _R
)
# "September", "March of this year", "March this year".
EN_MONTH_ALONE = re.compile(
    _L + rf"(?P<mon>{_MONTH_ALONE})" + _R +
    rf"(?:\s+(?:of\s+)?(?P<rel>{_EN_RELATIVE_WORD})\s+year" + _R + ")?"
)
# Not "2020s" (a decade), not the tail of "010-2020" (a phone number).
EN_BARE_YEAR = re.compile(
    r"(?<![\d,.$¥£€#/])(?<!\d-)" + rf"(?P<year>{_YEAR})" + r"(?!\d|[.,]\d|%|\s*年|s\b)"
)
EN_RELATIVE_YEAR = re.compile(
    _L + rf"(?P<rel>{_EN_RELATIVE})\s+year" + _R
)
EN_RELATIVE_MONTH = re.compile(_L + rf"(?P<rel>{_first_letter_either_case(lexicon.EN_RELATIVE_MONTHS)})\s+month" + _R)
# "the end of 2023", "the end of this year", "the beginning of 2021".
EN_EDGE_OF_YEAR = re.compile(_L + r"(?:[Tt]he\s+)?(?P<edge>end|beginning|start)\s+of\s+" + _YEAR_REF)
# "the end of March", "the end of June 2024".
EN_EDGE_OF_MONTH = re.compile(
    _L + rf"(?:[Tt]he\s+)?(?P<edge>end|beginning|start)\s+of\s+(?P<mon>{_MONTH_ALONE})" + _R +
    rf"(?:,?\s+(?P<year>{_YEAR})(?!\d)|\s+(?:of\s+)?(?P<rel>{_EN_RELATIVE_WORD})\s+year{_R})?"
)
# 'the end of the "13th Five-Year Plan"': the quote sits inside the expression, so it stays in the surface.
EN_EDGE_OF_PLAN = re.compile(
    _L + r"(?:[Tt]he\s+)?(?P<edge>end|beginning|start)\s+of\s+(?:the\s+)?"
    + rf"(?P<q>[{_QUOTE_OPEN}])?" + _PLAN + rf"(?(q)[{_QUOTE_CLOSE}])"
)
# "the first half of this year", "the third quarter of 2023".
EN_PART_OF_YEAR = re.compile(
    _L + r"(?:[Tt]he\s+)?(?P<part>(?i:first|second|1st|2nd)\s+half"
    r"|(?i:first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter)\s+of\s+" + _YEAR_REF
)
EN_PLAN = re.compile(_L + _PLAN)
# "the past four years": a rolling span back from a full document date.
EN_ROLLING = re.compile(
    _L + r"(?:[Tt]he\s+)?(?:past|last|previous)\s+(?P<n>\d{1,2}|" + "|".join(sorted(lexicon.EN_CARDINALS, key=len, reverse=True)) + r")"
    r"\s+(?P<unit>years|months)" + _R
)
ISO_DATE = re.compile(
    r"(?<![\d.])" + rf"(?P<year>{_YEAR})(?P<sep>[-/.])(?P<mon>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)"
)
# "2021-2035", "2021—2035年", "2021年至2025年", "2021 to 2025".
YEAR_RANGE = re.compile(
    _NO_DIGIT_BEFORE
    + rf"(?P<year>{_YEAR})年?\s*(?:[-–—―~]|至|到|to|through|until)\s*(?P<year2>{_YEAR})年?(?!\d)"
)

_ZH_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_YEAR = rf"(?:{_YEAR}|[一二][〇○零一二三四五六七八九]{{3}})"
# 2020年, 2020年4月, 2020年4月23日, 2023年底, 2020年上半年, 2024年第一季度, 2020年度.
ZH_DATE = re.compile(
    r"(?<![\d〇○零一二三四五六七八九])" + rf"(?P<year>{_ZH_YEAR})\s*年"
    rf"(?:(?P<mon>{_ZH_NUM})\s*月(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末))?"
    r"|(?P<yend>底|末)|(?P<half>[上下])半年|(?P<quarter>第?[一二三四1-4])季度|度)?"
)
# 今年, 去年4月, 上年同期, 明年底, 今年上半年, 本年度. The guards keep out 如今年轻人, 过去年均, 以上年龄, 说明年度 and 日本年.
ZH_RELATIVE = re.compile(
    r"(?:(?P<rel>今|(?<!过)去|(?<![以向之马迎往])上|(?<![说表证声阐标注查发透文简英聪鲜光指申分神言昭])明)年(?!轻|龄|纪|代|级|华|迈)"
    r"|(?P<rel2>本)年度)(?:度)?"
    rf"(?:(?P<mon>{_ZH_NUM})\s*月(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末))?"
    r"|(?P<yend>底|末)|(?P<half>[上下])半年|(?P<quarter>第?[一二三四1-4])季度)?"
)
# 年底 alone is the end of the document's year; 每年底 (every year end) and 三年底 are not.
ZH_YEAR_END = re.compile(r"(?<![\d〇○零一二三四五六七八九十今去上明本每多历逐当])年[底末]")
# 6月30日, 11月, 6月底 (year from the document).
ZH_MONTH_DAY = re.compile(
    r"(?<![\d年一二三四五六七八九十])"
    + rf"(?P<mon>{_ZH_NUM})\s*月(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末)|份)?"
)
# 十四五, “十三五”末; guards keep it out of plain numbers such as 十四五万.
ZH_PLAN = re.compile(
    r"(?<![\d一二三四五六七八九十百千万零〇两])"
    rf"(?P<q>[{_QUOTE_OPEN}「])?十(?P<n>[一二三四五六七八九])五(?![\d万千百亿个年%])"
    rf"(?:(?P<q2>[{_QUOTE_CLOSE}」])?(?P<end>期末|末))?"
)
ZH_PLAN_LONG = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})个五年(?:规划|计划)(?:时期|期间)?")
ZH_ROLLING = re.compile(rf"(?:近|过去|最近)(?P<n>{_ZH_NUM})(?P<unit>年|个月)")

# Words in front of a date that make it a limit: By 2025, before June 30, 到2025年.
EN_LIMIT_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z]){_first_letter_either_case(lexicon.EN_LIMIT_WORDS)}|(?<=[a-z])"
    rf"(?:{'|'.join(w.capitalize() for w in lexicon.EN_LIMIT_WORDS)}))\s+$"
)
ZH_LIMIT_BEFORE = re.compile(lexicon.ZH_LIMIT_BEFORE + "$")
ZH_LIMIT_AFTER = re.compile(lexicon.ZH_LIMIT_AFTER)  # used with .match(text, end)
# A year bracketed like 〔2020〕 or [2020] is part of a document number (国知发运函字〔2020〕37号).
DOC_NUMBER_BRACKETS = ("〔〕", "[]", "【】", "［］")
# A bare year followed by a plural noun or a unit is a count ("2025 jobs"); these -s words are not plurals.
COUNT_AFTER = re.compile(
    r"\s*(?:%|(?:percent|per cent|yuan|RMB|people|personnel|staff|person-times|children)\b|(?P<plural>[a-z]+s)\b)"
)
NOT_PLURALS = {
    "was", "has", "is", "as", "this", "its", "his", "us", "thus", "plus", "across", "versus", "whereas", "unless",
    "besides", "towards", "afterwards", "onwards",
}
# ... and a year after a quantity word or a label is a count or an identifier ("over 2000", "Article 2020").
COUNT_BEFORE = re.compile(
    r"\b(?:more than|over|nearly|almost|total of|up to|than|about|No\.?|Article|Item|Section|Chapter|Paragraph|"
    r"Room|page|Tel\.?|Fax)\s*$",
    re.IGNORECASE,
)
# A year tied to a quantified goal is a target: a future verb and a figure in the same clause.
FUTURE_MARKER = re.compile(
    r"\b(?:" + "|".join(lexicon.EN_FUTURE_MARKERS) + r")\b|" + "|".join(lexicon.ZH_FUTURE_MARKERS)
)
SIGNATURE_TRIM = " \t\r\n.,;:()（）。，；：、"
MAX_SIGNATURE = 60  # characters: longer than any one date expression


# ---------------------------------------------------------------------------------------------- helpers
def _day(year, month, day):
    """A datetime.date, or None when the day does not exist."""
    if not (1 <= month <= 12) or not (1 <= day <= calendar.monthrange(year, month)[1]):
        return None
    return datetime.date(year, month, day)


def _month_span(year, month):
    """First and last day of a month."""
    return datetime.date(year, month, 1), datetime.date(year, month, calendar.monthrange(year, month)[1])


def _year_span(year):
    """First and last day of a year."""
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def _plan_span(n):
    """The Nth Five-Year Plan: 1st = 1953-1957, 14th = 2021-2025."""
    first, last = lexicon.plan_years(n)
    return datetime.date(first, 1, 1), datetime.date(last, 12, 31)


@functools.lru_cache(maxsize=64)  # called for every clause with its document's date
def parse_doc_date(doc_date):
    """'2020-04-23' -> (2020, 4, 23); '2020' -> (2020, None, None); None -> None."""
    if not doc_date:
        return None
    parts = [int(p) for p in str(doc_date).split("-")]
    return tuple(parts + [None] * (3 - len(parts)))


def _doc_first_day(doc):
    """The earliest day the document's date allows."""
    return datetime.date(doc[0], doc[1] or 1, doc[2] or 1)


def parse_chinese_small(surface):
    """Chinese or Arabic numerals up to 99 (month and day numbers): 十 -> 10, 二十三 -> 23, 6 -> 6."""
    if surface.isdigit():
        return int(surface)
    if "十" not in surface:
        return lexicon.ZH_DIGITS.get(surface) if len(surface) == 1 else None
    tens, _, units = surface.partition("十")
    return (lexicon.ZH_DIGITS.get(tens, 0) if tens else 1) * 10 + (lexicon.ZH_DIGITS.get(units, 0) if units else 0)


def parse_chinese_year(surface):
    """'2020' or '二〇二〇' -> 2020."""
    if surface.isdigit():
        return int(surface)
    return int("".join(str(lexicon.ZH_DIGITS[c]) for c in surface))


def _month_number(name):
    """'September', 'Sept.', 'JUL' -> month number."""
    return lexicon.MONTHS[name.rstrip(".").lower()]


def _relative_year(word, doc):
    """'this' / '今' -> the document's year plus the word's offset; None without a document date."""
    if doc is None:
        return None
    return doc[0] + RELATIVE_YEARS[word.lower()]


def _year_ref(m, doc):
    """The year of a _YEAR_REF group: 2023, this year, the year."""
    if m.group("year"):
        return int(m.group("year"))
    if m.group("rel"):
        return _relative_year(m.group("rel"), doc)
    return doc[0] if doc else None


def _ordinal(surface):
    """'14th' -> 14, 'Fourteenth' -> 14."""
    digits = re.match(r"\d+", surface)
    return int(digits.group()) if digits else lexicon.EN_ORDINALS[surface.lower()]


def _candidate(start, end, span, precision, kind="date"):
    """A found date before roles are given; None when the date does not resolve."""
    if not span or span[0] is None:
        return None
    return {
        "start": start, "end": end, "date_start": span[0], "date_end": span[1], "precision": precision, "kind": kind,
    }


# ---------------------------------------------------------------------------------------------- finders
def _scan(pattern, text, possible):
    """pattern's matches in text, or none without running it when a cheap test says it cannot match."""
    return pattern.finditer(text) if possible else ()


def _find_english(text, doc):
    """Candidates from the English patterns."""
    # Each pattern needs a month name, a digit, or one of a few words: substring tests skip most of the
    # sixteen regexes on most clauses.
    lowered = text.lower()
    month, digit = EN_MONTH_SCREEN.search(text) is not None, DIGIT.search(text) is not None
    year, five = "year" in lowered, "five" in lowered
    if not (month or digit or year or five or "month" in lowered):
        return  # every pattern below needs one of these: most clauses end here
    year4 = digit and YEAR_SCREEN.search(text) is not None
    edge = "end" in text or "beginning" in text or "start" in text
    for m in _scan(EN_MONTH_DAY_YEAR, text, month and year4):
        day = _day(int(m["year"]), _month_number(m["mon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in _scan(EN_DAY_MONTH_YEAR, text, month and year4):
        day = _day(int(m["year"]), _month_number(m["mon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in _scan(EN_MONTH_YEAR, text, month and year4):
        yield _candidate(m.start(), m.end(), _month_span(int(m["year"]), _month_number(m["mon"])), "month")
    for pattern in (EN_MONTH_DAY, EN_DAY_MONTH):
        for m in _scan(pattern, text, month and digit):
            if doc:
                day = _day(doc[0], _month_number(m["mon"]), int(m["day"]))
                yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in _scan(EN_MONTH_ALONE, text, month):
        year = _relative_year(m["rel"], doc) if m["rel"] else (doc[0] if doc else None)
        if year:
            yield _candidate(m.start(), m.end(), _month_span(year, _month_number(m["mon"])), "month")
    for m in _scan(EN_RELATIVE_YEAR, text, year):
        # "the last year of the plan" and "the next year" are relative to the story, not to the document.
        if m["rel"].lower() in ("last", "next") and re.search(r"\bthe\s+$", text[: m.start()], re.IGNORECASE):
            continue
        year = _relative_year(m["rel"], doc)
        yield _candidate(m.start(), m.end(), year and _year_span(year), "year")
    for m in _scan(EN_RELATIVE_MONTH, text, "month" in lowered):
        if doc and doc[1]:
            offset = lexicon.EN_RELATIVE_MONTHS[m["rel"].lower()]
            index = doc[0] * 12 + doc[1] - 1 + offset
            yield _candidate(m.start(), m.end(), _month_span(index // 12, index % 12 + 1), "month")
    for m in _scan(EN_EDGE_OF_YEAR, text, edge and (digit or year)):
        year = _year_ref(m, doc)
        if year:
            day = datetime.date(year, 12, 31) if m["edge"] == "end" else datetime.date(year, 1, 1)
            yield _candidate(m.start(), m.end(), (day, day), "day", "year_edge")
    for m in _scan(EN_EDGE_OF_MONTH, text, edge and month):
        year = int(m["year"]) if m["year"] else _relative_year(m["rel"], doc) if m["rel"] else (doc and doc[0])
        if year:
            first, last = _month_span(year, _month_number(m["mon"]))
            day = last if m["edge"] == "end" else first
            yield _candidate(m.start(), m.end(), (day, day), "day", "edge")
    for m in _scan(EN_EDGE_OF_PLAN, text, edge and five):
        first, last = _plan_span(_ordinal(m["ord"]))
        day = last if m["edge"] == "end" else first
        yield _candidate(m.start(), m.end(), (day, day), "day", "edge")
    for m in _scan(EN_PART_OF_YEAR, text, ("half" in text or "quarter" in text) and (digit or year)):
        year = _year_ref(m, doc)
        if year:
            yield _candidate(m.start(), m.end(), _part_of_year(year, m["part"]), "period", "period")
    for m in _scan(EN_PLAN, text, five):
        yield _candidate(m.start(), m.end(), _plan_span(_ordinal(m["ord"])), "period", "period")
    for m in _scan(EN_ROLLING, text, "years" in text or "months" in text):
        n = int(m["n"]) if m["n"].isdigit() else lexicon.EN_CARDINALS[m["n"]]
        span = _rolling_span(doc, n, m["unit"].startswith("year"))
        yield _candidate(m.start(), m.end(), span, "period", "period")
    for m in _scan(EN_BARE_YEAR, text, year4):
        if _is_year_not_count(text, m.start(), m.end()):
            yield _candidate(m.start(), m.end(), _year_span(int(m["year"])), "year")


def _find_chinese(text, doc):
    """Candidates from the Chinese patterns."""
    # Every pattern needs 年 or 月, or 十 and 五 (十四五): most clauses skip the regexes.
    year, month, plan = "年" in text, "月" in text, "十" in text and "五" in text
    for m in _scan(ZH_DATE, text, year):
        yield _resolve_zh_date(m, parse_chinese_year(m["year"]))
    for m in _scan(ZH_RELATIVE, text, year):
        yield _resolve_zh_date(m, _relative_year(m["rel"] or m["rel2"], doc))
    for m in _scan(ZH_YEAR_END, text, year):
        yield _candidate(m.start(), m.end(), doc and (datetime.date(doc[0], 12, 31),) * 2, "day", "year_edge")
    for m in _scan(ZH_MONTH_DAY, text, month):
        yield _resolve_zh_date(m, doc and doc[0])
    for m in _scan(ZH_PLAN, text, plan):
        start = m.start() + (1 if m["q"] else 0)
        first, last = _plan_span(10 + lexicon.ZH_DIGITS[m["n"]])
        if m["end"]:
            yield _candidate(start, m.end(), (last, last), "day", "edge")
        else:
            yield _candidate(start, m.start("n") + 2, (first, last), "period", "period")
    for m in _scan(ZH_PLAN_LONG, text, year):
        n = parse_chinese_small(m["n"])
        yield _candidate(m.start(), m.end(), n and _plan_span(n), "period", "period")
    for m in _scan(ZH_ROLLING, text, year or month):
        n = parse_chinese_small(m["n"])
        yield _candidate(m.start(), m.end(), n and _rolling_span(doc, n, m["unit"] == "年"), "period", "period")


def _find_common(text, doc):
    """Candidates written the same way in both languages: 2020-04-23, 2021-2035."""
    if not DIGIT.search(text):
        return  # both patterns need a year in digits
    for m in ISO_DATE.finditer(text):
        day = _day(int(m["year"]), int(m["mon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in YEAR_RANGE.finditer(text):
        first, last = int(m["year"]), int(m["year2"])
        if first < last <= first + 100 and _is_year_not_count(text, m.start(), m.end()):
            yield _candidate(m.start(), m.end(), (_year_span(first)[0], _year_span(last)[1]), "period", "period")


def _resolve_zh_date(m, year):
    """A candidate from a Chinese match with optional month, day, 底, 上半年 and 季度 groups."""
    if not year:
        return None
    month = m["mon"] and parse_chinese_small(m["mon"])
    if m["mon"]:
        if not month or not 1 <= month <= 12:
            return None
        first, last = _month_span(year, month)
        if m["day"]:
            day = _day(year, month, parse_chinese_small(m["day"]) or 0)
            return _candidate(m.start(), m.end(), (day, day), "day")
        if m["mend"]:
            return _candidate(m.start(), m.end(), (last, last), "day", "edge")
        return _candidate(m.start(), m.end(), (first, last), "month")
    groups = m.groupdict()
    if groups.get("yend"):
        return _candidate(m.start(), m.end(), (datetime.date(year, 12, 31),) * 2, "day", "year_edge")
    if groups.get("half"):
        part = "first half" if m["half"] == "上" else "second half"
        return _candidate(m.start(), m.end(), _part_of_year(year, part), "period", "period")
    if groups.get("quarter"):
        quarter = parse_chinese_small(m["quarter"].lstrip("第"))
        return _candidate(m.start(), m.end(), _part_of_year(year, f"{quarter} quarter"), "period", "period")
    return _candidate(m.start(), m.end(), _year_span(year), "year")


def _part_of_year(year, part):
    """'first half' -> Jan 1..Jun 30; 'third quarter' or '3 quarter' -> Jul 1..Sep 30."""
    which, unit = part.split()[0].lower(), part.split()[-1].lower()
    months = 6 if unit == "half" else 3
    first_month = (PART_NUMBERS[which] - 1) * months + 1
    return datetime.date(year, first_month, 1), _month_span(year, first_month + months - 1)[1]


def _rolling_span(doc, n, years):
    """The last n years or months up to a full document date; None when the document date is not a full day."""
    if not doc or doc[2] is None:
        return None
    end = datetime.date(*doc)
    index = end.year * 12 + end.month - 1 - (12 * n if years else n)
    year, month = index // 12, index % 12 + 1
    return datetime.date(year, month, min(end.day, calendar.monthrange(year, month)[1])), end


def _is_year_not_count(text, start, end):
    """False for 〔2020〕 in a document number and for counts such as '2025 jobs' or 'over 2020'."""
    for pair in DOC_NUMBER_BRACKETS:
        if text[start - 1:start] == pair[0] and text[end:end + 1] == pair[1]:
            return False
    after = COUNT_AFTER.match(text, end)
    if after and not (after["plural"] and after["plural"] in NOT_PLURALS):
        return False
    return not COUNT_BEFORE.search(text[max(0, start - 20):start])


def _select_longest(candidates):
    """Keep the longest of overlapping candidates (2020年4月23日 over 4月23日), in text order."""
    chosen = []
    for c in sorted((c for c in candidates if c), key=lambda c: (c["start"] - c["end"], c["start"])):
        if all(c["end"] <= o["start"] or c["start"] >= o["end"] for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c["start"])


def _extend_limit(c, text):
    """Take in a leading By / before / 到 or a trailing 前: they turn a date into a limit."""
    if c["kind"] in PERIOD_KINDS:
        return c
    window = max(0, c["start"] - 20), c["start"]
    before = EN_LIMIT_BEFORE.search(text, *window) or ZH_LIMIT_BEFORE.search(text, *window)
    if before:
        c = {**c, "start": c["start"] - len(before.group()), "limit": True}
    after = ZH_LIMIT_AFTER.match(text, c["end"])
    if after:
        c = {**c, "end": after.end(), "limit": True}
    return c


def _role(c, text, doc, others):
    """issued, deadline, target, event or period for one candidate, from its wording and the clause."""
    if c["kind"] in PERIOD_KINDS:
        return "period"
    past = doc is not None and c["date_end"] < _doc_first_day(doc)
    if c.get("limit"):
        if past:
            return "event"  # "By the end of 2023" in a 2024 report takes stock; it sets no goal.
        # "By 2025" states a goal; "年底前完成" (by the end of the year) is a goal only with a figure to reach.
        if c["precision"] == "year" or (c["kind"] == "year_edge" and _has_quantified_goal(c, text, doc, others)):
            return "target"
        return "deadline"
    if c["precision"] == "year" and not past and _has_quantified_goal(c, text, doc, others):
        return "target"
    return "event"


def _has_quantified_goal(c, text, doc, others):
    """A future verb and a figure outside the dates ('will provide 1,490 jobs this year'), or a future year
    heading a table column ('Indicators | 2025 | Attribute')."""
    if "|" in text:
        return doc is None or c["date_start"].year > doc[0]
    masked = list(text)
    for o in others:
        masked[o["start"]:o["end"]] = " " * (o["end"] - o["start"])
    masked = "".join(masked)
    return bool(FUTURE_MARKER.search(masked)) and re.search(r"\d", masked) is not None


def _public(c, text, role):
    """The published form of a candidate."""
    return {
        "start": c["start"],
        "end": c["end"],
        "surface": text[c["start"]:c["end"]],
        "date_start": c["date_start"].isoformat(),
        "date_end": c["date_end"].isoformat(),
        "precision": c["precision"],
        "role": role,
    }


# ---------------------------------------------------------------------------------------------- public API
def tag_dates(text: str, lang: str, doc_date: str | None) -> list[dict]:
    """Every date or period in one clause. doc_date is the document's date as in the manifest: 'YYYY-MM-DD', 'YYYY-MM',
    'YYYY' or None. Each dict:
    start, end   offsets of the surface within text (text[start:end] == surface)
    surface      as printed, including words that change the meaning (前, By, the end of, the first half of, of this year)
    date_start   ISO date 'YYYY-MM-DD', first day covered
    date_end     ISO date, last day covered
    precision    day | month | year | period
    role         issued | deadline | target | event | period
    """
    signature = tag_signature_date(text, lang)
    if signature:
        return [signature]
    doc = parse_doc_date(doc_date)
    found = _find_dates(text, lang, doc)
    return [_public(c, text, _role(c, normalise(text), doc, found)) for c in found]


def _find_dates(text, lang, doc):
    """Resolved, non-overlapping candidates with their limit words, in text order."""
    folded = normalise(text)
    finders = [_find_common(folded, doc), _find_chinese(folded, doc)]
    # Bare years and month names are English words; in Chinese text a year needs 年.
    if lang != "zh":
        finders.append(_find_english(folded, doc))
    chosen = _select_longest(c for finder in finders for c in finder)
    return [_extend_limit(c, folded) for c in chosen]


def as_of_year(date: dict, kind: str, doc_year: int | None) -> int | None:
    """The year a date or period (a tag_dates() row) stands for when it qualifies a figure: a day, month or year
    is its own year; a period counts to its last year, but a reported figure cannot be as of a year after its
    document ("690,000 during the 13th Five-Year Plan" in a 2018 report is as of 2018)."""
    last = int(date["date_end"][:4])
    if date["precision"] != "period" or kind == "target" or doc_year is None:
        return last
    return min(last, doc_year)


def tag_signature_date(text: str, lang: str) -> dict | None:
    """When the whole clause is just a date (a signature line such as 2020年4月23日 or 'December 31, 2021'), its date
    with role 'issued'; else None. (tag_dates may call this and give role issued to such clauses.)"""
    stripped = text.strip(SIGNATURE_TRIM)
    # A signature date is short and printed with digits or 年 (2020年4月23日, 二〇二〇年四月二十三日, December 31,
    # 2021): other clauses are not searched.
    if not stripped or len(stripped) > MAX_SIGNATURE or not (DIGIT.search(stripped) or "年" in stripped):
        return None
    offset = text.index(stripped)
    found = _find_dates(stripped, lang, None)
    if len(found) != 1 or found[0]["precision"] != "day" or found[0].get("limit"):
        return None
    if (found[0]["start"], found[0]["end"]) != (0, len(stripped)):
        return None
    c = {**found[0], "start": offset, "end": offset + len(stripped)}
    return _public(c, text, "issued")
