"""Cited documents: found in the plans' 《》 at build time, details from an optional file."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, seal_plans

from generator import pipeline
from generator.errors import DataErrors
from generator.model import documents

# The 13 titles the 2023 plan cites, read by hand from the source, in the order cited.
CITED_2023 = [
    ("关于新形势下党内政治生活的若干准则", [4]),
    ("关于加强服务型机关建设的若干意见", [6]),
    ("关于开展“机关党建助力乡村振兴、打造塞上乡村乐园行动”的指导意见", [9]),
    ("关于加强廉洁型机关建设的通知", [16]),
    ("中国共产党支部工作条例（试行）", [18]),
    ("关于实施基层党组织建设提质增效工程的意见", [18]),
    ("中国共产党国有企业基层组织工作条例（试行）", [19]),
    ("关于加强新时代离退休干部党的建设工作的实施意见", [19]),
    ("关于进一步加强机关所属事业单位基层党建工作的意见", [19]),
    ("2019-2023年全国党员教育培训工作规划", [20]),
    ("省委直属机关基层党组织党建活动经费管理办法", [21]),
    ("党委（党组）落实全面从严治党主体责任规定", [22]),
    ("中国共产党党和国家机关基层组织工作条例", [25]),
]


@pytest.fixture(scope="module")
def catalog():
    return pipeline.load(ROOT / "data", ROOT)


def test_every_cited_title_is_found_with_its_points(catalog):
    assert [(d.title, [p.number for p in d.places]) for d in catalog.documents] == CITED_2023


def test_details_come_only_from_the_data_file(catalog):
    issuers = {d.title: d.info.issuer for d in catalog.documents if d.info}
    assert issuers == {"关于实施基层党组织建设提质增效工程的意见": "省委",
                       "关于加强新时代离退休干部党的建设工作的实施意见": "省委"}


def test_anchors_are_stable_ascii_and_unique(catalog):
    ids = [d.id for d in catalog.documents]
    assert len(set(ids)) == len(ids)
    assert all(i.startswith("doc-") and i.isascii() for i in ids)
    # the same title gives the same anchor in every build and every year
    assert documents.Document("中国共产党支部工作条例（试行）").id == "doc-3048a76a"


PLAN = """year: {year}
title: 要点
overall: 学习《甲条例》。
sections:
  - numeral: 一
    title: 第一部分
    points:
      - number: 1
        title: 落实《乙办法》
        text: 贯彻《甲条例》和《乙办法》。
"""


def data_dir(tmp_path: Path, extra: str | None = None, years=(2023,)) -> Path:
    data = tmp_path / "data"
    (data / "workplans").mkdir(parents=True)
    for year in years:
        (data / "workplans" / f"{year}.yml").write_text(PLAN.format(year=year), encoding="utf-8")
    if extra is not None:
        (data / "documents.yml").write_text(extra, encoding="utf-8")
    seal_plans(data)
    return data


def test_a_document_is_listed_once_per_place_newest_year_first(tmp_path):
    plan_2024 = PLAN.format(year=2024).replace("《甲条例》。", "《丙规定》。")
    data = data_dir(tmp_path)
    (data / "workplans" / "2024.yml").write_text(plan_2024, encoding="utf-8")
    seal_plans(data)
    found = pipeline.load(data, tmp_path).documents
    assert [(d.title, [p.label for p in d.places]) for d in found] == [
        ("丙规定", ["2024 年总体要求"]),
        ("乙办法", ["2023 年第 1 条", "2024 年第 1 条"]),
        ("甲条例", ["2023 年总体要求", "2023 年第 1 条", "2024 年第 1 条"]),
    ]


def test_the_data_file_may_add_issuer_date_and_anchor(tmp_path):
    data = data_dir(tmp_path, "documents:\n  - title: 乙办法\n    issuer: 某机关\n    date: 2020-05-01\n    id: yi-banfa\n")
    page = pipeline.render(pipeline.load(data, tmp_path))["documents/index.md"]
    assert "## 《乙办法》 {#yi-banfa}\n\n原文：落实《乙办法》" in page
    assert "\n发文机关：某机关　日期：2020年5月1日\n" in page
    assert "[2023 年第 1 条：落实《乙办法》](../workplan/2023.md#point-1)" in page


def test_an_unknown_title_in_the_data_file_is_an_error_with_a_suggestion(tmp_path):
    data = data_dir(tmp_path, "documents:\n  - title: 乙管理办法\n  - title: 甲条例\n    id: jia\n"
                              "  - title: 甲条例\n    id: jia\n")
    with pytest.raises(DataErrors) as exc:
        pipeline.load(data, tmp_path)
    assert [str(p) for p in exc.value.problems] == [
        "data/documents.yml:2:12: documents[0].title: 工作要点中没有引用《乙管理办法》：是不是“乙办法”？",
        "data/documents.yml:5:12: documents[2].title: 文件“甲条例”重复：第 3 行已有，请合并。",
        "data/documents.yml:6:9: documents[2].id: 锚点“jia”重复：第 4 行已使用，请换一个。",
    ]


def test_no_citation_still_gives_the_page(tmp_path):
    data = data_dir(tmp_path)
    plan = (data / "workplans" / "2023.yml")
    plan.write_text(plan.read_text(encoding="utf-8").replace("《", "").replace("》", ""), encoding="utf-8")
    seal_plans(data)
    page = pipeline.render(pipeline.load(data, tmp_path))["documents/index.md"]
    assert "暂未用书名号《》引用文件" in page


def test_each_document_quotes_the_plans_sentence_citing_it_first(catalog):
    """A search result for a document shows its section's first sentence holding the title:
    the plan's own sentence, verbatim (data/workplans/2023.yml, point 9), not the list of points."""
    from generator.pages import reference

    page = reference.render_documents(catalog.documents)["documents/index.md"]
    section = page.split("《关于开展“机关党建助力乡村振兴、打造塞上乡村乐园行动”的指导意见》 {#", 1)[1]
    first = section.split("\n\n", 2)[1]
    assert first.startswith("原文：")
    quoted = first.removeprefix("原文：").split("（[", 1)[0].replace("……", "")
    plan = (ROOT / "data" / "workplans" / "2023.yml").read_text(encoding="utf-8")
    assert "《关于开展“机关党建助力乡村振兴、打造塞上乡村乐园行动”的指导意见》" in quoted and quoted in plan
    assert section.index("原文：") < section.index("引用它的要点")
