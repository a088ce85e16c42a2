"""End to end in headless Chromium (Debian's), against `datasette serve` run the README's way on a free port.

The server listens on 127.0.0.1; the browser reaches it as 127.0.0.1, as localhost, and as kb.test (mapped
to 127.0.0.1 by a Chromium flag): a plain-HTTP hostname, where pages are not a secure context and
navigator.clipboard does not exist, as on a newsroom's intranet server. Screenshots go to
test-output/browser/; axe-core (through axe-playwright-python) checks accessibility.
"""
import re
from urllib.parse import urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

from support import ROOT, axe_and_overflow_problems

SHOTS = ROOT / "test-output" / "browser"
CHROMIUM = "/usr/bin/chromium"
PLAIN_HOST = "kb.test"
# Without these, Chromium keeps trying to reach Google's services, which this network refuses.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--host-resolver-rules=MAP {PLAIN_HOST} 127.0.0.1"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def browser():
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


def _base(server, host):
    port = urlsplit(server).port
    return f"http://{host}:{port}"


def _context(browser, base, viewport=DESKTOP):
    # No clipboard permission is granted anywhere: copying must work without it.
    return browser.new_context(base_url=base, locale="zh-CN", viewport=viewport)


@pytest.fixture
def page(browser, server):
    context = _context(browser, server)
    page = context.new_page()
    yield page
    context.close()


def _shot(page, name, full_page=False):
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


