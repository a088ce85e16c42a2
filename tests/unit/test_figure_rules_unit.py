"""The figure rules of tests/devset/README.md (Figures), one table per rule: clause text in, figures out as
(surface, value, value_high, unit, qualifier). No database."""
import pytest

from ingest.taggers.figures import tag_figures


def figures(lang, text):
    found = tag_figures(text, lang, "2024-07-03")
    for f in found:
        assert text[f["start"]:f["end"]] == f["surface"]
    return [(f["surface"], f["value"], f.get("value_high"), f["unit"], f["qualifier"]) for f in found]


def check(rows):
    return pytest.mark.parametrize("lang, text, expected", rows, ids=[text for _, text, _ in rows])


# A scale word multiplies the number with or without a space before it.
SCALES = [
    ("zh", "从业人员约 92.8 万人", [("92.8 万", 928000, None, "从业人员", "approx")]),
    ("zh", "营业收入超过 2600 亿元", [("2600 亿", 260000000000, None, "yuan", "gt")]),
    ("zh", "知识产权服务机构超过 7.3 万家", [("7.3 万", 73000, None, "知识产权服务机构", "gt")]),
    ("en", "the value reached 1.12 trillion yuan", [("1.12 trillion", 1120000000000, None, "yuan", None)]),
]

# Qualifiers before and after the number, with or without spaces (README list; 以上/以下/以内 include it).
QUALIFIERS = [
    ("zh", "机构达到5000家以上", [("5000", 5000, None, "机构", "gte")]),
    ("zh", "每期人数控制在50人以下", [("50", 50, None, "人", "lte")]),
    ("zh", "误差在3%以内", [("3%", 3, None, "percent", "lte")]),
    ("zh", "不超过50人", [("50", 50, None, "人", "lte")]),
    ("zh", "吸纳毕业生 3000 多名", [("3000", 3000, None, "毕业生", "gt")]),
    ("zh", "逾百家企业参加", [("百", 100, None, "企业", "gt")]),
    ("zh", "约 50 名学员", [("50", 50, None, "学员", "approx")]),
    ("zh", "百分之十以上", [("百分之十", 10, None, "percent", "gte")]),
    ("zh", "首次突破8万人", [("8万", 80000, None, "人", "gt")]),
    ("zh", "给予最高20万元补助", [("20万", 200000, None, "yuan", "lte")]),
    # 限 (limited to), alone or with its verb, caps the number.
    ("zh", "每所高校限报3名学生", [("3", 3, None, "学生", "lte")]),
    ("zh", "讲座限80名学员参加", [("80", 80, None, "学员", "lte")]),
    ("en", "up to 300 candidates", [("300", 300, None, "candidates", "lte")]),
    ("en", "no more than 50 staff", [("50", 50, None, "staff", "lte")]),
    ("en", "12 experts or fewer", [("12", 12, None, "experts", "lte")]),
    ("en", "500+ firms joined", [("500", 500, None, "firms", "gt")]),
    # "has passed" a total: gt when no noun follows the number ("passed 3 laws" counts laws).
    ("en", "the number of people working in IP has passed 1.2 million",
     [("1.2 million", 1200000, None, "people working in IP", "gt")]),
    # A currency between the qualifier and the number; a copula after a Chinese qualifier.
    ("en", "a grant of about HK$2.5 million", [("2.5 million", 2500000, None, "Hong Kong dollars", "approx")]),
    ("en", "fines of up to RMB 50,000", [("50,000", 50000, None, "yuan", "lte")]),
    ("en", "an estimated 7,300 trainees", [("7,300", 7300, None, "trainees", "approx")]),
    ("en", "a budget of approx. 40 million yuan", [("40 million", 40000000, None, "yuan", "approx")]),
    ("zh", "人才缺口约为800人", [("800", 800, None, "人才缺口", "approx")]),
    # "not exceed" is a cap; 及以上/及以下 say what 以上/以下 say; 约占 (about … accounts for); after 成 as after a
    # measure word; a share's qualifier before what it is a share of (two-character qualifiers only: 近年来).
    ("en", "the fee shall not exceed 2,000 yuan", [("2,000", 2000, None, "yuan", "lte")]),
    ("zh", "40岁及以下的申请人", [("40", 40, None, "years of age", "lte")]),
    ("zh", "本科及以上学历的毕业生500人", [("500", 500, None, "毕业生", None)]),
    ("zh", "本地企业约占四成", [("四成", 40, None, "percent", "approx")]),
    ("zh", "研究生学历的占三成左右", [("三成", 30, None, "percent", "approx")]),
    ("zh", "比例不低于项目总数的30%", [("30%", 30, None, "percent", "gte")]),
    ("zh", "近年来新增岗位的30%由小微企业提供", [("30%", 30, None, "percent", None)]),
]

