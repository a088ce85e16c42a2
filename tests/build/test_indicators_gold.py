"""Indicators on the real build: each figure's indicator against tests/gold/indicators.yml (written by reading the
five seeds), look-alike values kept apart in a fixture document of our own, figure links by indicator and date,
and disagreements between documents."""
import shutil
import sqlite3

import pytest
import yaml

import scoring
from ingest.builder import build
from support import FIXTURES, load_gold
from test_devset import devset_db  # noqa: F401 (the development set, built once per session)

GOLD = load_gold("indicators.yml")
FIXTURE = FIXTURES / "indicators"
FIXTURE_GOLD = yaml.safe_load((FIXTURE / "ip-services-2021.yml").read_text(encoding="utf-8"))
MIN_PRECISION = MIN_RECALL = 0.9


def _mapped(conn, gold):
    """(gold entry, the figure it names or None, the figure's figure_indicators row or None) for each entry. The
    figure is the one of the entry's document whose surface is the entry's and whose sentence holds its context
    (for a table value, the row before its value)."""
    out = []
    for g in gold:
        context = g["context"].split(" | ")[0]
        figure = conn.execute(
            "select f.id from figures f where f.document_id = ? and f.surface = ? and instr(f.sentence, ?) > 0 "
            "order by f.start", [g["document"], g["surface"], context]).fetchone()
        row = figure and conn.execute("select * from figure_indicators where figure_id = ?", [figure[0]]).fetchone()
        out.append((g, figure and figure[0], row))
    return out


def score(mapped):
    """(precision, recall, misses): an entry is right when the figure's indicator is the gold's (a mapped figure
    of a null entry is a wrong mapping; a gold indicator on a figure mapped elsewhere or not at all is a miss)."""
    right = wrong = missed = 0
    misses = []
    for g, figure, row in mapped:
        got = row["indicator"] if row else None
        if got is not None and got == g["indicator"]:
            right += 1
            continue
        if got is not None:
            wrong += 1
        if g["indicator"] is not None:
            missed += 1
        if got != g["indicator"]:
            misses.append(f"{g['document']} {g['surface']!r} ({g['context'][:60]}): gold {g['indicator']}, got {got}"
                          + ("" if figure else " (no such figure)"))
    precision = right / (right + wrong) if right + wrong else 1.0
    recall = right / (right + missed) if right + missed else 1.0
    return precision, recall, misses


def _report(name, mapped):
    precision, recall, misses = score(mapped)
    print(f"\n{name}: indicator mapping precision {precision:.3f} recall {recall:.3f} "
          f"({sum(1 for g, _, _ in mapped if g['indicator'])} mapped in the gold, {len(mapped)} figures)")
    for miss in misses:
        print("  miss:", miss)
    return precision, recall


def test_the_seeds_map_to_their_indicators(db):
    """P and R >= 0.9 against the gold of the five seeds, every miss printed."""
    precision, recall = _report("seeds", _mapped(db, GOLD))
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL


def test_mapped_seed_figures_have_the_gold_as_of_date_and_kind(db):
    wrong = [(g["surface"], g["context"][:50], (g["as_of"], g["kind"]), (row["as_of"], row["kind"]))
             for g, _, row in _mapped(db, GOLD) if row and row["indicator"] == g["indicator"]
             and (row["as_of"], row["kind"]) != (str(g["as_of"]), g["kind"])]
    assert wrong == []


# The development set (tests/devset), its figures' indicators written by reading (tests/gold/indicators-devset.yml).
# The tuning half meets the bar; the test half, documents no mapping rule was written for, may not fall below
# where it was measured (issue 21 asks for 0.9 there too: not reached).
DEVSET_GOLD = load_gold("indicators-devset.yml")
DEVSET_TEST_FLOOR = {"precision": 0.653, "recall": 0.485}


def _devset_mapped(conn, gold):
    """As _mapped, for the development set's gold, whose surfaces keep the words around the number (超过 95 万人):
    the figure is the one of the entry's document with its value whose sentence holds its context."""
    out = []
    for g in gold:
        context = g["context"].split(" | ")[0].strip("| ")
        figure = conn.execute(
            "select id from figures where document_id = ? and abs(value - ?) < 1e-6 and instr(sentence, ?) > 0 "
            "order by start", [g["document"], float(g["value"]), context]).fetchone()
        row = figure and conn.execute("select * from figure_indicators where figure_id = ?", [figure[0]]).fetchone()
        out.append((g, figure and figure[0], row))
    return out


