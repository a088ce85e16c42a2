"""The real build on the real corpus: clauses, offsets, structure, chrome, tables, ids."""
import hashlib
import re

import pytest

from ingest.builder import build
from ingest.builder.rows import insert_rows
from ingest.builder.write import PAGE_SIZE
from support import CORPUS, ROOT, dump_database as _dump
from ingest.manifest import load_manifest

CHROME_MARKERS = ["京ICP备", "打印", "[ad_1]", "[ad_2]", "Zhifan", "E-mail", "微信", "关闭窗口", "版权所有", "您现在的位置", "Back to List", "(Edit:"]


def test_corpus_files_are_the_seeds_byte_for_byte():
    # tests/gold/seeds.sha256 is `sha256sum` of ../shared/seeds/*.txt, the read-only originals. The corpus also
    # holds this project's own translation of the notice (translation_of), the file its alignment gold was
    # written against.
    recorded = dict(line.split()[::-1] for line in (ROOT / "tests" / "gold" / "seeds.sha256").read_text().splitlines())
    entries = load_manifest(ROOT / "corpus")
    corpus = {hashlib.sha256(e["path"].read_bytes()).hexdigest() for e in entries if not e["translation_of"]}
    assert len(recorded) == 5 and corpus == set(recorded.values())
    own = [e for e in entries if e["translation_of"]]
    assert [e["path"].name for e in own] == ["cnipa-2020-37-translation.en.txt"]
    assert own[0]["path"].read_bytes() == (ROOT / "tests" / "fixtures" / "translation" / own[0]["path"].name).read_bytes()
    seeds = ROOT.parent / "shared" / "seeds"  # beside the clone in CI: check the record against them too
    if seeds.is_dir():
        assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in seeds.glob("*.txt")} == recorded


def test_every_clause_text_is_its_source_span(db, sources):
    rows = db.execute("select id, document_id, start, end, text from clauses").fetchall()
    assert len(rows) > 200
    for r in rows:
        assert sources[r["document_id"]][r["start"]:r["end"]] == r["text"], r["id"]


def test_every_section_and_indicator_is_its_source_span(db, sources):
    for table in ("sections", "indicators"):
        column = "text" if table == "sections" else "row_text"
        for r in db.execute(f"select id, document_id, start, end, {column} as t from {table}"):
            assert sources[r["document_id"]][r["start"]:r["end"]] == r["t"], r["id"]


def test_notice_has_five_numbered_sections_with_headings(db):
    rows = db.execute(
        "select number, heading from sections where document_id = 'cnipa-2020-37' and level = 1 order by sort_order"
    ).fetchall()
    assert [(r["number"], r["heading"]) for r in rows] == [
        ("一、", "充分认识知识产权服务业积极吸纳就业的重要意义"),
        ("二、", "加大对知识产权服务业吸纳就业的政策支持力度"),
        ("三、", "加强知识产权服务业吸纳就业政策的宣传推介"),
        ("四、", "促进知识产权服务机构与高校人才供需对接"),
        ("五、", "抓好组织落实"),
    ]


def test_notice_clauses_split_listed_measures_at_semicolons(db):
    texts = [r["text"] for r in db.execute(
        "select text from clauses where section_id = 'cnipa-2020-37-s2' order by position")]
    assert "通过购买服务方式稳定就业；" in texts
    assert any(t.startswith("推进“先上岗、再考证”，鼓励符合专利代理师资格考试报名条件") and t.endswith("尽早获取职业资格；") for t in texts)
    assert "在举办专利代理师资格考前培训时，减免应届毕业生各项培训费用等措施。" in texts


