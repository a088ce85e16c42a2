"""The language knowledge every tagger shares, defined once: months, number and ordinal words, scale words,
qualifiers, relative-time words, Five-Year-Plan periods, target markers and where an English word starts.

Each list is data. The taggers build their patterns from it (alternation() below), so a word added here is
known to dates, figures and measures alike.
"""
import re

LANGUAGES = ("zh", "en")

# ------------------------------------------------------------------------------------------------ English
MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
}
MONTHS = {
    **MONTH_NAMES,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
    "nov": 11, "dec": 12,
}
# Chinese weekdays: 星期五, 周五, 礼拜天 (a word, then the day: 一 is Monday, 日 and 天 Sunday).
ZH_WEEKDAY_WORDS = ("星期", "礼拜", "周")
ZH_WEEKDAY_DAYS = "一二三四五六日天"
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
EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
             "trillion": 1_000_000_000_000}
# "a dozen" is twelve; "dozens of" is vague (not a figure).
EN_DOZEN = {"dozen": 12}
EN_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14,
    "fifteenth": 15,
}
# Unit words in table headings: "(ten thousand)" multiplies a row's value.
EN_UNIT_SCALES = {**EN_SCALES, "ten thousand": 10_000}

# Relative years, as the offset from the document's year ("the coming year" is next year).
EN_RELATIVE_YEARS = {"this": 0, "the current": 0, "last": -1, "next": 1, "the coming": 1}
EN_RELATIVE_MONTHS = {"this": 0, "last": -1, "next": 1}
# Days counted from the document's date: "X today announced", 昨天.
EN_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "tomorrow": 1}
ZH_RELATIVE_DAYS = {"今天": 0, "昨天": -1, "明天": 1}
# Years that count from the year the sentence has just named ("in 2022, ... up 6.5 percent from a year
# earlier" is 2021), and from the document's year only when the sentence names none.
EN_ANAPHORIC_YEARS = {
    "the previous year": -1, "the preceding year": -1, "a year earlier": -1, "the year before": -1,
    "the following year": 1, "a year later": 1,
}

# Years counted back or on: "a decade ago", "two years ago" from the document's date; "a decade earlier",
# "three years later" from the year the sentence names (as EN_ANAPHORIC_YEARS).
EN_YEAR_SPANS = {"year": 1, "years": 1, "decade": 10, "decades": 10}
EN_COUNTED_FROM_DOCUMENT = {"ago": -1}
EN_COUNTED_FROM_SENTENCE = {"earlier": -1, "later": 1, "before": -1}
# 十年前, 三年前 (ten, three years ago): counted back from the document's year. (2020年前 is "before 2020".)
ZH_YEARS_AGO = "年前"

# Qualifier words before or after a number, and what they say of it.
EN_QUALIFIERS_BEFORE = {
    "more than": "gt", "over": "gt", "exceed": "gt", "exceeds": "gt", "exceeded": "gt", "exceeding": "gt",
    "above": "gt", "upwards of": "gt", "in excess of": "gt",
    "at least": "gte", "no less than": "gte", "not less than": "gte", "no fewer than": "gte",
    "not fewer than": "gte",
    "a minimum of": "gte",
    "about": "approx", "nearly": "approx", "around": "approx", "approximately": "approx", "almost": "approx",
    "roughly": "approx", "close to": "approx", "some": "approx", "an estimated": "approx", "approx.": "approx",
    "less than": "lt", "fewer than": "lt", "under": "lt", "below": "lt",
    "up to": "lte", "no more than": "lte", "not more than": "lte", "not exceeding": "lte", "at most": "lte",
    "not exceed": "lte", "not to exceed": "lte",  # "shall not exceed 3,000 yuan": a cap, not "more than"
    "a maximum of": "lte",
}
EN_QUALIFIERS_AFTER = {
    "or more": "gte", "or above": "gte", "and above": "gte", "or over": "gte", "and over": "gte", "or older": "gte",
    "or under": "lte", "and under": "lte", "or below": "lte", "and below": "lte", "or less": "lte",
    "or fewer": "lte", "or younger": "lte",
}
# After a verb of growth "up to" says what a total reached ("has grown rapidly, up to 690 thousand"), not a cap.
EN_GROWTH_VERBS = frozenset(
    "grow grows grew grown growing rise rises rose risen rising increase increases increased increasing climb "
    "climbs climbed expand expands expanded jump jumped surge surged soar soared".split())
