"""Search finds what Ctrl-F finds, through every Datasette entry point, and never errors."""
import pytest

from search_oracle import CHINESE_QUERIES, ENGLISH_QUERIES, TRADITIONAL_QUERIES, expected_ids
from support import loaded_plugin, make_datasette

async def search_ids(ds, query):
    r = await ds.client.get("/policy/clauses.json", params={"_search": query, "_shape": "array", "_col": "id", "_size": "max"})
    assert r.status_code == 200, r.text
    return {row["id"] for row in r.json()}


async def test_recall_and_precision_against_substring_truth(ds, db):
    queries = CHINESE_QUERIES + TRADITIONAL_QUERIES + ENGLISH_QUERIES
    assert len(queries) >= 40
    found = relevant = correct = 0
    misses = {}
    for q in queries:
        expected, got = expected_ids(db, q), await search_ids(ds, q)
        assert expected, f"query {q!r} matches nothing in the corpus: a useless test query"
        found += len(got)
        relevant += len(expected)
        correct += len(expected & got)
        if expected != got:
            misses[q] = (sorted(expected - got), sorted(got - expected))
    recall, precision = correct / relevant, correct / found
    print(f"\nsearch over {len(queries)} queries: recall {recall:.3f}, precision {precision:.3f}")
    assert misses == {}
    assert recall == 1.0 and precision == 1.0


@pytest.mark.parametrize("traditional, simplified", [("國家知識產權局", "国家知识产权局"), ("專利代理師", "专利代理师"), ("ＣＮＩＰＡ", "CNIPA")])
async def test_traditional_and_full_width_fold(ds, traditional, simplified):
    assert await search_ids(ds, traditional) == await search_ids(ds, simplified) != set()


async def test_english_is_stemmed_and_case_insensitive(ds, db):
    train = await search_ids(ds, "train")
    texts = {r["id"]: r["text"] for r in db.execute("select id, text from clauses")}
    assert any("training" in texts[i] for i in train) and any("trained" in texts[i] or "trains" in texts[i] for i in train)
    assert await search_ids(ds, "TRAIN") == train


async def test_quoted_phrase_is_strict(ds):
    loose = await search_ids(ds, "service industry")
    strict = await search_ids(ds, '"service industry"')
    assert strict and strict < loose


async def _search(ds, **params):
    """The search page's JSON (default shape): count, pages, rows, figures, searched_for."""
    r = await ds.client.get("/policy/search.json", params=params)
    assert r.status_code == 200, r.text
    return r.json()


async def _all_pages(ds, **params):
    """Every row of a search, page after page to the last, as the page's next_url leads."""
    first = await _search(ds, **params)
    rows, url = list(first["rows"]), first["next_url"]
    while url:
        page = (await ds.client.get(url)).json()
        rows += page["rows"]
        url = page["next_url"]
    return first, rows


async def test_search_rows_have_plain_snippets_titles_sections_permalinks_and_citations(ds):
    result = await _search(ds, q="专利代理师")
    top = result["rows"][0]
    assert "专利代理师" in top["matched"] and "<" not in top["snippet"] and "\u200b" not in top["snippet"]
    assert top["document_title"].startswith("国家知识产权局关于")
    assert top["section"] == "加大对知识产权服务业吸纳就业的政策支持力度"
    assert top["permalink"].endswith("/policy/clauses/" + top["clause"])
    assert top["citation"].endswith(" " + top["permalink"]) and top["citation_zh"].endswith(" " + top["permalink"])
    assert "bm25" in result["ranking"]


async def test_every_match_is_counted_and_reachable_by_paging(ds, db):
    """'the' matches more clauses than a page holds: the count is the oracle's, and paging to the last page
    gives every match once."""
    expected = expected_ids(db, "the")
    first, rows = await _all_pages(ds, q="the", _size="7")
    assert first["count"] == len(expected) > 100
    assert first["pages"] == -(-len(expected) // 7)
    assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1))
    assert {r["clause"] for r in rows} == expected and len(rows) == len(expected)
    last = await _search(ds, q="the", _size="7", page=str(first["pages"]))
    assert last["rows"] and last["rows"][-1]["rank"] == len(expected) and last["next_url"] is None


