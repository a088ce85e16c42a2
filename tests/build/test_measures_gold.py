"""Measure and modality tagging against tests/gold/measures.yml, coded by reading the notice and the plan."""
import collections
import json
import sqlite3

from support import load_gold
from ingest.builder import build

GOLD = load_gold("measures.yml")


def _clause_for(db_rows, gold):
    exact = [r for r in db_rows if r["document_id"] == gold["document"] and r["text"] == gold["text"]]
    return exact[0] if exact else next(r for r in db_rows if r["document_id"] == gold["document"] and gold["text"] in r["text"])


def test_measures_and_modality_against_gold(db):
    rows = [dict(r) for r in db.execute("select id, document_id, text, measures, modality from clauses")]
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    modality_right = 0
    for g in GOLD:
        clause = _clause_for(rows, g)
        got, want = set(json.loads(clause["measures"])), set(g["measures"])
        for m in got & want:
            tp[m] += 1
        for m in got - want:
            fp[m] += 1
        for m in want - got:
            fn[m] += 1
        modality_right += clause["modality"] == g["modality"]
    print(f"\n{'measure':24} precision recall")
    for m in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[m] / (tp[m] + fp[m]) if tp[m] + fp[m] else 0
        r = tp[m] / (tp[m] + fn[m]) if tp[m] + fn[m] else 0
        print(f"{m:24} {p:9.2f} {r:6.2f}")
    precision = sum(tp.values()) / (sum(tp.values()) + sum(fp.values()))
    recall = sum(tp.values()) / (sum(tp.values()) + sum(fn.values()))
    accuracy = modality_right / len(GOLD)
    print(f"overall: precision {precision:.3f}, recall {recall:.3f}, modality accuracy {accuracy:.3f} over {len(GOLD)} clauses")
    assert precision >= 0.85 and recall >= 0.85 and accuracy >= 0.9


def _clause(db, like):
    return dict(db.execute("select * from clauses where document_id = 'cnipa-2020-37' and text like ?", (like,)).fetchone())


def test_named_notice_clauses(db):
    work_first = _clause(db, "推进“先上岗、再考证”%")
    assert "qualification-exam" in json.loads(work_first["measures"]) and work_first["modality"] == "obligation"
    fees = _clause(db, "%减免应届毕业生各项培训费用%")
    assert "fee-reduction" in json.loads(fees["measures"])
    report = _clause(db, "请于6月30日前%")
    assert "reporting" in json.loads(report["measures"]) and report["modality"] == "reporting"
    # ... with its deadline in the date ledger.
    assert tuple(db.execute("select role, date_start from dates where clause_id = ?", (report["id"],)).fetchone()) == ("deadline", "2020-06-30")


def test_a_category_added_to_the_taxonomy_file_tags_clauses_without_code_changes(corpus_copy, tmp_path):
    path = corpus_copy / "measures.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("categories:\n", """categories:
  - id: epidemic-response
    name_zh: 疫情应对
    name_en: Epidemic response
    instrument: environment
    definition: The clause responds to the impact of the epidemic.
    cues:
      zh: [疫情]
      en: [epidemic, pandemic]
""", 1), encoding="utf-8")
    db = tmp_path / "p.db"
    build(corpus_copy, db)
    conn = sqlite3.connect(db)
    tagged = conn.execute("select count(distinct document_id), count(*) from clause_measures where measure_id = 'epidemic-response'").fetchone()
    assert tagged[0] >= 2 and tagged[1] >= 5
    assert conn.execute("select name_zh from measures where id = 'epidemic-response'").fetchone() == ("疫情应对",)


async def test_measure_facets_and_queries(ds):
    r = await ds.client.get("/policy/clauses.json", params={"_facet": "modality", "_facet_array": "measures"})
    assert r.status_code == 200
    facets = r.json()["facet_results"]
    assert {"obligation", "fact"} <= {f["value"] for f in facets["modality"]["results"]}
    r = await ds.client.get("/policy/measures_by_document.json", params={"_shape": "array"})
    rows = r.json()
    assert any(x["document_id"] == "cnipa-2020-37" and x["measure"] == "recruitment" for x in rows)
    r = await ds.client.get("/policy/compare_documents.json",
                            params={"_shape": "array", "a": "cnipa-2020-37", "b": "news-2021-beijing-overseas-talent"})
    measures = {x["measure"] for x in r.json()}
    r2 = await ds.client.get("/policy/clause_measures.json",
                             params={"_shape": "array", "document_id": "news-2021-beijing-overseas-talent", "_size": "max"})
    assert measures and not measures & {x["measure_id"] for x in r2.json()}


async def test_measure_page_lists_its_clauses(ds, db):
    r = await ds.client.get("/policy/measures/fee-reduction")
    assert r.status_code == 200
    for (clause_id,) in db.execute("select clause_id from clause_measures where measure_id = 'fee-reduction'"):
        assert f'href="/policy/clauses/{clause_id}"' in r.text


async def test_measure_comparison_view(ds):
    r = await ds.client.get("/policy/measure_comparison.json", params={"_shape": "array", "report_document_id": "news-2020-ip-services-employment"})
    rows = {x["measure_id"]: x for x in r.json()}
    assert rows["recruitment"]["source_document_id"] == "cnipa-2020-37"
    assert rows["recruitment"]["source_clause_count"] > 0 and rows["recruitment"]["report_clause_count"] > 0
