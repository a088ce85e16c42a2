"""Indicator pages in headless Chromium against `datasette serve` run the README's way: the chart renders (a
screenshot is saved), its points lead to their figures, and the progress and indicator pages pass axe and fit a
390 px screen."""
import pytest
from axe_playwright_python.sync_playwright import Axe

from support import axe_and_overflow_problems
from test_browser import DESKTOP, PHONE, SHOTS, browser  # noqa: F401 (browser: the shared fixture)

PAGES = {
    "progress": "/policy/progress?as_of=2024-07-03",
    "indicator": "/policy/indicator_registry/ip-talents?as_of=2024-07-03",
    "indicator-without-values": "/policy/indicator_registry/ip-services-employees",
    "figure-with-indicator": "/policy/figures/news-2024-ip-talent-scale-p1-c1-f2",
    "indicator-values": "/policy/indicator_values?indicator=ip-talents",
}


def test_the_chart_renders_and_its_points_lead_to_their_figures(browser, server):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport=DESKTOP)
    page = context.new_page()
    try:
        page.goto(PAGES["indicator"])
        chart = page.locator("figure.indicator-chart svg")
        chart.wait_for()
        box = chart.bounding_box()
        assert box["width"] > 500 and box["height"] > 200  # drawn, at its size
        points = page.locator("svg a.point")
        assert points.count() == 3
        # Each point is drawn inside the plot, left to right in date order, and the target is highest.
        boxes = [points.nth(i).bounding_box() for i in range(3)]
        assert all(box["x"] <= b["x"] and b["x"] + b["width"] <= box["x"] + box["width"] for b in boxes)
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"] and boxes[2]["y"] < boxes[1]["y"] < boxes[0]["y"]
        assert page.locator("svg polyline.reported-line").bounding_box()["width"] > 100
        assert "860,000" in page.locator("figure.indicator-chart svg").text_content()
        chart.screenshot(path=str(SHOTS / "20-indicator-chart.png"))
        page.screenshot(path=str(SHOTS / "21-indicator-page.png"), full_page=True)
        # The 860,000 point, by keyboard: focus it and follow it to its figure's page.
        page.locator("svg a.point.reported").nth(1).focus()
        page.keyboard.press("Enter")
        page.wait_for_selector("blockquote.ledger-sentence mark")
        assert page.url.endswith("/policy/figures/news-2024-ip-talent-scale-p1-c1-f2")
        assert page.inner_text("blockquote.ledger-sentence mark") == "860,000"
        assert "IP talents in total" in page.inner_text("a.figure-indicator")
        page.goto(PAGES["progress"])
        row = page.locator("tr#ip-talents")
        assert "86%" in row.inner_text()
        bar = row.locator(".bar > span").bounding_box()["width"] / row.locator(".bar").bounding_box()["width"]
        assert 0.85 < bar < 0.87
        page.screenshot(path=str(SHOTS / "22-progress-page.png"), full_page=True)
    finally:
        context.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "390px"])
def test_indicator_pages_pass_axe_and_do_not_overflow(browser, server, viewport):
    context = browser.new_context(base_url=server, locale="zh-CN", viewport=viewport)
    page = context.new_page()
    shot = ((lambda p, name: p.screenshot(path=str(SHOTS / f"23-phone-{name}.png"), full_page=True))
            if viewport is PHONE else None)
    try:
        problems = axe_and_overflow_problems(page, Axe(), PAGES, shot)
    finally:
        context.close()
    assert problems == {}