async def test_ranking_is_bm25_over_all_matches_with_exact_phrases_first(ds, db):
    """The order is: whole query as a phrase first, then FTS5's own bm25() over every match."""
    from ingest.search import to_fts_phrase, to_fts_query
    q = "高校毕业生"
    _, rows = await _all_pages(ds, q=q, _size="max")
    phrase = {r[0] for r in db.execute(
        "select c.id from clauses_fts join clauses c on c.sort_key = clauses_fts.rowid where clauses_fts match ?", [to_fts_phrase(q)])}
    got = [r["clause"] for r in rows]
    assert phrase and set(got[:len(phrase)]) == phrase  # exact-phrase hits first
    assert any(not r["exact_phrase"] for r in rows)  # the loose matches come after
    scores = [r["score"] for r in rows if not r["exact_phrase"]]
    assert scores == sorted(scores, reverse=True)  # then by bm25, best first
    direct = dict(db.execute(
        "select c.id, -bm25(clauses_fts) from clauses_fts join clauses c on c.sort_key = clauses_fts.rowid "
        "where clauses_fts match ?", [to_fts_query(q)]).fetchall())
    assert {r["clause"]: r["score"] for r in rows} == {k: round(v, 4) for k, v in direct.items()}


async def test_ranking_covers_matches_beyond_any_candidate_limit(ds, db):
    """The best bm25 match of a broad query is first whatever its place in the index (no newest-500 cut)."""
    from ingest.search import to_fts_query
    best = db.execute("select c.id from clauses_fts join clauses c on c.sort_key = clauses_fts.rowid where clauses_fts match ? "
                      "order by bm25(clauses_fts) limit 1", [to_fts_query("the")]).fetchone()[0]
    result = await _search(ds, q="the")
    assert all(r["exact_phrase"] for r in result["rows"])  # one word: every match holds the whole query
    assert result["rows"][0]["clause"] == best


async def test_a_query_within_the_limit_says_every_match_was_ranked(ds, db):
    result = await _search(ds, q="the")
    assert result["ranking_method"]["method"] == "all"
    assert result["count"] == result["count_at_least"] == len(expected_ids(db, "the"))


@pytest.fixture
def small_limits(monkeypatch):
    """The search page's limits lowered to the size of the test corpus (the method is the same at any size)."""
    from ingest import ranking
    monkeypatch.setattr(ranking, "EXACT_LIMIT", 40)
    monkeypatch.setattr(ranking, "WINDOW", 15)
    return ranking


def _newest(db, match, n):
    """(rowid, -bm25) of the n matches added last: the window the page must rank."""
    return db.execute("select rowid, -bm25(clauses_fts) from clauses_fts where clauses_fts match ? "
                      "order by rowid desc limit ?", [match, n]).fetchall()


async def test_over_the_limit_bm25_ranks_the_newest_window_and_the_rest_follows_newest_first(ds, db, small_limits):
    from ingest.search import to_fts_query
    expected = expected_ids(db, "the")
    assert len(expected) > 40  # the query is over the lowered limit
    first, rows = await _all_pages(ds, q="the", _size="7")
    assert first["ranking_method"]["method"] == "window" and first["count"] is None and first["pages"] is None
    assert first["count_at_least"] == 41 and "15" in first["ranking"] and "added to the corpus last" in first["ranking"]
    # Every match once, page after page.
    assert [r["rank"] for r in rows] == list(range(1, len(expected) + 1))
    assert {r["clause"] for r in rows} == expected
    # The first 15 are the 15 newest matches, best bm25 first, with the scores FTS5 gives them.
    window = _newest(db, to_fts_query("the"), 15)
    rowid_of = dict(db.execute("select id, sort_key from clauses"))
    assert {rowid_of[r["clause"]] for r in rows[:15]} == {rowid for rowid, _ in window}
    assert [r["score"] for r in rows[:15]] == sorted((round(s, 4) for _, s in window), reverse=True)
    # The rest follow, newest first, unscored.
    rest = [rowid_of[r["clause"]] for r in rows[15:]]
    assert rest == sorted(rest, reverse=True) and all(r["score"] is None for r in rows[15:])


async def test_over_the_limit_exact_phrases_come_first_within_the_window(ds, db, small_limits):
    from ingest.search import to_fts_phrase, to_fts_query
    q = "of the"
    match, phrase = to_fts_query(q), to_fts_phrase(q)
    window = {rowid for rowid, _ in _newest(db, match, 15)}
    in_phrase = {r[0] for r in db.execute("select rowid from clauses_fts where clauses_fts match ?", [phrase])} & window
    assert in_phrase and in_phrase != window  # both kinds are in the window
    result = await _search(ds, q=q, _size="15")
    assert result["ranking_method"]["method"] == "window"
    flags = [r["exact_phrase"] for r in result["rows"]]
    assert flags == sorted(flags, reverse=True) and sum(flags) == len(in_phrase)


