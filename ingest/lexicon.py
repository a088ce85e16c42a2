"""The language knowledge every tagger shares, defined once: months, number and ordinal words, scale words,
qualifiers, relative-time words, Five-Year-Plan periods, target markers and where an English word starts.

Each list is data. The taggers build their patterns from it (alternation() below), so a word added here is
known to dates, figures and measures alike.
"""
import re

LANGUAGES = ("zh", "en")

# ------------------------------------------------------------------------------------------------ English
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6}
# Cardinal number words and their values; "a"/"an" count as one only before a scale word ("a hundred").
EN_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
EN_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
EN_CARDINALS = {**EN_UNITS, **EN_TEENS, **EN_TENS}
EN_ARTICLES = {"a": 1, "an": 1}
EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15,
}
# Unit words in table headings: "(ten thousand)" multiplies a row's value.
EN_UNIT_SCALES = {**EN_SCALES, "ten thousand": 10_000}

# Relative years, as the offset from the document's year ("the coming year" is next year).
EN_RELATIVE_YEARS = {"this": 0, "the current": 0, "last": -1, "the previous": -1, "next": 1, "the coming": 1}
EN_RELATIVE_MONTHS = {"this": 0, "last": -1, "next": 1}

# Qualifier words before or after a number, and what they say of it.
EN_QUALIFIERS_BEFORE = {
    "more than": "gt", "over": "gt", "exceed": "gt", "exceeds": "gt", "exceeded": "gt", "exceeding": "gt",
    "above": "gt", "upwards of": "gt", "in excess of": "gt",
    "at least": "gte", "no less than": "gte", "not less than": "gte", "no fewer than": "gte",
    "not fewer than": "gte",
    "about": "approx", "nearly": "approx", "around": "approx", "approximately": "approx", "almost": "approx",
    "roughly": "approx", "close to": "approx", "some": "approx",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt",
}
EN_QUALIFIERS_AFTER = {"or more": "gte", "or above": "gte", "and above": "gte", "or over": "gte"}

# Words that make the date after them a limit: By 2025, before June 30.
EN_LIMIT_WORDS = ("by", "before", "no later than", "not later than")
# Verbs that set a goal or a forecast (the future, in a plan's voice).
EN_FUTURE_MARKERS = (
    r"will", r"shall", r"plans? to", r"aims? to", r"strive to", r"(?:is|are) expected to",
)
# Modal words before a number that make it a target ("is to train 1,000", "should reach 50%").
EN_TARGET_MARKERS = (
    r"will", r"shall", r"should", r"must", r"(?:is|are)\s+to", r"plans?\s+to", r"aims?\s+(?:to|at)",
    r"strives?\s+to", r"expected\s+to",
)

# Words ending in a full stop that do not end a sentence.
EN_ABBREVIATIONS = frozenset({
    "no", "nos", "mr", "mrs", "ms", "dr", "prof", "st", "co", "ltd", "inc", "corp", "vs", "e.g", "i.e",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "art", "para", "fig",
    "vol", "p", "pp", "u.s", "u.k", "e.u", "p.r.c", "gov", "dept", "approx", "ca", "jr", "sr", "rev", "gen",
})

# Where an English word starts: after a non-letter, or, in machine-translated text that glues words
# together ("this yearAfter", "recruitedFive people"), where a lower-case letter meets an upper-case one.
# The case test is marked case-sensitive, so the rule holds inside case-insensitive patterns too.
EN_WORD_START = r"(?:(?<![A-Za-z])|(?-i:(?<=[a-z])(?=[A-Z])))"
# ... and where it ends: not before another lower-case letter.
EN_WORD_END = r"(?![a-z])"


def en_word_started(first: str) -> str:
    """EN_WORD_START tested just after a word's first letter, looking back over it. A pattern that opens with
    a letter lets re skip ahead to that letter; one that opens with a look-behind is tried at every offset."""
    return rf"(?:(?<![A-Za-z]{first})|(?-i:(?<=[a-z][A-Z])))"

