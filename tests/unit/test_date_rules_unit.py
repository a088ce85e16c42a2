"""The date rules of tests/devset/README.md (Dates), one table per rule: clause text and document date in, dates
out as (surface, date_start, date_end, precision, role). No database."""
import pytest

from ingest.taggers.dates import tag_dates


def dates(lang, text, doc_date):
    found = tag_dates(text, lang, doc_date)
    for d in found:
        assert text[d["start"]:d["end"]] == d["surface"]
    return [(d["surface"], d["date_start"], d["date_end"], d["precision"], d["role"]) for d in found]


def check(rows):
    return pytest.mark.parametrize("lang, text, doc_date, expected", rows, ids=[row[1] for row in rows])


# "said Tuesday": the last such day on or before the document's date (2023-09-06 was a Wednesday).
WEEKDAYS = [
    ("en", "the administration said Tuesday.", "2023-09-06",
     [("Tuesday", "2023-09-05", "2023-09-05", "day", "event")]),
    ("en", "officials said Wednesday", "2024-07-03", [("Wednesday", "2024-07-03", "2024-07-03", "day", "event")]),
    ("en", "The office will open next Monday.", "2024-07-03",
     [("next Monday", "2024-07-08", "2024-07-08", "day", "event")]),
    # today, yesterday, 今天, 昨天: the document's day, or one either side; not "Today," (nowadays), not "today's".
    ("en", "The bureau today released its survey.", "2024-07-03",
     [("today", "2024-07-03", "2024-07-03", "day", "event")]),
    ("zh", "昨天，记者从市知识产权局获悉", "2024-07-03", [("昨天", "2024-07-02", "2024-07-02", "day", "event")]),
    ("en", "Today, firms hire more graduates; in today's market", "2024-07-03", []),
    ("en", "the bureau said today (July 3)", "2024-07-03", [("July 3", "2024-07-03", "2024-07-03", "day", "event")]),
    # A weekday before a date is that date's weekday, not a day of its own.
    ("en", "The fair opens on Friday, June 7, at the expo centre.", "2024-05-20",
     [("June 7", "2024-06-07", "2024-06-07", "day", "event")]),
]

# An explicit range is one period: 4月初至9月底, 5月至8月, from March to June 2023 ("from" left out).
RANGES = [
    ("zh", "于4月初至9月底开展专项行动", "2024-04-19",
     [("4月初至9月底", "2024-04-01", "2024-09-30", "period", "period")]),
    ("zh", "（三）5月至8月，各地要组织", "2022-04-29", [("5月至8月", "2022-05-01", "2022-08-31", "period", "period")]),
    ("zh", "考试定于11月2日至3日举行", "2024-04-19", [("11月2日至3日", "2024-11-02", "2024-11-03", "period", "period")]),
    ("zh", "2021年9月20日至10月15日受理", "2021-09-08",
     [("2021年9月20日至10月15日", "2021-09-20", "2021-10-15", "period", "period")]),
    ("en", "was carried out from March to June 2023 by the bureau", "2023-10-16",
     [("March to June 2023", "2023-03-01", "2023-06-30", "period", "period")]),
    ("en", "From May to August, the Administration will hold", "2022-04-20",
     [("May to August", "2022-05-01", "2022-08-31", "period", "period")]),
    ("en", "The Measures are valid from April 1, 2023 to March 31, 2028.", "2023-03-08",
     [("April 1, 2023 to March 31, 2028", "2023-04-01", "2028-03-31", "period", "period")]),
    ("en", "held from June 1 to 30, 2024", "2024-04-19",
     [("June 1 to 30, 2024", "2024-06-01", "2024-06-30", "period", "period")]),
    ("en", "between 2021 and 2025", "2024-04-19", [("2021 and 2025", "2021-01-01", "2025-12-31", "period", "period")]),
    # A range that recurs every year resolves to no period.
    ("zh", "评审工作原则上在每年10月至12月进行", "2021-09-08", []),
]

