"""Dates and periods in clause text, Chinese and English: 2020年4月23日, 6月30日前, By 2025, this year, 十四五,
the 14th Five-Year Plan. Relative dates resolve against the document's own date."""
import bisect
import calendar
import datetime
import functools
import itertools
import re

from .. import lexicon
from ..normalise import normalise
from .quantities import find_quantities

# "first half", "3rd quarter", "2 quarter" (from 第二季度): which part of the year.
PART_NUMBERS = {
    "first": 1, "1st": 1, "1": 1, "second": 2, "2nd": 2, "2": 2, "third": 3, "3rd": 3, "3": 3,
    "fourth": 4, "4th": 4, "4": 4,
}
PERIOD_KINDS = ("period", "range", "since")  # explicit spans: role period whatever the clause says
PART_KINDS = ("part",)  # a part of a year (a half, a quarter): a period, or a target when a goal is tied to it
WINDOW = 80  # characters read before or after a date by the tests of its wording
SCOPE_BEFORE, SCOPE_AFTER = 150, 250  # characters of a clause a date's goal may be stated in, around it
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
# "16 April 2024", "the 16th of April, 2024", and with hyphens as page datelines print it: "16-Apr-2024".
EN_DAY_MONTH_YEAR = re.compile(
    _NO_DIGIT_BEFORE
    + rf"(?P<day>\d{{1,2}})(?:(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{_MONTH}),?\s+"
    + rf"|-(?P<dmon>{_MONTH})-)(?P<year>{_YEAR})(?!\d)"
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
# "a year earlier", "the previous year": counted from the year the sentence last named.
EN_ANAPHORIC_YEAR = re.compile(_L + rf"(?P<ana>{_first_letter_either_case(lexicon.EN_ANAPHORIC_YEARS)})" + _R)
# "spring 2023", "the autumn of 2022", "this spring", "last winter".
_EN_SEASON = "(?P<season>" + _first_letter_either_case(lexicon.EN_SEASONS) + ")"
EN_SEASON = re.compile(
    _L + r"(?:(?P<rel>" + _first_letter_either_case(w for w in lexicon.EN_RELATIVE_YEARS if " " not in w) + r")\s+"
    + _EN_SEASON + "|" + _EN_SEASON.replace("season", "season2") + r"(?:\s+of)?\s+(?P<year>" + _YEAR + r")(?!\d))" + _R)
# "a decade ago", "two years earlier": counted back (or on) from the document's year or the sentence's.
EN_YEARS_COUNTED = re.compile(
    _L + r"(?P<n>(?i:an?|" + "|".join(sorted(lexicon.EN_CARDINALS, key=len, reverse=True)) + r")|\d{1,2})\s+"
    r"(?P<span>" + lexicon.alternation(lexicon.EN_YEAR_SPANS) + r")\s+(?P<dir>"
    + lexicon.alternation({**lexicon.EN_COUNTED_FROM_DOCUMENT, **lexicon.EN_COUNTED_FROM_SENTENCE}) + ")" + _R)
# "said Tuesday", "on Monday": the last such day on or before the document's date. Not a span of weekdays
# ("open Monday to Friday"): office hours recur every week.
_WEEKDAY_NAMES = "|".join(w.title() for w in lexicon.WEEKDAYS)
EN_WEEKDAY = re.compile(
    r"(?<![A-Za-z])(?<!to )(?<!- )(?<!-)(?:(?P<rel>[Nn]ext|[Ll]ast|[Tt]his)\s+)?(?P<wd>" + _WEEKDAY_NAMES
    + r")(?![A-Za-z])(?!\s*(?:to|through|-|–)\s*(?:" + _WEEKDAY_NAMES + "))"
    # "on Saturday, May 25", "Friday 3 May": the weekday of the date that follows, not a day of its own.
    + r"(?!,?\s*(?:(?:the\s+)?\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?)?" + _MONTH + ")")
# Month names that are English words ("May") are months only after a preposition: "in May", "from May".
EN_MONTH_WORD = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(f"[{w[0]}{w[0].upper()}]{re.escape(w[1:])}" for w in lexicon.EN_MONTH_WORD_AFTER)
    + r")\s*(?P<mon>May)(?![A-Za-z])")
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
# "the first quarter", "in the first half", "Q1", "Q3 2023": without "of" a year, the document's year.
EN_PART_ALONE = re.compile(
    _L + r"(?:(?:[Tt]he\s+)?(?P<part>(?i:first|second|1st|2nd)\s+half|(?i:first|second|third|fourth|1st|2nd|3rd|4th)"
    r"\s+quarter)(?!\s+of\b)(?![A-Za-z])|Q(?P<q>[1-4])(?:\s+(?P<year>" + _YEAR + r"))?(?![\w]))")
EN_PLAN = re.compile(_L + _PLAN)
# "the past four years": a rolling span back from a full document date.
EN_ROLLING = re.compile(
    _L + r"(?:[Tt]he\s+)?(?:past|last|previous)\s+(?P<n>\d{1,2}|" + "|".join(sorted(lexicon.EN_CARDINALS, key=len, reverse=True)) + r")"
    r"\s+(?P<unit>years|months)" + _R
)


def _en_range_end(n):
    """One end of an English range of dates: March, June 2023, April 1, 2023, 1 April."""
    return (r"(?:(?P<mN>" + _MONTH + r")(?:\s+(?P<dN>\d{1,2})(?:st|nd|rd|th)?(?!\d))?(?:,?\s*(?P<yN>" + _YEAR
            + r")(?!\d))?|(?P<ddN>\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mmN>" + _MONTH + r")(?:,?\s+(?P<yyN>"
            + _YEAR + r")(?!\d))?)").replace("N>", f"{n}>")


# "March to June 2023", "April 1, 2023 to March 31, 2028", "May to August", "1 April - 30 June", "June 1 to 30".
EN_DATE_RANGE = re.compile(
    _L + _en_range_end(1) + r"\s*(?P<joiner>" + "|".join(
        w if not w.isalpha() else rf"(?<![A-Za-z]){w}(?![A-Za-z])" for w in lexicon.EN_DATE_RANGE_JOINERS)
    + r")\s*(?:" + _en_range_end(2) + r"|(?P<dayonly>\d{1,2})(?:st|nd|rd|th)?(?![\d:.])(?:,?\s*(?P<yd>" + _YEAR
    + r")(?!\d))?)")
EN_BETWEEN_BEFORE = re.compile(r"(?<![A-Za-z])[Bb]etween\s+$")
ISO_DATE = re.compile(
    r"(?<![\d.])" + rf"(?P<year>{_YEAR})(?P<sep>[-/.])(?P<mon>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?!\d)"
)
# "2021-2035", "2021—2035年", "2021年至2025年", "2021 to 2025".
YEAR_RANGE = re.compile(
    _NO_DIGIT_BEFORE
    + rf"(?P<year>{_YEAR})年?\s*(?P<joiner>[-–—―~]|至|到|to|through|until|and)\s*(?P<year2>{_YEAR})年?(?!\d)"
)

