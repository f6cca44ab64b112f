"""The automatable indicators of GB/T 37668-2019 and 《互联网网站适老化通用设计规范》 on every page
type, in the normal mode and in 长辈版 (docs/accessibility.md lists them and where each is
checked): axe (0 serious or critical; 7:1 contrast in 长辈版), targets of 60 x 60 px in
长辈版, 200 % zoom without sideways scrolling, a text alternative on every picture, and
screenshots of 长辈版 to look at."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from browser.conftest import SCREENSHOTS, SUBPATH
from browser.test_elder import PAGE_TYPES

WIDE = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# 200 % zoom of a 1366 px screen: the page laid out 683 CSS px wide, as the browser does.
ZOOMED = {"width": 683, "height": 450}
ELDER = f"localStorage.setItem('{SUBPATH}.__elder', 'true')"
# Everything a reader can press or type in, as laid out: its size, and whether it is a link
# inside a sentence (WCAG 2.5.5's "inline" exception: its block holds text besides it).
TARGETS = """() => {
  const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, label[for], [tabindex]:not([tabindex='-1'])";
  const block = element => { let e = element.parentElement;
    while (e && /^inline|contents/.test(getComputedStyle(e).display)) e = e.parentElement; return e; };
  return [...document.querySelectorAll(selector)].filter(e => {
    const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && e.checkVisibility({opacityProperty: true, visibilityProperty: true});
  }).map(e => {
    const box = e.getBoundingClientRect(), container = block(e);
    const inline = getComputedStyle(e).display === "inline" && container &&
      container.textContent.replace(e.textContent, "").trim().length > 0;
    return {what: e.tagName.toLowerCase() + "." + [...e.classList].join(".") + " " + (e.textContent.trim() || e.getAttribute("aria-label") || "").slice(0, 16),
            width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10, inline};
  });
}"""


def opened(browser, site_server, name: str, viewport: dict, elder: bool, scheme: str = "light"):
    context = browser.new_context(viewport=viewport, locale="zh-CN", color_scheme=scheme)
    if elder:
        context.add_init_script(ELDER)
    page = context.new_page()
    page.goto(site_server.url(PAGE_TYPES[name]), wait_until="networkidle")
    assert page.evaluate("document.documentElement.classList.contains('elder')") == elder
    return page


def serious(page, rules: dict | None = None) -> list[str]:
    response = Axe().run(page, options={"rules": rules} if rules else None).response
    return [f"{v['id']} ({v['impact']}): {v['help']}: " + "; ".join(str(n["target"]) for n in v["nodes"][:4])
            for v in response["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_elder_mode_has_no_serious_accessibility_violation_and_text_contrast_of_7_to_1(browser, site_server, name, scheme):
    """axe's color-contrast-enhanced is WCAG's AAA contrast: 7:1 for text (4.5:1 for large text)."""
    page = opened(browser, site_server, name, WIDE, elder=True, scheme=scheme)
    try:
        found = serious(page, {"color-contrast-enhanced": {"enabled": True}})
    finally:
        page.context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_normal_mode_in_the_dark_has_no_serious_accessibility_violation(browser, site_server, name):
    """The light scheme is test_accessibility's; its colour-contrast rule is the 4.5:1 one."""
    page = opened(browser, site_server, name, WIDE, elder=False, scheme="dark")
    try:
        found = serious(page)
    finally:
        page.context.close()
    assert not found, "\n".join(found)


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_elder_mode_targets_are_at_least_60_by_60_px(browser, site_server, name, viewport):
    page = opened(browser, site_server, name, viewport, elder=True)
    try:
        targets = page.evaluate(TARGETS)
    finally:
        page.context.close()
    assert len(targets) > 5
    small = [t for t in targets if not t["inline"] and (t["width"] < 60 or t["height"] < 60)]
    assert not small, f"{len(small)} of {len(targets)} targets under 60 x 60 px, e.g.\n" + "\n".join(map(str, small[:15]))


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("name", PAGE_TYPES)
def test_at_200_percent_zoom_no_page_scrolls_sideways(browser, site_server, name, elder):
    page = opened(browser, site_server, name, ZOOMED, elder=elder)
    try:
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        wide = page.evaluate("""() => [...document.body.querySelectorAll("*")]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .slice(-3).map(e => e.tagName.toLowerCase() + "." + [...e.classList].join("."))""")
    finally:
        page.context.close()
    assert overflow <= 0, f"{overflow} px wider than the window: {wide}"


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_every_picture_has_a_text_alternative(browser, site_server, name):
    """An alt on every <img>: the words of a picture that says something, empty for decoration
    (which the elder mode then leaves out), and a name on every inline SVG a reader is shown."""
    page = opened(browser, site_server, name, WIDE, elder=False)
    try:
        missing = page.evaluate("""() => [...document.images].filter(img => !img.hasAttribute("alt"))
            .map(img => img.getAttribute("src"))""")
        decorative_shown = []
        page.evaluate(ELDER)
        page.reload(wait_until="networkidle")
        decorative_shown = page.evaluate("""() => [...document.querySelectorAll("article img[alt='']")]
            .filter(img => img.checkVisibility()).map(img => img.getAttribute("src"))""")
    finally:
        page.context.close()
    assert not missing, f"pictures without alt: {missing}"
    assert not decorative_shown, f"decorative pictures still shown in 长辈版: {decorative_shown}"


@pytest.mark.parametrize("viewport", [PHONE, WIDE], ids=["390", "1366"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_screenshots_of_elder_mode(browser, site_server, viewport, scheme):
    SCREENSHOTS.mkdir(exist_ok=True)
    for name in ("home", "plan", "brand", "board"):
        page = opened(browser, site_server, name, viewport, elder=True, scheme=scheme)
        try:
            target = SCREENSHOTS / f"elder-{name}-{viewport['width']}-{scheme}.png"
            page.screenshot(path=str(target))
        finally:
            page.context.close()
        assert target.stat().st_size > 20_000, f"{target} looks blank"
