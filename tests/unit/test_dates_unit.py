"""Unit tests for ingest.taggers.dates: clause text in, date spans out. No database."""

import pytest

from support import corpus_lines
from ingest.taggers.dates import parse_chinese_small, parse_doc_date, tag_dates, tag_signature_date


def spans(text, lang, doc_date):
    """tag_dates as (surface, date_start, date_end, precision, role) tuples, checking every offset."""
    found = tag_dates(text, lang, doc_date)
    for d in found:
        assert text[d["start"]:d["end"]] == d["surface"]
    return [(d["surface"], d["date_start"], d["date_end"], d["precision"], d["role"]) for d in found]


@pytest.mark.parametrize("text, doc_date, expected", [
    # A 前 date that sets a duty is a deadline in the document's year.
    ("请于6月30日前将有关情况报送我局。", "2020-04-23",
     [("6月30日前", "2020-06-30", "2020-06-30", "day", "deadline")]),
    ("11月30日前将工作总结报送。", "2020-04-23",
     [("11月30日前", "2020-11-30", "2020-11-30", "day", "deadline")]),
    ("会议于2021年3月召开。", None, [("2021年3月", "2021-03-01", "2021-03-31", "month", "event")]),
    ("2019年全国专利申请量增长。", None, [("2019年", "2019-01-01", "2019-12-31", "year", "event")]),
    ("二〇二〇年四月二十三日召开会议", None, [("二〇二〇年四月二十三日", "2020-04-23", "2020-04-23", "day", "event")]),
    # Document numbers carry a year that is not a date.
    ("根据国知发运函字〔2020〕37号文件", "2020-04-23", []),
    ("到2025年，人才总量力争达到100万人。", "2021-12-31",
     [("到2025年", "2025-01-01", "2025-12-31", "year", "target")]),
    # 截至 is "as of": a stock-taking date, and the word stays out of the surface.
    ("截至2023年底，人才规模达到86万。", "2024-07-03",
     [("2023年底", "2023-12-31", "2023-12-31", "day", "event")]),
    ("年底前完成各项任务。", "2020-04-23", [("年底前", "2020-12-31", "2020-12-31", "day", "deadline")]),
    ("今年上半年，案件数量有所下降。", "2020", [("今年上半年", "2020-01-01", "2020-06-30", "period", "period")]),
    # 以来 (since) runs to the document's date.
    ("去年4月以来", "2024-07-03", [("去年4月以来", "2023-04-01", "2024-07-03", "period", "period")]),
    ("2024年第二季度", None, [("2024年第二季度", "2024-04-01", "2024-06-30", "period", "period")]),
    # Five-Year Plans: the quotes stay outside the surface unless the expression runs past them (“十三五”末).
    ("“十四五”时期是开局起步期。", None, [("十四五", "2021-01-01", "2025-12-31", "period", "period")]),
    ("十三五期间成效显著", None, [("十三五", "2016-01-01", "2020-12-31", "period", "period")]),
    ("“十三五”末人才总量达到69万", None, [("十三五”末", "2020-12-31", "2020-12-31", "day", "event")]),
    ("第十四个五年规划时期", None, [("第十四个五年规划时期", "2021-01-01", "2025-12-31", "period", "period")]),
    ("《知识产权强国建设纲要（2021—2035年）》", None,
     [("2021—2035年", "2021-01-01", "2035-12-31", "period", "period")]),
    ("近三年来共培训500人次", "2024-07-03", [("近三年", "2021-01-01", "2023-12-31", "period", "period")]),
    # Not dates: months as durations, numbers that only look like plan names, years of youth.
    ("培训期为3个月，吸纳十四五万人就业。", "2020", []),
    ("如今年轻人关注知识产权，过去年均增长5%，请说明年度计划。", "2020", []),
])
def test_tag_dates_chinese(text, doc_date, expected):
    assert spans(text, "zh", doc_date) == expected