# A range is one figure: value is its low bound, value_high its high bound.
RANGES = [
    ("zh", "年龄在25——30 岁之间", [("25——30", 25, 30, "years of age", None)]),
    ("zh", "25-30岁", [("25-30", 25, 30, "years of age", None)]),
    ("zh", "3—5家机构", [("3—5", 3, 5, "机构", None)]),
    ("zh", "1-2万元", [("1-2万", 10000, 20000, "yuan", None)]),
    ("en", "10 to 15 percent", [("10 to 15", 10, 15, "percent", None)]),
    ("en", "ranging from 90,000 to 110,000 yuan", [("90,000 to 110,000", 90000, 110000, "yuan", None)]),
    ("en", "between 20 and 30 staff", [("20 and 30", 20, 30, "staff", None)]),
    ("en", "pay of $900 to $1,200 a month", [("900 to $1,200", 900, 1200, "US dollars", None)]),
    ("en", "five to eight more bases", [("five to eight", 5, 8, None, None)]),
    ("en", "the courses will last between two and six weeks", []),
    # A range may print its measure word after each bound.
    ("zh", "月薪6000元至9000元不等", [("6000元至9000元", 6000, 9000, "yuan", None)]),
    ("zh", "每区设立2家至4家分中心", [("2家至4家", 2, 4, "分中心", None)]),
]

# Chinese approximate numerals (概数) are ranges with qualifier approx.
APPROXIMATE_NUMERALS = [
    ("zh", "三四十名学员", [("三四十", 30, 40, "学员", "approx")]),
    ("zh", "两三千个岗位", [("两三千", 2000, 3000, "岗位", "approx")]),
    ("zh", "十五六个省份", [("十五六", 15, 16, "省份", "approx")]),
    ("zh", "五六万名毕业生", [("五六万", 50000, 60000, "毕业生", "approx")]),
    ("zh", "约三五百人参加", [("三五百", 300, 500, "人", "approx")]),
    ("zh", "二三十万人次", [("二三十万", 200000, 300000, "人次", "approx")]),
    ("zh", "一两百家企业", [("一两百", 100, 200, "企业", "approx")]),
    ("zh", "七八百人", [("七八百", 700, 800, "人", "approx")]),
    ("zh", "一二十家机构", [("一二十", 10, 20, "机构", "approx")]),
]

# Numbers that are no quantities: none is a figure, and none raises (today cn2an raises on some).
NOT_QUANTITIES = [
    ("zh", "编号12345678901234567890万亿元", []),
    ("zh", "2022届毕业生", []),  # a graduating class
    ("zh", "电话 010 6208 3921", []),
    ("zh", "下午3点召开", []),  # a time of day
    ("en", "at 9 a.m. on Monday", []),
    ("en", "Tel: +86 21 6000 0000", []),
    ("en", "Attachments: 1. Registration Form", []),  # a list number after a colon
    ("en", "45.6 per 10,000 residents", [("45.6", 45.6, None, None, None)]),  # a ratio's denominator
    # Past a quadrillion no text counts anything: a misread run of digits or numerals.
    ("zh", "累计3000万亿元", []),
    ("en", "a total of 8,500,000,000,000,000,000 people", []),
    # Labels and references: a step, a page range, a footnote mark, an annex; a span of working days.
    ("en", "Step 4: bring two photos.", [("two", 2, None, "photos", None)]),
    ("en", "as the survey shows (pp. 40-44)", []),
    ("en", "the share fell, as the bureau noted.[7]", []),
    ("zh", "填写申请表（附件3）后报送", []),
    ("zh", "开课前15个工作日报名", []),
]