def test_the_development_documents_map_to_their_indicators(devset_db):
    """Tuning half: P and R >= 0.9. Test half: not below its measured floor. Every miss printed."""
    conn = sqlite3.connect(devset_db)
    conn.row_factory = sqlite3.Row
    halves = {doc: g["split"] for doc, g in scoring.load_devset_gold().items()}
    results = {}
    for half in ("tuning", "test"):
        entries = [g for g in DEVSET_GOLD if halves[g["document"]] == half]
        results[half] = _report(f"development set, {half} half", _devset_mapped(conn, entries))
    conn.close()
    assert results["tuning"][0] >= MIN_PRECISION and results["tuning"][1] >= MIN_RECALL
    assert results["test"][0] >= DEVSET_TEST_FLOOR["precision"] and results["test"][1] >= DEVSET_TEST_FLOOR["recall"]


def test_scoring_counts_a_wrong_mapping_and_a_miss():
    """The scorer itself can fail: a null entry mapped is wrong, a gold indicator unmapped is missed."""
    gold = [{"document": "d", "surface": "1", "context": "one", "indicator": "a"},
            {"document": "d", "surface": "2", "context": "two", "indicator": None},
            {"document": "d", "surface": "3", "context": "three", "indicator": "b"}]
    mapped = [(gold[0], "f1", {"indicator": "a"}), (gold[1], "f2", {"indicator": "a"}), (gold[2], "f3", None)]
    precision, recall, misses = score(mapped)
    assert (precision, recall, len(misses)) == (0.5, 0.5, 2)


def test_every_evidence_is_its_source_span(db, sources):
    for r in db.execute("select document_id, evidence, evidence_start, evidence_end from figure_indicators"):
        assert sources[r["document_id"]][r["evidence_start"]:r["evidence_end"]] == r["evidence"], dict(r)


def test_a_figure_has_at_most_one_indicator_and_every_indicator_is_in_the_registry(db):
    assert db.execute("select count(*), count(distinct figure_id) from figure_indicators").fetchone()[0] == \
        db.execute("select count(distinct figure_id) from figure_indicators").fetchone()[0]
    assert db.execute("select count(*) from figure_indicators where indicator not in "
                      "(select id from indicator_registry)").fetchone()[0] == 0


def test_links_name_the_indicator_not_the_value(db):
    """The plan's 690 thousand and the 2024 report's 690,000 (IP talents, end of 2020) are linked; no two linked
    figures differ in indicator or date."""
    links = db.execute("select a.indicator, a.as_of_end, b.indicator, b.as_of_end from figure_links l "
                       "join figure_indicators a on a.figure_id = l.figure_id "
                       "join figure_indicators b on b.figure_id = l.other_figure_id").fetchall()
    assert links and all((r[0], r[1]) == (r[2], r[3]) for r in links)
    assert db.execute("select count(*) from figure_links where figure_id not in (select figure_id from figure_indicators)"
                      ).fetchone()[0] == 0


@pytest.fixture(scope="module")
def with_fixtures(tmp_path_factory):
    """The real corpus plus the fixture page stating 86.5万 IP-services employees (end 2020), and a page of our own
    that gives the end-2023 IP talents as 870,000 (the 2024 report says 860,000), built."""
    corpus = tmp_path_factory.mktemp("corpus") / "corpus"
    shutil.copytree(FIXTURES.parent.parent / "corpus", corpus)
    for name in ("ip-services-2021.zh.txt", "talent-brief-2024.en.txt"):
        shutil.copy(FIXTURE / name, corpus / name)
    entries = [FIXTURE_GOLD["manifest"], yaml.safe_load((FIXTURE / "talent-brief-2024.yml").read_text(encoding="utf-8"))]
    with open(corpus / "manifest.yml", "a", encoding="utf-8") as f:
        f.write("\n" + yaml.safe_dump(entries, allow_unicode=True, sort_keys=False))
    path = tmp_path_factory.mktemp("db") / "policy.db"
    build(corpus, path)
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    yield conn
    conn.close()


