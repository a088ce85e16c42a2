"""The figures in a table's cells (ingest/document/tables.py): tables written for these tests, answers by
reading them. No database."""
from typing import NamedTuple

import pytest

from ingest.document.tables import cell_number, cell_spans, table_figures


class Line(NamedTuple):
    start: int
    text: str


def lines(*texts):
    out, at = [], 0
    for text in texts:
        out.append(Line(at, text))
        at += len(text) + 1
    return out


def cells(*texts, doc_year=2024):
    table = lines(*texts)
    found = list(table_figures(table, doc_year))
    whole = "\n".join(texts)
    for f in found:
        assert whole[f["start"]:f["end"]] == f["surface"]
    return [(f["surface"], f["value"], f["value_high"], f["qualifier"], f["unit"], f["year"], f["kind"]) for f in found]


@pytest.mark.parametrize("text, expected", [
    ("1 250", (1250, None, None, False)),  # thousands grouped by a space
    ("12,400", (12400, None, None, False)),
    ("≥75", (75, None, "gte", False)),
    ("<5", (5, None, "lt", False)),
    ("90以上", (90, None, "gte", False)),
    ("3.5万", (35000, None, None, False)),
    ("7,500-9,800", (7500, 9800, None, False)),
    ("12%", (12, None, None, True)),
    ("硕士及以上", None),
    ("Room 3", None),
    ("0571-8765 4321", None),  # a telephone number
    ("0571-87654321", None),
    ("", None),
])
def test_a_cell_that_is_one_number(text, expected):
    assert cell_number(text) == expected


def test_cells_keep_their_columns_when_one_is_empty():
    assert [c[2] for c in cell_spans("| 东区 |  | 41 |")] == ["东区", "", "41"]
    assert cell_spans("a | b")[1] == (4, 5, "b")


def test_a_job_table_counts_what_its_headers_name():
    assert cells("Company | Post | Vacancies | Salary (yuan) |",
                 "Harbour Patent Office | Examiner aide | 15 | 7,500-9,800 |",
                 "Riverside IP Ltd | Paralegal | 4 | 6,000 |") == [
        ("15", 15, None, None, "Vacancies", None, "reported"),
        ("7,500-9,800", 7500, 9800, None, "yuan", None, "reported"),
        ("4", 4, None, None, "Vacancies", None, "reported"),
        ("6,000", 6000, None, None, "yuan", None, "reported"),
    ]


def test_a_row_labelled_by_a_year_gives_its_cells_that_year():
    assert cells("Year | Trainees | Firms |", "2021 | 1 250 | 88 |", "2022 | 1 410 | 97 |") == [
        ("1 250", 1250, None, None, "Trainees", 2021, "reported"),
        ("88", 88, None, None, "Firms", 2021, "reported"),
        ("1 410", 1410, None, None, "Trainees", 2022, "reported"),
        ("97", 97, None, None, "Firms", 2022, "reported"),
    ]


def test_an_indicator_table_has_a_baseline_and_a_target_column():
    # Written in 2023: the 2022 column is what was, the 2027 column what is aimed at.
    assert cells("指标 | 2022年 | 2027年 | 属性 |",
                 "1.技术经纪人（万人） | 1.2 | 3 | 预期性 |",
                 "2.登记合同占比（%） | 40 | 60以上 | 约束性 |", doc_year=2023) == [
        ("1.2", 12000, None, None, "技术经纪人", 2022, "reported"),
        ("3", 30000, None, None, "技术经纪人", 2027, "target"),
        ("40", 40, None, None, "percent", 2022, "reported"),
        ("60以上", 60, None, "gte", "percent", 2027, "target"),
    ]


def test_years_and_words_in_cells_are_not_figures():
    assert cells("Firm | Founded | Degree |", "Lakeside IP | 2009 | Bachelor or above |") == []


def test_an_indicator_rows_value_is_multiplied_by_its_unit():
    from ingest.document.tables import parse_indicator_table
    rows = parse_indicator_table(lines("指标 | 2022年 | 2027年 | 属性 |", "1.技术经纪人（万人） | 1.2 | 3 | 预期性 |",
                                       "2. Certified brokers (ten thousand) | 1.2 | 3 | Anticipatory |",
                                       "3. Brokerage revenue (100 million yuan) | 80 | 120 | Anticipatory |"))
    assert [(r["indicator"], r["value"], r["target_year"]) for r in rows] == [
        ("技术经纪人", 30000, 2027), ("Certified brokers", 30000, 2027), ("Brokerage revenue", 12_000_000_000, 2027)]
