"""Year against year, on a synthetic earlier year made here from the 2023 plan (never shipped)."""

from __future__ import annotations

import copy
import shutil

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOT, build_project

from generator import pipeline
from generator.model.seal import seal, seal_path
from generator.model.workplan import WorkPlan
from generator.pages import compare

FAKE_POINT = {"number": 0, "title": "测试用的虚构要点", "text": "这一条只在测试中出现，推进“测试提法甲”落地。"}


def synthetic_previous() -> dict:
    """2022 made from 2023: point 25 missing, a made-up point added, point 3 reworded, the
    first section's 五型 different. Every change here is one the comparison must find."""
    plan = yaml.safe_load((ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8"))
    old = copy.deepcopy(plan)
    old["year"], old["title"] = 2022, "2022年测试用工作要点"
    old["sections"][0]["wuxing"] = ["政治型", "服务型"]
    last = old["sections"][-1]["points"]
    last[:] = [p for p in last if p["number"] != 25]
    old["sections"][4]["points"].append(dict(FAKE_POINT))
    three = old["sections"][0]["points"][2]
    assert three["number"] == 3 and "持续开展政治机关意识教育" in three["text"]
    three["text"] = three["text"].replace("持续开展政治机关意识教育", "开展政治机关意识教育活动")
    number = 0
    for section in old["sections"]:
        for point in section["points"]:
            number += 1
            point["number"] = number
    return old


@pytest.fixture(scope="module")
def plans():
    new = WorkPlan.model_validate(yaml.safe_load((ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8")))
    return WorkPlan.model_validate(synthetic_previous()), new


def test_points_are_paired_by_text_not_number(plans):
    old, new = plans
    found = compare.compare(old, new)
    assert [p.number for p in found.added] == [25]
    assert [p.title for p in found.removed] == [FAKE_POINT["title"]]
    assert [(pair.old.number, pair.new.number) for pair in found.reworded] == [(3, 3)]
    # The made-up point is 2022's 22nd: the three points of the last section moved up by one.
    assert len(found.unchanged) == 23
    moved = {(p.old.number, p.new.number) for p in found.unchanged if p.old.number != p.new.number}
    assert moved == {(23, 22), (24, 23), (25, 24)}


def test_a_reworded_point_shows_a_character_level_diff(plans):
    pair = compare.compare(*plans).reworded[0]
    assert pair.title == [compare.Change("same", pair.new.title)]
    changes = [(c.op, c.text) for c in pair.text if c.op != "same"]
    assert changes == [("added", "持续"), ("removed", "活动")]
    rebuilt_old = "".join(c.text for c in pair.text if c.op != "added")
    rebuilt_new = "".join(c.text for c in pair.text if c.op != "removed")
    assert rebuilt_old == pair.old.text and rebuilt_new == pair.new.text


def test_short_runs_between_changes_fold_into_one_change():
    runs = compare.diff("甲乙丙丁戊", "甲子丙寅戊")
    assert [(c.op, c.text) for c in runs] == [("same", "甲"), ("removed", "乙丙丁"), ("added", "子丙寅"), ("same", "戊")]


def test_sections_whose_wuxing_changed_and_slogans_gone_or_new(plans):
    found = compare.compare(*plans)
    assert [(s["old"].numeral, [w.value for w in s["old"].wuxing], [w.value for w in s["new"].wuxing])
            for s in found.sections] == [("一", ["政治型", "服务型"], ["政治型"])]
    assert found.old_terms == [("测试提法甲", [22])]
    assert found.new_terms == [("三级三长", [25]), ("评星定级", [25])]


@pytest.fixture(scope="module")
def two_years(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("years")
    data = tmp / "data"
    shutil.copytree(ROOT / "data", data)
    earlier = data / "workplans" / "2022.yml"
    earlier.write_text(yaml.safe_dump(synthetic_previous(), allow_unicode=True), encoding="utf-8")
    # Every plan is sealed; this one is sealed here, as an editor would after checking it.
    seal_path(earlier).write_text(seal(WorkPlan.model_validate(synthetic_previous())), encoding="utf-8")
    result, site = build_project(tmp, data)
    assert result.returncode == 0, result.stderr
    return data, site


@pytest.mark.slow
def test_compare_page_is_built_and_linked_from_the_later_plan_only(two_years):
    data, site = two_years
    page = BeautifulSoup((site / "workplan" / "2023" / "compare" / "index.html").read_text(encoding="utf-8"), "html.parser")
    article = page.select_one("article")
    assert article.h1.get_text(strip=True).startswith("2023 年与 2022 年工作要点对比")
    # The board's rules (its diff's colours among them) are in the one stylesheet every page links.
    assert any(link["href"].endswith("assets/stylesheets/showcase.css") for link in page.select("link[rel=stylesheet]"))
    assert ".cmp-diff ins" in (site / "assets" / "stylesheets" / "showcase.css").read_text(encoding="utf-8")
    diff = article.select_one(".cmp-diff")
    assert [d.get_text() for d in diff.select("ins")] == ["［新增：持续］"]
    assert [d.get_text() for d in diff.select("del")] == ["［删去：活动］"]
    assert "测试提法甲" in article.find(id="old-terms").find_next("ul").get_text()
    assert "三级三长" in article.find(id="new-terms").find_next("ul").get_text()
    later = (site / "workplan" / "2023" / "index.html").read_text(encoding="utf-8")
    earlier = (site / "workplan" / "2022" / "index.html").read_text(encoding="utf-8")
    assert "compare/" in later and "compare/" not in earlier
    assert not (site / "workplan" / "2022" / "compare").exists()
    assert (site / "workplan" / "2022" / "progress" / "index.html").exists()


def test_one_year_has_no_compare_page():
    pages = pipeline.build(ROOT / "data", ROOT)
    assert not [p for p in pages if p.endswith("compare.md")]
