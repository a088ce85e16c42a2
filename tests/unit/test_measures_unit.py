"""Unit tests for ingest.taggers.measures: clause text in, measures and modality out. No database."""
import re
import shutil

import pytest

from support import CORPUS, corpus_lines
from ingest.errors import CorpusError
from ingest.taggers.measures import carries_lead_in, clause_literals, load_taxonomy, tag_measures, tag_modality
from ingest.normalise import normalise

MEASURES_YML = CORPUS / "measures.yml"


@pytest.fixture(scope="module")
def taxonomy():
    return load_taxonomy(MEASURES_YML)


def measure_ids(text, lang, taxonomy):
    """tag_measures as a set of ids, checking every span points at text that the cue matched."""
    tags = tag_measures(text, lang, taxonomy)
    for t in tags:
        assert 0 <= t["start"] < t["end"] <= len(text)
        assert t["method"] in ("cue", "pattern")
    assert len({t["measure_id"] for t in tags}) == len(tags), "one tag per measure"
    return {t["measure_id"] for t in tags}


# ---------------------------------------------------------------------------------------------- measures
@pytest.mark.parametrize("text, expected", [
    # The notice's section 二: 先上岗、再考证 is the qualification rule; going to work at an agency is hiring.
    ("推进“先上岗、再考证”，鼓励符合专利代理师资格考试报名条件的高校应届毕业生先行到专利代理机构就业，"
     "从事检索、咨询、翻译、研究、信息服务及技术支撑等工作，充分利用考试和资格优惠政策尽早获取职业资格；",
     {"qualification-exam", "recruitment"}),
    # Exam-preparation training with fees waived: not a qualification rule (资格考前 is not 资格考试).
    ("在举办专利代理师资格考前培训时，减免应届毕业生各项培训费用等措施。", {"fee-reduction", "training"}),
    ("请于6月30日前将本地区推出的措施及实施情况报送我局运用促进司。", {"reporting"}),
    ("通过购买服务方式稳定就业；", {"government-purchase"}),
    ("要联系高校有关部门，在专场招聘会中吸纳优秀应届毕业生就业。", {"recruitment", "university-industry-matching"}),
    ("要深入知识产权服务机构调研，宣讲国家和地方相关扶持政策。", {"organisation", "publicity"}),
    # Background, not a measure: 吸纳就业 as a topic, and an attachment line naming a statistics form.
    ("同时，知识产权服务业在吸纳就业方面发挥着重要作用。", set()),
    ("附件：各省（区、市）知识产权服务机构吸纳就业人数统计表", set()),
    # Sentences not in the corpus.
    ("各地要组织专场招聘会，为高校毕业生提供就业岗位。", {"recruitment"}),
    ("加快建设高水平知识产权人才队伍，建立专家库。", {"talent-team", "think-tank"}),
    ("年底前将人才统计数据报送我局。", {"reporting"}),
    # Traditional characters and full-width forms are folded before matching.
    ("要加強專利代理師培訓，免收考試費用。", {"training", "fee-reduction"}),
])
def test_tag_measures_chinese(taxonomy, text, expected):
    assert measure_ids(text, "zh", taxonomy) == expected


@pytest.mark.parametrize("text, expected", [
    ("Strengthen the training of patent examination personnel.", {"training"}),
    ("Improve the hiring mechanism for trademark examiners.", {"recruitment"}),
    ("Recruit, train, utilize, develop, manage and stabilize the personnel for IP examination.",
     {"recruitment", "training", "talent-team"}),
    # "training bases" is infrastructure: training-platform, not training.
    ("Implement dynamic adjustment of national intellectual property training bases.", {"training-platform"}),
    ("Strengthen international exchanges of intellectual property talents.", {"international"}),
    ("We will refine the classification of intellectual property expert databases.", {"think-tank"}),
    ("Where conditions permit, senior title appraisal committees should be established.", {"talent-evaluation"}),
    # Word prefixes: "train" is in "constrain" but does not start a word there.
    ("Nothing constrains the office.", set()),
    # Machine-translated text glues words together: "yearRecruitment" still starts a word at "R".
    ("It started this yearRecruitment drives followed.", {"recruitment"}),
    # A cue written with ' matches the typographic ’ too.
    ("The university runs a Master’s Program in IP.", {"degree-programme"}),
    # "selecting and sending personnel to training abroad" is dispatching trainees, not selecting talent.
    ("Make full use of training resources and selecting and sending personnel to training programs abroad.",
     {"training", "international"}),
])
def test_tag_measures_english(taxonomy, text, expected):
    assert measure_ids(text, "en", taxonomy) == expected


