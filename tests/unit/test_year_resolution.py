"""A figure's year and the dates in its clause come from one resolver (dates), so they cannot disagree."""
import pytest

from ingest.taggers.dates import tag_dates
from ingest.taggers.figures import tag_figures


@pytest.mark.parametrize("lang, text, doc_date, year", [
    # The 2nd Five-Year Plan ran 1958-1962: a figure reported "during" it is as of 1962, not 1955 + 5 × 2.
    ("en", "During the 2nd Five-Year Plan, 300 engineers were trained.", "1990-05-01", 1962),
    # 上年 is the year before the document's.
    ("zh", "上年新增专利代理师3000名。", "2024-03-01", 2023),
    # "the coming year" is the year after the document's, for the date and the figure alike.
    ("en", "The office will train 500 examiners in the coming year.", "2024-03-01", 2025),
])
def test_figure_year_is_the_year_of_the_date_in_its_clause(lang, text, doc_date, year):
    dates = tag_dates(text, lang, doc_date)
    figures = tag_figures(text, lang, doc_date)
    assert len(dates) == 1 and int(dates[0]["date_end"][:4]) == year, dates
    assert [f["year"] for f in figures] == [year], figures


def test_a_target_without_a_year_is_for_the_documents_target_year_but_this_year_stays_this_year():
    named = tag_figures("The province will provide 1,276 jobs this year.", "en", "2022-06-13", target_year=2027)
    unnamed = tag_figures("The province will provide 1,276 jobs.", "en", "2022-06-13", target_year=2027)
    assert [(f["kind"], f["year"]) for f in named] == [("target", 2022)]
    assert [(f["kind"], f["year"]) for f in unnamed] == [("target", 2027)]