def test_plan_hierarchy(db):
    rows = {r["id"]: r for r in db.execute("select * from sections where document_id = 'ip-talent-plan-2021'")}
    assert rows["ip-talent-plan-2021-s3"]["heading"] == "Main Tasks" and rows["ip-talent-plan-2021-s3"]["number"] == "III."
    assert rows["ip-talent-plan-2021-s3-1"]["parent_id"] == "ip-talent-plan-2021-s3"
    assert rows["ip-talent-plan-2021-s2-2-1"]["number"] == "--"
    assert rows["ip-talent-plan-2021-s2-2-1"]["heading"] == "Lead development with talents"  # no final full stop
    assert rows["ip-talent-plan-2021-t2"]["heading"] == "The 14th Five-Year Plan for Intellectual Property Talents"
    assert rows["ip-talent-plan-2021-t2"]["level"] == 0


def test_news_subheadings_are_sections(db):
    headings = [r[0] for r in db.execute(
        "select heading from sections where document_id = 'news-2020-ip-services-employment' and level = 1 order by sort_order")]
    assert headings == ["Practical measures to absorb employment", "Innovative development based on local conditions"]


@pytest.mark.parametrize("marker", CHROME_MARKERS)
def test_no_clause_contains_page_chrome(db, marker):
    hits = db.execute("select id from clauses where instr(text, ?) > 0", (marker,)).fetchall()
    assert hits == []


def test_chrome_is_reported_not_lost(db):
    reasons = dict(db.execute("select text, reason from chrome_lines where document_id = 'cnipa-2020-37'").fetchall())
    assert "发布时间：2020-04-26" in reasons and "打印" in reasons


def test_indicators_table_has_its_seven_rows(db):
    rows = db.execute(
        "select number, indicator, target_year, value_as_printed, unit_as_printed, value, attribute "
        "from indicators where document_id = 'ip-talent-plan-2021' order by id").fetchall()
    assert [tuple(r) for r in rows] == [
        ("1", "The number of intellectual property talents", 2025, "100", "ten thousand", 1000000, "Anticipation"),
        ("2", "The number of National licensed patent agent", 2025, "4", "ten thousand", 40000, "Anticipation"),
        ("3", "The number of intermediate or above intellectual property engineers", 2025, "2", "ten thousand", 20000, "Anticipation"),
        ("4", "The number of National Intellectual Property Training Bases", 2025, "30", "number", 30, "Anticipation"),
        ("5", "The number of IP Academy and research institutes built jointly", 2025, "5", "number", 5, "Anticipation"),
        ("6", "The number of newly excellent on-line courses", 2025, "100", "number", 100, "Anticipation"),
        ("7", "The satisfaction of intellectual property training", 2025, "90", "score", 90, "Anticipation"),
    ]
    assert db.execute("select count(*) from clauses where text like '%| 2025 |%' or text like '%Anticipation |%'").fetchone()[0] == 0


@pytest.mark.parametrize("first, second", [
    ("so I came to take a look and was really qualified for the interview.", "Ma Huijuan told a reporter from China Intellectual Property News"),
    ("Hand in hand with intellectual property, achieving a wonderful life..", "At present, the Jiangsu Provincial Intellectual Property Office"),
    ("Work first, then researchStaggered measurements.", "On April 23, the State Intellectual Property Office issued"),
    ("has been very effective.", "Seeing the blue ocean of the intellectual property service industry"),
    ("the IP services industry.", "During 49 sessions, more than 90 conferences"),
])
def test_machine_translation_glued_sentences_are_split(db, first, second):
    rows = db.execute(
        "select text from clauses where document_id = 'news-2020-ip-services-employment' order by position").fetchall()
    texts = [r[0] for r in rows]
    i = next(i for i, t in enumerate(texts) if t.endswith(first))
    assert texts[i + 1].startswith(second)


def test_numbers_abbreviations_and_quotes_do_not_split(db):
    texts = [r[0] for r in db.execute("select text from clauses")]
    assert any("offering 1,512 publications" in t for t in texts)
    assert any(t.startswith('"By the end of 2023, Beijing, Shanghai, and Guangdong') and t.endswith("Zhang stated.") for t in texts)
    assert any(t.endswith("protection,\" Zhang explained.") for t in texts)
    assert any(t.startswith("\"Since the '14th Five-Year Plan', committee members") for t in texts)
    assert any("i.e. intellectual property mining" in t for t in texts)


