"""Showcase kinds on a small fixture: golden pages, references, samples, unit listings."""

import re
import shutil

import pytest
from conftest import FIXTURES, ROOT, WAITING, assert_golden

from generator import pipeline
from generator.addresses import PointId
from generator.errors import DataErrors
from generator.kinds import KINDS

MINI = FIXTURES / "mini"
SHIPPED = ("brands", "members", "forums", "innovations", "news")  # the kinds the fixture was written with


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    # Built from a copy outside the repository: golden pages must not depend on its history
    # (inside it, each page would show the date of the last commit touching its file).
    data = tmp_path_factory.mktemp("mini") / "data"
    shutil.copytree(MINI, data)
    return pipeline.build(data, data.parent)


@pytest.mark.parametrize("uri", [
    "brands/qingfeng.md", "members/lin-a.md", "forums/first.md", "innovations/smart.md",
    "units/alpha.md", "units/index.md", "brands/index.md", "workplan/2023.md",
    "workplan/2023/progress.md", "workplan/2023/points/1.md", "brands/wuxing/political.md",
])
def test_page_matches_golden(pages, uri):
    assert_golden("mini/" + uri, pages[uri])


def test_pages_are_generated_for_every_entry_and_unit(pages):
    # a kind the fixture has no entries of (one added to the registry) has its listing alone
    added = [f"{kind.key}/index.md" for kind in KINDS if kind.key not in SHIPPED]
    assert sorted(pages) == sorted(added + [
        "brands/index.md", "brands/qingfeng.md", "brands/wuxing/clean.md", "brands/wuxing/political.md",
        "documents/index.md", "forums/first.md", "forums/index.md", "forums/wuxing/political.md",
        "glossary/index.md", "guide/fields.md", "innovations/index.md",
        "innovations/smart.md", "members/index.md", "members/lin-a.md",
        "news/category/1/index.md", "news/category/2/index.md", "news/index.md",
        "timeline/2023/index.md", "timeline/index.md",
        "units/alpha.md", "units/beta.md", "units/index.md", "updates/index.md", "workplan/2023.md",
        "workplan/2023/points/1.md", "workplan/2023/points/2.md", "workplan/2023/points/3.md",
        "workplan/2023/progress.md", "workplan/index.md",
    ])


def test_backlinks_and_unit_listings():
    catalog = pipeline.load(MINI, ROOT)
    cited = {key: sorted((k, [r.id for r in v]) for k, v in kinds.items())
             for key, kinds in catalog.citations.items()}
    assert cited == {
        PointId(2023, 1): [("brands", ["qingfeng"]), ("forums", ["first"])],
        PointId(2023, 2): [("members", ["lin-a"])],
        PointId(2023, 3): [("brands", ["qingfeng"]), ("innovations", ["smart"])],
    }
    listed = {uid: {k: [r.id for r in v] for k, v in kinds.items() if v} for uid, kinds in catalog.by_unit.items()}
    # the forum is hosted by alpha and has a speaker from beta's branch: it belongs to both
    assert listed == {
        "alpha": {"brands": ["qingfeng"], "forums": ["first"]},
        "beta": {"members": ["lin-a"], "forums": ["first"], "innovations": ["smart"]},
    }


def test_samples_false_drops_sample_units_and_entries(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    # keep only what is not sample and does not lean on a sample unit
    (data / "forums" / "first.yml").unlink()
    (data / "innovations" / "smart.yml").unlink()
    catalog = pipeline.load(data, tmp_path, samples=False)
    assert list(catalog.units) == ["alpha"]
    assert list(catalog.records) == [kind.key for kind in KINDS]
    assert {k: [r.id for r in v] for k, v in catalog.records.items() if v} == {"brands": ["qingfeng"]}


def copy_with(tmp_path, relative: str, old: str, new: str):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    path = data / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return data


def problems_of(data, root) -> list[str]:
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, root)
    return [str(p) for p in exc.value.problems]


def test_dangling_branch_names_file_line_and_choices(tmp_path):
    data = copy_with(tmp_path, "brands/qingfeng.yml", "branch: alpha-first", "branch: alpha-1")
    assert problems_of(data, tmp_path) == [
        "data/brands/qingfeng.yml:2:9: branch: 未知的党支部“alpha-1”。可选的有：alpha-first, alpha-second, beta-first。"]


