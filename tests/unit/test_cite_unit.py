"""Citation lines from facts: pure functions, no database."""
import datetime

import pytest

from ingest import cite

NAMES = {"names": {"test office": {"en": "Test Office", "zh": "测试局"}, "测试局": {"en": "Test Office", "zh": "测试局"}},
         "prefixes": {"测发": "Cefa"}}
DAY = datetime.date(2026, 12, 7)


def facts(**doc):
    base = {"id": "d", "title": "A Plan", "language": "en", "type": "plan", "issuer": "Test Office", "translation": "original"}
    return {"id": "d", "table": "documents", "document": {**base, **doc}, "path": [], "where": None}


@pytest.mark.parametrize("doc, en", [
    ({}, 'Test Office, "A Plan", n.d. U'),  # no date: one stop, not "n.d.."
    ({"issue_date": "2022-01-10"}, 'Test Office, "A Plan", 2022-01-10. U'),
    ({"title": "A Plan.", "issue_date": "2022"}, 'Test Office, "A Plan.", 2022. U'),
    ({"translation": "machine translation"}, 'Test Office, "A Plan", n.d., machine translation into English. U'),
    ({"translation": "official translation"}, 'Test Office, "A Plan", n.d., official English translation. U'),
    ({"translation": "unofficial translation", "source_name": "Someone (blog)"},
     'Test Office, "A Plan", n.d., unofficial English translation by Someone. U'),
    ({"translation": "unofficial translation", "translator": "A. Translator", "source_name": "x"},
     'Test Office, "A Plan", n.d., unofficial English translation by A. Translator. U'),
    ({"language": "zh", "title": "测试规划", "issuer": "测试局", "doc_number": "测发〔2022〕5号"},
     'Test Office, "测试规划" (original Chinese title; no English title known), Cefa [2022] No. 5, n.d. U'),
    ({"language": "zh", "title": "测试规划", "title_en": "Test Plan", "issuer": "测试局", "doc_number": "某发〔2022〕5号"},
     'Test Office, "Test Plan" (in Chinese), 某发〔2022〕5号 (Chinese document number), n.d. U'),
])
def test_english_form(doc, en):
    assert cite.cite_en(facts(**doc), "U", NAMES) == en


@pytest.mark.parametrize("doc, zh", [
    ({}, "测试局. A Plan（英文原题）[EB/OL]. [2026-12-07]. U"),
    ({"title_zh": "规划", "issue_date": "2022-01-10", "type": "news"}, "测试局. 规划[N/OL]. (2022-01-10)[2026-12-07]. U"),
    ({"title_zh": "规划", "translation": "machine translation"}, "测试局. 规划[EB/OL]. 英文机器翻译. [2026-12-07]. U"),
    ({"language": "zh", "title": "测试规划", "issuer": "测试局", "doc_number": "测发〔2022〕5号"},
     "测试局. 测试规划: 测发〔2022〕5号[EB/OL]. [2026-12-07]. U"),
])
def test_chinese_form(doc, zh):
    assert cite.cite_zh(facts(**doc), "U", NAMES, DAY) == zh


def test_locator_in_each_language():
    f = facts(language="zh", title="测试")
    f["path"] = [{"id": "d-s3", "number": "三、", "heading": "任务", "level": 1},
                 {"id": "d-s3-1", "number": "（一）", "heading": "培训", "level": 2}]
    f["where"] = ("paragraph", 2, 1)
    assert cite.locator(f, "zh") == "三、（一）培训，第2段第1句"
    assert cite.locator(f, "en") == "section 3(1), para. 2, sentence 1"
    g = facts()
    g["path"] = [{"id": "d-s2", "number": "II.", "heading": "Aims", "level": 1},
                 {"id": "d-s2-3", "number": "(3)", "heading": "Main Objectives", "level": 2}]
    assert cite.locator(g, "en") == "section II.(3) Main Objectives"
    assert cite.locator(g, "zh") == "第二部分（三）"


def test_bibtex_escapes_and_csl_fields():
    f = facts(title="R&D 100% {plan}", issue_date="2022-01-10")
    bib = cite.bibtex(f, "http://h/x", "en", NAMES, DAY)
    assert r"title = {{R\&D 100\% \{plan\}}}" in bib and "date = {2022-01-10}" in bib and "urldate = {2026-12-07}" in bib
    item = cite.csl_json(f, "http://h/x", "en", NAMES, DAY)
    assert item["issued"] == {"date-parts": [[2022, 1, 10]]} and item["type"] == "report"


@pytest.mark.parametrize("url, text, expected", [
    (None, "x", None),
    ("https://s/p", "short text", "https://s/p#:~:text=short%20text"),
    ("https://s/p#top", "one two three four five six seven eight nine", "https://s/p#:~:text=one%20two%20three%20four,six%20seven%20eight%20nine"),
    ("https://s/p", "a-b", "https://s/p#:~:text=a%2Db"),
])
def test_text_fragment_url(url, text, expected):
    assert cite.text_fragment_url(url, text) == expected
