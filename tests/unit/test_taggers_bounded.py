"""The taggers on any text: they never raise, and their time grows with the length of a clause, not its square
(every test reads a bounded window around a number). Bounds are generous: they catch a quadratic tagger (36 s for
400 KB of numbers before), not a slow machine."""
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.taggers.dates import tag_dates
from ingest.taggers.figures import tag_figures

LONG = 400_000  # characters: a "clause" no sentence splitter would leave, as a broken file can


@pytest.mark.slow  # tags 200-400 KB clauses
@pytest.mark.parametrize("lang, unit, length", [
    ("en", "1,000 jobs\u2028", LONG),  # no sentence punctuation: one clause (36 s before)
    ("en", "more than 1,000 jobs by 2025 ", LONG // 2),  # a date with each number, tied to it as a goal
    ("zh", "截至2023年底约92.8万人，", LONG // 2),
])
def test_a_long_clause_of_numbers_is_tagged_in_bounded_time(lang, unit, length):
    text = (unit * (length // len(unit) + 1))[:length]
    tag_figures(unit, lang, "2024-07-03")  # the segmenter and cn2an load outside the timing
    started = time.process_time()
    dates = tag_dates(text, lang, "2024-07-03")  # as the pipeline calls them
    figures = tag_figures(text, lang, "2024-07-03", dates=dates)
    elapsed = time.process_time() - started
    assert len(figures) > length // len(unit) - 2
    assert elapsed < 2.0, f"{elapsed:.2f} s for {len(figures)} figures and {len(dates)} dates"


# Random clauses of what numbers are made of: digits, Chinese numerals and scale words, qualifiers, joiners,
# measure words, English number and date words, punctuation.
PIECES = [
    *"0123456789", "1,000", "12.5", "2023", "〇", "一", "二", "两", "三", "四", "五", "十", "百", "千", "万", "亿", "多",
    "余", "约", "近", "逾", "超过", "不超过", "以上", "以下", "左右", "至", "到", "-", "—", "~", "年", "月", "日", "初", "底",
    "旬", "%", "个", "名", "家", "人次", "倍", "翻", "番", "成", "第", "数", "届", "以来", "截至", "力争", "将", "前", "今年",
    "上年", "季度", "半年", "，", "。", "、", "；", "（", "）", "“", "”", "【", "】", "电", "讯", " ", "\u2028", "million", "billion",
    "thousand", "hundred", "dozen", "a", "one", "two", "three", "to", "and", "between", "from", "since", "Since", "by",
    "before", "more than", "up to", "or more", "double", "twice", "fold", "percent", "per", "the", "May", "June",
    "Tuesday", "next", "the previous year", "this year", "Q1", "half", "quarter", "will", "aged", "year-old", ".",
    ",", ":", "(", ")", "\"", "$", "+", "No.",
]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=60), st.sampled_from(["zh", "en"]),
       st.sampled_from([None, "2024", "2024-07-03"]))
def test_taggers_never_raise_on_random_clauses(pieces, lang, doc_date):
    text = "".join(pieces)
    started = time.process_time()
    figures = tag_figures(text, lang, doc_date)
    dates = tag_dates(text, lang, doc_date)
    assert time.process_time() - started < 1.0
    for span in figures + dates:
        assert text[span["start"]:span["end"]] == span["surface"]
    for f in figures:
        assert f["value_high"] is None or f["value_high"] > f["value"]
    for d in dates:
        assert d["date_start"] <= d["date_end"]