async def test_chinese_segmentation_uses_the_user_dictionary(ds, db):
    async def words(**where):
        rows = (await ds.client.get("/policy/clause_words.json", params={"_shape": "array", **where})).json()
        return {r["clause"]: r["text_seg"] for r in rows}
    (seg,) = (await words(clause="cnipa-2020-37-s2-p1-c5")).values()
    for term in ("专利代理师", "应届毕业生"):
        assert term in seg.split(" ")
    english = await words(document="ip-talent-plan-2021")
    assert len(english) > 50 and set(english.values()) == {None}
    notice = await words(document="cnipa-2020-37")
    knowledge = [seg for cid, seg in notice.items() if "知识产权服务业" in dict(db.execute("select id, text from clauses"))[cid]]
    assert knowledge and all("知识产权服务业" in seg.split(" ") for seg in knowledge)


def test_ids_are_url_safe_and_structural(db):
    for table in ("documents", "sections", "clauses", "indicators"):
        for (row_id,) in db.execute(f"select id from {table}"):
            assert re.fullmatch(r"[A-Za-z0-9_-]+", row_id), row_id
    assert db.execute("select text from clauses where id = 'cnipa-2020-37-s5-p1-c2'").fetchone()[0].startswith("请于6月30日前")


def test_documents_rows_carry_the_manifest_and_counts(db):
    doc = dict(db.execute("select * from documents where id = 'cnipa-2020-37'").fetchone())
    assert doc["doc_number"] == "国知发运函字〔2020〕37号"
    assert doc["issue_date"] == "2020-04-23" and doc["publication_date"] == "2020-04-26"
    assert doc["clause_count"] == db.execute("select count(*) from clauses where document_id = 'cnipa-2020-37'").fetchone()[0]
    assert doc["sha256"] == hashlib.sha256((ROOT / "corpus" / doc["file"]).read_bytes()).hexdigest()
    news = dict(db.execute("select * from documents where id = 'news-2020-ip-services-employment'").fetchone())
    assert news["about"] == '["cnipa-2020-37"]' and news["translation"] == "machine translation"


def test_rebuild_gives_identical_rows(db_path, tmp_path):
    again = tmp_path / "again.db"
    build(ROOT / "corpus", again)
    assert _dump(again) == _dump(db_path)


def test_full_build_sets_its_page_size_and_incremental_vacuum(db):
    # SQLite ignores page_size once auto_vacuum has been set: in the wrong order, the build silently keeps 4 KB.
    assert db.execute("pragma page_size").fetchone()[0] == PAGE_SIZE != 4096
    assert db.execute("pragma auto_vacuum").fetchone()[0] == 2  # incremental


def test_ids_survive_adding_a_sixth_document(db_path, corpus_copy, tmp_path):
    (corpus_copy / "sixth.zh.txt").write_text("关于做好就业工作的通知\n\n一、总体要求\n\n要做好高校毕业生就业工作。\n", encoding="utf-8")
    with open(corpus_copy / "manifest.yml", "a", encoding="utf-8") as f:
        f.write("\n- id: aaa-first-by-name\n  file: sixth.zh.txt\n  title: 关于做好就业工作的通知\n  language: zh\n"
                "  type: notice\n  issuer: 某省人社厅\n  source_name: test\n  translation: original\n")
    bigger = tmp_path / "bigger.db"
    build(corpus_copy, bigger)
    before, after = _dump(db_path), _dump(bigger)
    for table in ("documents", "sections", "clauses", "indicators"):
        old_ids = {r[0] for r in before[table]}
        new_ids = {r[0] for r in after[table]}
        assert old_ids <= new_ids
    assert "aaa-first-by-name-s1-p1-c1" in {r[0] for r in after["clauses"]}
    old_clauses = {r[0]: r for r in before["clauses"]}
    import sqlite3
    conn = sqlite3.connect(bigger)
    for cid, text, start in conn.execute("select id, text, start from clauses where document_id != 'aaa-first-by-name'"):
        assert cid in old_clauses


