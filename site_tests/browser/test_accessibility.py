"""Accessibility: axe-core finds nothing serious or critical; search works from the keyboard alone."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from conftest import ROOT

from browser.conftest import SCREENSHOTS
from generator.kinds import KINDS as REGISTRY

KINDS = [kind.key for kind in REGISTRY if kind.in_data] + ["units"]  # every card grid
SEARCH_TERM = "五学五比"  # a slogan from the 2023 work points


def in_data(kind: str) -> bool:
    """Whether data/ has entries of this kind (a folder of YAML files, or one YAML file)."""
    return any((ROOT / "data" / kind).glob("*.yml")) or (ROOT / "data" / f"{kind}.yml").is_file()


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']}\n    " + "\n    ".join(
            f"{node['target']}: {node.get('failureSummary', '')}" for node in v["nodes"][:5])
        for v in results.response["violations"] if v["impact"] in ("serious", "critical")
    ]


def type_query(page, term: str) -> None:
    """Type into the focused search box and wait for results.

    Playwright enters Chinese as text committed by an input method, which fires no key events;
    Material reads the query on keyup, which a real input method's commit key fires. End plays
    that key here without changing the query.
    """
    page.keyboard.type(term)
    page.keyboard.press("End")
    # The box answers each character as it arrives, in order: wait for the answer to the
    # whole term (its results mark it whole), or a key press may land on a list being redrawn.
    page.wait_for_function("""term => [...document.querySelectorAll(".md-search-result__item mark")]
        .some(mark => mark.textContent === term)""", arg=term)


def where(crawl, name: str) -> str:
    """The page to check for ``name``: a fixed page, or the first entry of a kind."""
    fixed = {"home": "", "workplan": "workplan/2023/", "glossary": "glossary/",
             "progress": "workplan/2023/progress/", "point": "workplan/2023/points/10/"}
    if name in fixed:
        if name == "glossary" and not in_data("glossary"):
            pytest.skip("data/glossary.yml does not exist yet: no glossary page to check")
        url = crawl.server.url(fixed[name])
        assert url in crawl.pages, f"{url} was not reached from the home page or the sitemap"
        return url
    if not in_data(name):
        pytest.skip(f"data/ has no {name} entries yet: no entry page to check")
    url = crawl.first_under(name)
    assert url, f"data/ has {name} entries but no page under /{name}/ was reached"
    return url


@pytest.mark.parametrize("name", ["home", "workplan", "progress", "point", *KINDS, "glossary"])
def test_page_has_no_serious_accessibility_violation(crawl, open_page, name):
    page, _ = open_page()
    page.goto(where(crawl, name), wait_until="networkidle")
    violations = serious(page)
    assert not violations, f"{page.url}\n" + "\n".join(violations)


def test_search_results_have_no_serious_accessibility_violation(open_page, site_server):
    page, _ = open_page()
    page.goto(site_server.root, wait_until="networkidle")
    page.locator(".md-search__input").focus()
    type_query(page, SEARCH_TERM)
    # The results fade in over the red header: check them once they are fully opaque.
    page.wait_for_function("getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'")
    violations = serious(page)
    assert not violations, "\n".join(violations)


def test_dark_scheme_toggles_persists_and_stays_readable(open_page, site_server):
    page, watch = open_page()
    page.goto(site_server.url("workplan/2023/"), wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='切换到深色模式']:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    page.goto(site_server.root, wait_until="networkidle")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate", "the choice must persist"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background != "rgb(255, 255, 255)"
    violations = serious(page)  # colour contrast included
    assert not violations, "\n".join(violations)
    assert not watch.problems()
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "home-dark-desktop.png"))


def test_search_opens_and_results_are_reached_with_the_keyboard_alone(open_page, site_server):
    page, _ = open_page()
    page.goto(site_server.root, wait_until="networkidle")
    for _ in range(30):  # Tab through the page from its start until the search box has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.md-search__input')"):
            break
    else:
        pytest.fail("the search box is not reachable with Tab")
    type_query(page, SEARCH_TERM)
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.closest('.md-search-result__item') !== null")
    assert focused, "ArrowDown should move the focus to the first result"
    target = page.evaluate("document.activeElement.href").split("?")[0]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.split("?")[0] == target and target.startswith(site_server.root)
    assert SEARCH_TERM in page.locator("article").inner_text()


def test_search_opens_with_its_keyboard_shortcut(open_page, site_server):
    page, _ = open_page()
    page.goto(site_server.url("workplan/2023/"), wait_until="networkidle")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.matches('.md-search__input')")
    type_query(page, SEARCH_TERM)
    page.keyboard.press("Escape")
    assert not page.evaluate("document.activeElement.matches('.md-search__input')")
