"""One `check` run reports every error: a schema error in one file does not hide the references
of that file or of any other, and a file that did not load does not make every reference into
it look unknown (it gets one note instead). The expected lines are written out by hand.
"""

from __future__ import annotations

import shutil

import pytest
from conftest import MINI, WAITING, load_problems
from test_errors import BRANCHES, BRAND, NEW, SHOWN, add, brand, edit

QUOTED_YEAR = f"{SHOWN}:3:7: year: 应为整数，现在是“2023”。整数只写十进制阿拉伯数字，不加引号，例如 2023。"
UNKNOWN_LINK = ("找不到链接“{}”指向的内容：请核对标识（文件名，不含 .yml），工作要点写成 point:年份-序号（如 point:2023-9），"
                "提法写 term: 加提法原文。")


@pytest.fixture
def data(tmp_path):
    shutil.copytree(MINI, tmp_path / "data")
    return tmp_path / "data"


def test_a_schema_error_and_a_wrong_branch_in_one_file_are_reported_together(data):
    add(NEW, brand("year: 2023", "year: '2023'").replace("branch: alpha-first", "branch: alpha-1")
        + "cover: media/brands/none.svg\n")(data)
    assert load_problems(data) == [
        f"{SHOWN}:2:9: branch: 未知的党支部“alpha-1”。可选的有：{BRANCHES}。",
        QUOTED_YEAR,
        f"{SHOWN}:12:8: cover: 找不到图片“media/brands/none.svg”：请把图片放到 data/media/brands/none.svg，或删去这一项。",
    ]


def test_two_files_with_different_kinds_of_error_are_reported_together(data):
    add(NEW, brand("year: 2023", "year: '2023'"))(data)
    edit("innovations/smart.yml", "unit: beta", "unit: gamma")(data)
    edit("members/lin-a.yml", "points: [2023-2]", "points: [2023-2]\nphoto: media/members/lin-a.jpg")(data)
    assert load_problems(data) == [
        QUOTED_YEAR,
        "data/innovations/smart.yml:2:7: unit: 未知的单位“gamma”。可选的有：alpha, beta。",
        "data/members/lin-a.yml:14:8: photo: 找不到图片“media/members/lin-a.jpg”：请把图片放到 data/media/members/lin-a.jpg，或删去这一项。",
    ]


def test_a_misnamed_files_references_are_checked_too(data):
    add("brands/HongQi.yml", brand("branch: alpha-first", "branch: alpha-1"))(data)
    assert load_problems(data) == [
        "data/brands/HongQi.yml:1:1: 文件名“HongQi.yml”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。",
        f"data/brands/HongQi.yml:2:9: branch: 未知的党支部“alpha-1”。可选的有：{BRANCHES}。",
    ]


def test_a_broken_units_file_is_one_note_not_a_flood_of_unknown_branches(data):
    """The four entries name branches and units six times: none is reported unknown."""
    edit("units.yml", "  - id: alpha\n", "  - id: Alpha\n")(data)
    add(NEW, brand("year: 2023", "year: '2023'"))(data)  # the new brand's branch waits too: seven
    assert load_problems(data) == [
        QUOTED_YEAR,
        "data/units.yml:1:1: " + WAITING.format(7),
        "data/units.yml:2:9: units[0].id: “Alpha”格式不对：只能用小写英文字母、数字和连字符（-），例如 jiguan-first。",
    ]


def test_a_broken_plan_is_one_note_not_a_flood_of_unknown_points(data):
    """The entries cite points of 2023 five times, and a link in a text once more; a point of
    another year is still unknown."""
    edit("workplans/2023.yml", "      - number: 2\n", "      - number: '2'\n")(data)
    edit("innovations/smart.yml", "points: [2023-3]", "points: [2023-3, 2019-1]")(data)
    edit("brands/qingfeng.yml", "results: 成效显著。", "results: 成效显著，见[要点](point:2023-2)。")(data)
    assert load_problems(data) == [
        "data/innovations/smart.yml:9:18: points[1]: 未知的工作要点“2019-1”：请写成“年份-序号”，现有：无（没有读入任何年度工作要点）。",
        "data/workplans/2023.yml:1:1: " + WAITING.format(6),
        "data/workplans/2023.yml:14:17: sections[0].points[1].number: 应为整数，现在是“2”。整数只写十进制阿拉伯数字，不加引号，例如 2023。",
    ]


def test_a_link_to_an_entry_whose_file_failed_waits_for_it(data):
    add(NEW, brand("year: 2023", "year: '2023'"))(data)
    edit("brands/qingfeng.yml", "results: 成效显著。", "results: 成效显著，见[新品牌](brand:new)和[旧品牌](brand:none)。")(data)
    assert load_problems(data) == [
        "data/brands/new.yml:1:1: " + WAITING.format(1),
        QUOTED_YEAR,
        "data/brands/qingfeng.yml:11:10: results: " + UNKNOWN_LINK.format("brand:none"),  # a one-line text: at its start
    ]


def test_a_file_that_loads_is_still_checked_as_before(data):
    """The salvage is for files that failed: a valid file's wrong branch is reported once."""
    add(NEW, brand("branch: alpha-first", "branch: alpha-1"))(data)
    assert load_problems(data) == [f"{SHOWN}:2:9: branch: 未知的党支部“alpha-1”。可选的有：{BRANCHES}。"]
    assert BRAND.count("alpha-first") == 1


NEWS = """\
---
title: 主题党日
date: 2023-05-12
category: 工作动态
units: [alpha, gamma]
---

正文。
"""


def test_a_news_item_with_a_schema_error_still_has_its_units_checked(data):
    """A bad date (a schema error) and an unknown unit in the same news item: both, in one run."""
    add("../content/news/posts/2023-dangri.md", NEWS.replace("date: 2023-05-12", "date: 2023-02-30"))(data)
    assert load_problems(data) == [
        "content/news/posts/2023-dangri.md:3:7: date: 日期“2023-02-30”不存在：请写成 YYYY-MM-DD 格式的真实日期。",
        "content/news/posts/2023-dangri.md:5:16: units[1]: 未知的单位“gamma”。可选的有：alpha, beta。",
    ]


def test_a_news_item_of_an_unknown_category_still_has_its_units_checked(data):
    add("../content/news/posts/2023-dangri.md", NEWS.replace("category: 工作动态", "category: 通报"))(data)
    assert load_problems(data) == [
        "content/news/posts/2023-dangri.md:4:11: category: 未知的类别“通报”：只能是 工作动态、通知公告 之一"
        "（类别在 mkdocs.yml 中 showcase 插件的 news_categories 里设置）。",
        "content/news/posts/2023-dangri.md:5:16: units[1]: 未知的单位“gamma”。可选的有：alpha, beta。",
    ]
