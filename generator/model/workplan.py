"""The year's work points (工作要点): model, checks and pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from pydantic import ConfigDict, Field

from .. import addresses
from ..addresses import PointId
from ..errors import Problem
from ..source.loader import Source
from .fields import UNIQUE, Integer, LongText, Model, PlainText, WuXing, Year

# A plan is official text: its limits hold any year's plan (2023's: 6 sections, 25 points, a
# point's text of 245 characters), and a point's text may run to LongText's 20,000.
POINTS = 99     # numbers in a year: a point is cited as year-number, with two digits at most
SECTIONS = 20   # parts of a plan, numbered 一 to 二十

class WorkPoint(Model):
    """One numbered point: its first sentence is the title, the rest is the text."""

    model_config = ConfigDict(title="工作要点")

    number: Integer = Field(ge=1, le=POINTS, title="序号", description="全年统一编号，从 1 开始连续")
    title: PlainText = Field(title="标题", description="原文首句，不含句末“。”")
    text: LongText = Field(title="正文", description="首句之后的全部原文")


class WorkSection(Model):
    """One part of the plan, headed by a Chinese numeral (一、二、...)."""

    model_config = ConfigDict(title="部分")

    numeral: str = Field(pattern=r"^[一二三四五六七八九十]+$", max_length=3, title="部分序号", description="汉字序号，例如 一")
    title: PlainText = Field(title="部分标题")
    wuxing: list[WuXing] = Field(default_factory=list, max_length=len(WuXing), json_schema_extra=UNIQUE, title="五型",
                                 description="本部分推进的“五型”机关类型，可为空")
    points: list[WorkPoint] = Field(min_length=1, max_length=POINTS, title="工作要点")


class WorkPlan(Model):
    """A year's work points as published, kept character for character."""

    model_config = ConfigDict(title="年度工作要点")

    year: Year
    title: PlainText = Field(title="文件标题")
    overall: LongText = Field(title="总体要求")
    sections: list[WorkSection] = Field(min_length=1, max_length=SECTIONS, title="各部分")

    def points(self) -> list[tuple[WorkSection, WorkPoint]]:
        """Every point with its section, in reading order."""
        return [(s, p) for s in self.sections for p in s.points]

    @cached_property
    def numbered(self) -> dict[int, WorkPoint]:
        """Points by number: thousands of entries look their points up while linking."""
        found: dict[int, WorkPoint] = {}
        for _, p in self.points():
            found.setdefault(p.number, p)  # the first of a repeated number, as `check` reports it
        return found

    def point(self, number: int) -> WorkPoint | None:
        return self.numbered.get(number)

    @cached_property
    def places(self) -> dict[int | None, PlanPlace]:
        """The overall part (None) and every point, by number, in reading order: built once, since
        every glossary term is looked for in them and each point's text joins its title."""
        found: dict[int | None, PlanPlace] = {None: PlanPlace(self.year, None, "总体要求", self.overall)}
        for _, p in self.points():
            found.setdefault(p.number, PlanPlace(self.year, p.number, p.title, f"{p.title}。{p.text}"))
        return found


def check(plan: WorkPlan, source: Source, path: Path) -> list[Problem]:
    """Checks across fields: the year matches the file name, points run 1..N."""
    problems = []
    if path.stem != str(plan.year):
        problems.append(source.problem(("year",), f"年份 {plan.year} 与文件名“{path.name}”不一致：请把文件改名为 {plan.year}.yml 或改正年份。"))
    expected = 1
    for si, section in enumerate(plan.sections):
        for pi, point in enumerate(section.points):
            if point.number != expected:
                problems.append(source.problem(("sections", si, "points", pi, "number"),
                                               f"序号应为 {expected}，现在是 {point.number}：要点须从 1 起连续编号。"))
            expected = point.number + 1
    return problems


@dataclass(frozen=True)
class PlanPlace:
    """A place in a year's plan that other pages point at: a point, or the overall part."""

    year: int
    number: int | None  # None: the overall requirement (总体要求)
    title: str
    words: str = field(compare=False, repr=False)  # the source text of that place

    @property
    def label(self) -> str:
        return f"{self.year} 年第 {self.number} 条" if self.number else f"{self.year} 年总体要求"

    @property
    def url(self) -> str:
        """Path under docs, with the point's anchor."""
        return addresses.point(self.year, self.number) if self.number else addresses.workplan(self.year)


def places(plans: dict[int, WorkPlan]) -> list[PlanPlace]:
    """The overall part and every point of every plan, oldest year first, in reading order."""
    return [place for year in sorted(plans) for place in plans[year].places.values()]


def places_using(plans: dict[int, WorkPlan], words: str) -> list[PlanPlace]:
    """The places whose source text contains ``words``."""
    return [p for p in places(plans) if words in p.words]


def place_of(plans: dict[int, WorkPlan], ref: str) -> PlanPlace | None:
    """The place ``"2023-2"`` (point 2) or ``"2023-总体要求"`` names, if it exists."""
    point = PointId.parse(ref)
    if point is not None:
        plan = plans.get(point.year)
        return plan.places.get(point.number) if plan else None
    year, _, where = ref.partition("-")
    plan = plans.get(int(year)) if year.isascii() and year.isdigit() and where == "总体要求" else None
    return plan.places.get(None) if plan else None