# Since / 以来: from the date named to the document's date; the surface keeps Since (or 以来).
SINCE = [
    ("en", 'Since the "14th Five-Year Plan", IP talent training has grown', "2024-07-03",
     [('Since the "14th Five-Year Plan"', "2021-01-01", "2024-07-03", "period", "period")]),
    ("en", "lost young agents since 2020.", "2022-09-18",
     [("since 2020", "2020-01-01", "2022-09-18", "period", "period")]),
    ("zh", "今年以来，全市已举办培训12期", "2023-11-23", [("今年以来", "2023-01-01", "2023-11-23", "period", "period")]),
    ("zh", "“十四五”以来，累计培训", "2024-07-03", [("十四五”以来", "2021-01-01", "2024-07-03", "period", "period")]),
    # "since its launch in", "since the scheme's opening in": from the start named.
    ("en", "Since its opening in March 2021, the centre has trained 800 agents.", "2024-05-20",
     [("Since its opening in March 2021", "2021-03-01", "2024-05-20", "period", "period")]),
]

# A date tied to a quantified goal is a target: a goal's wording before the date or in its part of the clause,
# and a quantity in that part; a date opening the clause on its own (今年，……) governs the rest of it.
TARGETS = [
    ("en", "will run three free courses by the end of October, each open to up to 300 candidates", "2023-06-14",
     [("by the end of October", "2023-10-31", "2023-10-31", "day", "target")]),
    ("zh", "今年，国家知识产权局将会同有关部门，计划组织专场招聘活动300场以上", "2024-04-19",
     [("今年", "2024-01-01", "2024-12-31", "year", "target")]),
    ("zh", "据悉，今年下半年，国家知识产权局还将举办两期研修班", "2023-07-12",
     [("今年下半年", "2023-07-01", "2023-12-31", "period", "target")]),
    ("en", "have pledged to hire at least 20 fresh graduates each this year", "2023-06-14",
     [("this year", "2023-01-01", "2023-12-31", "year", "target")]),
    ("en", "Surveyed institutions expected their revenue to grow by 5 to 10 percent in 2023", "2023-10-16",
     [("2023", "2023-01-01", "2023-12-31", "year", "target")]),
    ("zh", "各地要引导服务机构，在本年度新增岗位中拿出不低于30%的比例招聘高校毕业生", "2022-04-29",
     [("本年度", "2022-01-01", "2022-12-31", "year", "target")]),
]

# Deadlines: 前, before, no later than, 截止, "close on"; By / 到 without a quantity to reach.
DEADLINES = [
    ("zh", "申报工作于2021年9月20日开始，10月15日截止", "2021-09-08",
     [("2021年9月20日", "2021-09-20", "2021-09-20", "day", "event"),
      ("10月15日", "2021-10-15", "2021-10-15", "day", "deadline")]),
    ("en", "Applications open on April 1 and close on May 31, 2023.", "2023-03-08",
     [("April 1", "2023-04-01", "2023-04-01", "day", "event"),
      ("May 31, 2023", "2023-05-31", "2023-05-31", "day", "deadline")]),
    ("zh", "截止日期为6月30日", "2024-04-19", [("6月30日", "2024-06-30", "2024-06-30", "day", "deadline")]),
    ("zh", "6月中旬前报送", "2024-04-19", [("6月中旬前", "2024-06-11", "2024-06-20", "period", "deadline")]),
    ("zh", "本月底前报送", "2024-04-19", [("本月底前", "2024-04-30", "2024-04-30", "day", "deadline")]),
    # A weekday and an hour between the day and 前; an hour between "before" and the day.
    ("zh", "请于5月8日（星期三）16:30前报名", "2024-04-19",
     [("5月8日（星期三）16:30前", "2024-05-08", "2024-05-08", "day", "deadline")]),
    ("zh", "于5月8日12时前报送", "2024-04-19", [("5月8日12时前", "2024-05-08", "2024-05-08", "day", "deadline")]),
    ("en", "Sign up before 5 pm on June 12.", "2024-04-19",
     [("before 5 pm on June 12", "2024-06-12", "2024-06-12", "day", "deadline")]),
    ("en", "Doors open at 9 am on June 12.", "2024-04-19", [("June 12", "2024-06-12", "2024-06-12", "day", "event")]),
    ("zh", "5月8日（星期三）举行", "2024-04-19", [("5月8日", "2024-05-08", "2024-05-08", "day", "event")]),
]

