"""Rendering to Markdown: escaping, golden pages, byte-identical output."""

import markdown
import pytest
from conftest import ROOT, assert_golden

from generator import pipeline
from generator.pages.render import text


@pytest.mark.parametrize("raw", [
    "<script>alert(1)</script>",
    "A & B | C * D # E",
    "[链接](javascript:alert(1))",
    "- 不是列表",
    "1. 不是编号",
    "**不加粗** _不斜体_ `不是代码`",
    "标题 {#not-an-id}",
    "反斜杠 \\ 保留",
])
def test_text_shows_exactly_as_written(raw):
    html = markdown.Markdown(extensions=["tables", "attr_list", "def_list"]).convert(text(raw))
    # Python-Markdown wraps the text in one paragraph and escapes &, < and > once.
    expected = raw.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert html == f"<p>{expected}</p>"


def test_workplan_markdown_matches_golden():
    pages = pipeline.build(ROOT / "data", ROOT)
    assert {"workplan/2023.md", "workplan/index.md"} <= set(pages)
    assert_golden("workplan-2023.md", pages["workplan/2023.md"])
    assert_golden("workplan-index.md", pages["workplan/index.md"])


def test_same_data_gives_identical_markdown():
    first = pipeline.build(ROOT / "data", ROOT)
    second = pipeline.build(ROOT / "data", ROOT)
    assert first == second


def test_relative_links_agree_with_os_path_relpath():
    import itertools
    import os

    from generator.pages.render import relpath

    paths = ["index.md", "brands/index.md", "brands/a.md", "units/u.md", "workplan/2023.md", "a/b/c.md",
             "a/b/d.md", "a/x.md", "media/brands/x.svg", "assets/showcase/p.svg", "brands", "a/b", "a"]
    for target, here in itertools.product(paths, paths):
        assert relpath(target, here) == os.path.relpath(target, os.path.dirname(here) or "."), (target, here)
