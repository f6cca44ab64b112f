"""The colour scheme switch (partials/palette.html, partials/javascripts/palette.html,
palette.js): the scheme is right before the first paint, from the system or the reader's
choice; loading a page never writes the body's colour attributes again (Material's palette
component did, restyling the whole page twice as it loaded); a switch by mouse or keyboard
changes the scheme, is kept, and colours the phone's address bar (theme-color)."""

from __future__ import annotations

import pytest

from browser.conftest import PHONE

# Every change of the body's attributes from the start of the page, and the scheme the body
# has when the main content starts: what the first paint shows.
RECORD = """
window.__bodyChanges = [];
new MutationObserver((changes, observer) => {
  const main = document.querySelector("main");
  if (main && !window.__schemeAtMain) window.__schemeAtMain = document.body.getAttribute("data-md-color-scheme");
}).observe(document, {childList: true, subtree: true});
document.addEventListener("readystatechange", () => {
  if (document.readyState !== "interactive") return;
  new MutationObserver(changes => {
    for (const change of changes) window.__bodyChanges.push(change.attributeName);
  }).observe(document.body, {attributes: true});
});
"""
NEXT = "form[data-palette] label:not([hidden])"


def opened(open_page, site_server, path: str, **options):
    page, watch = open_page(**options)
    page.add_init_script(RECORD)
    page.goto(site_server.url(path), wait_until="load")
    page.wait_for_timeout(800)  # Material's bundle and the deferred scripts have run
    return page, watch


def theme_colour(page) -> tuple[str, str]:
    page.wait_for_function("document.querySelector('meta[name=theme-color]') && document.querySelector('meta[name=theme-color]').content.length === 7")
    return page.evaluate("""() => [document.querySelector('meta[name=theme-color]').content,
      '#' + getComputedStyle(document.querySelector('.md-header')).backgroundColor.match(/\\d+/g).slice(0, 3)
        .map(n => (+n).toString(16).padStart(2, '0')).join('')]""")


@pytest.mark.parametrize("system, scheme, offered", [("light", "default", "切换到深色模式"),
                                                     ("dark", "slate", "切换到浅色模式")])
def test_the_system_scheme_holds_from_the_first_paint_and_loading_never_rewrites_it(open_page, site_server, system, scheme, offered):
    page, watch = opened(open_page, site_server, "workplan/2023/", color_scheme=system)
    assert page.evaluate("window.__schemeAtMain") == scheme
    assert page.locator("body").get_attribute("data-md-color-scheme") == scheme
    assert not [a for a in page.evaluate("window.__bodyChanges") if a.startswith("data-md-color")], \
        "loading the page rewrote the body's colour attributes (a restyle of every element)"
    assert page.locator(NEXT).count() == 1 and page.locator(NEXT).get_attribute("title") == offered
    assert not page.locator("[data-md-component=palette]").count(), "Material's palette component would be mounted"
    meta, header = theme_colour(page)
    assert meta == header
    assert not watch.problems()


def test_a_switch_by_keyboard_changes_the_scheme_keeps_it_and_recolours_the_address_bar(open_page, site_server):
    page, watch = opened(open_page, site_server, "brands/hongse-yizhan/", viewport=PHONE)
    theme_colour(page)
    page.locator("form[data-palette] input:checked").focus()
    page.keyboard.press("Enter")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert page.locator(NEXT).get_attribute("title") == "切换到浅色模式"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
    meta, header = theme_colour(page)  # the header keeps the organ's colour in both schemes
    assert meta == header
    page.goto(site_server.url(""), wait_until="load")
    assert page.evaluate("window.__schemeAtMain") == "slate", "the choice holds on the next page from its first paint"
    page.locator(NEXT).click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "default"
    assert not watch.problems()
