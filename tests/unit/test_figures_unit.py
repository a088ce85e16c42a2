"""Unit tests for ingest.taggers.figures.tag_figures: clause text in, figures out. No database."""
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from support import corpus_lines
from ingest.taggers.figures import tag_figures
from ingest.taggers.quantities import (
    DIGIT_RUN, EN_DIGITS, EN_NUMBER_WORDS, ZH_NUMBER, ZH_NUMBER_SCREEN, last_ascii_word, matches_at, number_word_starts,
)
from ingest.normalise import normalise

# (lang, text, doc_year, [(surface, value, unit, qualifier, kind, year), ...])
FIGURES = [
    # ------------------------------------------------------------------ English: digits
    ("en", "visits to the platform reached4,618 times, 223 resumes and 32 video interviews were submitted", 2020,
     [("4,618", 4618, "times", None, "reported", 2020),
      ("223", 223, "resumes", None, "reported", 2020),
      ("32", 32, "video interviews", None, "reported", 2020)]),
    ("en", "the province will provide 1,490 intellectual property jobs for graduates this year.", 2020,
     [("1,490", 1490, "intellectual property jobs", None, "target", 2020)]),
    ("en", "the team has grown to 690 thousand people with a better structure", 2021,
     [("690 thousand", 690000, "people", None, "reported", 2021)]),
    ("en", "By 2025, the number of patent agents will exceed 1 million.", 2021,
     [("1 million", 1000000, "patent agents", "gt", "target", 2025)]),
    ("en", "the coverage rate of cities will reach more than 50%", 2021,
     [("50%", 50, "percent", "gt", "target", 2021)]),
    ("en", "it trained nearly 2,000 participants and ran over 150 retraining sessions", 2024,
     [("2,000", 2000, "participants", "approx", "reported", 2024),
      ("150", 150, "retraining sessions", "gt", "reported", 2024)]),
    ("en", "more than 90 conferences and training sessions were organized", 2020,
     [("90", 90, "conferences and training sessions", "gt", "reported", 2020)]),
    ("en", "it has organized 19 types of international training sessions", 2024,
     [("19", 19, "types of international training sessions", None, "reported", 2024)]),
    ("en", "members took part in over 700 various IP tasks involving nearly 1,200 person-times", 2024,
     [("700", 700, "IP tasks", "gt", "reported", 2024),
      ("1,200", 1200, "person-times", "approx", "reported", 2024)]),
    ("en", "at least 30 bases, fewer than 10 cases and 12 experts or more", 2024,
     [("30", 30, "bases", "gte", "reported", 2024),
      ("10", 10, "cases", "lt", "reported", 2024),
      ("12", 12, "experts", "gte", "reported", 2024)]),
    ("en", "GDP grew 5.2 percent, with RMB 2.5 billion invested", 2024,
     [("5.2", 5.2, "percent", None, "reported", 2024),
      ("2.5 billion", 2500000000, "yuan", None, "reported", 2024)]),
    ("en", "A total of 1,000 publicity officers nationwide are to be trained in batches.", 2021,
     [("1,000", 1000, "publicity officers", None, "target", 2021)]),
    ("en", "Build an examination talent team composed of 100 people.", 2021,
     [("100", 100, "people", None, "target", 2021)]),
    # A year tied to the figure beats the clause's opening year.
    ("en", "As of the end of 2023, talent has increased from 690,000 at the end of the 13th Five-Year Plan "
           "to 860,000.", 2024,
     [("690,000", 690000, None, None, "reported", 2020),
      ("860,000", 860000, None, None, "reported", 2023)]),
    ("en", "Since the 14th Five-Year Plan, members have joined 68 IP service tasks", 2024,
     [("68", 68, "IP service tasks", None, "reported", 2024)]),
    ("en", "The firm had 3,000 staff at the end of 2020 and 4,500 staff in 2023.", None,
     [("3,000", 3000, "staff", None, "reported", 2020),
      ("4,500", 4500, "staff", None, "reported", 2023)]),
    ("en", "We plan to train 300 examiners next year and hired 20 examiners last year.", 2024,
     [("300", 300, "examiners", None, "target", 2025),
      ("20", 20, "examiners", None, "reported", 2023)]),
    # ------------------------------------------------------------------ English: words
    ("en", "On April 21, seven departments issued a notice", 2020,
     [("seven", 7, "departments", None, "reported", 2020)]),
    ("en", "the company has successfully recruitedFive people alleviated the pressure", 2020,
     [("Five", 5, "people", None, "reported", 2020)]),
    ("en", "with a hundred IP talents receiving advanced titles", 2024,
     [("a hundred", 100, "IP talents", None, "reported", 2024)]),
    ("en", "comprising 48 renowned experts, including nine academicians", 2024,
     [("48", 48, "renowned experts", None, "reported", 2024),
      ("nine", 9, "academicians", None, "reported", 2024)]),
    # "one" is the indefinite article unless a scale word, a qualifier or a unit of measure comes with it.
    ("en", "We should build four key talent teams and one basic talent team.", 2021,
     [("four", 4, "key talent teams", None, "target", 2021)]),
    ("en", "So far, seven tasks of the 13 tasks to be led by the Office have been implemented", 2021,
     [("seven", 7, "tasks", None, "reported", 2021),
      ("13", 13, "tasks", None, "reported", 2021)]),
    ("en", "per capita ownership more than double the national average", 2024,
     [("double", 2, "times", "gt", "reported", 2024)]),
    ("en", "one thousand two hundred people and twenty-five experts", 2024,
     [("one thousand two hundred", 1200, "people", None, "reported", 2024),
      ("twenty-five", 25, "experts", None, "reported", 2024)]),
    # ------------------------------------------------------------------ Chinese
    # A Chinese figure's unit is the Chinese noun it counts, after the measure word or before the number (README:
    # 毕业生, 家机构 -> 机构); English names only for units of measure (yuan, percent, times).
    ("zh", "全国知识产权人才总量达到69万人", 2021, [("69万", 690000, "知识产权人才", None, "reported", 2021)]),
    ("zh", "截至2023年底，知识产权人才达到86万人，比“十三五”末的69万增加17万", 2024,
     [("86万", 860000, "知识产权人才", None, "reported", 2023),
      ("69万", 690000, None, None, "reported", 2020),
      ("17万", 170000, None, None, "reported", 2023)]),
    ("zh", "力争到2025年培训一百名专家", 2021, [("一百", 100, "专家", None, "target", 2025)]),
    ("zh", "吸纳高校毕业生1.5万人就业，覆盖率超过50%", 2020,
     [("1.5万", 15000, "高校毕业生", None, "reported", 2020),
      ("50%", 50, "percent", "gt", "reported", 2020)]),
    ("zh", "超过100人参加，近2000名学员参加培训", 2020,
     [("100", 100, "人", "gt", "reported", 2020),
      ("2000", 2000, "学员", "approx", "reported", 2020)]),
    ("zh", "300余家机构参与，100多家企业到场", 2020,
     [("300", 300, "机构", "gt", "reported", 2020),
      ("100", 100, "企业", "gt", "reported", 2020)]),
    # 以上 after a number includes it (official usage): gte.
    ("zh", "知识产权人才达到100万人以上", 2021, [("100万", 1000000, "知识产权人才", "gte", "reported", 2021)]),
    ("zh", "同比增长百分之五十，提高3.5个百分点", 2024,
     [("百分之五十", 50, "percent", None, "reported", 2024),
      ("3.5", 3.5, "percentage points", None, "reported", 2024)]),
    ("zh", "“十四五”期间，培训专利代理师3000人次", 2024, [("3000", 3000, "人次", None, "reported", 2024)]),
    ("zh", "投入资金2.3亿元，共培训100余万人", 2024,
     [("2.3亿", 230000000, "yuan", None, "reported", 2024),
      ("100余万", 1000000, "人", "gt", "reported", 2024)]),
    ("zh", "建设四支重点人才队伍和一支基础人才队伍", 2021,
     [("四", 4, "重点人才队伍", None, "reported", 2021)]),
    ("zh", "今年将新增１００名代理师", 2022, [("１００", 100, "代理师", None, "target", 2022)]),
]

