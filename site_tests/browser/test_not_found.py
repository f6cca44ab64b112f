"""The Chinese 404 page, shown by the server at whatever address was missing under /dangjian/."""

from __future__ import annotations

import pytest

from browser.conftest import SCREENSHOTS

# Missing addresses the way readers produce them: an old entry in a known folder, a deeper path in
# one, a mistyped top-level page with and without its slash, and the page's own address.
MISSING = ["workplan/1999/", "brands/no-such-brand/", "workplan/2023/extra/page/", "no-such-page/",
           "no-such-page.html", "404.html"]


@pytest.mark.parametrize("missing", MISSING)
def test_404_page_is_styled_and_its_links_work_under_the_subpath(open_page, site_server, missing):
    page, watch = open_page()
    address = site_server.url(missing)
    response = page.goto(address, wait_until="networkidle")
    assert response.status == (200 if missing == "404.html" else 404)
    assert page.title().startswith("页面未找到")
    assert page.locator("article h1").inner_text() == "404：页面未找到"
    # Material's stylesheet and the site's own both loaded: header in the site's red, logo shown.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(183, 28, 28)"
    assert page.evaluate("document.querySelector('.md-logo img').naturalWidth") > 0
    # Nothing failed except the missing page itself; nothing was asked for outside the sub-path.
    others = [s for s in watch.bad_status if not s.endswith(address)]
    console = [c for c in watch.console if "404" not in c or address not in c]
    assert not (watch.offhost or others or watch.failed or console), watch.problems()
    if missing == MISSING[1]:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "404-desktop.png"))
    with page.expect_navigation():
        page.get_by_role("link", name="返回首页").click()
    assert page.url == site_server.root
    assert page.title() == "机关党建知识与风采展示站"


def test_search_works_from_the_404_page(open_page, site_server):
    page, watch = open_page()
    page.goto(site_server.url("brands/no-such-brand/"), wait_until="networkidle")
    page.locator(".md-search__input").focus()
    page.keyboard.type("五学五比")
    page.keyboard.press("End")  # Material reads the query on keyup (see test_accessibility)
    # The first characters are answered as they come: wait for the whole query's results,
    # where the work plan (point 2) is among the first three, after the glossary entry.
    page.wait_for_function("""url => [...document.querySelectorAll(".md-search-result__item")]
        .slice(0, 3).some(item => item.querySelector("a").href.startsWith(url))""",
        arg=site_server.url("workplan/2023/"))
    assert not watch.offhost and not watch.failed


def test_server_saw_no_request_outside_the_subpath_from_404_pages(site_server, open_page):
    page, _ = open_page()
    for missing in MISSING:
        page.goto(site_server.url(missing), wait_until="networkidle")
    assert site_server.outside == []