def test_tag_measures_span_and_cue(taxonomy):
    text = "We will build a talent team and strengthen training."
    assert tag_measures(text, "en", taxonomy) == [
        {"measure_id": "talent-team", "cue": "talent team", "start": 16, "end": 27, "method": "cue"},
        {"measure_id": "training", "cue": "train", "start": 43, "end": 48, "method": "cue"},
    ]


def test_tag_measures_pattern_cue(taxonomy):
    text = "到本单位就业的毕业生"
    [tag] = tag_measures(text, "zh", taxonomy)
    assert (tag["measure_id"], tag["method"], text[tag["start"]:tag["end"]]) == ("recruitment", "pattern", "到本单位就业")


# ---------------------------------------------------------------------------------------------- modality
@pytest.mark.parametrize("text, lead_in, expected", [
    ("要深入知识产权服务机构调研，宣讲国家和地方相关扶持政策。", None, ("obligation", "要")),
    ("对工作成效显著的地方，我局将以适当的方式予以表扬。", None, ("obligation", "我局将")),
    # Reporting beats the 要 of obligation.
    ("实施过程中的好经验、好做法和取得重要成果要及时总结上报。", None, ("reporting", "上报")),
    ("请于6月30日前将本地区推出的措施及实施情况报送我局运用促进司。", None,
     ("reporting", "6月30日前将本地区推出的措施及实施情况报送")),
    # 重要 and 应届 contain 要 and 应 without being modal.
    ("知识产权服务业是知识产权领域的重要组成部分，具有重要作用。", None, ("fact", None)),
    ("特此通知。", None, ("fact", "特此通知")),
    # The preamble's 支持和引导 names the notice's topic; it steers nobody.
    ("为促进知识产权服务业可持续发展，现就支持和引导知识产权服务业稳定和扩大就业有关事项通知如下：", None,
     ("fact", "通知如下")),
    # Clause-initial directive verb; an embedded 鼓励 does not change an obligation item.
    ("推进“先上岗、再考证”，鼓励高校应届毕业生先行到专利代理机构就业；", None, ("obligation", "推进")),
    ("在充分调研基础上，研究制定有针对性的稳定和扩大就业措施。", None, ("obligation", "研究制定")),
    # A list item without a cue of its own inherits the lead-in's modality ...
    ("在举办专利代理师资格考前培训时，减免应届毕业生各项培训费用等措施。", "obligation", ("obligation", "lead-in")),
    ("在举办专利代理师资格考前培训时，减免应届毕业生各项培训费用等措施。", None, ("fact", None)),
    # ... but its own cue wins.
    ("鼓励高校毕业生到专利代理机构就业；", "obligation", ("encouragement", "鼓励")),
    ("要积极鼓励高校开设知识产权课程。", None, ("encouragement", "要积极鼓励")),
    ("到2025年，知识产权人才总量力争达到100万人。", None, ("target", "到2025年")),
    # A number reached, in a statement of fact, is an achievement.
    ("截至2023年底，知识产权人才规模达到86万人。", None, ("fact", "截至")),
])
def test_tag_modality_chinese(taxonomy, text, lead_in, expected):
    assert tag_modality(text, "zh", taxonomy, lead_in) == expected


@pytest.mark.parametrize("text, expected", [
    ("Strengthen the training of patent examination personnel.", ("obligation", "Strengthen")),
    ("Dynamically adjust personnel configurations based on service requirements.",
     ("obligation", "Dynamically adjust")),
    ("Each region should develop a batch of courses according to the local reality.", ("obligation", "should")),
    ("We will actively promote the reform of the title system, support local governments in setting standards.",
     ("obligation", "We will")),
    ("We will encourage central and local governments to jointly build IP institutes.",
     ("encouragement", "We will encourage")),
    ("Guide key cities to strengthen the cultivation of high-end operation talents.", ("encouragement", "Guide")),
    ("Strengthen the construction of personnel, guide local governments to carry out training.",
     ("obligation", "Strengthen")),
    ("Public lawyers and patent attorneys are encouraged to participate in IP mediation work.",
     ("encouragement", "encourage")),
    ("Build a trademark examination \"expert\" talent team composed of 100 people.", ("target", "100 people")),
    ("By 2025, the number of intellectual property talents will exceed 1 million.", ("target", "By 2025")),
    ("As of the end of 2023, the scale of IP talent has increased to 860,000.", ("fact", "As of")),
    ("So far, all localities have organized special recruitment activities.", ("fact", "So far")),
    ("The intellectual property industry is known as an emerging industry.", ("fact", None)),
    # "provide talent support" is a noun, not a steer.
    ("It aims to provide talent support for building an IP powerhouse.", ("fact", None)),
])
def test_tag_modality_english(taxonomy, text, expected):
    assert tag_modality(text, "en", taxonomy) == expected


