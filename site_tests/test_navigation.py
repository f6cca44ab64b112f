"""The kinds' listings in the navigation come from the registry, not from mkdocs.yml."""

from __future__ import annotations

from dataclasses import replace

import yaml
from conftest import ROOT

from generator.kinds import KINDS
from generator.site.navigation import Places, _paths, with_kinds

BRANDS, MEMBERS, FORUMS, INNOVATIONS, NEWS = (next(k for k in KINDS if k.key == key)
                                              for key in ("brands", "members", "forums", "innovations", "news"))
HOME = {"首页": "index.md"}
PLAN = {"工作要点": ["workplan/index.md", {"五型": "tags.md"}]}
NEWS_SECTION = {"动态与通知": ["news/index.md", {"最近更新": "updates/index.md"}]}
UNITS = {"单位": "units/index.md"}


def test_the_shipped_nav_names_no_showcase_kind_and_gets_them_in_the_registry_s_order():
    nav = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    added = with_kinds(nav, KINDS)
    top = [next(iter(item.values())) if isinstance(item, dict) else item for item in added]
    # the same tabs as when mkdocs.yml listed them: after the plan, before the news
    assert top[2:6] == ["brands/index.md", "members/index.md", "forums/index.md", "innovations/index.md"]
    assert added[2:6] == [{"支部品牌": "brands/index.md"}, {"党员风采": "members/index.md"},
                          {"书记论坛": "forums/index.md"}, {"党建创新榜": "innovations/index.md"}]
    assert {f"{kind.key}/index.md" for kind in KINDS} <= {p for item in added for p in _paths(item)}
    assert len(added) == len(nav) + sum(1 for kind in KINDS if kind.key != "news")  # news is named under 动态与通知


def test_a_kind_the_admin_names_stays_where_and_as_it_is_named():
    nav = [HOME, {"品牌": [{"全部品牌": "brands/index.md"}]}, NEWS_SECTION, UNITS]
    assert with_kinds(nav, [BRANDS, NEWS]) == nav


def test_a_new_kind_goes_after_the_kind_before_it_in_the_registry():
    talks = replace(INNOVATIONS, key="talks", name="talk", label="专题党课", order=6)
    nav = [HOME, PLAN, {"品牌": "brands/index.md"}, NEWS_SECTION, UNITS]
    assert with_kinds(nav, [BRANDS, NEWS, talks]) == [HOME, PLAN, {"品牌": "brands/index.md"}, NEWS_SECTION,
                                                      {"专题党课": "talks/index.md"}, UNITS]
    # first in the registry: before the entry holding the kind after it
    first = replace(talks, order=0)
    assert with_kinds(nav, [first, BRANDS, NEWS])[2] == {"专题党课": "talks/index.md"}


def test_a_nav_without_kinds_gets_them_after_its_first_entry():
    assert with_kinds([HOME, UNITS], [BRANDS, MEMBERS, FORUMS]) == [
        HOME, {"支部品牌": "brands/index.md"}, {"党员风采": "members/index.md"}, {"书记论坛": "forums/index.md"}, UNITS]
    assert with_kinds([], [BRANDS]) == [{"支部品牌": "brands/index.md"}]
    assert with_kinds(["./brands/index.md"], [BRANDS]) == ["./brands/index.md"]


# --- Where a page is: Places, over stand-ins with MkDocs' attributes (url, title, parent, children)

class Item:
    def __init__(self, title, url="", children=(), parent=None):
        self.title, self.url, self.children, self.parent = title, url, list(children), parent
        for child in self.children:
            child.parent = self


class Nav:
    def __init__(self, *items):
        self.items = list(items)
        self.pages = [p for item in items for p in _leaves(item)]


def _leaves(item):
    return [p for c in item.children for p in _leaves(c)] if item.children else [item]


def _site(use_directory_urls=True):
    def url(folder):
        return folder if use_directory_urls else (folder + "index.html")
    home, plan, tags = Item("首页", url("")), Item("2023年工作要点", url("workplan/")), Item("五型", url("tags/"))
    section = Item("工作要点", children=[plan, tags])
    brands = Item("支部品牌", url("brands/"))
    nav = Nav(home, section, brands)
    loose = {u: Item(t, url(u)) for u, t in [("workplan/2023/", "2023年区党建工作要点"),
                                            ("workplan/2023/points/10/", "第 10 条的落实"),
                                            ("brands/hongse-yizhan/", "红色服务驿站"),
                                            ("brands/wuxing/service/", "支部品牌 · 服务型"),
                                            ("about/", "关于本站")]}
    return nav, [home, plan, tags, brands, *loose.values()], loose


def _crumbs(places, page):
    return [(c.title, c.url) for c in places.trail(page)]


def test_an_entry_stands_in_the_navigation_through_its_listing_and_its_trail_leads_home():
    nav, pages, loose = _site()
    places = Places(nav, pages)
    entry = loose["brands/hongse-yizhan/"]
    assert places.holder(entry) is nav.items[2]
    assert _crumbs(places, entry) == [("首页", ""), ("支部品牌", "brands/"), ("红色服务驿站", None)]
    # a listing by 五型 below the kind's: the same tab, no folder page between (brands/wuxing/ is none)
    assert _crumbs(places, loose["brands/wuxing/service/"]) == [("首页", ""), ("支部品牌", "brands/"), ("支部品牌 · 服务型", None)]


def test_a_point_page_passes_through_the_section_and_every_page_between():
    nav, pages, loose = _site()
    places = Places(nav, pages)
    point = loose["workplan/2023/points/10/"]
    assert places.holder(point).title == "2023年工作要点"
    # the section leads to its first page, which is then not named twice
    assert _crumbs(places, point) == [("首页", ""), ("工作要点", "workplan/"),
                                      ("2023年区党建工作要点", "workplan/2023/"), ("第 10 条的落实", None)]
    tags = nav.pages[2]
    assert places.holder(tags) is tags and _crumbs(places, tags) == [("首页", ""), ("工作要点", "workplan/"), ("五型", None)]


def test_the_home_page_has_no_trail_and_a_page_outside_the_navigation_has_a_short_one():
    nav, pages, loose = _site()
    places = Places(nav, pages)
    assert places.trail(nav.pages[0]) == [] and places.holder(nav.pages[0]) is nav.pages[0]
    assert places.holder(loose["about/"]) is None, "the home page stands for no page below it"
    assert _crumbs(places, loose["about/"]) == [("首页", ""), ("关于本站", None)]


def test_places_hold_for_a_site_built_without_directory_urls():
    nav, pages, loose = _site(use_directory_urls=False)
    places = Places(nav, pages)
    assert _crumbs(places, loose["workplan/2023/points/10/"]) == [
        ("首页", "index.html"), ("工作要点", "workplan/index.html"), ("2023年区党建工作要点", "workplan/2023/index.html"),
        ("第 10 条的落实", None)]


def test_a_page_not_read_in_a_partial_build_is_left_out_of_a_trail_rather_than_named_blank():
    nav, pages, loose = _site()
    loose["workplan/2023/"].title = None
    places = Places(nav, pages)
    assert _crumbs(places, loose["workplan/2023/points/10/"]) == [("首页", ""), ("工作要点", "workplan/"), ("第 10 条的落实", None)]
