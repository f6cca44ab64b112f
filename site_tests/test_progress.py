"""落实看板: the matrix against the data, the charts' text, points not yet carried out, paper."""

from __future__ import annotations

import re
import shutil
import sys
from collections import Counter, defaultdict
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import MINI, ROOT

from generator import pipeline
from generator.kinds import KINDS as REGISTRY
from generator.pages import progress

sys.path.insert(0, str(ROOT / "bench"))
import synth  # noqa: E402

KINDS = [kind.key for kind in REGISTRY if kind.in_data]  # under data/; news items under content/
BOARD = "workplan/2023/progress/index.html"


def raw_entries(data: Path) -> list[tuple[str, str, dict]]:
    """(kind, id, fields) of every entry under data/ and every news item beside it (its front matter)."""
    found = [(kind, path.stem, yaml.safe_load(path.read_text(encoding="utf-8")))
             for kind in KINDS for path in sorted((data / kind).glob("*.yml"))]
    for path in sorted((data.parent / "content" / "news" / "posts").glob("*.md")):
        found.append(("news", path.stem, yaml.safe_load(path.read_text(encoding="utf-8")[4:].split("\n---\n")[0])))
    return found


def expected(data: Path, year: int = 2023) -> dict:
    """From the raw files alone: for each entry or news item citing the year, its units and points."""
    units = yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"]
    owner = {b["id"]: u["id"] for u in units for b in u["branches"]}
    found = {}
    for kind, ident, entry in raw_entries(data):
        points = {int(ref.split("-")[1]) for ref in entry.get("points", []) if ref.startswith(f"{year}-")}
        if not points:
            continue
        branches = [entry.get("branch")] + [s["branch"] for s in entry.get("speakers", [])]
        unit_ids = {owner[b] for b in branches if b} | {entry.get("unit"), entry.get("host_unit")} - {None}
        unit_ids |= set(entry.get("units", []))
        found[f"{kind}/{ident}"] = {"kind": kind, "units": unit_ids, "points": points, "entry": entry}
    cells, rows, columns = Counter(), defaultdict(set), defaultdict(set)
    for key, e in found.items():
        for n in e["points"]:
            rows[n].add(key)
            for u in e["units"]:
                cells[(n, u)] += 1
        for u in e["units"]:
            columns[u].add(key)
    names = {u["name"]: u["id"] for u in units}
    # A point "has a showcase" when an entry under data/ cites it: news items are not showcases.
    shown = {n for e in found.values() if e["kind"] != "news" for n in e["points"]}
    return {"entries": found, "cells": cells, "rows": rows, "columns": columns, "names": names,
            "units": [u["id"] for u in units], "shown": shown}


