"""The indicator mapper's rules, one table each: what a figure counts, whose it is, whether it is a change,
which cue wins and the date it is as of. Sentences are our own; the registry is the corpus's."""
import pytest

from ingest.corpusfiles import INDICATORS, REPOSITORY_CORPUS
from ingest.errors import CorpusError
from ingest.normalise import normalise
from ingest.taggers.dates import tag_dates
from ingest.taggers.figures import tag_figures
from ingest.taggers.indicators import (document_scope, figure_scope, figure_units, increment_span, load_registry,
                                       map_figures, scope_markers)

REGISTRY = load_registry(REPOSITORY_CORPUS / INDICATORS)


def map_sentences(sentences, lang, doc_date, title=None, issuer=None):
    """Map the figures of one paragraph of sentences (one clause each) as the pipeline does:
    [(surface, indicator, as_of, method)] for the mapped ones."""
    clauses, figures, dates, start = [], [], {}, 0
    for n, text in enumerate(sentences, start=1):
        clause = {"id": f"d-p1-c{n}", "section_id": None, "paragraph": 1, "text": text, "start": start}
        clauses.append(clause)
        dates[clause["id"]] = tag_dates(text, lang, doc_date)
        for k, f in enumerate(tag_figures(text, lang, doc_date, dates=dates[clause["id"]]), start=1):
            figures.append({"id": f"{clause['id']}-f{k}", "document_id": "d", "clause_id": clause["id"],
                            "indicator_id": None, "surface": f["surface"], "start": start + f["start"],
                            "end": start + f["end"], "value": f["value"], "unit": f["unit"], "kind": f["kind"],
                            "year": f["year"]})
        start += len(text) + 1
    rows = map_figures(figures, clauses, dates, [], doc_date, lang, REGISTRY, title, issuer)
    surfaces = {f["id"]: f["surface"] for f in figures}
    return [(surfaces[r["figure_id"]], r["indicator"], r["as_of"], r["method"]) for r in rows]


@pytest.mark.parametrize("sentences, lang, doc_date, expected", [
    # The nearest cue in the figure's part wins: institutions take 服务机构, employees take 服务业从业人员; the growth
    # rate's part has no cue and the part before states a figure of its own.
    (["截至2022年底，全国知识产权服务机构共有7万家，知识产权服务业从业人员达90万人，比上年增长4%。"], "zh", "2023-05-01",
     [("7万", "ip-services-institutions", "2022-12-31", "cue"), ("90万", "ip-services-employees", "2022-12-31", "cue")]),
    # 其中 continues the clause before: its figure is as of that clause's date.
    (["截至2022年底，全国知识产权服务机构共有7万家。", "其中，专利代理机构达到5000家。"], "zh", "2023-05-01",
     [("7万", "ip-services-institutions", "2022-12-31", "cue"), ("5000", "patent-agencies", "2022-12-31", "cue")]),
    # A change is no level.
    (["今年一季度，全国新增执业专利代理师2000人。"], "zh", "2024-04-20", []),
    # A percentage is no head count.
    (["截至2022年底，全国知识产权人才总量比上年增长12%。"], "zh", "2023-05-01", []),
    # One province's institutions are not the country's.
    (["江苏省知识产权服务机构超过6000家。"], "zh", "2023-05-01", []),
    # A target: its year.
    (["到2025年，全国知识产权人才总量将超过100万人。"], "zh", "2021-12-31", [("100万", "ip-talents", "2025", "cue")]),
    (["By 2025, the number of intellectual property talents will exceed 1 million."], "en", "2021-12-31",
     [("1 million", "ip-talents", "2025", "cue")]),
    # The cue in the part before, which states no figure of its own; the sentence's period gives the date.
    (["During the 13th Five-Year period the national intellectual property talent team has grown rapidly, up to 700 "
      "thousand people with a better structure."], "en", "2021-12-31",
     [("700 thousand", "ip-talents", "2020-12-31", "cue in the part before")]),
    # The clause before names what the first figure counts; the second takes its own part's cue.
    (["So far, all localities have organized special recruitment activities for the IP services industry.",
      "During 30 sessions, more than 50 conferences and training sessions were organized."], "en", "2020",
     [("30", "job-fairs", "2020", "cue in the clause before"), ("50", "ip-services-promotion-sessions", "2020", "cue")]),
    # Two figures share the date after them; a running total "so far this year" is as of the document's date.
    (["The country had 5,000 patent agencies and about 40,000 licensed patent agents by the end of last year."], "en",
     "2024-04-16", [("5,000", "patent-agencies", "2023-12-31", "cue"), ("40,000", "licensed-patent-attorneys", "2023-12-31", "cue")]),
    (["今年以来，各地共举办知识产权服务业专场招聘会80余场。"], "zh", "2024-05-18", [("80", "job-fairs", "2024-05-18", "cue")]),
    # A firm's agents, and one agency's minimum, are not the country's.
    (["Founded in 2010, Example IP Group employs 500 people, including 120 licensed patent agents."], "en", "2024-03-05", []),
    (["An agency must employ at least two licensed patent agents as partners."], "en", "2024-03-05", []),
    # Those who passed an exam are not its applicants; those who applied are.
    (["In 2023, 20,000 people passed the patent attorney qualification exam, and 100,000 people applied to sit the "
      "national patent attorney exam."], "en", "2024-04-16", [("100,000", "patent-attorney-exam-applicants", "2023", "cue")]),
])
def test_map_sentences(sentences, lang, doc_date, expected):
    assert map_sentences(sentences, lang, doc_date) == expected