async def test_over_the_limit_the_page_says_more_than_and_the_csv_has_every_match(ds, db, small_limits):
    html = (await ds.client.get("/policy/search", params={"q": "the"})).text
    assert "More than 40 matching clauses" in html and "added to the corpus last" in html
    assert 'rel="next"' in html and "last-page" not in html
    r = await ds.client.get("/policy/search.csv", params={"q": "the", "_all": "1"})
    assert r.status_code == 200
    lines = r.text.strip().splitlines()
    assert len(lines) - 1 == len(expected_ids(db, "the"))


@pytest.mark.parametrize("params, expected", [
    ({"language": "Chinese"}, {"language": "zh"}), ({"language": "zh"}, {"language": "zh"}), ({"language": "中文"}, {"language": "zh"}),
    ({"language": "English"}, {"language": "en"}), ({"language": "EN"}, {"language": "en"}),
    ({"type": "Notice"}, {"type": "notice"}), ({"type": "通知"}, {"type": "notice"}), ({"type": "news"}, {"type": "news"}),
    ({"document": "cnipa-2020-37"}, {"document": "cnipa-2020-37"}),
    ({"document": "The 14th Five-Year Plan for Intellectual Property Talents"}, {"document": "ip-talent-plan-2021"}),
    ({"document": "知识产权人才“十四五”规划"}, {"document": "ip-talent-plan-2021"}),
    ({"document": "overseas talents"}, {"document": "news-2021-beijing-overseas-talent"}),
    ({"issuer": "CNIPA"}, {"issuer": ["China National Intellectual Property Administration", "国家知识产权局"]}),
    ({"issuer": "Beijing Daily"}, {"issuer": ["Beijing Daily"]}),
    ({"year": "2020"}, {"year": "2020"}), ({"year": "2021年"}, {"year": "2021"}),
    ({"measure": "Fee reduction and subsidies"}, {"measure": ["fee-reduction"]}),
])
async def test_filters_take_human_values(ds, params, expected):
    result = await _search(ds, q="知识产权", expand="both", **params)
    assert result["filters"] == expected


@pytest.mark.parametrize("params", [{"language": "Klingon"}, {"type": "memo"}, {"document": "no-such-document"},
                                    {"document": "talent"}, {"issuer": "Nobody"}, {"year": "last year"}, {"measure": "nothing"}])
async def test_a_filter_that_names_nothing_is_an_error_said_not_an_empty_result(ds, params):
    r = await ds.client.get("/policy/search.json", params={"q": "talent", **params})
    assert r.status_code == 400 and r.json()["error"]
    page = await ds.client.get("/policy/search", params={"q": "talent", **params})
    assert page.status_code == 400 and 'role="alert"' in page.text


async def test_filters_keep_exactly_the_matches_they_name(ds, db):
    _, everything = await _all_pages(ds, q="talent", _size="max")
    docs = {r[0]: dict(r) for r in db.execute("select * from documents")}
    cases = {
        (("document", "ip-talent-plan-2021"),): lambda r: r["document"] == "ip-talent-plan-2021",
        (("type", "news"),): lambda r: r["type"] == "news",
        (("language", "zh"),): lambda r: r["language"] == "zh",
        (("year", "2024"),): lambda r: (docs[r["document"]]["issue_date"] or docs[r["document"]]["publication_date"]).startswith("2024"),
        (("issuer", "Beijing Daily"), ("language", "en")): lambda r: docs[r["document"]]["issuer"] == "Beijing Daily",
    }
    for params, keep in cases.items():
        _, rows = await _all_pages(ds, q="talent", _size="max", **dict(params))
        assert {r["clause"] for r in rows} == {r["clause"] for r in everything if keep(r)}, params
    measured = {r[0] for r in db.execute("select clause_id from clause_measures where measure_id = 'training'")}
    _, rows = await _all_pages(ds, q="talent", measure="training", _size="max")
    assert rows and {r["clause"] for r in rows} == {r["clause"] for r in everything if r["clause"] in measured}


async def test_patent_attorney_expanded_finds_the_notice_exam_clause(ds, db):
    _, plain = await _all_pages(ds, q="patent attorney", _size="max")
    result, expanded = await _all_pages(ds, q="patent attorney", expand="both", _size="max")
    exam = {r[0] for r in db.execute("select id from clauses where text like '%专利代理师资格考试%'")}
    assert exam and exam <= {r["clause"] for r in expanded}
    assert not exam & {r["clause"] for r in plain}
    [part] = result["searched_for"]
    assert part["term"] == "patent-attorney" and "专利代理师" in part["forms"] and "patent agent" in part["forms"]


