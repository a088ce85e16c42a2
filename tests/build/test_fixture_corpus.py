"""The tiny fixture corpus (tests/fixtures/corpus), built: every table has rows, and the rows are the ones a
reader of its three short documents expects."""
import sqlite3

import pytest

from ingest.schema import TABLES


@pytest.fixture(scope="module")
def conn(fixture_db_path):
    conn = sqlite3.connect(f"file:{fixture_db_path}?mode=ro", uri=True)
    yield conn
    conn.close()


def rows(conn, sql):
    return conn.execute(sql).fetchall()


# The fixture corpus is text files, which have no links: test_formats_build.py fills and checks that table. It
# has no translation either, and one build retires no id: tests/build/test_alignments.py and
# tests/site/test_id_history.py fill and check alignments and id_aliases.
@pytest.mark.parametrize("table", sorted(set(TABLES) - {"links", "alignments", "id_aliases"}))
def test_every_table_has_rows(conn, table):
    assert conn.execute(f"select count(*) from [{table}]").fetchone()[0] > 0


def test_documents_carry_their_manifest_entries(conn):
    assert rows(conn, "select id, title, title_en, title_zh, language, type, issuer, doc_number, issue_date, "
                      "publication_date, translation, about, manifest_position from documents order by id") == [
        ("tiny-notice", "某省知识产权局关于做好毕业生就业工作的通知", "Notice on Graduate Employment",
         "某省知识产权局关于做好毕业生就业工作的通知", "zh", "notice", "某省知识产权局", "某知发〔2022〕5号", "2022-03-01",
         "2022-03-02", "original", "[]", 1),
        ("tiny-plan", "Plan for Patent Agent Training", "Plan for Patent Agent Training", "专利代理师培训规划", "en",
         "plan", "Test Office", None, "2022-01-10", None, "unofficial translation", "[]", 2),
        ("tiny-report", "Province reports on graduate hiring", "Province reports on graduate hiring", None, "en",
         "news", "Test News", None, None, "2022-12-20", "original", '["tiny-notice"]', 3),
    ]


def test_the_indicator_table_is_data(conn):
    assert rows(conn, "select id, number, indicator, target_year, value_as_printed, unit_as_printed, value, attribute "
                      "from indicators order by id") == [
        ("tiny-plan-ind1", "1", "Licensed patent agents", 2025, "4", "ten thousand", 40000, "Anticipation"),
        ("tiny-plan-ind2", "2", "Training bases", 2025, "12", "number", 12, "Anticipation"),
    ]


def test_figures(conn):
    assert sorted(rows(conn, "select document_id, surface, value, qualifier, kind, year from figures")) == [
        ("tiny-notice", "1500", 1500, None, "target", 2022),
        ("tiny-plan", "12", 12, None, "target", 2025),
        ("tiny-plan", "4", 40000, None, "target", 2025),
        ("tiny-plan", "40 thousand", 40000, "gt", "target", 2025),
        ("tiny-report", "1,500", 1500, None, "reported", 2022),
        ("tiny-report", "300", 300, None, "reported", 2022),
        ("tiny-report", "nine", 9, None, "reported", 2022),
    ]


def test_dates(conn):
    assert sorted(rows(conn, "select document_id, surface, date_start, date_end, role from dates")) == [
        ("tiny-notice", "2022-03-02", "2022-03-02", "2022-03-02", "published"),  # 发布时间：2022-03-02
        ("tiny-notice", "2022年3月1日", "2022-03-01", "2022-03-01", "issued"),
        ("tiny-notice", "6月30日前", "2022-06-30", "2022-06-30", "deadline"),
        ("tiny-notice", "今年", "2022-01-01", "2022-12-31", "target"),  # 今年……计划提供1500个: a quantified goal
        ("tiny-plan", "2025", "2025-01-01", "2025-12-31", "target"),
        ("tiny-plan", "By 2025", "2025-01-01", "2025-12-31", "target"),
        ("tiny-report", "2022", "2022-01-01", "2022-12-31", "event"),
        ("tiny-report", "2022-12-20", "2022-12-20", "2022-12-20", "published"),  # Updated: 2022-12-20
        ("tiny-report", "this year", "2022-01-01", "2022-12-31", "event"),
    ]