# Years counted from the year the sentence has just named, else from the document's.
ANAPHORIC_YEARS = [
    ("en", "earned 9,800 yuan a month in 2022, up 6.5 percent from a year earlier", "2023-06-14",
     [("2022", "2022-01-01", "2022-12-31", "year", "event"),
      ("a year earlier", "2021-01-01", "2021-12-31", "year", "event")]),
    ("en", "In 2022, the sector recruited 86,000 graduates, up 9.4 percent over the previous year", "2023-10-16",
     [("2022", "2022-01-01", "2022-12-31", "year", "event"),
      ("the previous year", "2021-01-01", "2021-12-31", "year", "event")]),
    ("zh", "2021年9月，同年12月完成", "2024-04-19",
     [("2021年9月", "2021-09-01", "2021-09-30", "month", "event"),
      ("同年12月", "2021-12-01", "2021-12-31", "month", "event")]),
    # 上年 is the year before the one named (上年底 its last day); with none named, the document's year before.
    ("zh", "截至2021年底，机构共有900家，较上年底增长8%", "2022-05-06",
     [("2021年底", "2021-12-31", "2021-12-31", "day", "event"),
      ("上年底", "2020-12-31", "2020-12-31", "day", "event")]),
    ("zh", "报名人数比上年增长6%", "2022-05-06", [("上年", "2021-01-01", "2021-12-31", "year", "event")]),
    ("zh", "以上年龄段的人员", "2022-05-06", []),
    # "two decades earlier" counts back from the year named; "five years ago" from the document's.
    ("en", "In 2021 the sector employed 500 agents, twice the number two decades earlier.", "2024-05-20",
     [("2021", "2021-01-01", "2021-12-31", "year", "event"),
      ("two decades earlier", "2001-01-01", "2001-12-31", "year", "event")]),
    ("en", "Five years ago the bureau had no such scheme.", "2024-05-20",
     [("Five years ago", "2019-01-01", "2019-12-31", "year", "event")]),
    # ... and in Chinese: 十年前 (ten years ago); 2020年前 is "before 2020", 十多年前 is vague.
    ("zh", "与十年前相比，代理师人数翻了一番", "2024-05-20", [("十年前", "2014-01-01", "2014-12-31", "year", "event")]),
    ("zh", "十多年前，这里只有一家机构", "2024-05-20", []),
]

# A month or day printed without a year takes the year of the nearest date before it in the clause that names
# one; with none, the document's year.
YEARLESS = [
    ("zh", "他去年3月报名，9月参加了考试", "2024-05-06",
     [("去年3月", "2023-03-01", "2023-03-31", "month", "event"), ("9月", "2023-09-01", "2023-09-30", "month", "event")]),
    ("en", "The survey opened in October 2021 and closed on December 15.", "2023-02-01",
     [("October 2021", "2021-10-01", "2021-10-31", "month", "event"),
      ("December 15", "2021-12-15", "2021-12-15", "day", "event")]),
    ("zh", "2020年入职，2月底转正", "2024-05-06",
     [("2020年", "2020-01-01", "2020-12-31", "year", "event"), ("2月底", "2020-02-29", "2020-02-29", "day", "event")]),
    ("zh", "各地要在9月底前报送材料", "2024-05-06", [("9月底前", "2024-09-30", "2024-09-30", "day", "deadline")]),
    # Months listed before the one year they share take it.
    ("zh", "招聘会于3月和2021年10月举行", "2024-05-06",
     [("3月", "2021-03-01", "2021-03-31", "month", "event"), ("2021年10月", "2021-10-01", "2021-10-31", "month", "event")]),
    ("en", "Exams were held in April and October 2020.", "2024-05-06",
     [("April", "2020-04-01", "2020-04-30", "month", "event"), ("October 2020", "2020-10-01", "2020-10-31", "month", "event")]),
]

# A day or month that repeats every year is no single date.
RECURRING = [
    ("en", "Firms must file a return by 30 April each year.", "2024-01-05", []),
    ("en", "The fair is held in October annually.", "2024-01-05", []),
    ("zh", "每年10月举办", "2024-01-05", []),
    ("en", "In June a year later it closed.", "2024-01-05",
     [("June", "2024-06-01", "2024-06-30", "month", "event"), ("a year later", "2025-01-01", "2025-12-31", "year", "event")]),
]

# A graduating class is its year: the class of 2023, 2023届.
COHORTS = [
    ("en", "open to the class of 2023", "2023-03-01", [("2023", "2023-01-01", "2023-12-31", "year", "event")]),
    ("zh", "面向2023届、2024届毕业生", "2023-03-01",
     [("2023届", "2023-01-01", "2023-12-31", "year", "event"), ("2024届", "2024-01-01", "2024-12-31", "year", "event")]),
    # A year before "graduates" is their class, as 2024届毕业生 is.
    ("en", "The fair welcomes 2025 graduates from all majors.", "2024-10-02",
     [("2025", "2025-01-01", "2025-12-31", "year", "event")]),
]