def test_manifest_covers_required_fields():
    entries = load_manifest(ROOT / "corpus")
    by_id = {e["id"]: e for e in entries}
    assert set(by_id) == {"cnipa-2020-37", "ip-talent-plan-2021", "news-2020-ip-services-employment",
                          "news-2024-ip-talent-scale", "news-2021-beijing-overseas-talent", "cnipa-2020-37-en"}
    assert by_id["news-2020-ip-services-employment"]["about"] == ["cnipa-2020-37"]
    assert (by_id["cnipa-2020-37-en"]["translation_of"], by_id["cnipa-2020-37-en"]["translator"],
            by_id["cnipa-2020-37-en"]["translation"]) == ("cnipa-2020-37", "policy-kb project", "unofficial translation")
    assert by_id["news-2024-ip-talent-scale"]["about"] == ["ip-talent-plan-2021"]


def test_glossary_totals_agree_with_per_document_counts(db):
    totals = {}
    for term_id, n in db.execute("select term_id, occurrences from glossary_counts"):
        totals[term_id] = totals.get(term_id, 0) + n
    rows = db.execute("select id, total_count from glossary").fetchall()
    assert sum(r["total_count"] for r in rows) > 0
    for r in rows:
        assert r["total_count"] == totals.get(r["id"], 0), r["id"]


def test_insert_rows_takes_each_row_by_its_own_keys():
    """Rows whose keys come in another order, or differ, go in column by column; a missing one is NULL."""
    import sqlite3
    conn = sqlite3.connect(":memory:")
    conn.execute("create table t (a, b, c)")
    insert_rows(conn, "t", [{"a": 1, "b": 2, "c": 3}, {"c": 6, "a": 4, "b": 5}])
    # Same number of keys as the first row, but not the same keys: no value may land in the wrong column.
    insert_rows(conn, "t", [{"a": 7, "b": 8}, {"a": 9, "c": 10}])
    insert_rows(conn, "t", [{"a": 11, "b": 12, "c": 13}, {"a": 14}])
    insert_rows(conn, "t", [{"a": 15}, {"a": 16}])
    insert_rows(conn, "t", [{"a": 17, "b": 18}, {"a": 19, "b": 20, "c": 21}])  # a key more than the first
    assert conn.execute("select a, b, c from t order by a").fetchall() == [
        (1, 2, 3), (4, 5, 6), (7, 8, None), (9, None, 10), (11, 12, 13), (14, None, None), (15, None, None),
        (16, None, None), (17, 18, None), (19, 20, 21),
    ]


def test_each_document_is_processed_with_an_empty_text_cache():
    """The benchmark's documents repeat the seed clauses: a text cache shared across documents would make it
    look faster than a real corpus builds. A document processed twice does the same work both times."""
    from ingest.curated import load_curated
    from ingest.normalise import normalise
    from ingest.pipeline import process_document
    entry = next(e for e in load_manifest(CORPUS) if e["language"] == "zh")
    curated = load_curated(CORPUS)
    process_document(entry, curated)  # first: the glossary and taxonomy screens are built, normalising too
    caches = []
    for _ in range(2):
        process_document(entry, curated)
        caches.append(normalise.cache_info())
    # Counts restart with the cache: the same counts twice means the second pass began with nothing kept.
    assert caches[0] == caches[1] and caches[0].misses > 10


def test_a_stray_full_stop_glued_to_a_digit_does_not_split_a_sentence(db):
    """'... of Jiangsu Provincial University.1 offline job fair and 2 online job fairs, offering ...' is one
    sentence of the machine translation: the full stop before '1' is a stray one."""
    [text] = [r[0] for r in db.execute("select text from clauses where text like '%Provincial University.1 offline%'")]
    assert text.startswith("At present, the Jiangsu Provincial Intellectual Property Office")
    assert "offering 1,512 publications" in text