# Numbers that are not quantities: the tagger must return nothing.
NOT_FIGURES = [
    ("zh", "国知发运函字〔2020〕37号"),
    ("zh", "（联系方式：运用促进司 高芸 010-62083921 62083618 dailiguanli@cnipa.gov.cn）"),
    ("zh", "京ICP备05027598号 京公网安备11010802020338号 邮编：100088"),
    ("zh", "一、加强组织领导"),
    ("zh", "（三）强化宣传引导"),
    ("zh", "一是加强领导，二是完善机制"),
    ("zh", "请于6月30日前报送，11月30日前总结，2020年4月23日"),
    ("zh", "作为积极应对疫情影响的一项重要任务抓紧抓实"),
    ("zh", "要在“知识产权服务万里行”期间，贯彻“五位一体”总体布局和“四个全面”战略布局"),
    ("zh", "第十四届全国人大第3次会议"),
    ("zh", "近3年来，两个月内，5天之后"),
    ("zh", "十分重要，三农问题，统一思想，进一步加强，唯一一家"),
    ("zh", "北京市海淀区西土城路6号11层"),
    ("en", "1. The number of intellectual property talents"),
    ("en", "(3) Promote the work of the office"),
    ("en", "I. Guiding ideology"),
    ("en", "the 19th National Congress and 2nd, 3rd, 4th, 5th, and 6th Plenary Session"),
    ("en", "the fifth session of the committee, the first cohort of students, the 14th Five-Year Plan"),
    ("en", "The service desk was open to the public on February 9, 2021."),
    ("en", "the Outline (2021-2035) and the 2021 Beijing Intellectual Property Week"),
    ("en", "In just two years, turnover grew; in the past four years; a month-long event; within a few days"),
    ("en", "More than a month ago, a job fair brought a graduate to the industry."),
    ("en", "Tel: 010-62083921, Fax 62083618, Room 1203, No. 68 Xitucheng Road, 11th Floor, Beijing 100088"),
    ("en", "the \"Two Zones\" plan and the \"five in a batch\" talent team"),
    ("en", "IPR Talents and the Two Zones forum"),
    ("en", "talents with \"multiple abilities in one post\" who do everything in one window"),
    ("en", "The patent attorney qualification is one of the professional qualifications."),
    ("en", "the overall plan for development in five areas and the four-pronged comprehensive strategy"),
    ("en", "On the one hand, no one came; one by one; a one-stop service"),
    ("en", "The two parties will work together on the programme"),
    ("en", "the COVID-19 pandemic, ISO 9001 certification, a G20 summit and 5G networks"),
    ("en", "a number of parties, a batch of talents, several firms, hundreds of graduates"),
    ("en", "The number of agents (ten thousand)"),
]


