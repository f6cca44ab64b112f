"""Every page type at five screen widths, light and dark: nothing scrolls sideways, no text is
squeezed into a column on a phone, no picture is drawn from a file narrower than it shows at the
screen's pixel ratio, no Chinese is slanted, the right tab is lit and the breadcrumb leads home.

One browser, one context per screen width and scheme, one tab in each reused for every page.
The light scheme runs at a device pixel ratio of 1, the dark one at 2: layout does not depend on
the scheme, so each width is seen at both ratios without a third pass. Screenshots of each page
type (phone and desktop, light and dark) go to .cache/screenshots/screens/ for a person to look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ROOT

from browser.conftest import sitemap_pages
from generator.kinds import KINDS

WIDTHS = {360: 780, 390: 844, 768: 1024, 1366: 768, 1920: 1080}
PHONES = (360, 390)
SCHEMES = {"light": 1, "dark": 2}  # scheme -> device pixel ratio
SHOTS = {(390, "light"), (390, "dark"), (768, "light"), (1366, "light"), (1366, "dark"), (1920, "dark")}
SCREENSHOTS = ROOT / ".cache" / "screenshots" / "screens"
MEASURE = (Path(__file__).parent / "screens.js").read_text(encoding="utf-8")
MISSING = "no-such-page/"
# The tab a reader expects lit under each top folder of the site (mkdocs.yml's nav, by hand here);
# a kind's listing is a tab titled with the kind's label.
TABS = {"": "首页", "workplan": "工作要点", "tags": "工作要点", "glossary": "工作要点", "documents": "工作要点",
        "news": "动态与通知", "updates": "动态与通知", "timeline": "动态与通知", "units": "单位", "guide": "编辑指南",
        **{kind.key: kind.label for kind in KINDS if kind.in_data}}


def page_types(sitemap: list[str], root: str) -> dict[str, str]:
    """``{page type: address under the root}``: one page of each type the site has."""
    paths = [url[len(root):] for url in sitemap]

    def first(pattern: str) -> str | None:
        return next((p for p in paths if re.fullmatch(pattern, p)), None)

    found = {"home": "", "news list": "news/", "plan": first(r"workplan/\d{4}/"),
             "point": first(r"workplan/\d{4}/points/\d+/"), "board": first(r"workplan/\d{4}/progress/"),
             "compare": first(r"workplan/\d{4}/compare/"), "glossary": "glossary/", "updates": "updates/",
             "timeline": "timeline/", "tags": "tags/", "units": "units/", "unit": first(r"units/[a-z0-9-]+/"),
             "documents": "documents/", "field guide": "guide/fields/", "404": MISSING}
    for kind in KINDS:
        folder = ROOT / "data" / kind.key if kind.in_data else ROOT / "content" / "news" / "posts"
        ids = sorted(p.stem for p in folder.glob("*.yml" if kind.in_data else "*.md"))
        if kind.in_data:
            found[f"{kind.key} list"] = f"{kind.key}/"
        if ids:
            found[f"{kind.key} entry"] = f"{kind.key}/{ids[0]}/"
    return {name: path for name, path in found.items() if path is not None and (path == MISSING or path in paths)}


@dataclass
class Seen:
    kind: str      # page type
    path: str      # address under the site's root
    width: int
    scheme: str
    found: dict    # what screens.js measured


@pytest.fixture(scope="module")
def matrix(browser, site_server) -> list[Seen]:
    """Every page type measured at every width in both schemes (a few screenshots on the way)."""
    types = page_types(sitemap_pages(site_server), site_server.root)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    seen = []
    for width, height in WIDTHS.items():
        for scheme, dpr in SCHEMES.items():
            phone = width in PHONES
            context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=dpr,
                                          is_mobile=phone, has_touch=phone, locale="zh-CN",
                                          color_scheme="dark" if scheme == "dark" else "light")
            page = context.new_page()
            for kind, path in types.items():
                page.goto(site_server.url(path), wait_until="load")
                seen.append(Seen(kind, path, width, scheme, page.evaluate(MEASURE, {"phone": phone, "dpr": dpr})))
                if (width, scheme) in SHOTS:
                    page.wait_for_load_state("networkidle")
                    page.wait_for_timeout(500)  # Material's tabs fade in after its scripts ran
                    name = re.sub(r"\W+", "-", kind)
                    page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}-{scheme}.png"), full_page=True)
            context.close()
    print(f"{len(types)} page types x {len(WIDTHS)} widths x {len(SCHEMES)} schemes: {len(seen)} pages laid out;"
          f" screenshots in {SCREENSHOTS}")
    return seen


def test_every_page_type_is_measured(matrix):
    kinds = {s.kind for s in matrix}
    expected = {"home", "news list", "news entry", "plan", "point", "board", "glossary", "updates", "timeline",
                "tags", "404", *(f"{k.key} {part}" for k in KINDS if k.in_data for part in ("list", "entry"))}
    assert expected <= kinds, f"missing page types: {sorted(expected - kinds)}"
    if "compare" not in kinds:
        print("no compare page: the shipped data has one year's plan (test_board.py builds two)")


def test_no_page_is_wider_than_the_screen(matrix):
    bad = [f"{s.kind} {s.path} at {s.width} {s.scheme}: {s.found['overflow']}" for s in matrix
           if s.found["overflow"]["scrollWidth"] > s.found["overflow"]["innerWidth"]]
    assert not bad, "\n".join(bad)


def test_nothing_scrolls_sideways_in_its_own_box_on_a_phone_but_the_boards_tables(matrix):
    # What's new and the field guide read as lists on a phone (.list-table); a table a reader
    # must scroll sideways to read is the board's matrix alone (test_board.py).
    bad = [f"{s.kind} {s.path} at {s.width}: {b}" for s in matrix if s.width in PHONES
           for b in s.found["scrollers"] if not b["board"]]
    assert not bad, "\n".join(bad[:40])


def test_no_text_is_squeezed_into_a_column_on_a_phone(matrix):
    bad = [f"{s.kind} {s.path} at {s.width}: {n}" for s in matrix if s.width in PHONES for n in s.found["narrow"]]
    assert not bad, "\n".join(bad[:40])


def test_every_picture_file_is_as_wide_as_it_shows_at_the_pixel_ratio(matrix):
    pictures = [(s, p) for s in matrix for p in s.found["pictures"]]
    assert pictures, "no page showed a photo: the check would hold nothing"
    # A file narrower than the picture shows is blurred, unless the source is no larger.
    bad = [f"{s.kind} {s.path} at {s.width} (x{p['dpr']}): {p['file']} is {p['fileWidth']} px for {p['shownWidth']} px"
           for s, p in pictures
           if p["fileWidth"] + 1 < p["shownWidth"] * p["dpr"] and p["fileWidth"] < p["largest"]]
    assert not bad, "\n".join(bad[:40])
    print(f"{len(pictures)} pictures shown, each from a file wide enough")


def test_no_picture_in_the_text_is_taller_than_most_of_the_screen(matrix):
    bad = [f"{s.kind} {s.path} at {s.width}: {p['file']} {p['shownHeight']:.0f} px tall"
           for s in matrix for p in s.found["pictures"] if p["inText"] and p["shownHeight"] > 0.8 * WIDTHS[s.width]]
    assert not bad, "\n".join(bad)


def test_no_chinese_is_slanted(matrix):
    bad = [f"{s.kind} {s.path}: {text}" for s in matrix if s.scheme == "light" and s.width == 1366
           for text in s.found["italic"]]
    assert not bad, "\n".join(bad)


def test_the_tab_of_the_section_is_lit(matrix):
    bad = []
    for s in matrix:
        if s.width != 1366 or s.scheme != "light":
            continue
        expected = None if s.path == MISSING else TABS[s.path.split("/")[0]]
        if s.found["tab"] != expected:
            bad.append(f"{s.kind} {s.path}: tab {s.found['tab']!r}, expected {expected!r}")
    assert not bad, "\n".join(bad)


def test_every_page_below_the_home_has_a_breadcrumb_that_leads_home(matrix, site_server):
    bad = []
    for s in matrix:
        trail = s.found["trail"]
        if s.path in ("", MISSING):
            if trail and s.path == "":
                bad.append(f"home page has a breadcrumb {trail}")
            continue
        if not trail or not s.found["trailShown"]:
            bad.append(f"{s.kind} {s.path} at {s.width}: no breadcrumb shown")
            continue
        titles = [c["title"] for c in trail]
        section = TABS[s.path.split("/")[0]]
        problems = []
        if trail[0] != {"title": "首页", "href": site_server.root}:
            problems.append(f"first step {trail[0]}, expected the home page")
        if len(trail) < 2 or (titles[1] != section and len(trail) > 2):
            problems.append(f"second step {titles[1:2]}, expected {section!r}")
        if trail[-1]["href"] is not None or titles[-1] != s.found["title"]:
            problems.append(f"last step {trail[-1]}, expected the page's title {s.found['title']!r} without a link")
        if any(c["href"] is None or not c["href"].startswith(site_server.root) for c in trail[:-1]):
            problems.append("a step before the last has no link into the site")
        if problems:
            bad.append(f"{s.kind} {s.path} at {s.width}: {' › '.join(titles)}: {'; '.join(problems)}")
    assert not bad, "\n".join(bad[:40])


def test_the_text_column_stands_in_one_place_under_every_tab(matrix):
    # On wide screens the column starts at the same x on every page but the home page (the
    # portal, without the navigation sidebar by design) and the missing page.
    bad = []
    for width in (1366, 1920):
        lefts = {s.kind: round(s.found["column"]) for s in matrix
                 if s.width == width and s.scheme == "light" and s.path not in ("", MISSING)}
        if len(set(lefts.values())) > 1:
            bad.append(f"at {width}: {lefts}")
    assert not bad, "\n".join(bad)