def test_a_local_document_gives_local_figures_unless_its_text_says_national():
    sentence = ["本次招聘会共邀请服务机构40家，提供就业岗位200余个。"]
    assert map_sentences(sentence, "zh", "2023-05-19", "关于举办2023年无锡市知识产权服务业专场招聘会的通知") == []
    assert map_sentences(sentence, "zh", "2023-05-19", "关于举办知识产权服务业专场招聘会的通知") == [
        ("200", "jobs-offered", "2023-05-19", "cue")]
    national = ["据统计，全国知识产权服务机构提供就业岗位5000余个。"]
    assert map_sentences(national, "zh", "2023-05-19", "无锡市知识产权局转发的通知") == [
        ("5000", "jobs-offered", "2023-05-19", "cue")]


@pytest.mark.parametrize("unit, surface, after, lang, expected", [
    ("percent", "5.3%", "。", "zh", {"percent"}),
    ("知识产权服务机构", "6.6万", "家，知", "zh", {"institutions", "bases"}),
    ("岗位", "5200", "余个，", "zh", {"jobs"}),
    (None, "60", "余场，", "zh", {"events"}),
    ("知识产权人才", "69万", "人。", "zh", {"people"}),
    ("intellectual property jobs", "1,490", " for", "en", {"jobs"}),
    ("times", "4,618", " times", "en", {"visits", "person-times", "events"}),
    ("times", "double", " the", "en", {"times"}),
    ("types of international training sessions", "19", " types", "en", None),
    ("publications", "1,512", " related", "en", None),
])
def test_figure_units(unit, surface, after, lang, expected):
    found = figure_units(unit, surface, after, lang)
    assert (set(found) if found is not None else None) == expected


@pytest.mark.parametrize("text, number, lang, expected", [
    ("江苏省知识产权服务机构超过5000家", "5000", "zh", "local"),
    ("截至2020年底，全国执业专利代理师达2.3万人", "2.3万", "zh", "national"),
    ("国家知识产权局12日在北京举行新闻发布会称，截至2022年底，内地知识产权人才队伍规模已超过86万人", "86万", "zh", "national"),
    ("南京一家专利代理机构的负责人说，该所今年已录用应届毕业生12名", "12", "zh", "local"),
    ("调查显示，受访机构共有执业专利代理师2180人", "2180", "zh", "local"),
    ("According to statistics, the province will provide 1,490 intellectual property jobs", "1,490", "en", "local"),
    ("The press conference held in Beijing said China had 36,000 licensed patent agents", "36,000", "en", "national"),
    ("BEIJING, Sept. 6 (Xinhua) -- The country now has 41 national IP training bases", "41", "en", "national"),
    ("Systematically carried out over 150 retraining sessions for local IP administrative personnel", "150", "en", "national"),
])
def test_figure_scope(text, number, lang, expected):
    folded = normalise(text)
    assert figure_scope(scope_markers(folded, lang), folded.index(number), []) == expected


