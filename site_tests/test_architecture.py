"""The package's shape: layers that import only downwards, no cycle, one MkDocs importer, and a
new kind that is one module and two templates."""

import ast
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, phrase_finder, sections_of

PACKAGE = ROOT / "generator"

# Each part of the package may import its own layer and those above it in this list, never
# one below: reading knows nothing of models, models nothing of pages, and only the site
# layer (the plugin) knows MkDocs. CONTRIBUTING.md draws the same picture.
LAYERS = [
    {"errors", "addresses", "outputs"},
    {"source", "media", "search"},
    {"model"},
    {"pages"},
    {"kinds"},
    {"guide", "starter", "pdf"},
    {"pipeline", "pagegroups", "faces"},
    {"site"},
    {"edit"},
    {"cli", "__main__"},
]


def layer_of(module: str) -> int:
    part = module.split(".")[1] if "." in module else "__init__"
    for rank, names in enumerate(LAYERS):
        if part in names:
            return rank
    raise AssertionError(f"generator.{part} belongs to no layer: add it to LAYERS and CONTRIBUTING.md")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Every module of the package -> the modules of the package it imports, anywhere in it
    (imports inside functions too)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
                targets = [target] + [f"{target}.{a.name}" for a in node.names]
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("generator"):
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("generator")]
            found |= {t for t in targets if t in modules and t != name}
        graph[name] = found
    return graph


