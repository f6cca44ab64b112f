"""Member showcases (党员风采展)."""

from __future__ import annotations

from pydantic import ConfigDict, Field

from ..model.catalog import Kind, Portal
from ..model.fields import BranchRef, Entry, MarkdownText, MediaPath, Model, PlainText, ShortText, Year

HONOURS = 30  # honours one member lists: the largest in data/ has 3


class Honour(Model):
    """An honour a member received."""

    model_config = ConfigDict(title="荣誉")

    year: Year = Field(title="获得年份")
    title: ShortText = Field(title="荣誉名称", examples=["优秀共产党员"])


class Member(Entry):
    """One member's showcase: who they are, what they did, in their own words."""

    model_config = ConfigDict(title="党员风采")

    name: ShortText = Field(title="姓名", examples=["林晓岚"])
    branch: BranchRef = Field(title="所属党支部", description="data/units.yml 中党支部的标识", examples=["zhengwu-first"])
    post: ShortText = Field(title="职务", examples=["综合科科长"])
    year: Year = Field(title="展示年份")
    category: ShortText = Field(title="展示类别", description="例如 党员风采展、最美党务工作者", examples=["党员风采展"])
    honours: list[Honour] = Field(default_factory=list, max_length=HONOURS, title="所获荣誉")
    quote: PlainText | None = Field(default=None, title="个人感言（可选）", examples=["把群众的事当成自己的事。"])
    story: MarkdownText = Field(title="事迹", examples=["扎根综合窗口十余年，牵头梳理办事指南，带头开展帮办代办服务。"])
    photo: MediaPath | None = Field(default=None, title="照片（可选）", description="不填则显示统一的占位图",
                                    examples=["media/members/lin-xiaolan.svg"])

    @property
    def heading(self) -> str:
        return self.name

    @property
    def picture(self) -> str | None:
        return self.photo


KIND = Kind("members", "党员风采", Member,
            intro="党员风采展和“最美党务工作者”展示的党员事迹，按展示年份排列。",
            name="member", card="cards/member.md.j2", page="member.md.j2", order=2,
            portal=Portal(counter="位", tile="党员风采展", text="位党员的事迹。"))
