"""Unnumbered headings (ingest/document/structure.py): a short line with no final punctuation is a heading
above a paragraph, and Chinese paragraphs are counted as long from 60 characters. No database."""
from ingest.document.lines import split_lines
from ingest.document.structure import find_blocks

# 62 characters, a whole paragraph in Chinese (an English paragraph of the same content runs to 80 or more).
PARAGRAPH_ZH = "3月中旬，东湖区知识产权服务业专场招聘会在区人才市场举行，40余家机构带来岗位600多个，吸引了省内外高校的应届毕业生前来应聘交流。"


def kinds(text, lang):
    return [(b.kind, b.line.text) for b in find_blocks(split_lines(text), lang)]


def test_a_short_line_with_a_comma_above_a_chinese_paragraph_is_a_heading():
    assert len(PARAGRAPH_ZH) >= 60
    text = "首段说明了背景情况。\n招得来，也要留得住\n" + PARAGRAPH_ZH
    assert kinds(text, "zh")[1] == ("heading", "招得来，也要留得住")


def test_a_label_above_a_short_sentence_is_no_heading():
    text = "首段说明了背景情况。\n联系人：王明\n电话另行通知。"
    assert kinds(text, "zh")[1][0] == "paragraph"


def test_an_english_line_above_a_short_paragraph_is_no_heading():
    text = "The first paragraph sets the scene.\nFirms, graduates and more\nIt was held in March with many firms there."
    assert kinds(text, "en")[1][0] == "paragraph"


def test_a_dash_led_subtitle_ends_the_title_block():
    lines = split_lines("招聘会为毕业生搭桥\n——多地推动服务机构与高校对接\n编者按\n" + PARAGRAPH_ZH)
    blocks = find_blocks(lines, "zh", titles=lines[:1])
    assert [(b.kind, b.line.text) for b in blocks][1:3] == [("paragraph", "——多地推动服务机构与高校对接"),
                                                           ("heading", "编者按")]


def test_a_question_or_answer_label_alone_on_its_line_heads_its_section():
    text = ("The member asked about training places.\nQuestion:\nHow many agents were trained last year?\n"
            "Answer:\nThe office trained 300 agents.")
    assert [k for k in kinds(text, "en") if k[0] == "heading"] == [("heading", "Question:"), ("heading", "Answer:")]


def test_a_question_label_with_its_words_on_the_line_is_text():
    text = "The member asked about training places.\nQuestion: How many agents were trained last year?"
    assert kinds(text, "en")[1][0] == "paragraph"


def test_a_cover_notice_closes_with_its_signature_before_the_title_of_what_it_issues():
    from ingest.document.gongwen import find_closing
    text = ("Notice of the Bureau on Issuing the Rules for Trainee Agents\nBu Fa [2023] No. 7\nAll branch offices:\n"
            "The Rules for Trainee Agents are hereby issued to you. Please follow them.\nThe Bureau\nMarch 2, 2023\n"
            "(This document is released to the public.)\nRules for Trainee Agents\n"
            "Chapter I General Provisions\nArticle 1 These Rules govern the training of new agents at every branch.")
    lines = split_lines(text)
    blocks = find_blocks(lines, "en", titles=lines[:1])
    closing = find_closing(blocks, "en")
    assert (closing.elements["signatories"], closing.elements["signed_date"]) == (["The Bureau"], "2023-03-02")
    assert [b.kind for b in blocks[closing.end:closing.end + 2]] == ["title", "heading"]
