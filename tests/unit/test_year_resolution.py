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


@pytest.mark.parametrize("lang, text, doc_date, years", [
    # The as-of date (截至, as of, by the end of) governs the clause; a date a change is measured from does not.
    ("zh", "截至２０２２年底，內地知識產權人才隊伍規模已超過86萬人，較２０２０年底增加約17萬人。", "2023-07-12", [2022, 2022]),
    ("en", "By the end of 2022, patent agencies employed more than 120,000 people, up 8 percent over the end of 2021.",
     "2023-06-14", [2022, 2022]),
    # A date in the figure's own part of the clause comes before a nearer one in another part.
    ("zh", "张志成表示，今年将推动在京津冀、长三角、粤港澳大湾区建设三个实训基地，并力争到2025年将执业专利代理师数量提高到4万人。",
     "2022-03-08",
     [2022, 2025]),
    # An amount restated in brackets is as of the same date.
    ("en", "engineers earned an average of 9,800 yuan ($1,370) a month in 2022.", "2023-06-14", [2022, 2022]),
])
def test_a_figure_is_as_of_the_date_that_governs_it(lang, text, doc_date, years):
    assert [f["year"] for f in tag_figures(text, lang, doc_date)] == years