@pytest.fixture(scope="module")
def board(built_site):
    return BeautifulSoup((built_site / BOARD).read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def truth():
    return expected(ROOT / "data")


def matrix(board, names) -> tuple[dict, dict, dict]:
    """Cells ``(point, unit) -> (count, href)``, row totals and column totals read off the tables."""
    cells, totals, columns = {}, {}, {}
    for table in board.select("table.pg-matrix"):
        units = [names[th.get("title") or th.get_text(strip=True)] for th in table.select("thead th.pg-unit")]
        for tr in table.select("tbody tr"):
            th = tr.find("th")
            tds = tr.find_all("td")
            if "pg-sum" in (tr.get("class") or []):
                columns.update({u: int(td.get_text()) for u, td in zip(units, tds, strict=False)})
                continue
            if "pg-section" in (tr.get("class") or []):
                continue
            number = int(re.match(r"(\d+)\.", th.get_text(strip=True)).group(1))
            for u, td in zip(units, tds, strict=False):  # the last cell is the total
                link = td.find("a")
                cells[(number, u)] = (int(td.get_text(strip=True)), link["href"] if link else None)
            totals[number] = int(tds[-1].get_text(strip=True))
    return cells, totals, columns


@pytest.mark.slow
def test_matrix_counts_match_the_data(board, truth):
    cells, totals, columns = matrix(board, truth["names"])
    assert len(totals) == 25
    assert {k: v[0] for k, v in cells.items() if v[0]} == dict(truth["cells"])
    assert all(count == 0 for key, (count, _) in cells.items() if key not in truth["cells"])
    assert totals == {n: len(truth["rows"].get(n, ())) for n in range(1, 26)}
    assert columns == {u: len(truth["columns"].get(u, ())) for u in truth["units"]}
    grand = board.select("table.pg-matrix tr.pg-sum td.pg-total")[0].get_text(strip=True)
    assert int(grand) == len(truth["entries"])


@pytest.mark.slow
def test_each_cell_links_to_exactly_the_entries_it_counts(built_site, board, truth):
    from test_showcase_site import resolve, soup_of

    cells, _, _ = matrix(board, truth["names"])
    checked = 0
    for (number, unit), (count, href) in cells.items():
        if not count:
            assert href is None
            continue
        page, anchor = resolve(built_site, "/workplan/2023/progress/", href)
        assert page is not None and anchor == f"u-{unit}"
        heading = soup_of(page).find(id=anchor)
        listed = set()
        for li in heading.find_next("ul").select("li"):
            file, _ = resolve(built_site, "/" + page.parent.relative_to(built_site).as_posix() + "/", li.a["href"])
            listed.add(f"{file.parent.parent.name}/{file.parent.name}")
        expected_keys = {k for k, e in truth["entries"].items() if number in e["points"] and unit in e["units"]}
        assert listed == expected_keys, (number, unit)
        checked += 1
    assert checked == len(truth["cells"]) > 10


@pytest.mark.slow
def test_points_with_nothing_yet_are_said_in_words(board, truth):
    empty = [n for n in range(1, 26) if n not in truth["shown"]]
    assert empty, "the shipped samples leave some points without a showcase"
    said = board.select_one(".pg-uncovered").get_text()
    for n in empty:
        assert f"第 {n} 条" in said
    for tr in board.select("table.pg-matrix tr.pg-none"):
        assert "尚无" in tr.find("th").get_text()
    marked = {int(re.match(r"(\d+)", tr.find("th").get_text(strip=True)).group(1))
              for tr in board.select("table.pg-matrix tr.pg-none")}
    assert marked == set(empty)


def chart(board, chart_id: str) -> list[list[str]]:
    """A chart's rows as text: what a screen reader or a copy as text gets."""
    table = board.find("table", attrs={"aria-labelledby": chart_id})
    assert table is not None, chart_id
    assert board.find(id=chart_id).name == "h3"
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = [[tr.find("th").get_text(" ", strip=True)] + [td.get_text(strip=True) for td in tr.find_all("td")]
            for tr in table.select("tbody tr")]
    assert all(len(r) == len(heads) for r in rows)
    return rows


def bar_width(board, chart_id: str) -> list[int]:
    table = board.find("table", attrs={"aria-labelledby": chart_id})
    return [int(re.search(r"pg-w(\d+)", " ".join(span["class"])).group(1)) for span in table.select(".pg-bar")]


@pytest.mark.slow
def test_charts_carry_their_numbers_as_text(board, truth):
    kinds = Counter(e["kind"] for e in truth["entries"].values())
    labels = {kind.key: kind.label for kind in REGISTRY}
    assert labels["brands"] == "支部品牌" and labels["innovations"] == "党建创新榜"
    order = [kind.key for kind in REGISTRY]
    assert kinds["news"] > 0  # a kind the board was not written for is counted too
    assert [(r[0], int(r[1])) for r in chart(board, "by-kind")] == [(labels[k], kinds[k]) for k in order]
    top = max(kinds.values())
    assert bar_width(board, "by-kind") == [max(2, round(kinds[k] / top * 50) * 2) if kinds[k] else 0 for k in order]
    units = {r[0]: int(r[1]) for r in chart(board, "by-unit")}
    assert units == {name: len(truth["columns"].get(uid, ())) for name, uid in truth["names"].items()}
    plan = yaml.safe_load((ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8"))
    sections = chart(board, "by-section")
    for row, section in zip(sections, plan["sections"], strict=True):
        numbers = [p["number"] for p in section["points"]]
        covered = sum(1 for n in numbers if n in truth["shown"])
        assert row[0].startswith(f"{section['numeral']}、{section['title']}")
        assert row[1:4] == [str(len(numbers)), str(covered), f"{round(100 * covered / len(numbers))}%"]
    years = Counter(e["entry"]["year"] if "year" in e["entry"] else int(str(e["entry"]["date"])[:4])
                    for e in truth["entries"].values())
    assert {r[0]: int(r[1]) for r in chart(board, "by-year")} == {f"{y} 年": n for y, n in years.items()}
    assert len(chart(board, "by-month")) == 12
    wuxing = {r[0]: r for r in chart(board, "by-wuxing")}
    assert set(wuxing) == {"政治型", "服务型", "实干型", "文明型", "廉洁型"}
    tagged = Counter(w for e in truth["entries"].values() for w in e["entry"].get("wuxing", []))
    assert {w: int(r[4]) for w, r in wuxing.items()} == {w: tagged[w] for w in wuxing}


@pytest.mark.slow
def test_unit_columns_are_headed_by_their_short_names_and_keep_the_full_ones(board):
    units = yaml.safe_load((ROOT / "data" / "units.yml").read_text(encoding="utf-8"))["units"]
    want = []
    for unit in units:
        short = unit.get("short") or []
        first = short if isinstance(short, str) else (short or [None])[0]
        want.append((first, unit["name"], f"{first}（{unit['name']}）") if first else (unit["name"], None, None))
    heads = [(th.get_text(strip=True), th.get("title"), th.get("aria-label"))
             for th in board.select("table.pg-matrix thead th.pg-unit")]
    assert heads == want
    assert any(title for _, title, _ in heads) and any(not title for _, title, _ in heads)  # both cases seen


def test_a_column_is_headed_by_the_full_name_where_a_short_one_would_mislead():
    def unit(ident: str, name: str, *short: str) -> SimpleNamespace:
        return SimpleNamespace(id=ident, name=name, short=list(short))

    labels = progress._labels([
        unit("a", "示例市政务服务局", "政务局", "市政务局"),  # the first short name
        unit("b", "示例市数据资源管理局"),                    # none
        unit("c", "甲局", "甲单位局"),                        # no shorter than the name
        unit("d", "示例市第一局", "一局"), unit("e", "示例市第二局", "一局"),  # two units called the same
        unit("f", "示例市农业农村局", "甲局"),                # another unit's name
    ])
    assert labels == {"a": "政务局", "b": "示例市数据资源管理局", "c": "甲局", "d": "示例市第一局",
                      "e": "示例市第二局", "f": "示例市农业农村局"}


@pytest.mark.slow
def test_board_holds_no_script_and_nothing_from_outside(board):
    article = board.select_one("article")
    assert not article.select("script, svg, img, iframe, object")
    for tag in article.select("[href], [src]"):
        assert not re.match(r"^[a-z]+:", tag.get("href") or tag.get("src")), tag


@pytest.mark.slow
def test_board_is_linked_from_the_plan_and_the_home_page(built_site):
    for page in ("workplan/2023/index.html", "index.html"):
        soup = BeautifulSoup((built_site / page).read_text(encoding="utf-8"), "html.parser")
        assert any(a["href"].rstrip("/").endswith("progress") for a in soup.select("article a[href]")), page


def test_board_counts_an_entry_of_several_units_once_in_totals(tmp_path):
    data = synth.write(tmp_path, 200)
    truth = expected(data)
    found = progress.board(pipeline.complete(pipeline.load(data, tmp_path)), 2023)
    rows = {row.number: row for s in found["sections"] for row in s["rows"]}
    units = truth["units"]
    assert {(n, units[i]): c.count for n, row in rows.items() for i, c in enumerate(row.cells) if c.count} == dict(truth["cells"])
    assert {n: row.total for n, row in rows.items()} == {n: len(truth["rows"].get(n, ())) for n in rows}
    assert [c["total"] for c in found["columns"]] == [len(truth["columns"].get(u, ())) for u in units]
    assert found["total"] == len(truth["entries"])
    several = [k for k, e in truth["entries"].items() if len(e["units"]) > 1]
    assert several, "forums have speakers from several units"
    assert sum(c.count for row in rows.values() for c in row.cells) > sum(row.total for row in rows.values())
    assert len(found["blocks"]) == -(-len(units) // progress.BLOCK)


def test_a_wide_board_comes_in_pages_of_its_matrix(tmp_path, monkeypatch):
    from generator.pages import progress as board_pages

    monkeypatch.setattr(board_pages, "BLOCK", 1)        # one unit a table
    monkeypatch.setattr(board_pages, "PAGE_BLOCKS", 1)  # one table a page: the mini's two units, two pages
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    pages = pipeline.render(pipeline.load(data, tmp_path))
    first, second = pages["workplan/2023/progress.md"], pages["workplan/2023/progress/2.md"]
    assert "甲单位" in first.split("## 落实矩阵")[1].split("## 统计图")[0] and "## 统计图" in first
    assert "乙单位" in second and "## 统计图" not in second and "尚无展示落实的要点" not in second
    assert 'title: "2023 年落实看板（第 2 页）"' in second and 'search: {"exclude": true}' in second
    assert "[2](progress/2.md)" in first and "[1](../progress.md)" in second
    assert "workplan/2023/progress/3.md" not in pages