def test_figure_scope_looks_back_through_the_paragraph_then_to_the_document():
    before = [scope_markers("The Sichuan Intellectual Property Service Promotion Center organized a recruitment event.", "en")]
    assert figure_scope([], 10, before) == "local"
    assert figure_scope([], 10, [[], scope_markers("So far, all localities have organized fairs.", "en")]) == "national"
    assert figure_scope([], 10, [], "local") == "local"


@pytest.mark.parametrize("title, issuer, expected", [
    ("关于举办2023年无锡市知识产权服务业高校毕业生专场招聘会的通知", "无锡市市场监督管理局", "local"),
    ("安徽省知识产权服务业人才发展报告（2022年度）", "安徽省知识产权局", "local"),
    ("Shenzhen IP job fair offers 1,600 posts for graduates", "Shenzhen Daily", "local"),
    ("Shanghai Rolls Out New Measures to Attract IP Talent", "Tongxin & Partners", "local"),
    ("China: Revised Patent Agency Measures Tighten Supervision", "Harborview LLP", "national"),
    ("內地知識產權人才隊伍規模超８６萬人", "華聞資訊網", "national"),
    ("国家知识产权局举行2024年第一季度例行新闻发布会", "国家知识产权局", "national"),
    ("CNIPA press conference: China's IP talent grows to 860,000", "China IP News", "national"),
])
def test_document_scope(title, issuer, expected):
    assert document_scope(title, issuer) == expected


@pytest.mark.parametrize("text, number, lang, changed", [
    ("新增执业专利代理师2150人", "2150", "zh", True),
    ("比2022年底增加498家", "498", "zh", True),
    ("执业专利代理师3.5万人", "3.5万", "zh", False),
    ("The CNIPA plans to set up 10 more national IP training bases", "10", "en", True),
    ("China added some 4,900 licensed patent agents in 2022", "4,900", "en", True),
    ("it will also hold more than 200 online job fairs", "200", "en", False),
    ("the number reached 38,500, an increase of 11.3%", "38,500", "en", False),
])
def test_increment_span(text, number, lang, changed):
    start = text.index(number)
    assert (increment_span(text, 0, start, start + len(number), lang) is not None) == changed


@pytest.mark.parametrize("body, message", [
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people}\n"
     "  - {id: a, name_en: B, name_zh: 乙, definition: d, unit: people}\n", "duplicate indicator id 'a'"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people, scope: city}\n", "scope must be one of"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people, scope: provincial}\n", "needs 'where'"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people, colour: red}\n", "unknown field(s): colour"),
    ("indicators:\n  - {id: a b, name_en: A, name_zh: 甲, definition: d, unit: people}\n", "not URL-safe"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d}\n", "has no unit"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people, table_rows: [X]}\n"
     "  - {id: b, name_en: B, name_zh: 乙, definition: d, unit: people, table_rows: [x]}\n", "table row 'x' is given to"),
    ("indicators:\n  - {id: a, name_en: A, name_zh: 甲, definition: d, unit: people, cues: {en: ['/(unclosed/']}}\n",
     "bad pattern"),
])
def test_a_bad_registry_is_an_error_naming_the_file_and_line(tmp_path, body, message):
    path = tmp_path / "indicators.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        load_registry(path)
    assert message in str(e.value) and "indicators.yml" in str(e.value)


def test_the_corpus_registry_loads_and_every_table_row_is_unique():
    ids = [ind["id"] for ind in REGISTRY["indicators"]]
    assert len(ids) == len(set(ids)) and "ip-talents" in ids
    assert REGISTRY["by_table_row"]["the number of intellectual property talents"]["id"] == "ip-talents"
