"""The Chinese 404 page, shown by nginx at whatever address was missing under /dangjian/.

Built with site_url (as the README asks of admins serving a sub-path), the page uses absolute
paths and works at any depth, with or without JavaScript. Built without it, a script guesses
the site root from the address: right for the addresses below, wrong two folders down.
"""

from __future__ import annotations

from urllib.error import HTTPError
from urllib.request import Request, urlopen

import pytest

from browser.conftest import SCREENSHOTS

# Missing addresses the way readers produce them: an old entry in a known folder, a deeper path in
# one, a mistyped top-level page with and without its slash, and the page's own address.
MISSING = ["workplan/1999/", "brands/no-such-brand/", "workplan/2023/extra/page/", "no-such-page/",
           "no-such-page.html", "404.html"]
# Two or more unknown folders down: only site_url lets the page find its assets and links there.
DEEP = ["nope/deeper/x.html", "nope/x.html", "a/b/"]


def assert_styled_not_found(page, watch, address: str, served) -> None:
    assert page.title().startswith("页面未找到")
    assert page.locator("article h1").inner_text() == "404：页面未找到"
    # Material's stylesheet and the site's own both loaded: header in the site's red, logo shown.
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor") == "rgb(183, 28, 28)"
    assert page.evaluate("document.querySelector('.md-logo img').naturalWidth") > 0
    # Nothing failed except the missing page itself; nothing was asked for outside the sub-path.
    others = [s for s in watch.bad_status if not s.endswith(address)]
    console = [c for c in watch.console if "404" not in c or address not in c]
    assert not (watch.offhost or others or watch.failed or console), watch.problems()
    assert served.outside == [], "nginx saw requests outside /dangjian/"


@pytest.mark.parametrize("missing", MISSING)
def test_404_page_without_site_url_is_styled_and_its_links_work(open_page, plain_server, missing):
    page, watch = open_page()
    address = plain_server.url(missing)
    response = page.goto(address, wait_until="networkidle")
    assert response.status == (200 if missing == "404.html" else 404)
    assert_styled_not_found(page, watch, address, plain_server)
    with page.expect_navigation():
        page.get_by_role("link", name="返回首页").click()
    assert page.url == plain_server.root
    assert page.title() == "机关党建知识与风采展示站"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("missing", DEEP)
def test_404_page_with_site_url_is_styled_and_every_link_works_at_any_depth(open_page, site_server, missing, javascript):
    page, watch = open_page(java_script_enabled=javascript)
    address = site_server.url(missing)
    response = page.goto(address, wait_until="load")  # stylesheets, scripts and the logo are in
    assert response.status == 404
    assert_styled_not_found(page, watch, address, site_server)
    if missing == DEEP[0] and javascript:
        SCREENSHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "404-desktop.png"))
    links = {href.split("#")[0] for href in page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")}
    assert site_server.root in links, "the 返回首页 link and the logo lead home"
    broken = []
    for link in sorted(links):
        assert link.startswith(site_server.root), f"{link} leaves the site"
        try:
            with urlopen(Request(link, method="HEAD"), timeout=10):
                pass
        except HTTPError as error:
            broken.append(f"{error.code} {link}")
    assert not broken, broken


def test_search_works_from_the_404_page(open_page, site_server):
    page, watch = open_page()
    page.goto(site_server.url("nope/deeper/x.html"), wait_until="networkidle")
    page.locator(".md-search__input").focus()
    page.keyboard.type("五学五比")
    page.keyboard.press("End")  # Material reads the query on keyup (see test_accessibility)
    # The first characters are answered as they come: wait for the whole query's results,
    # where the work plan (point 2) is among the first three, after the glossary entry.
    page.wait_for_function("""url => [...document.querySelectorAll(".md-search-result__item")]
        .slice(0, 3).some(item => item.querySelector("a").href.startsWith(url))""",
        arg=site_server.url("workplan/2023/"))
    assert not watch.offhost and not watch.failed