@pytest.mark.parametrize("text, lang, expected", [
    ("通过购买服务方式稳定就业；", "zh", True),
    ("积极吸纳就业；  ", "zh", True),
    ("研究制定有针对性的措施。", "zh", False),
    ("要做好以下工作：", "zh", False),
    ("strengthen training;", "en", True),
    ("Strengthen training.", "en", False),
])
def test_carries_lead_in(text, lang, expected):
    assert carries_lead_in(text, lang) is expected


def test_carries_lead_in_wherever_a_semicolon_ends_the_text_before_white_space():
    r"""The same answer as the regex [;；]\s*$ on every corpus line and on white space \s matches."""
    ends = re.compile(r"[;；]\s*$")
    texts = [line for line, _ in corpus_lines()] + ["培训；\u3000", "培训;\n", "培训；\x1c", "a;b", "；\u00a0\t", ""]
    assert sum(ends.search(t) is not None for t in texts) >= 4
    assert [carries_lead_in(t, "zh") for t in texts] == [ends.search(t) is not None for t in texts]


# ---------------------------------------------------------------------------------------------- taxonomy
def test_load_taxonomy_shape(taxonomy):
    ids = [c["id"] for c in taxonomy["categories"]]
    assert len(ids) == len(set(ids)) >= 15
    assert {"recruitment", "training", "qualification-exam", "fee-reduction", "reporting"} <= set(ids)
    assert set(taxonomy["modalities"]) == {"obligation", "encouragement", "target", "reporting", "fact"}
    assert all(c["instrument"] in ("supply", "environment", "demand") for c in taxonomy["categories"])


NEW_CATEGORY = """
  - id: pledge-financing
    name_zh: 知识产权质押融资
    name_en: IP pledge financing
    instrument: supply
    definition: The clause provides or promotes financing secured on IP rights.
    cues:
      zh: [质押融资]
      en: [pledge financ, "/\\\\bsecuriti[sz]ation\\\\b/"]

"""


def add_to_taxonomy(tmp_path, before, text):
    """A copy of measures.yml with text inserted before the first line that starts with `before`."""
    path = tmp_path / "measures.yml"
    shutil.copy(MEASURES_YML, path)
    source = path.read_text(encoding="utf-8")
    at = source.index("\n" + before) + 1
    path.write_text(source[:at] + text + source[at:], encoding="utf-8")
    return path


def test_added_category_changes_tags_without_code_change(tmp_path, taxonomy):
    text = "By building the Beijing Pledge Financing Centre, Beijing will support securitization of IP."
    assert "pledge-financing" not in measure_ids(text, "en", taxonomy)
    edited = load_taxonomy(add_to_taxonomy(tmp_path, "modalities:", NEW_CATEGORY))
    tags = {t["measure_id"]: t for t in tag_measures(text, "en", edited)}
    assert tags["pledge-financing"]["cue"] == "pledge financ"
    assert text[tags["pledge-financing"]["start"]:tags["pledge-financing"]["end"]] == "Pledge Financ"
    assert measure_ids("推动知识产权质押融资。", "zh", edited) == {"pledge-financing"}
    assert "pledge-financing" in measure_ids("Promote the securitisation of patents.", "en", edited)


def test_added_cue_changes_tags_without_code_change(tmp_path, taxonomy):
    text = "组织毕业生参加见习。"
    assert "training" not in measure_ids(text, "zh", taxonomy)
    source = MEASURES_YML.read_text(encoding="utf-8")
    path = tmp_path / "measures.yml"
    path.write_text(source.replace("zh: [培训, ", "zh: [见习, 培训, ", 1), encoding="utf-8")
    assert "training" in measure_ids(text, "zh", load_taxonomy(path))


GOOD_CATEGORY = """  - id: training
    instrument: supply
    cues: {zh: [培训]}
"""
MODALITIES = """modalities:
  obligation: {cues: {zh: [要]}}
"""