@pytest.mark.parametrize("text, doc_date, expected", [
    ("On April 22, the forum took place.", "2021", [("April 22", "2021-04-22", "2021-04-22", "day", "event")]),
    ("The desk opened on February 9, 2021.", "2021",
     [("February 9, 2021", "2021-02-09", "2021-02-09", "day", "event")]),
    ("Updated: Jul 03,2024 Source", None, [("Jul 03,2024", "2024-07-03", "2024-07-03", "day", "event")]),
    ("released 2020-04-23 and 3 July 2024", None, [
        ("2020-04-23", "2020-04-23", "2020-04-23", "day", "event"),
        ("3 July 2024", "2024-07-03", "2024-07-03", "day", "event"),
    ]),
    ("In November 2023, we signed an agreement.", "2024-07-03",
     [("November 2023", "2023-11-01", "2023-11-30", "month", "event")]),
    ("students enrolling in September", "2024-07-03",
     [("September", "2024-09-01", "2024-09-30", "month", "event")]),
    ("In March of this year, the committee was set up.", "2024-07-03",
     [("March of this year", "2024-03-01", "2024-03-31", "month", "event")]),
    ("This year, exams were postponed.", "2020", [("This year", "2020-01-01", "2020-12-31", "year", "event")]),
    # Machine translation glues sentences together; "this year" must still be found.
    ("this yearAfter receiving the document", "2020",
     [("this year", "2020-01-01", "2020-12-31", "year", "event")]),
    # A year tied to a quantified goal is a target.
    ("The province will provide 1,490 jobs this year.", "2020",
     [("this year", "2020-01-01", "2020-12-31", "year", "target")]),
    ("By 2025, the number of talents will exceed 1 million.", "2021-12-31",
     [("By 2025", "2025-01-01", "2025-12-31", "year", "target")]),
    ("Reports are due by June 30, 2022.", "2021-12-31",
     [("by June 30, 2022", "2022-06-30", "2022-06-30", "day", "deadline")]),
    # "As of" stays out of the surface; "the end of" stays in.
    ("As of the end of 2023, the scale grew.", "2024-07-03",
     [("the end of 2023", "2023-12-31", "2023-12-31", "day", "event")]),
    # A "By" date before the document's date takes stock: an event, not a goal.
    ("By the end of 2023, three cities had doubled.", "2024-07-03",
     [("By the end of 2023", "2023-12-31", "2023-12-31", "day", "event")]),
    ("cases in the first half of this year decreased", "2020",
     [("the first half of this year", "2020-01-01", "2020-06-30", "period", "period")]),
    ("the third quarter of 2023", None,
     [("the third quarter of 2023", "2023-07-01", "2023-09-30", "period", "period")]),
    ("the goal set in the 13th Five-Year period", None,
     [("13th Five-Year period", "2016-01-01", "2020-12-31", "period", "period")]),
    ('The "14th Five-Year Plan for IP Talents" is printed.', None,
     [("14th Five-Year Plan", "2021-01-01", "2025-12-31", "period", "period")]),
    ('The period of "14th Five-Year" is the opening.', None,
     [("14th Five-Year", "2021-01-01", "2025-12-31", "period", "period")]),
    ("during the 14th Five-year Plan period are", None,
     [("14th Five-year Plan period", "2021-01-01", "2025-12-31", "period", "period")]),
    ("the First Five-Year Plan", None, [("First Five-Year Plan", "1953-01-01", "1957-12-31", "period", "period")]),
    ('from 690,000 at the end of the "13th Five-Year Plan" to 860,000', "2024-07-03",
     [('the end of the "13th Five-Year Plan"', "2020-12-31", "2020-12-31", "day", "event")]),
    ("the Outline (2021-2035) and", None, [("2021-2035", "2021-01-01", "2035-12-31", "period", "period")]),
    ("activities for 2021 Beijing Intellectual Property Week", "2021",
     [("2021", "2021-01-01", "2021-12-31", "year", "event")]),
    # The past N years are the N whole years before the document's year; the past N months run back from its day.
    ("in the past four years, the center trained", "2024-07-03",
     [("the past four years", "2020-01-01", "2023-12-31", "period", "period")]),
    ("in the past four years, the center trained", "2024", [("the past four years", "2020-01-01", "2023-12-31",
                                                             "period", "period")]),
    ("近三年该考试的通过率", "2024-04-22", [("近三年", "2021-01-01", "2023-12-31", "period", "period")]),
    ("in the past six months, the center trained", "2024-07-03",
     [("the past six months", "2024-01-03", "2024-07-03", "period", "period")]),
    # A rolling span of months needs a full document date to count back from.
    ("in the past six months, the center trained", "2024", []),
    ("Indicators | 2025 | Attribute |", "2021-12-31", [("2025", "2025-01-01", "2025-12-31", "year", "target")]),
    # Not dates: ordinals, counts, durations without an anchor, decades, the verb "may".
    ("the 19th National Congress and the fifth session", "2021", []),
    ("providing 1,512 jobs and 2025 jobs to over 2000 people", "2020", []),
    ("In just two years, a month-long event within a few days, in recent years", "2020", []),
    ("in the 2020s prices may rise", "2021", []),
    ("in the last year of the plan", "2021", []),
    # Relative dates need the document's date.
    ("On April 22 this year", None, []),
])
def test_tag_dates_english(text, doc_date, expected):
    assert spans(text, "en", doc_date) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("2020年4月23日", "zh", ("2020年4月23日", "2020-04-23")),
    ("  2020年4月23日 ", "zh", ("2020年4月23日", "2020-04-23")),
    ("December 31, 2021", "en", ("December 31, 2021", "2021-12-31")),
    ("December 31, 2021.", "en", ("December 31, 2021", "2021-12-31")),
    ("二〇二〇年四月二十三日", "zh", ("二〇二〇年四月二十三日", "2020-04-23")),
    ("（2020年4月23日）", "zh", ("2020年4月23日", "2020-04-23")),
    ("2021-12-31", "en", ("2021-12-31", "2021-12-31")),
    ("2021年12月", "zh", None),  # a month, not a day
    ("Beijing, December 31, 2021", "en", None),
    ("Signed on December 31, 2021", "en", None),
    ("2021年", "zh", None),
    ("到2025年底", "zh", None),
    ("", "en", None),
])
def test_tag_signature_date(text, lang, expected):
    found = tag_signature_date(text, lang)
    if expected is None:
        assert found is None
    else:
        assert (found["surface"], found["date_start"], found["role"]) == (*expected, "issued")
        assert text[found["start"]:found["end"]] == found["surface"]


