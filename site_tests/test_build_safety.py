"""A failed build breaks nothing, and what the site shows of plain text is that text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURES, ROOT, build_project

MINI = FIXTURES / "mini"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def make_site(project: Path) -> subprocess.CompletedProcess:
    """`make site` as an editor runs it, with this test run's Python instead of .venv."""
    return subprocess.run(
        ["make", "--no-print-directory", "site", f"PY={sys.executable}", f"SITE_STAMP={project / '.stamp'}"],
        cwd=project, capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the project over the small fixture data, built once with `make site`."""
    root = tmp_path_factory.mktemp("project")
    for name in ("mkdocs.yml", "Makefile", "pyproject.toml", "requirements.txt"):
        shutil.copy2(ROOT / name, root / name)
    for name in ("content", "tools"):
        # (without the shipped sample news: they cite the shipped sample units)
        shutil.copytree(ROOT / name, root / name, ignore=shutil.ignore_patterns("posts"))
    shutil.copytree(MINI, root / "data")
    (root / ".stamp").touch()  # newer than pyproject.toml: make does not reinstall anything
    result = make_site(root)
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "brands" / "qingfeng" / "index.html").is_file()
    return root


BAD_BRAND = "name: 坏品牌\nbranch: alpha-first\nyear: 2023\nsummary：一句话\n"
BAD_MEMBER = "name: 某人\nbranch: alpha-first\npost: 科员\ncategory: 党员风采展\nstory: 事迹。\n"


def break_data(project: Path):
    (project / "data" / "brands" / "bad.yml").write_text(BAD_BRAND, encoding="utf-8")
    (project / "data" / "members" / "bad.yml").write_text(BAD_MEMBER, encoding="utf-8")
    return lambda: [(project / "data" / k / "bad.yml").unlink() for k in ("brands", "members")]


def break_content(project: Path):
    # --strict turns a link to a missing page into an error late in the build, after the
    # generated pages were already written into the build folder.
    page = project / "content" / "broken.md"
    page.write_text("# 坏链接\n\n[不存在的页面](no-such-page.md)\n", encoding="utf-8")
    return page.unlink


@pytest.mark.parametrize("breakage", [break_data, break_content], ids=["bad-data", "broken-link"])
def test_failed_build_leaves_previous_site_byte_for_byte(project, breakage):
    before = snapshot(project / "site")
    undo = breakage(project)
    try:
        result = make_site(project)
    finally:
        undo()
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-*")), "a failed build leaves no half-built folder"


def test_build_and_check_report_the_same_lines(project):
    undo = break_data(project)
    try:
        built = make_site(project)
        checked = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project,
                                 capture_output=True, text=True, env=dict(os.environ, PYTHONPATH=str(ROOT)))
    finally:
        undo()
    expected = [
        "data/brands/bad.yml:4:8: YAML 格式错误：这一行的冒号是全角“：”：字段名后面要用半角冒号加空格“: ”（切换到英文输入法再输入）。",
        "data/members/bad.yml:1:1: year: 缺少必填字段“year”（展示年份）：请补上。",
        "共发现 2 处问题，请逐条修改后再检查。",
    ]
    assert checked.returncode == 1
    assert checked.stderr.splitlines() == expected
    assert built.returncode != 0
    lines = built.stderr.splitlines()
    position = lines.index(expected[0])
    assert lines[position:position + 3] == expected


# Plain-text fields holding what Markdown or HTML would read as markup.
TRICKY = {
    "name": "<b>红旗</b> & 先锋",
    "summary": "A|B * 不是强调 * # 不是标题 [不是链接](x) <script>alert(1)</script>",
    "slogan": "| 表格 | 不是 |",
}


@pytest.fixture(scope="module")
def tricky_site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("tricky")
    data = tmp / "data"
    shutil.copytree(MINI, data)
    fields = "".join(f"{key}: '{value}'\n" for key, value in TRICKY.items())
    (data / "brands" / "tricky.yml").write_text(
        fields + "branch: alpha-first\nyear: 2023\nbackground: 背景。\npractices: 做法。\nresults: 成效。\n", encoding="utf-8")
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return site


def test_plain_text_shows_as_written_on_the_built_page(tricky_site):
    soup = BeautifulSoup((tricky_site / "brands" / "tricky" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert article.h1.get_text(strip=True).startswith(TRICKY["name"])
    text = article.get_text()
    for value in TRICKY.values():
        assert value in text, value
    # nothing in those fields became an element
    assert article.find("b") is None and article.find("script") is None
    assert not [a for a in article.select("a[href]") if a["href"] == "x"]
    assert not [em for em in article.select("em") if "不是强调" in em.get_text()]
    assert not [h for h in article.select("h1, h2, h3, h4") if "不是标题" in h.get_text() and h.get_text().startswith("不是标题")]
    assert not [td for td in article.select("td, th") if td.get_text(strip=True) in ("表格", "不是")]


def test_plain_text_shows_as_written_on_the_index_card(tricky_site):
    soup = BeautifulSoup((tricky_site / "brands" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = soup.select_one("article")
    assert TRICKY["name"] in article.get_text()
    assert article.find("b") is None and article.find("script") is None
