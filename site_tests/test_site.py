"""The built site: the work plan page, its anchors, and the Chinese search index."""

import re

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

from generator import pipeline


def squash(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="module")
def plan():
    return pipeline.load(ROOT / "data", ROOT).workplans[2023]


@pytest.fixture(scope="module")
def page(built_site):
    return BeautifulSoup((built_site / "workplan" / "2023" / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_all_text_of_the_plan_is_on_the_page_verbatim(plan, page):
    body = squash(page.select_one("article").get_text())
    assert squash(plan.title) in body
    assert squash(plan.overall) in body
    for section in plan.sections:
        assert squash(section.title) in body
    for _, point in plan.points():
        assert squash(point.title) in body
        assert squash(point.text) in body


def test_section_and_point_anchors_are_present_and_unique(page):
    ids = [tag["id"] for tag in page.select("[id]")]
    for n in range(1, 26):
        assert ids.count(f"point-{n}") == 1
    for n in range(1, 7):
        assert ids.count(f"section-{n}") == 1
    assert len(ids) == len(set(ids))
    heading = page.find(id="point-10")
    assert heading.name == "h3" and heading.get_text().startswith("10. 促进党建业务融合")


def test_point_badges_show_their_sections_wuxing(page):
    badges = page.find(id="point-6").find_next("p", class_="wx-badges")
    assert [b.get_text() for b in badges.select(".wx-badge")] == ["服务型", "实干型"]


def test_workplan_index_lists_the_year(built_site):
    soup = BeautifulSoup((built_site / "workplan" / "index.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.select_one("article a[href^='2023']")
    assert link is not None and link.get_text() == "2023年区党建工作要点"


def test_search_index_has_each_point_as_a_section(plan, search_sections, search_index):
    for _, point in plan.points():
        title, text = search_sections[f"workplan/2023/#point-{point.number}"]
        assert title == f"{point.number}. {point.title}"
        assert squash(point.text) in squash(text)
    # Material's highlighter on the opened page still splits the query with the separator
    assert re.split(search_index["config"]["separator"], "主题 教育，五学五比") == ["主题", "教育", "五学五比"]
    assert search_index["docs"] == []


def test_theme_is_chinese_and_loads_no_web_font(built_site):
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
