"""What a clause says about other documents: titles, document numbers and the verbs around them (sentences
written for these tests)."""
import pytest

from ingest.relations import find_citations_en, find_citations_zh, normalise_title, relation_rows, target_key


def _found(spans, text):
    return [(text[a:b], kind, value["title"], value["number"]) for a, b, kind, value in spans]


@pytest.mark.parametrize("text, expected", [
    ("要按照《某部关于加强人才培养的意见》要求做好工作。", [("《某部关于加强人才培养的意见》", None, "某部关于加强人才培养的意见", None)]),
    ("为贯彻落实《某市人才发展规划》，制定本方案。", [("《某市人才发展规划》", "implements", "某市人才发展规划", None)]),
    ("现将《某部关于做好就业工作的通知》（某部发〔2021〕8号）转发给你们，请遵照执行。",
     [("《某部关于做好就业工作的通知》（某部发〔2021〕8号）", "forwards", "某部关于做好就业工作的通知", "某部发〔2021〕8号")]),
    ("现将《某市专利代理人才培养办法》印发给你们。", [("《某市专利代理人才培养办法》", "issues", "某市专利代理人才培养办法", None)]),
    ("本办法自发布之日起施行，《某市人才工作暂行办法》同时废止。", [("《某市人才工作暂行办法》", "supersedes", "某市人才工作暂行办法", None)]),
    ("根据某厅发〔2022〕15号和某部函〔2020〕3号的要求执行。",
     [("某厅发〔2022〕15号", None, None, "某厅发〔2022〕15号"), ("某部函〔2020〕3号", None, None, "某部函〔2020〕3号")]),
    ("为贯彻落实某知发〔2023〕4号文件精神，做好工作。", [("某知发〔2023〕4号", "implements", None, "某知发〔2023〕4号")]),
    ("《某市关于转发〈某部人才规划〉的通知》已经印发。",
     [("《某市关于转发〈某部人才规划〉的通知》", None, "某市关于转发〈某部人才规划〉的通知", None),
      ("〈某部人才规划〉", "forwards", "某部人才规划", None)]),
    ("《人民日报》报道了招聘会。", []),
    ("今年全省计划提供1500个就业岗位。", []),
])
def test_chinese_citations(text, expected):
    assert _found(find_citations_zh(text), text) == expected


@pytest.mark.parametrize("text, expected", [
    ("The office issued the \u201cNotice on Training Young Patent Agents\u201d last week.",
     [("Notice on Training Young Patent Agents", None, "Notice on Training Young Patent Agents", None)]),
    ("In order to implement the Opinions of the Provincial Office on Graduate Employment, the city acts.",
     [("Opinions of the Provincial Office on Graduate Employment", "implements", "Opinions of the Provincial Office on Graduate Employment", None)]),
    ("The Measures for Agent Registration shall be repealed at the same time.",
     [("Measures for Agent Registration", "supersedes", "Measures for Agent Registration", None)]),
    ("This plan follows the City Talent Outline (2021-2035) and the Regional Plan for Patent Services.",
     [("City Talent Outline (2021-2035)", None, "City Talent Outline (2021-2035)", None),
      ("Regional Plan for Patent Services", None, "Regional Plan for Patent Services", None)]),
    ("The Notice of the Office on Issuing the Plan for Agent Training was sent out.",
     [("Notice of the Office on Issuing the Plan for Agent Training", None, "Notice of the Office on Issuing the Plan for Agent Training", None),
      ("Plan for Agent Training", "issues", "Plan for Agent Training", None)]),
    ("See Yun Zhi Fa [2022] No. 15 for details.", [("Yun Zhi Fa [2022] No. 15", None, None, "Yun Zhi Fa [2022] No. 15")]),
    ("During the 14th Five-Year Plan period the city trained agents.", []),
    ("She is Dean of the School of Law at a university.", []),
    ("\u201cWe will hire more graduates this year, as the plan says.\u201d", []),
])
def test_english_citations(text, expected):
    assert _found(find_citations_en(text), text) == expected


@pytest.mark.parametrize("a, b", [
    ("The 14th Five-Year Plan for IP Talents", "14th Five-Year Plan for IP Talent"),
    ("《某部关于加强人才培养的意见》", "某部关于加强人才培养的意见"),
    ("“Notice on Agents”", "notice ON agents"),
])
def test_titles_that_name_one_document_normalise_alike(a, b):
    assert normalise_title(a) == normalise_title(b)


def test_a_number_names_the_target_before_a_title():
    assert target_key("某部关于就业的通知", "某部发〔2021〕8号") == target_key(None, "某部发 〔2021〕 第8号") == "number:某部发|2021|8"
    assert target_key("《某部关于就业的通知》", None) == "title:某部关于就业的通知"


def test_relation_rows_skip_a_title_line_and_add_the_manifest_relations():
    entry = {"id": "doc", "language": "en", "about": ["other"], "translation_of": "original"}
    clauses = [
        {"id": "doc-p1-c1", "text": "Notice on Training Young Patent Agents", "start": 0},
        {"id": "doc-p2-c1", "text": "It carries out the Plan for Agent Training of the city.", "start": 40},
    ]
    rows = relation_rows(entry, clauses)
    assert [(r["id"], r["kind"], r["to_document_id"], r["evidence_start"], r["evidence_end"]) for r in rows] == [
        ("doc-p2-c1-r1", "cites", None, 59, 82), ("doc-p2-c1-r2", "implements", None, 59, 82),
        ("doc--reports_on--other", "reports_on", "other", None, None),
        ("doc--translates--original", "translates", "original", None, None),
    ]
