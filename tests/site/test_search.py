"""Search finds what Ctrl-F finds, through every Datasette entry point, and never errors."""
import re

import pytest
import Stemmer

from support import make_datasette
from ingest.normalise import has_cjk, normalise
from ingest.segment import get_tokenizer

_STEM = Stemmer.Stemmer("porter")
_WORD = re.compile(r"[^\W_]+")

CHINESE_QUERIES = [
    "就", "业", "就业", "高校", "专利", "服务业", "吸纳就业", "应届毕业生", "专利代理师", "知识产权服务业",
    "先上岗", "再考证", "资格考试", "购买服务", "报送", "宣传", "招聘", "培训费用", "运用促进司", "统计表",
    "高校毕业生", "知识产权服务机构", "稳定和扩大就业", "专利代理师资格考试", "国家知识产权局", "6月30日",
    "服务 就业", "疫情影响", "万里行", "人才队伍素质",
]
TRADITIONAL_QUERIES = ["國家知識產權局", "專利代理師", "應屆畢業生", "就業", "知識產權服務業"]
ENGLISH_QUERIES = [
    "train", "training", "patent", "patent agents", "recruitment", "graduates", "Talent", "CNIPA", "think tanks",
    "job fair", "Beijing", "epidemic", "qualification", '"patent attorney"', '"intellectual property service industry"',
    '"job fairs"', "overseas talents", "universities", "ＣＮＩＰＡ",
]


def _words_of_query(query):
    """The oracle's reading of a query: quoted parts are phrases; other Chinese is cut by the same segmenter."""
    tokenizer = get_tokenizer()
    terms = []
    for quoted, text in re.findall(r'"([^"]*)"|([^"]+)', query):
        text = normalise(quoted or text)
        if quoted:
            terms.append(("phrase", text))
        elif has_cjk(text):
            terms.extend(("substring", w) for w in tokenizer.words(text) if _WORD.search(w))
        else:
            terms.extend(("stem", w) for w in _WORD.findall(text.lower()))
    return terms


def _stems(text):
    return [_STEM.stemWord(t) for t in _WORD.findall(normalise(text).lower())]


def _matches(term, text):
    kind, value = term
    norm = normalise(text)
    if kind == "substring":
        return value in norm
    if kind == "stem":
        return _STEM.stemWord(value) in _stems(norm)
    phrase = _stems(value)
    stems = _stems(norm)
    return any(stems[i:i + len(phrase)] == phrase for i in range(len(stems) - len(phrase) + 1))


def expected_ids(db, query):
    """Clause ids whose normalised text contains every term: computed without FTS."""
    terms = _words_of_query(query)
    return {r["id"] for r in db.execute("select id, text from clauses") if all(_matches(t, r["text"]) for t in terms)}


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


async def _search_page(ds, **params):
    r = await ds.client.get("/policy/search.json", params={"_shape": "array", **params})
    assert r.status_code == 200, r.text
    return r.json()


async def test_ranked_search_page_has_snippets_titles_sections_and_permalinks(ds):
    rows = await _search_page(ds, q="专利代理师")
    assert rows
    top = rows[0]
    assert "<mark>专利代理师</mark>" in top["snippet"] and "\u200b" not in top["snippet"]
    assert top["document_title"].startswith("国家知识产权局关于")
    assert top["section"] == "加大对知识产权服务业吸纳就业的政策支持力度"
    assert top["permalink"].endswith("/policy/clauses/" + top["clause"])


async def test_exact_phrase_ranks_first_for_a_two_word_chinese_query(ds, db):
    words = [w for w in get_tokenizer().words("高校毕业生") if w.strip()]
    assert words == ["高校", "毕业生"]  # two words: the ranking question is real
    rows = await _search_page(ds, q="高校毕业生")
    texts = {r["id"]: r["text"] for r in db.execute("select id, text from clauses")}
    assert len(rows) >= 3
    assert "高校毕业生" in texts[rows[0]["clause"]]
    assert any("高校毕业生" not in texts[r["clause"]] for r in rows[1:])  # the loose matches come after


async def test_filters_on_the_search_page(ds):
    everything = await _search_page(ds, q="talent")
    plan = await _search_page(ds, q="talent", document="ip-talent-plan-2021")
    news = await _search_page(ds, q="talent", type="news")
    zh = await _search_page(ds, q="talent", language="zh")
    assert plan and all(r["clause"].startswith("ip-talent-plan-2021-") for r in plan)
    assert news and all(r["type"] == "news" for r in news)
    assert zh == [] and len(everything) > len(plan)
    assert await _search_page(ds, q="talent", document="no-such-document") == []
    # A filter keeps exactly the matches it names: those of the unfiltered search (not cut at 100 rows here).
    assert len(everything) < 100
    assert {r["clause"] for r in news} == {r["clause"] for r in everything if r["type"] == "news"}
    assert {r["clause"] for r in plan} == {r["clause"] for r in everything if r["clause"].startswith("ip-talent-plan-2021-")}
    both = await _search_page(ds, q="talent", type="news", language="en")
    assert {r["clause"] for r in both} == {r["clause"] for r in news}  # every news report is in English


