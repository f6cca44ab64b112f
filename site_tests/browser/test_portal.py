"""The showcase as staff see it: the home page's figures against the data, pictures on cards,
the gallery's larger view, phones, tap targets, page size, and screenshots to look at."""

from __future__ import annotations

import pytest
import yaml
from conftest import ROOT

from browser.conftest import DESKTOP, PHONE, SCREENSHOTS
from generator.kinds import KINDS as REGISTRY

KINDS = [kind.key for kind in REGISTRY if kind.in_data and kind.showcase]
# The words each shipped kind is counted with on the home page (a kind added later: its default).
WORDS = {"brands": "个支部品牌", "members": "位党员风采", "forums": "期书记论坛", "innovations": "个创新榜项目"}
PICTURE_FIELDS = {"brands": ("cover",), "members": ("photo",), "forums": ("cover", "photos")}
GALLERY_BRAND = "hongse-yizhan"   # a sample brand with a gallery, its first photo stored sideways
SHOTS = {"home": "", "brands": "brands/", "brand": f"brands/{GALLERY_BRAND}/", "members": "members/", "forums": "forums/"}

LOAD_ALL_PICTURES = """async () => {
  for (let y = 0; y < document.body.scrollHeight; y += 500) {
    window.scrollTo(0, y);
    await new Promise(resolve => setTimeout(resolve, 30));
  }
  window.scrollTo(0, 0);
}"""


def entries(kind: str) -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / kind).glob("*.yml"))}


