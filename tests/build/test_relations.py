"""Relations between documents, built from the real corpus and from corpus copies with documents written for
these tests: what the text cites, implements, forwards, replaces; what the manifest says a document reports on
or translates; cited documents resolved by number, else by title, else external nodes."""
import sqlite3

import pytest

from ingest.builder import build
from ingest.errors import CorpusError
from ingest.manifest import load_manifest
from support import ROOT

OPINION = "国务院办公厅关于应对新冠肺炎疫情影响强化稳就业举措的实施意见"


def relations(db, document_id):
    return [dict(r) for r in db.execute("select * from relations where document_id = ? order by id", [document_id])]


def test_the_notice_cites_the_state_council_opinion_as_an_external_node(db, sources):
    (row,) = relations(db, "cnipa-2020-37")
    assert (row["kind"], row["to_document_id"], row["target_title"], row["target_number"], row["resolved_by"]) == \
        ("cites", None, OPINION, None, None)
    assert row["evidence_clause_id"] == "cnipa-2020-37-s1-p2-c3" and row["target_key"] == f"title:{OPINION}"
    assert sources["cnipa-2020-37"][row["evidence_start"]:row["evidence_end"]] == row["evidence_text"] == f"《{OPINION}》"
    node = db.execute("select * from cited_outside_corpus where target_key = ?", [row["target_key"]]).fetchone()
    # The notice and its translation cite it: one node, named by the original's title.
    assert (node["title"], node["cited_by"], node["mentions"]) == (OPINION, 2, 2)


def test_the_2020_report_reports_on_the_notice_and_cites_it_by_its_english_title(db):
    kinds = {(r["kind"], r["to_document_id"], r["resolved_by"]) for r in relations(db, "news-2020-ip-services-employment")}
    assert kinds == {("reports_on", "cnipa-2020-37", "manifest"), ("cites", "cnipa-2020-37", "title")}


def test_the_2024_report_cites_the_plan_by_a_title_that_differs_in_its_article_and_plural(db):
    cites = [r for r in relations(db, "news-2024-ip-talent-scale") if r["kind"] == "cites"]
    assert [(r["target_title"], r["to_document_id"]) for r in cites] == [
        ("14th Five-Year Plan for Intellectual Property Talent", "ip-talent-plan-2021")]


def test_the_plan_cites_the_outline_and_the_national_plan_and_not_itself(db):
    rows = relations(db, "ip-talent-plan-2021")
    titles = sorted({r["target_title"] for r in rows})
    assert titles == ["National Plan for the Protection and Application of Intellectual Property Rights during the "
                      "14th Five-Year Plan Period", "Outline for Building an Intellectual Property Powerhouse (2021-2035)"]
    assert all(r["kind"] == "cites" and r["to_document_id"] is None for r in rows)


def test_the_translation_translates_the_notice(db):
    kinds = {(r["kind"], r["to_document_id"]) for r in relations(db, "cnipa-2020-37-en")}
    assert kinds == {("translates", "cnipa-2020-37"), ("cites", None)}
    cite = next(r for r in relations(db, "cnipa-2020-37-en") if r["kind"] == "cites")
    assert cite["target_title"].startswith("Implementation Opinions of the General Office of the State Council")
    assert cite["target_key"] == f"title:{OPINION}"  # the original's node, through the aligned clause


def test_every_relation_span_is_its_source_text(db, sources):
    for r in db.execute("select * from relations where source = 'text'"):
        assert sources[r["document_id"]][r["evidence_start"]:r["evidence_end"]] == r["evidence_text"], r["id"]
        clause = db.execute("select start, end from clauses where id = ?", [r["evidence_clause_id"]]).fetchone()
        assert clause["start"] <= r["evidence_start"] < r["evidence_end"] <= clause["end"]


# A notice written for this test: it forwards the plan (by its Chinese title and a number the plan is given in
# this copy of the corpus), carries out a notice by its number alone, replaces an older notice of its own, and
# names a newspaper, which is no document.
TEST_NOTICE = """某省知识产权局关于转发《知识产权人才“十四五”规划》的通知

某知发〔2023〕12号

各市知识产权局：

现将《知识产权人才“十四五”规划》（国知发人字〔2021〕99号）转发给你们，请结合实际认真贯彻落实。
为贯彻落实国知发运函字〔2020〕37号文件精神，各地要做好毕业生就业工作。
本通知自印发之日起施行，《某省知识产权局关于做好人才培养工作的通知》同时废止。
《人民日报》对此作了报道。

某省知识产权局

2023年5月8日
"""

# The older notice the test notice replaces.
OLD_NOTICE = """某省知识产权局关于做好人才培养工作的通知

各市知识产权局：

请于2022年12月31日前报送人才培养计划。

某省知识产权局

2022年3月1日
"""