# Verbs saying a total went past a number ("the number ... has passed 1.2 million"). They qualify a number
# only when it ends its phrase: in "passed 3 laws" the number counts what was passed.
EN_PASSED_BEFORE = {"passed": "gt", "surpassed": "gt", "topped": "gt", "crossed": "gt"}
# After "the", "these", "both" ... a small number word refers back to a set already named ("the two parties",
# "the other three tasks"): not a count of its own. "other" and "remaining" may stand between.
EN_BACK_REFERENCE_BEFORE = frozenset("the these those both all".split())
EN_BACK_REFERENCE_BETWEEN = frozenset("other remaining".split())
# Shares named by a word, in percent: "nearly half of the new hires", "half the firms" (not "the first half of
# the year", a date, nor "one and a half", a number); 将近一半的同学, 半数以上 (not 另一半, "the other half").
EN_SHARES = {"half": 50}
EN_SHARE_AFTER = ("of", "the", "their", "its", "our", "all")
EN_SHARE_NOT_BEFORE = ("first", "second", "latter", "former", "a", "one", "and", "other")
ZH_SHARES = {"一半": 50, "半数": 50}
ZH_SHARE_NOT_BEFORE = ("另",)
# Multiples: "double", "twice", "tripled" (unit times); "three times" is a number word before "times".
EN_MULTIPLES = {
    "double": 2, "doubled": 2, "doubles": 2, "doubling": 2, "twice": 2, "twofold": 2,
    "triple": 3, "tripled": 3, "triples": 3, "tripling": 3, "treble": 3, "trebled": 3, "threefold": 3,
    "quadruple": 4, "quadrupled": 4, "fourfold": 4, "fivefold": 5, "tenfold": 10,
}
# After a number, "-fold" makes it a multiple: "a three-fold increase", "a 2.5-fold rise".
EN_FOLD_AFTER = ("-fold", " fold")
# After a multiple or a count, these make it a frequency ("twice a year", "three times a week"), not a quantity.
EN_FREQUENCY_AFTER = ("a year", "a month", "a week", "a day", "per year", "per month", "per week", "per day",
                      "yearly", "monthly", "weekly", "daily", "annually")
# Words around a number that make it a person's age (unit "years of age"): "aged 35 or under", "a 23-year-old".
EN_AGE_BEFORE = ("aged", "ages", "age of")
# ... and the subject a number of years is stated of: "the average age of new agents is 31 years".
EN_AGE_NOUNS = ("age", "ages")
EN_AGE_AFTER = ("-year-old", "-years-old", " years old", " years of age", " year-olds", "-year-olds")
# A number after "per" is the denominator of a ratio ("45.6 per 10,000 residents"), part of the unit.
EN_PER = "per"
# Words joining the two bounds of a range: "10 to 15 percent", "25-30", "between 5 and 8".
EN_RANGE_JOINERS = ("to", "-", "–", "—")
EN_RANGE_BETWEEN = ("between", "and")

# Words before a date that make it the base a change is measured from ("up 9.4 percent over the previous year",
# 比2022年底增加498家): a figure beside it is not as of that date.
EN_BASELINE_BEFORE = ("than", "from", "over", "compared with", "compared to", "versus", "against", "since")
ZH_BASELINE_BEFORE = ("比", "较", "相比", "同比", "与", "跟")
# Words that make the date after them a limit: By 2025, before June 30.
EN_LIMIT_WORDS = ("by", "before", "no later than", "not later than")
# ... of them, those that make it a deadline whatever the clause sets out to reach ("before June 30").
EN_DEADLINE_LIMIT_WORDS = ("before", "no later than", "not later than")
# Words before a date that make it the last day for something, though not part of it ("close on May 31").
EN_DEADLINE_BEFORE = ("close on", "closes on", "closing on", "deadline is", "deadline of", "due on",
                      "closing date is", "closing date of")
# A date after these runs from then to the document's date: "since 2020", 'Since the "14th Five-Year Plan"'.
EN_SINCE = ("since",)
# ... also after "since its launch in", "since the scheme's introduction in": a period from the start named.
EN_SINCE_EVENT_NOUNS = ("launch", "establishment", "founding", "inception", "creation", "introduction", "opening",
                        "start", "implementation", "adoption", "release", "debut")
