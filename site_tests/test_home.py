"""The portal home page: its blocks from the data, the banner's verbatim line, the look set in mkdocs.yml."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_project

from generator import pipeline
from generator.kinds import KINDS
from generator.model.catalog import Portal
from generator.pages import citations, home, progress
from generator.site import portal_config

MINI = FIXTURES / "mini"
BRAND = """\
name: {name}
branch: alpha-first
year: {year}
summary: 一句话简介
background: 背景。
practices: 做法。
results: 成效。
"""


def mini(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    return data


# What the home page says of each shipped kind (each kind's Portal); a kind added later is counted too.
WORDS = {"brands": ("个支部品牌", "一支部一品牌", "个党支部品牌的创建背景、做法和成效。"),
         "members": ("位党员风采", "党员风采展", "位党员的事迹。"),
         "forums": ("期书记论坛", "党支部书记论坛", "期论坛的主题、发言和综述。"),
         "innovations": ("个创新榜项目", "机关党委党建创新榜", "个上榜项目。")}
SHOWCASE = [kind for kind in KINDS if kind.showcase]


def test_figures_count_the_data_and_the_points_that_have_a_showcase(tmp_path):
    catalog = pipeline.load(mini(tmp_path), tmp_path)
    # mini: 2 units, 3 branches, one entry of each shipped kind citing points 1, 3 / 1 / 3 / 2 of 3.
    found = [(f.number, f.label, f.url) for f in home.figures(catalog)]
    assert found[:2] == [("2", "个单位", "units/index.md"), ("3", "个党支部", "units/index.md")]
    assert found[-1] == ("3/3", "条2023年工作要点有展示", "workplan/2023.md")
    assert [url for _, _, url in found[2:-1]] == [f"{kind.key}/index.md" for kind in SHOWCASE]
    for (number, label, _), kind in zip(found[2:-1], SHOWCASE, strict=True):
        assert (number, label) == (("1", WORDS[kind.key][0]) if kind.key in WORDS else ("0", f"项{kind.label}"))
    assert "news/index.md" not in [url for _, _, url in found]  # news is not a showcase


def test_each_showcase_kind_gets_a_tile_in_the_registry_order(tmp_path):
    catalog = pipeline.load(mini(tmp_path), tmp_path)
    found = home.tiles(catalog)
    assert [t.url for t in found] == [f"{kind.key}/index.md" for kind in SHOWCASE][:home.TILES]
    for tile in found:
        key = tile.url.split("/")[0]
        if key in WORDS:
            assert (tile.count, tile.heading, tile.text) == (1, *WORDS[key][1:])


def test_tiles_stay_few_however_many_kinds(tmp_path):
    catalog = pipeline.load(mini(tmp_path), tmp_path)
    many = [replace(KINDS[0], key=f"k{n}", name=f"k{n}", label=f"类别{n}", portal=Portal()) for n in range(9)]
    catalog.kinds = many
    found = home.tiles(catalog)
    assert len(found) == home.TILES == 6
    assert (found[0].heading, found[0].count, found[0].text) == ("类别0", 0, "项类别0。")
    assert len(home.figures(catalog)) == 2 + 9 + 1  # every kind is still counted


def test_a_point_cited_only_by_news_does_not_count_as_shown(tmp_path):
    data = mini(tmp_path)
    for path in (data / "members").glob("*.yml"):
        path.write_text(path.read_text(encoding="utf-8").replace("points: [2023-2]", "points: []"), encoding="utf-8")
    posts = tmp_path / "content" / "news" / "posts"
    posts.mkdir(parents=True)
    (posts / "tongzhi.md").write_text("---\ntitle: 通知\ndate: 2023-05-01\ncategory: 通知公告\npoints: [2023-2]\n---\n正文。\n",
                                      encoding="utf-8")
    catalog = pipeline.load(data, tmp_path)
    covered = citations.coverage(catalog, catalog.workplans[2023])
    assert (covered.count, sorted(covered.shown), covered.points) == (2, [1, 3], 3)
    assert covered.kinds == ("支部品牌", "党员风采", "书记论坛", "党建创新榜") and covered.others == ("动态与通知",)
    # Every page saying the number says the same, and which kinds count.
    figures_of(catalog, "2/3")
    build = pipeline.complete(catalog)
    board = progress.board(build, 2023)
    assert [row.number for row in board["uncovered"]] == [2]
    pages = pipeline.render(build)
    for path in ("workplan/2023.md", "workplan/2023/progress.md"):
        assert "3 条要点中 2 条已有展示" in pages[path]
        assert "（支部品牌、党员风采、书记论坛、党建创新榜）落实的要点；动态与通知不计在内" in pages[path]


def figures_of(catalog, expected: str) -> None:
    last = home.figures(catalog)[-1]
    assert (last.number, last.label) == (expected, "条2023年工作要点有展示")


def test_the_home_page_and_the_board_give_one_count_on_the_real_data():
    catalog = pipeline.load(ROOT / "data", ROOT)
    build = pipeline.complete(catalog)
    plan = catalog.workplans[2023]
    covered = citations.coverage(catalog, plan)
    # Counted by hand from data/: the points some brand, member, forum or innovation cites.
    cited = {int(ref.split("-")[1]) for kind in SHOWCASE for path in (ROOT / "data" / kind.key).glob("*.yml")
             for ref in (yaml.safe_load(path.read_text(encoding="utf-8")).get("points") or [])}
    assert covered.shown == cited
    figures_of(catalog, f"{len(cited)}/25")
    board = progress.board(build, 2023)
    assert 25 - len(board["uncovered"]) == len(cited)
    home_page = home.fill("<!-- showcase:figures -->", build, "index.md", home.Site("站"))
    board_page = pipeline.render(build)["workplan/2023/progress.md"]
    assert f"**{len(cited)}/25** 条2023年工作要点有展示" in home_page
    assert f"25 条要点中 {len(cited)} 条已有展示" in board_page


def test_featured_brands_come_first_then_the_newest(tmp_path):
    data = mini(tmp_path)
    for i, year in enumerate((2019, 2020, 2021, 2022)):
        extra = "featured: true\n" if year in (2019, 2020) else ""
        (data / "brands" / f"b{i}.yml").write_text(BRAND.format(name=f"品牌{year}", year=year) + extra, encoding="utf-8")
    catalog = pipeline.load(data, tmp_path)
    assert [r.entry.name for r in home.featured(catalog)] == ["品牌2020", "品牌2019", "清风<品牌> & 标记"]


def test_the_banner_quotes_the_first_clause_unless_told_and_only_verbatim(tmp_path):
    catalog = pipeline.load(ROOT / "data", ROOT)
    plan = catalog.workplans[2023]
    assert home.banner_line(plan, "") == "坚持以习近平新时代中国特色社会主义思想为指导"
    assert portal_config.banner_problem(catalog, "推动机关党的建设高质量发展") is None
    assert portal_config.banner_problem(catalog, "推动机关党建高质量发展") == (
        "showcase 插件的 banner_line“推动机关党建高质量发展”不是2023年工作要点总体要求中的原话：首页横幅只逐字引用原文，"
        "请从 data/workplans/2023.yml 的 overall 中复制一句，或删去这一设置（默认引用总体要求的第一句）。")


def test_portal_settings_fill_defaults_and_explain_mistakes():
    settings, problems = portal_config.portal_settings({"organisation": "某某局机关党委"}, lambda p: True)
    assert settings == {"organisation": "某某局机关党委", "banner": "", "colours": portal_config.DEFAULT_COLOURS} and not problems
    _, problems = portal_config.portal_settings({"logo": "x", "colours": {"primary": "red", "secondary": "#000000"},
                                        "banner": "https://example.org/a.jpg"}, lambda p: True)
    assert problems == [
        "extra.portal.logo: 未知的设置：可用的有 organisation、banner、colours，请改正或删除。",
        "extra.portal.colours.primary: “red”不是颜色：请写成 # 加六位十六进制数并加引号，例如 \"#b71c1c\"。",
        "extra.portal.colours.secondary: 未知的颜色名：可用的有 primary、primary_light、primary_dark、accent、link_dark。",
        "extra.portal.banner: “https://example.org/a.jpg”不能作横幅图片：请写主题中图片的相对路径，例如自带的 assets/images/banner.svg，或网站 theme/ 文件夹（mkdocs.yml 的 theme.custom_dir）中图片的路径，不能用网址。",
    ]
    _, problems = portal_config.portal_settings({"banner": "assets/images/ours.jpg"}, lambda p: False)
    assert problems == ["extra.portal.banner: 找不到图片“assets/images/ours.jpg”：请把图片放到网站的 theme/assets/images/ours.jpg，并在 mkdocs.yml 的 theme 下写 custom_dir: theme（已写时放到它指定的文件夹），或改正路径。"]


@pytest.fixture(scope="module")
def mini_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("home")
    data = mini(tmp)
    hostile = '<img src=x onerror="alert(1)">品牌'
    (data / "brands" / "evil.yml").write_text(
        BRAND.format(name=json.dumps(hostile, ensure_ascii=False), year=2024) + "featured: true\n", encoding="utf-8")
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_home_page_is_built_from_its_markers(mini_site):
    article = mini_site.select_one("article")
    assert "<!-- showcase:" not in str(article)
    assert article.select_one(".portal-banner h1").get_text(strip=True).rstrip("¶") == "机关党建知识与风采展示站"
    assert article.select_one(".portal-banner__line").get_text() == "测试用总体要求"
    assert article.select_one(".portal-banner__org").get_text() == "机关党委"
    assert len(article.select(".portal-figures li")) == 2 + len(SHOWCASE) + 1
    assert len(article.select(".portal-tiles li")) == 2 + min(len(SHOWCASE), home.TILES)
    assert len(article.select(".portal-featured li")) == 2


def test_a_name_with_markup_on_the_home_page_stays_text(mini_site):
    featured = mini_site.select_one("article .portal-featured")
    assert featured.find("img", src="x") is None and featured.find(attrs={"onerror": True}) is None
    assert '<img src=x onerror="alert(1)">品牌' in featured.get_text()


def test_the_look_comes_from_mkdocs_yml(mini_site):
    style = "".join(s.get_text() for s in mini_site.select("head style"))
    assert "--md-primary-fg-color:#b71c1c" in style
    assert '.portal-banner{background-image:url("assets/images/banner.svg")}' in style


def test_an_unknown_marker_or_a_banner_line_not_in_the_plan_stops_the_strict_build(tmp_path):
    data = mini(tmp_path)
    result, _ = build_project(tmp_path, data, pages={"index.md": "# 首页\n\n<!-- showcase:weather -->\n"})
    assert result.returncode != 0
    assert ("content/index.md: 未知的标记 <!-- showcase:weather -->：可用的有 banner, figures, tiles, featured, latest, news, kinds, downloads, wuxing，"
            "请改正或删除这一行。") in result.stderr
    result, _ = build_project(tmp_path / "other", data, banner_line="不在原文里的话")
    assert result.returncode != 0 and "不是2023年工作要点总体要求中的原话" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_marker_counts_only_on_a_line_of_its_own():
    assert home.markers("<!-- showcase:banner -->\n\n正文\n  <!-- showcase:latest -->\n") == ["banner", "latest"]
    assert home.markers("首页里写 `<!-- showcase:banner -->` 这一行。\n") == []