# ------------------------------------------------------------------------------------------------ Chinese
ZH_DIGITS = {"〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
ZH_SMALL_SCALES = {"十": 10, "百": 100, "千": 1_000}
ZH_LARGE_SCALES = {"万": 10_000, "亿": 100_000_000}
ZH_SCALES = {**ZH_SMALL_SCALES, **ZH_LARGE_SCALES}
# Relative years: 今年, 本年度, 去年, 上年 (the year before), 明年.
ZH_RELATIVE_YEARS = {"今": 0, "本": 0, "去": -1, "上": -1, "明": 1}

ZH_QUALIFIERS_BEFORE = {
    "超过": "gt", "超出": "gt", "逾": "gt", "超": "gt", "多于": "gt", "高于": "gt", "大于": "gt",
    "不少于": "gte", "不低于": "gte", "至少": "gte",
    "将近": "approx", "接近": "approx", "近": "approx", "约": "approx", "大约": "approx", "大概": "approx",
    "不足": "lt", "不到": "lt", "少于": "lt", "低于": "lt", "不超过": "lt",
}
# 以上 is "or more" in legal Chinese, but everyday usage (and our gold data) reads it as "more than".
# (余 and 多 between the number and its measure word, 300余家 / 100多人, also read as gt.)
ZH_QUALIFIERS_AFTER = {"以上": "gt", "以下": "lt", "以内": "lt", "左右": "approx", "上下": "approx"}
ZH_MORE_AFTER = "多余"  # 100多人, 300余家: more than the number

ZH_FUTURE_MARKERS = ("力争", "预计", "目标")
ZH_TARGET_MARKERS = (
    "力争", "争取", "将", "预计", "计划", "目标", "拟", "确保", r"到\s*(?:19|20)\d\d\s*年", r"(?<![重主需纪])要(?![求点素])",
)
# Words before a date that make it a limit (到2025年); 截至 and 直至 state an as-of date, not a limit.
ZH_LIMIT_BEFORE = r"(?<![截直达])(?:到|至)"
ZH_LIMIT_AFTER = r"(?:之前|以前|前)(?!后)"

# Chinese measure words (量词) and units that may follow a number; longest first.
ZH_CLASSIFIERS = sorted(
    "人次 个百分点 百分点 平方公里 平方米 公里 公斤 千克 公顷 美元 万元 亿元 元 个 名 人 位 家 项 件 次 场 批 所 支 条 种 类 套 "
    "台 座 本 篇 份 门 期 轮 组 只 张 部 处 户 亩 吨 倍 起 宗 笔 册 间 辆 艘 架 款 节 届 例 枚 首 页".split(),
    key=len, reverse=True)
# Measure words that are themselves what is counted, as English unit names.
ZH_CLASSIFIER_UNITS = {
    "人": "people", "名": "people", "位": "people", "人次": "person-times", "次": "times", "倍": "times",
    "元": "yuan", "万元": "yuan", "亿元": "yuan", "美元": "US dollars", "个百分点": "percentage points",
    "百分点": "percentage points", "公里": "kilometres", "平方公里": "square kilometres", "平方米": "square metres",
    "吨": "tonnes", "亩": "mu", "公顷": "hectares", "公斤": "kilograms", "千克": "kilograms",
}
# Measure words worth a value multiplier.
ZH_CLASSIFIER_SCALES = {"万元": 10_000, "亿元": 100_000_000}
CURRENCY_BEFORE = {"RMB": "yuan", "CNY": "yuan", "¥": "yuan", "￥": "yuan", "USD": "US dollars", "US$": "US dollars",
                   "$": "dollars", "HK$": "Hong Kong dollars", "EUR": "euros", "€": "euros", "£": "pounds"}

# Words a sentence has and a heading does not: a numbered item holding one is text, not a heading. Chinese ones
# count as whole words of the segmentation (在 in 各地要在6月前, not in 在职; 请 alone, not in 申请).
ZH_SENTENCE_WORDS = ("要", "应", "应当", "须", "必须", "请", "可", "可以", "将", "由", "是", "已", "已经", "正在",
                     "为", "对", "按", "按照", "在", "从", "据", "根据", "不得")
EN_SENTENCE_WORDS = ("shall", "should", "will", "must", "may", "can", "is", "are", "was", "were", "has", "have",
                     "had", "be", "been", "each", "all", "we", "they", "it")

# ------------------------------------------------------------------------------------------------ plans
# The 1st and 2nd Five-Year Plans covered 1953-1957 and 1958-1962; after three years of readjustment the 3rd
# began in 1966, and each later plan starts five years on (13th 2016-2020, 14th 2021-2025).
FIRST_PLAN_YEARS = {1: 1953, 2: 1958}
THIRD_PLAN_YEAR = 1966


def plan_years(n: int) -> tuple[int, int]:
    """First and last year of the nth Five-Year Plan: 1 -> (1953, 1957), 14 -> (2021, 2025)."""
    first = FIRST_PLAN_YEARS.get(n, THIRD_PLAN_YEAR + 5 * (n - 3))
    return first, first + 4


# ------------------------------------------------------------------------------------------------ helpers
def alternation(words, flags="") -> str:
    """A non-capturing group matching any of the words (regex-escaped), longest first."""
    body = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return f"(?{flags}:{body})" if flags else f"(?:{body})"