def test_figures_are_mapped_to_the_registry_and_linked_by_indicator_and_date(conn):
    """The plan's 40 thousand and its table's 4 (ten thousand) are one target for 2025: linked. The notice's 1500
    jobs (a target for 2022) and the report's 1,500 (offered so far, as of its date 2022-12-20) are the same
    indicator at different dates: not linked, though their values are equal."""
    assert sorted(rows(conn, "select f.surface, fi.indicator, fi.as_of, fi.kind, fi.method, fi.place from figure_indicators fi "
                             "join figures f on f.id = fi.figure_id")) == [
        ("1,500", "jobs-offered-province", "2022-12-20", "reported", "cue", "The province"),
        ("12", "training-bases", "2025", "target", "table row", None),
        ("1500", "jobs-offered-province", "2022", "target", "cue", "全省"),
        ("4", "licensed-patent-agents", "2025", "target", "table row", None),
        ("40 thousand", "licensed-patent-agents", "2025", "target", "cue", None),
    ]
    links = rows(conn, "select f.surface, o.surface, l.basis from figure_links l join figures f on f.id = l.figure_id "
                       "join figures o on o.id = l.other_figure_id")
    assert sorted(links) == [("4", "40 thousand", "same indicator and date"), ("40 thousand", "4", "same indicator and date")]
    assert rows(conn, "select id, figure_count, document_count from indicator_registry order by sort_order") == [
        ("licensed-patent-agents", 2, 1), ("training-bases", 1, 1), ("jobs-offered-province", 2, 2)]


def test_chrome_is_removed_and_reported(conn):
    assert rows(conn, "select document_id, text, reason from chrome_lines order by document_id, line") == [
        ("tiny-notice", "首页 | 新闻 | 政务 | 服务", "menu"),
        ("tiny-notice", "您现在的位置：首页 > 通知公告", "breadcrumb"),
        ("tiny-notice", "发布时间：2022-03-02", "dateline"),
        ("tiny-notice", "版权所有：某省知识产权局", "copyright"),
        ("tiny-report", "Updated: 2022-12-20", "dateline"),
        ("tiny-report", "(Edit: Test Editor)", "editor note"),
    ]
    assert rows(conn, "select count(*) from clauses where text like '%版权%' or text like '%Updated%'") == [(0,)]


def test_measures_glossary_and_modality(conn):
    assert sorted(rows(conn, "select c.text, m.measure_id from clause_measures m join clauses c on c.id = m.clause_id")) == [
        ("Patent agents trained 300 graduates in 2022.", "training"),
        ("The province offered 1,500 jobs to graduates this year, and the office held nine job fairs.", "recruitment"),
        ("We will train patent agents in every city.", "training"),
        ("今年全省计划提供1500个就业岗位。", "recruitment"),
        ("要组织专利代理机构举办招聘会。", "recruitment"),
    ]
    assert rows(conn, "select modality from clauses where text = '请于6月30日前报送工作总结。'") == [("reporting",)]
    assert rows(conn, "select id, clause_count, document_count from measures order by id") == [
        ("recruitment", 3, 2), ("training", 2, 2)]
    counts = dict(((t, d), n) for t, d, n in rows(conn, "select term_id, document_id, occurrences from glossary_counts"))
    assert counts[("patent-agent", "tiny-notice")] == 1 and counts[("patent-agent", "tiny-plan")] == 2
    assert counts[("graduate", "tiny-report")] == 2


def test_build_info(conn):
    [(mode, processed, documents)] = rows(conn, "select mode, documents_processed, document_count from build_info")
    assert (mode, processed, documents) == ("full", 3, 3)