def test_dangling_work_point(tmp_path):
    data = copy_with(tmp_path, "members/lin-a.yml", "points: [2023-2]", "points: [2023-26]")
    assert problems_of(data, tmp_path) == [
        "data/members/lin-a.yml:13:10: points[0]: 未知的工作要点“2023-26”：请写成“年份-序号”，现有：2023（1-3）。"]


def test_dangling_unit_and_speaker_branch_reported_together(tmp_path):
    data = copy_with(tmp_path, "forums/first.yml", "host_unit: alpha", "host_unit: gamma")
    path = data / "forums" / "first.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("branch: beta-first", "branch: beta-2"), encoding="utf-8")
    assert problems_of(data, tmp_path) == [
        "data/forums/first.yml:5:12: host_unit: 未知的单位“gamma”。可选的有：alpha, beta。",
        "data/forums/first.yml:12:13: speakers[1].branch: 未知的党支部“beta-2”。可选的有：alpha-first, alpha-second, beta-first。",
    ]


def test_missing_cover_image(tmp_path):
    data = copy_with(tmp_path, "brands/qingfeng.yml", "cover: media/brands/qingfeng.svg", "cover: media/brands/none.svg")
    assert problems_of(data, tmp_path) == [
        "data/brands/qingfeng.yml:14:8: cover: 找不到图片“media/brands/none.svg”：请把图片放到 data/media/brands/none.svg，或删去这一项。"]


def test_duplicate_branch_id_in_units(tmp_path):
    data = copy_with(tmp_path, "units.yml", "id: alpha-second", "id: alpha-first")
    assert problems_of(data, tmp_path) == [  # the forum's speaker from alpha-second waits for the fix
        "data/units.yml:1:1: " + WAITING.format(1),
        "data/units.yml:7:13: units[0].branches[1].id: 标识“alpha-first”重复：第 5 行已使用，单位和党支部的标识都必须唯一，请换一个。"]


def test_file_name_must_be_an_id(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(MINI, data)
    (data / "brands" / "qingfeng.yml").rename(data / "brands" / "QingFeng.yml")
    assert problems_of(data, tmp_path) == [
        "data/brands/QingFeng.yml:1:1: 文件名“QingFeng.yml”不能作标识：只能用小写英文字母、数字和连字符，例如 hongse-yizhan.yml，请改名。"]


def test_references_are_found_by_their_type_without_a_list_in_the_model():
    """A new kind declares BranchRef/UnitRef fields; the catalog finds them, nested ones too."""
    from pydantic import Field

    from generator.model.fields import BranchRef, Entry, Model, UnitRef

    class Visit(Model):
        branch: BranchRef
        unit: UnitRef | None = None

    class Trip(Entry):
        year: int = 2023
        host: UnitRef
        visits: list[Visit] = Field(default_factory=list)

    trip = Trip(host="alpha", visits=[Visit(branch="alpha-first"), Visit(branch="beta-first", unit="beta")])
    assert trip.branch_refs() == [(("visits", 0, "branch"), "alpha-first"), (("visits", 1, "branch"), "beta-first")]
    assert trip.unit_refs() == [(("host",), "alpha"), (("visits", 1, "unit"), "beta")]


def test_the_innovation_list_goes_by_award_level_then_rank(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "mini", data)
    for old in (data / "innovations").glob("*.yml"):
        old.unlink()
    awards = {"a": ("优秀案例", None), "b": ("三等奖", 2), "c": ("一等奖", 2), "d": ("二等奖", None), "e": ("一等奖", 1),
              "f": ("特等奖", None), "g": ("入围项目", 1), "h": ("三等奖", 1)}
    for ident, (award, rank) in awards.items():
        (data / "innovations" / f"{ident}.yml").write_text(
            f"title: 项目{ident}\nunit: alpha\nyear: 2023\naward: {award}\n" + (f"rank: {rank}\n" if rank else "")
            + "summary: 简介。\nwork: 做法。\n", encoding="utf-8")
    (data / "innovations" / "old.yml").write_text("title: 项目old\nunit: alpha\nyear: 2022\naward: 一等奖\nrank: 1\n"
                                                  "summary: 简介。\nwork: 做法。\n", encoding="utf-8")
    listing = pipeline.render(pipeline.load(data, tmp_path))["innovations/index.md"]
    order = re.findall(r"\[项目(\w+)\]", listing)
    assert order == ["f", "e", "c", "d", "h", "b", "g", "a", "old"]
