"""The benchmark keeps working: its data writer, and bench/run.py once at a tiny size."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest
import yaml
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import from_model  # noqa: E402
import hostile  # noqa: E402
import pathological  # noqa: E402
import synth  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.kinds import KINDS  # noqa: E402


def files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_synthetic_data_is_valid_complete_and_the_same_for_the_same_size(tmp_path):
    first = synth.write(tmp_path / "a", 40)
    again = synth.write(tmp_path / "b", 40)
    other = synth.write(tmp_path / "c", 41)
    assert files(first) == files(again)
    assert files(first) != files(other)
    catalog = pipeline.load(first, tmp_path / "a")
    counts = {kind: len(records) for kind, records in catalog.records.items()}
    news = counts.pop("news")
    assert counts == synth.counts(40) and sum(counts.values()) == 40 and min(counts.values()) > 0
    assert news == synth.news_count(40) == 8
    assert len(catalog.units) >= 4 and all(unit.branches for unit in catalog.units.values())
    pages = pipeline.render(catalog)
    story = pages["members/member-0001.md"]
    assert synth.han(story) > 800  # a page of about 1,200 Chinese characters, not a stub
    assert all(record.entry.sample for records in catalog.records.values() for record in records)


@pytest.mark.parametrize("kind", [kind for kind in KINDS if kind.in_data], ids=lambda kind: kind.key)
def test_a_kind_without_a_writer_of_its_own_gets_entries_made_from_its_model(tmp_path, kind):
    """What synth.py does for a kind added to the registry, tried on every kind's model: the
    entries it draws pass check (references to the synthetic units and points included)."""
    data = synth.write(tmp_path, 12)
    w = synth.Writer(12)
    units = yaml.safe_load((data / "units.yml").read_text(encoding="utf-8"))["units"]
    maker = from_model.Maker(w, units, [b for u in units for b in u["branches"]], synth.YEARS)
    for i in range(3):
        (data / kind.key / f"from-model-{i}.yml").write_text(synth.dump(maker.entry(kind.model, 400)), encoding="utf-8")
    if maker.pictures:
        (data / from_model.PLACEHOLDER).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "generator" / "assets" / "picture-placeholder.svg", data / from_model.PLACEHOLDER)
    catalog = pipeline.load(data, tmp_path)
    made = [r for r in catalog.records[kind.key] if r.id.startswith("from-model-")]
    assert len(made) == 3 and all(r.entry.sample for r in made)
    assert any(r.entry.cited_points() for r in made)


def test_bench_runs_at_a_tiny_size(tmp_path):
    out = tmp_path / "results.json"
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "12", "--limit-runs", "1",
                             "--work", str(tmp_path / "work"), "--out", str(out)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["machine"]["cpus"] >= 1
    [row] = report["rows"]
    assert row["entries"] == 12
    for key in ("generator_s", "check_s", "build_s", "plain_build_s", "build_peak_mb", "site_bytes",
                "largest_page_bytes", "search_bytes", "search_gzip_bytes", "load_ms", "first_answer_ms", "ready_ms", "query_ms",
                "bytes_before_answer", "home_bytes", "plan_bytes", "largest_index_bytes", "progress_bytes", "progress_s",
                "reload_s", "reload_build_s", "tags_bytes", "notfound_bytes", "plain_query_ms", "plain_typed_ms"):
        assert row[key] > 0, key
    # Saving one entry under `make serve` rebuilds that entry's page alone.
    assert row["reload_pages"] == 1 and len(row["reload_all_s"]) == 5
    # The pieces are stored compressed: a host's gzip has (almost) nothing left to take.
    assert row["search_gzip_bytes"] > 0.9 * row["search_bytes"]
    assert "符合条件的结果" in row["first_answer"] and "没有" not in row["first_answer"]
    assert row["no_hit_answer"] == "没有找到符合条件的结果"
    assert not any(p.startswith("/search/") for p in row["home_files"])
    # Two tables, one row each for N = 12 (a measured cell may read 12 too: count rows, not cells).
    assert sum(line.startswith("| 12 |") for line in result.stdout.splitlines()) == 2 and "N = 12" in result.stdout
    assert "保存条目文件到浏览器显示修改" in result.stdout
    assert f"最大的页面（{row['largest_page']}）" in result.stdout and "每页 ≤ 300 KB" in result.stdout
    # The largest page of each page type (pagesizes.py): the home page among them, none over the limit.
    types = {r["type"]: r for r in row["page_types"]}
    assert types["首页"]["pages"] == 1 and f"| 首页 | 1 | {types['首页']['largest_bytes'] / 1e3:.0f} | `/` |" in result.stdout
    assert "（N = 12）达到：每类页面都不超过 300 KB" in result.stdout
    # Each limit: a file at it passes check, ten times it is refused; a picture at the pixel limit.
    assert [r["name"] for r in report["limits"]] == [case.name for case in hostile.CASES]
    assert all(r["at_limit_passes"] and r["over_refused"] and r["at_limit_s"] > 0 for r in report["limits"])
    assert {p["picture"] for p in report["pictures"]} == {"jpeg", "png"}
    assert all(p["render_peak_mb"] > 0 and p["check_s"] > 0 for p in report["pictures"])
    assert all(f"| {case.label} | {case.limit:,} |" in result.stdout for case in hostile.CASES)
    assert "| jpeg | 52,000,000 |" in result.stdout and "| png | 52,000,000 |" in result.stdout
    # The pathological texts and files: each timed, the files refused, the page at the limit read.
    assert [r["name"] for r in report["markdown"]] == list(pathological.MARKDOWN) and all(r["s"] > 0 for r in report["markdown"])
    assert [(r["name"], r["refused"]) for r in report["files"]] == [*((n, True) for n in pathological.BRAND_EDITS), ("big-page", False)]
    assert sum("病态 Markdown 文字的检查最慢" in line or "十倍上限的文件" in line for line in report["targets"]) == 2


def test_every_address_of_the_scheme_has_its_page_type():
    import pagesizes

    expected = {
        "": "首页", "404.html": "404 页", "tags/": "五型", "workplan/": "工作要点目录", "workplan/2023/": "工作要点",
        "workplan/2023/points/9/": "要点的展示", "workplan/2023/points/9/3/": "要点的展示",
        "workplan/2023/progress/": "落实看板", "workplan/2023/progress/2/": "落实看板", "workplan/2023/compare/": "年度对比",
        "units/": "单位目录", "units/zhengwu/": "单位", "units/zhengwu/4/": "单位", "glossary/": "提法释义",
        "documents/": "引用文件", "updates/": "最近更新", "timeline/": "大事记目录", "timeline/2021/": "大事记（一年）",
        "timeline/2021/page/3/": "大事记（一年）", "guide/": "编辑指南", "guide/fields/": "编辑指南",
        "news/": "动态列表", "news/page/2/": "动态列表", "news/2023/": "动态列表", "news/2023/page/12/": "动态列表",
        "news/category/2/": "动态列表", "news/category/2/page/3/": "动态列表", "news/2023-yiyue-huiyi/": "动态与通知条目",
        "brands/": "支部品牌列表", "brands/page/7/": "支部品牌列表", "brands/wuxing/service/": "支部品牌·五型",
        "brands/wuxing/service/5/": "支部品牌·五型", "brands/hongse-yizhan/": "支部品牌条目",
        "members/su-wenjing/": "党员风采条目", "innovations/wuxing/clean/": "党建创新榜·五型",
    }
    assert {addr: pagesizes.page_type(addr) for addr in expected} == expected
    assert pagesizes.page_type("somewhere/else/") == "其他：somewhere"


def test_the_page_sizes_table_names_each_type_and_flags_a_page_over_the_limit():
    import pagesizes

    rows = [{"type": "单位", "pages": 250, "largest": "units/unit-001/", "largest_bytes": 310_000, "median_bytes": 40_000},
            {"type": "首页", "pages": 1, "largest": "", "largest_bytes": 30_000, "median_bytes": 30_000}]
    small = [{"type": "首页", "pages": 1, "largest": "", "largest_bytes": 29_000, "median_bytes": 29_000}]
    text = pagesizes.table({2500: small, 10000: rows})
    assert "| 单位 | - | - | 250 | 310 | `units/unit-001/` |" in text
    assert "| 首页 | 1 | 29 | 1 | 30 | `/` |" in text
    [over] = pagesizes.targets("N = 10,000", rows)
    assert over.startswith("（N = 10,000）未达到：单位") and "310 KB" in over and "units/unit-001/" in over
    [fine] = pagesizes.targets("N = 2,500", small)
    assert fine.startswith("（N = 2,500）达到") and "首页" in fine


def test_every_page_of_the_shipped_site_has_a_known_type(built_site):
    import pagesizes

    rows = pagesizes.by_type(built_site)
    assert not [r for r in rows if r["type"].startswith("其他")], rows
    types = {r["type"] for r in rows}
    assert {"首页", "404 页", "五型", "工作要点", "要点的展示", "落实看板", "单位", "提法释义", "最近更新"} <= types
    assert sum(r["pages"] for r in rows) == len([p for p in built_site.rglob("*.html")
                                                if p.relative_to(built_site).parts[0] not in ("assets", "search", "media")])