def test_every_part_imports_only_its_own_layer_and_those_below():
    graph = imports()
    assert len(graph) > 40  # the walk found the package
    wrong = [f"{m} imports {d}" for m, deps in sorted(graph.items()) for d in sorted(deps)
             if m != "generator" and d != "generator" and layer_of(d) > layer_of(m)]
    assert not wrong, wrong


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` (a -> b -> a), or None."""
    done: set[str] = set()

    def walk(module: str, path: list[str]) -> list[str] | None:
        for dep in sorted(graph[module]):
            if dep in path:
                return [*path[path.index(dep):], dep]
            if dep not in done:
                cycle = walk(dep, [*path, dep])
                if cycle:
                    return cycle
        done.add(module)
        return None

    for module in sorted(graph):
        if module not in done:
            cycle = walk(module, [module])
            if cycle:
                return cycle
    return None


def test_no_import_cycle():
    cycle = find_cycle(imports())
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_search_finds_a_cycle_written_on_purpose():
    graph = {"fieldguide": {"schema"}, "schema": {"pipeline"}, "pipeline": {"fieldguide", "render"}, "render": set()}
    assert find_cycle(graph) == ["fieldguide", "schema", "pipeline", "fieldguide"]
    graph["pipeline"].discard("fieldguide")
    assert find_cycle(graph) is None


def test_only_the_plugins_import_mkdocs():
    users = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n.split(".")[0] in ("mkdocs", "material", "properdocs") for n in names):
                users.add(module_name(path))
    # One file per plugin: the showcase plugin and the search plugin (mkdocs.plugins entry points).
    assert users == {"generator.site.plugin", "generator.site.plugin_search"}


# A kind the site does not have: talks given at branches, each citing points in its parts.
TALK_MODULE = '''"""Talks given at the branches (a kind added by the tests)."""

from pydantic import ConfigDict, Field

from ..model.catalog import Kind
from ..model.fields import BranchRef, Entry, MarkdownText, Model, PlainText, PointRef, UnitRef, Year


class Part(Model):
    model_config = ConfigDict(title="章节")

    heading: PlainText = Field(title="章节标题", examples=["学什么"])
    guest_unit: UnitRef = Field(title="协办单位", examples=["zhengwu"])
    cites: PointRef = Field(title="对应要点", examples=["2023-9"])


class Talk(Entry):
    model_config = ConfigDict(title="专题党课")

    title: PlainText = Field(title="党课题目", examples=["示例党课"])
    branch: BranchRef = Field(title="所属党支部", examples=["zhengwu-first"])
    year: Year = Field(title="年份")
    outline: MarkdownText = Field(title="提纲", examples=["- 第一部分"])
    parts: list[Part] = Field(default_factory=list, title="章节")

    @property
    def heading(self) -> str:
        return self.title


KIND = Kind("talks", "专题党课", Talk, name="talk", intro="各党支部的专题党课。", card="cards/talk.md.j2", page="talk.md.j2", order=9)
'''

TALK_PAGE = '''{% import "_macros.md.j2" as m with context %}
{{ m.head(entry.title, entry.wuxing) }}

{{ m.sample_notice(entry.sample) }}
{% call m.facts(entry.points) %}

所属党支部
:   {{ m.branch_link(entry.branch) }}
{% endcall %}

{% for part in entry.parts %}
- {{ part.heading | text }}（{{ m.unit_link(part.guest_unit) }}，{{ m.point_link(part.cites) }}）
{% endfor %}

{{ entry.outline | markdown }}
{{ m.page_end(record) }}
'''

TALK_CARD = '''-   **{{ m.record_link(record) }}**{{ m.sample_tag(record.entry.sample) }}

    {{ record.entry.year }} 年
'''

TALK = """title: 示例党课：学思践悟
branch: {branch}
year: 2023
outline: |
  - 为什么学
parts:
  - heading: 第一讲
    guest_unit: {unit}
    cites: "{point}"
"""


def add_talks(tmp: Path) -> tuple[Path, dict]:
    """A copy of the package with kinds/talks.py and its page and card templates added, nothing
    else edited, and a copy of the project (mkdocs.yml, content/, data/) holding one talk: the
    project's folder and the environment that runs the copy."""
    package = tmp / "pkg" / "generator"
    shutil.copytree(PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    (package / "kinds" / "talks.py").write_text(TALK_MODULE, encoding="utf-8")
    (package / "templates" / "talk.md.j2").write_text(TALK_PAGE, encoding="utf-8")
    (package / "templates" / "cards" / "talk.md.j2").write_text(TALK_CARD, encoding="utf-8")
    project = tmp / "project"
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copytree(ROOT / "content", project / "content")
    shutil.copyfile(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "data" / "talks").mkdir()
    (project / "data" / "talks" / "xuesi.yml").write_text(
        TALK.format(branch="zhengwu-first", unit="shuju", point="2023-9"), encoding="utf-8")
    return project, dict(os.environ, PYTHONPATH=str(package.parent), NO_MKDOCS_2_WARNING="1")


@pytest.mark.slow
def test_a_new_kind_is_one_module_and_two_templates(tmp_path):
    """check, render, schema and new all know the added kind, and its references (nested ones
    too) are checked, cited on the point's page and listed on the unit's page."""
    project, env = add_talks(tmp_path)

    def run(*args):
        return subprocess.run([sys.executable, "-m", "generator", *args], cwd=project, capture_output=True, text=True, env=env)

    checked = run("check")
    assert checked.returncode == 0, checked.stderr
    assert "专题党课 1 项" in checked.stdout

    rendered = run("render", "--out", "out")
    assert rendered.returncode == 0, rendered.stderr
    out = project / "out"
    page = (out / "talks" / "xuesi.md").read_text(encoding="utf-8")
    assert "示例党课：学思践悟" in page and "](../units/shuju.md)" in page and "](../workplan/2023.md#point-9)" in page
    assert '<div class="entry-facts" markdown>\n\n所属党支部\n:   [' in page
    assert "(xuesi.md)" in (out / "talks" / "index.md").read_text(encoding="utf-8")
    # The branch's unit and the nested part's unit both list it; the cited point's page cites it.
    for unit in ("zhengwu", "shuju"):
        assert "talks/xuesi.md" in (out / "units" / f"{unit}.md").read_text(encoding="utf-8"), unit
    citing = [p for p in out.rglob("*.md") if "workplan" in p.parts and "talks/xuesi.md" in p.read_text(encoding="utf-8")]
    assert citing, "no page of the plan cites the talk"
    assert "专题党课" in (out / "guide" / "fields.md").read_text(encoding="utf-8")

    assert run("schema", "--out", "schemas").returncode == 0
    talk_schema = json.loads((project / "schemas" / "talk.schema.json").read_text(encoding="utf-8"))
    assert talk_schema["title"] == "专题党课" and "parts" in talk_schema["properties"]
    # make edit's start page lists the kind with its entry, and opens a form made from its model.
    ask = ("import json, pathlib; from generator.edit.api import App; app = App(pathlib.Path('.'), site_preview=False); "
           "print(json.dumps([app.kinds(), app.form('talks', '')['schema']['title']], ensure_ascii=False))")
    asked = subprocess.run([sys.executable, "-c", ask], cwd=project, capture_output=True, text=True, env=env)
    assert asked.returncode == 0, asked.stderr
    listed, form_title = json.loads(asked.stdout)
    talks = next(k for k in listed["kinds"] if k["key"] == "talks")
    assert talks["label"] == "专题党课" and [e["id"] for e in talks["entries"]] == ["xuesi"]
    assert form_title == "专题党课"
    keys = [k["key"] for k in listed["kinds"]]
    assert keys.index("news") + 1 == keys.index("talks")  # in the registry's order

    made = run("new", "talk", "di-er-jiang")
    assert made.returncode == 0, made.stderr
    assert (project / "data" / "talks" / "di-er-jiang.yml").is_file()

    # A nested reference to a point that does not exist is found and located, like any other.
    (project / "data" / "talks" / "di-er-jiang.yml").unlink()
    (project / "data" / "talks" / "xuesi.yml").write_text(
        TALK.format(branch="zhengwu-first", unit="shuju", point="2023-99"), encoding="utf-8")
    bad = run("check")
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert "data/talks/xuesi.yml:9:12: parts[0].cites: 未知的工作要点“2023-99”" in bad.stderr, bad.stderr


@pytest.fixture(scope="module")
def talks_site(tmp_path_factory) -> Path:
    """The copy with the added kind, built as `make site` builds: strict, nothing else touched."""
    project, env = add_talks(tmp_path_factory.mktemp("talks"))
    built = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"],
                           cwd=project, capture_output=True, text=True, env=env)
    assert built.returncode == 0, built.stderr
    return project / "site"


def html(site: Path, page: str) -> BeautifulSoup:
    return BeautifulSoup((site / page / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.slow
def test_a_new_kind_is_in_the_strictly_built_site_wherever_the_kinds_are(talks_site):
    home = html(talks_site, "")
    # The navigation: its listing is a tab after the news, the kind before it in the registry.
    tabs = [a.get_text(strip=True) for a in home.select(".md-tabs__link")]
    assert tabs[tabs.index("动态与通知") + 1] == "专题党课", tabs
    nav = {a.get_text(strip=True): a["href"] for a in home.select("nav.md-nav--primary a.md-nav__link[href]")}
    assert nav["专题党课"] == "talks/"
    # Its listing: one card, in the grid every kind's cards are in, its modifier kept by the sanitizer.
    grid = html(talks_site, "talks").select_one("article div.grid")
    assert grid["class"] == ["grid", "cards", "cards--talks"]
    assert html(talks_site, "brands").select_one("article div.grid")["class"] == ["grid", "cards", "cards--brands"]
    assert [a.get_text() for a in grid.select("li strong a")] == ["示例党课：学思践悟"]
    # The home page counts it and gives it a tile.
    figures = [li.get_text(" ", strip=True) for li in home.select("article .portal-figures li")]
    assert "1 项专题党课" in figures
    tiles = {li.select_one("a").get_text(strip=True): li.get_text(" ", strip=True) for li in home.select("article .portal-tiles li")}
    assert tiles["专题党课"] == "专题党课 1 项专题党课。"
    # The board (落实看板) counts it among the kinds.
    board = html(talks_site, "workplan/2023/progress").find("table", attrs={"aria-labelledby": "by-kind"})
    rows = {tr.th.get_text(strip=True): tr.td.get_text(strip=True) for tr in board.select("tbody tr")}
    assert rows["专题党课"] == "1" and list(rows)[-1] == "专题党课"
    # Search (the index showcase-search writes): its page under its title, found by words of its text.
    sections = sections_of(talks_site)
    assert sections["talks/xuesi/"][0] == "示例党课：学思践悟"
    assert "talks/xuesi/" in phrase_finder(talks_site, sections)("为什么学")
    # The field guide has its fields.
    guide = html(talks_site, "guide/fields")
    assert "专题党课" in [h.get_text(strip=True).rstrip("¶") for h in guide.select("article h2")]


def test_templates_ask_the_catalog_rather_than_read_its_tables():
    """Templates get finished values (catalog.unit(), catalog.url(), catalog.count()), so the
    catalog's inner tables can change without touching them."""
    inner = re.compile(r"catalog\.(units|branches|records|citations|by_unit|related|updated|term_uses)\s*[\[.]")
    found = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
             for path in sorted((PACKAGE / "templates").rglob("*.j2"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if inner.search(line)]
    assert not found, found
    assert inner.search("{{ catalog.units[unit_id].name }}")  # the pattern does catch the old way


# What building an address by hand looks like: a page's path joined from strings, an anchor of
# the plan written out. ``addresses.py`` alone may do it.
HAND_MADE = re.compile(r"""(index\.md["'}]|\.md#|#point-|#section-|/points/|\{#(point|section)-|["'(]\.\./[\w/]*\.md)""")


def _code(line: str, suffix: str) -> str:
    """A line of Python without its comment and a docstring's line (examples of paths are
    fine there); a template's line as it is."""
    if suffix != ".py":
        return line
    if line.lstrip().startswith(('"""', "``", "#")):
        return ""
    return line.split("  # ")[0]


def test_only_the_address_module_builds_addresses():
    """Pages, templates, links by id and the plugin ask ``generator/addresses.py`` for every path
    and anchor of the site (DESIGN.md's URL table); none joins one by hand."""
    found = [f"{path.relative_to(PACKAGE)}:{n}: {line.strip()}"
             for path in sorted([*PACKAGE.rglob("*.py"), *(PACKAGE / "templates").rglob("*.j2")])
             if path.name != "addresses.py"
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if HAND_MADE.search(_code(line, path.suffix))]
    assert not found, found
    for made in ('here = "units/index.md"', '({{ plan_url | rel(here) }}#point-{{ n }})', 'f"workplan/{year}/points/{n}.md"',
                 "### {{ p.title }} {#point-{{ p.number }}}", "[指南](../guide.md)"):
        assert HAND_MADE.search(made), made  # the pattern does catch the old ways