def test_86_5_wan_employees_and_86_wan_talents_are_different_indicators(with_fixtures):
    conn = with_fixtures
    employees = conn.execute("select fi.indicator, fi.as_of from figures f join figure_indicators fi on fi.figure_id = f.id "
                             "where f.document_id = 'ip-services-2021' and f.surface = '86.5万'").fetchall()
    talents = conn.execute("select fi.indicator, fi.as_of from figures f join figure_indicators fi on fi.figure_id = f.id "
                           "where f.document_id = 'news-2024-ip-talent-scale' and f.surface = '860,000'").fetchall()
    assert [tuple(r) for r in employees] == [("ip-services-employees", "2020-12-31")]
    assert [tuple(r) for r in talents] == [("ip-talents", "2023-12-31")]
    # 4万 qualification holders have the value of the plan's 2025 target for licensed agents and are not them.
    assert conn.execute("select count(*) from figures f join figure_indicators fi on fi.figure_id = f.id "
                        "where f.document_id = 'ip-services-2021' and f.surface = '4万'").fetchone()[0] == 0


def test_the_fixture_page_maps_as_its_gold_says(with_fixtures):
    gold = FIXTURE_GOLD["figures"]
    precision, recall = _report("ip-services-2021 fixture", _mapped(with_fixtures, gold))
    assert (precision, recall) == (1.0, 1.0)
    rows = {g["surface"]: row for g, _, row in _mapped(with_fixtures, gold)}
    assert [(g["surface"], rows[g["surface"]]["as_of"]) for g in gold if g["indicator"]] == \
        [(g["surface"], str(g["as_of"])) for g in gold if g["indicator"]]


def test_the_fixture_page_links_to_the_seeds_by_indicator_and_date(with_fixtures):
    """Its 69万 (end 2020) joins the plan's and the 2024 report's 690,000; its 86.5万 employees join nothing."""
    linked = {tuple(r) for r in with_fixtures.execute(
        "select f.surface, o.surface, o.document_id from figure_links l join figures f on f.id = l.figure_id "
        "join figures o on o.id = l.other_figure_id where f.document_id = 'ip-services-2021'")}
    assert {("69万", "690 thousand", "ip-talent-plan-2021"), ("69万", "690,000", "news-2024-ip-talent-scale")} <= linked
    assert not any(s == "86.5万" for s, _, _ in linked)


def test_documents_that_disagree_are_listed(with_fixtures):
    rows = [dict(r) for r in with_fixtures.execute("select * from indicator_conflicts")]
    assert [(r["indicator"], r["as_of_end"], r["kind"], r["lowest_value"], r["highest_value"], r["document_count"])
            for r in rows] == [("ip-talents", "2023-12-31", "reported", 860000, 870000, 2)]
    assert {s["document_id"] for s in yaml.safe_load(rows[0]["statements"])} == {"news-2024-ip-talent-scale", "talent-brief-2024"}


def test_an_incremental_build_relinks_by_indicator_as_a_full_build_does(corpus_copy, tmp_path):
    """Adding the fixture page links its 69万 to the seeds' 690,000 (end 2020); removing the 2024 report drops the
    links to its figures and the 860,000 from the series. Each incremental result equals a full build."""
    from support import dump_database
    db, full = tmp_path / "p.db", tmp_path / "full.db"
    build(corpus_copy, db)
    shutil.copy(FIXTURE / "ip-services-2021.zh.txt", corpus_copy / "ip-services-2021.zh.txt")
    with open(corpus_copy / "manifest.yml", "a", encoding="utf-8") as f:
        f.write("\n" + yaml.safe_dump([FIXTURE_GOLD["manifest"]], allow_unicode=True, sort_keys=False))
    assert build(corpus_copy, db)["mode"] == "incremental"
    build(corpus_copy, full, full=True)
    added = dump_database(db)
    assert added == dump_database(full)
    assert any(link[0].startswith("ip-services-2021") and link[2] == "news-2024-ip-talent-scale-p1-c1-f1"
               for link in added["figure_links"])
    manifest = yaml.safe_load((corpus_copy / "manifest.yml").read_text(encoding="utf-8"))
    manifest = [e for e in manifest if e["id"] != "news-2024-ip-talent-scale"]
    (corpus_copy / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    (corpus_copy / "news-2024-ip-talent-scale.en.txt").unlink()
    assert build(corpus_copy, db)["mode"] == "incremental"
    build(corpus_copy, full, full=True)
    removed = dump_database(db)
    assert removed == dump_database(full)
    assert not any("news-2024" in link[0] or "news-2024" in link[2] for link in removed["figure_links"])
