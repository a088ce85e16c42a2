"""The figure ledger on the seeds: named cases, what is not a figure, links and pages. Precision and recall
against the gold are in tests/build/test_devset.py (tests/gold/seeds/)."""
import pytest

from ingest.taggers.figures import tag_figures

NOT_FIGURES = ["37", "2020", "010-62083921", "62083921", "62083618", "05069085", "11040102700058", "100098", "11th",
               "19th", "2nd", "14th", "fifth", "13th", "2023", "2025", "2021", "Two", "I", "22", "21", "23", "9", "30"]


def test_not_figures_are_not_extracted(db):
    surfaces = {r[0] for r in db.execute("select surface from figures where indicator_id is null")}
    assert not surfaces & set(NOT_FIGURES)
    assert db.execute("select count(*) from figures f join clauses c on c.id = f.clause_id "
                      "where c.text like '%联系方式%' or c.text like '国知发%' or c.text like '%No. 68%'").fetchone()[0] == 0
    # "a list of 68 IP service tasks" is a figure; "No. 68 Zhichun Road" (page footer) is not, and is not a clause.
    assert [r[0] for r in db.execute("select sentence from figures where surface = '68'")] == [
        next(r[0] for r in db.execute("select text from clauses where text like '%list of 68 IP service tasks%'"))]


@pytest.mark.parametrize("doc, surface, value, unit_word, qualifier", [
    ("news-2020-ip-services-employment", "1,490", 1490, "jobs", None),
    ("news-2020-ip-services-employment", "4,618", 4618, "times", None),
    ("news-2020-ip-services-employment", "Five", 5, "people", None),
    ("news-2020-ip-services-employment", "223", 223, "resumes", None),
    ("news-2020-ip-services-employment", "32", 32, "video interviews", None),
    ("news-2020-ip-services-employment", "90", 90, "conferences", "gt"),
    ("ip-talent-plan-2021", "690 thousand", 690000, "people", None),
    ("ip-talent-plan-2021", "1 million", 1000000, "talents", "gt"),
    ("ip-talent-plan-2021", "100", 1000000, "intellectual property talents", None),
    ("ip-talent-plan-2021", "50%", 50, "percent", "gt"),
    ("ip-talent-plan-2021", "4,000", 4000, "personnel", "approx"),
    ("news-2024-ip-talent-scale", "nine", 9, "academicians", None),
    ("news-2024-ip-talent-scale", "a hundred", 100, "talents", None),
    ("news-2024-ip-talent-scale", "2,000", 2000, "participants", "approx"),
    ("news-2024-ip-talent-scale", "150", 150, "retraining sessions", "gt"),
    ("news-2024-ip-talent-scale", "48", 48, "experts", None),
])
def test_named_figure_cases(db, doc, surface, value, unit_word, qualifier):
    rows = [dict(r) for r in db.execute("select * from figures where document_id = ? and surface = ?", (doc, surface))]
    assert any(r["value"] == value and unit_word in (r["unit"] or "") and r["qualifier"] == qualifier for r in rows), rows


@pytest.mark.parametrize("text, value, unit", [
    ("吸纳就业人数达69万", 690000, None),
    ("全国知识产权人才达到86万人", 860000, "知识产权人才"),  # the Chinese noun counted (README, unit)
    ("组织一百名专家", 100, None),
])
def test_chinese_numerals(text, value, unit):
    found = tag_figures(text, "zh", 2020)
    assert [f["value"] for f in found] == [value]
    if unit:
        assert found[0]["unit"] == unit


def test_the_same_quantity_is_linked_across_documents(db):
    links = {(r["figure_id"], r["other_figure_id"]) for r in db.execute("select * from figure_links")}
    plan_690 = db.execute("select id from figures where surface = '690 thousand'").fetchone()[0]
    news_690 = db.execute("select id from figures where surface = '690,000'").fetchone()[0]
    million = db.execute("select id from figures where surface = '1 million'").fetchone()[0]
    indicator = db.execute("select id from figures where indicator_id = 'ip-talent-plan-2021-ind1'").fetchone()[0]
    assert (news_690, plan_690) in links and (plan_690, news_690) in links
    assert (million, indicator) in links


def test_figures_point_into_the_source(db, sources):
    for r in db.execute("select document_id, start, end, surface from figures"):
        assert sources[r["document_id"]][r["start"]:r["end"]] == r["surface"]


async def test_figures_canned_query_filters_and_sorts(ds):
    r = await ds.client.get("/policy/find_figures.json", params={"_shape": "array", "kind": "target", "year": "2025"})
    assert r.status_code == 200
    rows = r.json()
    assert rows and all(x["kind"] == "target" and x["year"] == 2025 for x in rows)
    assert [x["value"] for x in rows] == sorted((x["value"] for x in rows), reverse=True)
    r = await ds.client.get("/policy/find_figures.json", params={"_shape": "array", "unit": "jobs", "document": "news-2020-ip-services-employment"})
    assert {x["surface"] for x in r.json()} >= {"1,490", "4,668"}


async def test_figure_row_page_and_mentions_view(ds):
    r = await ds.client.get("/policy/figure_mentions.json", params={"_shape": "array", "document_id": "news-2024-ip-talent-scale"})
    assert r.status_code == 200
    assert any(x["other_document_id"] == "ip-talent-plan-2021" and x["other_surface"] == "690 thousand" for x in r.json())


def test_figure_units_follow_the_corpus_user_dictionary(corpus_copy, tmp_path):
    """A researcher's new word in corpus/userdict.txt is the unit of the number before it: the figure tagger
    segments with the corpus's own dictionary, not with the repository's."""
    import sqlite3
    from ingest.builder import build

    with open(corpus_copy / "userdict.txt", "a", encoding="utf-8") as f:
        f.write("\n高精尖缺人才 100 n\n")
    notice = corpus_copy / "cnipa-2020-37.zh.txt"
    text = notice.read_text(encoding="utf-8")
    sentence = "不断增强做好知识产权服务业吸纳就业工作的自觉性和主动性。"
    assert sentence in text
    notice.write_text(text.replace(sentence, sentence + "今年培养300名高精尖缺人才。", 1), encoding="utf-8")
    db = tmp_path / "policy.db"
    build(corpus_copy, db)
    conn = sqlite3.connect(db)
    units = conn.execute("select unit from figures where document_id = 'cnipa-2020-37' and value = 300").fetchall()
    conn.close()
    assert units == [("高精尖缺人才",)]
