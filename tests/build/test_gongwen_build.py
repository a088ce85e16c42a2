"""A 公文 added with a file and a manifest entry that says nothing of its number or dates: the build reads
its 发文字号, addressee and closing block (signature, date, attachments, 抄送, 印发) from the text, as the gold
written by reading says (tests/fixtures/gongwen/)."""
import json

import pytest
import yaml

from support import FIXTURES, built_one_document

GOLD = yaml.safe_load((FIXTURES / "gongwen" / "river-notice.yml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    base = tmp_path_factory.mktemp("gongwen")
    conn = built_one_document(base, FIXTURES / "gongwen" / "river-notice.zh.txt",
                              "- id: river-notice\n  file: river-notice.zh.txt\n  language: zh\n  type: notice\n"
                              "  issuer: 清河市知识产权局\n  source_name: test fixture\n  translation: original\n")
    yield conn
    conn.close()


def test_the_document_number_is_read_and_parsed(db):
    doc = db.execute("select * from documents").fetchone()
    assert (doc["doc_number"], doc["doc_number_agency"], doc["doc_number_year"], doc["doc_number_sequence"]) == \
           (GOLD["doc_number"], GOLD["doc_number_agency"], GOLD["doc_number_year"], GOLD["doc_number_sequence"])


def test_addressee_and_closing_block_are_fields_of_the_document(db):
    doc = db.execute("select * from documents").fetchone()
    assert doc["addressee"] == GOLD["addressee"]
    assert json.loads(doc["signatories"]) == GOLD["signatories"]
    assert doc["signed_date"] == GOLD["signed_date"]
    assert json.loads(doc["attachments"]) == GOLD["attachments"]
    assert (doc["cc"], doc["printed_by"], doc["printed_date"]) == (GOLD["cc"], GOLD["printed_by"], GOLD["printed_date"])


def test_the_signature_date_dates_the_document(db):
    doc = db.execute("select document_date, document_date_source from documents").fetchone()
    assert tuple(doc) == (GOLD["signed_date"], "signature")


def test_title_and_headings_and_no_masthead(db):
    rows = db.execute("select level, heading from sections order by sort_order").fetchall()
    assert [h for level, h in rows if level == 0] == [GOLD["title"]]
    assert [h for level, h in rows if level > 0] == GOLD["headings"]
    assert db.execute("select reason from chrome_lines where text = '清河市知识产权局文件'").fetchone()[0] == "masthead"


def test_the_closing_block_belongs_to_no_section(db):
    closing = db.execute("select text, section_id from clauses where part = 'closing' order by position").fetchall()
    assert [t for t, _ in closing] == GOLD["closing"]
    assert {s for _, s in closing} == {None}
    last_text = db.execute("select text from clauses where part = 'text' order by position desc limit 1").fetchone()[0]
    assert last_text == "市局将于6月举办两场对接会，每场邀请不少于30家机构参加。"
