"""The editor's guide: in the navigation, and a field reference that is the models' own."""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from conftest import ROOT

from generator import pipeline
from generator.guide import schema
from generator.guide.scaffold import facts, records
from generator.kinds import KINDS
from generator.pages import home


def page(built_site, path: str) -> BeautifulSoup:
    return BeautifulSoup((built_site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_guide_is_in_the_navigation(built_site):
    nav = page(built_site, "").select_one("nav.md-nav--primary")
    assert "编辑指南" in [a.get_text(strip=True) for a in nav.select("a")]


def test_field_reference_lists_every_field_of_every_model(built_site):
    article = page(built_site, "guide/fields").select_one("article")
    headings = [h.get_text(strip=True).rstrip("¶") for h in article.select("h2")]
    tables = article.select("table")
    expected_tables = []
    for _name, (model, _) in schema.targets().items():
        assert model.model_config["title"] in headings
        top = facts(model)
        expected_tables.append(top)
        expected_tables += [facts(f.record) for f in records(top)]
    assert len(tables) == len(expected_tables)
    for table, fields in zip(tables, expected_tables, strict=True):
        rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]
        assert [(r[0], r[1], r[2]) for r in rows] == [(f.name, f.title, f.need) for f in fields]


def test_guide_names_the_new_command_of_every_kind():
    """The guide's table of kinds is a block the build fills from the registry (<!-- showcase:kinds -->)."""
    written = (ROOT / "content" / "guide.md").read_text(encoding="utf-8")
    assert "kinds" in home.markers(written)
    catalog = pipeline.load(ROOT / "data", ROOT)
    guide = home.fill(written, pipeline.complete(catalog), "guide.md", home.Site("站名"))
    assert "<!-- showcase:" not in guide.split("## 二、")[0]
    for kind in KINDS:
        where = f"`data/{kind.key}/标识.yml`" if kind.in_data else f"`{kind.pattern.replace('*', '标识')}`"
        assert f"| {where} | {kind.label} | `python -m generator new {kind.name} 标识` |" in guide, kind.key
    assert "| 支部品牌案例 | `data/brands/标识.yml` | 支部品牌 | `python -m generator new brand 标识` |" in guide
    assert "| 动态与通知 | `content/news/posts/标识.md` | 动态与通知 | `python -m generator new news 标识` |" in guide
    assert re.search(r"\[字段说明\]\(guide/fields\.md\)", guide)