def _as_tuples(figures):
    return [(f["surface"], f["value"], f["unit"], f["qualifier"], f["kind"], f["year"]) for f in figures]


@pytest.mark.parametrize("lang,text,doc_year,expected", FIGURES)
def test_tag_figures(lang, text, doc_year, expected):
    assert _as_tuples(tag_figures(text, lang, doc_year)) == expected


@pytest.mark.parametrize("lang,text,doc_year,expected", FIGURES)
def test_offsets_point_at_the_surface(lang, text, doc_year, expected):
    for figure in tag_figures(text, lang, doc_year):
        assert text[figure["start"]:figure["end"]] == figure["surface"]


@pytest.mark.parametrize("lang,text", NOT_FIGURES)
def test_not_figures(lang, text):
    assert tag_figures(text, lang, 2021) == []


@pytest.mark.parametrize("text,expected_type", [("4,618 times", int), ("1.5万人", int), ("2.5%", float)])
def test_whole_values_are_ints(text, expected_type):
    lang = "zh" if "万" in text else "en"
    assert type(tag_figures(text, lang, 2020)[0]["value"]) is expected_type


@pytest.mark.parametrize("text, expected", [
    ("the platform recruitedFive people", [22]),  # a capital glued to a lower-case word starts a word
    ("a hundred experts", [0, 2]),  # the article, and the scale word (offset -1 is no offset)
    ("an \u3000 hundred", [0, 1, 5]),
    ("Twenty-one bases", [0, 7]),
    ("tenfold", [0]),  # ten starts a word: the screen lets it through, the regex decides
    ("this is often done by someone with attention", []),  # one and ten only inside words
    ("phone money component", []),
    ("", []),
])
def test_number_word_starts(text, expected):
    assert number_word_starts(text) == expected


