"""The search page marks hits without stored index content: the same spans FTS5's highlight() marks."""
import sqlite3

import pytest

from ingest import search

TEXTS = [
    "稳定和扩大就业，支持知识产权服务业吸纳高校毕业生就业。",
    "Patent agents trained in 2020 attended training on the patent agent examination.",
    "國家知識產權局組織專利代理師資格考試",
    "２０２０年，ＣＮＩＰＡ招聘1000名毕业生; the café's naïve trainees were trained.",
    "Think tanks and think-tank reports: a tank of thinking.",
]
QUERIES = ["就业", "高校毕业生", "patent agents", "training", "专利代理师", "2020", "CNIPA", "cafe naive", "think tanks",
           '"patent agent"', "知识产权 服务", "train"]


def _highlighted(conn, rowid, match):
    marked = conn.execute("select highlight(f, 0, char(1), char(2)) from f where f match ? and rowid = ?",
                          [match, rowid]).fetchone()
    spans, pos, start = [], 0, None
    for ch in marked[0] if marked else "":
        if ch == "\x01":
            start = pos
        elif ch == "\x02":
            spans.append((start, pos))
        elif ch != search.SEPARATOR:
            pos += 1
    return spans if marked else None


@pytest.fixture(scope="module")
def index():
    conn = sqlite3.connect(":memory:")
    conn.execute("create virtual table f using fts5(search_text, tokenize='porter unicode61 remove_diacritics 2')")
    conn.executemany("insert into f (rowid, search_text) values (?, ?)",
                     [(n, search.index_text(t)) for n, t in enumerate(TEXTS, start=1)])
    return conn


@pytest.mark.parametrize("query", QUERIES)
def test_marks_are_those_highlight_makes_on_an_index_with_content(index, query):
    match, marked = search.to_fts_query(query), 0
    for n, text in enumerate(TEXTS, start=1):
        expected = _highlighted(index, n, match)
        if expected is not None:
            assert search.hit_spans(text, search.hit_terms(query)) == expected, text
            marked += bool(expected)
    assert marked, f"{query!r} marks nothing: a useless test query"
