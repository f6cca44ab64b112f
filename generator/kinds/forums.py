"""Branch secretaries' forum proceedings (党支部书记论坛)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ..model.catalog import Kind, Portal
from ..model.fields import BranchRef, Date, Entry, Gallery, Integer, MarkdownText, MediaPath, Model, PlainText, ShortText, UnitRef

SPEAKERS = 50  # talks at one session: the largest in data/ has 4


class Speaker(Model):
    """One talk at a forum session."""

    model_config = ConfigDict(title="论坛发言")

    name: ShortText = Field(title="发言人", examples=["周明远"])
    branch: BranchRef = Field(title="所属党支部", description="data/units.yml 中党支部的标识", examples=["zhengwu-first"])
    title: ShortText = Field(title="发言题目", examples=["把攻坚项目作为支部工作的抓手"])
    summary: PlainText = Field(title="发言摘要", examples=["介绍支部把重点任务列为攻坚项目、党员认领推进的做法。"])


class Forum(Entry):
    """One forum session and its talks."""

    model_config = ConfigDict(title="书记论坛")

    session: Integer = Field(ge=1, le=9999, title="期数", description="第几期论坛", examples=[1])
    date: Date = Field(title="举办日期", description="格式 YYYY-MM-DD", examples=["2023-06-28"])
    theme: ShortText = Field(title="论坛主题", examples=["如何当好党支部书记"])
    venue: ShortText = Field(title="举办地点", examples=["机关三楼第一会议室"])
    host_unit: UnitRef = Field(title="承办单位", description="data/units.yml 中单位的标识", examples=["zhengwu"])
    speakers: list[Speaker] = Field(min_length=1, max_length=SPEAKERS, title="发言")
    summary: MarkdownText = Field(title="论坛综述", examples=["本期论坛围绕主题交流了党建业务融合、书记带头示范等经验。"])
    cover: MediaPath | None = Field(default=None, title="题图（可选）", description="卡片上显示的图片；不填时用第一张照片",
                                    examples=["media/forums/luntan-1.jpg"])
    photos: Gallery = Field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"第{self.session}期：{self.theme}"

    @property
    def sort_key(self) -> tuple:
        return (-self.date.toordinal(), -self.session)

    @property
    def year(self) -> int:
        return self.date.year

    @property
    def picture(self) -> str | None:
        """The picture its card shows: the cover, else the first photo."""
        return self.cover or (self.photos[0].file if self.photos else None)


KIND = Kind("forums", "书记论坛", Forum,
            intro="党支部书记论坛历次会议的主题、发言和综述，按举办日期排列。",
            name="forum", card="cards/forum.md.j2", page="forum.md.j2", order=3, timeline=1,
            portal=Portal(counter="期", tile="党支部书记论坛", text="期论坛的主题、发言和综述。"))
