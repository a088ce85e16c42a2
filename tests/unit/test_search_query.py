"""The query side of search with hostile input: repeated terms, and glossary expansion with a large glossary."""
import random
import time

from ingest import search
from ingest.search import expand_query, to_fts_query

GLOSSARY = [
    {"id": "patent-attorney", "zh": ["专利代理师"], "en": ["patent attorney", "patent agent"]},
    {"id": "training", "zh": ["培训"], "en": ["training"]},
]


def test_a_repeated_term_is_searched_once():
    # 700 of 的 made 700 ANDed phrases, and the clauses table's search ran past the time limit.
    assert to_fts_query("的" * 700) == '"的"'
    assert to_fts_query("就业 培训 就业 培训") == '"就 业" AND "培 训"'
    assert to_fts_query('training "patent agent" training "patent agent"') == '"training" AND "patent agent"'


def test_an_expanded_query_searches_each_remaining_term_once():
    expression, readable = expand_query("专利代理师 就业 就业 就业", GLOSSARY)
    assert expression == '("专 利 代 理 师" OR "patent attorney" OR "patent agent") AND "就 业"'
    assert readable == "专利代理师 | patent attorney | patent agent; 就业"


def large_glossary(terms=20_000, seed=1):
    rng = random.Random(seed)
    chars = "知识产权专利代理师商标版权培训就业服务机构人才高校毕业生岗位招聘考试资格"
    return [{"id": f"t{i}", "zh": ["".join(rng.choice(chars) for _ in range(rng.randint(4, 8))) for _ in range(2)],
             "en": [f"term number {i}"]} for i in range(terms)] + GLOSSARY


def test_expansion_with_a_large_glossary_is_prepared_once_not_per_query():
    glossary = large_glossary()
    expand_query("warm up", glossary)
    started = time.perf_counter()
    for query in ("专利代理师培训", "patent attorney training", "x", "知识产权" * 50):
        expand_query(query, glossary)
    assert time.perf_counter() - started < 0.1  # it was 0.25 s a query


def test_expansion_stops_after_a_few_terms():
    glossary = [{"id": f"t{i}", "zh": [], "en": [f"word{i}x"]} for i in range(50)]
    query = " ".join(f"word{i}x" for i in range(50))
    expression, _ = expand_query(query, glossary)
    parts = search.expansion_parts(query, glossary)
    assert sum(1 for p in parts if p["term"]) == search.MAX_EXPANDED_TERMS
    # The terms past the cap are searched as written.
    assert [p["text"] for p in parts] == query.split() and expression.count(" AND ") == 49


def test_the_longest_variant_wins_and_the_first_term_keeps_a_shared_variant():
    glossary = [{"id": "a", "zh": ["代理"], "en": []}, {"id": "b", "zh": ["专利代理"], "en": []},
                {"id": "c", "zh": ["代理"], "en": ["agency"]}]
    expression, readable = expand_query("专利代理 代理", glossary)
    assert readable == "专利代理; 代理"
    assert expression == '("专 利 代 理") AND ("代 理")'