def expected_figures() -> dict[str, str]:
    """The home page's figures, counted here from the YAML files themselves."""
    units = yaml.safe_load((ROOT / "data" / "units.yml").read_text(encoding="utf-8"))["units"]
    plan = yaml.safe_load((ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8"))
    total = sum(len(section["points"]) for section in plan["sections"])
    cited = {ref for kind in KINDS for entry in entries(kind).values() for ref in entry.get("points", [])}
    words = {kind.key: WORDS.get(kind.key) or f"项{kind.label}" for kind in REGISTRY}
    return {"个单位": str(len(units)), "个党支部": str(sum(len(u["branches"]) for u in units)),
            **{words[kind]: str(len(entries(kind))) for kind in KINDS},
            "条2023年工作要点有展示": f"{len([r for r in cited if r.startswith('2023-')])}/{total}"}


def open_loaded(open_page, url: str, **options):
    page, watch = open_page(**options)
    page.goto(url, wait_until="networkidle")
    page.evaluate(LOAD_ALL_PICTURES)
    page.wait_for_function("[...document.images].every(img => img.complete)")
    return page, watch


def test_home_page_figures_are_the_data_counted(open_page, site_server):
    page, watch = open_page()
    page.goto(site_server.root, wait_until="networkidle")
    shown = {}
    for item in page.query_selector_all("article .portal-figures li"):
        number = item.query_selector("strong").inner_text().strip()
        shown[item.inner_text().replace(number, "", 1).strip()] = number
    assert shown == expected_figures()
    banner = page.query_selector("article .portal-banner")
    assert banner.query_selector("h1").inner_text().strip() == "机关党建知识与风采展示站"
    line = banner.query_selector(".portal-banner__line").inner_text().strip()
    overall = yaml.safe_load((ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8"))["overall"]
    assert line and line in overall, "the banner quotes the overall requirement word for word"
    assert "banner.svg" in banner.evaluate("el => getComputedStyle(el).backgroundImage")
    assert not watch.problems()


def test_home_page_tiles_featured_brands_and_latest(open_page, site_server):
    page, _ = open_loaded(open_page, site_server.root)
    tiles = [a.inner_text().strip() for a in page.query_selector_all("article .portal-tiles li > p:first-child a")]
    # the plan, the 五型, then the kinds in the registry's order (the navigation's)
    assert tiles[:6] == ["2023年区党建工作要点", "“五型”模范机关建设工程", "一支部一品牌", "党员风采展",
                         "党支部书记论坛", "机关党委党建创新榜"]
    brands = entries("brands")
    featured = [name for name, entry in brands.items() if entry.get("featured")]
    cards = page.query_selector_all("article .portal-featured li")
    names = [c.query_selector("strong a").inner_text().strip() for c in cards]
    assert sorted(names) == sorted(brands[name]["name"] for name in featured[:3])
    for card in cards:
        assert card.eval_on_selector("img.card-picture", "img => img.naturalWidth > 0 && img.alt.length > 0")
    latest = page.query_selector_all("article .portal-latest li")
    assert len(latest) == 8 and all("年" in li.inner_text() for li in latest)


GRID = "el => [getComputedStyle(el).gridTemplateColumns, el.getBoundingClientRect().width]"


def test_every_card_grid_has_one_look_and_a_kind_only_its_modifier(open_page, site_server):
    """A listing's grid is "grid cards cards--<kind>": the rule for "cards" sizes every one, so
    a kind needs no rule of its own; members (portraits) are the one modifier with a rule."""
    page, _ = open_page()
    columns = {}
    for kind in [*(k for k in KINDS if entries(k)), "units"]:  # a kind without entries has no grid
        page.goto(site_server.url(f"{kind}/"))
        grid = page.query_selector("article .grid.cards")
        assert f"cards--{kind}" in grid.get_attribute("class").split(), kind
        template, width = grid.evaluate(GRID)
        columns[kind] = len(template.split())
    portraits = columns.pop("members")
    assert set(columns.values()) == {3}, columns  # three cards to a row beside the sidebar
    assert portraits == 4


@pytest.mark.parametrize("kind", ["brands", "members", "forums", "units"])
def test_every_card_shows_its_picture_or_the_placeholder(open_page, site_server, kind):
    page, watch = open_loaded(open_page, site_server.url(f"{kind}/"))
    cards = page.query_selector_all("article .grid.cards > ul > li")
    if kind == "units":
        found = yaml.safe_load((ROOT / "data" / "units.yml").read_text(encoding="utf-8"))["units"]
        pictures = {u["name"]: u.get("picture") for u in found}
    else:
        pictures = {}
        for entry in entries(kind).values():
            field = next((entry[f] for f in PICTURE_FIELDS[kind] if entry.get(f)), None)
            pictures[entry["name"] if "name" in entry else f"第{entry['session']}期：{entry['theme']}"] = (
                field[0]["file"] if isinstance(field, list) else field)
    assert len(cards) == len(pictures) > 0
    for card in cards:
        title = card.query_selector("p > strong > a").inner_text().strip()
        img = card.query_selector("img.card-picture")
        info = img.evaluate("""img => ({src: img.getAttribute("src"), alt: img.alt, w: img.getAttribute("width"),
            h: img.getAttribute("height"), srcset: img.getAttribute("srcset"), natural: img.naturalWidth})""")
        assert info["natural"] > 0 and info["w"] and info["h"], (title, info)
        source = pictures[title]
        if source:
            stem = source.rsplit("/", 1)[1].rsplit(".", 1)[0]
            assert stem in info["src"] and info["alt"], (title, info)
            if not source.endswith(".svg"):
                # up to the page's file (a card at 1920 px on a 2x screen), never the largest
                assert "~card." in info["src"] and "~thumb." in info["srcset"] and "~full." not in info["srcset"], (title, info)
        else:
            assert "placeholder" in info["src"] and info["alt"] == "", (title, info)
    assert not watch.problems()


def test_pictures_below_the_fold_wait_until_they_are_near(open_page, site_server):
    page, _ = open_page(viewport=PHONE)
    requested = set()
    page.on("request", lambda r: requested.add(r.url) if "/media/" in r.url or "placeholder" in r.url else None)
    page.goto(site_server.url("brands/"), wait_until="networkidle")
    cards = page.eval_on_selector_all("article img.card-picture", "imgs => imgs.map(i => [i.loading, i.src])")
    assert cards[0][0] == "eager" and {loading for loading, _ in cards[1:]} == {"lazy"}
    assert 0 < len(requested) < len({src for _, src in cards}), "pictures far below the first screen wait"
    page.evaluate(LOAD_ALL_PICTURES)
    page.wait_for_function("[...document.images].every(img => img.complete)")
    assert len(requested) == len({src for _, src in cards})


def test_the_gallery_opens_each_photo_large_and_upright(open_page, site_server):
    page, watch = open_loaded(open_page, site_server.url(f"brands/{GALLERY_BRAND}/"))
    photos = entries("brands")[GALLERY_BRAND]["photos"]
    links = page.query_selector_all("article .gallery figure.gallery-item > a")
    assert len(links) == len(photos)
    captions = [f.inner_text().strip() for f in page.query_selector_all("article .gallery figcaption")]
    assert captions == [p["caption"] for p in photos]
    links[0].click()
    dialog = page.wait_for_selector("dialog.lightbox[open]")
    page.wait_for_function("document.querySelector('dialog.lightbox img').naturalWidth > 0")
    big = dialog.eval_on_selector("img", "img => ({src: img.src, w: img.naturalWidth, h: img.naturalHeight})")
    assert big["src"] == links[0].evaluate("a => a.href"), "the larger view shows the size the link names"
    from PIL import Image

    with Image.open(ROOT / "data" / photos[0]["file"]) as stored:
        assert stored.height > stored.width and stored.getexif()[0x0112] == 6
    assert big["w"] > big["h"], "the photo stored sideways with a rotation tag shows upright"
    assert dialog.query_selector("p").inner_text().strip() == photos[0]["caption"]
    page.keyboard.press("ArrowRight")
    assert dialog.query_selector("p").inner_text().strip() == photos[1]["caption"]
    page.get_by_role("button", name="上一张").click()
    assert dialog.query_selector("p").inner_text().strip() == photos[0]["caption"]
    page.keyboard.press("Escape")
    assert not page.eval_on_selector("dialog.lightbox", "d => d.open")
    assert not watch.problems()


def test_without_javascript_a_gallery_photo_opens_as_a_picture(open_page, site_server):
    page, _ = open_page(java_script_enabled=False)
    page.goto(site_server.url(f"brands/{GALLERY_BRAND}/"))
    href = page.eval_on_selector("article .gallery-item > a", "a => a.href")
    response = page.goto(href)
    assert response.ok and response.headers["content-type"].startswith("image/")


def test_on_a_phone_the_header_fits_and_the_home_page_stacks(open_page, site_server):
    page, _ = open_page(viewport=PHONE, is_mobile=True, has_touch=True)
    page.goto(site_server.root, wait_until="networkidle")
    title = page.eval_on_selector(".md-header__topic .md-ellipsis",
                                  "el => ({text: el.textContent.trim(), scroll: el.scrollWidth, client: el.clientWidth})")
    assert title["text"] == "机关党建知识与风采展示站" and title["scroll"] <= title["client"], title
    layout = page.evaluate("""() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      figures: new Set([...document.querySelectorAll('.portal-figures li')].map(li => Math.round(li.getBoundingClientRect().left))).size,
      tiles: new Set([...document.querySelectorAll('.portal-tiles li')].map(li => Math.round(li.getBoundingClientRect().left))).size,
      banner: document.querySelector('.portal-banner').getBoundingClientRect().width,
    })""")
    # figures one to a line (two to a line left each 9 characters), tiles one to a line
    assert layout["overflow"] <= 0 and layout["figures"] == 1 and layout["tiles"] == 1, layout
    assert layout["banner"] <= PHONE["width"], layout


# Where each figure's words start (a phone: beside numbers of different widths), and where the
# note under the figures starts, against the boxes' left edge: its first character is a
# full-width quote whose blank half made it look indented.
FIGURES_LINE = """() => {
  const words = [...document.querySelectorAll('.portal-figures li a')].map(a => {
    const range = document.createRange();
    range.setStartAfter(a.querySelector('strong'));
    range.setEndAfter(a.lastChild);
    return Math.round(range.getBoundingClientRect().left);
  });
  const note = document.querySelector('.portal-figures__note');
  const second = document.createRange();
  second.setStart(note.firstChild, 1);
  second.setEnd(note.firstChild, 2);
  return {words, box: document.querySelector('.portal-figures li').getBoundingClientRect().left,
          secondChar: second.getBoundingClientRect().left, noteText: note.firstChild.data.slice(0, 2),
          em: parseFloat(getComputedStyle(note).fontSize)};
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_page_figures_line_up(open_page, site_server, viewport):
    phone = viewport is PHONE
    page, _ = open_page(viewport=viewport, is_mobile=phone, has_touch=phone)
    page.goto(site_server.root, wait_until="networkidle")
    found = page.evaluate(FIGURES_LINE)
    if phone:  # one figure a line: the words beside the numbers start at one x
        assert len(found["words"]) >= 6 and len(set(found["words"])) == 1, found
    # The note's quote takes half a character at the line's start, not a whole one.
    assert found["noteText"][0] == "“"
    assert found["secondChar"] - found["box"] <= 0.6 * found["em"], found


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_links_in_facts_and_wuxing_chips_are_easy_to_tap(open_page, site_server, viewport):
    page, _ = open_page(viewport=viewport)
    page.goto(site_server.url("brands/tianjian-dangke/"), wait_until="networkidle")
    boxes = page.eval_on_selector_all(".entry-facts dd a, .md-tags .md-tag",
                                      "els => els.map(e => [e.textContent.trim(), e.getBoundingClientRect().height])")
    assert len(boxes) >= 3
    small = [(text, height) for text, height in boxes if height < 24]
    assert not small, small


def test_one_look_for_wuxing_chips(open_page, site_server):
    page, _ = open_page()
    look = "el => { const s = getComputedStyle(el); return [s.backgroundColor, s.color, s.borderRadius, s.fontSize]; }"
    page.goto(site_server.url("brands/tianjian-dangke/"), wait_until="networkidle")
    tags = page.query_selector_all(".md-tags .md-tag")
    assert tags
    page_two, _ = open_page()
    page_two.goto(site_server.url("workplan/2023/"), wait_until="networkidle")
    for tag in tags:
        kind = next(c for c in tag.get_attribute("class").split() if c.startswith("wx-") and c != "wx-badge")
        assert tag.evaluate(look) == page_two.eval_on_selector(f"article .wx-badge.{kind}", look), kind


def test_the_glossary_page_stays_under_800_elements(open_page, site_server):
    page, _ = open_page()
    page.goto(site_server.url("glossary/"), wait_until="networkidle")
    count = page.evaluate("document.querySelectorAll('*').length")
    assert count < 800, count
    print(f"glossary: {count} elements")


@pytest.mark.parametrize("mode", ["desktop", "phone", "dark"])
def test_screenshots_of_the_showcase(open_page, site_server, mode):
    options = {"viewport": PHONE, "is_mobile": True, "has_touch": True} if mode == "phone" else {"viewport": DESKTOP}
    if mode == "dark":
        options["color_scheme"] = "dark"
    SCREENSHOTS.mkdir(exist_ok=True)
    for name, path in SHOTS.items():
        page, watch = open_loaded(open_page, site_server.url(path), **options)
        target = SCREENSHOTS / f"portal-{name}-{mode}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 20_000, f"{target} looks blank"
        assert not watch.problems(), (name, watch.problems())
        page.context.close()
