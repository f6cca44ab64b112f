"""长辈版: the header's switch reached and pressed with the keyboard alone, the choice kept on
every page and applied before the first paint, and the text it promises (24 px, lines 1.5
apart) on every page type. docs/accessibility.md lists what is checked where."""

from __future__ import annotations

import pytest

from browser.conftest import DESKTOP, PHONE, SUBPATH

SWITCH = "button.elder-switch"
# One page of each type a reader meets (the 404 page at an address that does not exist).
PAGE_TYPES = {"home": "", "plan": "workplan/2023/", "board": "workplan/2023/progress/",
              "point": "workplan/2023/points/10/", "brands": "brands/", "brand": "brands/hongse-yizhan/",
              "member": "members/lin-xiaolan/", "news": "news/", "glossary": "glossary/",
              "units": "units/", "missing": "no-such-page/"}
# The class on the root element when the first element of <body> is parsed: what the first
# paint can show. Recorded by a script that runs before the page's own.
FIRST_PAINT = """
new MutationObserver((changes, observer) => {
  if (document.body) { window.__classAtBody = document.documentElement.className; observer.disconnect(); }
}).observe(document, {childList: true, subtree: true});
"""
# Every piece of text a reader sees: its element's font size and line height (px).
TEXT_SIZES = """() => {
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [], seen = new Set();
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!node.textContent.trim() || seen.has(element)) continue;
    seen.add(element);
    const box = element.getBoundingClientRect(), style = getComputedStyle(element);
    if (!box.width || !box.height || style.visibility !== "visible" || !element.checkVisibility({opacityProperty: true})) continue;
    if (element.closest("svg, script, style, .md-search__output, .md-skip, [aria-hidden=true]")) continue;
    const size = parseFloat(style.fontSize);
    const line = style.lineHeight === "normal" ? 0 : parseFloat(style.lineHeight);
    out.push({text: node.textContent.trim().slice(0, 20), tag: element.tagName.toLowerCase() + "." + [...element.classList].join("."), size, line});
  }
  return out;
}"""


def tab_to(page, selector: str, limit: int = 60) -> list[str]:
    """Press Tab from where the focus is until ``selector`` has it; the elements passed on the way."""
    passed = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return passed
        passed.append(page.evaluate("document.activeElement.outerHTML.slice(0, 80)"))
    pytest.fail(f"{selector} is not reached with Tab; passed: {passed[-10:]}")


def state(page) -> tuple[bool, str | None]:
    """Whether the page is in 长辈版, and what the switch tells assistive technology."""
    return (page.evaluate("document.documentElement.classList.contains('elder')"),
            page.get_attribute(SWITCH, "aria-pressed"))


def focus_ring(page) -> dict:
    """How the focused element shows its focus: outline and box shadow."""
    return page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
        return {outline: s.outlineStyle, width: parseFloat(s.outlineWidth), shadow: s.boxShadow}; }""")


def test_the_switch_is_a_named_button_reached_and_pressed_with_the_keyboard_alone(open_page, site_server):
    page, watch = open_page(viewport={"width": 1366, "height": 900})
    page.goto(site_server.url("brands/"), wait_until="networkidle")
    switch = page.get_by_role("button", name="长辈版")
    assert switch.count() == 1 and switch.is_visible()
    assert state(page) == (False, "false")
    tab_to(page, SWITCH)
    ring = focus_ring(page)
    assert ring["outline"] != "none" and ring["width"] >= 2, f"the focused switch shows no ring: {ring}"
    page.keyboard.press("Enter")
    assert state(page) == (True, "true")
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('article')).fontSize)") >= 24
    page.keyboard.press("Space")
    assert state(page) == (False, "false")
    page.keyboard.press("Space")
    assert state(page) == (True, "true")
    # Past the switch, the search box: the whole header works from the keyboard.
    tab_to(page, ".md-search__input", limit=5)
    assert not watch.problems()


def test_the_choice_holds_on_every_page_type_from_the_first_paint(browser, site_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(FIRST_PAINT)
    page = context.new_page()
    try:
        page.goto(site_server.root, wait_until="networkidle")
        assert page.evaluate("window.__classAtBody").split().count("elder") == 0
        page.click(SWITCH)
        for name, path in PAGE_TYPES.items():
            page.goto(site_server.url(path), wait_until="load")
            at_body = page.evaluate("window.__classAtBody").split()
            assert "elder" in at_body, f"{name}: 长辈版 applied only after the first paint ({at_body})"
            assert state(page) == (True, "true"), name
        page.click(SWITCH)
        page.goto(site_server.url(PAGE_TYPES["brand"]), wait_until="load")
        assert "elder" not in page.evaluate("window.__classAtBody").split()
        assert state(page) == (False, "false")
    finally:
        context.close()


def test_another_tab_of_the_site_follows_the_switch(browser, site_server):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    try:
        first, second = context.new_page(), context.new_page()
        first.goto(site_server.root, wait_until="load")
        second.goto(site_server.url("workplan/2023/"), wait_until="load")
        first.click(SWITCH)
        second.wait_for_function("document.documentElement.classList.contains('elder')", timeout=5000)
        assert state(second) == (True, "true")
    finally:
        context.close()


def test_without_scripts_there_is_no_switch_that_does_nothing(open_page, site_server):
    page, _ = open_page(java_script_enabled=False)
    page.goto(site_server.root, wait_until="load")
    assert not page.locator(SWITCH).is_visible()


@pytest.mark.parametrize("viewport", [PHONE | {"width": 390}, {"width": 1366, "height": 900}], ids=["390", "1366"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_text_in_elder_mode_is_at_least_24px_with_lines_one_and_a_half_apart(browser, site_server, name, viewport):
    """18 pt is 24 CSS px; line spacing 1.5 is a line height of 1.5 times the font size."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.add_init_script(f"localStorage.setItem('{SUBPATH}.__elder', 'true')")
    page = context.new_page()
    try:
        page.goto(site_server.url(PAGE_TYPES[name]), wait_until="networkidle")
        assert state(page) == (True, "true")
        texts = page.evaluate(TEXT_SIZES)
    finally:
        context.close()
    assert len(texts) > 5
    small = [t for t in texts if t["size"] < 24]
    assert not small, f"{len(small)} texts under 24 px, e.g.\n" + "\n".join(map(str, small[:12]))
    tight = [t for t in texts if t["line"] < 1.5 * t["size"] - 0.5]
    assert not tight, f"{len(tight)} texts with lines closer than 1.5, e.g.\n" + "\n".join(map(str, tight[:12]))
