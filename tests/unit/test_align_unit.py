"""Alignment pieces: numbers that must agree across languages, heading numbers, clause items, and the aligner on
short texts written for these tests."""
import pytest

from ingest.align import Unit, align, compare_numbers, heading_ordinal, numbers_in, split_segments


@pytest.mark.parametrize("zh, en, agree", [
    ("2023年7月1日前报送。", "Submit before July 1, 2023.", True),
    ("新增岗位不少于1500个。", "No fewer than 1,500 new jobs.", True),
    ("培训费减免30%。", "Training fees are cut by 30%.", True),
    ("全省有8.6万名专利代理师。", "The province has 86,000 patent attorneys.", True),
    ("全省有8.6万名专利代理师。", "The province has 86 thousand patent attorneys.", True),
    ("举办4场招聘会。", "Hold four job fairs.", True),
    ("举办四场招聘会。", "Hold 4 job fairs.", True),
    ("于2023年5月至9月开展。", "From May to September 2023.", True),
    ("某知发〔2023〕4号", "Mou Zhi Fa [2023] No. 4", True),
    ("组织300家机构参加。", "Bring 30 institutions in.", False),
    ("2023年7月1日前报送。", "Submit before July 11, 2023.", False),
    ("计划招聘毕业生。", "The plan may hire graduates.", None),
])
def test_numbers_agree_across_languages(zh, en, agree):
    assert compare_numbers(numbers_in(zh, "zh"), numbers_in(en, "en"))[0] is agree


@pytest.mark.parametrize("number, ordinal", [("二、", 2), ("（三）", 3), ("II.", 2), ("IV.", 4), ("(4)", 4), ("5.", 5),
                                              ("十二、", 12), ("第三章", 3), (None, None), ("--", None)])
def test_heading_ordinals(number, ordinal):
    assert heading_ordinal(number) == ordinal


@pytest.mark.parametrize("text, items", [
    ("Do one; do two; and do three.", ["Do one;", "do two;", "and do three."]),
    ("One item only.", ["One item only."]),
    ("A list: a;b; c", ["A list: a;b;", "c"]),
    ("做好一；做好二；", ["做好一；", "做好二；"]),
])
def test_clauses_are_cut_after_each_semicolon_that_ends_an_item(text, items):
    assert [text[a:b] for a, b in split_segments(text)] == items


def _units(texts, kind="clause"):
    return [Unit("clauses", f"u{n}", kind, t, 100 * n, 100 * n + len(t), None, t) for n, t in enumerate(texts)]


def test_a_merged_translation_sentence_and_a_translator_note_align():
    zh = _units(["某市今年计划举办12场招聘会。", "每场招聘会提供不少于200个岗位。", "参会单位须于2023年3月1日前报名。",
                 "市局将对表现突出的单位予以通报表扬。"])
    en = _units(["Translator's note: this is an informal rendering.",
                 "The city plans 12 job fairs this year, each with no fewer than 200 posts.",
                 "Employers must register before March 1, 2023.",
                 "The municipal office will publicly commend employers that do outstandingly well."])
    beads = align(zh, en, "zh", "en")
    assert [(b.original, b.translation) for b in beads] == [((), (0,)), ((0, 1), (1,)), ((2,), (2,)), ((3,), (3,))]
    assert all(b.numbers_agree in (True, None) for b in beads)
    assert beads[0].confidence == 0.0 and beads[2].confidence > 0.8


def test_headings_pair_with_headings_of_the_same_number():
    zh = [Unit("sections", "s1", "heading", "一、总体要求", 0, 6, 1, "总体要求"),
          Unit("clauses", "c1", "clause", "要做好毕业生就业工作。", 7, 18, None, "要做好毕业生就业工作。"),
          Unit("sections", "s2", "heading", "二、保障措施", 19, 25, 2, "保障措施")]
    en = [Unit("sections", "e1", "heading", "I. General requirements", 0, 23, 1, "General requirements"),
          Unit("clauses", "f1", "clause", "Graduate employment must be done well.", 24, 62, None, "Graduate employment must be done well."),
          Unit("sections", "e2", "heading", "II. Safeguards", 63, 77, 2, "Safeguards")]
    beads = align(zh, en, "zh", "en")
    assert [(b.original, b.translation) for b in beads] == [((0,), (0,)), ((1,), (1,)), ((2,), (2,))]