# A year after by, since, in ... is a year though a word in -s follows (a verb), which after a bare number is
# otherwise read as what the number counts ("2025 jobs").
YEAR_BEFORE_A_VERB = [
    ("en", "Reaching the goal by 2030 needs more trained agents.", "2024-10-02",
     [("by 2030", "2030-01-01", "2030-12-31", "year", "deadline")]),
    ("en", "The count since 2019 shows steady growth.", "2024-10-02",
     [("since 2019", "2019-01-01", "2024-10-02", "period", "period")]),
    ("en", "The programme offers 2025 places.", "2024-10-02", []),
]

# Two consecutive months joined by "and" are one span ("May and June 2022"); other months so joined are two.
MONTH_PAIRS = [
    ("en", "Interviews were held in May and June 2022 across the province.", "2023-01-10",
     [("May and June 2022", "2022-05-01", "2022-06-30", "period", "period")]),
    ("en", "Fairs are held in September and October.", "2023-01-10",
     [("September and October", "2023-09-01", "2023-10-31", "period", "period")]),
    ("en", "Fairs took place in February and August 2022.", "2023-01-10",
     [("February", "2022-02-01", "2022-02-28", "month", "event"), ("August 2022", "2022-08-01", "2022-08-31", "month", "event")]),
]

# A wire or portal dateline inside the text is the story's publication date. (The dates of page datelines, which
# the document side makes published rows, are found as before: see GUARDS.)
DATELINES = [
    ("en", "BEIJING, Dec. 28 (Xinhua) -- China will", "2023-12-28",
     [("Dec. 28", "2023-12-28", "2023-12-28", "day", "published")]),
    ("en", "Beijing, Sept. 6 (Xinhua) -- China's training bases", "2023-09-06",
     [("Sept. 6", "2023-09-06", "2023-09-06", "day", "published")]),
    ("zh", "新华社北京3月8日电（记者 王思北）记者8日从国家知识产权局获悉", "2022-03-08",
     [("3月8日", "2022-03-08", "2022-03-08", "day", "published"), ("8日", "2022-03-08", "2022-03-08", "day", "event")]),
    ("zh", "【华闻资讯网７月１２日讯】据报道", "2023-07-12", [("７月１２日", "2023-07-12", "2023-07-12", "day", "published")]),
    # A release wire's slashes, and a place in any case before a full date and a dash.
    ("en", "HANGZHOU, May 6, 2024 /Example Wire/ -- A firm opened", "2024-05-06",
     [("May 6, 2024", "2024-05-06", "2024-05-06", "day", "published")]),
    ("en", "Lisbon, October 2, 2023 – The office said", "2023-10-02",
     [("October 2, 2023", "2023-10-02", "2023-10-02", "day", "published")]),
]

# Dates in words the document's year completes: a quarter or half on its own, 本月, 上月, 年初, "in May".
DOCUMENT_YEAR = [
    ("zh", "一季度，全国新设立专利代理机构186家", "2024-04-19", [("一季度", "2024-01-01", "2024-03-31", "period", "period")]),
    ("en", "In the first quarter, exports rose", "2024-04-19",
     [("the first quarter", "2024-01-01", "2024-03-31", "period", "period")]),
    ("zh", "上半年，案件有所下降", "2024-07-03", [("上半年", "2024-01-01", "2024-06-30", "period", "period")]),
    ("zh", "上月召开会议", "2024-04-19", [("上月", "2024-03-01", "2024-03-31", "month", "event")]),
    ("zh", "今年初召开会议", "2024-04-19", [("今年初", "2024-01-01", "2024-01-01", "day", "event")]),
    ("en", "who joined an agency in Kunshan in May", "2023-06-14",
     [("May", "2023-05-01", "2023-05-31", "month", "event")]),
    # A year that names a graduating class is not tied to the goal beside it.
    ("en", "shall offer 2,000 positions to graduates of the class of 2022", "2022-04-20",
     [("2022", "2022-01-01", "2022-12-31", "year", "event")]),
]

