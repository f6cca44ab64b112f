"""Units (单位) and their party branches (党支部): the ids every other kind refers to."""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, ConfigDict, Field

from ..errors import Problem
from ..source.loader import Source
from .fields import Flag, Id, MediaPath, Model, ShortText
from .safety import RESERVED_IDS, reserved_id_problem

# Each unit is a column of the 落实看板 and a page of its own: 300 units (even empty ones) make
# a board of about 450 KB (16 KB compressed). data/ has 4 units of at most 3 branches; the
# benchmark's largest, 125 of at most 5.
UNITS = 300
BRANCHES = 50
SHORT_NAMES = 5  # a unit's or branch's short names (简称): found by search, shown on the unit's page


def _one_or_more(value: object) -> object:
    """``short: 数据局`` is read as ``short: [数据局]``."""
    return [value] if isinstance(value, str) else value


def _either(schema: dict) -> None:
    """The JSON Schema of ShortNames: one name or a list (an editor's IDE accepts both)."""
    array = {key: schema.pop(key) for key in ("type", "items", "maxItems") if key in schema}
    schema["anyOf"] = [array["items"], array]


# One short name or a list of them.
ShortNames = Annotated[list[ShortText], Field(max_length=SHORT_NAMES, json_schema_extra=_either),
                       BeforeValidator(_one_or_more)]


class Branch(Model):
    """A party branch of a unit."""

    model_config = ConfigDict(title="党支部")

    id: Id = Field(title="党支部标识", examples=["zhengwu-first"])
    name: ShortText = Field(title="党支部名称", examples=["第一党支部"])
    short: ShortNames = Field(
        default_factory=list, title="简称（可选）",
        description="大家平时怎么叫它，一个或一组（如 [窗口支部]）：在搜索中能找到，只在单位页面上列出", examples=["窗口支部"])

    @property
    def short_names(self) -> list[str]:
        return list(self.short)


class Unit(Model):
    """A unit (单位) with its party branches."""

    model_config = ConfigDict(title="单位")

    id: Id = Field(title="单位标识", examples=["zhengwu"])
    name: ShortText = Field(title="单位名称", examples=["示例市政务服务局"])
    short: ShortNames = Field(
        default_factory=list, title="简称（可选）",
        description="大家平时怎么叫它，一个或一组（如 [数据局, 市数据局]）：在搜索中能找到，在单位页面上列出，"
                    "落实看板的矩阵以第一个作为这一列的表头", examples=["数据局"])
    sample: Flag = Field(default=False, title="示例", description="true 表示虚构的示例单位")
    picture: MediaPath | None = Field(default=None, title="图片（可选）", description="单位页面和单位列表上显示的图片",
                                      examples=["media/units/zhengwu.jpg"])
    branches: list[Branch] = Field(default_factory=list, max_length=BRANCHES, title="党支部")

    @property
    def short_names(self) -> list[str]:
        """The unit's short names and its branches', each once: what search finds the unit's page by."""
        return list(dict.fromkeys(self.short + [s for b in self.branches for s in b.short]))


class UnitsFile(Model):
    """``data/units.yml``: every unit of the site."""

    model_config = ConfigDict(title="单位和党支部")

    units: list[Unit] = Field(min_length=1, max_length=UNITS, title="单位")


def check(units: UnitsFile, source: Source, media_problem=None, reserved: frozenset[str] = RESERVED_IDS) -> list[Problem]:
    """Unit ids and branch ids are each unique across the file and no unit id is ``reserved``;
    each picture can be published."""
    problems = []
    for ui, unit in enumerate(units.units):
        problem = media_problem(unit.picture) if unit.picture and media_problem else None
        if problem:
            problems.append(source.problem(("units", ui, "picture"), problem))
    for ui, unit in enumerate(units.units):
        problem = reserved_id_problem(unit.id, "单位", reserved)
        if problem:
            problems.append(source.problem(("units", ui, "id"), problem))
    ids = [place for ui, unit in enumerate(units.units) for place in [(("units", ui, "id"), unit.id)] + [
           (("units", ui, "branches", bi, "id"), b.id) for bi, b in enumerate(unit.branches)]]
    for loc, ident, line in source.repeats(ids):
        problems.append(source.problem(loc, f"标识“{ident}”重复：第 {line} 行已使用，单位和党支部的标识都必须唯一，请换一个。"))
    return problems