@pytest.mark.parametrize("query", ["知识产权服务", "IP services"])
async def test_a_compound_expanded_finds_both_languages(ds, db, query):
    """Each recognised term is expanded on its own: 知识产权服务 is 知识产权 + 服务, IP services is IP + services."""
    result, rows = await _all_pages(ds, q=query, expand="both", _size="max")
    assert [p["term"] for p in result["searched_for"]] == ["intellectual-property", "service"]
    languages = {r["language"] for r in rows}
    assert languages == {"zh", "en"}
    english = {r[0] for r in db.execute(
        "select id from clauses where language = 'en' and text like '%intellectual property service%'")}
    chinese = {r[0] for r in db.execute("select id from clauses where text like '%知识产权服务%'")}
    assert english and chinese and english | chinese <= {r["clause"] for r in rows}


async def test_an_ordinary_word_in_a_compound_is_kept_as_it_is(ds):
    result = await _search(ds, q="知识产权 宣传", expand="both")
    parts = {p["text"]: p for p in result["searched_for"]}
    assert parts["知识产权"]["term"] == "intellectual-property" and parts["宣传"]["term"] is None


async def test_ip_is_not_found_inside_other_words(ds):
    result = await _search(ds, q="relationship", expand="both")
    assert [p["term"] for p in result["searched_for"]] == [None]


async def test_chinese_term_expanded_finds_english_patent_agent_clauses(ds, db):
    _, rows = await _all_pages(ds, q="专利代理师", expand="both", _size="max")
    english = {r[0] for r in db.execute(
        "select id from clauses where language = 'en' and (text like '%patent agent%' or text like '%patent attorney%')")}
    assert english and english <= {r["clause"] for r in rows}


async def test_expansion_is_explained_on_the_html_page(ds):
    r = await ds.client.get("/policy/search", params={"q": "知识产权服务", "expand": "both"})
    assert r.status_code == 200
    assert "Searched in both languages" in r.text and "intellectual property" in r.text and "service" in r.text
    plain = await ds.client.get("/policy/search", params={"q": "专利代理师"})
    assert "The glossary knows" in plain.text and "patent attorney" in plain.text


@pytest.mark.parametrize("query", ["860000", "860,000", "86万", "八十六万", "0.86 million", "860 thousand", "８６万"])
async def test_a_number_in_any_printed_form_finds_its_figures_and_clauses(ds, db, query):
    result = await _search(ds, q=query)
    assert result["number"] == 860000
    figures = {r[0] for r in db.execute("select id from figures where value = 860000")}
    stating = {r[0] for r in db.execute("select clause_id from figures where value = 860000 and clause_id is not null")}
    assert figures and {f["id"] for f in result["figures"]} == figures
    top = result["rows"][:len(stating)]
    assert {r["clause"] for r in top} == stating and all(r["states_number"] for r in top)
    assert any("860,000" in m for r in top for m in r["matched"])


async def test_a_number_search_for_one_and_a_half_million(ds, db):
    result = await _search(ds, q="1 million")
    assert result["number"] == 1000000
    assert {f["id"] for f in result["figures"]} == {r[0] for r in db.execute("select id from figures where value = 1000000")}


async def test_search_csv_is_plain_text_all_matches_and_has_a_bom_on_request(ds, db):
    import csv as csv_module
    import io
    r = await ds.client.get("/policy/search.csv", params={"q": "the", "_all": "1"})
    assert r.status_code == 200 and not r.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv_module.DictReader(io.StringIO(r.text)))
    assert len(rows) == len(expected_ids(db, "the"))
    assert not any("<mark>" in row["snippet"] or "<" in row["snippet"] for row in rows)
    bom = await ds.client.get("/policy/search.csv", params={"q": "专利代理师", "_bom": "1"})
    assert bom.content.startswith(b"\xef\xbb\xbf") and "专利代理师" in bom.content[3:].decode("utf-8")


async def test_search_json_carries_no_html(ds):
    r = await ds.client.get("/policy/search.json", params={"q": "专利代理师", "expand": "both"})
    assert "<mark>" not in r.text and "</" not in r.text


@pytest.mark.parametrize("table", ["clauses", "figures", "documents"])
async def test_every_csv_takes_bom(ds, table):
    r = await ds.client.get(f"/policy/{table}.csv", params={"_bom": "1"})
    assert r.status_code == 200 and r.content.startswith(b"\xef\xbb\xbf") and r.content.count(b"\xef\xbb\xbf") == 1
    r = await ds.client.get(f"/policy/{table}.csv")
    assert not r.content.startswith(b"\xef\xbb\xbf")