@pytest.mark.parametrize("categories, message, line", [
    ("  - name_en: No id\n    instrument: supply\n", "missing its 'id'", 3),
    ("  - id: grants\n    instrument: subsidy\n", "instrument must be one of", 3),
    (GOOD_CATEGORY + GOOD_CATEGORY, "duplicate category id 'training' (first at line 3)", 6),
    ("  - id: Bad Id\n    instrument: supply\n", "not URL-safe", 3),
    # A cue's error names the cue's own line, not its category's.
    ("  - id: grants\n    instrument: supply\n    cues: {zh: [\"/(unclosed/\"]}\n", "bad pattern", 5),
    ("  - id: grants\n    instrument: supply\n    cues: {fr: [subvention]}\n", "unknown cue language 'fr'", 3),
    ("  - id: grants\n    instrument: supply\n    cues: {zh: 补贴}\n", "must be a list", 3),
])
def test_load_taxonomy_errors(tmp_path, categories, message, line):
    path = tmp_path / "measures.yml"
    path.write_text("version: 1\ncategories:\n" + categories + MODALITIES, encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        load_taxonomy(path)
    assert message in e.value.message
    assert e.value.line == line
    assert str(path) in str(e.value)


def test_load_taxonomy_bad_yaml_names_file_and_line(tmp_path):
    path = tmp_path / "measures.yml"
    path.write_text("version: 1\ncategories:\n  - id: training\n    cues: [培训\n", encoding="utf-8")
    with pytest.raises(CorpusError) as e:
        load_taxonomy(path)
    assert "malformed YAML" in e.value.message and e.value.line is not None


def test_load_taxonomy_unknown_modality(tmp_path):
    path = tmp_path / "measures.yml"
    path.write_text("categories:\n" + GOOD_CATEGORY + "modalities:\n  advice: {cues: {en: [may]}}\n", encoding="utf-8")
    with pytest.raises(CorpusError, match="unknown modality advice"):
        load_taxonomy(path)


def test_screens_never_hide_a_match(taxonomy):
    """Wherever a cue's regex matches a line of the corpus, one of its screening words is in that line."""
    lines = [normalise(line) for line, _ in corpus_lines()]
    entries = [*taxonomy["categories"], *taxonomy["modalities"].values()]
    checked = 0
    also = 0
    for cue in (c for e in entries for cues in (e["cues"], e["not_cues"]) for lang in cues for c in cues[lang]):
        if not cue.screen:
            continue
        for line in lines:
            if cue.regex.search(line):
                checked += 1
                present = clause_literals(line, "zh", taxonomy) | clause_literals(line, "en", taxonomy)
                assert not cue.screen.isdisjoint(present) and cue.holds_words_for(present), (cue.text, line)
                also += bool(cue.also)
    assert checked > 100 and also > 20  # the corpus exercises the screens, the test is not vacuous


def test_a_cue_phrase_matches_across_any_white_space(taxonomy):
    """A cue's words match across runs of spaces and tabs, though the phrase screens the clause in one piece."""
    for text in ("Hold a job fair in May.", "Hold a job  fair in May.", "Hold a JOB\tFair in May."):
        assert "recruitment" in [t["measure_id"] for t in tag_measures(text, "en", taxonomy)], text


def test_a_cue_with_an_apostrophe_matches_either_apostrophe(taxonomy):
    """master's program is screened by its longest piece, so both spellings still reach the regex."""
    for text in ("Universities opened a master's programme in IP.", "Universities opened a master’s programme in IP."):
        assert "degree-programme" in [t["measure_id"] for t in tag_measures(text, "en", taxonomy)], text


def test_screening_words_are_as_the_clause_is_screened(taxonomy):
    """Clauses are screened with their words one space apart and no space at either end, so no screening
    literal may hold other white space: it would never be found, and its cues never run."""
    literals = [lit for lang_set in taxonomy["literals"].values() for lit in lang_set.literals]
    assert any(" " in lit for lit in literals)  # phrase screens exist
    assert all(lit == " ".join(lit.split()) and lit for lit in literals), [
        lit for lit in literals if lit != " ".join(lit.split())]
    assert clause_literals("加强\n人才  培养", "zh", taxonomy) == clause_literals("加强 人才 培养", "zh", taxonomy)


def test_cues_looked_up_by_screening_words_are_those_each_cue_screen_lets_through(taxonomy):
    """CueIndex.candidates() remembers the cues of each set of screening words it has seen. On every line of the
    corpus, twice over, it gives exactly the cues, in the order written, that testing each cue's screens admits."""
    lines = [normalise(line) for line, _ in corpus_lines()]
    entries = [*taxonomy["categories"], *taxonomy["modalities"].values()]
    indexes = [index for e in entries for key in ("cues_index", "not_cues_index") for index in e[key].values()]
    admitted = 0
    for line in lines + lines:
        present = clause_literals(line, "zh", taxonomy) | clause_literals(line, "en", taxonomy)
        for index in indexes:
            expected = [cue for cue in index.cues
                        if (not cue.screen or not cue.screen.isdisjoint(present)) and cue.holds_words_for(present)]
            assert list(index.candidates(present)) == expected, line
            admitted += len(expected)
    assert admitted > 1000 and sum(len(index.by_hits) for index in indexes) > 50
