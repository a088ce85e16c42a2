"""Indicators through a real Datasette: the IP-talents series and its progress in the JSON API, the progress
index, the indicator page and its chart, the figure page's indicator, the Atom feed."""
import datetime
import json
import re
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"


async def test_the_ip_talents_series_through_the_json_api(ds):
    """690,000 at the end of 2020 (the plan; the 2024 report says the same), 860,000 at the end of 2023 (the 2024
    report), more than 1,000,000 by 2025 (the plan's body and its indicator table), each with a citation."""
    r = await ds.client.get("/policy/indicator_values.json", params={"_shape": "array", "indicator": "ip-talents"})
    assert r.status_code == 200
    rows = [(x["as_of"], x["kind"], x["value"], x["qualifier"], x["document"]) for x in r.json()]
    assert rows == [
        ("2020-12-31", "reported", 690000, None, "ip-talent-plan-2021"),
        ("2020-12-31", "reported", 690000, None, "news-2024-ip-talent-scale"),
        ("2023-12-31", "reported", 860000, None, "news-2024-ip-talent-scale"),
        ("2025", "target", 1000000, None, "ip-talent-plan-2021"),
        ("2025", "target", 1000000, "gt", "ip-talent-plan-2021"),
    ]
    plan_690 = next(x for x in r.json() if x["document"] == "ip-talent-plan-2021" and x["kind"] == "reported")
    assert plan_690["surface"] == "690 thousand"
    assert plan_690["permalink"] == f"http://localhost/policy/figures/{plan_690['figure']}"
    assert plan_690["citation"].startswith("China National Intellectual Property Administration") and \
        plan_690["citation"].endswith(plan_690["permalink"])
    # The view has the same rows, for SQL and CSV.
    r = await ds.client.get("/policy/indicator_series.json", params={"_shape": "array", "indicator": "ip-talents",
                                                                     "_sort": "as_of_end"})
    assert sorted(x["value"] for x in r.json()) == [690000, 690000, 860000, 1000000, 1000000]


async def test_progress_against_the_target_through_the_json_api(ds):
    """As of the 2024 report: 860,000 of more than 1,000,000 by 2025, one target with two sources, 86% reached,
    the target date not passed; as of 2026 it has passed; before the report only 690,000 was known."""
    async def progress(as_of):
        r = await ds.client.get("/policy/indicator_progress.json",
                                params={"_shape": "array", "indicator": "ip-talents", "as_of": as_of})
        assert r.status_code == 200
        [row] = r.json()
        return row
    row = await progress("2024-07-03")
    assert (row["latest_value"], row["latest_as_of"], row["latest_document_id"]) == (860000, "2023-12-31", "news-2024-ip-talent-scale")
    assert (row["target_value"], row["target_qualifier"], row["target_for"], row["target_deadline"]) == (1000000, "gt", "2025", "2025-12-31")
    assert row["target_sources"] == 2
    assert sorted(json.loads(row["target_figure_ids"])) == ["ip-talent-plan-2021-ind1-f1", "ip-talent-plan-2021-s2-3-p1-c3-f1"]
    assert row["share_reached"] == 0.86 and row["target_date_passed"] == 0
    assert (await progress("2026-01-01"))["target_date_passed"] == 1
    before = await progress("2024-01-01")
    assert (before["latest_value"], before["share_reached"]) == (690000, 0.69)
    # Without as_of: today.
    r = await ds.client.get("/policy/indicator_progress.json", params={"_shape": "array", "indicator": "ip-talents"})
    assert r.json()[0]["as_of"] == datetime.datetime.now(datetime.timezone.utc).date().isoformat()  # SQLite date("now") is UTC


async def test_every_indicator_has_a_progress_row(ds, db):
    r = await ds.client.get("/policy/indicator_progress.json", params={"_shape": "array", "as_of": "2024-07-03"})
    assert [x["indicator"] for x in r.json()] == [x[0] for x in db.execute("select id from indicator_registry order by sort_order")]


async def test_the_progress_page(ds):
    r = await ds.client.get("/policy/progress", params={"as_of": "2024-07-03"})
    assert r.status_code == 200
    row = r.text.split('<tr id="ip-talents">', 1)[1].split("</tr>", 1)[0]
    assert 'href="/policy/indicator_registry/ip-talents"' in row and "860,000" in row and "as of 2023-12-31" in row
    assert "1,000,000" in row and "2 sources" in row and "<strong>86%</strong>" in row and "target date ahead" in row
    assert '<html lang="en">' in r.text and '<span lang="zh">知识产权人才总量</span>' in row
    assert 'type="application/atom+xml"' in r.text
    bad = await ds.client.get("/policy/progress", params={"as_of": "July 2024"})
    assert bad.status_code == 400 and "YYYY-MM-DD" in bad.text