async def test_search_page_shows_count_paging_ranking_and_exports_without_sql(ds):
    r = await ds.client.get("/policy/search", params={"q": "the", "_size": "10"})
    assert r.status_code == 200
    assert 'class="last-page"' in r.text and "page 1 of" in r.text
    assert "bm25()" in r.text and "_bom=1" in r.text and "search.json" in r.text
    assert "clauses_fts" not in r.text and "bm25(clauses_fts)" not in r.text  # no SQL unless asked for
    assert "<title>“the”:" in r.text
    sql = await ds.client.get("/policy/search", params={"q": "the", "_sql": "1"})
    assert "bm25(clauses_fts)" in sql.text


async def test_the_old_array_shape_still_answers(ds):
    r = await ds.client.get("/policy/search.json", params={"q": "专利代理师", "_shape": "array"})
    rows = r.json()
    assert isinstance(rows, list) and rows and {"clause", "snippet", "permalink", "citation"} <= set(rows[0])


# Long ones stay under the 8 KB query string that plugins/guard.py takes (就 is 9 bytes in a URL).
NASTY = ['"', '""', '"unbalanced', "*", "-", "NEAR(", "NEAR(a b", "OR", "AND", "NOT", ":", "a:b", "^", "(", ")",
         "😀", "\x00", "\x1f", "\u200b", "x" * 5_000, "就" * 900, "", " ", "'; drop table clauses; --", "%", "\\"]


@pytest.mark.parametrize("query", NASTY, ids=range(len(NASTY)))
async def test_nasty_queries_never_error(ds, query):
    for path, key in (("/policy/clauses.json", "_search"), ("/policy/clauses", "_search"), ("/policy/clauses.csv", "_search"),
                      ("/policy/search.json", "q"), ("/policy/search", "q")):
        r = await ds.client.get(path, params={key: query})
        assert r.status_code == 200, (path, query, r.text[:300])
    r = await ds.client.get("/policy/search.json", params={"q": query, "expand": "both"})
    assert r.status_code == 200


# Ranking at scale: a broad query on a grown corpus is ranked over every match.
@pytest.fixture(scope="module")
def grown_db(tmp_path_factory):
    """The real corpus plus three copies of each English document under new ids: "the" then matches > 500 clauses."""
    import shutil
    import yaml
    from support import CORPUS
    from ingest.builder import build

    corpus = tmp_path_factory.mktemp("grown") / "corpus"
    shutil.copytree(CORPUS, corpus)
    manifest = yaml.safe_load((corpus / "manifest.yml").read_text(encoding="utf-8"))
    for entry in [e for e in manifest if e["language"] == "en"]:
        for n in range(1, 4):
            copy = dict(entry, id=f"{entry['id']}-copy{n}", file=f"copy{n}-{entry['file']}")
            copy.pop("about", None)
            shutil.copyfile(corpus / entry["file"], corpus / copy["file"])
            manifest.append(copy)
    (corpus / "manifest.yml").write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    path = corpus.parent / "policy.db"
    build(corpus, path)
    return path


async def test_a_broad_query_counts_and_pages_through_every_match(grown_db):
    import sqlite3
    conn = sqlite3.connect(f"file:{grown_db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    expected = expected_ids(conn, "the")
    conn.close()
    assert len(expected) > 500  # more than the old page ranked
    ds = make_datasette(grown_db)
    first = (await ds.client.get("/policy/search.json", params={"q": "the", "_size": "max"})).json()
    assert first["count"] == len(expected)
    rows, url = first["rows"], first["next_url"]
    while url:
        page = (await ds.client.get(url)).json()
        rows += page["rows"]
        url = page["next_url"]
    assert {r["clause"] for r in rows} == expected and len(rows) == len(expected)


@pytest.mark.parametrize("query", ["9223372036854775296", "1" * 30, "99999999999999999999万"])
async def test_a_number_too_large_for_a_quantity_is_searched_as_text(ds, query):
    """A long digit string is a code, not a figure (and past SQLite's integers): an ordinary search, no error."""
    r = await ds.client.get("/policy/search.json", params={"q": query})
    assert r.status_code == 200 and r.json()["number"] is None


async def test_with_more_documents_than_a_menu_holds_the_document_is_typed_and_still_resolved(ds, monkeypatch):
    search_page = loaded_plugin("search_page.py")
    monkeypatch.setattr(search_page, "DOCUMENT_MENU_LIMIT", 2)
    search_page._CHOICES.clear()
    html = (await ds.client.get("/policy/search", params={"q": "talent"})).text
    assert '<input id="f-document" name="document"' in html and '<select id="f-document"' not in html
    result = await _search(ds, q="talent", document="The 14th Five-Year Plan for Intellectual Property Talents")
    assert result["filters"] == {"document": "ip-talent-plan-2021"} and result["rows"]
    search_page._CHOICES.clear()
