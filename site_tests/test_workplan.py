"""The 2023 work points: transcription to the character, model checks."""

import re
from pathlib import Path

import pytest
from conftest import FIXTURES, ROOT

from generator import pipeline
from generator.errors import DataErrors
from generator.model import workplan
from generator.model.validate import validate
from generator.source import loader

SOURCE = FIXTURES / "workplan-2023-source.txt"


def source_paragraphs() -> list[str]:
    return [line for line in SOURCE.read_text(encoding="utf-8").split("\n") if line.strip()]


@pytest.fixture(scope="module")
def plan() -> workplan.WorkPlan:
    return pipeline.load(ROOT / "data", ROOT).workplans[2023]


def test_title_and_overall_requirement_are_verbatim(plan):
    paragraphs = source_paragraphs()
    assert plan.title == paragraphs[0]
    assert plan.overall == paragraphs[1]


def test_six_sections_with_their_wuxing(plan):
    headings = [p for p in source_paragraphs() if re.match(r"^[一二三四五六]、", p)]
    assert [f"{s.numeral}、{s.title}" for s in plan.sections] == headings
    assert [[w.value for w in s.wuxing] for s in plan.sections] == [
        ["政治型"], ["服务型", "实干型"], ["文明型"], ["廉洁型"], [], []]


def test_every_point_gives_back_its_source_paragraph(plan):
    # The source writes "N." before a point; once (point 14) it is followed by a space, and
    # the last line ends with trailing spaces. Neither is part of a title or a text.
    expected = [re.sub(r"^(\d+)\.\s+", r"\1.", p.rstrip()) for p in source_paragraphs()
                if re.match(r"^\d+\.", p)]
    rebuilt = [f"{p.number}.{p.title}。{p.text}" for _, p in plan.points()]
    assert len(rebuilt) == 25
    assert rebuilt == expected


def test_titles_are_first_sentences(plan):
    for _, point in plan.points():
        assert "。" not in point.title
        assert point.title and point.text


def plan_source(tmp_path: Path, text: str, name: str = "2023.yml") -> tuple[Path, loader.Source]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path, loader.read_yaml(path, tmp_path)


GOOD = """year: 2023
title: 要点
overall: 总体要求
sections:
  - numeral: 一
    title: 第一部分
    wuxing: [政治型]
    points:
      - number: 1
        title: 甲
        text: 甲文
      - number: {second}
        title: 乙
        text: 乙文
"""


def test_points_must_run_from_one_without_gaps(tmp_path):
    path, source = plan_source(tmp_path, GOOD.format(second=3))
    plan, problems = validate(workplan.WorkPlan, source)
    assert problems == []
    assert [str(p) for p in workplan.check(plan, source, path)] == [
        "2023.yml:12:17: sections[0].points[1].number: 序号应为 2，现在是 3：要点须从 1 起连续编号。"]


def test_year_must_match_file_name(tmp_path):
    path, source = plan_source(tmp_path, GOOD.format(second=2), name="2024.yml")
    plan, _ = validate(workplan.WorkPlan, source)
    assert [str(p) for p in workplan.check(plan, source, path)] == [
        "2024.yml:1:7: year: 年份 2023 与文件名“2024.yml”不一致：请把文件改名为 2023.yml 或改正年份。"]


def test_unknown_wuxing_and_missing_text_are_reported_together(tmp_path):
    text = GOOD.format(second=2).replace("[政治型]", "[政治性]").replace("        text: 乙文\n", "")
    _, source = plan_source(tmp_path, text)
    _, problems = validate(workplan.WorkPlan, source)
    assert [str(p) for p in problems] == [
        "2023.yml:7:14: sections[0].wuxing[0]: “政治性”不是可选的值：只能是 政治型、服务型、实干型、文明型、廉洁型 之一。是不是想写“政治型”？",
        "2023.yml:12:9: sections[0].points[1].text: 缺少必填字段“text”（正文）：请补上。",
    ]


def test_load_reports_problems_of_all_files_at_once(tmp_path):
    data = tmp_path / "data" / "workplans"
    data.mkdir(parents=True)
    (data / "2023.yml").write_text(GOOD.format(second=5), encoding="utf-8")
    (data / "2024.yml").write_text("year: 2024\ntitle: [\n", encoding="utf-8")
    with pytest.raises(DataErrors) as exc:
        pipeline.load(tmp_path / "data", tmp_path)
    paths = {p.path for p in exc.value.problems}
    assert paths == {"data/workplans/2023.yml", "data/workplans/2024.yml"}