@pytest.fixture(scope="module")
def copy_db(tmp_path_factory):
    import shutil
    root = tmp_path_factory.mktemp("relations")
    corpus = root / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    (corpus / "test-forward.zh.txt").write_text(TEST_NOTICE, encoding="utf-8")
    (corpus / "test-old.zh.txt").write_text(OLD_NOTICE, encoding="utf-8")
    manifest = (corpus / "manifest.yml").read_text(encoding="utf-8")
    # In this copy only, the plan has a document number (the real plan's entry gives none).
    manifest = manifest.replace("  title_zh: 知识产权人才“十四五”规划\n", "  title_zh: 知识产权人才“十四五”规划\n  doc_number: 国知发人字〔2021〕99号\n")
    manifest += """
- id: test-old
  file: test-old.zh.txt
  title: 某省知识产权局关于做好人才培养工作的通知
  language: zh
  type: notice
  issuer: 某省知识产权局
  issue_date: 2022-03-01
  source_name: test
  translation: original

- id: test-forward
  file: test-forward.zh.txt
  language: zh
  type: notice
  issuer: 某省知识产权局
  issue_date: 2023-05-08
  source_name: test
  translation: original
"""
    (corpus / "manifest.yml").write_text(manifest, encoding="utf-8")
    db_path = root / "policy.db"
    build(corpus, db_path)
    conn = sqlite3.connect(db_path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def test_a_forwarded_document_resolves_by_its_number_where_one_is_given(copy_db):
    rows = [(r["kind"], r["to_document_id"], r["resolved_by"], r["target_title"], r["target_number"])
            for r in relations(copy_db, "test-forward")]
    plan = ("ip-talent-plan-2021", "number", "知识产权人才“十四五”规划", "国知发人字〔2021〕99号")
    assert ("cites", *plan) in rows and ("forwards", *plan) in rows
    # 贯彻落实 a number alone: the notice, by its number.
    assert ("cites", "cnipa-2020-37", "number", None, "国知发运函字〔2020〕37号") in rows
    assert ("implements", "cnipa-2020-37", "number", None, "国知发运函字〔2020〕37号") in rows
    assert ("supersedes", "test-old", "title", "某省知识产权局关于做好人才培养工作的通知", None) in rows
    assert not [r for r in rows if r[3] == "人民日报"]
    # The notice's own title line and number line are no citations of itself.
    assert not [r for r in rows if r[1] == "test-forward"]


def test_a_replaced_document_is_superseded_from_the_day_the_new_one_was_issued(copy_db):
    periods = [dict(r) for r in copy_db.execute(
        "select status, valid_from, valid_until, evidence, evidence_id from validity where document_id = 'test-old' order by id")]
    assert [(p["status"], p["valid_from"], p["valid_until"]) for p in periods] == [
        ("not yet in force", None, "2022-02-28"), ("in force", "2022-03-01", "2022-12-31"),
        ("expired", "2023-01-01", "2023-05-07"), ("superseded", "2023-05-08", None)]
    assert "test-forward" in periods[-1]["evidence"] and periods[-1]["evidence_id"].startswith("test-forward-")
    assert copy_db.execute("select status from documents where id = 'test-old'").fetchone()[0] == "superseded"


def test_pages_list_relations_both_ways(copy_db):
    incoming = {(r["document_id"], r["kind"]) for r in copy_db.execute(
        "select document_id, kind from relations where to_document_id = 'ip-talent-plan-2021'")}
    assert incoming == {("test-forward", "cites"), ("test-forward", "forwards"), ("news-2024-ip-talent-scale", "cites"),
                        ("news-2024-ip-talent-scale", "reports_on")}


def _manifest_with(tmp_path, extra):
    import shutil
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    with open(corpus / "manifest.yml", "a", encoding="utf-8") as f:
        f.write(extra)
    return corpus


@pytest.mark.parametrize("fields, message", [
    ("translation: unofficial translation\n  translation_of: no-such-document", "'translation_of' names unknown document 'no-such-document'"),
    ("translation: original\n  translator: someone", "translation_of and translator are for translations"),
    ("translation: unofficial translation\n  translation_of: news-2024-ip-talent-scale", "which is in the same language (en)"),
    ("translation: unofficial translation\n  translation_of: extra", "translation_of names the document itself"),
])
def test_the_manifest_checks_translation_fields(tmp_path, fields, message):
    corpus = _manifest_with(tmp_path, f"""
- id: extra
  file: extra.en.txt
  language: en
  type: notice
  issuer: test
  source_name: test
  {fields}
""")
    (corpus / "extra.en.txt").write_text("A notice written for this test.\n", encoding="utf-8")
    with pytest.raises(CorpusError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_manifest(corpus)
