"""Validity timelines from invented documents and dates: plans end with their period, notices with their last
deadline, a replaced document is superseded, news has no validity, and every date has one status."""
import datetime

import pytest

from ingest.validity import status_at, validity_periods


def date(id_, surface, start, end, role):
    return {"id": id_, "surface": surface, "date_start": start, "date_end": end, "role": role}


NOTICE = {"id": "n", "type": "notice", "title": "某局关于做好招聘工作的通知", "issue_date": "2023-03-01"}
NOTICE_DATES = [date("n-d1", "5月31日前", "2023-05-31", "2023-05-31", "deadline"),
                date("n-d2", "9月30日前", "2023-09-30", "2023-09-30", "deadline"),
                date("n-d3", "2022年", "2022-01-01", "2022-12-31", "period")]  # a past period: no work ahead
PLAN = {"id": "p", "type": "plan", "title": "Talent Plan for the 15th Five-Year Plan Period", "issue_date": "2026-02-01"}


@pytest.mark.parametrize("as_of, status", [
    ("2023-02-28", "not yet in force"), ("2023-03-01", "in force"), ("2023-09-30", "in force"),
    ("2023-10-01", "expired"), ("2030-01-01", "expired"),
])
def test_a_notice_expires_after_its_last_deadline(as_of, status):
    period = status_at(validity_periods(NOTICE, NOTICE_DATES), as_of)
    assert period["status"] == status
    if status == "expired":
        assert period["evidence_id"] == "n-d2" and "2023-09-30" in period["evidence"]


def test_a_plan_ends_with_the_period_its_title_names():
    periods = validity_periods(PLAN, [date("p-d1", "2021-2035", "2021-01-01", "2035-12-31", "period")])
    assert [(p["status"], p["valid_from"], p["valid_until"]) for p in periods] == [
        ("not yet in force", None, "2026-01-31"), ("in force", "2026-02-01", "2030-12-31"), ("expired", "2031-01-01", None)]


def test_a_plan_without_a_period_in_its_title_takes_the_one_its_text_states_most():
    plan = {**PLAN, "title": "Talent Plan"}
    dates = [date("p-d1", "2026-2030", "2026-01-01", "2030-12-31", "period"),
             date("p-d2", "2026-2030", "2026-01-01", "2030-12-31", "period"),
             date("p-d3", "2021-2035", "2021-01-01", "2035-12-31", "period"),
             date("p-d4", "2016-2020", "2016-01-01", "2020-12-31", "period")]
    period = status_at(validity_periods(plan, dates), "2031-06-01")
    assert (period["status"], period["evidence_id"]) == ("expired", "p-d1") and "2 times" in period["evidence"]


def test_a_replaced_document_is_superseded_even_before_its_deadline():
    replaced = [(datetime.date(2023, 6, 15), "replaced by m, which says so", "m-r1")]
    periods = validity_periods(NOTICE, NOTICE_DATES, replaced)
    assert [(p["status"], p["valid_from"], p["valid_until"]) for p in periods] == [
        ("not yet in force", None, "2023-02-28"), ("in force", "2023-03-01", "2023-06-14"), ("superseded", "2023-06-15", None)]


def test_news_has_no_validity_and_a_document_without_dates_stays_in_force():
    assert [p["status"] for p in validity_periods({"type": "news"}, [])] == ["not applicable"]
    periods = validity_periods({"type": "notice", "issue_date": "2020"}, [])
    assert status_at(periods, "2040-01-01")["status"] == "in force"
    assert "no deadline, plan period or replacing document" in status_at(periods, "2040-01-01")["evidence"]
