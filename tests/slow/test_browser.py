"""End to end in headless Chromium (Debian's), against `datasette serve` run the README's way.

Screenshots of each step go to test-output/browser/.
"""
import pytest
from playwright.sync_api import sync_playwright

from support import ROOT

SHOTS = ROOT / "test-output" / "browser"
CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page = context.new_page()
    yield page
    context.close()


def _shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def _cjk_font_renders(page):
    """True when a CJK font draws 专利 (a missing font shows tofu boxes of equal width for any glyph)."""
    return page.evaluate("""() => {
        const c = document.createElement('canvas').getContext('2d');
        c.font = '32px sans-serif';
        const a = c.measureText('专利').width, b = c.measureText('\\u{10FFFF}\\u{10FFFE}').width;
        return document.fonts.check('32px "Noto Sans CJK SC"') && a > 0 && a !== b;
    }""")


def test_search_in_chinese_open_clause_follow_permalink(page):
    page.goto("/policy/search")
    page.fill("input[name=q]", "专利代理师")
    page.click("form.sql input[type=submit]")
    page.wait_for_selector("table.rows-and-columns mark")
    _shot(page, "1-search-chinese")
    assert "专利代理师" in page.inner_text("table.rows-and-columns mark")
    assert _cjk_font_renders(page)
    # Open the first hit's clause page from the results.
    page.click("table.rows-and-columns td.col-clause a")
    page.wait_for_selector("blockquote.clause-text")
    _shot(page, "2-clause-page")
    clause_text = page.inner_text("blockquote.clause-text")
    assert "专利代理师" in clause_text
    # The citation's permalink is this page's address, on the host the browser asked.
    citation = page.inner_text("code.citation")
    permalink = citation.rsplit(" ", 1)[1]
    assert permalink == page.url
    page.goto(permalink)
    _shot(page, "3-permalink")
    assert page.inner_text("blockquote.clause-text") == clause_text


def test_search_in_english_with_expansion(page):
    page.goto("/policy/search")
    page.fill("input[name=q]", "patent attorney")
    page.fill("input[name=expand]", "both")
    page.click("form.sql input[type=submit]")
    page.wait_for_selector("p.search-expansion")
    _shot(page, "4-search-english-expanded")
    assert "专利代理师" in page.inner_text("p.search-expansion")
    snippets = page.locator("td.col-snippet").all_inner_texts()
    assert any("专利代理师" in s for s in snippets) and any("patent attorney" in s.lower() for s in snippets)


def test_table_search_box(page):
    page.goto("/policy/clauses")
    page.fill("input[name=_search]", "應屆畢業生")  # traditional characters, typed into Datasette's own box
    page.press("input[name=_search]", "Enter")
    page.wait_for_selector("table.rows-and-columns tbody tr")
    _shot(page, "5-table-search-traditional")
    assert "应届毕业生" in page.inner_text("table.rows-and-columns")


def test_copy_a_clause_citation(page):
    page.goto("/policy/clauses/cnipa-2020-37-s2-p1-c4")
    page.click("button.copy-citation")
    page.wait_for_selector("button.copy-citation:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    _shot(page, "6-copy-citation")
    assert copied.startswith("国家知识产权局, \"Notice on the Support")
    assert copied.endswith(page.url) and page.url.endswith("/policy/clauses/cnipa-2020-37-s2-p1-c4")


def test_find_a_figure_and_copy_its_citation(page):
    page.goto("/policy/find_figures?unit=jobs&document=news-2020-ip-services-employment")
    page.wait_for_selector("table.rows-and-columns td.col-figure a")
    _shot(page, "7-find-figures")
    page.click("table.rows-and-columns tr:has(td.col-surface:text-is('1,490')) td.col-figure a")
    page.wait_for_selector("blockquote.ledger-sentence")
    assert "1,490 intellectual property jobs" in page.inner_text("blockquote.ledger-sentence")
    page.click("button.copy-citation")
    page.wait_for_selector("button.copy-citation:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    _shot(page, "8-figure-citation-copied")
    assert copied.startswith("China Intellectual Property News, \"Stabilizing Employment")
    assert copied.endswith(" " + page.url)  # the permalink is the page's own address on this server
    # From the figure to its clause, as a journalist checks the sentence.
    page.click("a.clause-link")
    page.wait_for_selector("blockquote.clause-text")
    assert "1,490" in page.inner_text("blockquote.clause-text")