# What the brief asks that the code before these rules did already (the datelines' dates, 到…前 a deadline),
# and what the rules must leave as it was: each of these holds on the code before them too.
GUARDS = [
    ("zh", "力争到2022年底，全省人才达到100万人", "2021-03-01", [("到2022年底", "2022-12-31", "2022-12-31", "day", "target")]),
    ("en", "The office will train 500 examiners in the coming year.", "2024-03-01",
     [("the coming year", "2025-01-01", "2025-12-31", "year", "target")]),
    ("zh", "到2022年底前完成各项任务", "2021-03-01", [("到2022年底前", "2022-12-31", "2022-12-31", "day", "deadline")]),
    ("en", "Each city shall hold a job fair before June 30, and the province shall offer no fewer than 2,000 positions",
     "2022-04-20", [("before June 30", "2022-06-30", "2022-06-30", "day", "deadline")]),
    ("zh", "2022-01-17 10:04:20 编辑:张三 来源:新华社", "2022-01-17",
     [("2022-01-17", "2022-01-17", "2022-01-17", "day", "event")]),
    ("zh", "發布時間：2023年7月12日", "2023-07-12", [("2023年7月12日", "2023-07-12", "2023-07-12", "day", "event")]),
    ("en", "Updated: 2023-06-14 07:32", "2023-06-14", [("2023-06-14", "2023-06-14", "2023-06-14", "day", "event")]),
    ("en", "Updated: Jul 03,2024", "2024-07-03", [("Jul 03,2024", "2024-07-03", "2024-07-03", "day", "event")]),
    ("zh", "2021年至2025年", "2021-03-01", [("2021年至2025年", "2021-01-01", "2025-12-31", "period", "period")]),
    ("zh", "上年全国吸纳高校毕业生1.9万人", "2024-04-19", [("上年", "2023-01-01", "2023-12-31", "year", "event")]),
    ("zh", "本报讯　11月22日，市市场监管局签订协议", "2023-11-23",
     [("11月22日", "2023-11-22", "2023-11-22", "day", "event")]),
    ("en", "prices May rise in 2025", "2023-06-14", [("2025", "2025-01-01", "2025-12-31", "year", "event")]),
    ("zh", "5日内完成", "2024-04-19", []),
    ("en", "The desk is open Monday to Friday.", "2024-07-03", []),  # every week
    # A date ending its part of the clause opens the next, where the goal is stated.
    ("en", "he told a press conference that by the end of this year, the number of agents will exceed 40,000.",
     "2024-01-18", [("by the end of this year", "2024-12-31", "2024-12-31", "day", "target")]),
    ("en", "In Beijing, on Sept. 6 (local time), officials met", "2023-09-06",
     [("Sept. 6", "2023-09-06", "2023-09-06", "day", "event")]),
    # Page datelines print a day, a month's short name and a year between hyphens.
    ("en", "Updated 09:30, 02-Jan-2024", "2024-01-02", [("02-Jan-2024", "2024-01-02", "2024-01-02", "day", "event")]),
]


@check(WEEKDAYS)
def test_weekdays(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(RANGES)
def test_ranges(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(SINCE)
def test_since(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(TARGETS)
def test_targets(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(DEADLINES)
def test_deadlines(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(ANAPHORIC_YEARS)
def test_anaphoric_years(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(YEARLESS)
def test_yearless_months_take_the_clauses_year(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(RECURRING)
def test_recurring(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(COHORTS)
def test_cohorts(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(YEAR_BEFORE_A_VERB)
def test_years_before_a_verb(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(MONTH_PAIRS)
def test_month_pairs(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(DATELINES)
def test_datelines(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(DOCUMENT_YEAR)
def test_dates_in_the_documents_year(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


@check(GUARDS)
def test_guards(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected


# A season is three months: 去年秋季 (last autumn), "the summer of 2022"; winter runs into the next year.
SEASONS = [
    ("zh", "去年秋季共举办招聘会12场", "2024-05-20", [("去年秋季", "2023-09-01", "2023-11-30", "period", "period")]),
    ("en", "The survey ran in the summer of 2022.", "2024-05-20",
     [("summer of 2022", "2022-06-01", "2022-08-31", "period", "period")]),
    ("zh", "2023年冬季集中培训", "2024-05-20", [("2023年冬季", "2023-12-01", "2024-02-29", "period", "period")]),
]


@check(SEASONS)
def test_seasons(lang, text, doc_date, expected):
    assert dates(lang, text, doc_date) == expected
