"""The page-chrome rules of corpus/chrome.yml: every rule recognises its examples and leaves its counter-examples
alone; the page layout finds the title and the page's header and footer."""
import pytest

from ingest.document.chrome import _is_tools_line, classify_lines, fold, line_rule, load_chrome_rules
from ingest.document.layout import find_layout
from ingest.document.lines import split_lines
from support import CORPUS

RULES = load_chrome_rules(CORPUS / "chrome.yml")


def _matches(rule_name, line):
    """Does the named rule, on its own, take the line?"""
    if rule_name == RULES.tool_name:
        return _is_tools_line(fold(line), RULES.tool_words)
    rule = next(r for r in RULES.rules if r.name == rule_name)
    return any(p.search(fold(line)) for p in rule.patterns)


@pytest.mark.parametrize("rule, line", [(r, line) for r, line, positive in RULES.examples if positive])
def test_each_rule_recognises_its_examples(rule, line):
    assert _matches(rule, line)
    assert line_rule(line, RULES) is not None


@pytest.mark.parametrize("rule, line", [(r, line) for r, line, positive in RULES.examples if not positive])
def test_no_rule_takes_a_counter_example(rule, line):
    assert line_rule(line, RULES) is None, line


def test_every_rule_has_examples():
    named = {r for r, _, positive in RULES.examples if positive}
    assert named == {r.name for r in RULES.rules} | {RULES.tool_name}


def test_rules_match_folded_text():
    """Traditional characters, full-width forms and capitals are matched by rules written in their plain forms."""
    for line in ("發布時間：２０２３-07-12", "ＵＰＤＡＴＥＤ: 2023-06-14", "【打印】　【關閉】", "版權所有"):
        assert line_rule(line, RULES) is not None, line


def _layout(text, lang="zh"):
    lines = split_lines(text)
    layout = find_layout(lines, classify_lines(lines, RULES), lang)
    return ([lines[i].text for i in layout.titles],
            [(lines[i].text, c.reason) for i, c in sorted(layout.chrome.items())])


def test_everything_above_a_breadcrumb_is_page_header_and_the_title_is_above_the_dateline():
    titles, chrome = _layout("某市网\n新闻 | 政务\n首页 > 新闻 > 正文\n经济\n某市举办知识产权招聘会\n发布时间：2023-05-06\n"
                             "本报讯　5月6日，某市举办招聘会。\n【打印】【关闭】\n相关新闻\n某市专利授权量增长\n版权所有 某市网\n")
    assert titles == ["某市举办知识产权招聘会"]
    assert chrome == [("某市网", "page header"), ("新闻 | 政务", "page header"), ("首页 > 新闻 > 正文", "breadcrumb"),
                      ("经济", "page header"), ("发布时间：2023-05-06", "dateline"), ("【打印】【关闭】", "page end"),
                      ("相关新闻", "related links"), ("某市专利授权量增长", "related links"), ("版权所有 某市网", "copyright")]


def test_print_links_above_the_text_do_not_end_the_page():
    titles, chrome = _layout("关于做好工作的通知\n发布时间：2022-04-29\n打印本页　关闭窗口\n某发〔2022〕1号\n关于做好工作的通知\n"
                             "各市：\n请做好工作。\n特此通知。\n")
    assert titles == ["关于做好工作的通知", "关于做好工作的通知"]  # printed twice: both are the title
    assert [text for text, _ in chrome] == ["发布时间：2022-04-29", "打印本页　关闭窗口"]


def test_a_date_under_a_byline_dates_the_page_and_related_links_are_chrome():
    titles, chrome = _layout("New rules for patent agents\nBy Ann Lee, Partner\nMarch 8, 2023\n\n"
                             "The office issued new rules on March 7. They take effect in May.\n\n"
                             "Related Stories\nAgents in demand\nExam opens to more graduates\n\n"
                             "Closing paragraph of the article is not here.\n", "en")
    assert titles == ["New rules for patent agents"]
    assert chrome[:2] == [("By Ann Lee, Partner", "byline"), ("March 8, 2023", "dateline")]
    assert [text for text, reason in chrome if reason == "related links"] == [
        "Related Stories", "Agents in demand", "Exam opens to more graduates"]
    assert "Closing paragraph of the article is not here." not in [text for text, _ in chrome]


def test_a_document_without_chrome_keeps_its_first_line_as_title():
    titles, chrome = _layout("Plan for Patent Agent Training\nI. Goals\nBy 2025, the number will exceed 40 thousand.\n", "en")
    assert titles == ["Plan for Patent Agent Training"] and chrome == []
    titles, chrome = _layout("As of the end of 2023, there were 86 thousand agents.\nMore text follows here.\n", "en")
    assert titles == [] and chrome == []


def test_contact_lines_among_the_texts_own_labels_are_text_and_in_a_footer_chrome():
    """Address:/Tel: beside a label line no rule takes (Time: …), right under the text, are the text's own (an
    event's details); under a copyright line they are the site's footer."""
    event = ("Firms may join the spring career day at the library hall.\nAddress: 8 Lake Road, West District\n"
             "Time: 10 am-3 pm, April 12\nTel: 020-5555 1234\n")
    lines = split_lines(event)
    assert classify_lines(lines, RULES) == {}
    footer = "Firms may join the spring career day.\nCopyright © City News. All rights reserved.\n" \
             "Address: 8 Lake Road\nHours: 9 am-5 pm\nTel: 020-5555 1234\n"
    lines = split_lines(footer)
    assert sorted(classify_lines(lines, RULES)) == [1, 2, 4]