_ZH_NUM = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_ZH_YEAR = rf"(?:{_YEAR}|[一二][〇○零一二三四五六七八九]{{3}})"
# 2020年, 2020年4月, 2020年4月23日, 2023年底, 2020年上半年, 2024年第一季度, 2020年度.
_ZH_MONTH_PART = rf"(?P<mon>{_ZH_NUM})\s*月(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末)|(?P<mstart>初)|(?P<xun>[上中下]旬))?"
ZH_DATE = re.compile(
    r"(?<![\d〇○零一二三四五六七八九])" + rf"(?P<year>{_ZH_YEAR})\s*年"
    rf"(?:{_ZH_MONTH_PART}"
    r"|(?P<yend>底|末)|(?P<ystart>初)|(?P<half>[上下])半年|(?P<quarter>第?[一二三四1-4])季度"
    rf"|(?P<season>{lexicon.alternation(lexicon.ZH_SEASONS)})|度)?"
)
# 今年, 去年4月, 明年底, 今年上半年, 本年度 (上年 is anaphoric). The guards keep out 如今年轻人, 过去年均, 说明年度 and 日本年.
ZH_RELATIVE = re.compile(
    r"(?:(?P<rel>今|(?<!过)去|(?<![说表证声阐标注查发透文简英聪鲜光指申分神言昭])明)年(?!轻|龄|纪|代|级|华|迈)"
    r"|(?P<rel2>本)年度)(?:度)?"
    rf"(?:{_ZH_MONTH_PART}"
    r"|(?P<yend>底|末)|(?P<ystart>初)|(?P<half>[上下])半年|(?P<quarter>第?[一二三四1-4])季度"
    rf"|(?P<season>{lexicon.alternation(lexicon.ZH_SEASONS)}))?"
)
# 本月, 上月底, 下个月初: months counted from the document's.
ZH_RELATIVE_MONTH = re.compile(
    r"(?<![以向之马迎往每])(?P<rel>" + lexicon.alternation(lexicon.ZH_RELATIVE_MONTHS) + r")个?月"
    rf"(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末)|(?P<mstart>初)|(?P<xun>[上中下]旬))?")
# 同年, 次年: counted from the year the sentence last named.
ZH_ANAPHORIC_YEAR = re.compile(
    "(?<![以向之马迎往])(?P<ana>" + lexicon.alternation(lexicon.ZH_ANAPHORIC_YEARS) + ")(?!龄|级|代|轻|纪|华|迈)度?"
    "(?:" + _ZH_MONTH_PART + "|(?P<yend>底|末)|(?P<ystart>初))?")
# 年底 alone is the end of the document's year (年初 its first day); 每年底 (every year end) and 三年底 are not.
ZH_YEAR_END = re.compile(r"(?<![\d〇○零一二三四五六七八九十今去上明本每多历逐当同次翌])年(?P<edge>[底末初])")
# 6月30日, 11月, 6月底 (year from the document).
ZH_MONTH_DAY = re.compile(
    r"(?<![\d年一二三四五六七八九十])"
    + rf"(?P<mon>{_ZH_NUM})\s*月(?:(?P<day>{_ZH_NUM})\s*[日号]|(?P<mend>底|末)|(?P<mstart>初)|(?P<xun>[上中下]旬)|份)?"
)
# 十四五, “十三五”末; guards keep it out of plain numbers such as 十四五万.
ZH_PLAN = re.compile(
    r"(?<![\d一二三四五六七八九十百千万零〇两])"
    rf"(?P<q>[{_QUOTE_OPEN}「])?十(?P<n>[一二三四五六七八九])五(?![\d万千百亿个年%])"
    rf"(?:(?P<q2>[{_QUOTE_CLOSE}」])?(?P<end>期末|末))?"
)
# 2024届 (the graduating class of 2024): that year, as "the class of 2024" is.
ZH_COHORT_YEAR = re.compile(r"(?<![\d.])(?P<year>" + _YEAR + ")" + lexicon.alternation(lexicon.ZH_COHORT_AFTER))
# today, yesterday, 今天: the document's date, a day either side. Not "today's world", not 明天的, not a
# sentence's opening "Today" (mostly "nowadays"), not "today (May 10)" whose date follows.
RELATIVE_DAY = re.compile(
    r"(?<![A-Za-z'’])(?P<day>" + lexicon.alternation(lexicon.EN_RELATIVE_DAYS) + r")(?![A-Za-z'’-]|\s*[(（])"
    r"|(?P<zhday>" + lexicon.alternation(lexicon.ZH_RELATIVE_DAYS) + ")(?!的)")
ZH_PLAN_LONG = re.compile(r"第(?P<n>[一二三四五六七八九十]{1,3})个五年(?:规划|计划)(?:时期|期间)?")
ZH_ROLLING = re.compile(rf"(?:近|过去|最近)(?P<n>{_ZH_NUM})(?P<unit>年|个月)")
# 十年前 (ten years ago); not 2020年前 (before 2020: a year, then 前), nor 近十年前 or 十多年前 (vague).
ZH_YEARS_AGO = re.compile(r"(?<![\d〇○零一二三四五六七八九十近多几数])(?P<n>[一二两三四五六七八九十]{1,3}|\d{1,2})"
                          + lexicon.ZH_YEARS_AGO)
_ZH_EDGE = lexicon.alternation(lexicon.ZH_MONTH_EDGES)


def _zh_range_end(n):
    """One end of a Chinese range of dates: 2021年9月20日, 4月初, 9月底, 2025年, 3日 (after a day)."""
    return (rf"(?=[\d〇○零一二三四五六七八九十])(?:(?P<y{n}>{_ZH_YEAR})\s*年)?(?:(?P<m{n}>{_ZH_NUM})\s*月)?"
            rf"(?:(?P<d{n}>{_ZH_NUM})\s*[日号]|(?P<e{n}>{_ZH_EDGE}))?")


# 4月初至9月底, 5月至8月, 11月2日至3日, 2021年9月20日至10月15日: one period.
ZH_DATE_RANGE = re.compile(
    r"(?<![\d〇○零一二三四五六七八九十])" + _zh_range_end(1) + r"\s*(?:" + lexicon.alternation(lexicon.ZH_RANGE_JOINERS)
    + r")\s*" + _zh_range_end(2))
# 8日 in a news story: that day of the document's month (记者8日获悉). Not 5日内 (a duration).
ZH_DAY_ALONE = re.compile(
    r"(?<![\d月年日号.:-])(?P<day>\d{1,2})\s*日(?!" + lexicon.alternation(lexicon.ZH_NOT_DAY_AFTER) + ")")
# 一季度, 第二季度, 前三季度, 上半年 without a year: the document's year.
ZH_QUARTER_ALONE = re.compile(
    r"(?<![年\d〇○零一二三四五六七八九十今去上明本每])(?P<first>前)?(?P<quarter>第?[一二三四1-4])季度")
