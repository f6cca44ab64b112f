"""A hostile editor's data in a real browser: no dialog, no navigation, no injected element.

Plain-text fields of every kind hold markup that once ran script (through ``<title>``, cards,
tables and search results). The site is built from them, served under the sub-path, every page
that shows them is opened, and the search box is asked for them.
"""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import FIXTURES, build_project

from .conftest import DESKTOP, SUBPATH, WATCH_WORKER, Watch, serve
from .test_search_zh import results

PAYLOAD = '</title><img src=x onerror="window.__pwned=1;alert(1)"><b id=pwned>'


def yaml_text(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


@pytest.fixture(scope="module")
def hostile(tmp_path_factory, browser):
    tmp = tmp_path_factory.mktemp("hostile-browser")
    data = tmp / "data"
    shutil.copytree(FIXTURES / "mini", data)
    brand = (data / "brands" / "qingfeng.yml").read_text(encoding="utf-8")
    (data / "brands" / "qingfeng.yml").write_text(
        brand.replace("name: 清风<品牌> & 标记", "name: " + yaml_text("恶意品牌" + PAYLOAD))
        .replace("slogan: 清风常在", "slogan: " + yaml_text(PAYLOAD)), encoding="utf-8")
    units = (data / "units.yml").read_text(encoding="utf-8")
    (data / "units.yml").write_text(units.replace("name: 甲单位", "name: " + yaml_text("恶意单位" + PAYLOAD)), encoding="utf-8")
    forum = (data / "forums" / "first.yml").read_text(encoding="utf-8")
    (data / "forums" / "first.yml").write_text(forum.replace("theme: 如何当好党支部书记", "theme: " + yaml_text("恶意主题" + PAYLOAD)),
                                               encoding="utf-8")
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    with serve(tmp / "nginx", site) as (served,):
        yield served.root


@pytest.fixture
def tab(browser, hostile):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    context.add_init_script(WATCH_WORKER)
    watch = Watch(hostile.split(SUBPATH)[0] + "/")
    watch.attach(context)
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.navigations = []
    page.on("framenavigated", lambda frame: page.navigations.append(frame.url))
    yield page
    context.close()


INJECTED = """() => ({
    pwned: window.__pwned === 1,
    elements: document.querySelectorAll('#pwned, img[src="x"], [onerror], [onload], [onclick]').length,
    title: document.title,
})"""


@pytest.mark.parametrize("path", ["brands/qingfeng/", "brands/", "units/alpha/", "units/", "forums/first/",
                                  "forums/", "workplan/2023/"])
def test_pages_showing_hostile_text_run_nothing(tab, hostile, path):
    tab.goto(hostile + path, wait_until="networkidle")
    found = tab.evaluate(INJECTED)
    assert found["pwned"] is False and found["elements"] == 0, found
    assert tab.dialogs == [] and tab.navigations == [hostile + path]
    if path in ("brands/qingfeng/", "units/alpha/", "forums/first/"):
        assert PAYLOAD in found["title"]  # shown as written, in the tab's title too
        assert PAYLOAD in tab.locator("article h1").inner_text()


def test_search_results_for_hostile_text_run_nothing(tab, hostile):
    tab.goto(hostile)
    tab.locator("input[data-md-component=search-query]").click()
    tab.keyboard.type("恶意")
    found = results(tab)
    assert len(found) >= 2, found  # the brand, the unit and the forum hold the word
    assert tab.evaluate(INJECTED)["elements"] == 0 and tab.evaluate(INJECTED)["pwned"] is False
    assert tab.dialogs == []
    shown = tab.locator(".md-search-result").inner_text()
    assert "恶意品牌</title>" in shown or "恶意单位</title>" in shown