# Counts a writer prints without commas or before a spaced measure word, and "a dozen".
COUNTS = [
    ("zh", "机构达到 63859 家", [("63859", 63859, None, "机构", None)]),
    ("en", "A dozen agencies pledged", [("A dozen", 12, None, "agencies", None)]),
    ("en", "he has lost a dozen young agents", [("a dozen", 12, None, "young agents", None)]),
]

# Multiples have unit times.
MULTIPLES = [
    ("en", "more than double the national average", [("double", 2, None, "times", "gt")]),
    ("en", "the number doubled", [("doubled", 2, None, "times", None)]),
    ("en", "aims to double the number", [("double", 2, None, "times", None)]),
    ("en", "her salary is twice what she earned", [("twice", 2, None, "times", None)]),
    ("en", "a three-fold increase", [("three", 3, None, "times", None)]),
    ("zh", "比2019年翻了一番", [("翻了一番", 2, None, "times", None)]),
    ("zh", "到2020年翻两番", [("翻两番", 4, None, "times", None)]),
    ("zh", "增长一倍", [("一", 1, None, "times", None)]),
]

# Small counts: a number under ten written as a word counts what there is, not the article or a set named.
SMALL_COUNTS = [
    ("en", "four key talent teams and one basic talent team", [("four", 4, None, "key talent teams", None)]),
    ("en", "The two parties will work together", []),
    ("en", "connected the three parts of departments, universities and graduates", []),
    ("en", "the other three tasks supported by the Office", []),
    ("en", "up to one million yuan", [("one million", 1000000, None, "yuan", "lte")]),
    ("zh", "建设四支重点人才队伍和一支基础人才队伍", [("四", 4, None, "重点人才队伍", None)]),
    ("zh", "这两个工作站", []),
    # After "in", a number word counts where something is; in translated slogans it counts abstract parts.
    ("en", "The firm has branches in six provinces.", [("six", 6, None, "provinces", None)]),
    ("en", "Grants are paid in two instalments.", [("two", 2, None, "instalments", None)]),
    ("en", "the overall plan for progress in five areas", []),
    # Before "in" and a year, a number word is a count stated for that year.
    ("en", "the bureau opened six centres in 2023, against three in 2021",
     [("six", 6, None, "centres", None), ("three", 3, None, None, None)]),
]

# Tenths, ages and units.
TENTHS_AGES_UNITS = [
    ("zh", "占比接近四成", [("四成", 40, None, "percent", "approx")]),
    ("zh", "同比增长约三成", [("三成", 30, None, "percent", "approx")]),
    ("zh", "35周岁以下", [("35", 35, None, "years of age", "lte")]),
    ("en", "a 23-year-old graduate", [("23", 23, None, "years of age", None)]),
    ("en", "aged 45 or under", [("45", 45, None, "years of age", "lte")]),
    # Years stated of an age named before them are an age, not a duration.
    ("en", "The average age of the new examiners was 28 years.", [("28", 28, None, "years of age", None)]),
    ("en", "At the age of 40 she spent 3 years abroad.", [("40", 40, None, "years of age", None)]),
    ("en", "a grant of 500 U.S. dollars", [("500", 500, None, "US dollars", None)]),
    ("en", "three primary and middle schools", [("three", 3, None, "primary and middle schools", None)]),
    ("en", "no fewer than 50 invalidation or litigation matters",
     [("50", 50, None, "invalidation or litigation matters", "gte")]),
    # Chinese units by jieba-rs tags: 就业 is a verb (v) before the noun it modifies.
    ("zh", "提供2万个就业岗位", [("2万", 20000, None, "就业岗位", None)]),
    # ... and the noun the number is stated of, before it, when none follows the measure word.
    ("zh", "吸纳高校毕业生1.9万人", [("1.9万", 19000, None, "高校毕业生", None)]),
    ("zh", "设立40个左右的考区", [("40", 40, None, "考区", "approx")]),
    ("zh", "共举办招聘活动120余场", [("120", 120, None, "活动", "gt")]),  # a verbal noun counted as events
    ("zh", "約談機構1300餘家次", [("1300", 1300, None, "家次", "gt")]),
]