ZH_HALF_ALONE = re.compile(r"(?<![年今去上明本每\d])(?P<half>[上下])半年")

# Words around a date that say more than its span: since, a deadline, a graduating class, a repeat, a dateline.
EN_SINCE_BEFORE = re.compile(
    r"(?<![A-Za-z])(?P<since>" + _first_letter_either_case(lexicon.EN_SINCE) + r")\s+"
    r"(?:(?:its|their|his|her|the)\s+(?:[\w'’-]+\s+){0,3}?" + lexicon.alternation(lexicon.EN_SINCE_EVENT_NOUNS)
    + r"\s+in\s+|(?:the\s+)?(?P<q>[" + _QUOTE_OPEN + r"])?)$")
ZH_SINCE_AFTER = re.compile(rf"(?P<q>[{_QUOTE_CLOSE}」])?(?:{lexicon.alternation(lexicon.ZH_SINCE_AFTER)})")
EN_DEADLINE_BEFORE = re.compile(
    r"(?<![A-Za-z])" + lexicon.alternation(lexicon.EN_DEADLINE_BEFORE, "i") + r"\s+(?:the\s+)?$")
ZH_DEADLINE_AFTER = re.compile(lexicon.alternation(lexicon.ZH_DEADLINE_AFTER))
ZH_DEADLINE_BEFORE = re.compile(lexicon.alternation(lexicon.ZH_DEADLINE_BEFORE) + r"\s*[:：]?\s*$")
EN_DEADLINE_LIMIT = re.compile(
    r"(?<![A-Za-z])" + _first_letter_either_case(lexicon.EN_DEADLINE_LIMIT_WORDS) + r"\s")
EN_COHORT_BEFORE = re.compile(
    r"(?<![A-Za-z])" + lexicon.alternation(lexicon.EN_COHORT_BEFORE, "i") + r"\s+(?:the\s+)?$")
ZH_COHORT_AFTER = re.compile(lexicon.alternation(lexicon.ZH_COHORT_AFTER))
EN_COHORT_AFTER = re.compile(r"\s+" + lexicon.alternation(lexicon.EN_COHORT_AFTER) + r"(?![A-Za-z])")
EN_YEAR_BEFORE = re.compile(r"(?<![A-Za-z])" + _first_letter_either_case(lexicon.EN_YEAR_BEFORE) + r"\s+$")
EN_RECURRING_BEFORE = re.compile(
    r"(?<![A-Za-z])" + _first_letter_either_case(lexicon.EN_RECURRING_BEFORE) + r"\s+(?:year\s+)?(?:in\s+|on\s+)?$")
ZH_RECURRING_BEFORE = re.compile(lexicon.alternation(lexicon.ZH_RECURRING_BEFORE) + r"\s*$")
EN_RECURRING_AFTER = re.compile(r"\s+" + lexicon.alternation(lexicon.EN_RECURRING_AFTER, "i") + r"(?![A-Za-z])")
# 新华社北京3月8日电, 【华闻资讯网7月12日讯】 (not 电话, 电子, 讯息 …).
ZH_DATELINE_AFTER = re.compile(
    lexicon.alternation(lexicon.ZH_DATELINE_AFTER) + "(?!" + lexicon.alternation(lexicon.ZH_DATELINE_NOT_AFTER) + ")")
# A place opening the clause, the date, then the agency in brackets or a dash: BEIJING, Sept. 6 (Xinhua) --. The
# place is in capitals before a dash alone (BEIJING, Sept. 6 --), in any case before the agency (Beijing, …)
# or before a date with its year (Geneva, November 20, 2023 – …).
EN_DATELINE_BEFORE = re.compile(r"^\s*[A-Z][A-Z .'’-]*[A-Z],\s*$")
EN_DATELINE_PLACE = re.compile(r"^\s*[A-Z][A-Za-z .'’-]*[a-zA-Z],\s*$")
# The agency in brackets (Xinhua), or a wire service between slashes and a dash (/PRNewswire/ --).
EN_DATELINE_AFTER = re.compile(r"\s*(?:(?P<agency>\(\s*[A-Z][\w .&-]*\)|/\s*[A-Z][\w .&-]*/\s*(?:--|—|–))|--|—|–)")
EN_BASELINE_BEFORE = re.compile(
    r"(?<![A-Za-z])" + lexicon.alternation(lexicon.EN_BASELINE_BEFORE, "i") + r"\s+(?:the\s+)?(?:end\s+of\s+)?$")
ZH_BASELINE_BEFORE = re.compile(lexicon.alternation(lexicon.ZH_BASELINE_BEFORE) + r"\s*$")
# What stands between the items of a list of dates: "February and August 2022", "May, June and July".
LIST_JOINER = re.compile(r"\s*(?:,|、|，)?\s*(?:" + lexicon.alternation(lexicon.LIST_JOINERS) + r")?\s*")
# Where a clause's parts meet: a goal tied to a date is stated in the date's own part.
PART_BREAK = re.compile(r"[，；;：:。]|,(?!\d{3})")
TOPIC_WORD = re.compile(r"[A-Za-z]+|[^\W\d_A-Za-z]")  # an English word or a Chinese character

# Words in front of a date that make it a limit: By 2025, before June 30, 到2025年.
EN_LIMIT_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z]){_first_letter_either_case(lexicon.EN_LIMIT_WORDS)}|(?<=[a-z])"
    rf"(?:{'|'.join(w.capitalize() for w in lexicon.EN_LIMIT_WORDS)}))\s+$"
)
ZH_LIMIT_BEFORE = re.compile(lexicon.ZH_LIMIT_BEFORE + "$")
ZH_LIMIT_AFTER = re.compile(lexicon.ZH_LIMIT_AFTER)  # used with .match(text, end)
# Between a day and its 前: the weekday in brackets and the hour (3月22日（星期五）17:00前).
ZH_WEEKDAY_AND_HOUR = re.compile(
    r"(?:\s*[（(]\s*" + lexicon.alternation(lexicon.ZH_WEEKDAY_WORDS) + "[" + lexicon.ZH_WEEKDAY_DAYS + r"]\s*[)）])?"
    r"(?:\s*\d{1,2}(?:[:：]\d{2}|\s*[时点](?:\d{1,2}分)?))?\s*")