async def test_patent_attorney_expanded_finds_the_notice_exam_clause(ds, db):
    plain = await _search_page(ds, q="patent attorney")
    expanded = await _search_page(ds, q="patent attorney", expand="both")
    exam = {r[0] for r in db.execute("select id from clauses where text like '%专利代理师资格考试%'")}
    assert exam and exam <= {r["clause"] for r in expanded}
    assert not exam & {r["clause"] for r in plain}
    assert "专利代理师" in expanded[0]["searched_for"] and "patent agent" in expanded[0]["searched_for"]


async def test_chinese_term_expanded_finds_english_patent_agent_clauses(ds, db):
    expanded = {r["clause"] for r in await _search_page(ds, q="专利代理师", expand="both")}
    english = {r[0] for r in db.execute(
        "select id from clauses where language = 'en' and (text like '%patent agent%' or text like '%patent attorney%')")}
    assert english and english <= expanded


async def test_expansion_is_shown_on_the_html_page(ds):
    r = await ds.client.get("/policy/search", params={"q": "patent attorney", "expand": "both"})
    assert r.status_code == 200
    assert "Searching both languages" in r.text and "专利代理师" in r.text


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


# Ranking at scale: the search page ranks the newest 500 matches (see the search query in metadata.yml).
CANDIDATE_LIMIT = 500


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


def _matching_rowids(db_path, query, where="1"):
    """Rowids of clauses the oracle says match, newest first, computed without FTS."""
    import sqlite3
    terms = _words_of_query(query)
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = conn.execute(f"select rowid, id, text from clauses where {where} order by rowid desc").fetchall()
    conn.close()
    return [(rowid, cid, text) for rowid, cid, text in rows if all(_matches(t, text) for t in terms)]


async def test_a_broad_query_is_ranked_among_the_newest_500_matches_and_says_so(grown_db):
    matching = _matching_rowids(grown_db, "the")
    assert len(matching) > CANDIDATE_LIMIT  # the premise: more matches than are ranked
    newest = {cid for _, cid, _ in matching[:CANDIDATE_LIMIT]}
    ds = make_datasette(grown_db)
    r = await ds.client.get("/policy/search.json", params={"q": "the", "_shape": "array"})
    rows = r.json()
    assert len(rows) == 100
    assert {row["clause"] for row in rows} <= newest
    assert all(row["ranked_among"] == CANDIDATE_LIMIT and row["more_matches"] == 1 for row in rows)
    page = await ds.client.get("/policy/search", params={"q": "the"})
    assert "More than 500 clauses match" in page.text and "/policy/clauses?_search=the" in page.text


async def test_a_narrow_query_ranks_every_match_and_says_nothing_more(grown_db):
    doc = "news-2021-beijing-overseas-talent-copy2"
    matching = _matching_rowids(grown_db, "talent", where=f"document_id = '{doc}'")
    ds = make_datasette(grown_db)
    rows = (await ds.client.get("/policy/search.json", params={"q": "talent", "document": doc, "_shape": "array"})).json()
    assert matching and {row["clause"] for row in rows} == {cid for _, cid, _ in matching}
    assert all(row["ranked_among"] == len(matching) and row["more_matches"] == 0 for row in rows)
    page = await ds.client.get("/policy/search", params={"q": "talent", "document": doc})
    assert "More than" not in page.text


async def test_more_hits_in_a_clause_no_longer_than_another_rank_it_higher(ds, db):
    rows = await _search_page(ds, q="talent")
    texts = {r["id"]: normalise(r["text"]) for r in db.execute("select id, text from clauses")}
    # Read off the text, not the index: occurrences of the stem, and the length.
    hits = {r["clause"]: len(re.findall(r"(?i)\btalent", texts[r["clause"]])) for r in rows}
    position = {r["clause"]: i for i, r in enumerate(rows)}
    pairs = [(a, b) for a in hits for b in hits
             if hits[a] > hits[b] and len(texts[a]) <= len(texts[b])]
    assert pairs  # the corpus has such pairs, so the assertion below is tested
    assert all(position[a] < position[b] for a, b in pairs)
    assert all(r["snippet"].count("<mark>") == hits[r["clause"]] for r in rows)