# Words between the two ends of a range of dates: "from March to June 2023", "between 2021 and 2025".
EN_DATE_RANGE_OPENERS = ("from", "between")
EN_DATE_RANGE_JOINERS = ("to", "through", "until", "till", "and", "-", "–", "—")
# Words that join the items of a list (of dates: "February and August 2022", 3月和6月).
LIST_JOINERS = ("and", "or", "和", "及", "与", "或")
# A year after these names a group (a graduating class), not a time something happens or is reached.
EN_COHORT_BEFORE = ("class of", "cohort of")
# ... as does a year before these ("open to 2024 graduates": the class of 2024, as 2024届毕业生 is).
EN_COHORT_AFTER = ("graduates", "graduating class")
# A bare year after these is a year even when a word in -s follows it, which is then a verb ("by 2035 depends
# on", "since 2020 remains"), not the plural of what a count counts ("2025 jobs").
EN_YEAR_BEFORE = ("by", "before", "until", "till", "since", "in", "during", "after")
# Words before a date that make it repeat every year ("every year in March"): it resolves to no single date.
EN_RECURRING_BEFORE = ("every", "each")
# After a day or month, these make it repeat ("by 31 March each year", "in June annually").
EN_RECURRING_AFTER = ("each year", "every year", "annually")
# Month names that are also English words are months only after these ("in May", "from May to August").
EN_MONTH_WORD_AFTER = ("in", "since", "from", "by", "before", "until", "till", "through", "of", "early",
                       "late", "mid-", "last", "next", "this", "during")