# Shares named by a word: half, 一半, 半数 are 50 percent, qualified as a number is.
SHARES = [
    ("en", "Women made up almost half of the trainees.", [("half", 50, None, "percent", "approx")]),
    ("en", "Half the agencies are in the east.", [("Half", 50, None, "percent", None)]),
    ("en", "Hiring rose in the second half of the year.", []),
    ("zh", "近一半的考生来自外省", [("一半", 50, None, "percent", "approx")]),
    ("zh", "半数以上的机构开设了培训", [("半数", 50, None, "percent", "gte")]),
    ("zh", "他的另一半在外地工作", []),
]

# A quotation that ends a sentence is someone's words, not a name or slogan: its numbers count.
QUOTED_SPEECH = [
    ("zh", "“我们今年招了十二名毕业生。”他说", [("十二", 12, None, "毕业生", None)]),
    ("en", '"Our firm took on four trainees." she said', [("four", 4, None, "trainees", None)]),
    ("zh", "推进“一区两园”建设", []),
]

# What the rules above must leave as it was: each of these holds on the code before them too.
GUARDS = [
    ("zh", "超300家机构", [("300", 300, None, "机构", "gt")]),
    ("zh", "以下6家单位", [("6", 6, None, "单位", None)]),  # before a number 以下 means "the following"
    ("en", "the congress passed 3 laws", [("3", 3, None, "laws", None)]),  # "passed 3 laws" counts laws
    # After a verb of growth, "up to" says what the total reached.
    ("en", "has grown rapidly, up to 690 thousand people", [("690 thousand", 690000, None, "people", None)]),
    # A change from one number to another is two figures; years and phone numbers joined by a dash are none.
    ("en", "increased from 690,000 to 860,000",
     [("690,000", 690000, None, None, None), ("860,000", 860000, None, None, None)]),
    ("zh", "《纲要（2021—2035年）》", []),
    ("zh", "电话：010-62083921", []),
    ("zh", "一二三四五", []),
    ("zh", "三三两两", []),
    ("zh", "数十家企业", []),  # vague
    ("zh", "几百人", []),
    ("en", "dozens of agents", []),
    ("en", "three times the national average", [("three", 3, None, "times", None)]),
    ("en", "meetings are held twice a year", []),  # a frequency
    # A share is never a duration: "year-on-year" after it says what it is compared with.
    ("en", "fees rose 6.4% year-on-year", [("6.4%", 6.4, None, "percent", None)]),
    ("en", "a course of 2 years", []),
    ("en", "to avoid double taxation", []),  # an adjective
    ("en", "each senior judge guides two young practitioners", [("two", 2, None, "young practitioners", None)]),
    ("zh", "双方将共建学院", []),
]


@check(SHARES)
def test_shares(lang, text, expected):
    assert figures(lang, text) == expected


@check(QUOTED_SPEECH)
def test_quoted_speech(lang, text, expected):
    assert figures(lang, text) == expected


def test_jiangjin_is_nearly_not_will():
    """将近 (nearly) holds 将 (will) but sets no goal."""
    assert [f["kind"] for f in tag_figures("将近3000名考生报名", "zh", "2024-07-03")] == ["reported"]


@check(SCALES)
def test_scale_words(lang, text, expected):
    assert figures(lang, text) == expected


@check(QUALIFIERS)
def test_qualifiers(lang, text, expected):
    assert figures(lang, text) == expected


@check(RANGES)
def test_ranges(lang, text, expected):
    assert figures(lang, text) == expected


@check(APPROXIMATE_NUMERALS)
def test_approximate_numerals(lang, text, expected):
    assert figures(lang, text) == expected


@check(NOT_QUANTITIES)
def test_not_quantities(lang, text, expected):
    assert figures(lang, text) == expected


@check(COUNTS)
def test_counts(lang, text, expected):
    assert figures(lang, text) == expected


@check(MULTIPLES)
def test_multiples(lang, text, expected):
    assert figures(lang, text) == expected


@check(SMALL_COUNTS)
def test_small_counts(lang, text, expected):
    assert figures(lang, text) == expected


@check(TENTHS_AGES_UNITS)
def test_tenths_ages_and_units(lang, text, expected):
    assert figures(lang, text) == expected


@check(GUARDS)
def test_guards(lang, text, expected):
    assert figures(lang, text) == expected