# A limit word and an hour before a day: "before 6 pm on May 23", "by 17:00 on 30 June".
EN_LIMIT_HOUR_BEFORE = re.compile(
    rf"(?:(?<![A-Za-z]){_first_letter_either_case(lexicon.EN_LIMIT_WORDS)})\s+\d{{1,2}}(?:[:.]\d{{2}})?\s*"
    r"(?:" + lexicon.alternation(lexicon.EN_TIME_AFTER, "i") + r")?\s+(?:on\s+)?$")
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
# A year tied to a quantified goal is a target: a future verb (or a goal's wording) and a figure in the part of
# the clause the date belongs to.
FUTURE_MARKER = re.compile(
    r"\b(?:" + "|".join(lexicon.EN_FUTURE_MARKERS) + r")\b|" + "|".join(lexicon.ZH_FUTURE_MARKERS)
    + "|" + "|".join(lexicon.ZH_TARGET_MARKERS)
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
    year, five, day = "year" in lowered, "five" in lowered, "day" in text
    part = "half" in lowered or "quarter" in lowered or "Q" in text
    season = any(w in lowered for w in lexicon.EN_SEASONS)
    if not (month or digit or year or five or day or part or season or "month" in lowered):
        return  # every pattern below needs one of these: most clauses end here
    year4 = digit and YEAR_SCREEN.search(text) is not None
    edge = "end" in text or "beginning" in text or "start" in text
    for m in _scan(EN_DATE_RANGE, text, month):
        yield _english_range(m, text, doc)
    for m in _scan(EN_MONTH_DAY_YEAR, text, month and year4):
        day = _day(int(m["year"]), _month_number(m["mon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in _scan(EN_DAY_MONTH_YEAR, text, month and year4):
        day = _day(int(m["year"]), _month_number(m["mon"] or m["dmon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in _scan(EN_MONTH_YEAR, text, month and year4):
        yield _candidate(m.start(), m.end(), _month_span(int(m["year"]), _month_number(m["mon"])), "month")
    for pattern in (EN_MONTH_DAY, EN_DAY_MONTH):
        for m in _scan(pattern, text, month and digit):
            if doc:
                day = _day(doc[0], _month_number(m["mon"]), int(m["day"]))
                yield _yearless(_candidate(m.start(), m.end(), (day, day), "day"))
    for m in _scan(EN_MONTH_ALONE, text, month):
        year = _relative_year(m["rel"], doc) if m["rel"] else (doc[0] if doc else None)
        if year:
            c = _candidate(m.start(), m.end(), _month_span(year, _month_number(m["mon"])), "month")
            yield c if m["rel"] else _yearless(c)
    for m in _scan(EN_MONTH_WORD, text, month):
        if doc:
            yield _yearless(_candidate(m.start("mon"), m.end(), _month_span(doc[0], 5), "month"))
    for m in _scan(EN_WEEKDAY, text, day):
        yield _weekday(m, doc)
    for m in _scan(EN_ANAPHORIC_YEAR, text, year):
        # Resolved once the clause's other dates are known (_resolve_anaphoric).
        offset = lexicon.EN_ANAPHORIC_YEARS[m["ana"].lower()]
        yield {"start": m.start(), "end": m.end(), "date_start": None, "date_end": None, "precision": "year",
               "kind": "anaphoric", "offset": offset}
    for m in _scan(EN_SEASON, text, season):
        year = int(m["year"]) if m["year"] else _relative_year(m["rel"], doc)
        season = (m["season"] or m["season2"]).lower()
        if year:
            yield _candidate(m.start(), m.end(), _season(year, lexicon.EN_SEASONS[season]), "period", "part")
    for m in _scan(EN_YEARS_COUNTED, text, year or "decade" in lowered):
        yield _years_counted(m, doc)
    for m in _scan(EN_RELATIVE_YEAR, text, year):
        # "the last year of the plan" and "the next year" are relative to the story, not to the document.
        if m["rel"].lower() in ("last", "next") and re.search(r"\bthe\s+$", text[max(0, m.start() - 8):m.start()],
                                                              re.IGNORECASE):
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
            c = _candidate(m.start(), m.end(), (day, day), "day", "edge")
            yield c if m["year"] or m["rel"] else _yearless(c)
    for m in _scan(EN_EDGE_OF_PLAN, text, edge and five):
        first, last = _plan_span(_ordinal(m["ord"]))
        day = last if m["edge"] == "end" else first
        yield _candidate(m.start(), m.end(), (day, day), "day", "edge")
    for m in _scan(EN_PART_OF_YEAR, text, ("half" in text or "quarter" in text) and (digit or year)):
        year = _year_ref(m, doc)
        if year:
            yield _candidate(m.start(), m.end(), _part_of_year(year, m["part"]), "period", "part")
    for m in _scan(EN_PART_ALONE, text, part):
        year = int(m["year"]) if m["year"] else (doc[0] if doc else None)
        if year:
            part = m["part"] or f"{m['q']} quarter"
            yield _candidate(m.start(), m.end(), _part_of_year(year, part), "period", "part")
    for m in _scan(EN_PLAN, text, five):
        yield _candidate(m.start(), m.end(), _plan_span(_ordinal(m["ord"])), "period", "period")
    for m in _scan(EN_ROLLING, text, "years" in text or "months" in text):
        n = int(m["n"]) if m["n"].isdigit() else lexicon.EN_CARDINALS[m["n"]]
        span = _rolling_span(doc, n, m["unit"].startswith("year"))
        yield _running(_candidate(m.start(), m.end(), span, "period", "period"))
    for m in _scan(EN_BARE_YEAR, text, year4):
        if _is_year_not_count(text, m.start(), m.end()):
            yield _candidate(m.start(), m.end(), _year_span(int(m["year"])), "year")


def _find_chinese(text, doc):
    """Candidates from the Chinese patterns."""
    # Every pattern needs 年 or 月, or 十 and 五 (十四五): most clauses skip the regexes.
    year, month, plan = "年" in text, "月" in text, "十" in text and "五" in text
    for m in _scan(ZH_DATE_RANGE, text, year or month):
        yield _chinese_range(m, doc)
    for m in _scan(ZH_DATE, text, year):
        yield _resolve_zh_date(m, parse_chinese_year(m["year"]))
    for m in _scan(ZH_RELATIVE, text, year):
        yield _resolve_zh_date(m, _relative_year(m["rel"] or m["rel2"], doc))
    for m in _scan(ZH_YEAR_END, text, year):
        day = doc and (datetime.date(doc[0], 1, 1) if m["edge"] == "初" else datetime.date(doc[0], 12, 31))
        yield _candidate(m.start(), m.end(), day and (day, day), "day", "year_edge")
    for m in _scan(ZH_MONTH_DAY, text, month):
        yield _yearless(_resolve_zh_date(m, doc and doc[0]))
    for m in _scan(ZH_RELATIVE_MONTH, text, month):
        if doc and doc[1]:
            index = doc[0] * 12 + doc[1] - 1 + lexicon.ZH_RELATIVE_MONTHS[m["rel"]]
            yield _resolve_zh_month(m, index // 12, index % 12 + 1)
    for m in _scan(ZH_ANAPHORIC_YEAR, text, year):
        yield {"start": m.start(), "end": m.end(), "date_start": None, "date_end": None, "precision": "year",
               "kind": "anaphoric", "offset": lexicon.ZH_ANAPHORIC_YEARS[m["ana"]], "match": m}
    for m in _scan(ZH_DAY_ALONE, text, "日" in text):
        yield _day_of_document_month(m, doc)
    for m in _scan(ZH_QUARTER_ALONE, text, "季度" in text):
        if doc:
            quarter = parse_chinese_small(m["quarter"].lstrip("第"))
            first, last = _part_of_year(doc[0], f"{quarter} quarter")
            if m["first"]:
                first = datetime.date(doc[0], 1, 1)  # 前三季度: the first three quarters
            yield _candidate(m.start(), m.end(), (first, last), "period", "part")
    for m in _scan(ZH_HALF_ALONE, text, "半年" in text):
        if doc:
            part = "first half" if m["half"] == "上" else "second half"
            yield _candidate(m.start(), m.end(), _part_of_year(doc[0], part), "period", "part")
    for m in _scan(ZH_PLAN, text, plan):
        start = m.start() + (1 if m["q"] else 0)
        first, last = _plan_span(10 + lexicon.ZH_DIGITS[m["n"]])
        if m["end"]:
            yield _candidate(start, m.end(), (last, last), "day", "edge")
        else:
            yield _candidate(start, m.start("n") + 2, (first, last), "period", "period")
    for m in _scan(ZH_COHORT_YEAR, text, any(w in text for w in lexicon.ZH_COHORT_AFTER)):
        yield _candidate(m.start(), m.end(), _year_span(int(m["year"])), "year")
    for m in _scan(ZH_PLAN_LONG, text, year):
        n = parse_chinese_small(m["n"])
        yield _candidate(m.start(), m.end(), n and _plan_span(n), "period", "period")
    for m in _scan(ZH_YEARS_AGO, text, lexicon.ZH_YEARS_AGO in text):
        n = parse_chinese_small(m["n"].replace("两", "二"))
        year = doc and n and doc[0] - n
        yield _candidate(m.start(), m.end(), year and _year_span(year), "year")
    for m in _scan(ZH_ROLLING, text, year or month):
        n = parse_chinese_small(m["n"])
        yield _running(_candidate(m.start(), m.end(), n and _rolling_span(doc, n, m["unit"] == "年"), "period",
                                  "period"))


def _find_common(text, doc):
    """Candidates written the same way in both languages: 2020-04-23, 2021-2035, today and 今天."""
    if doc and doc[2] is not None:
        for m in _scan(RELATIVE_DAY, text, "day" in text or "天" in text or "tomorrow" in text):
            offset = (lexicon.EN_RELATIVE_DAYS[m["day"]] if m["day"]
                      else lexicon.ZH_RELATIVE_DAYS[m["zhday"]])
            day = datetime.date(*doc) + datetime.timedelta(days=offset)
            yield _candidate(m.start(), m.end(), (day, day), "day")
    if not DIGIT.search(text):
        return  # both patterns need a year in digits
    for m in ISO_DATE.finditer(text):
        day = _day(int(m["year"]), int(m["mon"]), int(m["day"]))
        yield _candidate(m.start(), m.end(), (day, day), "day")
    for m in YEAR_RANGE.finditer(text):
        if m["joiner"] == "and" and not EN_BETWEEN_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue  # "2021 and 2025" are two years; "between 2021 and 2025" is a range
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
        return _resolve_zh_month(m, year, month)
    groups = m.groupdict()
    if groups.get("yend"):
        return _candidate(m.start(), m.end(), (datetime.date(year, 12, 31),) * 2, "day", "year_edge")
    if groups.get("ystart"):
        return _candidate(m.start(), m.end(), (datetime.date(year, 1, 1),) * 2, "day", "year_edge")
    if groups.get("half"):
        part = "first half" if m["half"] == "上" else "second half"
        return _candidate(m.start(), m.end(), _part_of_year(year, part), "period", "part")
    if groups.get("quarter"):
        quarter = parse_chinese_small(m["quarter"].lstrip("第"))
        return _candidate(m.start(), m.end(), _part_of_year(year, f"{quarter} quarter"), "period", "part")
    if groups.get("season"):
        return _candidate(m.start(), m.end(), _season(year, lexicon.ZH_SEASONS[m["season"]]), "period", "part")
    return _candidate(m.start(), m.end(), _year_span(year), "year")


def _range_end(year, month, day, edge, first):
    """One end of a range of dates as a day: the day named, else the month's (or year's) first or last day."""
    if month is None:
        return datetime.date(year, 1, 1) if first else datetime.date(year, 12, 31)
    if not 1 <= month <= 12:
        return None
    start, end = _month_span(year, month)
    if day is not None:
        return _day(year, month, day)
    if edge:
        which = lexicon.ZH_MONTH_EDGES[edge]
        if which == "start":
            return start
        if which == "end":
            return end
        thirds = {"first ten days": (1, 10), "middle ten days": (11, 20), "last days": (21, end.day)}[which]
        return datetime.date(year, month, thirds[0] if first else thirds[1])
    return start if first else end


def _range_candidate(m, first, last):
    """A range of dates as one period; None when it does not resolve or runs backwards."""
    if first is None or last is None or first > last:
        return None
    return _candidate(m.start(), m.end(), (first, last), "period", "range")


def _chinese_range(m, doc):
    """4月初至9月底, 5月至8月, 11月2日至3日, 2021年9月20日至10月15日: the second end takes the year (and, after a
    day, the month) it leaves out from the first; a range without a year is in the document's year."""
    small = parse_chinese_small
    y1 = parse_chinese_year(m["y1"]) if m["y1"] else None
    y2 = parse_chinese_year(m["y2"]) if m["y2"] else None
    m1, m2 = m["m1"] and small(m["m1"]), m["m2"] and small(m["m2"])
    d1, d2 = m["d1"] and small(m["d1"]), m["d2"] and small(m["d2"])
    if not m1 and not m2:  # 2021年至2025年
        if not (y1 and y2) or d1 or d2 or m["e1"] or m["e2"]:
            return None
        return _range_candidate(m, datetime.date(y1, 1, 1), datetime.date(y2, 12, 31))
    if not m1:
        return None  # 2021年至8月: a year, then a month
    if not m2:
        if not (d1 and d2) or y2:
            return None  # only a day may stand alone, after a day: 11月2日至3日
        m2 = m1
    if y1 is None:
        if y2 is not None:
            y1 = y2 if m1 <= m2 else y2 - 1
        elif doc:
            y1 = doc[0]
        else:
            return None
    if y2 is None:
        y2 = y1 if m1 <= m2 else y1 + 1
    c = _range_candidate(m, _range_end(y1, m1, d1, m["e1"], True), _range_end(y2, m2, d2, m["e2"], False))
    return c if m["y1"] or m["y2"] else _yearless(c)


def _english_range(m, text, doc):
    """March to June 2023, April 1, 2023 to March 31, 2028, May to August (in the document's year); with "and"
    only after "between"."""
    mon1, mon2 = m["m1"] or m["mm1"], m["m2"] or m["mm2"]
    day1, day2 = m["d1"] or m["dd1"], m["d2"] or m["dd2"]
    if m["joiner"] == "and" and not EN_BETWEEN_BEFORE.search(text, max(0, m.start() - 12), m.start()) \
            and not _consecutive_months(mon1, mon2, day1 or day2 or m["dayonly"] or m["y1"] or m["yy1"]):
        return None
    y1, y2 = m["y1"] or m["yy1"], m["y2"] or m["yy2"]
    if m["dayonly"]:  # June 1 to 30: the second end is a day of the same month
        if not day1 or y1:
            return None
        mon2, day2, y2 = mon1, m["dayonly"], m["yd"]
    n1, n2 = _month_number(mon1), _month_number(mon2)
    y2 = int(y2) if y2 else (int(y1) if y1 else (doc[0] if doc else None))
    if y2 is None:
        return None
    y1 = int(y1) if y1 else (y2 if n1 <= n2 else y2 - 1)
    first = _range_end(y1, n1, int(day1) if day1 else None, None, True)
    last = _range_end(y2, n2, int(day2) if day2 else None, None, False)
    c = _range_candidate(m, first, last)
    return c if m["y1"] or m["yy1"] or m["y2"] or m["yy2"] or m["yd"] else _yearless(c)


def _years_counted(m, doc):
    """"a decade ago": the year ten before the document's; "two years earlier": resolved, as "a year earlier"
    is, against the year the clause named before it (_resolve_anaphoric)."""
    n = m["n"].lower()
    count = int(n) if n.isdigit() else lexicon.EN_CARDINALS.get(n, 1)
    years = count * lexicon.EN_YEAR_SPANS[m["span"]]
    if m["dir"] in lexicon.EN_COUNTED_FROM_DOCUMENT:
        year = doc and doc[0] + years * lexicon.EN_COUNTED_FROM_DOCUMENT[m["dir"]]
        return _candidate(m.start(), m.end(), year and _year_span(year), "year")
    return {"start": m.start(), "end": m.end(), "date_start": None, "date_end": None, "precision": "year",
            "kind": "anaphoric", "offset": years * lexicon.EN_COUNTED_FROM_SENTENCE[m["dir"]]}


def _consecutive_months(mon1, mon2, more):
    """"March and April 2023" is one span (the two months together); "March and June" are two months, and
    "March 3 and April 5" two days. more: a day or a first year printed, which makes the ends two dates."""
    return bool(mon1 and mon2) and not more and _month_number(mon2) == _month_number(mon1) % 12 + 1


def _weekday(m, doc):
    """Tuesday (said Tuesday, on Tuesday, last Tuesday): the last such day on or before the document's date;
    next Tuesday: the first after it. Needs a full document date."""
    if not doc or doc[2] is None:
        return None
    today, wanted = datetime.date(*doc), lexicon.WEEKDAYS[m["wd"].lower()]
    rel = (m["rel"] or "").lower()
    if rel == "next":
        day = today + datetime.timedelta(days=(wanted - today.weekday()) % 7 or 7)
    else:
        day = today - datetime.timedelta(days=(today.weekday() - wanted) % 7)
    return _candidate(m.start() if rel in ("next", "last") else m.start("wd"), m.end(), (day, day), "day")


def _day_of_document_month(m, doc):
    """8日 in a story dated 2022-03-08: that day of the document's month, or of the month before when the day is
    still to come."""
    if not doc or doc[2] is None:
        return None
    day_number, (year, month, today) = int(m["day"]), doc
    if day_number > today:
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    day = _day(year, month, day_number)
    return _candidate(m.start(), m.end(), (day, day), "day")


def _resolve_zh_month(m, year, month):
    """A month, or a day of it (6月30日), its first or last day (6月初, 6月底) or a third of it (6月中旬)."""
    first, last = _month_span(year, month)
    if m["day"]:
        day = _day(year, month, parse_chinese_small(m["day"]) or 0)
        return _candidate(m.start(), m.end(), (day, day), "day")
    if m["mend"]:
        return _candidate(m.start(), m.end(), (last, last), "day", "edge")
    if m["mstart"]:
        return _candidate(m.start(), m.end(), (first, first), "day", "edge")
    if m["xun"]:
        edge = m["xun"]
        return _candidate(m.start(), m.end(), (_range_end(year, month, None, edge, True),
                                               _range_end(year, month, None, edge, False)), "period", "part")
    return _candidate(m.start(), m.end(), (first, last), "month")


def _season(year, first_month):
    """The three months of a season that opens in first_month of year (winter: December to February)."""
    last = first_month + lexicon.SEASON_MONTHS - 1
    end_year, end_month = (year + 1, last - 12) if last > 12 else (year, last)
    return datetime.date(year, first_month, 1), _month_span(end_year, end_month)[1]


def _part_of_year(year, part):
    """'first half' -> Jan 1..Jun 30; 'third quarter' or '3 quarter' -> Jul 1..Sep 30."""
    which, unit = part.split()[0].lower(), part.split()[-1].lower()
    months = 6 if unit == "half" else 3
    first_month = (PART_NUMBERS[which] - 1) * months + 1
    return datetime.date(year, first_month, 1), _month_span(year, first_month + months - 1)[1]


def _running(candidate):
    """A rolling span (the past three years, 近三年) marked as one: a total counted over it runs up to the
    document's date, whatever whole years the span itself covers."""
    return candidate and {**candidate, "running": True}


def _rolling_span(doc, n, years):
    """The last n years: the n whole years before the document's year (近三年 in 2024 is 2021 to 2023, as
    statistics count them); the last n months: up to a full document date. None without the date needed."""
    if years and doc and n:
        return datetime.date(doc[0] - n, 1, 1), datetime.date(doc[0] - 1, 12, 31)
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
    if after and after["plural"] and (after["plural"] in NOT_PLURALS or EN_COHORT_AFTER.match(text, end)
                                      or EN_YEAR_BEFORE.search(text, max(0, start - 8), start)):
        after = None  # a verb (by 2035 depends), a graduating class (2024 graduates): a year
    if after:
        return False
    return not COUNT_BEFORE.search(text[max(0, start - 20):start])


def _select_longest(candidates):
    """Keep the longest of overlapping candidates (2020年4月23日 over 4月23日), in text order. Candidates that
    overlap no other are kept as they are; within each run of overlapping ones, the longest first, and the
    chosen ones never overlap, so a new one need only be checked against its neighbours in text order."""
    chosen, run, run_end = [], [], -1
    for c in sorted((c for c in candidates if c), key=lambda c: c["start"]) + [None]:
        if c is not None and c["start"] < run_end:
            run.append(c)
            run_end = max(run_end, c["end"])
            continue
        if len(run) == 1:
            chosen += run
        elif run:
            kept, starts = [], []
            for r in sorted(run, key=lambda r: (r["start"] - r["end"], r["start"])):
                i = bisect.bisect_left(starts, r["start"])
                if (i == 0 or kept[i - 1]["end"] <= r["start"]) and (i == len(kept) or r["end"] <= kept[i]["start"]):
                    starts.insert(i, r["start"])
                    kept.insert(i, r)
            chosen += kept
        run, run_end = ([c], c["end"]) if c is not None else ([], -1)
    return chosen


def _yearless(candidate):
    """A month or day printed without its year (11月, June 30, May to August), resolved in the document's year
    until the clause says otherwise (_resolve_anaphoric)."""
    return candidate and {**candidate, "yearless": True}


def _in_year(c, year):
    """A yearless candidate moved to another year: each end keeps its month and day (the last day of a month
    stays the last, 29 February included)."""
    delta = year - c["date_start"].year

    def move(d):
        last = calendar.monthrange(d.year, d.month)[1]
        new_last = calendar.monthrange(d.year + delta, d.month)[1]
        return datetime.date(d.year + delta, d.month, new_last if d.day == last else min(d.day, new_last))

    return {**c, "date_start": move(c["date_start"]), "date_end": move(c["date_end"])}


def _share_listed_year(chosen, text):
    """Months listed before the one year they share ("in February and August 2022", "3月、6月和2022年9月"... in
    English, "March, May and June 2023") take that year: each yearless one takes the year of the next date
    when only a list's joiners stand between them."""
    out = list(chosen)
    for i in range(len(out) - 2, -1, -1):
        c, after = out[i], out[i + 1]
        if c.get("yearless") and not after.get("yearless") and after["precision"] in ("day", "month") \
                and LIST_JOINER.fullmatch(text, c["end"], after["start"]):
            out[i] = {**_in_year(c, after["date_start"].year), "yearless": False}
    return out


def _resolve_anaphoric(chosen, doc):
    """Give "a year earlier" and "the previous year" the year the clause named before them (2022 in "in 2022,
    ... up 6.5 percent from a year earlier"), else the document's year. A month or day printed without a year
    takes the year of the nearest date before it in the clause that names one (去年7月入职……11月就通过了考试:
    November of last year), else the document's."""
    out, last_year = [], None
    for c in chosen:
        if c.get("yearless"):
            if last_year is not None and last_year != c["date_start"].year:
                c = _in_year(c, last_year)
        elif c["kind"] == "anaphoric":
            base = last_year if last_year is not None else (doc[0] if doc else None)
            if base is None:
                continue
            year = base + c["offset"]
            month = c.get("match") and c["match"]["mon"] and parse_chinese_small(c["match"]["mon"])
            resolved = _resolve_zh_month(c["match"], year, month) if month and 1 <= month <= 12 else None
            if resolved:  # 同年12月
                c = {**resolved, "start": c["start"], "end": c["end"]}
            elif c.get("match") and (c["match"]["yend"] or c["match"]["ystart"]):  # 上年底, 次年初
                day = datetime.date(year, 12, 31) if c["match"]["yend"] else datetime.date(year, 1, 1)
                c = {**c, "date_start": day, "date_end": day, "precision": "day", "kind": "date"}
            else:
                first, last = _year_span(year)
                c = {**c, "date_start": first, "date_end": last, "kind": "date"}
            c.pop("match", None)
        elif c["precision"] in ("day", "month", "year"):
            last_year = c["date_start"].year
        out.append(c)
    return out


def _extend_limit(c, text):
    """Take in a leading By / before / 到 or a trailing 前: they turn a date into a limit. Before and 前 make it
    a deadline (deadline_limit); By and 到 alone set a goal when the clause ties a quantity to the date."""
    if c["kind"] in PERIOD_KINDS:
        return c
    window = max(0, c["start"] - 20), c["start"]
    english = _english_word_before(text[window[0]:window[1]])
    before = (english and EN_LIMIT_BEFORE.search(text, *window) or ZH_LIMIT_BEFORE.search(text, *window)
              or english and c["precision"] == "day"
              and EN_LIMIT_HOUR_BEFORE.search(text, max(0, c["start"] - 32), c["start"]))
    if before:
        c = {**c, "start": c["start"] - len(before.group()), "limit": True,
             "deadline_limit": EN_DEADLINE_LIMIT.match(before.group() + " ") is not None}
    after = ZH_LIMIT_AFTER.match(text, c["end"])
    if not after and c["precision"] == "day" and (hour := ZH_WEEKDAY_AND_HOUR.match(text, c["end"])).end() > c["end"]:
        after = ZH_LIMIT_AFTER.match(text, hour.end())
    if after:
        c = {**c, "end": after.end(), "limit": True, "deadline_limit": True}
    return c


def _extend_since(c, text, doc):
    """A date after "since" or before 以来 runs to the document's date: 'Since the "14th Five-Year Plan"' in a
    report of 2024-07-03 is 2021-01-01..2024-07-03. The surface takes in since (and the quote it opens) or 以来."""
    if c["kind"] in ("range", "since") or not doc or doc[2] is None:
        return c
    before = text[max(0, c["start"] - 60):c["start"]]
    en = EN_SINCE_BEFORE.search(before) if ("s" in before or "S" in before) else None
    zh = ZH_SINCE_AFTER.match(text, c["end"])
    today = datetime.date(*doc)
    if not (en or zh) or c["date_start"] > today:
        return c
    start, end = c["start"], c["end"]
    if en:
        start -= len(before) - en.start("since")
        if en["q"] and text[end:end + 1] and text[end] in _QUOTE_CLOSE:
            end += 1
    if zh:
        end = zh.end()
    return {**c, "start": start, "end": end, "date_end": today, "precision": "period", "kind": "since"}


def _english_word_before(before):
    """Whether an English word ends the text before a date (white space aside): the English look-behind tests,
    which end in $ and so are tried at every offset of what they are given, run only then."""
    last = before.rstrip()[-1:]
    return "a" <= last.lower() <= "z"


def _is_recurring(c, text):
    """每年10月至12月, every year in March, by 31 March each year: a date within the year that repeats resolves to
    no single one. (A year is not repeated: in "hire 20 graduates each this year", each is of the graduates.)"""
    if c["precision"] == "year":
        return False
    before = text[max(0, c["start"] - 16):c["start"]]
    english = _english_word_before(before)
    return bool(ZH_RECURRING_BEFORE.search(before) or english and EN_RECURRING_BEFORE.search(before)
                or c["precision"] in ("day", "month") and EN_RECURRING_AFTER.match(text, c["end"]))


def _mark_wording(c, text):
    """Note the words around a date that decide its role: a deadline (close on May 31, 10月15日截止), a graduating
    class (the class of 2022), a dateline (新华社北京3月8日电, BEIJING, Sept. 6 (Xinhua) --)."""
    before = text[max(0, c["start"] - WINDOW):c["start"]]
    english = _english_word_before(before)
    marks = {}
    if english and EN_DEADLINE_BEFORE.search(before) or ZH_DEADLINE_AFTER.match(text, c["end"]) \
            or ZH_DEADLINE_BEFORE.search(before[-8:]):
        marks["deadline"] = True
    if english and EN_COHORT_BEFORE.search(before) or ZH_COHORT_AFTER.match(text, c["end"]) \
            or c["precision"] == "year" and EN_COHORT_AFTER.match(text, c["end"]):
        marks["cohort"] = True
    if ZH_DATELINE_AFTER.match(text, c["end"]) or (
            c["start"] <= WINDOW and (after := EN_DATELINE_AFTER.match(text, c["end"]))
            and (EN_DATELINE_BEFORE.match(before) or (after["agency"] or c.get("precision") == "day" and text[c["start"]:c["end"]][-4:].isdigit())
                 and EN_DATELINE_PLACE.match(before))):
        marks["dateline"] = True
    return {**c, **marks} if marks else c


def _role(c, text, doc, quantities):
    """published, issued, deadline, target, event or period for one candidate, from its wording and the clause."""
    if c.get("dateline"):
        return "published"
    if c["kind"] in PERIOD_KINDS:
        return "period"
    past = doc is not None and c["date_end"] < _doc_first_day(doc)
    if c.get("cohort"):
        return "event"
    if c.get("limit"):
        if past:
            return "event"  # "By the end of 2023" in a 2024 report takes stock; it sets no goal.
        # "By 2025 ... will exceed 1 million" sets a goal; "before June 30" and "年底前完成" set a deadline.
        if not c.get("deadline_limit") and _has_quantified_goal(c, text, doc, quantities):
            return "target"
        return "deadline"
    if c.get("deadline"):
        return "event" if past else "deadline"
    if c["kind"] in PART_KINDS:
        return "target" if not past and _has_quantified_goal(c, text, doc, quantities) else "period"
    if c["precision"] == "year" and not past and _has_quantified_goal(c, text, doc, quantities):
        return "target"
    return "event"


def _has_quantified_goal(c, text, doc, quantities):
    """Whether the clause ties a goal to the date: a goal's wording (will, plans to, 力争, 将, 要) before the date
    or in its part of the clause, and a quantity in that part ('will provide 1,490 jobs this year', 今年，……将
    ……组织专场招聘活动300场以上); or a future year heading a table column ('Indicators | 2025 | Attribute')."""
    if "|" in text:
        return doc is None or c["date_start"].year > doc[0]
    lo, hi = _goal_scope(c, text)
    return quantities.marker_within(max(0, c["start"] - SCOPE_BEFORE), hi) and quantities.any_within(lo, hi)


class ClauseQuantities:
    """The clause's quantities that are not inside one of its dates, and the goal's words in it (FUTURE_MARKER),
    found on first use (most clauses never ask) and asked by bisection whether one lies within a span."""

    def __init__(self, text, lang, dates):
        self.text, self.lang, self.dates, self._starts, self._ends, self._markers = text, lang, dates, None, None, None

    def marker_within(self, lo, hi):
        if self._markers is None:
            self._markers = [m.start() for m in FUTURE_MARKER.finditer(self.text)]
        i = bisect.bisect_left(self._markers, lo)
        return i < len(self._markers) and self._markers[i] < hi

    def any_within(self, lo, hi):
        if self._starts is None:
            date_starts = [d["start"] for d in self.dates]
            kept = []
            for q in find_quantities(self.text, self.lang):
                i = bisect.bisect_right(date_starts, q["start"]) - 1
                inside = i >= 0 and self.dates[i]["end"] > q["start"] or (
                    i + 1 < len(self.dates) and self.dates[i + 1]["start"] < q["end"])
                if not inside:
                    kept.append(q)
            self._starts, self._ends = [q["start"] for q in kept], [q["end"] for q in kept]
        i = bisect.bisect_left(self._starts, lo)
        return i < len(self._starts) and self._ends[i] <= hi


def _goal_scope(c, text):
    """The part of the clause a date belongs to, between the breaks (，；: …) around it, within a bounded window.
    A date that makes up its part alone (a topic: 今年，……; By 2025, …) governs the rest of the clause, and one
    that ends its part opens the next ("said that by the end of this year, the number will exceed 40,000")."""
    lo, hi = max(0, c["start"] - SCOPE_BEFORE), min(len(text), c["end"] + SCOPE_AFTER)
    for m in PART_BREAK.finditer(text, lo, c["start"]):
        lo = m.end()
    after = PART_BREAK.search(text, c["end"], hi)
    part_end = after.start() if after else hi
    rest = text[lo:c["start"]] + " " + text[c["end"]:part_end]
    if sum(1 for _ in itertools.islice(TOPIC_WORD.finditer(rest), 3)) <= 2:  # two words, or two Chinese characters
        return lo, hi
    if after and not text[c["end"]:part_end].strip() and after.group() in ",，":
        following = PART_BREAK.search(text, after.end(), hi)
        return lo, following.start() if following else hi
    return lo, part_end


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
        **({"running": True} if c.get("running") else {}),
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
    folded = normalise(text)
    quantities = ClauseQuantities(folded, lang, found)
    return [_public(c, text, _role(c, folded, doc, quantities)) for c in found]


def _find_dates(text, lang, doc):
    """Resolved, non-overlapping candidates with their limit words, in text order."""
    folded = normalise(text)
    finders = [_find_common(folded, doc), _find_chinese(folded, doc)]
    # Bare years and month names are English words; in Chinese text a year needs 年.
    if lang != "zh":
        finders.append(_find_english(folded, doc))
    chosen = _resolve_anaphoric(_share_listed_year(_select_longest(c for finder in finders for c in finder), folded), doc)
    return [_mark_wording(_extend_since(_extend_limit(c, folded), folded, doc), folded)
            for c in chosen if not _is_recurring(c, folded)]


def as_of_year(date: dict, kind: str, doc_year: int | None) -> int | None:
    """The year a date or period (a tag_dates() row) stands for when it qualifies a figure: a day, month or year
    is its own year; a period counts to its last year, but a reported figure cannot be as of a year after its
    document ("690,000 during the 13th Five-Year Plan" in a 2018 report is as of 2018)."""
    last = int(date["date_end"][:4])
    if date.get("running") and kind != "target" and doc_year is not None:
        return doc_year  # a total over the past few years is as of the report
    if date["precision"] != "period" or kind == "target" or doc_year is None:
        return last
    return min(last, doc_year)


def date_scope(date: dict, text: str) -> tuple[int, int]:
    """The span of the clause a date (a tag_dates() row) speaks of: its own part of the clause (between ，；: and
    the like), or, when the date makes up its part alone (截至2023年底，……; By 2025, ……), the rest of the clause.
    Figures in it are as of the date, and a goal stated in it ties the date to a quantity."""
    return _goal_scope(date, normalise(text))


def is_baseline(date: dict, text: str) -> bool:
    """Whether a date (a tag_dates() row) is the base a change is measured from: 比2022年底增加498家, "up 9.4
    percent over the previous year", "than last year". A figure beside it is not as of it."""
    before = normalise(text[max(0, date["start"] - 20):date["start"]])
    return bool(ZH_BASELINE_BEFORE.search(before[-4:])
                or _english_word_before(before) and EN_BASELINE_BEFORE.search(before))


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