async def test_the_indicator_page_draws_the_series(ds):
    r = await ds.client.get("/policy/indicator_registry/ip-talents", params={"as_of": "2024-07-03"})
    assert r.status_code == 200
    svg = r.text.split("<svg", 1)[1].split("</svg>", 1)[0]
    points = re.findall(r'<a href="(/policy/figures/[^"]+)" class="point (reported|target)" aria-label="([^"]+)"', svg)
    # One point per value and date: 690,000 (two sources), 860,000, the 2025 target (two sources).
    assert [(kind, label.split(", ")[0]) for _, kind, label in points] == [
        ("reported", "690,000"), ("reported", "860,000"), ("target", "1,000,000")]
    assert "690,000 ×2" in svg and "1,000,000 ×2" in svg and 'class="reported-line"' in svg and 'class="to-target"' in svg
    assert 'role="group"' in svg and "<title" in svg and "<desc" in svg
    # Every value is in the table with its figure and clause.
    table = r.text.split('<table class="series-table">', 1)[1].split("</table>", 1)[0]
    assert table.count("<tr>") == 6 and 'href="/policy/clauses/news-2024-ip-talent-scale-p1-c1"' in table
    assert "86%" in r.text and "(2 sources" in r.text
    assert 'href="/policy/indicator_registry/ip-talents/feed.atom"' in r.text
    empty = await ds.client.get("/policy/indicator_registry/ip-services-employees")
    assert empty.status_code == 200 and "<svg viewBox" not in empty.text and "none yet" in empty.text


async def test_a_figure_page_names_its_indicator(ds):
    text = (await ds.client.get("/policy/figures/news-2024-ip-talent-scale-p1-c1-f2")).text
    assert re.search(r'Indicator <span lang="zh">指标</span>: <a class="figure-indicator" href="/policy/indicator_registry/ip-talents">'
                     r'IP talents in total <span lang="zh">知识产权人才总量</span></a>,\s*as of 2023-12-31', text)
    text = (await ds.client.get("/policy/figures/news-2020-ip-services-employment-s1-p3-c5-f1")).text  # seven departments
    assert 'class="figure-indicator"' not in text and "none" in text.split("Indicator <span", 1)[1][:80]


async def test_the_atom_feed_of_an_indicator(ds):
    r = await ds.client.get("/policy/indicator_registry/ip-talents/feed.atom", headers={"host": "kb.example:8001"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(r.content)
    assert feed.find(f"{ATOM}title").text == "IP talents in total · 知识产权人才总量: new figures"
    assert feed.find(f"{ATOM}link[@rel='self']").get("href") == "http://kb.example:8001/policy/indicator_registry/ip-talents/feed.atom"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5
    assert entries[0].find(f"{ATOM}updated").text == "2024-07-03T00:00:00Z"  # the newest document first
    titles = [e.find(f"{ATOM}title").text for e in entries]
    assert any(t.startswith("IP talents in total: 860,000 (as of 2023-12-31)") for t in titles)
    assert any(t.startswith("IP talents in total: more than 1,000,000 (target for 2025)") for t in titles)
    links = [e.find(f"{ATOM}link").get("href") for e in entries]
    assert all(link.startswith("http://kb.example:8001/policy/figures/") for link in links)
    assert len({e.find(f"{ATOM}id").text for e in entries}) == 5
    for e in entries:
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", e.find(f"{ATOM}updated").text)


async def test_a_feed_with_no_figures_yet_is_a_valid_empty_feed(ds, db):
    """datasette-atom 0.9 answers 500 here on Datasette 0.65 (max() of no rows): this feed must not."""
    [(empty,)] = db.execute("select id from indicator_registry where figure_count = 0 order by sort_order limit 1").fetchall()
    r = await ds.client.get(f"/policy/indicator_registry/{empty}/feed.atom")
    assert r.status_code == 200
    feed = ET.fromstring(r.content)
    assert feed.findall(f"{ATOM}entry") == [] and feed.find(f"{ATOM}updated").text
    assert (await ds.client.get("/policy/indicator_registry/no-such-indicator/feed.atom")).status_code == 404
    everything = ET.fromstring((await ds.client.get("/policy/progress/feed.atom")).content)
    assert len(everything.findall(f"{ATOM}entry")) == db.execute("select count(*) from figure_indicators").fetchone()[0]
