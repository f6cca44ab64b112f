"""The kinds' listings in the navigation come from the registry, not from mkdocs.yml."""

from __future__ import annotations

from dataclasses import replace

import yaml
from conftest import ROOT

from generator.kinds import KINDS
from generator.site.navigation import _paths, with_kinds

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
