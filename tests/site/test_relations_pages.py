"""Relations, translations and validity on the served site: document pages list what cites what, translations
read side by side with every clause linked to its partner, provenance in every header and citation, status by
date."""
import re



def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


async def test_the_notice_page_lists_cites_cited_by_reported_on_by_and_translated_as(ds):
    page = _text((await ds.client.get("/policy/documents/cnipa-2020-37")).text)
    assert "Cites 引用 : 《国务院办公厅关于应对新冠肺炎疫情影响强化稳就业举措的实施意见》 (not in the corpus" in page
    assert "Cited by 被引用 : Stabilizing Employment and Facing the Rising Sun" in page
    assert "Reported on by 相关报道 : Stabilizing Employment" in page
    assert "Translated as 译本 : Notice of the China National Intellectual Property Administration" in page
    assert "Status 状态 Expired · 已失效" in page and "its last deadline, 2020-11-30" in page


async def test_the_plan_page_lists_its_citations_and_who_cites_it(ds):
    page = _text((await ds.client.get("/policy/documents/ip-talent-plan-2021")).text)
    assert "Cites 引用 : “Outline for Building an Intellectual Property Powerhouse (2021-2035)”" in page
    assert "Cited by 被引用 : CNIPA press conference" in page and "Reported on by 相关报道 : CNIPA press conference" in page


async def test_side_by_side_links_every_unit_to_its_partner(ds, db):
    r = await ds.client.get("/policy/side-by-side/cnipa-2020-37-en")
    assert r.status_code == 200
    html = r.text
    assert "Unofficial English translation by policy-kb project" in html and "numbers agree everywhere" in html
    for row in db.execute("select * from alignments where document_id = 'cnipa-2020-37-en' and bead = '1-1' "
                          "and original_table = 'clauses' and translation_table = 'clauses'"):
        assert f'href="/policy/clauses/{row["original_id"]}"' in html
        assert f'href="/policy/clauses/{row["translation_id"]}"' in html
        assert f'href="#{row["translation_id"]}"' in html or f'href="#al{row["position"]}"' in html
    assert (await ds.client.get("/policy/side-by-side/cnipa-2020-37")).text == html  # from the original too
    assert (await ds.client.get("/policy/side-by-side/news-2021-beijing-overseas-talent")).status_code == 404


async def test_a_clause_page_shows_its_partner_in_the_other_language(ds):
    zh = _text((await ds.client.get("/policy/clauses/cnipa-2020-37-s5-p1-c4")).text)
    assert "Translation 译文 Before November 30, submit a summary of this work" in zh
    en = await ds.client.get("/policy/clauses/cnipa-2020-37-en-s5-p1-c4")
    assert 'href="/policy/clauses/cnipa-2020-37-s5-p1-c4"' in en.text and "Original 原文" in _text(en.text)
    # The compact header of every item page says whose translation it is.
    assert "unofficial English translation by policy-kb project" in en.text


async def test_citations_of_the_translation_name_its_translator(ds):
    r = await ds.client.get("/policy/cite.json?table=clauses&id=cnipa-2020-37-en-s5-p1-c2&_shape=array")
    (row,) = r.json()
    assert "unofficial English translation by policy-kb project" in row["citation"]
    assert "policy-kb project, 译（非官方英文译本）" in row["citation_zh"]
    r = await ds.client.get("/policy/clauses/cnipa-2020-37-en-s5-p1-c2/citation.csl.json")
    assert r.json()[0]["translator"] == [{"literal": "policy-kb project"}]


async def test_search_results_say_whose_translation_they_are(ds):
    html = (await ds.client.get("/policy/search", params={"q": '"Notice is hereby given"'})).text
    assert '<span class="badge translation-note">unofficial English translation by policy-kb project</span>' in html


async def test_status_on_a_date_is_a_canned_query(ds):
    async def on(day):
        r = await ds.client.get(f"/policy/status_on.json?as_of={day}&_shape=array")
        return {row["document_id"]: row["status"] for row in r.json()}
    early, late = await on("2024-01-01"), await on("2026-01-01")
    assert (early["cnipa-2020-37"], early["ip-talent-plan-2021"]) == ("expired", "in force")
    assert (late["cnipa-2020-37"], late["ip-talent-plan-2021"]) == ("expired", "expired")
    assert len(early) == 6 and early["news-2024-ip-talent-scale"] == "not applicable"


async def test_documents_are_faceted_by_status(ds):
    r = await ds.client.get("/policy/documents.json?_facet=status")
    facets = {f["value"]: f["count"] for f in r.json()["facet_results"]["status"]["results"]}
    assert facets == {"not applicable": 3, "expired": 3}