# Lines the seed corpus may lack: articles, glued words, white space runs, digits in codes and ranges.
EDGE_LINES = [
    "a hundred experts and An  hundred thousand", "recruitedA hundred people", "the fifty-five bases, tenfold",
    "reached4,618 times", "1,234,567.5 yuan, 2020-2021, No.12345 and 3 %", "one\nhundred", "x a\thundred",
]


def _lines():
    return [normalise(line) for line, _ in corpus_lines()] + EDGE_LINES


def test_number_words_found_at_their_starts_as_everywhere():
    """On every line of the corpus, trying EN_NUMBER_WORDS at number_word_starts() finds what finditer finds."""
    lines = _lines()
    spans = [[m.span() for m in EN_NUMBER_WORDS.finditer(line)] for line in lines]
    assert sum(map(bool, spans)) > 20
    assert [[m.span() for m in matches_at(EN_NUMBER_WORDS, line, number_word_starts(line))] for line in lines] == spans
    assert not all(number_word_starts(line) for line in lines)  # and the screen rules some lines out


def test_digit_figures_found_where_digits_start_as_everywhere():
    """On every line of the corpus, trying EN_DIGITS where each run of digits starts finds what finditer finds."""
    lines = _lines()
    spans = [[m.span() for m in EN_DIGITS.finditer(line)] for line in lines]
    assert sum(map(bool, spans)) > 20
    assert [[m.span() for m in matches_at(EN_DIGITS, line, (r.start() for r in DIGIT_RUN.finditer(line)))]
            for line in lines] == spans


LAST_WORD = re.compile(r"([A-Za-z]+)\W*$")  # what last_ascii_word() stands in for


def _last_word_by_regex(text):
    m = LAST_WORD.search(text)
    return m.group(1) if m else ""


def test_last_word_is_what_the_regex_finds_on_every_line_prefix():
    """Before every digit and every English word of the corpus's lines, and at the end of each line,
    last_ascii_word() gives what the regex gives."""
    prefixes = [line[:m.start()] for line in _lines() for m in re.finditer(r"\d|\b[A-Za-z]|$", line)]
    assert len(prefixes) > 5000
    found = [last_ascii_word(p) for p in prefixes]
    assert found == [_last_word_by_regex(p) for p in prefixes]
    assert sum(map(bool, found)) > 1000 and not all(found)


# Letters, digits, _, white space, punctuation, CJK, and non-ASCII letters and digits (\w for re, not [A-Za-z]).
@given(st.text(alphabet="aZ9_ \t\n,.;:-\"“(（就业éßΩ٣²", max_size=12))
def test_last_word_is_what_the_regex_finds(text):
    assert last_ascii_word(text) == _last_word_by_regex(text)


def test_chinese_number_screen_never_hides_a_match():
    """On every line of the corpus where ZH_NUMBER matches, ZH_NUMBER_SCREEN does too; most lines have neither."""
    lines = [normalise(line) for line, _ in corpus_lines()]
    matching = [line for line in lines if ZH_NUMBER.search(line)]
    assert len(matching) > 20
    assert all(ZH_NUMBER_SCREEN.search(line) for line in matching)
    assert not all(ZH_NUMBER_SCREEN.search(line) for line in lines)


@pytest.mark.parametrize("text", ["百分之五十的企业", "增长3.5%", "二〇二〇年", "两家机构", "十余人"])
def test_chinese_number_screen_passes_each_way_a_number_opens(text):
    assert ZH_NUMBER.search(text) and ZH_NUMBER_SCREEN.search(text)