def test_a_signature_is_found_only_where_a_whole_short_line_is_one_date():
    signatures = [line for line, lang in corpus_lines() if tag_signature_date(line, lang)]
    # (April 23, 2020 signs this project's English translation of the notice.)
    assert signatures == ["2020年4月23日", "December 31, 2021", "April 23, 2020"]
    assert tag_signature_date("二〇二〇年四月二十三日", "zh")["date_start"] == "2020-04-23"
    assert tag_signature_date("2020年4月23日前", "zh") is None  # a limit, not a signature
    assert tag_signature_date("2020年", "zh") is None  # not a day


def test_tag_dates_gives_signature_lines_role_issued():
    assert spans("2020年4月23日", "zh", "2020-04-23") == [("2020年4月23日", "2020-04-23", "2020-04-23", "day", "issued")]


@pytest.mark.parametrize("doc_date, expected", [
    ("2020-04-23", (2020, 4, 23)), ("2020-04", (2020, 4, None)), ("2020", (2020, None, None)), (None, None),
])
def test_parse_doc_date(doc_date, expected):
    assert parse_doc_date(doc_date) == expected


@pytest.mark.parametrize("surface, expected", [("6", 6), ("十", 10), ("十一", 11), ("二十", 20), ("二十三", 23), ("三十一", 31)])
def test_parse_chinese_small(surface, expected):
    assert parse_chinese_small(surface) == expected
