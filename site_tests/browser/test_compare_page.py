"""The year-against-year page in a browser, on phones and desktops, light and dark.

The shipped data has one year's plan, so no compare page: here the shipped data gets a second,
earlier year made from the 2023 plan by test_compare.synthetic_previous (fictional, its title
marked 示例), in a temporary project. What the comparison must find is written out below from
how that year was made, not read from the page's own code.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, build_project
from test_compare import synthetic_previous

from browser.conftest import SCREENSHOTS, Watch, serve
from browser.test_accessibility import serious
from generator.model.seal import seal, seal_path
from generator.model.workplan import WorkPlan

pytestmark = pytest.mark.slow  # builds a site and drives a browser

MEASURE = (Path(__file__).parent / "screens.js").read_text(encoding="utf-8")
SAMPLE_TITLE = "2022年工作要点（示例：测试用的虚构文本）"
# Made so (synthetic_previous): point 25 new in 2023, a made-up point of 2022 gone, point 3
# reworded, the first section's 五型 changed, two slogans new and one gone; 23 points as they were.
FIGURES = ["23条未改动", "1条改动", "1条新增", "1条删去", "1个部分五型有变化", "2个新出现的提法", "1个不再使用的提法"]
SCREENS = [(360, 780, "light"), (390, 844, "dark"), (1366, 768, "light"), (1920, 1080, "dark")]


@pytest.fixture(scope="module")
def compare_url(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compare")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".cache"))
    earlier = dict(synthetic_previous(), title=SAMPLE_TITLE)
    path = data / "workplans" / "2022.yml"
    path.write_text("# 示例：2022 年的要点由测试从 2023 年的原文改写而成，不是正式文件。\n"
                    + yaml.safe_dump(earlier, allow_unicode=True), encoding="utf-8")
    seal_path(path).write_text(seal(WorkPlan.model_validate(earlier)), encoding="utf-8")
    result, site = build_project(tmp, data, pdf=False)
    assert result.returncode == 0, result.stderr
    with serve(tmp / "nginx", site) as (served,):
        yield served.root, served.root + "workplan/2023/compare/"


@pytest.fixture(scope="module")
def seen(browser, compare_url):
    """The page at each screen: what screens.js measures, what a reader sees, and a screenshot."""
    root, url = compare_url
    SCREENSHOTS.mkdir(exist_ok=True)
    out = {}
    for width, height, scheme in SCREENS:
        phone = width < 768
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=2 if phone else 1,
                                      is_mobile=phone, has_touch=phone, locale="zh-CN", color_scheme=scheme)
        watch = Watch(root)
        watch.attach(context)
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        found = page.evaluate(MEASURE, {"phone": phone, "dpr": 2 if phone else 1})
        found["figures"] = page.evaluate("""() => [...document.querySelectorAll(".cmp-figures li")].map(li => ({
            text: li.textContent.replace(/\\s+/g, ""), href: li.querySelector("a") ? li.querySelector("a").hash : null,
            right: li.getBoundingClientRect().right}))""")
        found["marks"] = page.evaluate("""() => [...document.querySelectorAll(".cmp-diff :is(ins, del)")].map(e => ({
            tag: e.tagName.toLowerCase(), text: e.textContent, line: getComputedStyle(e).textDecorationLine,
            shown: [...e.childNodes].filter(n => n.nodeType === 3).map(n => n.data).join("")}))""")
        found["h1"] = page.locator("article h1").inner_text()
        found["axe"] = serious(page)
        found["problems"] = watch.problems()
        page.screenshot(path=str(SCREENSHOTS / f"compare-{width}-{scheme}.png"), full_page=True)
        out[(width, scheme)] = found
        context.close()
    return out


def test_the_page_names_both_years_and_counts_what_changed(seen):
    for screen, found in seen.items():
        assert found["h1"].startswith("2023 年与 2022 年工作要点对比"), screen
        assert [f["text"] for f in found["figures"]] == FIGURES, screen
        # Each count but the unchanged one leads to its section.
        assert [f["href"] for f in found["figures"]] == [None, "#reworded", "#added", "#removed", "#sections",
                                                        "#new-terms", "#old-terms"], screen


def test_a_reworded_point_marks_its_changes_by_more_than_colour(seen):
    for screen, found in seen.items():
        marks = [(m["tag"], m["shown"], m["line"]) for m in found["marks"]]
        assert marks == [("ins", "持续", "underline"), ("del", "活动", "line-through")], screen
        # A screen reader and a copy as text say where each change starts.
        assert [m["text"] for m in found["marks"]] == ["［新增：持续］", "［删去：活动］"], screen


def test_the_page_holds_on_phones_and_desktops(seen):
    for (width, scheme), found in seen.items():
        where = f"{width} {scheme}"
        assert found["overflow"]["scrollWidth"] <= found["overflow"]["innerWidth"], (where, found["overflow"])
        assert found["scrollers"] == [], (where, found["scrollers"])
        assert found["narrow"] == [], (where, found["narrow"])
        assert all(f["right"] <= width for f in found["figures"]), (where, found["figures"])
        assert found["italic"] == [], where


def test_the_page_says_where_it_is(seen):
    for (width, _), found in seen.items():
        titles = [step["title"] for step in found["trail"] or []]
        assert titles[:2] == ["首页", "工作要点"] and titles[-1] == found["title"] == "2023 年与 2022 年工作要点对比", (width, titles)
        if width >= 1366:  # the tabs show on wide screens
            assert found["tab"] == "工作要点", (width, found["tab"])


def test_nothing_serious_for_axe_and_nothing_broken(seen):
    for screen, found in seen.items():
        assert found["axe"] == [], (screen, found["axe"])
        assert found["problems"] == [], (screen, found["problems"])
