"""Branch secretaries' forum proceedings (党支部书记论坛)."""

from __future__ import annotations

import datetime

from pydantic import Field

from .catalog import Kind
from .render import render_kind
from .common import Entry, Id, MarkdownText, Model, PlainText


class Speaker(Model):
    """One talk at a forum session."""

    name: PlainText = Field(title="发言人", examples=["周明远"])
    branch: Id = Field(title="所属党支部", description="data/units.yml 中党支部的标识")
    title: PlainText = Field(title="发言题目")
    summary: PlainText = Field(title="发言摘要")


class Forum(Entry):
    """One forum session and its talks."""

    session: int = Field(ge=1, title="期数", description="第几期论坛", examples=[1])
    date: datetime.date = Field(title="举办日期", description="格式 YYYY-MM-DD", examples=["2023-06-28"])
    theme: PlainText = Field(title="论坛主题", examples=["如何当好党支部书记"])
    venue: PlainText = Field(title="举办地点")
    host_unit: Id = Field(title="承办单位", description="data/units.yml 中单位的标识")
    speakers: list[Speaker] = Field(min_length=1, title="发言")
    summary: MarkdownText = Field(title="论坛综述")

    @property
    def heading(self) -> str:
        return f"第{self.session}期：{self.theme}"

    @property
    def sort_key(self) -> tuple:
        return (-self.date.toordinal(), -self.session)

    @property
    def year(self) -> int:
        return self.date.year

    def branch_refs(self):
        return [(("speakers", i, "branch"), s.branch) for i, s in enumerate(self.speakers)]

    def unit_refs(self):
        return [(("host_unit",), self.host_unit)]


KIND = Kind("forums", "书记论坛", Forum,
            intro="党支部书记论坛历次会议的主题、发言和综述，按举办日期排列。",
            card="cards/forum.md.j2")


def render(catalog) -> dict[str, str]:
    """``/forums/`` and one page per forum session."""
    return render_kind(catalog, KIND, "forum.md.j2")