def _font_of(page, selector):
    """The font Chromium actually drew the element's text with (DevTools' platform fonts)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return max(fonts, key=lambda f: f["glyphCount"])["familyName"]


def _pasted(page):
    """What the clipboard holds: pasted with Ctrl+V into a fresh textarea of the page."""
    page.evaluate("() => { const t = document.createElement('textarea'); t.id = 'paste-here'; t.setAttribute('aria-label', 'paste');"
                  " document.body.appendChild(t); }")
    page.focus("#paste-here")
    page.keyboard.press("Control+V")
    text = page.input_value("#paste-here")
    page.evaluate("() => document.getElementById('paste-here').remove()")
    return text


def _submit(page):
    page.click("form.search-form button[type=submit]")
    page.wait_for_load_state()


def test_researcher_searches_with_filters_and_pages_to_the_last_result(page):
    page.goto("/policy/search")
    page.fill("#q", "talent")
    page.select_option("#f-language", "en")
    page.select_option("#f-type", "plan")
    _submit(page)
    page.wait_for_selector("ol.results li.result")
    _shot(page, "01-search-filtered")
    summary = page.inner_text("h2.search-summary")
    count = int(re.match(r"([\d,]+) matching", summary).group(1).replace(",", ""))
    assert count > 20  # more than one page
    assert "bm25()" in page.inner_text(".ranking-note")
    assert all(t.startswith("The 14th Five-Year Plan") for t in page.locator(".result-head a[lang]").all_inner_texts())
    seen = []
    while True:
        seen += page.locator("a.result-link").all_inner_texts()
        nxt = page.locator("nav.pager a[rel=next]")
        if nxt.count() == 0:
            break
        nxt.first.click()
        page.wait_for_selector("ol.results li.result")
    _shot(page, "02-search-last-page")
    assert len(seen) == len(set(seen)) == count
    assert page.locator("ol.results li.result").last.get_attribute("id") == f"result-{count}"
    # The filters are kept across pages and shown as chosen.
    assert page.input_value("#f-type") == "plan" and page.input_value("#f-language") == "en"


def test_cross_language_compound_search_returns_both_languages(page):
    page.goto("/policy/search")
    page.fill("#q", "知识产权服务")
    page.check("input[name=expand]")
    _submit(page)
    page.wait_for_selector(".search-expansion")
    _shot(page, "03-search-compound-both-languages")
    explained = page.inner_text(".search-expansion")
    assert "intellectual property" in explained and "service" in explained
    languages = {s.get_attribute("lang") for s in page.locator("p.result-snippet").all()}
    page.goto(page.url.replace("/search?", "/search?_size=max&"))
    languages |= {s.get_attribute("lang") for s in page.locator("p.result-snippet").all()}
    assert languages == {"zh", "en"}
    snippets = page.locator("p.result-snippet").all_inner_texts()
    assert any("知识产权服务" in s for s in snippets) and any("intellectual property service" in s.lower() for s in snippets)
    assert _font_of(page, 'p.result-snippet[lang="zh"]') in ("Noto Sans CJK SC", "Noto Sans SC")


@pytest.mark.parametrize("host", [PLAIN_HOST, "127.0.0.1", "localhost"])
def test_journalist_copies_a_chinese_and_an_english_citation(browser, server, host):
    base = _base(server, host)
    context = _context(browser, base)
    page = context.new_page()
    try:
        page.goto("/policy/clauses/cnipa-2020-37-s2-p1-c4")
        if host == PLAIN_HOST:
            assert page.evaluate("window.isSecureContext") is False and page.evaluate("!!navigator.clipboard") is False
        for button, starts in (("button.copy-zh", "国家知识产权局. 国家知识产权局关于"),
                               ("button.copy-en", "China National Intellectual Property Administration, \"Notice on")):
            page.click(button)
            page.wait_for_selector(f"{button}.copied")
            assert "Copied" in page.inner_text(f"{button} + .copy-status")
            copied = _pasted(page)
            assert copied.startswith(starts), copied
            assert copied.endswith(f"{base}/policy/clauses/cnipa-2020-37-s2-p1-c4"), copied  # the host the browser used
            assert copied == page.locator(button).get_attribute("data-citation")
        _shot(page, f"04-citation-copied-{host}")
        # The English citation of an unofficial translation says so; the Chinese one is in Chinese throughout.
        page.goto("/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2")
        page.click("button.copy-en")
        page.wait_for_selector("button.copy-en.copied")
        assert "unofficial English translation by Zhifan IP Attorneys" in _pasted(page)
        page.click("button.copy-zh")
        page.wait_for_selector("button.copy-zh.copied")
        zh = _pasted(page)
        assert zh.startswith("国家知识产权局. 知识产权人才“十四五”规划") and zh.endswith(f"{base}/policy/clauses/ip-talent-plan-2021-s2-3-p1-c2")
    finally:
        context.close()


def test_reading_a_document_through_its_table_of_contents(page):
    page.goto("/policy/documents/ip-talent-plan-2021")
    page.wait_for_selector("nav.toc")
    _shot(page, "05-document-header-and-contents")
    assert "Unofficial English translation" in page.inner_text("dl.facts")
    page.click("nav.toc a:has-text('Main Objectives')")
    page.wait_for_function("location.hash === '#ip-talent-plan-2021-s2-3'")
    heading = page.locator("#ip-talent-plan-2021-s2-3")
    assert heading.is_visible() and "Main Objectives" in heading.inner_text()
    box = heading.bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"] / 2  # scrolled to the heading
    _shot(page, "06-document-at-main-objectives")
    # From the heading's quiet anchor to the section page, and on to the next section.
    heading.locator("a.anchor").click()
    page.wait_for_selector("nav.prev-next")
    assert page.url.endswith("/policy/sections/ip-talent-plan-2021-s2-3")
    assert "main indicators" in page.inner_text(".document-text").lower()
    page.click("nav.prev-next a[rel=next]")
    page.wait_for_selector("h1")
    assert page.url.endswith("/policy/sections/ip-talent-plan-2021-s3")  # III. Main Tasks (the table caption is text)
    _shot(page, "07-section-page")
    # Clauses are plain text with a quiet anchor, not underlined links.
    page.goto("/policy/documents/cnipa-2020-37")
    clause = page.locator("span.clause").first
    assert clause.evaluate("e => getComputedStyle(e).textDecorationLine") == "none"
    assert _font_of(page, "h1.doc-title") in ("Noto Sans CJK SC", "Noto Sans SC")


def test_a_number_search_for_86_wan(page):
    page.goto("/policy/search")
    page.fill("#q", "86万")
    _submit(page)
    page.wait_for_selector(".figure-hits")
    _shot(page, "08-number-search-86wan")
    assert "860,000" in page.inner_text(".figure-hits h3")
    first = page.locator("ol.results li.result").first
    assert "860,000" in first.locator("mark").first.inner_text()
    assert "states the number" in first.inner_text()
    page.click(".figure-hits a")
    page.wait_for_selector("blockquote.ledger-sentence mark")
    assert page.inner_text("blockquote.ledger-sentence mark") == "860,000"
    _shot(page, "09-figure-page")


def test_table_search_box(page):
    page.goto("/policy/clauses")
    page.fill("input[name=_search]", "應屆畢業生")  # traditional characters, typed into Datasette's own box
    page.press("input[name=_search]", "Enter")
    page.wait_for_selector("table.rows-and-columns tbody tr")
    _shot(page, "10-table-search-traditional")
    assert "应届毕业生" in page.inner_text("table.rows-and-columns")


def test_find_a_figure_and_copy_its_citation(page):
    page.goto("/policy/find_figures?unit=jobs&document=news-2020-ip-services-employment")
    page.wait_for_selector("table.rows-and-columns td.col-figure a")
    page.click("table.rows-and-columns tr:has(td.col-surface:text-is('1,490')) td.col-figure a")
    page.wait_for_selector("blockquote.ledger-sentence")
    assert "1,490 intellectual property jobs" in page.inner_text("blockquote.ledger-sentence")
    assert "1490.0" not in page.content()
    page.click("button.copy-en")
    page.wait_for_selector("button.copy-en.copied")
    copied = _pasted(page)
    _shot(page, "11-figure-citation-copied")
    assert copied.startswith("China Intellectual Property News, \"Stabilizing Employment")
    assert "machine translation into English" in copied
    assert copied.endswith(" " + page.url)  # the permalink is the page's own address on this server
    page.click("a.clause-link")
    page.wait_for_selector("blockquote.clause-text")
    assert "1,490" in page.inner_text("blockquote.clause-text")


AXE_PAGES = {
    "home": "/",
    "search": "/policy/search?q=知识产权服务&expand=both",
    "search-empty": "/policy/search",
    "document": "/policy/documents/ip-talent-plan-2021",
    "section": "/policy/sections/ip-talent-plan-2021-s2",
    "clause": "/policy/clauses/cnipa-2020-37-s2-p1-c4",
    "figure": "/policy/figures/news-2020-ip-services-employment-s1-p4-c10-f1",
    "date": "/policy/dates/cnipa-2020-37-s5-p1-c2-d1",
    "clauses-table": "/policy/clauses",
    "document-relations": "/policy/documents/cnipa-2020-37",
    "translated-clause": "/policy/clauses/cnipa-2020-37-en-s5-p1-c4",
    "side-by-side": "/policy/side-by-side/cnipa-2020-37-en",
}


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390px"])
def test_axe_finds_nothing_serious_and_nothing_overflows(browser, server, viewport):
    context = _context(browser, server, viewport)
    page = context.new_page()
    shot = (lambda p, name: _shot(p, f"12-phone-{name}")) if viewport is PHONE else None
    try:
        problems = axe_and_overflow_problems(page, Axe(), AXE_PAGES, shot)
    finally:
        context.close()
    assert problems == {}
