"""Phones (375×812): no page scrolls sideways, card grids stack, a table scrolls in its own box
or, where the template marked it (.list-table: what's new, the field guide), reads as a list."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from browser.conftest import DESKTOP, PHONE, SCREENSHOTS

# Measures one page as laid out: how far it overflows sideways, the columns of each grid in the
# article, and for each table the box that scrolls it.
MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const article = document.querySelector("article") || document.body;
  // For the message only: the innermost elements that stick out.
  const out = [...document.body.querySelectorAll("*")].filter(e => e.getBoundingClientRect().right > width + 1);
  const wide = out.filter(e => !out.some(o => o !== e && e.contains(o)))
    .slice(0, 3).map(e => e.tagName.toLowerCase() + [...e.classList].map(c => "." + c).join(""));
  // Card grids (Material's .grid): a gallery keeps two photos to a row and a list of facts
  // its label beside its value, by design.
  const grids = [...article.querySelectorAll(".grid")]
    .filter(e => getComputedStyle(e).display === "grid")
    .map(grid => {
      const items = [...grid.children].flatMap(
        c => getComputedStyle(c).display === "contents" ? [...c.children] : [c]);
      return {name: grid.className, items: items.length,
              columns: new Set(items.map(i => Math.round(i.getBoundingClientRect().left))).size};
    })
    .filter(g => g.items > 1);
  const tables = [...article.querySelectorAll("table")].map(table => {
    let box = table.parentElement;
    while (box && box !== article && !/auto|scroll/.test(getComputedStyle(box).overflowX)) box = box.parentElement;
    const scrolls = box && box !== article;
    return {scrolls, boxWidth: scrolls ? box.getBoundingClientRect().right : null, tableWidth: table.scrollWidth,
            list: !!table.closest(".list-table"), right: table.getBoundingClientRect().right};
  });
  return {overflow: document.documentElement.scrollWidth - width, wide, grids, tables};
}"""


@dataclass
class Layout:
    overflow: int
    wide: list[str]
    grids: list[dict]
    tables: list[dict]


@pytest.fixture(scope="module")
def phone_layouts(browser, crawl) -> dict[str, Layout]:
    """Every page laid out once on a phone."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    layouts = {}
    for url in crawl.pages:
        page.goto(url, wait_until="load")
        layouts[url] = Layout(**page.evaluate(MEASURE))
    context.close()
    return layouts


def test_no_page_scrolls_sideways(phone_layouts):
    bad = {url: f"{layout.overflow}px wider, e.g. {layout.wide}"
           for url, layout in phone_layouts.items() if layout.overflow > 0}
    assert not bad, "\n".join(f"{url}: {why}" for url, why in bad.items())


def test_card_grids_become_one_column(phone_layouts):
    grids = [(url, grid) for url, layout in phone_layouts.items() for grid in layout.grids]
    if not grids:
        pytest.skip("no page has a grid of two or more cards yet")
    bad = [f"{url}: {grid['name']} has {grid['columns']} columns" for url, grid in grids if grid["columns"] != 1]
    assert not bad, "\n".join(bad)
    print(f"{len(grids)} grids on {len({url for url, _ in grids})} pages, each one column")


def test_tables_scroll_inside_their_own_box(phone_layouts):
    tables = [(url, t) for url, layout in phone_layouts.items() for t in layout.tables]
    if not tables:
        pytest.skip("no page has a table yet")
    # A table read as a list fits the screen with nothing to scroll; any other scrolls in its box.
    def wrong(t: dict) -> bool:
        if t["list"]:
            return t["scrolls"] or t["right"] > PHONE["width"]
        return not t["scrolls"] or t["boxWidth"] > PHONE["width"]

    bad = [f"{url}: table {t}" for url, t in tables if wrong(t)]
    assert not bad, "\n".join(bad)
    lists = sum(t["list"] for _, t in tables)
    wide = sum(t["tableWidth"] > PHONE["width"] for _, t in tables if not t["list"])
    print(f"{len(tables)} tables: {lists} read as lists, {wide} wider than the phone, each in its own scrolling box")


def test_screenshots_of_home_and_a_brand_page_at_phone_and_desktop_size(crawl, open_page):
    brand = crawl.first_under("brands")
    assert brand, "no brand page was reached"
    SCREENSHOTS.mkdir(exist_ok=True)
    written = []
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page, _ = open_page(viewport=size)
        for page_name, url in (("home", crawl.server.root), ("brand", brand)):
            page.goto(url, wait_until="networkidle")
            path = SCREENSHOTS / f"{page_name}-{size_name}.png"
            page.screenshot(path=str(path), full_page=True)
            assert path.stat().st_size > 10_000, f"{path} looks blank"
            written.append(path)
    print("screenshots:", *written, sep="\n  ")