# Verbs that set a goal or a forecast (the future, in a plan's voice).
EN_FUTURE_MARKERS = (
    r"will", r"shall", r"plans? to", r"aims? to", r"strive to", r"(?:is|are) expected to", r"expects?",
    r"expected\s+(?:\w+\s+){0,4}to", r"pledged? to", r"pledges to", r"intends? to", r"is set to", r"are set to",
)
# Modal words before a number that make it a target ("is to train 1,000", "should reach 50%").
EN_TARGET_MARKERS = (
    r"will", r"shall", r"should", r"must", r"(?:is|are)\s+to", r"plans?\s+to", r"aims?\s+(?:to|at)",
    r"strives?\s+to", r"expected\s+to", r"expects?", r"pledged?\s+to", r"pledges\s+to",
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
# Relative years: 今年, 本年度, 去年, 明年.
ZH_RELATIVE_YEARS = {"今": 0, "本": 0, "去": -1, "明": 1}
# Relative months: 本月, 上月 (上个月), 下月.
ZH_RELATIVE_MONTHS = {"本": 0, "上": -1, "下": 1}
# Years counted from the year the sentence has just named (2021年……同年, 次年), as EN_ANAPHORIC_YEARS.
# 上年 is the year before the one the sentence names (2023年……较上年增长: 2022), the document's year before when
# it names none; 去年 is always the document's last year.
ZH_ANAPHORIC_YEARS = {"同年": 0, "次年": 1, "翌年": 1, "上年": -1}
# Before a Chinese numeral these make it vague (数十家, 几百人): not a figure.
ZH_VAGUE_BEFORE = ("数", "几", "好几")

ZH_QUALIFIERS_BEFORE = {
    "超过": "gt", "超出": "gt", "逾": "gt", "超": "gt", "多于": "gt", "高于": "gt", "大于": "gt", "突破": "gt",
    "不少于": "gte", "不低于": "gte", "至少": "gte", "最少": "gte", "最低": "gte",
    "将近": "approx", "接近": "approx", "近": "approx", "约": "approx", "大约": "approx", "大概": "approx",
    "不足": "lt", "不到": "lt", "少于": "lt", "低于": "lt",
    "不超过": "lte", "不多于": "lte", "不高于": "lte", "不大于": "lte", "最高": "lte", "最多": "lte",
    # 限 (limited to), alone or with its verb: 每家单位限派2名, 每人限报1个岗位.
    "限": "lte", "限派": "lte", "限报": "lte", "限招": "lte", "限选": "lte", "限填": "lte",
}
# After the number (and its measure word): 以上 is "or more" in official Chinese usage, which includes the
# number, as 以下 and 以内 do. (Before a number, 以下 means "the following": 以下6家单位.)
# Between a qualifier and its number: 约为1500人, 超过了, 接近于.
# 约占两成: 占 (accounts for) before a share.
ZH_QUALIFIER_COPULAS = ("为", "是", "了", "于", "达", "占")
# 及以上/及以下 (35岁及以下: "and under") say what 以上/以下 already say, the number included.
ZH_QUALIFIERS_AFTER = {"以上": "gte", "以下": "lte", "以内": "lte", "及以上": "gte", "及以下": "lte",
                       "左右": "approx", "上下": "approx"}
# Symbols before a number in a table cell (≥60, >90): what the words above say in running text.
SYMBOL_QUALIFIERS = {"≥": "gte", "≧": "gte", ">": "gt", "＞": "gt", "≤": "lte", "≦": "lte", "<": "lt", "＜": "lt",
                     "~": "approx", "～": "approx", "≈": "approx"}
ZH_MORE_AFTER = "多余"  # 100多人, 300余家, 2万余人: more than the number
# 成 after a numeral under ten is tenths: 四成 is 40 percent. These words open with 成 and are not tenths.
ZH_TENTHS = "成"
ZH_NOT_TENTHS_AFTER = tuple(
    "为 立 功 果 绩 本 员 都 熟 长 效 型 交 品 年 才 就 片 套 批 规 体 建 龙 色 分 像 语 全 形 千".split())
# 翻一番 is "doubled" (2 times), 翻两番 "quadrupled" (4): n 番 multiply by 2 ** n.
ZH_DOUBLING = ("翻", "番")

ZH_FUTURE_MARKERS = ("力争", "预计", "目标")
# A date followed by these is the last day for something (申报工作……10月15日截止).
ZH_DEADLINE_AFTER = ("截止",)
# A date followed by 以来 runs from then to the document's date: 今年以来, 2021年以来, “十四五”以来.
ZH_SINCE_AFTER = ("以来",)
# Joins the two ends of a range of dates or numbers: 4月初至9月底, 5月至8月, 3—5家, 25-30岁.
ZH_RANGE_JOINERS = ("至", "到", "－", "-", "—", "–", "~", "～")
# Before a date these make it the last day for something: 截止日期为6月30日, 截止时间：6月30日.
ZH_DEADLINE_BEFORE = ("截止日期为", "截止日期是", "截止日期", "截止时间为", "截止时间是", "截止时间")
# Seasons and the month each opens; a season is three months (winter runs on into the next year's February):
# 今年春季 is March to May, "the autumn of 2022" September to November.
ZH_SEASONS = {"春季": 3, "春天": 3, "夏季": 6, "夏天": 6, "秋季": 9, "秋天": 9, "冬季": 12, "冬天": 12}
# ("fall" is left out: "prices fall 2 percent" is the verb.)
EN_SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SEASON_MONTHS = 3
# Where a month is split: 4月初 (its first day), 9月底 / 9月末 (its last), 上旬 / 中旬 / 下旬 (its thirds).
ZH_MONTH_EDGES = {"初": "start", "底": "end", "末": "end", "上旬": "first ten days", "中旬": "middle ten days",
                  "下旬": "last days"}
# A year before 届 names a graduating class (2022届毕业生), not a time.
ZH_COHORT_AFTER = ("届",)
# A date after these repeats (每年10月至12月) and resolves to no single date.
ZH_RECURRING_BEFORE = ("每年", "每月", "每季度", "每周", "每")
# A wire or portal dateline: 新华社北京3月8日电, 【……7月12日讯】. The date before 电 or 讯 is the story's date
# (not before the words 电话, 电子, 讯息 … that open with them).
ZH_DATELINE_AFTER = ("电", "讯")
ZH_DATELINE_NOT_AFTER = tuple("子 话 视 力 网 脑 信 气 商 器 影 台 源 息 号".split())
# 8日 alone is a day of the document's month (记者8日获悉), but not in 5日内 (a duration) or in words that open
# with 日 (日期, 日常, 日益, 日本, 日报).
ZH_NOT_DAY_AFTER = ("内", "以内", "之内", "期", "常", "益", "本", "报")
ZH_TARGET_MARKERS = (
    "力争", "争取", r"将(?!近)", "预计", "计划", "目标", "拟", "确保", r"到\s*(?:19|20)\d\d\s*年", r"(?<![重主需纪])要(?![求点素])",
)
# Words before a date that make it a limit (到2025年); 截至 and 直至 state an as-of date, not a limit.
ZH_LIMIT_BEFORE = r"(?<![截直达])(?:到|至)"
ZH_LIMIT_AFTER = r"(?:之前|以前|前)(?!后)"

# Chinese measure words (量词) and units that may follow a number; longest first.
ZH_CLASSIFIERS = sorted(
    "人次 个百分点 百分点 平方公里 平方米 公里 公斤 千克 公顷 美元 万元 亿元 元 个 名 人 位 家 项 件 次 场 批 所 支 条 种 类 套 "
    "台 座 本 篇 份 门 期 轮 组 只 张 部 处 户 亩 吨 倍 起 宗 笔 册 间 辆 艘 架 款 节 届 例 枚 首 页 岁 周岁 家次".split(),
    key=len, reverse=True)
# Units of measure, by their English names (a Chinese figure's unit is otherwise the Chinese noun it counts).
ZH_CLASSIFIER_UNITS = {
    "倍": "times", "元": "yuan", "万元": "yuan", "亿元": "yuan", "美元": "US dollars", "个百分点": "percentage points",
    "百分点": "percentage points", "公里": "kilometres", "平方公里": "square kilometres", "平方米": "square metres",
    "吨": "tonnes", "亩": "mu", "公顷": "hectares", "公斤": "kilograms", "千克": "kilograms", "岁": "years of age",
    "周岁": "years of age",
}
# Measure words that are what is counted when no noun follows them: 28万人次, 1300余家次, 3次.
ZH_SELF_COUNTING = ("人次", "家次", "次")
# Measure words for people: the unit is the noun they count, after or before the number (高校毕业生1.9万人,
# 3000名学员), else the measure word 人.
ZH_PEOPLE_CLASSIFIERS = ("人", "名", "位")
# Words between a noun and the number stated of it (执业专利代理师已达2.8万人, 机构达到 63859 家), besides the
# qualifiers before a number.
ZH_NOUN_TO_NUMBER = (
    "已", "共", "仅", "还", "就", "新", "共有", "仅有", "现有", "已有", "达到", "达", "有", "为", "是", "增加", "新增",
    "增长", "累计", "合计", "总计", "共计", "提高到", "增至", "增长到", "达到了", "保持在", "在", "将", "要", "会", "可",
)
# Words at the edges of the noun a number is stated of that are not what it counts: 全国知识产权人才总量 counts
# 知识产权人才.
ZH_UNIT_DROP_LEADING = ("全国", "我国", "全省", "全市", "全区", "内地", "各地")
ZH_UNIT_DROP_TRAILING = ("队伍规模", "总规模", "总量", "规模", "总数", "数量", "队伍")
# Measure words that are units of measure (not mere counters such as 个, 名, 项): 一 counts before them (一倍,
# 一万元), while 一个, 一项, 一批 are the indefinite article.
ZH_MEASURE_UNITS = frozenset(
    "元 万元 亿元 美元 倍 公里 平方公里 平方米 吨 亩 公顷 公斤 千克 个百分点 百分点 岁 周岁".split())
# Measure words worth a value multiplier.
ZH_CLASSIFIER_SCALES = {"万元": 10_000, "亿元": 100_000_000}
CURRENCY_BEFORE = {"RMB": "yuan", "CNY": "yuan", "¥": "yuan", "￥": "yuan", "USD": "US dollars", "US$": "US dollars",
                   "$": "US dollars", "HK$": "Hong Kong dollars", "EUR": "euros", "€": "euros", "£": "pounds"}
# Currency names after a number, as the unit they name: "500 U.S. dollars" is not a unit "U".
EN_CURRENCY_AFTER = {"U.S. dollars": "US dollars", "US dollars": "US dollars", "U.S. dollar": "US dollars",
                     "Hong Kong dollars": "Hong Kong dollars", "yuan": "yuan", "RMB": "yuan", "euros": "euros"}

# ------------------------------------------------------------------------------------------------ around numbers
# The words around a number that decide whether it counts something and what: the figures' grammar.
# After a number these make a date, a duration, a time or an address, not a count.
ZH_NOT_COUNT_AFTER = ("年", "月", "日", "号", "时", "天", "周", "秒", "个月", "个多月", "小时", "分钟", "季度", "世纪", "楼",
                      "层", "室", "栋", "单元", "路", "街", "巷", "弄", "点钟", "点", "个工作日", "工作日")
# After a year, these make it a graduating or enrolment class (2022届毕业生, 2023级), not a count.
ZH_COHORT_CLASSIFIERS = ("届", "级")
# After a number these make it a time of day ("at 9 a.m.").
EN_TIME_AFTER = ("a.m.", "p.m.", "am", "pm", "o'clock")
# After a number, "+" says more than it ("500+ firms").
EN_MORE_AFTER = "+"
# A bare whole number of four digits in this range (inclusive) is read as a year, not a count.
YEAR_RANGE = (1900, 2100)
# Before a number these make it an ordinal, a phone, postal or document number.
ZH_NOT_COUNT_BEFORE = ("第", "其", "电话", "传真", "邮编", "邮政编码", "手机", "热线", "备案号", "备", "字", "〔", "［", "[",
                       "附件", "附表")
# A small numeral after these refers back to a set already named (这两个, 上述三项).
ZH_BACK_REFERENCE_BEFORE = ("这", "那", "上述", "前述", "以上", "该")
# Durations after a number ("two years", "a month-long event"): not counts.
EN_DURATION_UNITS = ("year", "month", "quarter", "week", "day", "hour", "minute", "second", "decade", "century",
                     "centuries")
EN_DURATION_MODIFIERS = ("more", "full", "consecutive", "whole", "straight", "calendar")
# Labels before a number that make it an identifier: No. 68, Room 1203, Article 5, Attachment 1.
EN_LABEL_WORDS = (
    "No", "Nos", "Number", "Room", "Rm", "Floor", "Fl", "Building", "Bldg", "Suite", "Unit", "Tel", "Telephone",
    "Phone", "Fax", "Zip", "Postcode", "Box", "Article", "Art", "Chapter", "Section", "Item", "Page", "Vol",
    "Volume", "Issue", "Phase", "Grade", "Level", "Class", "Route", "Line", "Gate", "Exit", "Block", "Lot", "Tower",
    "Part", "Annex", "Appendix", "Attachment", "Table", "Figure", "Fig", "Paragraph", "Para", "Clause",
    "Step", "Stage", "pp", "p",
)
EN_STREET_WORDS = ("Road", "Street", "Avenue", "Lane", "Boulevard", "Rd", "St", "Ave", "Hutong", "Alley", "Highway",
                   "Plaza")
# "ranging from 18 to 20 percent" is a range; "increased from 690,000 to 860,000" is two figures.
EN_RANGE_VERBS = frozenset("range ranges ranged ranging vary varies varied varying".split())
# After "in", a number word counts where something is ("offices in nine cities", "in three tiers"), except in
# translated slogans, which count abstract parts: "development in five areas", "do everything in one window".
EN_SLOGAN_NOUNS_AFTER_IN = frozenset("area areas aspect aspects sphere spheres respect respects window post".split())
# "one" after these and before those is a pronoun or an idiom ("no one", "one of the", "one by one").
EN_ONE_NOT_AFTER = frozenset("the no any every each this that which at on per as".split())
EN_ONE_NOT_BEFORE = frozenset(
    "of another by hand day time side way or and more after such who which that is can should must".split())
# A multiple written as an adjective ("double taxation", "a double role") is no multiple; it is one before
# these words, or after those.
EN_MULTIPLE_OBJECT_AFTER = frozenset(
    "the that those this these its their our ours his her hers theirs what from in to by since over compared "
    "as than".split())
EN_MULTIPLE_VERB_BEFORE = frozenset(
    "to will would could can should may might than is was are were be been being more nearly almost about "
    "roughly".split())
# Words that end the noun phrase naming what a number counts.
EN_UNIT_STOP = frozenset(
    "of for in on at by with from to into through during including across among per than as like about under "
    "over involving between within without via and or but nor while which that who whom whose where when "
    "the a an this these those its their our his her is are was were be been being has have had will would "
    "shall should can could may might must do does did not so such each every all respectively "
    "related received receiving since until after before more less".split())
EN_UNIT_LEADING_DROP = frozenset("various other different additional respective such".split())
# Nouns that take their real noun through "of": "19 types of international training sessions".
EN_PARTITIVE_NOUNS = frozenset(
    "types kinds sorts categories batches groups sets pairs series rounds pieces lots classes varieties".split())
EN_IRREGULAR_PLURALS = frozenset(
    "people personnel staff children men women police cattle media data criteria yuan".split())
# Nouns a unit is named by before the number: "the number of intellectual property talents will exceed".
EN_UNIT_BEFORE_NOUNS = ("number", "scale", "size", "total", "amount", "count")
EN_UNIT_BEFORE_VERBS = ("has", "have", "had", "is", "are", "was", "were", "will", "would", "shall", "should",
                        "reached", "reaches", "increased", "grew", "grown", "rose", "exceeded", "exceeds", "stood",
                        "totalled", "totaled", "passed")
# Function words that open a clause: a clause opening with anything else followed by a determiner is an
# imperative ("Build a ... team composed of 100 people"), which in a plan states a goal.
EN_OPENING_FUNCTION_WORDS = frozenset(
    "a an the this that these those it its we our they their he she his her i you in on at by for from with as "
    "of to during since after before through under over among according so meanwhile moreover however "
    "furthermore also and but or if when while where there here all each every many some several most more "
    "much such other both no not recently currently regarding pertaining subsequently then thus besides "
    "only just what which who today now yesterday tomorrow later earlier previously overall nationwide similarly "
    "additionally likewise instead still already".split())
EN_DETERMINERS = frozenset("a an the their its our all his her this these".split())

# The labels of a question and its answer. Standing alone on a line (Question: / Reply:) one heads the section
# under it; followed by its words on the same line (Question: What ...?) it opens a paragraph.
QA_LABELS = ("Question", "Reply", "Answer", "问", "答", "提问", "回答")

# Words a sentence has and a heading does not: a numbered item holding one is text, not a heading. Chinese ones
# count as whole words of the segmentation (在 in 各地要在6月前, not in 在职; 请 alone, not in 申请).
ZH_SENTENCE_WORDS = ("要", "应", "应当", "须", "必须", "请", "可", "可以", "将", "由", "是", "已", "已经", "正在",
                     "为", "对", "按", "按照", "在", "从", "据", "根据", "不得")
EN_SENTENCE_WORDS = ("shall", "should", "will", "must", "may", "can", "is", "are", "was", "were", "has", "have",
                     "had", "be", "been", "each", "all", "we", "they", "it")

# ------------------------------------------------------------------------------------------------ indicators
# What a figure counts, by the unit names of corpus/indicators.yml. A figure that counts one of these is not a
# value of an indicator with another unit: jobs are not institutions, a percentage is not a head count.
# Chinese measure words after a number (69万人, 6.6万家, 60余场) and the units they may count.
ZH_MEASURE_WORD_UNITS = {
    "人": ("people",), "名": ("people",), "位": ("people",), "家": ("institutions", "bases"),
    "场": ("events",), "期": ("events",), "届": ("events",), "次": ("events", "visits", "person-times"),
    "人次": ("person-times",), "门": ("courses",), "%": ("percent",), "分": ("score",), "倍": ("times",),
    "个百分点": ("percentage points",), "百分点": ("percentage points",), "元": ("yuan",), "万元": ("yuan",),
    "亿元": ("yuan",),
}
# Nouns that name what a figure counts: the end of a Chinese figure's unit (知识产权服务机构, 就业岗位), the
# head noun of an English one (intellectual property jobs), singular.
UNIT_NOUNS = {
    "people": {
        "zh": ("人员", "人才", "代理师", "代理人", "毕业生", "学员", "专家", "从业者", "职工", "律师", "工程师", "知识产权师",
               "考生", "院士", "委员"),
        "en": ("people", "person", "personnel", "talent", "staff", "employee", "expert", "participant", "trainee",
               "graduate", "student", "attorney", "agent", "member", "academician", "professional", "worker",
               "practitioner", "examiner", "candidate", "applicant", "lawyer", "engineer"),
    },
    "institutions": {"zh": ("机构", "企业", "单位", "事务所", "公司"),
                     "en": ("institution", "organization", "organisation", "agency", "firm", "company",
                            "enterprise")},
    "jobs": {"zh": ("岗位", "职位"), "en": ("job", "position", "post", "vacancy", "opening")},
    "events": {"zh": ("招聘会", "招聘活动", "宣讲会", "培训会", "培训班", "活动", "会议"),
               "en": ("fair", "session", "event", "conference", "activity", "meeting", "briefing")},
    "courses": {"zh": ("课程",), "en": ("course",)},
    "bases": {"zh": ("基地",), "en": ("base",)},
    "visits": {"zh": ("访问量", "浏览量"), "en": ("visit", "view")},
    "resumes": {"zh": ("简历",), "en": ("resume", "résumé", "cv")},
    "interviews": {"zh": ("面试",), "en": ("interview",)},
    "person-times": {"zh": ("人次",), "en": ("person-time",)},
    "percent": {"zh": (), "en": ("percent",)},
    "yuan": {"zh": (), "en": ("yuan",)},
}
# Figure units the figure tagger names in English whatever the language (percent, yuan, times) and what they
# may count. "times" after digits counts occurrences (4,618 times); a multiple (double, 翻一番) counts nothing.
TAGGED_UNITS = {"percent": ("percent",), "yuan": ("yuan",), "percentage points": ("percentage points",),
                "years of age": ("years of age",), "US dollars": ("US dollars",)}
OCCURRENCE_UNITS = ("visits", "person-times", "events")

# Words that say whose a figure is: one place's or one body's (江苏省……5000家, the province will provide 1,490
# jobs, 该所今年已录用), or the whole country's. The nearest such word before a figure decides; with none in
# its clause, the nearest in the clauses before it in its paragraph. Names of places are matched as written
# (English ones with their capital letter, so that BEIJING in a wire dateline is not Beijing the place).
PROVINCES = {
    "zh": ("北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江", "安徽", "福建", "江西",
           "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆", "四川", "贵州", "云南", "西藏", "陕西", "甘肃",
           "青海", "宁夏", "新疆", "香港", "澳门", "台湾"),
    "en": ("Beijing", "Tianjin", "Hebei", "Shanxi", "Inner Mongolia", "Liaoning", "Jilin", "Heilongjiang",
           "Shanghai", "Jiangsu", "Zhejiang", "Anhui", "Fujian", "Jiangxi", "Shandong", "Henan", "Hubei", "Hunan",
           "Guangdong", "Guangxi", "Hainan", "Chongqing", "Sichuan", "Guizhou", "Yunnan", "Tibet", "Shaanxi",
           "Gansu", "Qinghai", "Ningxia", "Xinjiang", "Hong Kong", "Macao", "Macau", "Taiwan"),
}
# Cities often named in IP news: sub-provincial cities, provincial capitals and others.
CITIES = {
    "zh": ("深圳", "广州", "南京", "苏州", "无锡", "常州", "杭州", "宁波", "绍兴", "温州", "合肥", "成都", "武汉", "西安",
           "青岛", "厦门", "大连", "济南", "郑州", "长沙", "福州", "昆明", "南宁", "哈尔滨", "沈阳", "长春", "石家庄",
           "太原", "南昌", "贵阳", "兰州", "海口", "东莞", "佛山", "珠海", "烟台", "潍坊", "徐州", "南通"),
    "en": ("Shenzhen", "Guangzhou", "Nanjing", "Suzhou", "Wuxi", "Changzhou", "Hangzhou", "Ningbo", "Shaoxing",
           "Wenzhou", "Hefei", "Chengdu", "Wuhan", "Xi'an", "Qingdao", "Xiamen", "Dalian", "Jinan", "Zhengzhou",
           "Changsha", "Fuzhou", "Kunming", "Nanning", "Harbin", "Shenyang", "Changchun", "Shijiazhuang", "Taiyuan",
           "Nanchang", "Guiyang", "Lanzhou", "Haikou", "Dongguan", "Foshan", "Zhuhai", "Yantai", "Weifang", "Xuzhou",
           "Nantong"),
}
# Words for one place, one body or a sample that are not names: 全省, 该市, 受访机构, the province, each agency,
# a survey of; and words in the capitalised names of bodies (Jiangsu Provincial ..., Lumen IP Group).
ZH_LOCAL_WORDS = ("全省", "本省", "该省", "我省", "省内", "全市", "本市", "该市", "我市", "市内", "全区", "全县", "该所",
                  "本所", "我所", "该公司", "该企业", "该机构", "一家", "每家", "受访", "被调查")
EN_LOCAL_WORDS = ("the province", "this province", "our province", "the city", "this city", "our city",
                  "the municipality", "the company", "the firm", "our firm", "our company", "an agency", "each agency",
                  "a firm", "each firm", "per firm", "per agency", "each institution", "a survey of", "surveyed")
EN_LOCAL_NAME_WORDS = ("Provincial", "Province", "Municipal", "Municipality", "City")
EN_BODY_NAME_WORDS = ("Group", "Ltd", "Limited", "Inc", "LLP")  # a firm's figures are not the country's
# Words that open a clause continuing the one before (其中, Among them): its figures are as of that one's date.
ZH_CONTINUATION_WORDS = ("其中", "另有", "此外", "同时")
EN_CONTINUATION_WORDS = ("among them", "of them", "of these", "of which", "including")
# A place named as where something was held is no scope: 在北京举行, a press conference in Beijing.
ZH_VENUE_AFTER = ("举行", "召开", "举办", "市举行", "市召开", "市举办")
EN_VENUE_BEFORE = ("held in", "conference in", "meeting in", "forum in", "ceremony in")
ZH_NATIONAL_WORDS = ("全国", "我国", "中国", "内地", "各地", "各省", "全行业")
EN_NATIONAL_WORDS = ("nationwide", "across the country", "across China", "in China", "China's", "China",
                     "the country", "the country's", "the nation's", "all localities", "all regions", "national total")

# Words that state a figure as a change, not a level: 新增执业专利代理师2150人, 比2022年底增加498家, "10 more
# national IP training bases", "China added 4,900 licensed patent agents". Such a figure is not a value of an
# indicator, unless the indicator's own cue holds the word (新增在线课程 counts new courses).
ZH_INCREMENT_BEFORE = ("新增", "增加", "净增", "新设立", "新设", "增设", "新建", "多了")
EN_INCREMENT_BEFORE = ("an increase of", "increased by", "increase by", "up by", "rose by", "grew by", "added",
                       "add", "adding", "adds")
EN_INCREMENT_AFTER = ("more",)  # "10 more bases", but not "10 more than"

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
