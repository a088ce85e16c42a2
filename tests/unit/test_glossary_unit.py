"""Glossary counting: the word screen that spares most regex runs must never change a count."""
from support import CORPUS, corpus_lines
from ingest.taggers.glossary import term_pattern, count_terms, load_glossary
from ingest.normalise import normalise


def _unscreened_counts(glossary, texts):
    """Every term's regex run on every text: what count_terms gives, the slow way."""
    counts = {}
    for term in glossary:
        pattern = term_pattern(tuple(term["zh"] + term["en"]))
        found = sum(len(pattern.findall(normalise(t).lower())) for t in texts)
        if found:
            counts[term["id"]] = found
    return counts


def test_screened_counts_equal_unscreened_counts_on_every_corpus_line():
    glossary = load_glossary(CORPUS / "glossary.yml")
    lines = [line for line, _ in corpus_lines()]
    multiword = [t for t in glossary if any(len(v.split()) > 1 for v in t["en"])]
    assert multiword  # variants of several words, screened by one of them, are exercised
    differing = [line for line in lines if count_terms(glossary, [line]) != _unscreened_counts(glossary, [line])]
    assert not differing, differing[:3]
    assert count_terms(glossary, lines) == _unscreened_counts(glossary, lines)
    assert sum(count_terms(glossary, lines).values()) > 100  # the corpus holds terms: the test is not vacuous


def test_a_variant_split_across_two_texts_is_not_counted():
    glossary = [{"id": "ipr", "zh": ["知识产权"], "en": ["intellectual property"]}]
    assert count_terms(glossary, ["intellectual", "property"]) == {}
    assert count_terms(glossary, ["Intellectual  property rights", "知识产权", "知识", "产权"]) == {"ipr": 2}
