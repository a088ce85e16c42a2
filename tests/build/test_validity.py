"""Validity computed from the text: the notice (last deadline 2020-11-30) and the plan (its period 2021–2025) on
2024-01-01 and 2026-01-01, from the validity table the build wrote, with the evidence each status rests on."""
import pytest

from ingest.validity import status_at


def timeline(db, doc_id):
    return [dict(r) for r in db.execute("select * from validity where document_id = ? order by id", [doc_id])]


@pytest.mark.parametrize("doc_id, as_of, status, evidence, evidence_id", [
    ("cnipa-2020-37", "2024-01-01", "expired", "its last deadline, 2020-11-30 (11月30日前), has passed", "cnipa-2020-37-s5-p1-c4-d1"),
    ("cnipa-2020-37", "2026-01-01", "expired", "its last deadline, 2020-11-30 (11月30日前), has passed", "cnipa-2020-37-s5-p1-c4-d1"),
    ("cnipa-2020-37", "2020-06-01", "in force", "issued 2020-04-23; in force until 2020-11-30", "cnipa-2020-37-s5-p1-c4-d1"),
    ("cnipa-2020-37", "2020-11-30", "in force", "in force until 2020-11-30", "cnipa-2020-37-s5-p1-c4-d1"),
    ("cnipa-2020-37", "2020-12-01", "expired", "has passed", "cnipa-2020-37-s5-p1-c4-d1"),
    ("ip-talent-plan-2021", "2024-01-01", "in force", "in force until its plan period ends on 2025-12-31", "ip-talent-plan-2021-t1-p2-c1-d1"),
    ("ip-talent-plan-2021", "2026-01-01", "expired", "plan period ended: its title names the period 14th Five-Year Plan (2021–2025)",
     "ip-talent-plan-2021-t1-p2-c1-d1"),
    ("ip-talent-plan-2021", "2021-06-01", "not yet in force", "issued 2021-12-31", None),
    ("cnipa-2020-37-en", "2024-01-01", "expired", "as its original cnipa-2020-37: its last deadline", "cnipa-2020-37-s5-p1-c4-d1"),
    ("news-2020-ip-services-employment", "2024-01-01", "not applicable", "a news report states facts", None),
])
def test_status_on_a_date(db, doc_id, as_of, status, evidence, evidence_id):
    period = status_at(timeline(db, doc_id), as_of)
    assert (period["status"], period["evidence_id"]) == (status, evidence_id)
    assert evidence in period["evidence"]


def test_the_evidence_points_at_the_dates_it_rests_on(db):
    deadline = db.execute("select surface, date_end, role from dates where id = 'cnipa-2020-37-s5-p1-c4-d1'").fetchone()
    assert tuple(deadline) == ("11月30日前", "2020-11-30", "deadline")
    period = db.execute("select surface, date_start, date_end from dates where id = 'ip-talent-plan-2021-t1-p2-c1-d1'").fetchone()
    assert tuple(period) == ("14th Five-Year Plan", "2021-01-01", "2025-12-31")


def test_timelines_cover_every_date_once(db):
    for (doc_id,) in db.execute("select id from documents"):
        periods = timeline(db, doc_id)
        assert periods[0]["valid_from"] is None and periods[-1]["valid_until"] is None
        for before, after in zip(periods, periods[1:]):
            import datetime
            assert datetime.date.fromisoformat(before["valid_until"]) + datetime.timedelta(days=1) == \
                datetime.date.fromisoformat(after["valid_from"])


def test_documents_carry_the_status_on_the_build_date(db):
    built = db.execute("select built_at from build_info").fetchone()[0][:10]
    for doc in db.execute("select id, status, status_evidence, status_as_of from documents"):
        assert doc["status_as_of"] == built
        now = status_at(timeline(db, doc["id"]), built)
        assert (doc["status"], doc["status_evidence"]) == (now["status"], now["evidence"])
